//! String primitives of fns.c: comparison (`string-equal`, `string-lessp`,
//! `string-version-lessp`, `compare-strings`, the collation functions),
//! `string-distance`, `string-search`, `string-bytes`, and the unibyte /
//! multibyte conversions (`string-to-multibyte`, `string-as-unibyte`,
//! `string-make-unibyte` ...).
use crate::builtins::casefiddle::{downcase_char, upcase_char};
use crate::builtins::fns::seq::validate_subarray;
use crate::builtins::prelude::*;
use std::cmp::Ordering;

/// A string argument, or a symbol standing for its name.
fn string_or_symbol(v: Value) -> LResult<Value> {
    if v.is_symbol() {
        Ok(v.sym().name)
    } else {
        expect_string(v)?;
        Ok(v)
    }
}

/// Emacs's `string_cmp`: character order, unibyte bytes counting as 0..=255.
pub fn string_cmp(a: &LispString, b: &LispString) -> Ordering {
    if !a.multibyte && !b.multibyte || a.is_ascii() && b.is_ascii() {
        return a.data.cmp(&b.data);
    }
    a.chars().cmp(b.chars())
}

pub fn f_string_equal(a: &[Value]) -> LResult {
    let s1 = if a[0].is_symbol() { a[0].sym().name } else { a[0] };
    let s2 = if a[1].is_symbol() { a[1].sym().name } else { a[1] };
    let (x, y) = (expect_string(s1)?, expect_string(s2)?);
    Ok(Value::bool(x.nchars == y.nchars && x.data == y.data))
}

pub fn f_string_lessp(a: &[Value]) -> LResult {
    let (x, y) = (string_or_symbol(a[0])?, string_or_symbol(a[1])?);
    Ok(Value::bool(string_cmp(x.string_ref(), y.string_ref()) == Ordering::Less))
}

pub fn f_string_version_lessp(a: &[Value]) -> LResult {
    let s1 = if a[0].is_symbol() { a[0].sym().name } else { a[0] };
    let s2 = if a[1].is_symbol() { a[1].sym().name } else { a[1] };
    let (x, y) = (expect_string(s1)?, expect_string(s2)?);
    Ok(Value::bool(filevercmp(&x.data, &y.data) < 0))
}

/// Collation in the C locale: character order, optionally ignoring case.
fn collate(a: &[Value]) -> LResult<Ordering> {
    let (x, y) = (string_or_symbol(a[0])?, string_or_symbol(a[1])?);
    if !a[2].is_nil() {
        expect_string(a[2])?;
    }
    let (x, y) = (x.string_ref(), y.string_ref());
    if a[3].is_nil() {
        return Ok(x.chars().cmp(y.chars()));
    }
    Ok(x.chars().map(downcase_char).cmp(y.chars().map(downcase_char)))
}
pub fn f_string_collate_lessp(a: &[Value]) -> LResult {
    Ok(Value::bool(collate(a)? == Ordering::Less))
}
pub fn f_string_collate_equalp(a: &[Value]) -> LResult {
    Ok(Value::bool(collate(a)? == Ordering::Equal))
}

// ---------------------------------------------------------------------------
// filevercmp (gnulib), as `string-version-lessp` uses it on the raw bytes.

fn ver_order(s: &[u8], pos: usize) -> i32 {
    match s.get(pos) {
        None => -1,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => *c as i32,
        Some(b'~') => -2,
        Some(c) => *c as i32 + 256,
    }
}

fn verrevcmp(s1: &[u8], s2: &[u8]) -> i32 {
    let (mut p1, mut p2) = (0, 0);
    let digit = |s: &[u8], p: usize| s.get(p).is_some_and(|c| c.is_ascii_digit());
    while p1 < s1.len() || p2 < s2.len() {
        let mut first_diff = 0;
        while (p1 < s1.len() && !digit(s1, p1)) || (p2 < s2.len() && !digit(s2, p2)) {
            let (c1, c2) = (ver_order(s1, p1), ver_order(s2, p2));
            if c1 != c2 {
                return c1 - c2;
            }
            p1 += 1;
            p2 += 1;
        }
        while s1.get(p1) == Some(&b'0') {
            p1 += 1;
        }
        while s2.get(p2) == Some(&b'0') {
            p2 += 1;
        }
        while digit(s1, p1) && digit(s2, p2) {
            if first_diff == 0 {
                first_diff = s1[p1] as i32 - s2[p2] as i32;
            }
            p1 += 1;
            p2 += 1;
        }
        if digit(s1, p1) {
            return 1;
        }
        if digit(s2, p2) {
            return -1;
        }
        if first_diff != 0 {
            return first_diff;
        }
    }
    0
}

