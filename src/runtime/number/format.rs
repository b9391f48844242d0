//! Float formatting as GNU Emacs prints floats: the shortest text that reads
//! back (`float_to_string`), `float-output-format`, and C's `printf` for floats.

use super::super::sym;
use super::super::value::Value;

/// Formats a float the way `prin1` does: the shortest of `%.15g`..`%.17g` (from
/// `%.1g` for subnormals) that
/// reads back exactly (gnulib's dtoastr), with ".0" added when the result would
/// otherwise read as an integer; infinities and NaNs in Emacs's `1.0e+INF` /
/// `0.0e+NaN` syntax.
pub fn float_to_string(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "1.0e+INF".into() } else { "-1.0e+INF".into() };
    }
    if f.is_nan() {
        let neg = f.is_sign_negative();
        let payload = f.to_bits() & ((1u64 << 51) - 1);
        let s = format!("{}.0e+NaN", payload);
        return if neg { format!("-{s}") } else { s };
    }
    let mut s = String::new();
    // As gnulib's ftoastr: subnormals (and zero) start at one digit.
    let first = if f.abs() < f64::MIN_POSITIVE { 1 } else { 15 };
    for prec in first..=17 {
        s = c_format_float(f, b'g', prec);
        if s.parse::<f64>().ok() == Some(f) {
            break;
        }
    }
    if !s.contains(['.', 'e', 'n', 'i']) {
        s.push_str(".0");
    } else if s.ends_with('.') {
        s.push('0');
    }
    s
}

/// A float as `prin1` and `number-to-string` write it: honours
/// `float-output-format` when it holds a valid "%.<digits>e|f|g" spec, as GNU
/// Emacs's print.c `float_to_string`, and the shortest form otherwise.
pub fn float_to_string_for_print(f: f64) -> String {
    if f.is_finite() {
        let fmt = super::super::specpdl::value_cell(sym::FLOAT_OUTPUT_FORMAT);
        if let Some((conv, prec)) = float_output_spec(fmt) {
            let mut s = c_format_float(f, conv, prec.unwrap_or(0));
            if prec != Some(0) {
                ensure_float_syntax(&mut s);
            }
            return s;
        }
    }
    float_to_string(f)
}

/// Parses `float-output-format`: (conversion, precision) for a valid spec.
fn float_output_spec(fmt: Value) -> Option<(u8, Option<usize>)> {
    if !fmt.is_string() {
        return None;
    }
    let b = &fmt.string_ref().data;
    let rest = b.strip_prefix(b"%.")?;
    let ndig = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut prec = None;
    if ndig > 0 {
        let mut w = 0usize;
        for &c in &rest[..ndig] {
            w = w * 10 + (c - b'0') as usize;
            if w > 15 {
                return None;
            }
        }
        if w == 0 && rest.get(ndig) != Some(&b'f') {
            return None;
        }
        prec = Some(w);
    }
    match &rest[ndig..] {
        [c @ (b'e' | b'f' | b'g')] => Some((*c, prec)),
        _ => None,
    }
}

/// Adds ".0" or "0" so that printed digits read back as a float.
fn ensure_float_syntax(s: &mut String) {
    let i = s.bytes().position(|c| !(c.is_ascii_digit() || c == b'-'));
    match i {
        None => s.push_str(".0"),
        Some(i) if &s[i..] == "." => s.push('0'),
        _ => {}
    }
}

/// C's `printf("%.*<conv>", prec, f)` for CONV one of e, f, g (and E, G).
pub fn c_format_float(f: f64, conv: u8, prec: usize) -> String {
    c_format_float_flags(f, "", conv, None, prec)
}

/// C's `printf` for a float with FLAGS (a subset of "-+ #0"), WIDTH and PREC.
pub fn c_format_float_flags(f: f64, flags: &str, conv: u8, width: Option<usize>, prec: usize) -> String {
    let mut spec = String::from("%");
    spec.push_str(flags);
    if let Some(w) = width {
        spec.push_str(&w.to_string());
    }
    spec.push('.');
    spec.push_str(&prec.min(4000).to_string());
    spec.push(conv as char);
    let cspec = std::ffi::CString::new(spec).unwrap();
    let mut buf = vec![0u8; 512 + prec.min(4000) + width.unwrap_or(0)];
    let n = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), cspec.as_ptr(), f) };
    if n < 0 {
        return String::new();
    }
    let n = n as usize;
    if n >= buf.len() {
        buf.resize(n + 1, 0);
        let cspec2 = std::ffi::CString::new(cspec.as_bytes()).unwrap();
        unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), cspec2.as_ptr(), f) };
    }
    buf.truncate(n);
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::float_to_string;
    #[test]
    fn floats_print_as_emacs() {
        // Expectations from GNU Emacs 30.1 (prin1 of each value).
        let cases = [
            (100.0, "100.0"),
            (1e20, "1e+20"),
            (1e15, "1e+15"),
            (1e14, "100000000000000.0"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "1.0e+INF"),
            (f64::NEG_INFINITY, "-1.0e+INF"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0, "0.0"),
            (5e-324, "5e-324"),
            (1e-310, "1e-310"),
            (2.5e-308, "2.5e-308"),
        ];
        for (f, s) in cases {
            assert_eq!(float_to_string(f), s);
        }
    }
}
