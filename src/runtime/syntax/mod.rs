//! Syntax tables: char-tables whose entries are `(CODE+FLAGS . MATCHING-CHAR)`
//! conses (Emacs's syntax.c data model).  This module owns the standard
//! syntax table, the tables of the batch `*scratch*` buffer's major mode
//! (`lisp-interaction-mode` and its parents, generated from GNU Emacs), the
//! current syntax table (per thread until buffers make it per buffer: see
//! `set_current_table`), entry lookup with inheritance, the syntax classes
//! and flags, and the scanning primitives' engine (`scan`).

pub mod category;
pub mod parse;
pub mod perbuf;
pub mod scan;
#[rustfmt::skip]
mod tables;

use crate::runtime::alloc::cons;
use crate::runtime::heap::heap;
use crate::runtime::object::{AsciiSlot, CharTable, Obj};
use crate::runtime::string::MAX_CHAR;
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;

/// Syntax classes (`enum syntaxcode`).
pub const SWHITESPACE: u8 = 0;
pub const SPUNCT: u8 = 1;
pub const SWORD: u8 = 2;
pub const SSYMBOL: u8 = 3;
pub const SOPEN: u8 = 4;
pub const SCLOSE: u8 = 5;
pub const SQUOTE: u8 = 6;
pub const SSTRING: u8 = 7;
pub const SMATH: u8 = 8;
pub const SESCAPE: u8 = 9;
pub const SCHARQUOTE: u8 = 10;
pub const SCOMMENT: u8 = 11;
pub const SENDCOMMENT: u8 = 12;
pub const SINHERIT: u8 = 13;
pub const SCOMMENT_FENCE: u8 = 14;
pub const SSTRING_FENCE: u8 = 15;

/// The designator character of each class (`syntax_code_spec`).
pub const CODE_SPEC: &[u8; 16] = b" .w_()'\"$\\/<>@!|";

/// The class a designator character stands for (255: none).
pub fn spec_code(c: u32) -> u8 {
    crate::runtime::regex::compile::syntax_spec_code(c)
}

// Slots of the rooted per-thread state.
const STANDARD: usize = 0;
const CURRENT: usize = 1;
const CLASS_OBJECTS: usize = 2; // 16 shared `(CODE)` conses
const LISP_TABLES: usize = CLASS_OBJECTS + 16; // base, data, emacs-lisp, interaction
const NSLOTS: usize = LISP_TABLES + 4;

thread_local! {
    static ROOTS: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

fn roots() -> &'static mut Vec<Value> {
    let p = ROOTS.with(|r| r.get());
    if p.is_null() {
        init();
        return unsafe { &mut *ROOTS.with(|r| r.get()) };
    }
    unsafe { &mut *p }
}

/// Builds the standard table and the *scratch* buffer's tables (once per
/// thread, after the heap exists).
pub fn init() {
    if !ROOTS.with(|r| r.get()).is_null() {
        return;
    }
    let v: &'static mut Vec<Value> = Box::leak(Box::new(vec![Value::NIL; NSLOTS]));
    heap().rooted.push(v as *const Vec<Value>);
    ROOTS.with(|r| r.set(v as *mut Vec<Value>));
    for code in 0..16 {
        v[CLASS_OBJECTS + code] = cons(Value::fixnum(code as i64), Value::NIL);
    }
    let std = table_from_runs(tables::STANDARD, Value::NIL);
    if let Some(t) = std.as_char_table() {
        t.default = v[CLASS_OBJECTS];
    }
    v[STANDARD] = std;
    let base = table_from_runs(tables::LISP_BASE, std);
    let data = table_from_runs(tables::LISP_DATA, base);
    let elisp = table_from_runs(tables::EMACS_LISP, data);
    let interaction = table_from_runs(tables::LISP_INTERACTION, elisp);
    v[LISP_TABLES] = base;
    v[LISP_TABLES + 1] = data;
    v[LISP_TABLES + 2] = elisp;
    v[LISP_TABLES + 3] = interaction;
    v[CURRENT] = interaction;
}

/// The tables of lisp-data-mode, emacs-lisp-mode and lisp-interaction-mode.
pub fn lisp_mode_tables() -> (Value, Value, Value) {
    let r = roots();
    (r[LISP_TABLES + 1], r[LISP_TABLES + 2], r[LISP_TABLES + 3])
}

/// A new syntax char-table (purpose `syntax-table`).
pub fn new_table(parent: Value, default: Value) -> CharTable {
    let mut t = CharTable::new(intern("syntax-table"), default, Vec::new());
    t.parent = parent;
    t
}

fn table_from_runs(runs: &[(u32, u32, u32, i32)], parent: Value) -> Value {
    let mut t = new_table(parent, Value::NIL);
    for &(from, to, code, m) in runs {
        let v = make_entry(code, if m < 0 { None } else { Some(m as u32) });
        t.ranges.push((from, to, v));
    }
    heap().alloc_obj(Obj::CharTable(Box::new(t)))
}

