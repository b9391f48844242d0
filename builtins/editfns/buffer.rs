//! The buffer half of GNU Emacs's editfns.c: point and the accessible
//! region (`point`, `goto-char`, `point-min`, `narrow-to-region`,
//! `widen`...), looking at text (`char-after`, `bolp`, `buffer-substring`,
//! `compare-buffer-substrings`...), inserting and deleting (`insert` and its
//! variants, `insert-char`, `insert-buffer-substring`, `delete-region`,
//! `subst-char-in-region`), line positions (`pos-bol`, `line-end-position`)
//! and byte positions; also `line-number-at-pos` (fns.c) and the mark.
use crate::builtins::buffer::args::{fix_position, live_buffer, validate_region};
use crate::builtins::buffer::cmds::{bol, eol};
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{
    buffer_string, del_range, insert_chars, insert_from_string, modiff_incr, prepare_to_modify, signal_after_change,
};
use crate::runtime::buffer::markers::{as_marker, make_marker, make_marker_at};
use crate::runtime::buffer::{self, as_buffer, current, current_buffer, syms, undo};
use crate::runtime::specpdl::value_cell;

fn pos(n: usize) -> Value {
    Value::fixnum(n as i64)
}

fn f_point(_a: &[Value]) -> LResult {
    Ok(pos(current().pt))
}

fn f_point_marker(_a: &[Value]) -> LResult {
    Ok(make_marker_at(current_buffer(), current().pt, false))
}

fn f_point_min(_a: &[Value]) -> LResult {
    Ok(pos(current().begv))
}

fn f_point_max(_a: &[Value]) -> LResult {
    Ok(pos(current().zv))
}

fn f_point_min_marker(_a: &[Value]) -> LResult {
    Ok(make_marker_at(current_buffer(), current().begv, false))
}

fn f_point_max_marker(_a: &[Value]) -> LResult {
    Ok(make_marker_at(current_buffer(), current().zv, false))
}

/// `goto-char`: clipped to the accessible region.
pub fn goto_char(position: Value) -> LResult {
    let b = current();
    if let Some(m) = as_marker(position) {
        // `set_point_from_marker`: a marker of another buffer still counts.
        let p = m.position().ok_or_else(|| error("Marker does not point anywhere"))?;
        b.pt = p.clamp(b.begv, b.zv);
    } else if let Some(n) = position.as_fixnum() {
        b.pt = (n.clamp(b.begv as i64, b.zv as i64)) as usize;
    } else {
        return Err(wrong_type(sym::INTEGER_OR_MARKER_P, position));
    }
    Ok(position)
}

fn f_goto_char(a: &[Value]) -> LResult {
    goto_char(a[0])
}

fn f_buffer_size(a: &[Value]) -> LResult {
    if a[0].is_nil() {
        return Ok(pos(current().z() - 1));
    }
    Ok(pos(buffer::expect_buffer(a[0])?.z() - 1))
}

fn f_gap_position(_a: &[Value]) -> LResult {
    let b = current();
    Ok(pos(match &b.text {
        buffer::Text::Gap(g) => g.gap_char_position() + 1,
        buffer::Text::Host(_) => b.z(),
    }))
}

fn f_gap_size(_a: &[Value]) -> LResult {
    Ok(pos(match &current().text {
        buffer::Text::Gap(g) => g.gap_size(),
        buffer::Text::Host(_) => 0,
    }))
}

fn f_position_bytes(a: &[Value]) -> LResult {
    let p = fix_position(a[0])?;
    let b = current();
    if !(1 <= p && p <= b.z() as i64) {
        return Ok(Value::NIL);
    }
    Ok(pos(b.pos_to_byte(p as usize)))
}

fn f_byte_to_position(a: &[Value]) -> LResult {
    let bp = expect_fixnum(a[0])?;
    let b = current();
    let z_byte = b.text.len_bytes() as i64 + 1;
    if bp < 1 || bp > z_byte {
        return Ok(Value::NIL);
    }
    Ok(pos(b.byte_to_pos(bp as usize)))
}

fn f_following_char(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::fixnum(if b.pt >= b.zv { 0 } else { b.char_at(b.pt) as i64 }))
}

