//! Primitives of GNU Emacs's casefiddle.c: `upcase`, `downcase`,
//! `capitalize` and `upcase-initials` on characters and strings, and the
//! casing state (`CaseCtx`) the buffer commands in `casefiddle_region` use
//! too.  As in Emacs, the one-to-one mappings come from the current
//! buffer's case table (`runtime::casetab`, rescanned first if it was
//! flagged as modified), capitalization first tries the Unicode
//! `titlecase` property, strings get the unconditional special casings
//! (`(upcase "ß")` is "SS") and the Greek final-sigma rule, and word
//! boundaries follow the current buffer's syntax table (symbol
//! constituents too under `case-symbols-as-words`).  The Unicode
//! properties are generated from GNU Emacs itself (see `gen_tables.el`).
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::char_to_byte8;
use crate::runtime::casetab::{self, Translator};
use crate::runtime::specpdl::value_cell;
use crate::runtime::syntax::{flags, SyntaxView, SSYMBOL, SWORD};

#[rustfmt::skip]
mod tables;

pub use crate::runtime::casetab::{downcase_char, is_lower, is_upper, upcase_char};

fn lookup_str(table: &'static [(u32, &'static str)], c: u32) -> Option<&'static str> {
    table.binary_search_by_key(&c, |e| e.0).ok().map(|i| table[i].1)
}

