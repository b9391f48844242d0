//! Lexical frames: the evaluator's variable storage.  A frame is a small heap
//! cell (tag `TAG_SPECIAL`, never visible to Lisp) holding a length word and
//! its slots, slot 0 linking to the parent frame.  Frames come in three size
//! classes so that making one is a free-list pop, with no `malloc`; larger
//! frames (rare) fall back to an `Obj::Frame` vector.

use super::heap::heap;
use super::object::{make_frame, Obj};
use super::value::{Value, TAG_SPECIAL};

/// Slots (parent link included) of the three frame size classes.
pub const SIZE_CLASSES: [usize; 3] = [4, 8, 16];

/// A frame of LEN slots (slot 0 = PARENT, the rest nil).
#[inline]
pub fn alloc_frame(parent: Value, len: usize) -> Value {
    let class = match len {
        0..=4 => 0,
        5..=8 => 1,
        9..=16 => 2,
        _ => {
            let mut v = vec![Value::NIL; len];
            v[0] = parent;
            return make_frame(v);
        }
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
            let len = *p as usize;
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
            debug_assert!(index < *(p as *const usize));
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

/// Whether V is a frame.
pub fn is_frame(v: Value) -> bool {
    v.tag() == TAG_SPECIAL && v != Value::UNBOUND || v.as_frame().is_some()
}