fn f_preceding_char(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::fixnum(if b.pt <= b.begv { 0 } else { b.char_at(b.pt - 1) as i64 }))
}

fn f_bobp(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::bool(b.pt == b.begv))
}

fn f_eobp(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::bool(b.pt == b.zv))
}

fn f_bolp(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::bool(b.pt == b.begv || b.char_at(b.pt - 1) == '\n' as u32))
}

fn f_eolp(_a: &[Value]) -> LResult {
    let b = current();
    Ok(Value::bool(b.pt == b.zv || b.char_at(b.pt) == '\n' as u32))
}

fn f_char_after(a: &[Value]) -> LResult {
    let b = current();
    let p = if a[0].is_nil() { b.pt as i64 } else { fix_position(a[0])? };
    if !(b.begv as i64 <= p && p < b.zv as i64) {
        return Ok(Value::NIL);
    }
    Ok(Value::fixnum(b.char_at(p as usize) as i64))
}

fn f_char_before(a: &[Value]) -> LResult {
    let b = current();
    let p = if a[0].is_nil() { b.pt as i64 } else { fix_position(a[0])? };
    if !((b.begv as i64) < p && p <= b.zv as i64) {
        return Ok(Value::NIL);
    }
    Ok(Value::fixnum(b.char_at(p as usize - 1) as i64))
}

/// `general_insert_function`: each argument a character or a string.
fn general_insert(args: &[Value], inherit: bool, before_markers: bool) -> LResult {
    for &v in args {
        if let Some(c) = v.as_fixnum().filter(|&c| (0..=MAX_CHAR as i64).contains(&c)) {
            insert_chars(&[c as u32], inherit, before_markers)?;
        } else if v.is_string() {
            let n = v.string_ref().nchars;
            insert_from_string(v, 0, n, inherit, before_markers)?;
        } else {
            return Err(wrong_type(sym::CHAR_OR_STRING_P, v));
        }
    }
    Ok(Value::NIL)
}

fn f_insert(a: &[Value]) -> LResult {
    general_insert(a, false, false)
}
fn f_insert_and_inherit(a: &[Value]) -> LResult {
    general_insert(a, true, false)
}
fn f_insert_before_markers(a: &[Value]) -> LResult {
    general_insert(a, false, true)
}
fn f_insert_before_markers_and_inherit(a: &[Value]) -> LResult {
    general_insert(a, true, true)
}

fn f_insert_char(a: &[Value]) -> LResult {
    let c = crate::builtins::data::types::expect_char(a[0])?;
    let count = if a[1].is_nil() { 1 } else { expect_fixnum(a[1])? };
    if count <= 0 {
        return Ok(Value::NIL);
    }
    let chars = crate::builtins::alloc::filled_vec(count as usize, c)?;
    insert_chars(&chars, !a[2].is_nil(), false)?;
    Ok(Value::NIL)
}

fn f_insert_byte(a: &[Value]) -> LResult {
    let byte = expect_fixnum(a[0])?;
    if !(0..=255).contains(&byte) {
        return Err(args_out_of_range3(a[0], Value::fixnum(0), Value::fixnum(255)));
    }
    let c = if byte >= 128 && current().multibyte() { raw_byte_char(byte as u8) as i64 } else { byte };
    f_insert_char(&[Value::fixnum(c), a[1], a[2]])
}

fn f_buffer_substring(a: &[Value]) -> LResult {
    let (s, e) = validate_region(a[0], a[1])?;
    Ok(buffer_string(s, e, true))
}

fn f_buffer_substring_no_properties(a: &[Value]) -> LResult {
    let (s, e) = validate_region(a[0], a[1])?;
    Ok(buffer_string(s, e, false))
}

fn f_buffer_string(_a: &[Value]) -> LResult {
    let b = current();
    Ok(buffer_string(b.begv, b.zv, true))
}

fn f_insert_buffer_substring(a: &[Value]) -> LResult {
    let (buf, bp) = live_buffer(a[0])?;
    let mut s = if a[1].is_nil() { bp.begv as i64 } else { fix_position(a[1])? };
    let mut e = if a[2].is_nil() { bp.zv as i64 } else { fix_position(a[2])? };
    if s > e {
        std::mem::swap(&mut s, &mut e);
    }
    if !(bp.begv as i64 <= s && e <= bp.zv as i64) {
        return Err(args_out_of_range(a[1], a[2]));
    }
    insert_from_buffer(buf, s as usize, e as usize, false)?;
    Ok(Value::NIL)
}

