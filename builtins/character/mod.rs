//! Primitives of GNU Emacs's character.c: `max-char`, `char-width` and
//! `string-width` (from a table of GNU Emacs's own `char-width` values, with
//! `tab-width` and `ctl-arrow` honoured), `string`, `unibyte-string`,
//! `unibyte-char-to-multibyte`, `multibyte-char-to-unibyte` and
//! `char-resolve-modifiers`, and `get-byte` on strings (on the current
//! buffer it signals an error until Enoki has buffers).  (`characterp` lives
//! with the other type predicates in data/types.rs.)
use crate::builtins::data::types::expect_char;
use crate::builtins::fns::seq::validate_subarray;
use crate::builtins::prelude::*;
use crate::runtime::specpdl::value_cell;

#[rustfmt::skip]
mod widths;

/// `char-width` of C as GNU Emacs computes it in a default buffer.
pub fn char_width(c: u32) -> usize {
    if c == '\t' as u32 {
        return match value_cell(intern("tab-width")).as_fixnum() {
            Some(n) if (1..=1000).contains(&n) => n as usize,
            _ => 8,
        };
    }
    let t = widths::WIDTHS;
    let i = t.partition_point(|e| e.1 < c);
    let w = t.get(i).map(|e| e.2 as usize).unwrap_or(1);
    if w == 2 && (c < 0x20 || c == 0x7F) && value_cell(intern("ctl-arrow")).is_nil() {
        return 4;
    }
    w
}

fn f_char_width(a: &[Value]) -> LResult {
    Ok(Value::fixnum(char_width(expect_char(a[0])?) as i64))
}

/// Width of the chars FROM..TO of string S (unibyte bytes count as the
/// Latin-1 characters of the same codes, as `lisp_string_width` does).
pub fn string_width(s: &LispString, from: usize, to: usize) -> usize {
    s.chars().skip(from).take(to - from).map(char_width).sum()
}

/// `lisp_string_width` with a precision: the width, chars and bytes of the
/// longest prefix of S whose width does not exceed PRECISION columns.
pub fn string_width_upto(s: &LispString, precision: usize) -> (usize, usize, usize) {
    let (mut width, mut nchars, mut nbytes) = (0, 0, 0);
    let mut pos = 0;
    while pos < s.data.len() {
        let (c, len) = if s.multibyte { decode_char(&s.data[pos..]) } else { (s.data[pos] as u32, 1) };
        let w = char_width(c);
        if width + w > precision {
            break;
        }
        width += w;
        nchars += 1;
        nbytes += len;
        pos += len;
    }
    (width, nchars, nbytes)
}

fn f_string_width(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    let (from, to) = validate_subarray(a[0], a[1], a[2], s.nchars)?;
    Ok(Value::fixnum(string_width(s, from, to) as i64))
}

fn f_max_char(a: &[Value]) -> LResult {
    Ok(Value::fixnum(if a[0].is_nil() { MAX_CHAR } else { MAX_UNICODE_CHAR } as i64))
}

fn f_string(a: &[Value]) -> LResult {
    let mut chars = Vec::with_capacity(a.len());
    for &c in a {
        chars.push(expect_char(c)?);
    }
    let multibyte = chars.iter().any(|&c| c >= 0x80);
    let mut b = if multibyte { StringBuilder::multibyte() } else { StringBuilder::new() };
    chars.into_iter().for_each(|c| b.push(c));
    Ok(b.build())
}

fn f_unibyte_string(a: &[Value]) -> LResult {
    let mut bytes = Vec::with_capacity(a.len());
    for &v in a {
        match v.as_fixnum() {
            Some(n) if (0..=255).contains(&n) => bytes.push(n as u8),
            _ if v.is_integer() => return Err(args_out_of_range3(v, Value::fixnum(0), Value::fixnum(255))),
            _ => return Err(wrong_type(sym::INTEGERP, v)),
        }
    }
    Ok(make_string_from_bytes(bytes, false))
}

fn f_unibyte_char_to_multibyte(a: &[Value]) -> LResult {
    let c = expect_char(a[0])?;
    if c >= 0x100 {
        return Err(error(&format!("Not a unibyte character: {c}")));
    }
    Ok(Value::fixnum(raw_byte_char(c as u8) as i64))
}

