//! Obarrays as Lisp objects (`Obj::Obarray`), printed `#<obarray n=N>`, of
//! type `obarray`.  The standard obarray (the initial value of `obarray`)
//! stands for the runtime's symbol table (`runtime::symbol`); other obarrays
//! (`obarray-make`) hold their own name -> symbol maps, and their symbols are
//! not interned in the initial obarray (so `:x` interned there is no
//! keyword).  As Emacs 30 does for compatibility, a vector whose first slot
//! is 0 is accepted as an obarray: a fresh obarray is stored in that slot
//! and used from then on.  The reader interns through `current_obarray`.

use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::heap::heap;
use crate::runtime::object::{Obarray, Obj};
use crate::runtime::obtable::{ObTable, DEFAULT_BITS};
use crate::runtime::specpdl::value_cell;
use crate::runtime::symbol::{ensure_symbol_room, intern, intern_string, make_symbol, symtab};
use crate::runtime::value::Value;

thread_local! {
    static STANDARD_OBARRAY: std::cell::Cell<Value> = const { std::cell::Cell::new(Value::NIL) };
}

/// The standard obarray object (made on first use, then permanent).
pub fn standard_obarray() -> Value {
    let v = STANDARD_OBARRAY.with(|c| c.get());
    if !v.is_nil() {
        return v;
    }
    let v = heap().alloc_obj(Obj::Obarray(Box::new(Obarray { standard: true, symbols: ObTable::new(DEFAULT_BITS) })));
    heap().permanent.push(v);
    STANDARD_OBARRAY.with(|c| c.set(v));
    v
}

/// A new, empty obarray of 2^BITS buckets (`obarray-make`).
pub fn make_obarray(bits: u32) -> Value {
    heap().alloc_obj(Obj::Obarray(Box::new(Obarray { standard: false, symbols: ObTable::new(bits) })))
}

/// A symbol's name bytes (the obarray tables' key).
fn symbol_name_bytes(s: Value) -> &'static [u8] {
    &s.sym().name.string_ref().data
}

pub fn is_obarray(v: Value) -> bool {
    v.as_obarray().is_some()
}

/// lread.c `check_obarray`: the obarray OBARRAY designates (itself, or the
/// obarray in slot 0 of an old-style vector obarray, made there when the
/// slot holds 0), else `wrong-type-argument obarrayp` (and `obarray`, if it
/// held that value, is reset to the standard obarray).
pub fn check_obarray(obarray: Value) -> LResult<Value> {
    if is_obarray(obarray) {
        return Ok(obarray);
    }
    if let Some(first) = obarray.as_vector().and_then(|v| v.first().copied()) {
        if is_obarray(first) {
            return Ok(first);
        }
        if first == Value::fixnum(0) {
            let ob = make_obarray(0);
            if let Some(v) = obarray.as_vector() {
                v[0] = ob;
            }
            return Ok(ob);
        }
    }
    let var = intern("obarray");
    if value_cell(var) == obarray {
        var.sym().value = standard_obarray();
    }
    Err(wrong_type(intern("obarrayp"), obarray))
}

/// The obarray the value of `obarray` designates (checked).
pub fn current_obarray() -> LResult<Value> {
    let v = value_cell(intern("obarray"));
    if v == Value::UNBOUND {
        return Ok(standard_obarray());
    }
    check_obarray(v)
}

/// The symbol named NAME (internal bytes) in obarray OB, if any.
pub fn lookup(ob: Value, name: &[u8]) -> Option<Value> {
    match ob.as_obarray() {
        Some(o) if !o.standard => o.symbols.get(name, symbol_name_bytes),
        _ => symtab().lookup(name),
    }
}

/// `intern` of the Lisp string NAME in obarray OB (NAME becomes the new
/// symbol's name when there is none yet); `memory-full` when Lisp has
/// filled the symbol table.
pub fn intern_in(ob: Value, name: Value) -> LResult<Value> {
    if let Some(s) = lookup(ob, &name.string_ref().data) {
        return Ok(s);
    }
    ensure_symbol_room()?;
    Ok(match ob.as_obarray() {
        Some(o) if !o.standard => {
            let s = make_symbol(name);
            o.symbols.insert(&name.string_ref().data, s, symbol_name_bytes);
            s
        }
        _ => intern_string(name),
    })
}

/// Removes symbol SYM from obarray OB (if it is there); true if removed.
pub fn unintern_from(ob: Value, sym: Value) -> bool {
    match ob.as_obarray() {
        Some(o) if !o.standard => {
            let key = &sym.sym().name.string_ref().data;
            o.symbols.remove(key, sym)
        }
        _ => symtab().unintern(sym),
    }
}

/// Every symbol in obarray OB.
pub fn obarray_symbols(ob: Value) -> Vec<Value> {
    match ob.as_obarray() {
        Some(o) if !o.standard => o.symbols.iter().collect(),
        _ => symtab().all_interned(),
    }
}

/// Every bucket of obarray OB (`internal--obarray-buckets`).
pub fn obarray_buckets(ob: Value) -> Vec<Vec<Value>> {
    match ob.as_obarray() {
        Some(o) if !o.standard => o.symbols.buckets().to_vec(),
        _ => symtab().obarray_buckets(),
    }
}

/// How many symbols obarray OB holds.
pub fn obarray_count(ob: Value) -> usize {
    match ob.as_obarray() {
        Some(o) if !o.standard => o.symbols.len(),
        _ => symtab().interned_count(),
    }
}

/// `obarray-clear`: removes every symbol from OB.  Clearing the standard
/// obarray unintern every symbol (as in Emacs, the session is then of little
/// use); the runtime's well-known symbols are kept alive regardless, since
/// Rust code refers to them by index.
pub fn clear_obarray(ob: Value) {
    match ob.as_obarray() {
        Some(o) if !o.standard => o.symbols.clear(),
        _ => {
            for name in crate::runtime::sym::WELL_KNOWN {
                let s = intern(name);
                heap().permanent.push(s);
            }
            for s in symtab().all_interned() {
                symtab().unintern(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::string::make_string;

    #[test]
    fn own_symbols_and_vector_obarrays() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let ob = make_obarray(DEFAULT_BITS);
        let s = intern_in(ob, make_string("ob-test-sym")).unwrap();
        assert_ne!(s, intern("ob-test-sym"));
        assert_eq!(lookup(ob, b"ob-test-sym"), Some(s));
        assert_eq!(intern_in(ob, make_string("ob-test-sym")).unwrap(), s);
        assert_eq!(obarray_count(ob), 1);
        // (keywordp (intern ":kw" (obarray-make))) -> nil
        let kw = intern_in(ob, make_string(":kw")).unwrap();
        assert!(!crate::runtime::symbol::is_keyword(kw));
        assert!(unintern_from(ob, s));
        assert!(!unintern_from(ob, s));
        clear_obarray(ob);
        assert_eq!(obarray_count(ob), 0);
        // A vector holding 0 in slot 0 gets an obarray there.
        let v = crate::runtime::object::make_vector(vec![Value::fixnum(0), Value::fixnum(0)]);
        let got = check_obarray(v).ok().unwrap();
        assert!(is_obarray(got));
        assert_eq!(check_obarray(v).ok(), Some(got));
        assert!(check_obarray(Value::fixnum(5)).is_err());
    }
}
