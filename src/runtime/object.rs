//! The vectorlike heap objects (Emacs's `PVEC_*` family): vectors, records,
//! bignums, bool-vectors, char-tables, hash tables, interpreted closures,
//! byte-code function objects, finalizers, obarrays, subrs, symbols with
//! position and the lexical frames of the evaluator.  Each variant knows how to trace the values it
//! holds for the collector.  Also the one shared empty vector (alloc.c's
//! `zero_vector`): every constructor of a zero-length vector returns it.

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
    /// A byte-code function object (`make-byte-code`): the slots ARGLIST
    /// CODE CONSTANTS DEPTH [DOCSTRING [INTERACTIVE-SPEC ...]].
    ByteCode(Vec<Value>),
    /// A finalizer (`make-finalizer`).
    Finalizer(Box<Finalizer>),
    /// An obarray (`obarray-make`, and the standard one `obarray` holds).
    Obarray(Box<Obarray>),
    Subr(&'static SubrDef),
    /// A lexical frame: slot 0 is the parent frame (or nil), then the variables.
    Frame(Vec<Value>),
    /// A symbol with position (see `symbol_pos`): a bare symbol and a fixnum.
    SymbolWithPos {
        sym: Value,
        pos: Value,
    },
    /// Objects of a host or of a later subsystem (buffers, markers...).
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

/// A finalizer object: FUNCTION is called once when the object becomes
/// unreachable (Enoki's collector does not run finalizers yet; FUNCTION is
/// cleared, as in Emacs, once it has run).
pub struct Finalizer {
    pub function: Value,
}

/// An obarray: a table from symbol names to symbols.  The standard obarray
/// (the initial value of `obarray`) stands for the runtime's symbol table and
/// keeps `symbols` empty; any other holds its own symbols, which are not
/// interned in the initial obarray (so `:kw` interned there is no keyword).
pub struct Obarray {
    pub standard: bool,
    pub symbols: super::obtable::ObTable<Value>,
}

pub struct CharTable {
    pub purpose: Value,
    pub parent: Value,
    pub default: Value,
    pub extras: Vec<Value>,
    /// Sorted, non-overlapping (from, to, value) ranges.
    pub ranges: Vec<(u32, u32, Value)>,
    /// The sub-char-tables GNU Emacs's trie would hold, as (DEPTH, MIN-CHAR)
    /// (depth 1: 4096-char entries of a 65536-char block, 2: 128-char
    /// entries, 3: single characters).  They appear as characters are set
    /// and only go away when a range covers them whole or
    /// `optimize-char-table` merges them; printing shows them.  A block that
    /// is not listed holds one value for all its characters (a block whose
    /// characters differ counts as a sub-table even if not listed).
    pub subtables: std::collections::BTreeSet<(u8, u32)>,
    /// Emacs's `ascii` slot, a cache of the entry for characters 0..127 that
    /// `aref` and `aset` go through for ASCII characters.
    pub ascii: AsciiSlot,
}

/// What a char-table's `ascii` slot holds.
pub enum AsciiSlot {
    /// The table's own entry for 0..127 (the usual case).
    Fresh,
    /// A value that is no longer (or never was) the table's entry: left by
    /// `fillarray`, or read from a printed char-table.
    Value(Value),
    /// A sub-char-table for 0..127 detached from the table's contents (its
    /// 128 values), left by `fillarray` or made by the reader.
    Sub(Box<[Value; 128]>),
}

impl CharTable {
    /// A char-table of PURPOSE whose characters all hold nil (no ranges).
    pub fn new(purpose: Value, default: Value, extras: Vec<Value>) -> CharTable {
        CharTable {
            purpose,
            parent: Value::NIL,
            default,
            extras,
            ranges: Vec::new(),
            subtables: Default::default(),
            ascii: AsciiSlot::Fresh,
        }
    }

    /// The table's own entry for C (nil if none), ignoring the `ascii`
    /// slot, the default and the parent.
    pub fn own_value(&self, c: u32) -> Value {
        let i = self.ranges.partition_point(|r| r.1 < c);
        match self.ranges.get(i) {
            Some(r) if r.0 <= c => r.2,
            _ => Value::NIL,
        }
    }

    /// What Emacs's trie holds for the block of `CHARTAB_BLOCK[DEPTH]`
    /// characters from LO (depth 0: a top-level slot; 1: an entry of a
    /// depth-1 sub-table; 2: of a depth-2 one; 3: one character): Some
    /// value when the block is one plain value, None when it is a
    /// sub-char-table (one is recorded there, or its characters differ).
    pub fn block_value(&self, depth: usize, lo: u32) -> Option<Value> {
        if depth >= 3 {
            return Some(self.own_value(lo));
        }
        if self.subtables.contains(&(depth as u8 + 1, lo)) {
            return None;
        }
        let hi = lo + CHARTAB_BLOCK[depth] - 1;
        let start = self.ranges.partition_point(|r| r.1 < lo);
        let mut pos = lo;
        let mut seen: Option<Value> = None;
        let mut agree = |v: Value| match seen {
            None => {
                seen = Some(v);
                true
            }
            Some(s) => s == v,
        };
        for r in &self.ranges[start..] {
            if r.0 > hi {
                break;
            }
            if (r.0 > pos && !agree(Value::NIL)) || !agree(r.2) {
                return None;
            }
            pos = r.1.saturating_add(1);
            if pos > hi {
                break;
            }
        }
        if pos <= hi && !agree(Value::NIL) {
            return None;
        }
        Some(seen.unwrap_or(Value::NIL))
    }
}

/// Characters covered by one entry of a char-table's trie at each depth
/// (a top-level slot, then entries of depth-1, -2 and -3 sub-tables).
pub const CHARTAB_BLOCK: [u32; 4] = [1 << 16, 1 << 12, 1 << 7, 1];
/// Entries of a char-table (depth 0) and of its sub-tables of depth 1..3.
pub const CHARTAB_ENTRIES: [usize; 4] = [64, 16, 32, 128];

impl Obj {
    pub fn extra_bytes(&self) -> usize {
        match self {
            Obj::Vector(v) | Obj::Record(v) | Obj::Frame(v) | Obj::ByteCode(v) => v.len() * 8,
            Obj::BoolVector(b) => b.len(),
            // Two Lisp slots, as alloc.c counts the pseudovector.
            Obj::SymbolWithPos { .. } => 16,
            _ => 0,
        }
    }

    pub fn trace(&self, m: &mut Marker) {
        match self {
            Obj::Vector(v) | Obj::Record(v) | Obj::Frame(v) | Obj::ByteCode(v) => v.iter().for_each(|x| m.mark(*x)),
            Obj::Finalizer(f) => m.mark(f.function),
            Obj::Obarray(o) => o.symbols.iter().for_each(|x| m.mark(x)),
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
                match &t.ascii {
                    AsciiSlot::Fresh => {}
                    AsciiSlot::Value(v) => m.mark(*v),
                    AsciiSlot::Sub(a) => a.iter().for_each(|x| m.mark(*x)),
                }
            }
            Obj::Host(h) => h.trace(m),
            Obj::SymbolWithPos { sym, pos } => {
                m.mark(*sym);
                m.mark(*pos);
            }
            Obj::Bignum(_) | Obj::BoolVector(_) | Obj::Subr(_) => {}
        }
    }
}

thread_local! {
    static ZERO_VECTOR: std::cell::Cell<Value> = const { std::cell::Cell::new(Value::NIL) };
}

/// A vector of ITEMS; the shared empty vector when there are none, so that
/// `(eq (vector) [])` is t as in GNU Emacs.
pub fn make_vector(items: Vec<Value>) -> Value {
    if items.is_empty() {
        return zero_vector();
    }
    heap().alloc_obj(Obj::Vector(items))
}

/// The one empty vector (made on first use, then permanent).
pub fn zero_vector() -> Value {
    let v = ZERO_VECTOR.with(|c| c.get());
    if !v.is_nil() {
        return v;
    }
    let v = heap().alloc_obj(Obj::Vector(Vec::new()));
    heap().permanent.push(v);
    ZERO_VECTOR.with(|c| c.set(v));
    v
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
    pub fn as_byte_code(self) -> Option<&'static mut Vec<Value>> {
        if self.is_obj() {
            if let Obj::ByteCode(v) = self.obj_ref() {
                return Some(v);
            }
        }
        None
    }
    pub fn as_obarray(self) -> Option<&'static mut Obarray> {
        if self.is_obj() {
            if let Obj::Obarray(o) = self.obj_ref() {
                return Some(o);
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