/// `insert_from_buffer`: chars FROM..TO of BUF inserted at point, with
/// their properties.
pub fn insert_from_buffer(buf: Value, from: usize, to: usize, inherit: bool) -> LResult<()> {
    let Some(src) = as_buffer(buf) else {
        return Ok(());
    };
    let text = src.substring(from, to);
    if !src.intervals.is_null() || !current().intervals.is_null() {
        let ivs = src.intervals.copy_range(from - 1, to - from);
        crate::runtime::buffer::intervals::set_string_intervals(text, &ivs);
        if ivs.is_null() && !src.intervals.is_null() {
            text.string_ref().props = Value::NIL;
        }
    }
    insert_from_string(text, 0, to - from, inherit, false)
}

fn buffer_arg(v: Value) -> LResult<&'static mut buffer::Buffer> {
    if v.is_nil() {
        return Ok(current());
    }
    let (_, b) = live_buffer(v)?;
    Ok(b)
}

fn substring_bounds(b: &buffer::Buffer, start: Value, end: Value) -> LResult<(usize, usize)> {
    let mut s = if start.is_nil() { b.begv as i64 } else { fix_position(start)? };
    let mut e = if end.is_nil() { b.zv as i64 } else { fix_position(end)? };
    if s > e {
        std::mem::swap(&mut s, &mut e);
    }
    if !(b.begv as i64 <= s && s <= e && e <= b.zv as i64) {
        return Err(args_out_of_range(start, end));
    }
    Ok((s as usize, e as usize))
}

fn f_compare_buffer_substrings(a: &[Value]) -> LResult {
    let fold = !value_cell(syms().case_fold_search).is_nil();
    let b1 = buffer_arg(a[0])?;
    let (s1, e1) = substring_bounds(b1, a[1], a[2])?;
    let b2 = buffer_arg(a[3])?;
    let (s2, e2) = substring_bounds(b2, a[4], a[5])?;
    let canon = |c: u32| {
        if fold {
            crate::builtins::casefiddle::downcase_char(c)
        } else {
            c
        }
    };
    let as_mb = |b: &buffer::Buffer, c: u32| {
        if b.multibyte() {
            c
        } else {
            raw_byte_char(c as u8)
        }
    };
    let mut chars = 0i64;
    let (mut i1, mut i2) = (s1, s2);
    while i1 < e1 && i2 < e2 {
        let c1 = canon(as_mb(b1, b1.char_at(i1)));
        let c2 = canon(as_mb(b2, b2.char_at(i2)));
        if c1 != c2 {
            return Ok(Value::fixnum(if c1 < c2 { -1 - chars } else { chars + 1 }));
        }
        chars += 1;
        i1 += 1;
        i2 += 1;
    }
    if chars < (e1 - s1) as i64 {
        Ok(Value::fixnum(chars + 1))
    } else if chars < (e2 - s2) as i64 {
        Ok(Value::fixnum(-chars - 1))
    } else {
        Ok(Value::fixnum(0))
    }
}

/// `modify_text`: checks and hooks before changing START..END in place.
pub fn modify_text(start: usize, end: usize) -> LResult<()> {
    prepare_to_modify(start, end)?;
    let b = current();
    if b.modiff <= b.save_modiff {
        undo::record_first_change();
    }
    modiff_incr(&mut b.modiff, end - start);
    b.chars_modiff = b.modiff;
    let pbs = intern("point-before-scroll");
    pbs.sym().value = Value::NIL;
    Ok(())
}

fn encoded_len(c: u32, multibyte: bool) -> usize {
    if multibyte {
        char_bytes(c)
    } else {
        1
    }
}

