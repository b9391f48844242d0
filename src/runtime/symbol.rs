//! Symbols and the obarray.
//!
//! A symbol is an index into one table that never moves (it is reserved up front
//! with `mmap`), so `nil` is the constant index 0 and a `&Symbol` stays valid.
//! Each symbol has value, function and plist cells, each with its own version
//! counter: every specialization that relies on a cell records its version and
//! re-checks it (see `specialize`).  Interned symbols are roots; uninterned ones
//! are collected when unreachable and their slots reused.

use super::heap::{heap, Marker};
use super::string::make_string;
use super::value::Value;

/// The symbol table's reserved size: 32M symbols (about 1.8 GB of address
/// space, committed only as it is used).
pub const MAX_SYMBOLS: usize = 1 << 25;

/// Slots kept back for the runtime's own symbols: Lisp may not create
/// symbols into them (it gets `memory-full`), so the runtime's infallible
/// `intern` never finds the table full.
const RUNTIME_RESERVE: usize = 1 << 16;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Interned {
    No,
    InitialObarray,
}

/// Whether, and how, a variable is one GNU Emacs forwards to a C variable
/// (`DEFVAR_LISP`, `DEFVAR_BOOL`, `DEFVAR_INT`): stores are checked or
/// coerced as `store_symval_forwarding` does, watchers hear of an unbinding
/// as a `set` then an `unlet`, and making one void turns it plain.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Forward {
    None,
    Lisp,
    Bool,
    Int,
}

pub struct Symbol {
    pub name: Value,
    pub value: Value,
    pub function: Value,
    pub plist: Value,
    pub value_version: u32,
    pub function_version: u32,
    pub special: bool,
    /// `nil`, `t`, keywords: setting them signals `setting-constant`.
    pub constant: bool,
    pub interned: Interned,
    /// `defvaralias` target, or nil.
    pub alias: Value,
    /// Has variable watchers (`add-variable-watcher`): writes notify them.
    pub watched: bool,
    /// How a variable GNU Emacs defines in C is forwarded (see `Forward`).
    pub forward: Forward,
    marked: bool,
    in_use: bool,
}

pub struct SymbolTable {
    base: *mut Symbol,
    len: usize,
    free: Vec<u32>,
    obarray: super::obtable::ObTable<u32>,
}

thread_local! {
    static SYMTAB: std::cell::Cell<*mut SymbolTable> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

#[inline(always)]
pub fn symtab() -> &'static mut SymbolTable {
    SYMTAB.with(|s| unsafe { &mut *s.get() })
}

impl Value {
    /// The symbol this value names.  Caller checked `is_symbol`.
    #[inline(always)]
    pub fn sym(self) -> &'static mut Symbol {
        debug_assert!(self.is_symbol());
        unsafe { &mut *symtab().base.add(self.symbol_index() as usize) }
    }
    pub fn symbol_name(self) -> &'static str {
        // Only used for diagnostics and well-known names.
        std::str::from_utf8(&self.sym().name.string_ref().data).unwrap_or("?")
    }
}

pub fn install_symbol_table() {
    let bytes = MAX_SYMBOLS * std::mem::size_of::<Symbol>();
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    assert!(base != libc::MAP_FAILED, "cannot reserve the symbol table");
    let t = Box::new(SymbolTable {
        base: base as *mut Symbol,
        len: 0,
        free: Vec::new(),
        obarray: super::obtable::ObTable::new(super::obtable::INITIAL_BITS),
    });
    SYMTAB.with(|s| s.set(Box::into_raw(t)));
    let h = heap();
    h.symbol_marker = Some(mark_symbol);
    h.symbol_tracer = Some(trace_symbol);
    h.symbol_sweeper = Some(sweep_symbols);
    for name in super::sym::WELL_KNOWN {
        intern(name);
    }
}

