//! Markers: positions in a buffer that move with insertions and deletions.
//!
//! Each buffer owns a `MarkerTable` of slots (character position and
//! insertion type).  A Lisp marker object holds a shared handle to its
//! buffer's table and a slot index; when the collector frees the marker, its
//! `Drop` gives the slot back, so unreachable markers cost nothing (Emacs
//! unchains them from the buffer in its sweep).  The table is ordinary Rust
//! data holding no Lisp values, so it can outlive its buffer safely.
//! Internal markers (`save-excursion`, `save-restriction`) are slots owned
//! by a `MarkerHandle`.

use super::{as_buffer, buffer_name_lossy};
use crate::runtime::heap::{heap, Marker as GcMarker};
use crate::runtime::object::{HostObject, Obj};
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Copy, Clone)]
struct Slot {
    pos: usize,
    insertion_type: bool,
    used: bool,
    /// The Lisp marker using the slot (nil for internal ones).  Not traced:
    /// the marker gives the slot back before it is freed.
    owner: Value,
    /// When the marker joined this buffer (newest first, as Emacs's chain).
    seq: u64,
}

#[derive(Default)]
pub struct MarkerTable {
    slots: Vec<Slot>,
    free: Vec<usize>,
    next_seq: u64,
    /// Set when the buffer is killed: every marker then points nowhere.
    pub dead: bool,
}

pub type TableRef = Rc<RefCell<MarkerTable>>;

pub fn new_table() -> TableRef {
    Rc::new(RefCell::new(MarkerTable::default()))
}

impl MarkerTable {
    pub fn alloc(&mut self, pos: usize, insertion_type: bool, owner: Value) -> usize {
        self.next_seq += 1;
        let s = Slot { pos, insertion_type, used: true, owner, seq: self.next_seq };
        if let Some(i) = self.free.pop() {
            self.slots[i] = s;
            i
        } else {
            self.slots.push(s);
            self.slots.len() - 1
        }
    }
    pub fn release(&mut self, i: usize) {
        if let Some(s) = self.slots.get_mut(i) {
            if s.used {
                s.used = false;
                self.free.push(i);
            }
        }
    }
    pub fn pos(&self, i: usize) -> usize {
        self.slots[i].pos
    }
    pub fn set_pos(&mut self, i: usize, pos: usize) {
        self.slots[i].pos = pos;
    }
    pub fn set_insertion_type(&mut self, i: usize, t: bool) {
        self.slots[i].insertion_type = t;
    }

    /// `adjust_markers_for_insert`: N chars inserted at POS.
    pub fn adjust_insert(&mut self, pos: usize, n: usize, before_markers: bool) {
        for s in self.slots.iter_mut().filter(|s| s.used) {
            if s.pos > pos || (s.pos == pos && (s.insertion_type || before_markers)) {
                s.pos += n;
            }
        }
    }

    /// `adjust_markers_for_delete`: chars FROM..TO deleted.
    pub fn adjust_delete(&mut self, from: usize, to: usize) {
        for s in self.slots.iter_mut().filter(|s| s.used) {
            if s.pos > to {
                s.pos -= to - from;
            } else if s.pos > from {
                s.pos = from;
            }
        }
    }

    /// `adjust_markers_for_replace`: FROM..FROM+OLD replaced by NEW chars.
    pub fn adjust_replace(&mut self, from: usize, old: usize, new: usize) {
        let prev_to = from + old;
        for s in self.slots.iter_mut().filter(|s| s.used) {
            if s.pos >= prev_to {
                s.pos = s.pos + new - old;
            } else if s.pos > from {
                s.pos = from;
            }
        }
    }

    /// `record_marker_adjustments`: (marker, adjustment) for the Lisp
    /// markers inside FROM..TO, newest first.
    pub fn adjustments(&self, from: usize, to: usize) -> Vec<(Value, i64)> {
        let mut v: Vec<&Slot> = self.slots.iter().filter(|s| s.used && !s.owner.is_nil() && from <= s.pos && s.pos <= to).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.seq));
        v.into_iter()
            .filter_map(|s| {
                let adj = (if s.insertion_type { to } else { from }) as i64 - s.pos as i64;
                (adj != 0).then_some((s.owner, adj))
            })
            .collect()
    }

    /// Moves every marker from P to F(P) (representation changes).
    pub fn remap(&mut self, f: impl Fn(usize) -> usize) {
        for s in self.slots.iter_mut().filter(|s| s.used) {
            s.pos = f(s.pos);
        }
    }

    /// The buffer is killed: every marker now points nowhere.
    /// Positions stay readable for `marker-last-position`.
    pub fn kill(&mut self) {
        self.dead = true;
    }
}

/// A slot owned by Rust code (released on drop).
pub struct MarkerHandle {
    table: TableRef,
    slot: usize,
}

impl MarkerHandle {
    pub fn new(table: &TableRef, pos: usize, insertion_type: bool) -> MarkerHandle {
        let slot = table.borrow_mut().alloc(pos, insertion_type, Value::NIL);
        MarkerHandle { table: table.clone(), slot }
    }
    /// The position, or None when the buffer was killed.
    pub fn pos(&self) -> Option<usize> {
        let t = self.table.borrow();
        if t.dead {
            None
        } else {
            Some(t.pos(self.slot))
        }
    }
}

impl Drop for MarkerHandle {
    fn drop(&mut self) {
        if let Ok(mut t) = self.table.try_borrow_mut() {
            t.release(self.slot);
        }
    }
}