fn f_subst_char_in_region(a: &[Value]) -> LResult {
    let (start, end) = validate_region(a[0], a[1])?;
    let fromc = crate::builtins::data::types::expect_char(a[2])?;
    let toc = crate::builtins::data::types::expect_char(a[3])?;
    let noundo = !a[4].is_nil();
    let mb = current().multibyte();
    if mb && encoded_len(fromc, true) != encoded_len(toc, true) {
        return Err(crate::builtins::buffer::args::error_message("Characters in `subst-char-in-region' have different byte-lengths", &[]));
    }
    // A unibyte buffer compares and stores the low byte, as Emacs does.
    let (fromc, toc) = if mb { (fromc, toc) } else { (fromc & 0xFF, toc & 0xFF) };
    let matches = |c: u32| c == fromc;
    let first = (start..end).find(|&p| matches(current().char_at(p)));
    let Some(first) = first else {
        return Ok(Value::NIL);
    };
    let undo_sym = syms().buffer_undo_list;
    let saved_undo = undo_sym.sym().value;
    if noundo {
        undo_sym.sym().value = Value::T;
    }
    let r = (|| -> LResult<(usize, usize)> {
        modify_text(first, end)?;
        if noundo {
            let b = current();
            if b.save_modiff == b.modiff - 1 {
                b.save_modiff = b.modiff;
            }
        }
        let (mut changed, mut last) = (0usize, 0usize);
        let (start, end) = (start.max(current().begv), end.min(current().zv));
        for p in start..end {
            let b = current();
            if !matches(b.char_at(p)) {
                continue;
            }
            if !noundo {
                let old = buffer_string(p, p + 1, true);
                undo::record_delete(b, p, old);
                undo::record_insert(current(), p, 1);
            }
            crate::runtime::buffer::edit::replace_chars_in_place(p, &[toc]);
            if changed == 0 {
                changed = p;
            }
            last = p + 1;
        }
        Ok((changed, last))
    })();
    if noundo {
        undo_sym.sym().value = saved_undo;
    }
    let (changed, last) = r?;
    if changed > 0 {
        signal_after_change(changed, last - changed, last - changed)?;
    }
    Ok(Value::NIL)
}

fn f_delete_region(a: &[Value]) -> LResult {
    let (s, e) = validate_region(a[0], a[1])?;
    del_range(s, e, true, false)?;
    Ok(Value::NIL)
}

fn f_delete_and_extract_region(a: &[Value]) -> LResult {
    let (s, e) = validate_region(a[0], a[1])?;
    if s == e {
        return Ok(make_string(""));
    }
    del_range(s, e, true, true)
}

fn f_widen(_a: &[Value]) -> LResult {
    super::restrict::widen()
}

fn f_narrow_to_region(a: &[Value]) -> LResult {
    super::restrict::narrow_to_region(a[0], a[1])
}

/// `line-beginning-position`: `pos-bol` constrained to point's field.
pub fn line_beginning_position(n: Value) -> LResult<usize> {
    let count = crate::builtins::buffer::cmds::line_count(n, 0, -1)?;
    let charpos = bol(n)?;
    let pt = Value::fixnum(current().pt as i64);
    let esc = Value::bool(count != 0);
    let r = crate::builtins::buffer::fields::constrain_to_field(Value::fixnum(charpos as i64), pt, esc, Value::T, Value::NIL)?;
    Ok(r.as_fixnum().unwrap_or(charpos as i64).max(0) as usize)
}

/// `line-end-position`: `pos-eol` constrained to point's field.
pub fn line_end_position(n: Value) -> LResult<usize> {
    let charpos = eol(n)?;
    let pt = Value::fixnum(current().pt as i64);
    let r = crate::builtins::buffer::fields::constrain_to_field(Value::fixnum(charpos as i64), pt, Value::NIL, Value::T, Value::NIL)?;
    Ok(r.as_fixnum().unwrap_or(charpos as i64).max(0) as usize)
}

fn f_pos_bol(a: &[Value]) -> LResult {
    Ok(pos(bol(a[0])?))
}
fn f_pos_eol(a: &[Value]) -> LResult {
    Ok(pos(eol(a[0])?))
}
fn f_line_beginning_position(a: &[Value]) -> LResult {
    Ok(pos(line_beginning_position(a[0])?))
}
fn f_line_end_position(a: &[Value]) -> LResult {
    Ok(pos(line_end_position(a[0])?))
}

