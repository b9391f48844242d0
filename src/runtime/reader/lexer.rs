//! The reader's token-level syntax: backslash escapes (`read_char_escape`),
//! character literals `?x`, string literals, integers in a radix, numbers
//! (lread.c's `string_to_number`), bool vectors `#&N"..."` and `#@N` skips.

use super::read::{build_string, Ctx};
use crate::runtime::alloc::{make_float, make_int_i128, make_integer};
use crate::runtime::error::{error, error_value, LResult};
use crate::runtime::funcall;
use crate::runtime::heap::heap;
use crate::runtime::object::Obj;
use crate::runtime::specpdl::{set_variable, value_cell};
use crate::runtime::string::{char_is_raw_byte, encode_char, StringBuilder, BYTE8_FIRST, MAX_UNICODE_CHAR};
use crate::runtime::sym;
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;
use num_bigint::BigInt;

pub const CHAR_ALT: i64 = 0x0400000;
pub const CHAR_SUPER: i64 = 0x0800000;
pub const CHAR_HYPER: i64 = 0x1000000;
pub const CHAR_SHIFT: i64 = 0x2000000;
pub const CHAR_CTL: i64 = 0x4000000;
pub const CHAR_META: i64 = 0x8000000;
pub const CHAR_MODIFIER_MASK: i64 = CHAR_ALT | CHAR_SUPER | CHAR_HYPER | CHAR_SHIFT | CHAR_CTL | CHAR_META;
const MAX_5_BYTE_CHAR: i64 = 0x3FFF7F;

/// Bound on the length of a Unicode character name in `\N{...}`.
const NAME_LENGTH_BOUND: usize = 200;

fn is_ascii_char(c: i64) -> bool {
    (0..0x80).contains(&c)
}
fn byte8_to_char(b: i64) -> i64 {
    b + 0x3FFF00
}
fn char_byte8_p(c: i64) -> bool {
    c > MAX_5_BYTE_CHAR
}
fn hexdigit(c: i64) -> Option<u32> {
    u8::try_from(c).ok().and_then(|b| (b as char).to_digit(16))
}

/// An `(error MESSAGE)` whose message holds Emacs characters.
fn error_with_char(before: &str, c: i64, after: &str) -> crate::runtime::error::Flow {
    let mut b = StringBuilder::new();
    b.push_str(before);
    b.push(c as u32);
    b.push_str(after);
    error_value(b.build())
}

/// The digit CHARACTER stands for in BASE: -1 if out of range for BASE,
/// -2 if not a digit in any base.
pub fn digit_to_number(c: i64, base: u32) -> i32 {
    let d = match u8::try_from(c) {
        Ok(b @ b'0'..=b'9') => (b - b'0') as u32,
        Ok(b @ b'a'..=b'z') => (b - b'a') as u32 + 10,
        Ok(b @ b'A'..=b'Z') => (b - b'A') as u32 + 10,
        _ => return -2,
    };
    if d < base {
        d as i32
    } else {
        -1
    }
}

