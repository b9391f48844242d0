//! Number syntax as GNU Emacs's `string_to_number` (lread.c) scans it, shared
//! by `string-to-number` and the reader: an optional sign, digits in a base,
//! and in base 10 a fraction and an exponent (including `1.0e+INF` and
//! `N.0e+NaN`).  "1." is an integer; a float needs digits after the point
//! or an exponent.

use super::super::alloc::{make_float, make_int};
use super::super::heap::heap;
use super::super::object::Obj;
use super::super::value::Value;
use num_bigint::BigInt;

/// Emacs's `digit_to_number`: the digit's value, -1 for a letter or digit
/// not valid in BASE, -2 for anything else.
fn digit_to_number(c: u8, base: u32) -> i32 {
    let d = match c {
        b'0'..=b'9' => (c - b'0') as i32,
        b'a'..=b'z' => (c - b'a') as i32 + 10,
        b'A'..=b'Z' => (c - b'A') as i32 + 10,
        _ => return -2,
    };
    if d < base as i32 {
        d
    } else {
        -1
    }
}

/// The result of scanning: the number (`None` for invalid syntax, where
/// Emacs returns nil) and how many bytes the syntax took.
pub struct Scanned {
    pub value: Option<Value>,
    pub len: usize,
}

/// Scans a number at the start of S (no leading whitespace skipped) in BASE
/// (2..=36; floats only in base 10), as GNU Emacs's `string_to_number`.
pub fn string_to_number(s: &[u8], base: u32) -> Scanned {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let negative = at(0) == b'-';
    let positive = at(0) == b'+';
    let signed = (negative || positive) as usize;
    let mut cp = signed;

    let mut lead_int = false;
    let mut overflow = false;
    let leading = digit_to_number(at(cp), base);
    // As in Emacs, N starts as the (possibly negative) leading digit value
    // converted to unsigned: it matters only for a NaN's payload.
    let mut n = leading as i64 as u64;
    if leading >= 0 {
        lead_int = true;
        loop {
            cp += 1;
            let d = digit_to_number(at(cp), base);
            if d < 0 {
                break;
            }
            let (m, o1) = n.overflowing_mul(base as u64);
            let (a, o2) = m.overflowing_add(d as u64);
            overflow |= o1 || o2;
            n = a;
        }
    }
    let after_digits = cp;
    if at(cp) == b'.' {
        cp += 1;
    }

    let mut special: Option<f64> = None;
    let mut float_syntax = false;
    if base == 10 {
        let mut trail_int = false;
        if at(cp).is_ascii_digit() {
            trail_int = true;
            while at(cp).is_ascii_digit() {
                cp += 1;
            }
        }
        let mut e_exp = false;
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
            } else if at(cp - 1) == b'+' && s.get(cp..cp + 3) == Some(b"INF") {
                e_exp = true;
                cp += 3;
                special = Some(f64::INFINITY);
            } else if at(cp - 1) == b'+' && s.get(cp..cp + 3) == Some(b"NaN") {
                e_exp = true;
                cp += 3;
                let payload = n & ((1u64 << 51) - 1);
                special = Some(f64::from_bits(0x7ff8_0000_0000_0000 | payload));
            } else {
                cp = ecp;
            }
        }
        float_syntax = trail_int || (lead_int && e_exp);
    }

    if float_syntax {
        let v = special.unwrap_or_else(|| parse_decimal(&s[signed..cp]));
        let v = if negative { -v } else { v };
        return Scanned { value: Some(make_float(v)), len: cp };
    }
    if !lead_int {
        return Scanned { value: None, len: cp };
    }
    let value = if !overflow {
        if negative {
            if n > 1u64 << 61 {
                heap().alloc_obj(Obj::Bignum(-BigInt::from(n)))
            } else {
                make_int((n as i64).wrapping_neg())
            }
        } else if n <= i64::MAX as u64 {
            make_int(n as i64)
        } else {
            heap().alloc_obj(Obj::Bignum(BigInt::from(n)))
        }
    } else {
        let mag = BigInt::parse_bytes(&s[signed..after_digits], base).unwrap_or_default();
        heap().alloc_obj(Obj::Bignum(if negative { -mag } else { mag }))
    };
    Scanned { value: Some(value), len: cp }
}

/// Decimal float text (digits, point, exponent; no sign) to the nearest
/// double, as `strtod` converts it.
fn parse_decimal(text: &[u8]) -> f64 {
    let t = std::str::from_utf8(text).unwrap_or("0");
    if let Ok(v) = t.parse::<f64>() {
        return v;
    }
    // Rust's grammar wants a digit before an exponent ("1.e5", ".e5" never
    // reach here as float syntax without one): add a zero fraction.
    let fixed = t.replacen(".e", ".0e", 1).replacen(".E", ".0E", 1);
    fixed.parse::<f64>().unwrap_or(0.0)
}
