//! `print-circle`: before printing, walk the object (iteratively, in Emacs's
//! order) and number every candidate that occurs more than once, in the
//! `print-number-table` hash table: t = seen once, -N = will be labelled
//! `#N=`, N = already printed (`#N#`).  The numbering counter persists across
//! calls when `print-continuous-numbering` is set.

use super::super::error::LResult;
use super::super::hashtable::{HashTable, HashTest};
use super::super::heap::heap;
use super::super::object::Obj;
use super::super::symbol::Interned;
use super::super::symbol_pos;
use super::super::value::Value;
use super::chartab;
use super::Opts;
use std::cell::Cell;

thread_local! {
    /// Emacs's `print_number_index`: the largest label number used.
    static INDEX: Cell<i64> = const { Cell::new(0) };
}

pub fn reset_index() {
    INDEX.with(|c| c.set(0));
}

/// Emacs's PRINT_CIRCLE_CANDIDATE_P.
pub fn candidate(v: Value, opts: &Opts) -> bool {
    if v.is_string() || v.is_cons() {
        return true;
    }
    if v.is_symbol() {
        return opts.gensym && v.sym().interned == Interned::No;
    }
    if v.is_obj() {
        return match v.obj_ref() {
            Obj::Vector(_) | Obj::Record(_) | Obj::Closure(_) | Obj::ByteCode(_) | Obj::CharTable(_) | Obj::HashTable(_) => true,
            // SYMBOLP is true of it while `symbols-with-pos-enabled' is set.
            Obj::SymbolWithPos { .. } => opts.gensym && uninterned_symbol(v),
            _ => false,
        };
    }
    false
}

/// `SYMBOLP (obj) && !SYMBOL_INTERNED_P (obj)`.
fn uninterned_symbol(v: Value) -> bool {
    let s = symbol_pos::strip_if_enabled(v);
    s.is_symbol() && s.sym().interned == Interned::No
}

pub fn new_table() -> Value {
    heap().alloc_obj(Obj::HashTable(Box::new(HashTable::new(HashTest::Eq))))
}

enum Pending {
    One(Value),
    Many(Vec<Value>, usize),
}

/// Records in TABLE (a hash table value) every candidate in OBJ, numbering
/// those seen twice.  Creates the table when needed; returns it.
pub fn preprocess(obj: Value, mut table: Value, opts: &Opts) -> LResult<Value> {
    let mut stack: Vec<Pending> = Vec::new();
    let mut obj = obj;
    loop {
        if candidate(obj, opts) {
            if table.as_hash_table().is_none() {
                table = new_table();
            }
            let h = table.as_hash_table().expect("table");
            let num = h.get(obj)?.unwrap_or(Value::NIL);
            let gensym_continuous = opts.continuous && uninterned_symbol(obj);
            if !num.is_nil() || gensym_continuous {
                if num.is_symbol() {
                    let n = INDEX.with(|c| {
                        c.set(c.get() + 1);
                        c.get()
                    });
                    h.put(obj, Value::fixnum(-n))?;
                }
            } else {
                h.put(obj, Value::T)?;
                if let Some(next) = children(obj, &mut stack, opts) {
                    obj = next;
                    continue;
                }
            }
        }
        match pop(&mut stack) {
            Some(v) => obj = v,
            None => return Ok(table),
        }
    }
}

/// Pushes OBJ's components; returns the one to visit at once (a cons's car).
fn children(obj: Value, stack: &mut Vec<Pending>, opts: &Opts) -> Option<Value> {
    if obj.is_cons() {
        if !obj.cdr().is_nil() {
            stack.push(Pending::One(obj.cdr()));
        }
        return Some(obj.car());
    }
    if obj.is_string() {
        let plists: Vec<Value> = super::atoms::string_intervals(obj).into_iter().map(|(_, _, p)| p).collect();
        push_many(stack, plists);
        return None;
    }
    if !obj.is_obj() {
        return None;
    }
    match obj.obj_ref() {
        Obj::Vector(v) | Obj::Record(v) | Obj::ByteCode(v) => push_many(stack, v.clone()),
        Obj::Closure(_) => push_many(stack, super::super::equality::closure_slots(obj)),
        Obj::CharTable(_) => push_many(stack, chartab::leaf_values(obj)),
        Obj::SymbolWithPos { sym, pos } => push_many(stack, vec![*sym, *pos]),
        Obj::HashTable(h) => {
            let mut kv = Vec::with_capacity(h.count() * 2);
            for (k, v) in h.entries() {
                kv.push(k);
                kv.push(v);
            }
            push_many(stack, kv);
        }
        _ => {}
    }
    let _ = opts;
    None
}

fn push_many(stack: &mut Vec<Pending>, items: Vec<Value>) {
    if !items.is_empty() {
        stack.push(Pending::Many(items, 0));
    }
}

fn pop(stack: &mut Vec<Pending>) -> Option<Value> {
    let top = stack.last_mut()?;
    match top {
        Pending::One(v) => {
            let v = *v;
            stack.pop();
            Some(v)
        }
        Pending::Many(items, i) => {
            let v = items[*i];
            *i += 1;
            if *i >= items.len() {
                stack.pop();
            }
            Some(v)
        }
    }
}

/// Removes the entries of objects seen only once (status t).
pub fn prune(table: Value) -> LResult<()> {
    if let Some(h) = table.as_hash_table() {
        for (k, v) in h.entries() {
            if v.is_t() {
                h.remove(k)?;
            }
        }
    }
    Ok(())
}