/// The Lisp marker object.
pub struct LispMarker {
    buffer: Value,
    table: Option<TableRef>,
    slot: usize,
    insertion_type: bool,
    /// The position before the marker was detached (`marker-last-position`).
    last_pos: usize,
}

impl LispMarker {
    /// The buffer, or nil when the marker points nowhere.
    pub fn buffer(&mut self) -> Value {
        self.sync();
        self.buffer
    }
    /// The position, or None when the marker points nowhere.
    pub fn position(&mut self) -> Option<usize> {
        self.sync();
        self.table.as_ref().map(|t| t.borrow().pos(self.slot))
    }
    /// `marker-last-position`.
    pub fn last_position(&mut self) -> usize {
        self.sync();
        match &self.table {
            Some(t) => t.borrow().pos(self.slot),
            None => self.last_pos,
        }
    }
    pub fn insertion_type(&self) -> bool {
        self.insertion_type
    }
    pub fn set_insertion_type(&mut self, t: bool) {
        self.insertion_type = t;
        self.sync();
        if let Some(tab) = &self.table {
            tab.borrow_mut().set_insertion_type(self.slot, t);
        }
    }
    /// Drops the link to a killed buffer.
    fn sync(&mut self) {
        if self.table.as_ref().is_some_and(|t| t.borrow().dead) {
            if let Some(t) = self.table.take() {
                self.last_pos = t.borrow().pos(self.slot);
            }
            self.buffer = Value::NIL;
        }
    }
    /// Makes the marker point nowhere.
    pub fn detach(&mut self) {
        self.sync();
        if let Some(t) = self.table.take() {
            self.last_pos = t.borrow().pos(self.slot);
            t.borrow_mut().release(self.slot);
        }
        self.buffer = Value::NIL;
    }
    /// Points the marker (the Lisp object ME) at POS (already clipped) in BUFFER.
    pub fn attach(&mut self, me: Value, buffer: Value, pos: usize) {
        self.sync();
        let Some(b) = as_buffer(buffer) else { return };
        if self.buffer == buffer {
            if let Some(t) = &self.table {
                t.borrow_mut().set_pos(self.slot, pos);
                return;
            }
        }
        self.detach();
        let table = b.markers.clone();
        self.slot = table.borrow_mut().alloc(pos, self.insertion_type, me);
        self.table = Some(table);
        self.buffer = buffer;
    }
}

impl Drop for LispMarker {
    fn drop(&mut self) {
        if let Some(t) = self.table.take() {
            if let Ok(mut t) = t.try_borrow_mut() {
                t.release(self.slot);
            }
        }
    }
}

impl HostObject for LispMarker {
    fn type_name(&self) -> &'static str {
        "marker"
    }
    fn print(&self) -> String {
        let mut s = String::from("#<marker ");
        if self.insertion_type {
            s.push_str("(moves after insertion) ");
        }
        let live = self.table.as_ref().filter(|t| !t.borrow().dead);
        match live {
            Some(t) => {
                let pos = t.borrow().pos(self.slot);
                s.push_str(&format!("at {} in {}>", pos, buffer_name_lossy(self.buffer)));
            }
            None => s.push_str("in no buffer>"),
        }
        s
    }
    fn trace(&self, m: &mut GcMarker) {
        m.mark(self.buffer);
    }
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }
}

/// A new marker pointing nowhere.
pub fn make_marker() -> Value {
    heap().alloc_obj(Obj::Host(Box::new(LispMarker { buffer: Value::NIL, table: None, slot: 0, insertion_type: false, last_pos: 0 })))
}

/// A new marker at POS in BUFFER (POS already valid).
pub fn make_marker_at(buffer: Value, pos: usize, insertion_type: bool) -> Value {
    let m = make_marker();
    if let Some(mk) = as_marker(m) {
        mk.insertion_type = insertion_type;
        mk.attach(m, buffer, pos);
    }
    m
}

/// The marker V is, if it is one.
pub fn as_marker(v: Value) -> Option<&'static mut LispMarker> {
    if !v.is_obj() {
        return None;
    }
    match v.obj_ref() {
        Obj::Host(h) if h.type_name() == "marker" => h.as_any_mut()?.downcast_mut::<LispMarker>(),
        _ => None,
    }
}

pub fn is_marker(v: Value) -> bool {
    as_marker(v).is_some()
}

/// `equal` on markers: the same buffer and position, or both nowhere.
pub fn markers_equal(a: Value, b: Value) -> bool {
    match (as_marker(a), as_marker(b)) {
        (Some(x), Some(y)) => {
            let (bx, by) = (x.buffer(), y.buffer());
            bx == by && (bx.is_nil() || x.position() == y.position())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_move_with_insertions_and_deletions() {
        let mut t = MarkerTable::default();
        let a = t.alloc(3, false, Value::NIL);
        let b = t.alloc(3, true, Value::NIL);
        let c = t.alloc(6, false, Value::NIL);
        t.adjust_insert(3, 2, false);
        assert_eq!((t.pos(a), t.pos(b), t.pos(c)), (3, 5, 8));
        t.adjust_insert(3, 1, true);
        assert_eq!((t.pos(a), t.pos(b), t.pos(c)), (4, 6, 9));
        t.adjust_delete(2, 7);
        assert_eq!((t.pos(a), t.pos(b), t.pos(c)), (2, 2, 4));
        t.release(b);
        assert_eq!(t.alloc(1, false, Value::NIL), b);
    }
}
