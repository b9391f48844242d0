//! What every builtins file imports: the runtime API builtins are written against.
pub use crate::runtime::alloc::*;
pub use crate::runtime::error::*;
pub use crate::runtime::heap::{heap, RootedVec};
pub use crate::runtime::object::*;
pub use crate::runtime::string::*;
pub use crate::runtime::subr::{SubrDef, MANY, UNEVALLED};
pub use crate::runtime::sym;
pub use crate::runtime::symbol::*;
pub use crate::runtime::value::*;
pub use crate::runtime::{funcall, rt};

/// Defines a special variable with a default value, as `DEFVAR_LISP` does.
/// `DEFVAR_LISP`: a variable GNU Emacs defines in C.
pub fn defvar_lisp(name: &str, value: Value) -> Value {
    let s = defvar_special(name, value);
    s.sym().forward = crate::runtime::symbol::Forward::Lisp;
    s
}

/// A special variable GNU Emacs defines in its preloaded Lisp (`defvar`
/// in subr.el, version.el...), which Enoki provides from the start.
pub fn defvar_special(name: &str, value: Value) -> Value {
    let s = intern(name);
    let d = s.sym();
    d.value = value;
    d.special = true;
    s
}

/// `DEFVAR_INT`: stores must be integers that fit 64 bits.
pub fn defvar_int(name: &str, value: i64) -> Value {
    let s = defvar_special(name, Value::fixnum(value));
    s.sym().forward = crate::runtime::symbol::Forward::Int;
    s
}

/// `DEFVAR_BOOL`: a variable forwarded to a C boolean, so whatever is
/// stored in it reads back as t or nil.
pub fn defvar_bool(name: &str, value: Value) -> Value {
    let s = defvar_special(name, Value::bool(!value.is_nil()));
    s.sym().forward = crate::runtime::symbol::Forward::Bool;
    s
}

/// Like `defvar_lisp` but the variable can't be set (`most-positive-fixnum`...).
pub fn defconst_lisp(name: &str, value: Value) -> Value {
    let s = defvar_lisp(name, value);
    s.sym().constant = true;
    s
}

/// The argument as a fixnum, or `wrong-type-argument fixnump`.
pub fn expect_fixnum(v: Value) -> LResult<i64> {
    v.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, v))
}
/// The argument as a string, or `wrong-type-argument stringp`.
pub fn expect_string(v: Value) -> LResult<&'static mut LispString> {
    if v.is_string() {
        Ok(v.string_ref())
    } else {
        Err(wrong_type(sym::STRINGP, v))
    }
}
/// The argument as a symbol, or `wrong-type-argument symbolp` (lisp.h
/// `CHECK_SYMBOL`): a symbol with position passes as its bare symbol while
/// `symbols-with-pos-enabled` is non-nil.
#[inline]
pub fn expect_symbol(v: Value) -> LResult<Value> {
    if v.is_symbol() {
        Ok(v)
    } else {
        crate::runtime::symbol_pos::check_symbol_slow(v)
    }
}
/// Checks that V is a proper list's cons or nil, else `wrong-type-argument listp`.
pub fn expect_list(v: Value) -> LResult<Value> {
    if v.is_list() {
        Ok(v)
    } else {
        Err(wrong_type(sym::LISTP, v))
    }
}