/// lread.c's `string_to_number`: the number that a prefix of S denotes in
/// BASE (floats only in base 10), with the prefix's length; None if the
/// prefix is not a number.
pub fn string_to_number(s: &[u8], base: u32) -> Option<(Value, usize)> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let negative = at(0) == b'-';
    let signed = negative || at(0) == b'+';
    let mut cp = signed as usize;
    let int_start = cp;
    let (mut lead_int, mut trail_int, mut e_exp, mut overflow) = (false, false, false, false);
    let mut n: u64 = 0;
    let mut special: Option<f64> = None;
    while digit_to_number(at(cp) as i64, base) >= 0 && cp < s.len() {
        let d = digit_to_number(at(cp) as i64, base) as u64;
        lead_int = true;
        match n.checked_mul(base as u64).and_then(|m| m.checked_add(d)) {
            Some(m) => n = m,
            None => {
                overflow = true;
                n = n.wrapping_mul(base as u64).wrapping_add(d);
            }
        }
        cp += 1;
    }
    let after_digits = cp;
    if at(cp) == b'.' {
        cp += 1;
    }
    let mut float_syntax = false;
    if base == 10 {
        if at(cp).is_ascii_digit() {
            trail_int = true;
            while at(cp).is_ascii_digit() {
                cp += 1;
            }
        }
        if at(cp) == b'e' || at(cp) == b'E' {
            let ecp = cp;
            cp += 1;
            if at(cp) == b'+' || at(cp) == b'-' {
                cp += 1;
            }
            if at(cp).is_ascii_digit() {
                e_exp = true;
                while at(cp).is_ascii_digit() {
                    cp += 1;
                }
            } else if at(cp - 1) == b'+' && s[cp..].starts_with(b"INF") {
                e_exp = true;
                cp += 3;
                special = Some(f64::INFINITY);
            } else if at(cp - 1) == b'+' && s[cp..].starts_with(b"NaN") {
                e_exp = true;
                cp += 3;
                let bits = (0x7FFu64 << 52) | (1 << 51) | (n & ((1 << 51) - 1));
                special = Some(f64::from_bits(bits));
            } else {
                cp = ecp;
            }
        }
        float_syntax = trail_int || (lead_int && e_exp);
    }
    if float_syntax {
        let value = match special {
            Some(v) => v,
            None => parse_decimal(&s[int_start..cp]),
        };
        return Some((make_float(if negative { -value } else { value }), cp));
    }
    if !lead_int {
        return None;
    }
    if !overflow {
        let v = n as i128;
        return Some((make_int_i128(if negative { -v } else { v }), cp));
    }
    let digits = std::str::from_utf8(&s[int_start..after_digits]).ok()?;
    let mut b = BigInt::parse_bytes(digits.as_bytes(), base.clamp(2, 36))?;
    if negative {
        b = -b;
    }
    Some((make_integer(b), cp))
}

