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

/// `save-restriction`: runs F, then restores the narrowing of the buffer
/// that was current (not the current buffer itself).
pub fn save_restriction<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let (buf, saved) = restriction_state();
    let r = f();
    restore_restriction(buf, saved.as_ref());
    drop(saved);
    std::hint::black_box(buf);
    r
}

/// What `save-restriction` saves: the current buffer and, when narrowed,
/// markers at the bounds.
pub fn restriction_state() -> (Value, Option<(MarkerHandle, MarkerHandle)>) {
    let b = current();
    let saved = if b.begv == 1 && b.zv == b.z() {
        None
    } else {
        Some((MarkerHandle::new(&b.markers, b.begv, false), MarkerHandle::new(&b.markers, b.zv, true)))
    };
    (current_buffer(), saved)
}

/// Restores BUF's narrowing to SAVED (none: widened).
pub fn restore_restriction(buf: Value, saved: Option<&(MarkerHandle, MarkerHandle)>) {
    super::state().column_cache.0 = 0;
    let Some(b) = as_buffer(buf).filter(|b| b.live()) else { return };
    match saved {
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