fn f_line_number_at_pos(a: &[Value]) -> LResult {
    let (position, absolute) = (a[0], a[1]);
    let b = current();
    if !b.live() {
        return Err(error("Attempt to count lines in a dead buffer"));
    }
    let mut p = if let Some(m) = as_marker(position) {
        m.position().ok_or_else(|| error("Marker does not point anywhere"))? as i64
    } else if position.is_nil() {
        b.pt as i64
    } else {
        let p = expect_fixnum(position)?;
        if p < 1 || p > b.z() as i64 {
            return Err(args_out_of_range3(position, Value::fixnum(1), Value::fixnum(b.z() as i64)));
        }
        p
    };
    let start = if absolute.is_nil() { b.begv } else { 1 };
    if absolute.is_nil() {
        p = p.clamp(b.begv as i64, b.zv as i64);
    }
    if p < 1 || p > b.z() as i64 {
        return Err(args_out_of_range3(Value::fixnum(p), Value::fixnum(1), Value::fixnum(b.z() as i64)));
    }
    let mut lines = 1i64;
    for q in start..p as usize {
        if b.char_at(q) == '\n' as u32 {
            lines += 1;
        }
    }
    Ok(Value::fixnum(lines))
}

/// The current buffer's mark marker (made on first use).
pub fn mark_marker() -> Value {
    let b = current();
    if b.mark.is_nil() {
        b.mark = make_marker();
    }
    b.mark
}

fn f_mark_marker(_a: &[Value]) -> LResult {
    Ok(mark_marker())
}

fn region_limit(beginning: bool) -> LResult {
    if !value_cell(intern("transient-mark-mode")).is_nil()
        && value_cell(intern("mark-even-if-inactive")).is_nil()
        && value_cell(intern("mark-active")).is_nil()
    {
        return Err(signal(sym::MARK_INACTIVE, Value::NIL));
    }
    let m = mark_marker();
    let Some(mp) = as_marker(m).and_then(|mk| mk.position()) else {
        return Err(error("The mark is not set now, so there is no region"));
    };
    let b = current();
    Ok(pos(if (b.pt < mp) == beginning { b.pt } else { mp.clamp(b.begv, b.zv) }))
}

fn f_region_beginning(_a: &[Value]) -> LResult {
    region_limit(true)
}
fn f_region_end(_a: &[Value]) -> LResult {
    region_limit(false)
}

