//! Symbols with position (lisp.h's `Lisp_Symbol_With_Pos`): a bare symbol
//! paired with a fixnum position, made by `position-symbol` and by
//! `read-positioning-symbols`.  This module owns the object's constructor and
//! accessors, and the variable `symbols-with-pos-enabled` with what it
//! changes in the core: while it is non-nil a symbol with position counts as
//! its bare symbol for `eq` (lisp.h `EQ`), for `symbolp` (`SYMBOLP`), for
//! functions that take a symbol (`CHECK_SYMBOL`, through `expect_symbol`) and
//! for hashing (`sxhash_eq`).  The flag is read straight from the variable's
//! value cell (symbols never move), and only after the identity test failed
//! and an operand is a vectorlike object, so ordinary `eq` costs nothing more.

use super::error::{wrong_type, LResult};
use super::heap::heap;
use super::object::Obj;
use super::symbol::intern;
use super::value::Value;
use std::cell::Cell;

thread_local! {
    /// The value cell of `symbols-with-pos-enabled` (null until first use).
    static ENABLED_CELL: Cell<*const Value> = const { Cell::new(std::ptr::null()) };
}

/// The symbol `symbols-with-pos-enabled`, interned and kept alive for good.
pub fn enabled_symbol() -> Value {
    let s = intern("symbols-with-pos-enabled");
    if ENABLED_CELL.with(|c| c.get()).is_null() {
        heap().permanent.push(s);
        ENABLED_CELL.with(|c| c.set(&s.sym().value as *const Value));
    }
    s
}

/// Whether `symbols-with-pos-enabled` is non-nil (lisp.h's C variable).
#[inline]
pub fn enabled() -> bool {
    let mut p = ENABLED_CELL.with(|c| c.get());
    if p.is_null() {
        enabled_symbol();
        p = ENABLED_CELL.with(|c| c.get());
    }
    let v = unsafe { *p };
    !v.is_nil() && v != Value::UNBOUND
}

/// A new symbol with position: bare symbol SYM (the caller checked) at POS (a fixnum).
pub fn make(sym: Value, pos: Value) -> Value {
    debug_assert!(sym.is_symbol() && pos.is_fixnum());
    heap().alloc_obj(Obj::SymbolWithPos { sym, pos })
}

/// The (bare symbol, position) of V if it is a symbol with position.
#[inline]
pub fn parts(v: Value) -> Option<(Value, Value)> {
    if v.is_obj() {
        if let Obj::SymbolWithPos { sym, pos } = v.obj_ref() {
            return Some((*sym, *pos));
        }
    }
    None
}

/// lisp.h `SYMBOL_WITH_POS_P` (whatever the flag says).
#[inline]
pub fn is_symbol_with_pos(v: Value) -> bool {
    v.is_obj() && matches!(v.obj_ref(), Obj::SymbolWithPos { .. })
}

/// lisp.h `maybe_remove_pos_from_symbol`: V's bare symbol if V is a symbol
/// with position and the flag is on, else V.
#[inline]
pub fn strip_if_enabled(v: Value) -> Value {
    if v.is_obj() {
        if let Some((sym, _)) = parts(v) {
            if enabled() {
                return sym;
            }
        }
    }
    v
}

/// lisp.h `SYMBOLP`: a bare symbol, or a symbol with position while enabled.
#[inline]
pub fn symbolp(v: Value) -> bool {
    v.is_symbol() || (v.is_obj() && is_symbol_with_pos(v) && enabled())
}

/// lisp.h `EQ`: identity, a symbol with position counting as its bare
/// symbol while `symbols-with-pos-enabled` is non-nil.
#[inline(always)]
pub fn eq(a: Value, b: Value) -> bool {
    a == b || ((a.is_obj() || b.is_obj()) && eq_slow(a, b))
}

/// `EQ` once identity failed and an operand is vectorlike.
#[cold]
#[inline(never)]
pub fn eq_slow(a: Value, b: Value) -> bool {
    let (x, y) = (parts(a), parts(b));
    if x.is_none() && y.is_none() {
        return false;
    }
    if !enabled() {
        return false;
    }
    x.map_or(a, |p| p.0) == y.map_or(b, |p| p.0)
}

/// `CHECK_SYMBOL` for a value that is not a bare symbol: its bare symbol
/// if it is a symbol with position and the flag is on, else the error.
#[cold]
pub fn check_symbol_slow(v: Value) -> LResult<Value> {
    match parts(v) {
        Some((sym, _)) if enabled() => Ok(sym),
        _ => Err(wrong_type(super::sym::SYMBOLP, v)),
    }
}

/// `eq` as a Lisp boolean, for the evaluator's and byte-code's `eq`.
#[inline(always)]
pub fn eq_value(a: Value, b: Value) -> Value {
    Value::bool(eq(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::specpdl::value_cell;

    #[test]
    fn eq_follows_the_flag() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let a = intern("a");
        let p = make(a, Value::fixnum(3));
        let q = make(a, Value::fixnum(4));
        let flag = enabled_symbol();
        assert!(value_cell(flag).is_nil());
        assert!(!eq(p, a) && !eq(p, q) && eq(p, p));
        assert!(!symbolp(p));
        flag.sym().value = Value::T;
        assert!(eq(p, a) && eq(a, p) && eq(p, q) && !eq(p, intern("b")));
        assert!(symbolp(p));
        assert_eq!(strip_if_enabled(p), a);
        flag.sym().value = Value::NIL;
        assert_eq!(strip_if_enabled(p), p);
        assert_eq!(parts(p), Some((a, Value::fixnum(3))));
        assert_eq!(parts(a), None);
    }
}
