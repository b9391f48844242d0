//! `set-buffer-multibyte`: reinterpreting the current buffer's bytes as
//! unibyte or multibyte text, as buffer.c does (raw-byte characters become
//! single bytes and back), with point, narrowing, markers and property
//! intervals carried over by byte position.
use crate::builtins::prelude::*;
use crate::runtime::buffer::intervals::{Intervals, Iv};
use crate::runtime::buffer::{current, syms};

/// Decodes unibyte BYTES as multibyte text: valid sequences stay (unless
/// ALL_RAW), every other non-ASCII byte becomes a raw-byte character.
/// Returns the new bytes, char count, and the char index of each old byte.
fn to_multibyte(bytes: &[u8], all_raw: bool) -> (Vec<u8>, usize, Vec<usize>) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = vec![0usize; bytes.len() + 1];
    let (mut i, mut nchars) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let len = if b < 0x80 || all_raw { 1 } else { valid_len(&bytes[i..]) };
        for k in 0..len {
            map[i + k] = nchars;
        }
        if len > 1 || b < 0x80 {
            out.extend_from_slice(&bytes[i..i + len]);
        } else {
            encode_char(raw_byte_char(b), &mut out);
        }
        i += len;
        nchars += 1;
    }
    map[bytes.len()] = nchars;
    (out, nchars, map)
}

/// The length of the valid internal-encoding sequence at the start of S
/// (1 if there is none).
fn valid_len(s: &[u8]) -> usize {
    let n = char_len_at(s[0]);
    if n < 2 || n > s.len() || s[1..n].iter().any(|&c| !(0x80..0xC0).contains(&c)) {
        return 1;
    }
    if (s[0] == 0xC0 || s[0] == 0xC1) && n == 2 {
        return 2;
    }
    let (c, _) = decode_char(&s[..n]);
    if char_bytes(c) == n {
        n
    } else {
        1
    }
}

fn map_intervals(t: &Intervals, pos_map: impl Fn(usize) -> usize) -> Intervals {
    let mut out = Vec::new();
    let mut start = 0;
    for iv in t.ivs.iter() {
        let (a, b) = (pos_map(start), pos_map(start + iv.len));
        if b > a {
            out.push(Iv { len: b - a, plist: iv.plist });
        }
        start += iv.len;
    }
    Intervals::from_ivs(out)
}

pub fn f_set_buffer_multibyte(a: &[Value]) -> LResult {
    let flag = a[0];
    let b = current();
    if flag.is_nil() != b.multibyte() {
        return Ok(flag);
    }
    if b.begv != 1 || b.zv != b.z() {
        return Err(error("Changing multibyteness in a narrowed buffer"));
    }
    let undo = syms().buffer_undo_list;
    let old_undo = undo.sym().value;
    let mut bytes = Vec::new();
    b.text.copy_bytes(0, b.text.len_chars(), &mut bytes);
    let old_pt = b.pt;
    if flag.is_nil() {
        // Multibyte -> unibyte: raw-byte chars become their byte.
        let nchars = b.text.len_chars();
        let mut out = Vec::with_capacity(bytes.len());
        let mut char_to_new = Vec::with_capacity(nchars + 1);
        let mut i = 0;
        while i < bytes.len() {
            char_to_new.push(out.len());
            let (c, len) = decode_char(&bytes[i..]);
            if char_is_raw_byte(c) {
                out.push(raw_byte_value(c));
            } else {
                out.extend_from_slice(&bytes[i..(i + len).min(bytes.len())]);
            }
            i += len;
        }
        char_to_new.push(out.len());
        let old = LispString::new(Vec::new(), char_to_new.len() - 1, true);
        let n = out.len();
        let ivs = map_intervals(&b.intervals, |p| char_to_new[p.min(old.nchars)]);
        b.text.reset(out, n, false);
        b.intervals = ivs;
        b.pt = char_to_new[(old_pt - 1).min(old.nchars)] + 1;
        b.begv = 1;
        b.zv = n + 1;
        b.markers.borrow_mut().remap(|p| char_to_new[(p - 1).min(old.nchars)] + 1);
    } else {
        let all_raw = flag == intern("to");
        let (out, n, map) = to_multibyte(&bytes, all_raw);
        let ivs = map_intervals(&b.intervals, |p| map[p.min(bytes.len())]);
        b.text.reset(out, n, true);
        b.intervals = ivs;
        b.pt = map[(old_pt - 1).min(bytes.len())] + 1;
        b.begv = 1;
        b.zv = n + 1;
        b.markers.borrow_mut().remap(|p| map[(p - 1).min(bytes.len())] + 1);
    }
    let emc = syms().enable_multibyte_characters;
    let d = emc.sym();
    d.value = Value::bool(!flag.is_nil());
    d.value_version = d.value_version.wrapping_add(1);
    if !old_undo.is_t() {
        let entry = list3(intern("apply"), intern("set-buffer-multibyte"), Value::bool(flag.is_nil()));
        let d = undo.sym();
        d.value = cons(entry, old_undo);
    }
    Ok(flag)
}