fn f_undo_boundary(_a: &[Value]) -> LResult {
    undo::undo_boundary();
    crate::runtime::specpdl::set_variable(intern("undo-auto--last-boundary-cause"), intern("explicit"))?;
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("point", 0, 0, f_point, "Return value of point, as an integer."),
    SubrDef::new("point-marker", 0, 0, f_point_marker, "Return value of point, as a marker object."),
    SubrDef::new("goto-char", 1, 1, f_goto_char, "Set point to POSITION, a number or marker."),
    SubrDef::new("region-beginning", 0, 0, f_region_beginning, "Return the integer value of point or mark, whichever is smaller."),
    SubrDef::new("region-end", 0, 0, f_region_end, "Return the integer value of point or mark, whichever is larger."),
    SubrDef::new("mark-marker", 0, 0, f_mark_marker, "Return this buffer's mark, as a marker object."),
    SubrDef::new("pos-bol", 0, 1, f_pos_bol, "Return the position of the first character on the current line."),
    SubrDef::new(
        "line-beginning-position",
        0,
        1,
        f_line_beginning_position,
        "Return the position of the first character in the current line/field.",
    ),
    SubrDef::new("pos-eol", 0, 1, f_pos_eol, "Return the position of the last character on the current line."),
    SubrDef::new("line-end-position", 0, 1, f_line_end_position, "Return the position of the last character in the current line/field."),
    SubrDef::new("buffer-size", 0, 1, f_buffer_size, "Return the number of characters in the current buffer."),
    SubrDef::new("point-min", 0, 0, f_point_min, "Return the minimum permissible value of point in the current buffer."),
    SubrDef::new("point-min-marker", 0, 0, f_point_min_marker, "Return a marker to the minimum permissible value of point in this buffer."),
    SubrDef::new("point-max", 0, 0, f_point_max, "Return the maximum permissible value of point in the current buffer."),
    SubrDef::new("point-max-marker", 0, 0, f_point_max_marker, "Return a marker to the maximum permissible value of point in this buffer."),
    SubrDef::new("gap-position", 0, 0, f_gap_position, "Return the position of the gap, in the current buffer."),
    SubrDef::new("gap-size", 0, 0, f_gap_size, "Return the size of the current buffer's gap."),
    SubrDef::new("position-bytes", 1, 1, f_position_bytes, "Return the byte position for character position POSITION."),
    SubrDef::new("byte-to-position", 1, 1, f_byte_to_position, "Return the character position for byte position BYTEPOS."),
    SubrDef::new("following-char", 0, 0, f_following_char, "Return the character following point, as a number."),
    SubrDef::new("preceding-char", 0, 0, f_preceding_char, "Return the character preceding point, as a number."),
    SubrDef::new("bobp", 0, 0, f_bobp, "Return t if point is at the beginning of the buffer."),
    SubrDef::new("eobp", 0, 0, f_eobp, "Return t if point is at the end of the buffer."),
    SubrDef::new("bolp", 0, 0, f_bolp, "Return t if point is at the beginning of a line."),
    SubrDef::new("eolp", 0, 0, f_eolp, "Return t if point is at the end of a line."),
    SubrDef::new("char-after", 0, 1, f_char_after, "Return character in current buffer at position POS."),
    SubrDef::new("char-before", 0, 1, f_char_before, "Return character in current buffer preceding position POS."),
    SubrDef::new("insert", 0, MANY, f_insert, "Insert the arguments, either strings or characters, at point."),
    SubrDef::new(
        "insert-and-inherit",
        0,
        MANY,
        f_insert_and_inherit,
        "Insert the arguments at point, inheriting properties from adjoining text.",
    ),
    SubrDef::new(
        "insert-before-markers",
        0,
        MANY,
        f_insert_before_markers,
        "Insert strings or characters at point, relocating markers after the text.",
    ),
    SubrDef::new(
        "insert-before-markers-and-inherit",
        0,
        MANY,
        f_insert_before_markers_and_inherit,
        "Insert text at point, relocating markers and inheriting properties.",
    ),
    SubrDef::new("insert-char", 1, 3, f_insert_char, "Insert COUNT copies of CHARACTER."),
    SubrDef::new("insert-byte", 2, 3, f_insert_byte, "Insert COUNT (second arg) copies of BYTE (first arg)."),
    SubrDef::new("buffer-substring", 2, 2, f_buffer_substring, "Return the contents of part of the current buffer as a string."),
    SubrDef::new(
        "buffer-substring-no-properties",
        2,
        2,
        f_buffer_substring_no_properties,
        "Return the characters of part of the buffer, without the text properties.",
    ),
    SubrDef::new("buffer-string", 0, 0, f_buffer_string, "Return the contents of the current buffer as a string."),
    SubrDef::new("insert-buffer-substring", 1, 3, f_insert_buffer_substring, "Insert before point a substring of the contents of BUFFER."),
    SubrDef::new(
        "compare-buffer-substrings",
        6,
        6,
        f_compare_buffer_substrings,
        "Compare two substrings of two buffers; return result as number.",
    ),
    SubrDef::new(
        "subst-char-in-region",
        4,
        5,
        f_subst_char_in_region,
        "From START to END, replace FROMCHAR with TOCHAR each time it occurs.",
    ),
    SubrDef::new("delete-region", 2, 2, f_delete_region, "Delete the text between START and END."),
    SubrDef::new("delete-and-extract-region", 2, 2, f_delete_and_extract_region, "Delete the text between START and END and return it."),
    SubrDef::new("widen", 0, 0, f_widen, "Remove restrictions (narrowing) from current buffer."),
    SubrDef::new("narrow-to-region", 2, 2, f_narrow_to_region, "Restrict editing in this buffer to the current region."),
    SubrDef::new("line-number-at-pos", 0, 2, f_line_number_at_pos, "Return the line number at POSITION in the current buffer."),
    SubrDef::new("undo-boundary", 0, 0, f_undo_boundary, "Mark a boundary between units of undo."),
];

pub fn init() {
    defvar_lisp("inhibit-field-text-motion", Value::NIL);
    defvar_lisp("buffer-access-fontify-functions", Value::NIL);
    defvar_lisp("buffer-access-fontified-property", Value::NIL);
}
