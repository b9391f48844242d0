//! Narrowing with labels, as editfns.c does it: `widen`,
//! `narrow-to-region`, and the labeled restrictions of subr.el's
//! `with-restriction` / `without-restriction`
//! (`internal--labeled-narrow-to-region`, `internal--labeled-widen`).
//!
//! Each buffer keeps its stack of labeled restrictions in
//! `Buffer::labeled`: (LABEL BEGV-MARKER ZV-MARKER) triplets, innermost
//! first, the last one labeled with the uninterned `outermost-restriction`
//! and holding the bounds in force when the first labeled restriction was
//! entered.  While labels are in effect, `widen` only widens to the
//! innermost labeled bounds and `narrow-to-region` clips to them.
use crate::builtins::buffer::args::fix_position;
use crate::builtins::prelude::*;
use crate::runtime::buffer::markers::{as_marker, make_marker_at};
use crate::runtime::buffer::{self, current, current_buffer};
use std::cell::Cell;

thread_local! {
    static OUTERMOST: Cell<Value> = const { Cell::new(Value::NIL) };
}

/// The uninterned symbol `outermost-restriction` (`Qoutermost_restriction`).
fn outermost() -> Value {
    let v = OUTERMOST.with(|c| c.get());
    if !v.is_nil() {
        return v;
    }
    let s = make_symbol(make_string("outermost-restriction"));
    heap().permanent.push(s);
    OUTERMOST.with(|c| c.set(s));
    s
}

/// `labeled_restrictions_peek_label`: the innermost label, or nil.
fn peek_label() -> Value {
    let b = current();
    if !b.live() || !b.labeled.is_cons() {
        return Value::NIL;
    }
    b.labeled.car().car()
}

fn marker_pos(m: Value) -> usize {
    as_marker(m).and_then(|m| m.position()).unwrap_or(1)
}

/// `labeled_restrictions_get_bound` for the innermost restriction.
fn innermost_bounds() -> Option<(usize, usize)> {
    let b = current();
    if !b.live() || !b.labeled.is_cons() {
        return None;
    }
    let triplet = b.labeled.car();
    let bounds = triplet.cdr();
    Some((marker_pos(bounds.car()), marker_pos(bounds.cdr().car())))
}

/// `labeled_restrictions_pop`.
fn pop() {
    let b = current();
    if !b.labeled.is_cons() {
        return;
    }
    if peek_label() == outermost() {
        b.labeled = Value::NIL;
    } else {
        b.labeled = b.labeled.cdr();
    }
}

pub fn widen() -> LResult {
    buffer::state().column_cache.0 = 0;
    let label = peek_label();
    let b = current();
    if label.is_nil() {
        b.begv = 1;
        b.zv = b.z();
    } else if let Some((s, e)) = innermost_bounds() {
        b.begv = s;
        b.zv = e.max(s);
        if label == outermost() {
            pop();
        }
    }
    Ok(Value::NIL)
}

pub fn narrow_to_region(start: Value, end: Value) -> LResult {
    let (mut s, mut e) = (fix_position(start)?, fix_position(end)?);
    if e < s {
        std::mem::swap(&mut s, &mut e);
    }
    let b = current();
    if !(1 <= s && s <= e && e <= b.z() as i64) {
        return Err(args_out_of_range(start, end));
    }
    if !peek_label().is_nil() {
        if let Some((lo, hi)) = innermost_bounds() {
            let (lo, hi) = (lo as i64, hi as i64);
            s = s.max(lo).min(hi);
            e = e.max(lo).min(hi);
        }
    }
    buffer::state().column_cache.0 = 0;
    b.begv = s as usize;
    b.zv = e as usize;
    if b.pt < b.begv {
        b.pt = b.begv;
    }
    if b.zv < b.pt {
        b.pt = b.zv;
    }
    Ok(Value::NIL)
}

fn bounds_triplet(label: Value) -> Value {
    let buf = current_buffer();
    let b = current();
    let beg = make_marker_at(buf, b.begv, false);
    let end = make_marker_at(buf, b.zv, false);
    list(&[label, beg, end])
}

fn f_labeled_narrow_to_region(a: &[Value]) -> LResult {
    let outer = bounds_triplet(outermost());
    narrow_to_region(a[0], a[1])?;
    let b = current();
    if peek_label().is_nil() {
        b.labeled = cons(outer, b.labeled);
    }
    let inner = bounds_triplet(a[2]);
    b.labeled = cons(inner, b.labeled);
    Ok(Value::NIL)
}

fn f_labeled_widen(a: &[Value]) -> LResult {
    if peek_label() == a[0] {
        pop();
    }
    widen()
}

/// `labeled_restrictions_remove_in_current_buffer`.
pub fn remove_in_current_buffer() {
    current().labeled = Value::NIL;
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new(
        "internal--labeled-narrow-to-region",
        3,
        3,
        f_labeled_narrow_to_region,
        "Restrict this buffer to START-END, and label the restriction with LABEL.",
    ),
    SubrDef::new(
        "internal--labeled-widen",
        1,
        1,
        f_labeled_widen,
        "Remove the current restriction if it is labeled with LABEL, and widen.",
    ),
];
