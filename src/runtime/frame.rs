//! Lexical frames: the evaluator's variable storage.  A frame is a small heap
//! cell (tag `TAG_SPECIAL`, never visible to Lisp) holding a length word and
//! its slots, slot 0 linking to the parent frame.  Frames come in three size
//! classes so that making one is a free-list pop, with no `malloc`; larger
//! frames (rare) fall back to an `Obj::Frame` vector.
//!
//! Frames live like a stack unless captured: making a closure marks its
//! environment frame and all its ancestors `CAPTURED` (a bit of the length
//! word), and the `let`, call or handler that made a frame gives it back with
//! `release_frame` when it exits, which puts the cell straight back on its
//! free list unless it was captured.  So a `let` or call whose frame no
//! closure captures leaves nothing for the collector: the same few cells are
//! reused, hot in the cache.  Closures are the only way a frame outlives the
//! form that made it (frames are never Lisp values).

use super::heap::heap;
use super::object::{make_frame, Obj};
use super::value::{Value, TAG_SPECIAL};

/// Slots (parent link included) of the three frame size classes.
pub const SIZE_CLASSES: [usize; 3] = [4, 8, 16];

/// The bit of a frame cell's length word saying a closure captured it.
const CAPTURED: u64 = 1 << 63;

#[inline(always)]
fn size_class(len: usize) -> Option<usize> {
    match len {
        0..=4 => Some(0),
        5..=8 => Some(1),
        9..=16 => Some(2),
        _ => None,
    }
}

/// A frame of LEN slots (slot 0 = PARENT, the rest nil).
#[inline]
pub fn alloc_frame(parent: Value, len: usize) -> Value {
    let Some(class) = size_class(len) else {
        let mut v = vec![Value::NIL; len];
        v[0] = parent;
        return make_frame(v);
    };
    let f = heap().alloc_frame_cell(class, len);
    let slots = frame_slots(f);
    slots[0] = parent;
    for s in &mut slots[1..] {
        *s = Value::NIL;
    }
    f
}

/// A frame holding exactly ITEMS (ITEMS[0] is the parent).
pub fn frame_from(items: &[Value]) -> Value {
    let f = alloc_frame(items[0], items.len());
    frame_slots(f).copy_from_slice(items);
    f
}

/// The slots of frame F.
#[inline(always)]
pub fn frame_slots(f: Value) -> &'static mut [Value] {
    if f.tag() == TAG_SPECIAL {
        unsafe {
            let p = f.untagged() as *mut u64;
            let len = (*p & !CAPTURED) as usize;
            std::slice::from_raw_parts_mut(p.add(1) as *mut Value, len)
        }
    } else {
        match f.obj_ref() {
            Obj::Frame(v) => v.as_mut_slice(),
            _ => unreachable!("not a frame"),
        }
    }
}

/// Slot INDEX of frame F, which the caller knows F has (a slot resolved
/// statically by the evaluator's scope analysis): no length check on the
/// common (cell) representation.
#[inline(always)]
pub fn frame_slot_at(f: Value, index: usize) -> &'static mut Value {
    if f.tag() == TAG_SPECIAL {
        unsafe {
            let p = f.untagged() as *mut Value;
            debug_assert!(index < (*(p as *const u64) & !CAPTURED) as usize);
            &mut *p.add(1 + index)
        }
    } else {
        big_frame_slot(f, index)
    }
}

#[cold]
fn big_frame_slot(f: Value, index: usize) -> &'static mut Value {
    &mut frame_slots(f)[index]
}

/// Marks frame F and its ancestors as captured by a closure (they will not
/// be released when the forms that made them exit).
pub fn mark_captured(mut f: Value) {
    loop {
        if f.tag() == TAG_SPECIAL && f != Value::UNBOUND {
            let p = f.untagged() as *mut u64;
            unsafe {
                if *p & CAPTURED != 0 {
                    return;
                }
                *p |= CAPTURED;
            }
        } else if f.as_frame().is_none() {
            return;
        }
        f = frame_slots(f)[0];
    }
}

/// Gives back frame F, made by the form now exiting, unless a closure
/// captured it.  F must not be used afterwards.
#[inline]
pub fn release_frame(f: Value) {
    if f.tag() != TAG_SPECIAL || f == Value::UNBOUND {
        return;
    }
    let word = unsafe { *(f.untagged() as *const u64) };
    if word & CAPTURED == 0 {
        if let Some(class) = size_class(word as usize) {
            heap().free_frame_cell(class, f);
        }
    }
}

/// Whether V is a frame.
pub fn is_frame(v: Value) -> bool {
    v.tag() == TAG_SPECIAL && v != Value::UNBOUND || v.as_frame().is_some()
}
