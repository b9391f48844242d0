//! The numeric conversions of `format` (%d %i %o %x %X %c %e %f %g), ported
//! from GNU Emacs's `styled_format`: the C `sprintf` text of the number, then
//! Emacs's own handling of excess precision (leading or trailing zeros),
//! the `0` and `#` flags, and padding.  Integers that a double cannot hold
//! exactly are formatted exactly for %e/%f/%g, as Emacs does through
//! `long double`.
use crate::builtins::prelude::*;
use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, ToPrimitive};

/// The most precision a float conversion can use (`1 - LDBL_MIN_EXP`).
pub const USEFUL_PRECISION_MAX: usize = 16382;

#[derive(Clone, Copy, Default)]
pub struct Flags {
    pub minus: bool,
    pub plus: bool,
    pub space: bool,
    pub sharp: bool,
    pub zero: bool,
}

/// C's `snprintf` of a double with FLAGS ("+", " ", "#"), CONV and PREC.
fn c_float(f: f64, flags: &str, conv: u8, prec: usize) -> Vec<u8> {
    let spec = format!("%{flags}.{prec}{}", conv as char);
    let Ok(cspec) = std::ffi::CString::new(spec) else { return Vec::new() };
    let mut buf = vec![0u8; prec + 400];
    let n = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), cspec.as_ptr(), f) };
    if n < 0 {
        return Vec::new();
    }
    let n = n as usize;
    if n >= buf.len() {
        buf.resize(n + 1, 0);
        unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), cspec.as_ptr(), f) };
    }
    buf.truncate(n);
    buf
}