/// The float a decimal numeral (digits, optional fraction, optional
/// exponent) denotes, correctly rounded as strtod does.
fn parse_decimal(s: &[u8]) -> f64 {
    let text = std::str::from_utf8(s).unwrap_or("0");
    let (mant, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let norm = format!("{}.{}{}", if int.is_empty() { "0" } else { int }, if frac.is_empty() { "0" } else { frac }, exp);
    norm.parse::<f64>().unwrap_or(0.0)
}

impl Ctx {
    /// A backslash escape whose character after the backslash is NEXT
    /// (lread.c `read_char_escape`).  May carry modifier bits, and is -1
    /// combined with modifiers when input ends after a modifier prefix.
    pub fn read_char_escape(&mut self, mut next: i64) -> LResult<i64> {
        let mut modifiers: i64 = 0;
        let mut ncontrol = 0;
        let chr: i64 = loop {
            let c = next;
            let mod_bit = match u8::try_from(c).unwrap_or(0) {
                b'M' => CHAR_META,
                b'S' => CHAR_SHIFT,
                b'H' => CHAR_HYPER,
                b'A' => CHAR_ALT,
                b's' => CHAR_SUPER,
                _ => 0,
            };
            if c < 0 {
                return Err(self.eof());
            }
            if mod_bit != 0 {
                let c1 = self.readchar()?;
                if c1 != '-' as i64 {
                    if c == 's' as i64 {
                        self.unread(c1)?;
                        break ' ' as i64;
                    }
                    return Err(error_with_char("Invalid escape char syntax: \\", c, " not followed by -"));
                }
                modifiers |= mod_bit;
                let c1 = self.readchar()?;
                if c1 == '\\' as i64 {
                    next = self.readchar()?;
                    continue;
                }
                break c1;
            }
            match u8::try_from(c).unwrap_or(0) {
                b'a' => break 7,
                b'b' => break 8,
                b'd' => break 127,
                b'e' => break 27,
                b'f' => break 12,
                b'n' => break 10,
                b'r' => break 13,
                b't' => break 9,
                b'v' => break 11,
                b'\n' => return Err(error("Invalid escape char syntax: \\<newline>")),
                b'C' | b'^' => {
                    if c == 'C' as i64 {
                        let c1 = self.readchar()?;
                        if c1 != '-' as i64 {
                            return Err(error("Invalid escape char syntax: \\C not followed by -"));
                        }
                    }
                    ncontrol += 1;
                    let c1 = self.readchar()?;
                    if c1 == '\\' as i64 {
                        next = self.readchar()?;
                        continue;
                    }
                    break c1;
                }
                b'0'..=b'7' => break self.read_octal_escape(c)?,
                b'x' => {
                    let i = self.read_hex_escape()?;
                    modifiers |= i & CHAR_MODIFIER_MASK;
                    break i & !CHAR_MODIFIER_MASK;
                }
                b'U' => break self.read_unicode_escape(8)?,
                b'u' => break self.read_unicode_escape(4)?,
                b'N' => break self.read_named_char()?,
                _ => break c,
            }
        };
        let mut chr = chr;
        for _ in 0..ncontrol {
            if (('@' as i64)..=('_' as i64)).contains(&chr) || (('a' as i64)..=('z' as i64)).contains(&chr) {
                chr &= 0x1f;
            } else if chr == '?' as i64 {
                chr = 127;
            } else {
                modifiers |= CHAR_CTL;
            }
        }
        Ok(chr | modifiers)
    }

    fn read_octal_escape(&mut self, first: i64) -> LResult<i64> {
        let mut i = first - '0' as i64;
        for _ in 0..2 {
            let c = self.readchar()?;
            if !(('0' as i64)..=('7' as i64)).contains(&c) {
                self.unread(c)?;
                break;
            }
            i = (i << 3) + (c - '0' as i64);
        }
        Ok(if (0x80..0x100).contains(&i) { byte8_to_char(i) } else { i })
    }

    fn read_hex_escape(&mut self) -> LResult<i64> {
        let mut i: i64 = 0;
        let mut count = 0;
        loop {
            let c = self.readchar()?;
            let Some(d) = hexdigit(c) else {
                self.unread(c)?;
                break;
            };
            i = (i << 4) + d as i64;
            if i > (CHAR_META | (CHAR_META - 1)) {
                return Err(error(&format!("Hex character out of range: \\x{i:x}...")));
            }
            if count < 3 {
                count += 1;
            }
        }
        if count == 0 {
            return Err(error("Invalid escape char syntax: \\x not followed by hex digit"));
        }
        Ok(if count < 3 && i >= 0x80 { byte8_to_char(i) } else { i })
    }

    fn read_unicode_escape(&mut self, ndigits: usize) -> LResult<i64> {
        let mut i: u32 = 0;
        for _ in 0..ndigits {
            let c = self.readchar()?;
            if c < 0 {
                let letter = if ndigits == 4 { 'u' } else { 'U' };
                return Err(error(&format!("Malformed Unicode escape: \\{letter}{i:x}")));
            }
            let Some(d) = hexdigit(c) else {
                return Err(error_with_char("Non-hex character used for Unicode escape: ", c, &format!(" ({c})")));
            };
            i = (i << 4) + d;
        }
        if i > MAX_UNICODE_CHAR {
            return Err(error(&format!("Non-Unicode character: 0x{i:x}")));
        }
        Ok(i as i64)
    }

    /// `\N{NAME}` or `\N{U+X}` after the `N`.
    fn read_named_char(&mut self) -> LResult<i64> {
        if self.readchar()? != '{' as i64 {
            return Err(self.invalid_str("Expected opening brace after \\N"));
        }
        let mut name: Vec<u8> = Vec::new();
        let mut whitespace = false;
        loop {
            let c = self.readchar()?;
            if c < 0 {
                return Err(self.eof());
            }
            if c == '}' as i64 {
                break;
            }
            if c >= 0x80 {
                return Err(self.invalid_str(&format!("Invalid character U+{c:04X} in character name")));
            }
            let mut b = c as u8;
            if b == b' ' || (9..=13).contains(&b) {
                if whitespace {
                    continue;
                }
                b = b' ';
                whitespace = true;
            } else {
                whitespace = false;
            }
            name.push(b);
            if name.len() > NAME_LENGTH_BOUND {
                return Err(self.invalid_str("Character name too long"));
            }
        }
        if name.is_empty() {
            return Err(self.invalid_str("Empty character name"));
        }
        self.character_name_to_code(&name)
    }

    fn character_name_to_code(&mut self, name: &[u8]) -> LResult<i64> {
        let code = if name.starts_with(b"U+") {
            match string_to_number(&name[1..], 16) {
                Some((v, len)) if len == name.len() - 1 => v.as_fixnum(),
                _ => None,
            }
        } else {
            let f = intern("char-from-name");
            if f.sym().function.is_nil() {
                // Without Emacs's `char-from-name', use the Unicode name table
                // directly (names compared ignoring case, as the reader asks).
                std::str::from_utf8(name).ok().and_then(|n| unicode_names2::character(&n.to_ascii_uppercase())).map(|c| c as i64)
            } else {
                let arg = crate::runtime::string::make_string_from_bytes(name.to_vec(), false);
                funcall(f, &[arg, Value::T])?.as_fixnum()
            }
        };
        match code {
            Some(c) if (0..=MAX_UNICODE_CHAR as i64).contains(&c) && !(0xD800..=0xDFFF).contains(&c) => Ok(c),
            _ => {
                let mut msg = b"\\N{".to_vec();
                msg.extend_from_slice(name);
                msg.push(b'}');
                Err(self.invalid(build_string(&msg)))
            }
        }
    }

    /// `?X` after the `?`.
    pub fn read_char_literal(&mut self) -> LResult<Value> {
        let mut ch = self.readchar()?;
        if ch < 0 {
            return Err(self.eof());
        }
        if ch == ' ' as i64 || ch == '\t' as i64 {
            return Ok(Value::fixnum(ch));
        }
        if b"()[]\";".iter().any(|&d| ch == d as i64) {
            note_unescaped_literal(ch)?;
        }
        if ch == '\\' as i64 {
            let next = self.readchar()?;
            ch = self.read_char_escape(next)?;
        }
        let modifiers = ch & CHAR_MODIFIER_MASK;
        ch &= !CHAR_MODIFIER_MASK;
        if char_byte8_p(ch) {
            ch -= 0x3FFF00;
        }
        ch |= modifiers;
        let next = self.readchar()?;
        self.unread(next)?;
        if next <= 32 || b"\"';()[]#?`,.".iter().any(|&d| next == d as i64) {
            return Ok(Value::fixnum(ch));
        }
        Err(self.invalid_str("?"))
    }

    /// `"..."` after the opening quote (lread.c `read_string_literal`).
    pub fn read_string_literal(&mut self) -> LResult<Value> {
        let mut buf: Vec<u8> = Vec::new();
        let mut nchars = 0usize;
        let mut force_multibyte = false;
        let mut force_singlebyte = false;
        loop {
            let mut ch = self.readchar()?;
            if ch < 0 {
                return Err(self.eof());
            }
            if ch == '"' as i64 {
                break;
            }
            if ch == '\\' as i64 {
                ch = self.readchar()?;
                match ch {
                    0x73 => ch = ' ' as i64, // \s
                    0x20 | 0x0A => continue, // \SPC, \LF
                    _ => ch = self.read_char_escape(ch)?,
                }
                let mut modifiers = ch & CHAR_MODIFIER_MASK;
                ch &= !CHAR_MODIFIER_MASK;
                if char_byte8_p(ch) {
                    force_singlebyte = true;
                } else if !is_ascii_char(ch) {
                    force_multibyte = true;
                } else {
                    if modifiers == CHAR_CTL && ch == ' ' as i64 {
                        ch = 0;
                        modifiers = 0;
                    }
                    if modifiers & CHAR_SHIFT != 0 {
                        if (('A' as i64)..=('Z' as i64)).contains(&ch) {
                            modifiers &= !CHAR_SHIFT;
                        } else if (('a' as i64)..=('z' as i64)).contains(&ch) {
                            ch -= 32;
                            modifiers &= !CHAR_SHIFT;
                        }
                    }
                    if modifiers & CHAR_META != 0 {
                        modifiers &= !CHAR_META;
                        ch = byte8_to_char(ch | 0x80);
                        force_singlebyte = true;
                    }
                }
                if modifiers != 0 {
                    return Err(self.invalid_str("Invalid modifier in string"));
                }
            } else if char_byte8_p(ch) {
                force_singlebyte = true;
            } else if !is_ascii_char(ch) {
                force_multibyte = true;
            }
            encode_char(ch as u32, &mut buf);
            nchars += 1;
        }
        Ok(make_literal_string(buf, nchars, force_multibyte, force_singlebyte))
    }

    /// Digits in RADIX after `#x`, `#o`, `#b` or `#Nr` (lread.c `read_integer`).
    pub fn read_integer(&mut self, radix: u32) -> LResult<Value> {
        let mut buf: Vec<u8> = Vec::new();
        let mut valid: i8 = -1;
        let mut c = self.readchar()?;
        if c == '-' as i64 || c == '+' as i64 {
            buf.push(c as u8);
            c = self.readchar()?;
        }
        if c == '0' as i64 {
            buf.push(b'0');
            valid = 1;
            while c == '0' as i64 {
                c = self.readchar()?;
            }
        }
        loop {
            let digit = digit_to_number(c, radix);
            if digit < -1 {
                break;
            }
            if digit == -1 {
                valid = 0;
            }
            if valid < 0 {
                valid = 1;
            }
            buf.push(c as u8);
            c = self.readchar()?;
        }
        self.unread(c)?;
        if valid != 1 {
            return Err(self.invalid_radix(radix as i64));
        }
        Ok(string_to_number(&buf, radix).map(|(v, _)| v).unwrap_or(Value::NIL))
    }

    /// `#&N"..."` after the `&`.
    pub fn read_bool_vector(&mut self) -> LResult<Value> {
        let mut length: i64 = 0;
        loop {
            let c = self.readchar()?;
            if !(('0' as i64)..=('9' as i64)).contains(&c) {
                if c != '"' as i64 {
                    return Err(self.invalid_str("#&"));
                }
                break;
            }
            match length.checked_mul(10).and_then(|l| l.checked_add(c - '0' as i64)) {
                Some(l) => length = l,
                None => return Err(self.invalid_str("#&")),
            }
        }
        let size_in_chars = (length as u64).div_ceil(8) as usize;
        let s = self.read_string_literal()?;
        let st = s.string_ref();
        if st.multibyte || !(size_in_chars == st.nchars || length == (st.nchars as i64 - 1) * 8) {
            return Err(self.invalid_str("#&..."));
        }
        let bits: Vec<bool> = (0..length as usize).map(|i| st.data.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 != 0)).collect();
        Ok(heap().alloc_obj(Obj::BoolVector(bits)))
    }

    /// `#@NUMBER` after the `@`: skips to the next `\037` (how Emacs skips
    /// when not reading a file directly).  False for `#@00` (skip everything).
    pub fn skip_lazy_string(&mut self) -> LResult<bool> {
        let mut nskip: i64 = 0;
        let mut digits = 0;
        loop {
            let c = self.readchar()?;
            if !(('0' as i64)..=('9' as i64)).contains(&c) {
                if nskip <= 0 {
                    self.unread(c)?;
                }
                break;
            }
            match nskip.checked_mul(10).and_then(|n| n.checked_add(c - '0' as i64)) {
                Some(n) => nskip = n,
                None => return Err(self.invalid_str("#@")),
            }
            digits += 1;
            if digits == 2 && nskip == 0 {
                while self.readchar()? >= 0 {}
                return Ok(false);
            }
        }
        loop {
            let c = self.readchar()?;
            if c < 0 || c == 0o37 {
                return Ok(true);
            }
        }
    }
}

