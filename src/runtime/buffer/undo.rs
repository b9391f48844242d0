//! Undo records, as undo.c writes them to the current buffer's
//! `buffer-undo-list` (which is `t` when undo is disabled, as in buffers
//! whose name starts with a space): insertions `(BEG . END)`, deletions
//! `(TEXT . POSITION)`, marker adjustments `(MARKER . ADJUSTMENT)`, property
//! changes `(nil PROP VAL BEG . END)` and the first change `(t . 0)`.

use super::{current_buffer, state, syms, Buffer};
use crate::runtime::alloc::cons;
use crate::runtime::value::Value;

fn undo_list() -> Value {
    syms().buffer_undo_list.sym().value
}

pub fn set_undo_list(v: Value) {
    let d = syms().buffer_undo_list.sym();
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
}

/// Whether B (the current buffer) records no undo.
pub fn disabled(_b: &Buffer) -> bool {
    undo_list().is_t()
}

/// `record_first_change`.
pub fn record_first_change() {
    let l = undo_list();
    if l.is_t() {
        return;
    }
    set_undo_list(cons(cons(Value::T, Value::fixnum(0)), l));
}

fn record_point(b: &Buffer, beg: usize) {
    let l = undo_list();
    let at_boundary = !l.is_cons() || l.car().is_nil();
    if b.modiff <= b.save_modiff {
        record_first_change();
    }
    let st = state();
    if at_boundary && st.undo_point != beg as i64 && st.undo_buffer == current_buffer() {
        set_undo_list(cons(Value::fixnum(st.undo_point), undo_list()));
    }
}

/// `record_insert`: LENGTH chars are inserted at BEG.
pub fn record_insert(b: &Buffer, beg: usize, length: usize) {
    if undo_list().is_t() {
        return;
    }
    record_point(b, beg);
    let l = undo_list();
    if l.is_cons() {
        let elt = l.car();
        if elt.is_cons() && elt.car().is_fixnum() && elt.cdr().as_fixnum() == Some(beg as i64) {
            elt.cons_ref().cdr = Value::fixnum((beg + length) as i64);
            return;
        }
    }
    set_undo_list(cons(cons(Value::fixnum(beg as i64), Value::fixnum((beg + length) as i64)), l));
}

/// `record_delete`: STRING (the text of BEG..) is about to be deleted.
pub fn record_delete(b: &Buffer, beg: usize, string: Value) {
    record_delete_1(b, beg, string, true);
}

/// `record_change`: the LENGTH chars at BEG are about to be replaced by as
/// many others (a deletion without marker adjustments, then an insertion).
pub fn record_change(b: &Buffer, beg: usize, length: usize) {
    if undo_list().is_t() {
        return;
    }
    let s = super::edit::buffer_string(beg, beg + length, true);
    record_delete_1(b, beg, s, false);
    record_insert(b, beg, length);
}

fn record_delete_1(b: &Buffer, beg: usize, string: Value, record_markers: bool) {
    if undo_list().is_t() || !string.is_string() {
        return;
    }
    record_point(b, beg);
    let n = string.string_ref().nchars;
    let sbeg = if b.pt == beg + n { -(beg as i64) } else { beg as i64 };
    if record_markers {
        for (m, adj) in b.markers.borrow().adjustments(beg, beg + n) {
            set_undo_list(cons(cons(m, Value::fixnum(adj)), undo_list()));
        }
    }
    set_undo_list(cons(cons(string, Value::fixnum(sbeg)), undo_list()));
}

/// `record_property_change`: PROP had VALUE on LENGTH chars at BEG.
pub fn record_property_change(b: &Buffer, beg: usize, length: usize, prop: Value, value: Value) {
    if undo_list().is_t() {
        return;
    }
    if b.modiff <= b.save_modiff {
        record_first_change();
    }
    let range = cons(Value::fixnum(beg as i64), Value::fixnum((beg + length) as i64));
    let entry = cons(Value::NIL, cons(prop, cons(value, range)));
    set_undo_list(cons(entry, undo_list()));
}

/// `undo-boundary`.
pub fn undo_boundary() {
    let l = undo_list();
    if l.is_t() {
        return;
    }
    if !l.car_safe().is_nil() {
        set_undo_list(cons(Value::NIL, l));
    }
    let st = state();
    st.undo_point = super::current().pt as i64;
    st.undo_buffer = current_buffer();
}