/// C's Unicode `titlecase' property, when it is a character.
fn titlecase_property(c: u32) -> Option<u32> {
    let t = tables::TITLECASE;
    let i = t.partition_point(|e| e.1 < c);
    t.get(i).filter(|e| e.0 <= c).map(|e| (c as i64 + e.2 as i64) as u32)
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum CaseAction {
    Up,
    Down,
    Capitalize,
    CapitalizeUp,
}

/// The casing state carried along a string or region (Emacs's
/// `casing_context`), with the current buffer's case and syntax tables
/// (their ASCII entries cached).
pub struct CaseCtx {
    flag: CaseAction,
    /// Casing buffer text: a word never starts at a syntax-prefix char.
    inbuffer: bool,
    inword: bool,
    downcase_last: bool,
    symbols_as_words: bool,
    down: Translator,
    up: Translator,
    syntax: SyntaxView,
}

/// One character's casing: a single char, or a special-casing string.
enum Cased {
    Char(u32),
    Str(&'static str),
}

/// Special casings longer than this many bytes are not used (the size of
/// `casing_str_buf`'s buffer).
const MAX_SPECIAL_BYTES: usize = 6;

impl CaseCtx {
    /// `prepare_casing_context`: a modified case table is rescanned
    /// (which signals if it is no longer a valid case table).
    pub fn new(flag: CaseAction, inbuffer: bool) -> LResult<CaseCtx> {
        casetab::refresh_current()?;
        Ok(CaseCtx {
            flag,
            inbuffer,
            inword: false,
            downcase_last: false,
            symbols_as_words: !value_cell(intern("case-symbols-as-words")).is_nil(),
            down: Translator::new(casetab::current_case_table()),
            up: Translator::new(casetab::current_up_table()),
            syntax: SyntaxView::current(),
        })
    }

    /// `case_ch_is_word` of C's syntax.
    pub fn is_word(&self, c: u32) -> bool {
        let class = self.syntax.class(c);
        class == SWORD || (self.symbols_as_words && class == SSYMBOL)
    }

    /// `case_character_impl`: cases CH, using special casings when SPECIAL.
    fn case_impl(&mut self, ch: u32, special: bool) -> Cased {
        let was_inword = self.inword;
        self.inword = self.is_word(ch) && (!self.inbuffer || was_inword || self.syntax.flags(ch) & flags::PREFIX == 0);
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
            if let Some(s) = lookup_str(table, ch).filter(|s| s.len() <= MAX_SPECIAL_BYTES) {
                return Cased::Str(s);
            }
        }
        self.downcase_last = flag == CaseAction::Down;
        Cased::Char(match flag {
            CaseAction::Down => self.down.tr(ch),
            CaseAction::Up => self.up.tr(ch),
            _ => titlecase_property(ch).unwrap_or_else(|| self.up.tr(ch)),
        })
    }

    /// `case_character`: CH cased with special casings (one-to-many
    /// mappings) and the final-sigma rule; NEXT is the character after CH,
    /// if any.  None when CH is unchanged.
    pub fn case_character(&mut self, ch: u32, next: Option<u32>) -> Option<Vec<u32>> {
        let was_inword = self.inword;
        let out: Vec<u32> = match self.case_impl(ch, true) {
            Cased::Str(st) => st.chars().map(|c| c as u32).collect(),
            Cased::Char(c) if c == ch || c > MAX_CHAR => return None,
            Cased::Char(c) => vec![c],
        };
        if was_inword && ch == GREEK_CAPITAL_SIGMA && next.is_none_or(|n| !self.is_word(n)) {
            return Some(vec![GREEK_SMALL_FINAL_SIGMA]);
        }
        Some(out)
    }

    /// `case_single_character`: CH cased one-to-one (characters whose
    /// casing has several characters stay as they are).
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

/// `make_char_multibyte`: a byte 128..255 of unibyte text is a raw byte.
fn byte_to_char(b: u32) -> u32 {
    if b < 0x80 {
        b
    } else {
        raw_byte_char(b as u8)
    }
}

/// `make_char_unibyte`.
fn char_to_unibyte(c: u32) -> u32 {
    if c < 0x80 {
        c
    } else {
        char_to_byte8(c) as u32
    }
}

/// `do_casify_natnum`: a character (with modifier bits) cased one-to-one;
/// in a unibyte buffer 128..255 stand for raw bytes.
fn casify_char(ctx: &mut CaseCtx, v: Value) -> Value {
    let ch = v.as_fixnum_unchecked();
    if !(0..=CHAR_FLAG_BITS).contains(&ch) {
        return v;
    }
    let flags = ch & CHAR_FLAG_BITS;
    let mut c = (ch & !CHAR_FLAG_BITS) as u32;
    let multibyte = c >= 256 || crate::runtime::buffer::current_opt().is_none_or(|b| b.multibyte());
    if !multibyte {
        c = byte_to_char(c);
    }
    let mut cased = ctx.case_single(c);
    if cased == c {
        return v;
    }
    if !multibyte {
        cased = char_to_unibyte(cased);
    }
    Value::fixnum(cased as i64 | flags)
}

fn casify_multibyte(ctx: &mut CaseCtx, s: &LispString) -> Value {
    let chars: Vec<u32> = s.chars().collect();
    let mut out = StringBuilder::multibyte();
    for (i, &ch) in chars.iter().enumerate() {
        match ctx.case_character(ch, chars.get(i + 1).copied()) {
            Some(cased) => cased.into_iter().for_each(|c| out.push(c)),
            None => out.push(ch),
        }
    }
    out.build()
}

/// The `uppercase'/`lowercase' Unicode property of ASCII C
/// (`ascii_casify_character`).
fn ascii_casify(downcase: bool, c: u32) -> u32 {
    let b = c as u8;
    (if downcase { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() }) as u32
}

/// A unibyte string is cased in a copy (`copy-sequence`), so it keeps its
/// text properties; a multibyte one is rebuilt without them, as in Emacs.
fn casify_unibyte(ctx: &mut CaseCtx, obj: Value) -> Value {
    let s = obj.string_ref();
    let mut data = s.data.clone();
    for b in data.iter_mut() {
        let ch = byte_to_char(*b as u32);
        let mut cased = ctx.case_single(ch);
        if cased == ch {
            continue;
        }
        // An ASCII char cased out of the single-byte range is cased by the
        // Unicode properties instead (the case table of some locales maps
        // I to dotless i).
        if ch < 0x80 && cased >= 0x100 {
            cased = ascii_casify(ctx.downcase_last, ch);
        }
        *b = char_to_unibyte(cased) as u8;
    }
    let out = make_string_from_bytes(data, false);
    crate::builtins::fns::seq::copy_string_props(obj, 0, s.nchars, out, 0);
    out
}

/// `casify_object`: applies FLAG to a character or a string.
pub fn casify(flag: CaseAction, obj: Value) -> LResult {
    let mut ctx = CaseCtx::new(flag, false)?;
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
    defvar_bool("case-symbols-as-words", Value::NIL);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::builtins::testutil::setup;
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
