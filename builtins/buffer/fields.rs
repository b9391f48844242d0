//! Fields, as GNU Emacs's editfns.c defines them: runs of text with the
//! same `field' character property (`field-beginning`, `field-end`,
//! `field-string`, `delete-field`) and `constrain-to-field`, which
//! `line-beginning-position` and `line-end-position` use to stay inside
//! the field of point.
use super::args::fixnum_coerce_marker;
use super::cmds::find_newline;
use crate::builtins::prelude::*;
use crate::builtins::textprop::{
    f_get_pos_property, f_next_single_char_property_change, f_previous_single_char_property_change, get_char_property,
};
use crate::runtime::buffer::current;
use crate::runtime::buffer::edit::{buffer_string, del_range};
use crate::runtime::specpdl::value_cell;

fn field_sym() -> Value {
    intern("field")
}

/// `find_field`: the (beginning, end) of the field around POS.
fn find_field(
    pos: Value,
    merge_at_boundary: Value,
    beg_limit: Value,
    end_limit: Value,
    want_beg: bool,
    want_end: bool,
) -> LResult<(usize, usize)> {
    let field = field_sym();
    let pos = if pos.is_nil() { current().pt as i64 } else { fixnum_coerce_marker(pos)? };
    let posv = Value::fixnum(pos);
    let begv = current().begv as i64;
    let after_field = get_char_property(posv, field, Value::NIL)?;
    let before_field = if pos > begv { get_char_property(Value::fixnum(pos - 1), field, Value::NIL)? } else { after_field };
    let (mut at_start, mut at_end) = (false, false);
    if merge_at_boundary.is_nil() {
        let f = f_get_pos_property(&[posv, field, Value::NIL])?;
        at_end = f != after_field;
        at_start = f != before_field;
        if f.is_nil() && at_start && at_end {
            at_start = false;
            at_end = false;
        }
    }
    let boundary = intern("boundary");
    let mut beg = 0;
    if want_beg {
        beg = if at_start {
            pos as usize
        } else {
            let mut p = posv;
            if !merge_at_boundary.is_nil() && before_field == boundary {
                p = f_previous_single_char_property_change(&[p, field, Value::NIL, beg_limit])?;
            }
            p = f_previous_single_char_property_change(&[p, field, Value::NIL, beg_limit])?;
            if p.is_nil() {
                current().begv
            } else {
                p.as_fixnum().unwrap_or(0).max(0) as usize
            }
        };
    }
    let mut end = 0;
    if want_end {
        end = if at_end {
            pos as usize
        } else {
            let mut p = posv;
            if !merge_at_boundary.is_nil() && after_field == boundary {
                p = f_next_single_char_property_change(&[p, field, Value::NIL, end_limit])?;
            }
            p = f_next_single_char_property_change(&[p, field, Value::NIL, end_limit])?;
            if p.is_nil() {
                current().zv
            } else {
                p.as_fixnum().unwrap_or(0).max(0) as usize
            }
        };
    }
    Ok((beg, end))
}

fn f_delete_field(a: &[Value]) -> LResult {
    let (beg, end) = find_field(a[0], Value::NIL, Value::NIL, Value::NIL, true, true)?;
    if beg != end {
        del_range(beg, end, true, false)?;
    }
    Ok(Value::NIL)
}

fn f_field_string(a: &[Value]) -> LResult {
    let (beg, end) = find_field(a[0], Value::NIL, Value::NIL, Value::NIL, true, true)?;
    Ok(buffer_string(beg, end, true))
}

fn f_field_string_no_properties(a: &[Value]) -> LResult {
    let (beg, end) = find_field(a[0], Value::NIL, Value::NIL, Value::NIL, true, true)?;
    Ok(buffer_string(beg, end, false))
}

fn field_beginning(pos: Value, escape: Value, limit: Value) -> LResult<usize> {
    Ok(find_field(pos, escape, limit, Value::NIL, true, false)?.0)
}

