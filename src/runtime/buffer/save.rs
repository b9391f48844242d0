//! The state-saving special forms' runtime halves: `save-current-buffer`,
//! `save-excursion` and `save-restriction` run a body and restore the
//! current buffer, point (through a marker, so it follows edits) or the
//! narrowing on every exit path, as eval.c/editfns.c's unwind handlers do.

use super::markers::MarkerHandle;
use super::{as_buffer, current, current_buffer, set_buffer};
use crate::runtime::error::LResult;
use crate::runtime::value::Value;

fn live(v: Value) -> bool {
    as_buffer(v).is_some_and(|b| b.live())
}

/// `save-current-buffer`: runs F, then makes the buffer that was current
/// current again if it is still live.
pub fn save_current_buffer<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let old = current_buffer();
    let r = f();
    if live(old) {
        set_buffer(old);
    }
    std::hint::black_box(old);
    r
}

/// `save-excursion`: runs F, then restores the current buffer and its
/// point (which moved with insertions and deletions meanwhile).
pub fn save_excursion<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let (buf, point) = excursion_state();
    let r = f();
    restore_excursion(buf, &point);
    drop(point);
    std::hint::black_box(buf);
    r
}

/// What `save-excursion` saves: the current buffer and a marker at point.
pub fn excursion_state() -> (Value, MarkerHandle) {
    let b = current();
    (current_buffer(), MarkerHandle::new(&b.markers, b.pt, false))
}

/// Makes BUF current again (if live) with point at POINT's position.
pub fn restore_excursion(buf: Value, point: &MarkerHandle) {
    if live(buf) {
        set_buffer(buf);
        if let Some(p) = point.pos() {
            let b = current();
            b.pt = p.clamp(b.begv, b.zv);
        }
    }
}

/// `save-restriction`: runs F, then restores the narrowing (and labeled
/// restrictions) of the buffer that was current (not the current buffer itself).
pub fn save_restriction<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let saved = restriction_state();
    let r = f();
    restore_restriction(&saved);
    drop(saved);
    r
}

/// What `save-restriction` saves: the current buffer, its labeled
/// restrictions and, when narrowed, markers at the bounds.
pub struct SavedRestriction {
    pub buffer: Value,
    pub labeled: Value,
    pub bounds: Option<(MarkerHandle, MarkerHandle)>,
}

/// The current buffer's restriction, as `save-restriction` saves it.
pub fn restriction_state() -> SavedRestriction {
    let labeled = labeled_save();
    let b = current();
    let bounds = if b.begv == 1 && b.zv == b.z() {
        None
    } else {
        Some((MarkerHandle::new(&b.markers, b.begv, false), MarkerHandle::new(&b.markers, b.zv, true)))
    };
    SavedRestriction { buffer: current_buffer(), labeled, bounds }
}

/// Restores the saved buffer's labeled restrictions and narrowing (none: widened).
pub fn restore_restriction(saved: &SavedRestriction) {
    let buf = saved.buffer;
    labeled_restore(buf, saved.labeled);
    super::state().column_cache.0 = 0;
    let Some(b) = as_buffer(buf).filter(|b| b.live()) else { return };
    match &saved.bounds {
        None => {
            if b.begv != 1 || b.zv != b.z() {
                b.begv = 1;
                b.zv = b.z();
            }
        }
        Some((beg, end)) => {
            if let (Some(s), Some(e)) = (beg.pos(), end.pos()) {
                if s != b.begv || e != b.zv {
                    b.begv = s;
                    b.zv = e.max(s);
                    if b.pt < s || b.pt > b.zv {
                        b.pt = b.pt.clamp(s, b.zv);
                    }
                }
            }
        }
    }
}

/// `labeled_restrictions_save`: a copy of the current buffer's list of
/// labeled restrictions (the triplets themselves are shared).
pub fn labeled_save() -> Value {
    let mut items = Vec::new();
    let mut l = current().labeled;
    while l.is_cons() {
        items.push(l.car());
        l = l.cdr();
    }
    items.iter().rev().fold(Value::NIL, |acc, &x| crate::runtime::alloc::cons(x, acc))
}

/// `labeled_restrictions_restore`: BUF's labeled restrictions become SAVED.
pub fn labeled_restore(buf: Value, saved: Value) {
    if let Some(b) = as_buffer(buf) {
        b.labeled = saved;
    }
}

/// Which of the three forms a node runs.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SaveKind {
    CurrentBuffer,
    Excursion,
    Restriction,
}

/// Runs F under the SaveKind's restoration (the evaluator's entry point).
pub fn save(kind: SaveKind, f: impl FnOnce() -> LResult) -> LResult {
    match kind {
        SaveKind::CurrentBuffer => save_current_buffer(f),
        SaveKind::Excursion => save_excursion(f),
        SaveKind::Restriction => save_restriction(f),
    }
}
