//! Event types and their modifiers, as GNU Emacs's keyboard.c handles them
//! for keymaps: parsing the modifier prefixes of event symbols ("C-M-f1",
//! "down-mouse-1") with the `event-symbol-element-mask` /
//! `event-symbol-elements` property caches, applying modifiers to a base
//! symbol through its `modifier-cache` property (copying `event-kind`),
//! putting the prefixes in canonical order, `event-convert-list` for
//! Lucid-style event lists like `(control meta ?a)`, solitary modifier
//! names, `make_ctrl_char`, and `internal-event-symbol-parse-modifiers`.
use crate::builtins::fns::lists::{f_put, get};
use crate::builtins::prelude::*;

pub const UP: i64 = 1;
pub const DOWN: i64 = 2;
pub const DRAG: i64 = 4;
pub const CLICK: i64 = 8;
pub const DOUBLE: i64 = 16;
pub const TRIPLE: i64 = 32;
pub const ALT: i64 = 0x040_0000;
pub const SUPER: i64 = 0x080_0000;
pub const HYPER: i64 = 0x100_0000;
pub const SHIFT: i64 = 0x200_0000;
pub const CTRL: i64 = 0x400_0000;
pub const META: i64 = 0x800_0000;
/// `CHAR_MODIFIER_MASK`: the modifier bits a character event can carry.
pub const CHAR_MODIFIER_MASK: i64 = ALT | SUPER | HYPER | SHIFT | CTRL | META;
/// `INTMASK` on a 64-bit build: the bits of a non-negative fixnum.
const INTMASK: i64 = MOST_POSITIVE_FIXNUM;

/// The modifier word that starts NAME at byte I (`parse_modifiers_uncached`'s
/// switch): its bit and the byte just past it, or None.
fn modifier_word_at(name: &[u8], i: usize) -> Option<(i64, usize)> {
    let single = |bit| Some((bit, i + 1));
    let multi = |bit, word: &str| {
        let w = word.as_bytes();
        (i + w.len() < name.len() && name[i..].starts_with(w)).then_some((bit, i + w.len()))
    };
    match name[i] {
        b'A' => single(ALT),
        b'C' => single(CTRL),
        b'H' => single(HYPER),
        b'M' => single(META),
        b'S' => single(SHIFT),
        b's' => single(SUPER),
        // Emacs tries each word in turn; a later match overrides an earlier one.
        b'd' => multi(DOUBLE, "double").or(multi(DOWN, "down")).or(multi(DRAG, "drag")),
        b't' => multi(TRIPLE, "triple"),
        b'u' => multi(UP, "up"),
        _ => None,
    }
}

/// keyboard.c `parse_modifiers_uncached`: the modifiers spelled at the start
/// of NAME (a symbol's name) and the byte where the unmodified name begins.
pub fn parse_modifiers_uncached(name: &[u8]) -> (i64, usize) {
    let mut modifiers = 0;
    let mut i = 0;
    while i + 1 < name.len() {
        let Some((bit, end)) = modifier_word_at(name, i) else { break };
        if end >= name.len() || name[end] != b'-' {
            break;
        }
        modifiers |= bit;
        i = end + 1;
    }
    let rest = &name[i..];
    if modifiers & (DOWN | DRAG | DOUBLE | TRIPLE) == 0 && rest.len() == 7 && rest.starts_with(b"mouse-") && rest[6].is_ascii_digit() {
        modifiers |= CLICK;
    }
    if modifiers & (DOUBLE | TRIPLE) == 0 && rest.len() > 6 && rest.starts_with(b"wheel-") {
        modifiers |= CLICK;
    }
    (modifiers, i)
}

/// The modifier prefixes of MODIFIERS in canonical order
/// (`apply_modifiers_uncached`); `click` is never written.
pub fn modifier_prefix(modifiers: i64) -> String {
    let mut p = String::new();
    for (bit, s) in [(ALT, "A-"), (CTRL, "C-"), (HYPER, "H-"), (META, "M-"), (SHIFT, "S-"), (SUPER, "s-")] {
        if modifiers & bit != 0 {
            p.push_str(s);
        }
    }
    for (bit, s) in [(DOUBLE, "double-"), (TRIPLE, "triple-"), (UP, "up-"), (DOWN, "down-"), (DRAG, "drag-")] {
        if modifiers & bit != 0 {
            p.push_str(s);
        }
    }
    p
}