/// Rounds decimal DIGITS (no leading zeros) to KEEP significant digits,
/// half to even; returns the digits and how much the exponent grew.
fn round_digits(digits: &[u8], keep: usize) -> (Vec<u8>, usize) {
    if keep >= digits.len() {
        let mut d = digits.to_vec();
        d.resize(keep, b'0');
        return (d, 0);
    }
    let mut d = digits[..keep].to_vec();
    let rest = &digits[keep..];
    let half = rest[0].cmp(&b'5').then_with(|| {
        if rest[1..].iter().any(|&c| c != b'0') {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let up = match half {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => d.last().is_some_and(|c| (c - b'0') % 2 == 1),
        std::cmp::Ordering::Less => false,
    };
    if up {
        let mut i = d.len();
        loop {
            if i == 0 {
                d.insert(0, b'1');
                d.pop();
                return (d, 1);
            }
            i -= 1;
            if d[i] == b'9' {
                d[i] = b'0';
            } else {
                d[i] += 1;
                break;
            }
        }
    }
    (d, 0)
}

/// `%e` text of mantissa DIGITS (first digit non-zero) times 10^EXP.
fn e_text(digits: &[u8], exp: i64, prec: usize, sharp: bool) -> Vec<u8> {
    let mut out = vec![digits[0]];
    if prec > 0 || sharp {
        out.push(b'.');
    }
    out.extend_from_slice(&digits[1..]);
    out.push(b'e');
    out.push(if exp < 0 { b'-' } else { b'+' });
    out.extend_from_slice(format!("{:02}", exp.abs()).as_bytes());
    out
}

/// `printf` of the exact integer |MAG| (which a double can't hold) with a
/// float conversion, as glibc does for a `long double`.
fn exact_integer_float(neg: bool, mag: u64, conv: u8, prec: Option<usize>, f: &Flags) -> Vec<u8> {
    let digits = mag.to_string().into_bytes();
    let mut out: Vec<u8> = if neg {
        b"-".to_vec()
    } else if f.plus {
        b"+".to_vec()
    } else if f.space {
        b" ".to_vec()
    } else {
        Vec::new()
    };
    let prec = prec.unwrap_or(6);
    let exp = digits.len() as i64 - 1;
    match conv {
        b'f' => {
            out.extend_from_slice(&digits);
            if prec > 0 || f.sharp {
                out.push(b'.');
                out.resize(out.len() + prec, b'0');
            }
        }
        b'e' => {
            let (d, grow) = round_digits(&digits, prec + 1);
            out.extend(e_text(&d, exp + grow as i64, prec, f.sharp));
        }
        _ => {
            let p = prec.max(1);
            let (d, grow) = round_digits(&digits, p);
            let x = exp + grow as i64;
            let mut body = if (p as i64) > x {
                // Fixed notation: all the integer digits, P-1-X zeros after the point.
                let mut b = digits.clone();
                let decimals = p - 1 - x as usize;
                if decimals > 0 || f.sharp {
                    b.push(b'.');
                    b.resize(b.len() + decimals, b'0');
                }
                b
            } else {
                e_text(&d, x, p - 1, f.sharp)
            };
            if !f.sharp {
                strip_g_zeros(&mut body);
            }
            out.extend(body);
        }
    }
    out
}

/// `%g` without `#`: drops trailing zeros of the fraction, and a bare point.
fn strip_g_zeros(s: &mut Vec<u8>) {
    let epos = s.iter().position(|&c| c == b'e').unwrap_or(s.len());
    let (mant, exp) = s.split_at(epos);
    let mut mant = mant.to_vec();
    if mant.contains(&b'.') {
        while mant.last() == Some(&b'0') {
            mant.pop();
        }
        if mant.last() == Some(&b'.') {
            mant.pop();
        }
    }
    mant.extend_from_slice(exp);
    *s = mant;
}

/// Digits of |N| in BASE (upper case for X), with a leading '-' if negative.
fn bignum_text(n: &BigInt, base: u32, upper: bool) -> Vec<u8> {
    let mut s = n.to_str_radix(base);
    if upper {
        s = s.to_uppercase();
    }
    s.into_bytes()
}

/// Digits of X in the base of CONV, at least PREC of them (C's `%.*lo` etc.;
/// a zero with precision 0 gives no digits), with C's `#` forms.
fn unsigned_text(x: u64, conv: u8, prec: i64, sharp: bool) -> Vec<u8> {
    let mut digits = match conv {
        b'o' => format!("{x:o}"),
        b'x' => format!("{x:x}"),
        b'X' => format!("{x:X}"),
        _ => format!("{x}"),
    }
    .into_bytes();
    if x == 0 && prec == 0 {
        digits.clear();
    }
    if prec > digits.len() as i64 {
        let mut z = vec![b'0'; prec as usize - digits.len()];
        z.extend(digits);
        digits = z;
    }
    if sharp && conv == b'o' && digits.first() != Some(&b'0') {
        digits.insert(0, b'0');
    }
    if sharp && x != 0 && (conv == b'x' || conv == b'X') {
        let mut p = if conv == b'x' { b"0x".to_vec() } else { b"0X".to_vec() };
        p.extend(digits);
        digits = p;
    }
    digits
}

fn sign_char(negative: bool, f: &Flags) -> Option<u8> {
    if negative {
        Some(b'-')
    } else if f.plus {
        Some(b'+')
    } else if f.space {
        Some(b' ')
    } else {
        None
    }
}

fn float_flags(f: &Flags) -> String {
    let mut s = String::new();
    if f.plus {
        s.push('+');
    }
    if f.space {
        s.push(' ');
    }
    if f.sharp {
        s.push('#');
    }
    s
}

/// The number ARG formatted by CONV with flags F, FIELD_WIDTH and PRECISION,
/// padded as Emacs pads it.  ARG is a fixnum, or (except for %c) a float or
/// bignum.
pub fn format_number(arg: Value, conv: u8, mut f: Flags, field_width: usize, precision: Option<usize>) -> LResult<Vec<u8>> {
    let float_conv = matches!(conv, b'e' | b'f' | b'g');
    if conv == b'd' || conv == b'i' {
        f.sharp = false;
    }
    if !(float_conv || conv == b'c') {
        f.zero &= precision.is_none();
    }
    let mut prec: i64 = precision.map(|p| p.min(USEFUL_PRECISION_MAX) as i64).unwrap_or(-1);
    let mut prefix: Vec<u8> = Vec::new();
    let p: Vec<u8> = if float_conv {
        float_conversion(arg, conv, &f, prec)
    } else if conv == b'c' {
        let c = arg.as_fixnum().unwrap_or(0) as u8;
        if prec != 0 {
            vec![c]
        } else {
            Vec::new()
        }
    } else {
        let big: Option<BigInt> = if let Some(b) = arg.as_bignum() {
            Some(b.clone())
        } else if arg.is_float() && conv != b'd' && conv != b'i' {
            let d = arg.float_value();
            if d.abs() < 18446744073709551616.0 {
                None
            } else if !d.is_finite() {
                // NaN and infinities have no integer value.
                return Err(overflow_error());
            } else {
                BigInt::from_f64(d)
            }
        } else {
            None
        };
        if let Some(b) = big {
            let base = match conv {
                b'd' | b'i' => 10,
                b'o' => 8,
                _ => 16,
            };
            let text = bignum_text(&b, base, conv == b'X');
            let negative = b.sign() == Sign::Minus;
            prec = (precision.unwrap_or(usize::MAX).min(text.len())) as i64;
            if (f.plus || f.space) && !negative {
                prefix.push(if f.plus { b'+' } else { b' ' });
            }
            if f.sharp && base == 16 {
                prefix.push(b'0');
                prefix.push(conv);
            }
            text
        } else if conv == b'd' || conv == b'i' {
            if let Some(x) = arg.as_fixnum() {
                let mut out: Vec<u8> = sign_char(x < 0, &f).into_iter().collect();
                out.extend(unsigned_text(x.unsigned_abs(), b'd', prec, false));
                out
            } else {
                let mut x = arg.float_value().trunc();
                if x == 0.0 {
                    x = 0.0;
                }
                let out = c_float(x, &float_flags(&Flags { sharp: false, ..f }), b'f', 0);
                let signedp = usize::from(!out.first().is_some_and(|c| c.is_ascii_digit()));
                prec = precision.unwrap_or(usize::MAX).min(out.len().saturating_sub(signedp)) as i64;
                out
            }
        } else {
            let (negative, x) = if let Some(i) = arg.as_fixnum() {
                if !crate::runtime::specpdl::value_cell(intern("binary-as-unsigned")).is_nil()
                    && crate::runtime::specpdl::value_cell(intern("binary-as-unsigned")) != Value::UNBOUND
                {
                    (false, (i as u64) & ((1u64 << 62) - 1))
                } else {
                    (i < 0, i.unsigned_abs())
                }
            } else {
                let d = arg.float_value();
                (d <= -1.0, d.abs() as u64)
            };
            let mut out: Vec<u8> = sign_char(negative, &f).into_iter().collect();
            out.extend(unsigned_text(x, conv, prec, f.sharp));
            out
        }
    };
    pad_number(p, prefix, conv, &f, field_width, precision, prec)
}

fn float_conversion(arg: Value, conv: u8, f: &Flags, prec: i64) -> Vec<u8> {
    let usable_prec = if prec < 0 { None } else { Some(prec as usize) };
    if let Some(i) = arg.as_fixnum() {
        let d = i as f64;
        if d as i128 != i as i128 {
            return exact_integer_float(i < 0, i.unsigned_abs(), conv, usable_prec, f);
        }
        return c_float(d, &float_flags(f), conv, usable_prec.unwrap_or(6));
    }
    if let Some(b) = arg.as_bignum() {
        let (neg, mag) = (b.sign() == Sign::Minus, b.magnitude().to_u64());
        if let Some(m) = mag.filter(|_| !neg || b.to_i64().is_some()) {
            let d = m as f64;
            if d as u128 != m as u128 {
                return exact_integer_float(neg, m, conv, usable_prec, f);
            }
            let d = if neg { -d } else { d };
            return c_float(d, &float_flags(f), conv, usable_prec.unwrap_or(6));
        }
        let d = b.to_f64().unwrap_or(f64::NAN);
        return c_float(d, &float_flags(f), conv, usable_prec.unwrap_or(6));
    }
    c_float(arg.float_value(), &float_flags(f), conv, usable_prec.unwrap_or(6))
}

/// Emacs's excess-precision, zero-flag, `#o` and padding handling around the
/// `sprintf` text P (plus PREFIX for bignums).
fn pad_number(
    p: Vec<u8>,
    prefix: Vec<u8>,
    conv: u8,
    f: &Flags,
    field_width: usize,
    precision: Option<usize>,
    prec: i64,
) -> LResult<Vec<u8>> {
    let float_conv = matches!(conv, b'e' | b'f' | b'g');
    let mut excess: usize = match precision {
        Some(pr) => pr.saturating_sub(prec.max(0) as usize),
        None => 0,
    };
    let mut trailing_zeros = 0;
    if excess != 0 && float_conv {
        let last_digit = p.last().is_some_and(|c| c.is_ascii_digit());
        if !last_digit || (conv == b'g' && !(f.sharp && p.contains(&b'.'))) {
            excess = 0;
        }
        trailing_zeros = excess;
    }
    let mut leading_zeros = excess - trailing_zeros;
    let numwidth = prefix.len().saturating_add(p.len()).saturating_add(excess);
    let mut padding = field_width.saturating_sub(numwidth);
    let max = super::format::MAX_BUFSIZE;
    if max.saturating_sub(prefix.len() + p.len()) <= excess || max.saturating_sub(padding) <= numwidth {
        return Err(super::format::string_overflow());
    }
    crate::builtins::alloc::check_alloc(numwidth.saturating_add(padding) as u64, 1)?;
    let at = |i: usize| p.get(i).copied().unwrap_or(0);
    let signedp = usize::from(matches!(at(0), b'-' | b'+' | b' '));
    let beglen = (signedp + if at(signedp) == b'0' && matches!(at(signedp + 1), b'x' | b'X') { 2 } else { 0 }).min(p.len());
    if f.zero && at(beglen).is_ascii_hexdigit() {
        leading_zeros += padding;
        padding = 0;
    }
    if leading_zeros == 0 && f.sharp && conv == b'o' && at(beglen) != b'0' {
        leading_zeros += 1;
        padding -= usize::from(padding != 0);
    }
    let mut endlen = 0;
    if trailing_zeros > 0 && (conv == b'e' || conv == b'g') {
        if let Some(e) = p.iter().position(|&c| c == b'e') {
            endlen = p.len() - e;
        }
    }
    let midlen = p.len().saturating_sub(beglen + endlen);
    let leading_padding = if f.minus { 0 } else { padding };
    let trailing_padding = padding - leading_padding;
    let mut out = Vec::with_capacity(padding + leading_zeros + prefix.len() + p.len() + trailing_zeros);
    out.resize(leading_padding, b' ');
    out.extend_from_slice(&p[..beglen]);
    out.extend_from_slice(&prefix);
    out.resize(out.len() + leading_zeros, b'0');
    out.extend_from_slice(&p[beglen..beglen + midlen]);
    out.resize(out.len() + trailing_zeros, b'0');
    out.extend_from_slice(&p[beglen + midlen..]);
    out.resize(out.len() + trailing_padding, b' ');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_integers() {
        let f = Flags::default();
        let m = MOST_POSITIVE_FIXNUM as u64;
        // (format "%f" most-positive-fixnum) etc. in GNU Emacs 30.1
        assert_eq!(exact_integer_float(false, m, b'f', None, &f), b"2305843009213693951.000000");
        assert_eq!(exact_integer_float(false, m, b'e', None, &f), b"2.305843e+18");
        assert_eq!(exact_integer_float(false, m, b'g', None, &f), b"2.30584e+18");
        assert_eq!(exact_integer_float(false, m, b'e', Some(20), &f), b"2.30584300921369395100e+18");
        assert_eq!(round_digits(b"9999", 2), (b"10".to_vec(), 1));
        assert_eq!(round_digits(b"125", 2), (b"12".to_vec(), 0));
        assert_eq!(round_digits(b"135", 2), (b"14".to_vec(), 0));
    }
}