/// Length of S without its file suffix (gnulib's `file_prefixlen`).
fn file_prefixlen(s: &[u8]) -> usize {
    let n = s.len();
    let mut prefixlen = 0;
    let mut i = 0;
    while i < n {
        i += 1;
        prefixlen = i;
        while i + 1 < n && s[i] == b'.' && (s[i + 1].is_ascii_alphabetic() || s[i + 1] == b'~') {
            i += 2;
            while i < n && (s[i].is_ascii_alphanumeric() || s[i] == b'~') {
                i += 1;
            }
        }
    }
    prefixlen
}

pub fn filevercmp(a: &[u8], b: &[u8]) -> i32 {
    if a.is_empty() {
        return -i32::from(!b.is_empty());
    }
    if b.is_empty() {
        return 1;
    }
    if a[0] == b'.' {
        if b[0] != b'.' {
            return -1;
        }
        let (adot, bdot) = (a.len() == 1, b.len() == 1);
        if adot {
            return -i32::from(!bdot);
        }
        if bdot {
            return 1;
        }
        let adotdot = a[1] == b'.' && a.len() == 2;
        let bdotdot = b[1] == b'.' && b.len() == 2;
        if adotdot {
            return -i32::from(!bdotdot);
        }
        if bdotdot {
            return 1;
        }
    } else if b[0] == b'.' {
        return 1;
    }
    let (ap, bp) = (file_prefixlen(a), file_prefixlen(b));
    let one_pass = ap == a.len() && bp == b.len();
    let r = verrevcmp(&a[..ap], &b[..bp]);
    if r != 0 || one_pass {
        r
    } else {
        verrevcmp(a, b)
    }
}

// ---------------------------------------------------------------------------
// compare-strings, string-distance, string-search, string-bytes

/// Chars of S as multibyte characters (unibyte bytes become raw-byte chars).
fn chars_as_multibyte(s: &LispString) -> Vec<u32> {
    if s.multibyte {
        s.chars().collect()
    } else {
        s.data.iter().map(|&b| raw_byte_char(b)).collect()
    }
}

pub fn f_compare_strings(a: &[Value]) -> LResult {
    let (str1, str2) = (a[0], a[3]);
    let (s1, s2) = (expect_string(str1)?, expect_string(str2)?);
    let clip = |end: Value, len: usize| match end.as_fixnum() {
        Some(e) if e > len as i64 => Value::fixnum(len as i64),
        _ => end,
    };
    let (end1, end2) = (clip(a[2], s1.nchars), clip(a[5], s2.nchars));
    let (from1, to1) = validate_subarray(str1, a[1], end1, s1.nchars)?;
    let (from2, to2) = validate_subarray(str2, a[4], end2, s2.nchars)?;
    let c1 = chars_as_multibyte(s1);
    let c2 = chars_as_multibyte(s2);
    let (mut i1, mut i2) = (from1, from2);
    while i1 < to1 && i2 < to2 {
        let (mut x, mut y) = (c1[i1], c2[i2]);
        i1 += 1;
        i2 += 1;
        if x == y {
            continue;
        }
        if !a[6].is_nil() {
            x = upcase_char(x);
            y = upcase_char(y);
        }
        if x == y {
            continue;
        }
        let k = (i1 - from1) as i64;
        return Ok(Value::fixnum(if x < y { -k } else { k }));
    }
    Ok(if i1 < to1 {
        Value::fixnum((i1 - from1 + 1) as i64)
    } else if i2 < to2 {
        Value::fixnum(-((i1 - from1 + 1) as i64))
    } else {
        Value::T
    })
}

fn levenshtein<T: PartialEq>(s1: &[T], s2: &[T]) -> usize {
    let mut column: Vec<usize> = (0..=s1.len()).collect();
    for x in 1..=s2.len() {
        column[0] = x;
        let mut lastdiag = x - 1;
        for y in 1..=s1.len() {
            let olddiag = column[y];
            column[y] = (column[y] + 1).min(column[y - 1] + 1).min(lastdiag + usize::from(s1[y - 1] != s2[x - 1]));
            lastdiag = olddiag;
        }
    }
    column[s1.len()]
}