fn field_end(pos: Value, escape: Value, limit: Value) -> LResult<usize> {
    Ok(find_field(pos, escape, Value::NIL, limit, false, true)?.1)
}

fn f_field_beginning(a: &[Value]) -> LResult {
    Ok(Value::fixnum(field_beginning(a[0], a[1], a[2])? as i64))
}

fn f_field_end(a: &[Value]) -> LResult {
    Ok(Value::fixnum(field_end(a[0], a[1], a[2])? as i64))
}

/// `constrain-to-field`.
pub fn constrain_to_field(new_pos: Value, old_pos: Value, escape: Value, only_in_line: Value, inhibit_capture: Value) -> LResult {
    let mut orig_point = 0usize;
    let new_pos = if new_pos.is_nil() {
        orig_point = current().pt;
        Value::fixnum(orig_point as i64)
    } else {
        new_pos
    };
    let np = fixnum_coerce_marker(new_pos)?;
    let op = fixnum_coerce_marker(old_pos)?;
    let (new_pos, old_pos) = (Value::fixnum(np), Value::fixnum(op));
    let fwd = np > op;
    let (prev_old, prev_new) = (Value::fixnum(op - 1), Value::fixnum(np - 1));
    let field = field_sym();
    let begv = current().begv as i64;
    let has_field = |p: Value| -> LResult<bool> { Ok(!get_char_property(p, field, Value::NIL)?.is_nil()) };
    let involved = value_cell(intern("inhibit-field-text-motion")).is_nil()
        && np != op
        && (has_field(new_pos)? || has_field(old_pos)? || (np > begv && has_field(prev_new)?) || (op > begv && has_field(prev_old)?));
    let capture_ok = || -> LResult<bool> {
        if inhibit_capture.is_nil() {
            return Ok(true);
        }
        Ok(f_get_pos_property(&[old_pos, inhibit_capture, Value::NIL])?.is_nil()
            && (op <= begv
                || get_char_property(old_pos, inhibit_capture, Value::NIL)?.is_nil()
                || get_char_property(prev_old, inhibit_capture, Value::NIL)?.is_nil()))
    };
    let mut result = new_pos;
    if involved && capture_ok()? {
        let bound = if fwd { field_end(old_pos, escape, new_pos)? } else { field_beginning(old_pos, escape, new_pos)? } as i64;
        let crosses = if bound < np { fwd } else { !fwd };
        let same_line = || {
            let (from, to) = (np as usize, bound as usize);
            let (_, counted) = if fwd { find_newline(from, to, -1) } else { find_newline(from, to, 1) };
            counted == 0
        };
        if crosses && (only_in_line.is_nil() || same_line()) {
            result = Value::fixnum(bound);
        }
        if orig_point != 0 && result.as_fixnum_unchecked() as usize != orig_point {
            current().pt = result.as_fixnum_unchecked() as usize;
        }
    }
    Ok(result)
}

fn f_constrain_to_field(a: &[Value]) -> LResult {
    constrain_to_field(a[0], a[1], a[2], a[3], a[4])
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("delete-field", 0, 1, f_delete_field, "Delete the field surrounding POS."),
    SubrDef::new("field-string", 0, 1, f_field_string, "Return the contents of the field surrounding POS as a string."),
    SubrDef::new(
        "field-string-no-properties",
        0,
        1,
        f_field_string_no_properties,
        "Return the contents of the field around POS, without text properties.",
    ),
    SubrDef::new("field-beginning", 0, 3, f_field_beginning, "Return the beginning of the field surrounding POS."),
    SubrDef::new("field-end", 0, 3, f_field_end, "Return the end of the field surrounding POS."),
    SubrDef::new(
        "constrain-to-field",
        2,
        5,
        f_constrain_to_field,
        "Return the position closest to NEW-POS that is in the same field as OLD-POS.",
    ),
];