/// A syntax entry `(CODE+FLAGS . MATCH)`; entries without flags or a
/// matching character share one cons per class, as in Emacs.
pub fn make_entry(code: u32, matching: Option<u32>) -> Value {
    if matching.is_none() && code < 16 {
        return roots()[CLASS_OBJECTS + code as usize];
    }
    cons(Value::fixnum(code as i64), matching.map(|c| Value::fixnum(c as i64)).unwrap_or(Value::NIL))
}

/// The shared `(CODE)` cons of a class (`Vsyntax_code_object`).
pub fn class_object(code: u8) -> Value {
    roots()[CLASS_OBJECTS + (code as usize & 15)]
}

pub fn standard_table() -> Value {
    roots()[STANDARD]
}
/// The syntax table of the current buffer.
pub fn current_table() -> Value {
    match perbuf::current_buffer() {
        Some(b) => perbuf::get(b, perbuf::SYNTAX, perbuf::defaults),
        None => roots()[CURRENT],
    }
}
/// Makes TABLE the current buffer's syntax table (`set-syntax-table`).
pub fn set_current_table(table: Value) {
    match perbuf::current_buffer() {
        Some(b) => perbuf::set(b, perbuf::SYNTAX, table, perbuf::defaults),
        None => roots()[CURRENT] = table,
    }
}

/// The value a char-table gives C itself (nil if none): ASCII characters
/// through its `ascii` slot, as `CHAR_TABLE_REF` reads them.
fn local_ref(t: &CharTable, c: u32) -> Value {
    match &t.ascii {
        AsciiSlot::Value(v) if c < 128 => return *v,
        AsciiSlot::Sub(a) if c < 128 => return a[c as usize],
        _ => {}
    }
    let i = t.ranges.partition_point(|r| r.1 < c);
    match t.ranges.get(i) {
        Some(r) if r.0 <= c => r.2,
        _ => Value::NIL,
    }
}

/// `CHAR_TABLE_REF`: own value, else the default, else the parent's.
pub fn char_table_ref(table: Value, c: u32) -> Value {
    let mut tv = table;
    for _ in 0..10_000 {
        let Some(t) = tv.as_char_table() else { break };
        let v = local_ref(t, c);
        if !v.is_nil() {
            return v;
        }
        if !t.default.is_nil() {
            return t.default;
        }
        tv = t.parent;
    }
    Value::NIL
}

/// The syntax entry of C in TABLE, with inheritance (`SYNTAX_ENTRY`).
pub fn entry(table: Value, c: u32) -> Value {
    char_table_ref(table, c.min(MAX_CHAR))
}

/// CODE+FLAGS of C (`syntax_property_with_flags`): whitespace if no entry.
pub fn code_with_flags(table: Value, c: u32) -> u32 {
    let e = entry(table, c);
    if e.is_cons() {
        e.car().as_fixnum().unwrap_or(0) as u32
    } else {
        0
    }
}

/// The syntax class of C (`SYNTAX`).
pub fn class(table: Value, c: u32) -> u8 {
    (code_with_flags(table, c) & 0xff) as u8
}

/// A syntax table with the entries of ASCII characters cached (filled on
/// first use), for the matcher's and scanners' inner loops.
pub struct SyntaxView {
    pub table: Value,
    ascii: [std::cell::Cell<u32>; 128],
}

const UNKNOWN: u32 = u32::MAX;

impl SyntaxView {
    pub fn new(table: Value) -> SyntaxView {
        SyntaxView { table, ascii: std::array::from_fn(|_| std::cell::Cell::new(UNKNOWN)) }
    }
    pub fn current() -> SyntaxView {
        SyntaxView::new(current_table())
    }
    #[inline]
    pub fn flags(&self, c: u32) -> u32 {
        if c < 128 {
            let slot = &self.ascii[c as usize];
            let v = slot.get();
            if v != UNKNOWN {
                return v;
            }
            let v = code_with_flags(self.table, c);
            slot.set(v);
            v
        } else {
            code_with_flags(self.table, c)
        }
    }
    #[inline]
    pub fn class(&self, c: u32) -> u8 {
        (self.flags(c) & 0xff) as u8
    }
}

/// Syntax flags (bits 16.. of CODE+FLAGS).
pub mod flags {
    pub const COMSTART_FIRST: u32 = 1 << 16;
    pub const COMSTART_SECOND: u32 = 1 << 17;
    pub const COMEND_FIRST: u32 = 1 << 18;
    pub const COMEND_SECOND: u32 = 1 << 19;
    pub const PREFIX: u32 = 1 << 20;
    pub const COMMENT_STYLE_B: u32 = 1 << 21;
    pub const COMMENT_NESTED: u32 = 1 << 22;
    pub const COMMENT_STYLE_C: u32 = 1 << 23;
}