/// Records C in `lread--unescaped-character-literals`, as `?(` etc. do.
fn note_unescaped_literal(c: i64) -> LResult<()> {
    let var = intern("lread--unescaped-character-literals");
    let cur = value_cell(var);
    let cur = if cur == Value::UNBOUND { Value::NIL } else { cur };
    if !cur.is_list() {
        return Err(crate::runtime::error::wrong_type(sym::LISTP, cur));
    }
    if cur.iter().any(|x| x == Value::fixnum(c)) {
        return Ok(());
    }
    set_variable(var, crate::runtime::alloc::cons(Value::fixnum(c), cur))
}

/// The string a literal's text makes: unibyte when it has raw bytes and no
/// multibyte characters (or is all ASCII), multibyte otherwise.
fn make_literal_string(buf: Vec<u8>, nchars: usize, force_multibyte: bool, force_singlebyte: bool) -> Value {
    if !force_multibyte && force_singlebyte {
        let mut out = Vec::with_capacity(nchars);
        let mut i = 0;
        while i < buf.len() {
            let (c, n) = crate::runtime::string::decode_char(&buf[i..]);
            out.push(if char_is_raw_byte(c) { crate::runtime::string::raw_byte_value(c) } else { c as u8 });
            i += n;
        }
        return super::read::specified_string(out, false);
    }
    let multibyte = force_multibyte || buf.len() != nchars;
    let _ = BYTE8_FIRST;
    super::read::specified_string(buf, multibyte)
}