fn f_multibyte_char_to_unibyte(a: &[Value]) -> LResult {
    let c = expect_char(a[0])?;
    Ok(Value::fixnum(if c < 0x100 {
        c as i64
    } else if char_is_raw_byte(c) {
        raw_byte_value(c) as i64
    } else {
        -1
    }))
}

/// `get-byte`: the byte of the character at POSITION (default 0) of STRING,
/// which must be ASCII or a raw byte in a multibyte string.
fn f_get_byte(a: &[Value]) -> LResult {
    let (position, string) = (a[0], a[1]);
    if string.is_nil() {
        return Err(error("get-byte on the current buffer: buffers are not supported yet"));
    }
    let s = expect_string(string)?;
    let pos = if position.is_nil() {
        0
    } else {
        let n = match position.as_fixnum() {
            Some(n) if n >= 0 => n as usize,
            _ => return Err(wrong_type(sym::WHOLENUMP, position)),
        };
        if n >= s.nchars {
            return Err(args_out_of_range(string, position));
        }
        n
    };
    if !s.multibyte {
        return Ok(Value::fixnum(s.data.get(pos).copied().unwrap_or(0) as i64));
    }
    let c = if pos < s.nchars { s.char_at(pos) } else { 0 };
    if char_is_raw_byte(c) {
        return Ok(Value::fixnum(raw_byte_value(c) as i64));
    }
    if c >= 0x80 {
        return Err(error(&format!("Not an ASCII nor an 8-bit character: {c}")));
    }
    Ok(Value::fixnum(c as i64))
}

pub const CHAR_ALT: i64 = 0x0400000;
pub const CHAR_SUPER: i64 = 0x0800000;
pub const CHAR_HYPER: i64 = 0x1000000;
pub const CHAR_SHIFT: i64 = 0x2000000;
pub const CHAR_CTL: i64 = 0x4000000;
pub const CHAR_META: i64 = 0x8000000;
pub const CHAR_MODIFIER_MASK: i64 = CHAR_ALT | CHAR_SUPER | CHAR_HYPER | CHAR_SHIFT | CHAR_CTL | CHAR_META;

/// `char_resolve_modifier_mask`: folds shift and control into an ASCII code.
pub fn resolve_modifiers(mut c: i64) -> i64 {
    if !(0..0x80).contains(&(c & !CHAR_MODIFIER_MASK)) {
        return c;
    }
    if c & CHAR_SHIFT != 0 {
        let low = c & 0o377;
        if (b'A' as i64..=b'Z' as i64).contains(&low) {
            c &= !CHAR_SHIFT;
        } else if (b'a' as i64..=b'z' as i64).contains(&low) {
            c = (c & !CHAR_SHIFT) - (b'a' - b'A') as i64;
        } else if (c & !CHAR_MODIFIER_MASK) <= 0x20 {
            c &= !CHAR_SHIFT;
        }
    }
    if c & CHAR_CTL != 0 {
        if c & 0o377 == b' ' as i64 {
            c &= !0o177 & !CHAR_CTL;
        } else if c & 0o377 == b'?' as i64 {
            c = 0o177 | (c & !0o177 & !CHAR_CTL);
        } else if (0o101..=0o132).contains(&(c & 0o137)) || (0o100..=0o137).contains(&(c & 0o177)) {
            c &= 0o37 | (!0o177 & !CHAR_CTL);
        }
    }
    c
}

