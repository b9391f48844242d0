//! Per-buffer syntax and case tables.  GNU Emacs keeps a buffer's syntax
//! table and case tables in the buffer object; Enoki's buffer code doesn't
//! carry them, so they are kept here, keyed by buffer object, for the
//! current buffer that `runtime::regex::buffer`'s hooks report.  A buffer
//! without an entry has the standard tables, except the initial buffer
//! (`*scratch*`), which has `lisp-interaction-mode`'s syntax table as in
//! `emacs -Q --batch`.  Without buffer hooks there is one set of tables.

use crate::runtime::heap::heap;
use crate::runtime::regex::buffer as rbuf;
use crate::runtime::value::Value;

/// Slots of a buffer's entry.
pub const SYNTAX: usize = 0;
pub const CASE_DOWN: usize = 1;
pub const CASE_UP: usize = 2;
pub const CASE_CANON: usize = 3;
pub const CASE_EQV: usize = 4;
const NSLOTS: usize = 5;
const ENTRY: usize = NSLOTS + 1;

thread_local! {
    static TABLE: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// The rooted entries: [buffer, slot values...] groups.
fn entries() -> &'static mut Vec<Value> {
    let mut p = TABLE.with(|t| t.get());
    if p.is_null() {
        let v: &'static mut Vec<Value> = Box::leak(Box::new(Vec::new()));
        heap().rooted.push(v as *const Vec<Value>);
        p = v as *mut Vec<Value>;
        TABLE.with(|t| t.set(p));
    }
    unsafe { &mut *p }
}

/// The current buffer, when buffer code is installed.
pub fn current_buffer() -> Option<Value> {
    let h = rbuf::hooks()?;
    let b = (h.current_object)();
    if b.is_nil() {
        None
    } else {
        Some(b)
    }
}

fn find(buf: Value) -> Option<usize> {
    entries().chunks(ENTRY).position(|e| e[0] == buf).map(|i| i * ENTRY)
}

/// The entry of BUF, made with DEFAULTS (the values for a new buffer).
fn entry(buf: Value, defaults: impl FnOnce(bool) -> [Value; NSLOTS]) -> usize {
    if let Some(i) = find(buf) {
        return i;
    }
    // Forget killed buffers while adding one.
    if let Some(h) = rbuf::hooks() {
        let v = entries();
        let mut i = 0;
        while i < v.len() {
            if !(h.buffer_live)(v[i]) {
                v.drain(i..i + ENTRY);
            } else {
                i += ENTRY;
            }
        }
    }
    let initial = rbuf::hooks().is_some_and(|h| (h.is_initial_buffer)(buf));
    let d = defaults(initial);
    let v = entries();
    v.push(buf);
    v.extend_from_slice(&d);
    v.len() - ENTRY
}

/// Slot SLOT of BUF's tables.
pub fn get(buf: Value, slot: usize, defaults: impl FnOnce(bool) -> [Value; NSLOTS]) -> Value {
    let i = entry(buf, defaults);
    entries()[i + 1 + slot]
}

/// Sets slot SLOT of BUF's tables.
pub fn set(buf: Value, slot: usize, v: Value, defaults: impl FnOnce(bool) -> [Value; NSLOTS]) {
    let i = entry(buf, defaults);
    entries()[i + 1 + slot] = v;
}

/// The tables a new buffer gets (INITIAL: the `*scratch*` buffer).
pub fn defaults(initial: bool) -> [Value; NSLOTS] {
    let (_, _, interaction) = super::lisp_mode_tables();
    let syntax = if initial { interaction } else { super::standard_table() };
    let [d, u, c, e] = crate::runtime::casetab::standard_tables();
    [syntax, d, u, c, e]
}
