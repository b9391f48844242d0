//! The buffer primitives of fns.c: `base64-encode-region`,
//! `base64url-encode-region`, `base64-decode-region` (sharing the string
//! versions' codec), `buffer-hash` (SHA-1 of the buffer's internal bytes)
//! and `buffer-line-statistics` (which, as in Emacs, scans the text before
//! and after the gap separately, quirks included).
use super::codec::{base64_decode, base64_encode, base64_input, digest};
use crate::builtins::buffer::args::validate_region;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{del_range, insert_from_string};
use crate::runtime::buffer::{self, current, Buffer};

/// Point after replacing BEG..END by NEW chars: kept when before the
/// region, shifted when after it, else the region's start.
fn restore_point(old: usize, beg: usize, end: usize, new: usize) -> usize {
    if old >= end {
        old + new - (end - beg)
    } else if old > beg {
        beg
    } else {
        old
    }
}

fn encode_region(a: &[Value], line_break: bool, pad: bool, url: bool) -> LResult {
    let (beg, end) = validate_region(a[0], a[1])?;
    let old = current().pt;
    let text = current().substring(beg, end);
    let Some(data) = base64_input(text.string_ref()) else {
        return Err(error("Multibyte character in data for base64 encoding"));
    };
    let encoded = base64_encode(&data, line_break, url, pad);
    let n = encoded.len();
    let s = make_string_from_bytes(encoded, false);
    current().pt = beg;
    insert_from_string(s, 0, n, false, false)?;
    del_range(beg + n, end + n, true, false)?;
    let b = current();
    b.pt = restore_point(old, beg, end, n).clamp(b.begv, b.zv);
    Ok(Value::fixnum(n as i64))
}

pub fn f_base64_encode_region(a: &[Value]) -> LResult {
    encode_region(a, a[2].is_nil(), true, false)
}

pub fn f_base64url_encode_region(a: &[Value]) -> LResult {
    encode_region(a, false, a[2].is_nil(), true)
}

pub fn f_base64_decode_region(a: &[Value]) -> LResult {
    let (beg, end) = validate_region(a[0], a[1])?;
    let old = current().pt;
    let mut raw = Vec::new();
    current().text.copy_bytes(beg - 1, end - 1, &mut raw);
    let Some(decoded) = base64_decode(&raw, !a[2].is_nil(), !a[3].is_nil()) else {
        return Err(error("Invalid base64 data"));
    };
    let n = decoded.len();
    let s = make_string_from_bytes(decoded, false);
    current().pt = beg;
    insert_from_string(s, 0, n, false, false)?;
    let pt = current().pt;
    del_range(pt, end + n, true, false)?;
    let b = current();
    b.pt = restore_point(old, beg, end, n).min(b.zv).max(b.begv);
    Ok(Value::fixnum(n as i64))
}

/// `Fget_buffer` then `nsberror` for nil.
fn buffer_arg(v: Value) -> LResult<&'static mut Buffer> {
    let buf = if v.is_nil() { buffer::current_buffer() } else { buffer::get_buffer(v)? };
    if buf.is_nil() {
        return Err(buffer::no_such_buffer(v));
    }
    buffer::as_buffer(buf).ok_or_else(|| buffer::no_such_buffer(v))
}

/// The buffer's whole text as internal bytes, and the gap's byte offset.
fn raw_text(b: &Buffer) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let n = b.text.len_chars();
    b.text.copy_bytes(0, n, &mut out);
    let gap = match &b.text {
        buffer::Text::Gap(g) => b.text.char_to_byte(g.gap_char_position()),
        buffer::Text::Host(_) => out.len(),
    };
    let gap = gap.min(out.len());
    (out, gap)
}

pub fn f_buffer_hash(a: &[Value]) -> LResult {
    let b = buffer_arg(a[0])?;
    let (data, _) = raw_text(b);
    let d = digest("sha1", &data).unwrap_or_default();
    let hex: String = d.iter().map(|x| format!("{x:02x}")).collect();
    Ok(make_string(&hex))
}

/// Running line statistics (count, longest, Knuth's running mean).
#[derive(Default)]
struct Stats {
    lines: i64,
    longest: i64,
    mean: f64,
}

impl Stats {
    fn add(&mut self, len: i64) {
        self.longest = self.longest.max(len);
        self.lines += 1;
        self.mean += (len as f64 - self.mean) / self.lines as f64;
    }
}

pub fn f_buffer_line_statistics(a: &[Value]) -> LResult {
    let b = buffer_arg(a[0])?;
    let (data, gap) = raw_text(b);
    let (pre, post) = data.split_at(gap);
    let mut st = Stats::default();
    let mut pre_gap = 0i64;
    let mut rest = pre;
    while !rest.is_empty() {
        match rest.iter().position(|&c| c == b'\n') {
            Some(n) => {
                st.add(n as i64);
                rest = &rest[n + 1..];
            }
            None => {
                pre_gap = rest.len() as i64;
                rest = &[];
            }
        }
    }
    if !post.is_empty() {
        // As in Emacs, a line straddling the gap also advances the scan by
        // the pre-gap part's length.
        let (mut idx, mut area) = (0usize, post.len() as i64);
        while area > 0 {
            let window = &post[idx..idx + area as usize];
            let this_line = match window.iter().position(|&c| c == b'\n') {
                Some(n) => n as i64 + pre_gap,
                None => area + pre_gap,
            };
            st.add(this_line);
            area -= this_line + 1;
            idx += (this_line + 1) as usize;
            pre_gap = 0;
        }
    } else if pre_gap > 0 {
        st.add(pre_gap);
    }
    Ok(list(&[Value::fixnum(st.lines), Value::fixnum(st.longest), heap().alloc_float(st.mean)]))
}