fn f_char_resolve_modifiers(a: &[Value]) -> LResult {
    Ok(Value::fixnum(resolve_modifiers(expect_fixnum(a[0])?)))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("max-char", 0, 1, f_max_char, "Return the maximum character code."),
    SubrDef::new("char-width", 1, 1, f_char_width, "Return width of CHAR in columns when displayed in the current buffer."),
    SubrDef::new("string-width", 1, 3, f_string_width, "Return width of STRING when displayed in the current buffer."),
    SubrDef::new("string", 0, MANY, f_string, "Concatenate all the argument characters and make the result a string."),
    SubrDef::new("unibyte-string", 0, MANY, f_unibyte_string, "Concatenate all the argument bytes and make the result a unibyte string."),
    SubrDef::new("unibyte-char-to-multibyte", 1, 1, f_unibyte_char_to_multibyte, "Convert the byte CH to multibyte character."),
    SubrDef::new(
        "multibyte-char-to-unibyte",
        1,
        1,
        f_multibyte_char_to_unibyte,
        "Convert the multibyte character CH to a byte.\nIf the multibyte character does not represent a byte, return -1.",
    ),
    SubrDef::new("get-byte", 0, 2, f_get_byte, "Return a byte value of a character at point."),
    SubrDef::new("char-resolve-modifiers", 1, 1, f_char_resolve_modifiers, "Resolve modifiers in the character CHAR."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::pending;

    use crate::builtins::testutil::setup;
    fn n(i: i64) -> Value {
        Value::fixnum(i)
    }

    #[test]
    fn widths_as_emacs() {
        setup();
        // (char-width X) in GNU Emacs 30.1
        for (c, w) in [(9, 8), (1, 2), (127, 2), (0x3fff80, 4), (0x110000, 1), (0x300, 0), (0x4e2d, 2), (0x1F600, 2), (160, 1), (0x200B, 0)]
        {
            assert_eq!(char_width(c), w, "char {c:#x}");
        }
        // (string-width "a\tb") -> 10, (string-width "e\u0301") -> 1, (string-width "abc" 1 2) -> 1
        assert_eq!(f_string_width(&[make_string("a\tb"), Value::NIL, Value::NIL]).ok(), Some(n(10)));
        assert_eq!(f_string_width(&[make_string("e\u{301}"), Value::NIL, Value::NIL]).ok(), Some(n(1)));
        assert_eq!(f_string_width(&[make_string("abc"), n(1), n(2)]).ok(), Some(n(1)));
        // (string-width (string-to-unibyte "\351")) -> 1, "\200" -> 4
        assert_eq!(f_string_width(&[make_string_from_bytes(vec![0xe9], false), Value::NIL, Value::NIL]).ok(), Some(n(1)));
        assert_eq!(f_string_width(&[make_string_from_bytes(vec![0x80], false), Value::NIL, Value::NIL]).ok(), Some(n(4)));
        let s = make_string("abc");
        assert!(f_string_width(&[s, n(2), n(1)]).is_err());
        assert_eq!(list_to_vec(pending().b), vec![s, n(2), n(1)]);
    }

    #[test]
    fn conversions() {
        setup();
        assert_eq!(f_unibyte_char_to_multibyte(&[n(200)]).ok(), Some(n(4194248)));
        assert!(f_unibyte_char_to_multibyte(&[n(300)]).is_err());
        assert_eq!(f_multibyte_char_to_unibyte(&[n(200)]).ok(), Some(n(200)));
        assert_eq!(f_multibyte_char_to_unibyte(&[n(0x3fffc8)]).ok(), Some(n(200)));
        assert_eq!(f_multibyte_char_to_unibyte(&[n(0x3b1)]).ok(), Some(n(-1)));
        // (unibyte-string 97 300) -> (args-out-of-range 300 0 255)
        assert!(f_unibyte_string(&[n(97), n(300)]).is_err());
        assert_eq!(list_to_vec(pending().b), vec![n(300), n(0), n(255)]);
        assert!(!f_string(&[n(97)]).unwrap().string_ref().multibyte);
        assert!(f_string(&[n(0x3fff80)]).unwrap().string_ref().multibyte);
    }

    #[test]
    fn modifiers() {
        // (char-resolve-modifiers (+ ?a (ash 1 26))) -> 1, etc.
        assert_eq!(resolve_modifiers(97 + (1 << 26)), 1);
        assert_eq!(resolve_modifiers(97 + (1 << 25)), 65);
        assert_eq!(resolve_modifiers(97 + (1 << 27)), 134217825);
        assert_eq!(resolve_modifiers(32 + (1 << 26)), 0);
        assert_eq!(resolve_modifiers(63 + (1 << 26)), 127);
        assert_eq!(resolve_modifiers(-1), -1);
    }
}
