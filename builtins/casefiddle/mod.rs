//! Primitives of GNU Emacs's casefiddle.c: `upcase`, `downcase`,
//! `capitalize` and `upcase-initials` on characters and strings, with
//! Emacs's standard case table (Unicode simple mappings for non-ASCII, ß
//! upcasing to ẞ as a character), the unconditional special casings for
//! strings (`(upcase "ß")` is "SS"), title case for capitalization and the
//! Greek final-sigma rule.  The tables are generated from GNU Emacs itself
//! (see `gen_tables.el`).  Word boundaries follow the syntax table of the
//! batch default buffer (`*scratch*`); the region/word commands need
//! buffers and live elsewhere.
use crate::builtins::prelude::*;

#[rustfmt::skip]
mod tables;

fn lookup(table: &[(u32, u32)], c: u32) -> Option<u32> {
    table.binary_search_by_key(&c, |e| e.0).ok().map(|i| table[i].1)
}
fn lookup_str(table: &'static [(u32, &'static str)], c: u32) -> Option<&'static str> {
    table.binary_search_by_key(&c, |e| e.0).ok().map(|i| table[i].1)
}

/// The case table's upper-case form of C (C itself if none).
pub fn upcase_char(c: u32) -> u32 {
    lookup(tables::UPCASE, c).unwrap_or(c)
}
/// The case table's lower-case form of C.
pub fn downcase_char(c: u32) -> u32 {
    lookup(tables::DOWNCASE, c).unwrap_or(c)
}
/// Title case of C: its `titlecase' property, else its upper case.
pub fn titlecase_char(c: u32) -> u32 {
    lookup(tables::TITLECASE, c).unwrap_or(c)
}
/// Whether C has word syntax (for word boundaries while capitalizing).
pub fn is_word_char(c: u32) -> bool {
    let r = tables::WORD_RANGES;
    let i = r.partition_point(|e| e.1 < c);
    r.get(i).is_some_and(|e| e.0 <= c)
}
/// `uppercasep`: C is not its own down-case.
pub fn is_upper(c: u32) -> bool {
    downcase_char(c) != c
}
/// `lowercasep`: C is its own down-case but not its own up-case.
pub fn is_lower(c: u32) -> bool {
    !is_upper(c) && upcase_char(c) != c
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum CaseAction {
    Up,
    Down,
    Capitalize,
    CapitalizeUp,
}

/// The casing state carried along a string (Emacs's `casing_context`).
pub struct CaseCtx {
    flag: CaseAction,
    inword: bool,
}

/// One character's casing: a single char, or a special-casing string.
enum Cased {
    Char(u32),
    Str(&'static str),
}

impl CaseCtx {
    pub fn new(flag: CaseAction) -> CaseCtx {
        CaseCtx { flag, inword: false }
    }

    /// `case_character_impl`: cases CH, using special casings when SPECIAL.
    fn case_impl(&mut self, ch: u32, special: bool) -> Cased {
        let was_inword = self.inword;
        self.inword = is_word_char(ch);
        let flag = match self.flag {
            CaseAction::Capitalize if was_inword => CaseAction::Down,
            CaseAction::CapitalizeUp if was_inword => return Cased::Char(ch),
            CaseAction::CapitalizeUp => CaseAction::Capitalize,
            f => f,
        };
        if special {
            let table = match flag {
                CaseAction::Up => tables::SPECIAL_UPPERCASE,
                CaseAction::Down => tables::SPECIAL_LOWERCASE,
                _ => tables::SPECIAL_TITLECASE,
            };
            if let Some(s) = lookup_str(table, ch) {
                return Cased::Str(s);
            }
        }
        Cased::Char(match flag {
            CaseAction::Down => downcase_char(ch),
            CaseAction::Up => upcase_char(ch),
            _ => titlecase_char(ch),
        })
    }

    /// `case_character`: CH cased with special casings (one-to-many
    /// mappings) and the final-sigma rule; NEXT is the character after CH,
    /// if any.  None when CH is unchanged.
    pub fn case_character(&mut self, ch: u32, next: Option<u32>) -> Option<Vec<u32>> {
        let was_inword = self.inword;
        let out: Vec<u32> = match self.case_impl(ch, true) {
            Cased::Str(st) => st.chars().map(|c| c as u32).collect(),
            Cased::Char(c) => vec![c],
        };
        if out.len() == 1 && out[0] == ch {
            return None;
        }
        if was_inword && ch == GREEK_CAPITAL_SIGMA && next.is_none_or(|n| !is_word_char(n)) {
            return Some(vec![GREEK_SMALL_FINAL_SIGMA]);
        }
        Some(out)
    }

    /// Cases a single character (no one-to-many mappings).
    pub fn case_single(&mut self, ch: u32) -> u32 {
        match self.case_impl(ch, false) {
            Cased::Char(c) => c,
            Cased::Str(_) => ch,
        }
    }
}

const GREEK_CAPITAL_SIGMA: u32 = 0x3A3;
const GREEK_SMALL_FINAL_SIGMA: u32 = 0x3C2;

/// Modifier bits a character event may carry (alt super hyper shift ctl meta).
const CHAR_FLAG_BITS: i64 = 0x3F << 22;

fn casify_char(ctx: &mut CaseCtx, v: Value) -> Value {
    let ch = v.as_fixnum_unchecked();
    if !(0..=CHAR_FLAG_BITS).contains(&ch) {
        return v;
    }
    let flags = ch & CHAR_FLAG_BITS;
    let c = (ch & !CHAR_FLAG_BITS) as u32;
    let cased = ctx.case_single(c);
    if cased == c {
        v
    } else {
        Value::fixnum(cased as i64 | flags)
    }
}

fn casify_multibyte(ctx: &mut CaseCtx, s: &LispString) -> Value {
    let chars: Vec<u32> = s.chars().collect();
    let mut out = StringBuilder::multibyte();
    for (i, &ch) in chars.iter().enumerate() {
        let was_inword = ctx.inword;
        let cased = ctx.case_impl(ch, true);
        match cased {
            Cased::Str(st) => st.chars().for_each(|x| out.push(x as u32)),
            Cased::Char(c) => {
                let next_is_word = chars.get(i + 1).is_some_and(|&n| is_word_char(n));
                if was_inword && ch == GREEK_CAPITAL_SIGMA && c != ch && !next_is_word {
                    out.push(GREEK_SMALL_FINAL_SIGMA);
                } else {
                    out.push(c);
                }
            }
        }
    }
    out.build()
}

/// A unibyte string is cased in a copy (`copy-sequence`), so it keeps its
/// text properties; a multibyte one is rebuilt without them, as in Emacs.
fn casify_unibyte(ctx: &mut CaseCtx, obj: Value) -> Value {
    let s = obj.string_ref();
    let mut data = s.data.clone();
    for b in data.iter_mut() {
        let ch = raw_byte_char(*b);
        let cased = ctx.case_single(ch);
        if cased == ch {
            continue;
        }
        *b = if cased < 0x80 {
            cased as u8
        } else if char_is_raw_byte(cased) {
            raw_byte_value(cased)
        } else if ch < 0x80 {
            // Never produce a non-ASCII char from ASCII in a unibyte string.
            ch as u8
        } else {
            cased as u8
        };
    }
    let out = make_string_from_bytes(data, false);
    crate::builtins::fns::seq::copy_string_props(obj, 0, s.nchars, out, 0);
    out
}

/// `casify_object`: applies FLAG to a character or a string.
pub fn casify(flag: CaseAction, obj: Value) -> LResult {
    let mut ctx = CaseCtx::new(flag);
    if obj.as_fixnum().is_some_and(|n| n >= 0) {
        return Ok(casify_char(&mut ctx, obj));
    }
    if !obj.is_string() {
        return Err(wrong_type(sym::CHAR_OR_STRING_P, obj));
    }
    let s = obj.string_ref();
    if s.nchars == 0 {
        return Ok(obj);
    }
    Ok(if s.multibyte { casify_multibyte(&mut ctx, s) } else { casify_unibyte(&mut ctx, obj) })
}

fn f_upcase(a: &[Value]) -> LResult {
    casify(CaseAction::Up, a[0])
}
fn f_downcase(a: &[Value]) -> LResult {
    casify(CaseAction::Down, a[0])
}
fn f_capitalize(a: &[Value]) -> LResult {
    casify(CaseAction::Capitalize, a[0])
}
fn f_upcase_initials(a: &[Value]) -> LResult {
    casify(CaseAction::CapitalizeUp, a[0])
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("upcase", 1, 1, f_upcase, "Convert argument to upper case and return that."),
    SubrDef::new("downcase", 1, 1, f_downcase, "Convert argument to lower case and return that."),
    SubrDef::new("capitalize", 1, 1, f_capitalize, "Convert argument to capitalized form and return that."),
    SubrDef::new("upcase-initials", 1, 1, f_upcase_initials, "Convert the initial of each word in the argument to upper case."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("case-symbols-as-words", Value::NIL);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() {
        crate::runtime::init_thread();
        crate::builtins::install();
    }
    fn s(x: &str) -> Value {
        make_string(x)
    }
    fn text(v: Value) -> String {
        v.string_ref().to_string_lossy()
    }
    fn case_str(flag: CaseAction, x: &str) -> String {
        text(casify(flag, s(x)).unwrap())
    }
    fn case_char(flag: CaseAction, c: u32) -> i64 {
        casify(flag, Value::fixnum(c as i64)).unwrap().as_fixnum().unwrap()
    }

    #[test]
    fn strings_as_emacs() {
        setup();
        use CaseAction::*;
        // Expectations from GNU Emacs 30.1.
        assert_eq!(case_str(Up, "ß"), "SS");
        assert_eq!(case_str(Capitalize, "ǆa"), "ǅa");
        assert_eq!(case_str(Up, "ǆ"), "Ǆ");
        assert_eq!(case_str(CapitalizeUp, "ǆx ǆy"), "ǅx ǅy");
        assert_eq!(case_str(Down, "İ"), "i\u{307}");
        assert_eq!(case_str(Up, "ﬁ"), "FI");
        assert_eq!(case_str(Capitalize, "ﬁx"), "Fix");
        assert_eq!(case_str(Up, "ŉ"), "ʼN");
        assert_eq!(case_str(Capitalize, "ß"), "Ss");
        assert_eq!(case_str(Up, "ᾳ"), "ΑΙ");
        assert_eq!(case_str(Capitalize, "ᾳ"), "ᾼ");
        assert_eq!(case_str(Down, "ΑΣ"), "ας");
        assert_eq!(case_str(Down, "Σ"), "σ");
        assert_eq!(case_str(Down, "ΑΣ1"), "ασ1");
        assert_eq!(case_str(Down, "AΣB"), "aσb");
        assert_eq!(case_str(Capitalize, "ΣΑΣ ΑΣ"), "Σας Ας");
        assert_eq!(case_str(Up, "ı"), "ı");
        assert_eq!(case_str(Capitalize, "hello world-foo o'neil x1y 1st"), "Hello World-Foo O'Neil X1y 1st");
        assert_eq!(case_str(Up, "ა"), "Ა");
        assert_eq!(case_str(Capitalize, "ა"), "ა");
        assert_eq!(case_str(Capitalize, "ǈUBLJANA"), "ǈubljana");
        assert_eq!(case_str(Capitalize, "AÉ ÉA"), "Aé Éa");
        assert_eq!(case_str(CapitalizeUp, "abc DEF"), "Abc DEF");
        assert_eq!(case_str(Capitalize, "a$b%c"), "A$B%C");
        // (upcase (string-to-unibyte "\351a")) -> "\351A"
        let u = make_string_from_bytes(vec![0xe9, b'a'], false);
        assert_eq!(casify(Up, u).unwrap().string_ref().data, vec![0xe9, b'A']);
    }

    #[test]
    fn chars_as_emacs() {
        setup();
        use CaseAction::*;
        assert_eq!(case_char(Up, 0xDF), 7838);
        assert_eq!(case_char(Capitalize, 0x1C6), 453);
        assert_eq!(case_char(Down, 0x130), 304);
        assert_eq!(case_char(Up, 0x1F0), 496);
        assert_eq!(case_char(Up, 383), 383);
        assert_eq!(case_char(Capitalize, 383), 83);
        assert_eq!(case_char(Down, 8486), 969);
        assert_eq!(case_char(Down, 8490), 8490);
        assert_eq!(case_char(Up, 1011), 895);
        assert_eq!(case_char(Up, 0xFF), 376);
        assert_eq!(case_char(Up, 97), 65);
        assert_eq!(case_char(Up, 0x3FFFFF), 0x3FFFFF);
        assert_eq!(case_char(Capitalize, 0xDF), 7838);
        assert!(casify(Up, Value::fixnum(-1)).is_err());
        assert!(casify(Up, intern("a")).is_err());
    }
}