/// The symbol named by MODIFIERS' prefixes followed by BASE's name, interned
/// (its name is a multibyte string, as `make_uninit_multibyte_string` makes,
/// holding the bytes of BASE's name as they are).
fn apply_modifiers_uncached(modifiers: i64, base: Value) -> Value {
    let name = base.sym().name.string_ref();
    let mut data = modifier_prefix(modifiers).into_bytes();
    let nchars = data.len() + name.nchars;
    data.extend_from_slice(&name.data);
    intern_string(heap().alloc_string(LispString::new(data, nchars, true)))
}

/// keyboard.c `modifier_names`, by bit number.
const MODIFIER_NAMES: [(u32, &str); 12] = [
    (0, "up"),
    (1, "down"),
    (2, "drag"),
    (3, "click"),
    (4, "double"),
    (5, "triple"),
    (22, "alt"),
    (23, "super"),
    (24, "hyper"),
    (25, "shift"),
    (26, "control"),
    (27, "meta"),
];

/// `lispy_modifier_list`: the modifier symbols of MODIFIERS, highest bit first.
fn lispy_modifier_list(modifiers: i64) -> Value {
    let mut l = Value::NIL;
    for &(bit, name) in MODIFIER_NAMES.iter() {
        if modifiers & (1 << bit) != 0 {
            l = cons(intern(name), l);
        }
    }
    l
}

/// keyboard.c `parse_modifiers`: (UNMODIFIED MASK) for an event type; for a
/// symbol, cached on its `event-symbol-element-mask` property (and the
/// Lispier `event-symbol-elements` filled in too); nil for anything else.
pub fn parse_modifiers(event: Value) -> LResult {
    if let Some(n) = event.as_fixnum() {
        return Ok(list2(Value::fixnum(n & ((1 << 22) - 1)), Value::fixnum(n & CHAR_MODIFIER_MASK)));
    }
    if !event.is_symbol() {
        return Ok(Value::NIL);
    }
    let mask_prop = intern("event-symbol-element-mask");
    let cached = get(event, mask_prop)?;
    if cached.is_cons() {
        return Ok(cached);
    }
    let name = event.sym().name.string_ref();
    let (modifiers, end) = parse_modifiers_uncached(&name.data);
    let rest = name.data[end..].to_vec();
    let multibyte = name.multibyte && !rest.is_ascii();
    let unmodified = intern_string(make_string_from_bytes(rest, multibyte));
    let elements = list2(unmodified, Value::fixnum(modifiers));
    f_put(&[event, mask_prop, elements])?;
    f_put(&[event, intern("event-symbol-elements"), cons(unmodified, lispy_modifier_list(modifiers))])?;
    Ok(elements)
}

/// The (base, modifier mask) `parse_modifiers` gives for a symbol or fixnum.
pub fn parse_modifiers_pair(event: Value) -> LResult<(Value, i64)> {
    let parsed = parse_modifiers(event)?;
    let mask = parsed.cdr_safe().car_safe().as_fixnum().unwrap_or(0);
    Ok((parsed.car_safe(), mask))
}

/// keyboard.c `apply_modifiers`: BASE (an unmodified symbol, or a fixnum)
/// with MODIFIERS applied, through BASE's `modifier-cache` property; the new
/// symbol inherits BASE's `event-kind` unless it has one.
pub fn apply_modifiers(modifiers: i64, base: Value) -> LResult {
    let modifiers = modifiers & INTMASK;
    if let Some(n) = base.as_fixnum() {
        return Ok(Value::fixnum(n | modifiers));
    }
    let cache_prop = intern("modifier-cache");
    let cache = get(base, cache_prop)?;
    let idx = Value::fixnum(modifiers & !CLICK);
    let entry = cache.iter().find(|e| e.is_cons() && e.car() == idx);
    let new_symbol = match entry {
        Some(e) => e.cdr(),
        None => {
            let s = apply_modifiers_uncached(modifiers, base);
            f_put(&[base, cache_prop, cons(cons(idx, s), cache)])?;
            s
        }
    };
    let kind_prop = intern("event-kind");
    if get(new_symbol, kind_prop)?.is_nil() {
        let kind = get(base, kind_prop)?;
        if !kind.is_nil() {
            f_put(&[new_symbol, kind_prop, kind])?;
        }
    }
    Ok(new_symbol)
}

