//! `transpose-regions` of editfns.c: swaps two non-overlapping regions of
//! the current buffer, moving their text properties with the text (and the
//! text between them, when it shifts), recording undo as Emacs does
//! (`record_change` per changed span), and moving markers and point with
//! the text unless LEAVE-MARKERS.
use super::buffer::modify_text;
use crate::builtins::buffer::args::validate_region;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::signal_after_change;
use crate::runtime::buffer::intervals::{set_text_properties_1_hook, Intervals};
use crate::runtime::buffer::textprop::record_set_properties;
use crate::runtime::buffer::{current, undo};

/// Removes the properties of FROM..TO (buffer positions), with undo records.
fn clear_props(from: usize, to: usize) {
    let t = &mut current().intervals;
    if t.is_null() || to <= from {
        return;
    }
    let (i, _) = t.find(from - 1);
    let mut record = record_set_properties;
    set_text_properties_1_hook(t, from - 1, to - 1, Value::NIL, i, Some(&mut record));
}

/// `graft_intervals_into_buffer` of SOURCE over LENGTH chars at POS.
fn graft(source: &Intervals, pos: usize, length: usize) {
    let b = current();
    let text_len = b.z() - 1;
    let length = length.min(text_len.saturating_sub(pos - 1));
    let mut record = record_set_properties;
    b.intervals.graft(source, pos - 1, length, text_len, false, Some(&mut record));
}

/// `transpose_markers`: where a position in START1..END2 moves to.
fn moved(p: usize, s1: usize, e1: usize, s2: usize, e2: usize) -> usize {
    if p < s1 || p >= e2 {
        p
    } else if p < e1 {
        p + (e2 - e1)
    } else if p < s2 {
        p + (e2 - s2) - (e1 - s1)
    } else {
        p - (s2 - s1)
    }
}

fn bytes_of(from: usize, to: usize) -> Vec<u8> {
    let mut out = Vec::new();
    current().text.copy_bytes(from - 1, to - 1, &mut out);
    out
}

fn f_transpose_regions(a: &[Value]) -> LResult {
    let (mut s1, mut e1) = validate_region(a[0], a[1])?;
    let (mut s2, mut e2) = validate_region(a[2], a[3])?;
    if s2 < e1 {
        std::mem::swap(&mut s1, &mut s2);
        std::mem::swap(&mut e1, &mut e2);
    }
    if s2 < e1 {
        return Err(error("Transposed regions overlap"));
    }
    if (s1 == e1 || s2 == e2) && e1 == s2 {
        return Ok(Value::NIL);
    }
    let (len1, len2, len_mid) = (e1 - s1, e2 - s2, s2 - e1);
    let b = current();
    let len1_byte = b.pos_to_byte(e1) - b.pos_to_byte(s1);
    let len2_byte = b.pos_to_byte(e2) - b.pos_to_byte(s2);
    let adjacent = e1 == s2;
    if adjacent || len1_byte <= len2_byte {
        modify_text(s1, e2)?;
    }
    let b = current();
    if adjacent {
        undo::record_change(b, s1, len1 + len2);
    } else if len1_byte == len2_byte {
        undo::record_change(b, s1, len1);
        undo::record_change(b, s2, len2);
    } else {
        undo::record_change(b, s1, e2 - s1);
    }
    if !adjacent && len1_byte > len2_byte {
        modify_text(s1, e2)?;
    }
    // The hooks may have edited the buffer: never index past its end.
    if e2 > current().z() {
        return Err(args_out_of_range(Value::fixnum(s1 as i64), Value::fixnum(e2 as i64)));
    }
    let t = &current().intervals;
    let iv1 = t.copy_range(s1 - 1, len1);
    let ivm = t.copy_range(e1 - 1, len_mid);
    let iv2 = t.copy_range(s2 - 1, len2);
    let same_size = !adjacent && len1_byte == len2_byte;
    if same_size {
        clear_props(s1, e1);
        clear_props(s2, e2);
    } else {
        clear_props(s1, e2);
    }
    let mut bytes = bytes_of(s2, e2);
    bytes.extend(bytes_of(e1, s2));
    bytes.extend(bytes_of(s1, e1));
    current().text.replace(s1 - 1, e2 - 1, &bytes, e2 - s1);
    if adjacent {
        graft(&iv1, s1 + len2, len1);
        graft(&iv2, s1, len2);
    } else if same_size {
        graft(&iv1, s2, len1);
        graft(&iv2, s1, len2);
    } else {
        graft(&iv1, e2 - len1, len1);
        graft(&ivm, s1 + len2, len_mid);
        graft(&iv2, s1, len2);
    }
    if a[4].is_nil() {
        let b = current();
        b.pt = moved(b.pt, s1, e1, s2, e2);
        b.markers.borrow_mut().remap(|p| moved(p, s1, e1, s2, e2));
    }
    signal_after_change(s1, e2 - s1, e2 - s1)?;
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] =
    &[SubrDef::new("transpose-regions", 4, 5, f_transpose_regions, "Transpose region STARTR1 to ENDR1 with STARTR2 to ENDR2.")];