impl SymbolTable {
    fn new_symbol(&mut self, name: Value, interned: Interned) -> Value {
        super::heap::heap().consed.symbols += 1;
        let idx = if let Some(i) = self.free.pop() {
            i as usize
        } else {
            assert!(self.len < MAX_SYMBOLS, "symbol table full");
            self.len += 1;
            self.len - 1
        };
        unsafe {
            self.base.add(idx).write(Symbol {
                name,
                value: Value::UNBOUND,
                function: Value::NIL,
                plist: Value::NIL,
                value_version: 0,
                function_version: 0,
                special: false,
                constant: false,
                interned,
                alias: Value::NIL,
                watched: false,
                forward: Forward::None,
                marked: false,
                in_use: true,
            })
        };
        Value::symbol_from_index(idx as u32)
    }

    pub fn lookup(&self, name: &[u8]) -> Option<Value> {
        self.obarray.get(name, index_name).map(Value::symbol_from_index)
    }

    /// The interned symbols in the obarray's (Emacs's) order.
    pub fn all_interned(&self) -> Vec<Value> {
        self.obarray.iter().map(Value::symbol_from_index).collect()
    }

    pub fn interned_count(&self) -> usize {
        self.obarray.len()
    }

    /// The standard obarray's buckets (`internal--obarray-buckets`).
    pub fn obarray_buckets(&self) -> Vec<Vec<Value>> {
        self.obarray.buckets().iter().map(|b| b.iter().map(|&i| Value::symbol_from_index(i)).collect()).collect()
    }

    pub fn unintern(&mut self, sym: Value) -> bool {
        let key = &sym.sym().name.string_ref().data;
        if self.obarray.remove(key, sym.symbol_index()) {
            sym.sym().interned = Interned::No;
            true
        } else {
            false
        }
    }
}

/// The name bytes of the symbol at index I.
fn index_name(i: u32) -> &'static [u8] {
    &Value::symbol_from_index(i).sym().name.string_ref().data
}

/// Interns a name given as Rust text.
pub fn intern(name: &str) -> Value {
    if let Some(s) = symtab().lookup(name.as_bytes()) {
        return s;
    }
    intern_string(make_string(name))
}

/// Interns a Lisp string (the string becomes the symbol's name if new).
pub fn intern_string(name: Value) -> Value {
    let t = symtab();
    let key = &name.string_ref().data;
    if let Some(s) = t.lookup(key) {
        return s;
    }
    let key = key.clone();
    let sym = t.new_symbol(name, Interned::InitialObarray);
    t.obarray.insert(&key, sym.symbol_index(), index_name);
    let s = sym.sym();
    if key.first() == Some(&b':') {
        s.value = sym;
        s.constant = true;
        s.special = true;
    }
    sym
}

/// Checks that Lisp may create one more symbol: `memory-full` once only the
/// runtime's reserve is left (GNU Emacs signals it when allocation fails).
pub fn ensure_symbol_room() -> Result<(), super::error::Flow> {
    let t = symtab();
    if t.free.is_empty() && t.len >= MAX_SYMBOLS - RUNTIME_RESERVE {
        return Err(super::error::memory_full());
    }
    Ok(())
}

pub fn make_symbol(name: Value) -> Value {
    symtab().new_symbol(name, Interned::No)
}

/// Whether symbol I survives the collection in progress (marked, or not a
/// collectable symbol at all).
pub fn symbol_marked(i: u32) -> bool {
    if i as usize >= symtab().len {
        return true;
    }
    let s = Value::symbol_from_index(i).sym();
    s.marked || !s.in_use
}

fn mark_symbol(i: u32) -> bool {
    if i as usize >= symtab().len {
        return false;
    }
    let s = Value::symbol_from_index(i).sym();
    if s.marked || !s.in_use {
        false
    } else {
        s.marked = true;
        true
    }
}

fn trace_symbol(i: u32, m: &mut Marker) {
    let s = Value::symbol_from_index(i).sym();
    m.mark(s.name);
    m.mark(s.value);
    m.mark(s.function);
    m.mark(s.plist);
    m.mark(s.alias);
}