/// keyboard.c `reorder_modifiers`: SYMBOL with its modifier prefixes in the
/// canonical order (so `M-C-x` becomes `C-M-x`).
pub fn reorder_modifiers(symbol: Value) -> LResult {
    let (base, mask) = parse_modifiers_pair(symbol)?;
    apply_modifiers(mask, base)
}

/// keyboard.c `parse_solitary_modifier`: the bit of a modifier named alone
/// (`control`, `C`, `meta`, `s` ...), 0 if SYMBOL names none.
pub fn parse_solitary_modifier(symbol: Value) -> i64 {
    if !symbol.is_symbol() {
        return 0;
    }
    let name: &[u8] = &symbol.sym().name.string_ref().data;
    let single = |bit| if name.len() == 1 { bit } else { 0 };
    let word = |w: &str| name == w.as_bytes();
    match name.first() {
        Some(b'A') => single(ALT),
        Some(b'a') if word("alt") => ALT,
        Some(b'C') => single(CTRL),
        Some(b'c') if word("ctrl") || word("control") => CTRL,
        Some(b'c') if word("click") => CLICK,
        Some(b'H') => single(HYPER),
        Some(b'h') if word("hyper") => HYPER,
        Some(b'M') => single(META),
        Some(b'm') if word("meta") => META,
        Some(b'S') => single(SHIFT),
        Some(b's') if word("shift") => SHIFT,
        Some(b's') if word("super") => SUPER,
        Some(b's') => single(SUPER),
        Some(b'd') if word("drag") => DRAG,
        Some(b'd') if word("down") => DOWN,
        Some(b'd') if word("double") => DOUBLE,
        Some(b't') if word("triple") => TRIPLE,
        Some(b'u') if word("up") => UP,
        _ => 0,
    }
}

/// The conses of a list as Emacs's `FOR_EACH_TAIL_SAFE` visits them: up to
/// the first non-cons tail, or until a cycle is detected (Brent's
/// teleporting tortoise).
pub struct SafeTails {
    tail: Value,
    tortoise: Value,
    n: u64,
    max: u64,
    done: bool,
}

impl SafeTails {
    pub fn new(l: Value) -> SafeTails {
        SafeTails { tail: l, tortoise: l, n: 2, max: 2, done: false }
    }
}

impl Iterator for SafeTails {
    type Item = Value;
    fn next(&mut self) -> Option<Value> {
        if self.done || !self.tail.is_cons() {
            return None;
        }
        let cur = self.tail;
        self.tail = cur.cdr();
        self.n -= 1;
        if self.n == 0 {
            self.max <<= 1;
            self.n = self.max;
            self.tortoise = self.tail;
        } else if self.tail == self.tortoise {
            self.done = true;
        }
        Some(cur)
    }
}

/// keyboard.c `lucid_event_type_list_p`: a proper list of fixnums and
/// symbols that is not a mouse event on a special area.
pub fn lucid_event_type_list_p(object: Value) -> bool {
    if !object.is_cons() {
        return false;
    }
    let head = object.car();
    if ["help-echo", "vertical-line", "mode-line", "tab-line", "header-line"].iter().any(|n| head == intern(n)) {
        return false;
    }
    let mut last = object;
    for c in SafeTails::new(object) {
        let elt = c.car();
        if !(elt.is_fixnum() || elt.is_symbol()) {
            return false;
        }
        last = c.cdr();
    }
    last.is_nil()
}

/// keyboard.c `make_ctrl_char`: the control version of character C.
pub fn make_ctrl_char(c: i64) -> i64 {
    let upper = c & !0o177;
    if !(0..0x80).contains(&c) {
        return c | CTRL;
    }
    let mut c = c & 0o177;
    if (0o100..0o140).contains(&c) {
        let oc = c;
        c &= !0o140;
        if (b'A' as i64..=b'Z' as i64).contains(&oc) {
            c |= SHIFT;
        }
    } else if (b'a' as i64..=b'z' as i64).contains(&c) {
        c &= !0o140;
    } else if c >= b' ' as i64 {
        c |= CTRL;
    }
    c | (upper & !CTRL)
}