pub fn f_string_distance(a: &[Value]) -> LResult {
    let (s1, s2) = (expect_string(a[0])?, expect_string(a[1])?);
    crate::builtins::alloc::check_alloc(s1.data.len() as u64, 8)?;
    let bytes = !a[2].is_nil() || (!s1.multibyte && !s2.multibyte);
    let d =
        if bytes { levenshtein(&s1.data, &s2.data) } else { levenshtein(&s1.chars().collect::<Vec<_>>(), &s2.chars().collect::<Vec<_>>()) };
    Ok(Value::fixnum(d as i64))
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn f_string_search(a: &[Value]) -> LResult {
    let (needle, haystack) = (expect_string(a[0])?, expect_string(a[1])?);
    let mut start = 0usize;
    if !a[2].is_nil() {
        let k = expect_fixnum(a[2])?;
        if k < 0 || k as usize > haystack.nchars {
            return Err(signal(sym::ARGS_OUT_OF_RANGE, list1(a[2])));
        }
        start = k as usize;
    }
    if needle.nchars > haystack.nchars - start {
        return Ok(Value::NIL);
    }
    let start_byte = haystack.byte_offset(start);
    // Search for the needle in the haystack's own representation.
    let pattern: Vec<u8> = if haystack.multibyte == needle.multibyte || needle.is_ascii() {
        needle.data.clone()
    } else if haystack.multibyte {
        let mut v = Vec::new();
        needle.data.iter().for_each(|&b| encode_char(raw_byte_char(b), &mut v));
        v
    } else {
        let mut v = Vec::new();
        for c in needle.chars() {
            if c < 0x80 {
                v.push(c as u8);
            } else if char_is_raw_byte(c) {
                v.push(raw_byte_value(c));
            } else {
                return Ok(Value::NIL);
            }
        }
        v
    };
    if haystack.multibyte && haystack.is_ascii() && !pattern.is_ascii() {
        return Ok(Value::NIL);
    }
    let Some(pos) = find_bytes(&haystack.data[start_byte..], &pattern) else { return Ok(Value::NIL) };
    let byte = start_byte + pos;
    let chars = if haystack.multibyte { count_chars(&haystack.data[..byte]) } else { byte };
    Ok(Value::fixnum(chars as i64))
}

pub fn f_string_bytes(a: &[Value]) -> LResult {
    Ok(Value::fixnum(expect_string(a[0])?.data.len() as i64))
}

// ---------------------------------------------------------------------------
// Unibyte / multibyte conversions

/// Emacs's `multibyte_length`: length of the valid multibyte sequence at the
/// start of S, or 0.
fn multibyte_length(s: &[u8], allow_8bit: bool) -> usize {
    let Some(&c) = s.first() else { return 0 };
    if c < 0x80 {
        return 1;
    }
    let Some(&d) = s.get(1) else { return 0 };
    let mut w = (((d & 0xC0) as i64) << 2) + c as i64;
    if (if allow_8bit { 0x2C0 } else { 0x2C2 }) <= w && w <= 0x2DF {
        return 2;
    }
    let Some(&e) = s.get(2) else { return 0 };
    w += ((e & 0xC0) as i64) << 4;
    let w1 = w | ((d & 0x20) as i64 >> 2);
    if (0xAE1..=0xAEF).contains(&w1) {
        return 3;
    }
    let Some(&f) = s.get(3) else { return 0 };
    w += ((f & 0xC0) as i64) << 6;
    let w2 = w | ((d & 0x30) as i64 >> 3);
    if (0x2AF1..=0x2AF7).contains(&w2) {
        return 4;
    }
    let Some(&g) = s.get(4) else { return 0 };
    let lw = w + (((g & 0xC0) as i64) << 8);
    let w3 = (lw << 24) + ((d as i64) << 16) + ((e as i64) << 8) + f as i64;
    if (0xAAF8888080..=0xAAF88FBFBD).contains(&w3) {
        return 5;
    }
    0
}

/// Bytes reinterpreted as multibyte text: valid sequences are kept, other
/// bytes become raw-byte characters.
pub fn bytes_as_multibyte(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let n = multibyte_length(&data[i..], false);
        if n > 0 {
            out.extend_from_slice(&data[i..i + n]);
            i += n;
        } else {
            encode_char(raw_byte_char(data[i]), &mut out);
            i += 1;
        }
    }
    out
}