/// Roots every interned symbol (called from the runtime's root tracer).
pub fn trace_interned(m: &mut Marker) {
    let t = symtab();
    for i in 0..t.len {
        let s = unsafe { &*t.base.add(i) };
        if s.in_use && s.interned != Interned::No {
            m.mark(Value::symbol_from_index(i as u32));
        }
    }
}

fn sweep_symbols() {
    let t = symtab();
    for i in 0..t.len {
        let s = unsafe { &mut *t.base.add(i) };
        if !s.in_use {
            continue;
        }
        if !s.marked && s.interned == Interned::No {
            s.in_use = false;
            s.name = Value::NIL;
            s.value = Value::NIL;
            s.function = Value::NIL;
            s.plist = Value::NIL;
            t.free.push(i as u32);
        }
        s.marked = false;
    }
}

pub fn is_keyword(s: Value) -> bool {
    s.is_symbol() && s.sym().interned == Interned::InitialObarray && s.sym().name.string_ref().data.first() == Some(&b':')
}

/// `get`: the value of PROP in SYM's plist (compared with `eq`); nil for
/// anything but a symbol (callers that must signal check first).
pub fn get(s: Value, prop: Value) -> Value {
    if !s.is_symbol() {
        return Value::NIL;
    }
    let mut l = s.sym().plist;
    while l.is_cons() && l.cdr().is_cons() {
        if l.car() == prop {
            return l.cdr().car();
        }
        l = l.cdr().cdr();
    }
    Value::NIL
}

/// `put`: sets PROP to V in SYM's plist.
pub fn put(s: Value, prop: Value, v: Value) {
    let mut l = s.sym().plist;
    while l.is_cons() && l.cdr().is_cons() {
        if l.car() == prop {
            l.cdr().cons_ref().car = v;
            return;
        }
        l = l.cdr().cdr();
    }
    let d = s.sym();
    let tail = crate::runtime::alloc::list2(prop, v);
    if d.plist.is_cons() {
        let mut last = d.plist;
        while last.cdr().is_cons() {
            last = last.cdr();
        }
        last.cons_ref().cdr = tail;
    } else {
        d.plist = tail;
    }
}

/// Follows a chain of symbols through their function cells (`indirect-function`).
pub fn indirect_function(mut f: Value) -> Value {
    let mut hops = 0;
    while f.is_symbol() && !f.is_nil() && hops < 1000 {
        f = f.sym().function;
        hops += 1;
    }
    f
}

/// Which cell of a symbol an assumption is about.
#[derive(Copy, Clone, PartialEq, Eq, Debug, PartialOrd, Ord, Hash)]
pub enum CellKind {
    Function,
    Value,
}

impl CellKind {
    pub fn name(self) -> &'static str {
        match self {
            CellKind::Function => "function",
            CellKind::Value => "value",
        }
    }
}

/// A hook told of a cell change: (symbol, cell, old version, new version).
pub type CellChangedHook = fn(Value, CellKind, u32, u32);

thread_local! {
    /// Called after a symbol's cell changed (symbol, cell, old version, new version);
    /// installed by `specialize` to report invalidated assumptions.
    static CELL_CHANGED: std::cell::Cell<Option<CellChangedHook>> = const { std::cell::Cell::new(None) };
}

pub fn set_cell_changed_hook(f: CellChangedHook) {
    CELL_CHANGED.with(|c| c.set(Some(f)));
}

/// The one way to store a symbol's function cell: bumps the cell's version
/// and reports the change to the specializer.
pub fn set_function(s: Value, def: Value) {
    let d = s.sym();
    let old = d.function_version;
    d.function = def;
    d.function_version = old.wrapping_add(1);
    if let Some(f) = CELL_CHANGED.with(|c| c.get()) {
        f(s, CellKind::Function, old, old.wrapping_add(1));
    }
}