/// `event-convert-list`: (MODIFIER... BASE) to an event type.
pub fn event_convert_list(event_desc: Value) -> LResult {
    let mut base = Value::NIL;
    let mut modifiers = 0;
    for c in SafeTails::new(event_desc) {
        let elt = c.car();
        let this = if elt.is_symbol() && c.cdr().is_cons() { parse_solitary_modifier(elt) } else { 0 };
        if this != 0 {
            modifiers |= this;
        } else if !base.is_nil() {
            return Err(error("Two bases given in one event"));
        } else {
            base = elt;
        }
    }
    if base.is_symbol() {
        let name = base.sym().name.string_ref();
        if name.nchars == 1 {
            base = Value::fixnum(name.data[0] as i64);
        }
    }
    if let Some(mut b) = base.as_fixnum() {
        if modifiers & SHIFT != 0 && (b'a' as i64..=b'z' as i64).contains(&b) {
            b -= (b'a' - b'A') as i64;
            modifiers &= !SHIFT;
        }
        if modifiers & CTRL != 0 {
            return Ok(Value::fixnum((modifiers & !CTRL) | make_ctrl_char(b)));
        }
        return Ok(Value::fixnum(modifiers | b));
    }
    if base.is_symbol() {
        return apply_modifiers(modifiers, base);
    }
    Err(error("Invalid base event"))
}

fn f_event_convert_list(a: &[Value]) -> LResult {
    event_convert_list(a[0])
}

/// `internal-event-symbol-parse-modifiers`: fills SYMBOL's caches and
/// returns its `event-symbol-elements` (BASE MODIFIER...).
fn f_internal_event_symbol_parse_modifiers(a: &[Value]) -> LResult {
    parse_modifiers(a[0])?;
    get(a[0], intern("event-symbol-elements"))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("event-convert-list", 1, 1, f_event_convert_list, "Convert the event description list EVENT-DESC to an event type."),
    SubrDef::new(
        "internal-event-symbol-parse-modifiers",
        1,
        1,
        f_internal_event_symbol_parse_modifiers,
        "Parse the event symbol.  For internal use.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};

    #[test]
    fn parses_prefixes() {
        setup();
        // (internal-event-symbol-parse-modifiers 'C-M-x) -> (x meta control)
        let r = f_internal_event_symbol_parse_modifiers(&[intern("C-M-x")]).unwrap();
        assert_eq!(list_to_vec(r), vec![intern("x"), intern("meta"), intern("control")]);
        assert_eq!(parse_modifiers_uncached(b"down-mouse-1"), (DOWN, 5));
        assert_eq!(parse_modifiers_uncached(b"mouse-1"), (CLICK, 0));
        assert_eq!(parse_modifiers_uncached(b"C-"), (CTRL, 2));
        assert_eq!(parse_modifiers_uncached(b"double-wheel-up"), (DOUBLE, 7));
        // (internal-event-symbol-parse-modifiers 5) -> (wrong-type-argument symbolp 5)
        assert!(f_internal_event_symbol_parse_modifiers(&[n(5)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SYMBOLP, n(5)]));
    }

    #[test]
    fn reorders() {
        setup();
        assert_eq!(reorder_modifiers(intern("M-C-s-f1")).unwrap(), intern("C-M-s-f1"));
        assert_eq!(reorder_modifiers(intern("down-C-mouse-1")).unwrap(), intern("C-down-mouse-1"));
    }

    #[test]
    fn converts_lists() {
        setup();
        let l = |v: &[Value]| list(v);
        // (event-convert-list '(control ?a)) -> 1; '(shift a) -> 65; '(meta f1) -> M-f1
        assert_eq!(event_convert_list(l(&[intern("control"), n(97)])).unwrap(), n(1));
        assert_eq!(event_convert_list(l(&[intern("shift"), intern("a")])).unwrap(), n(65));
        assert_eq!(event_convert_list(l(&[intern("meta"), intern("f1")])).unwrap(), intern("M-f1"));
        assert_eq!(event_convert_list(l(&[intern("control"), n(33)])).unwrap(), n(33 | CTRL));
        assert!(event_convert_list(l(&[n(1), n(2)])).is_err());
        assert!(event_convert_list(l(&[intern("meta"), make_string("x")])).is_err());
    }

    #[test]
    fn ctrl_chars() {
        assert_eq!(make_ctrl_char(b'a' as i64), 1);
        assert_eq!(make_ctrl_char(b'A' as i64), 1 | SHIFT);
        assert_eq!(make_ctrl_char(b'@' as i64), 0);
        assert_eq!(make_ctrl_char(b'1' as i64), 49 | CTRL);
        assert_eq!(make_ctrl_char(233), 233 | CTRL);
    }
}
