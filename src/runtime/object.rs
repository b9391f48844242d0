//! The vectorlike heap objects (Emacs's `PVEC_*` family): vectors, records,
//! bignums, bool-vectors, char-tables, hash tables, interpreted closures, subrs
//! and the lexical frames of the evaluator.  Each variant knows how to trace
//! the values it holds for the collector.

use super::hashtable::HashTable;
use super::heap::{heap, Marker};
use super::subr::SubrDef;
use super::value::Value;
use num_bigint::BigInt;

pub enum Obj {
    Vector(Vec<Value>),
    /// Slot 0 is the type.
    Record(Vec<Value>),
    Bignum(BigInt),
    BoolVector(Vec<bool>),
    CharTable(Box<CharTable>),
    HashTable(Box<HashTable>),
    Closure(Box<Closure>),
    Subr(&'static SubrDef),
    /// A lexical frame: slot 0 is the parent frame (or nil), then the variables.
    Frame(Vec<Value>),
    /// A symbol-with-position, obarray, or other object Enoki has no use for
    /// yet never appears; host objects are added here as they arrive.
    Host(Box<dyn HostObject>),
}

/// An object supplied by a host or a later subsystem (buffers, markers...).
pub trait HostObject {
    fn type_name(&self) -> &'static str;
    fn print(&self) -> String;
    fn trace(&self, m: &mut Marker);
    /// The object as `Any`, for code that owns the concrete type.
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        None
    }
}

/// An interpreted closure (`interpreted-function`): the slots Lisp sees
/// (ARGS BODY ENV [nil DOC [IFORM]]) plus the evaluator's private state.
pub struct Closure {
    /// ARGS, BODY, ENV, and optionally nil, DOC, INTERACTIVE.
    pub slots: Vec<Value>,
    /// The lexical frame the closure was created in (nil if none); when set,
    /// slot 2 (ENV) is computed from it on demand.
    pub frame: Value,
    /// Evaluator-owned: the shared function template (opaque to the runtime).
    pub template: *const (),
    /// Whether slot 2 holds the real ENV (false until materialized from `frame`).
    pub env_ready: bool,
}

pub struct CharTable {
    pub purpose: Value,
    pub parent: Value,
    pub default: Value,
    pub extras: Vec<Value>,
    /// Sorted, non-overlapping (from, to, value) ranges.
    pub ranges: Vec<(u32, u32, Value)>,
}

impl Obj {
    pub fn extra_bytes(&self) -> usize {
        match self {
            Obj::Vector(v) | Obj::Record(v) | Obj::Frame(v) => v.len() * 8,
            Obj::BoolVector(b) => b.len(),
            _ => 0,
        }
    }

    pub fn trace(&self, m: &mut Marker) {
        match self {
            Obj::Vector(v) | Obj::Record(v) | Obj::Frame(v) => v.iter().for_each(|x| m.mark(*x)),
            Obj::Closure(c) => {
                c.slots.iter().for_each(|x| m.mark(*x));
                m.mark(c.frame);
            }
            Obj::HashTable(h) => h.trace(m),
            Obj::CharTable(t) => {
                m.mark(t.purpose);
                m.mark(t.parent);
                m.mark(t.default);
                t.extras.iter().for_each(|x| m.mark(*x));
                t.ranges.iter().for_each(|r| m.mark(r.2));
            }
            Obj::Host(h) => h.trace(m),
            Obj::Bignum(_) | Obj::BoolVector(_) | Obj::Subr(_) => {}
        }
    }
}

pub fn make_vector(items: Vec<Value>) -> Value {
    heap().alloc_obj(Obj::Vector(items))
}
pub fn make_record(items: Vec<Value>) -> Value {
    heap().alloc_obj(Obj::Record(items))
}
pub fn make_frame(items: Vec<Value>) -> Value {
    heap().alloc_obj(Obj::Frame(items))
}

impl Value {
    pub fn as_vector(self) -> Option<&'static mut Vec<Value>> {
        if self.is_obj() {
            if let Obj::Vector(v) = self.obj_ref() {
                return Some(v);
            }
        }
        None
    }
    pub fn as_record(self) -> Option<&'static mut Vec<Value>> {
        if self.is_obj() {
            if let Obj::Record(v) = self.obj_ref() {
                return Some(v);
            }
        }
        None
    }
    pub fn as_closure(self) -> Option<&'static mut Closure> {
        if self.is_obj() {
            if let Obj::Closure(c) = self.obj_ref() {
                return Some(c);
            }
        }
        None
    }
    pub fn as_subr(self) -> Option<&'static SubrDef> {
        if self.is_obj() {
            if let Obj::Subr(s) = self.obj_ref() {
                return Some(s);
            }
        }
        None
    }
    pub fn as_hash_table(self) -> Option<&'static mut HashTable> {
        if self.is_obj() {
            if let Obj::HashTable(h) = self.obj_ref() {
                return Some(h);
            }
        }
        None
    }
    pub fn as_bignum(self) -> Option<&'static BigInt> {
        if self.is_obj() {
            if let Obj::Bignum(b) = self.obj_ref() {
                return Some(b);
            }
        }
        None
    }
    pub fn as_bool_vector(self) -> Option<&'static mut Vec<bool>> {
        if self.is_obj() {
            if let Obj::BoolVector(b) = self.obj_ref() {
                return Some(b);
            }
        }
        None
    }
    pub fn as_char_table(self) -> Option<&'static mut CharTable> {
        if self.is_obj() {
            if let Obj::CharTable(t) = self.obj_ref() {
                return Some(t);
            }
        }
        None
    }
    pub fn as_frame(self) -> Option<&'static mut Vec<Value>> {
        if self.is_obj() {
            if let Obj::Frame(f) = self.obj_ref() {
                return Some(f);
            }
        }
        None
    }
}