/// `string_to_multibyte`: unibyte bytes >= 0x80 become raw-byte chars.
pub fn string_to_multibyte(v: Value) -> Value {
    let s = v.string_ref();
    if s.multibyte {
        return v;
    }
    let mut out = Vec::with_capacity(s.data.len());
    s.data.iter().for_each(|&b| encode_char(raw_byte_char(b), &mut out));
    heap().alloc_string(LispString::new(out, s.nchars, true))
}

pub fn f_string_to_multibyte(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    Ok(string_to_multibyte(a[0]))
}

pub fn f_string_to_unibyte(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    if !s.multibyte {
        return Ok(a[0]);
    }
    let mut out = Vec::with_capacity(s.nchars);
    for (i, c) in s.chars().enumerate() {
        if c < 0x80 {
            out.push(c as u8);
        } else if char_is_raw_byte(c) {
            out.push(raw_byte_value(c));
        } else {
            return Err(error(&format!("Cannot convert character at index {i} to unibyte")));
        }
    }
    Ok(make_string_from_bytes(out, false))
}

pub fn f_string_as_unibyte(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    if !s.multibyte {
        return Ok(a[0]);
    }
    let mut out = Vec::with_capacity(s.data.len());
    let mut i = 0;
    while i < s.data.len() {
        let b = s.data[i];
        if (b == 0xC0 || b == 0xC1) && i + 1 < s.data.len() {
            out.push(raw_byte_value(decode_char(&s.data[i..]).0));
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Ok(make_string_from_bytes(out, false))
}

pub fn f_string_as_multibyte(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    if s.multibyte {
        return Ok(a[0]);
    }
    Ok(make_string_from_bytes(bytes_as_multibyte(&s.data), true))
}

pub fn f_string_make_unibyte(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    if !s.multibyte {
        return Ok(a[0]);
    }
    let out: Vec<u8> = s.chars().map(|c| if char_is_raw_byte(c) { raw_byte_value(c) } else { (c & 0xFF) as u8 }).collect();
    Ok(make_string_from_bytes(out, false))
}

pub fn f_string_make_multibyte(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    if s.multibyte || s.is_ascii() {
        return Ok(a[0]);
    }
    Ok(string_to_multibyte(a[0]))
}

/// `object-intervals`: the text-property intervals of a string or buffer.
pub fn f_object_intervals(a: &[Value]) -> LResult {
    crate::builtins::textprop::object_intervals(a[0])
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::builtins::prelude::*;

    #[test]
    fn comparisons() {
        setup();
        // Expectations from GNU Emacs 30.1.
        assert_eq!(call("string-lessp", &[sy("a"), s("b")]).ok(), Some(Value::T));
        assert!(call("string-lessp", &[n(1), s("b")]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::STRINGP, n(1)]));
        assert!(call("string-equal", &[s("a"), n(1)]).is_err());
        assert_eq!(call("string-version-lessp", &[s("foo2.png"), s("foo12.png")]).ok(), Some(Value::T));
        assert_eq!(call("string-version-lessp", &[s("foo12.png"), s("foo2.png")]).ok(), Some(Value::NIL));
        assert_eq!(call("compare-strings", &[s("abc"), Value::NIL, Value::NIL, s("abd"), Value::NIL, Value::NIL]).ok(), Some(n(-3)));
        assert_eq!(
            call("compare-strings", &[s("abc"), Value::NIL, n(10), s("ABC"), Value::NIL, Value::NIL, Value::T]).ok(),
            Some(Value::T)
        );
        assert_eq!(call("compare-strings", &[s("ab"), Value::NIL, Value::NIL, s("abc"), Value::NIL, Value::NIL]).ok(), Some(n(-3)));
        let abc = s("abc");
        assert!(call("compare-strings", &[abc, n(5), Value::NIL, s("abc"), Value::NIL, Value::NIL]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![abc, n(5), Value::NIL]));
        assert_eq!(call("string-collate-lessp", &[s("a"), s("B")]).ok(), Some(Value::NIL));
        assert_eq!(call("string-collate-lessp", &[s("a"), s("B"), Value::NIL, Value::T]).ok(), Some(Value::T));
        assert_eq!(call("string-collate-equalp", &[s("a"), s("A"), Value::NIL, Value::T]).ok(), Some(Value::T));
    }

    #[test]
    fn search_and_distance() {
        setup();
        assert_eq!(call("string-search", &[s("b"), s("abcb"), n(2)]).ok(), Some(n(3)));
        assert!(call("string-search", &[s("b"), s("abc"), n(4)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![n(4)]));
        assert_eq!(call("string-search", &[s("é"), s("aé")]).ok(), Some(n(1)));
        assert_eq!(call("string-search", &[s("x"), s("aé")]).ok(), Some(Value::NIL));
        assert_eq!(call("string-distance", &[s("kitten"), s("sitting")]).ok(), Some(n(3)));
        assert_eq!(call("string-bytes", &[s("aé")]).ok(), Some(n(3)));
    }

    #[test]
    fn intervals() {
        setup();
        // (object-intervals (concat "a" (propertize "b" 'f 1) "cd")) -> ((0 1 nil) (1 2 (f 1)) (2 4 nil))
        let b = call("propertize", &[s("b"), sy("f"), n(1)]).unwrap();
        let c = call("concat", &[s("a"), b, s("cd")]).unwrap();
        let r = list_to_vec(call("object-intervals", &[c]).unwrap());
        let shape: Vec<(Value, Value, Value)> = r.iter().map(|iv| (iv.car(), iv.cdr().car(), iv.cdr().cdr().car())).collect();
        assert_eq!(shape.len(), 3);
        assert_eq!((shape[0].0, shape[0].1, shape[0].2), (n(0), n(1), Value::NIL));
        assert_eq!((shape[1].0, shape[1].1, list_to_vec(shape[1].2)), (n(1), n(2), vec![sy("f"), n(1)]));
        assert_eq!((shape[2].0, shape[2].1, shape[2].2), (n(2), n(4), Value::NIL));
        assert_eq!(call("object-intervals", &[s("abc")]).ok(), Some(Value::NIL));
        assert!(call("object-intervals", &[n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sy("buffer-or-string-p"), n(1)]));
    }

    #[test]
    fn conversions() {
        setup();
        let u = make_string_from_bytes(vec![0xc3, 0xa9, 0xc0], false);
        // (append (string-as-multibyte "\303\251\300") nil) -> (233 4194240)
        let m = call("string-as-multibyte", &[u]).unwrap();
        assert_eq!(m.string_ref().chars().collect::<Vec<_>>(), vec![233, 4194240]);
        let u2 = make_string_from_bytes(vec![0xc0, 0x80, 0xc1, 0xbf], false);
        let m2 = call("string-as-multibyte", &[u2]).unwrap();
        assert_eq!(m2.string_ref().chars().collect::<Vec<_>>(), vec![4194240, 4194176, 4194241, 4194239]);
        // (append (string-as-unibyte "é\300") nil) -> (195 169 192)
        let e = call("string-to-multibyte", &[make_string_from_bytes(vec![0xc0], false)]).unwrap();
        let src = call("concat", &[s("é"), e]).unwrap();
        assert_eq!(call("string-as-unibyte", &[src]).unwrap().string_ref().data, vec![195, 169, 192]);
        // (append (string-make-unibyte "aé\300α") nil) -> (97 233 192 177)
        let src = call("concat", &[s("aé"), e, s("α")]).unwrap();
        assert_eq!(call("string-make-unibyte", &[src]).unwrap().string_ref().data, vec![97, 233, 192, 177]);
        assert!(call("string-to-unibyte", &[s("aé")]).is_err());
        assert_eq!(err(), (sym::ERROR, vec![err().1[0]]));
        assert_eq!(text(err().1[0]), "Cannot convert character at index 1 to unibyte");
        let mm = call("string-make-multibyte", &[make_string_from_bytes(vec![0xc0, b'a'], false)]).unwrap();
        assert_eq!(mm.string_ref().chars().next(), Some(4194240));
        assert!(!call("string-make-multibyte", &[s("abc")]).unwrap().string_ref().multibyte);
        assert!(call("string-to-multibyte", &[s("abc")]).unwrap().string_ref().multibyte);
    }
}
