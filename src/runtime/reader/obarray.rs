//! The standard obarray as a Lisp object: the value of the variable
//! `obarray`, printed `#<obarray n=N>`, of type `obarray`.  Symbols
//! themselves live in the symbol table (`runtime::symbol`); this object only
//! stands for it, so that `obarrayp`, `type-of` and the obarray arguments of
//! `intern` & co. behave as in Emacs.  Other obarrays are not supported.

use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::heap::{heap, Marker};
use crate::runtime::object::{HostObject, Obj};
use crate::runtime::specpdl::value_cell;
use crate::runtime::symbol::{intern, symtab};
use crate::runtime::value::Value;

struct StandardObarray;

impl HostObject for StandardObarray {
    fn type_name(&self) -> &'static str {
        "obarray"
    }
    fn print(&self) -> String {
        format!("#<obarray n={}>", symtab().all_interned().len())
    }
    fn trace(&self, _m: &mut Marker) {}
}

thread_local! {
    static STANDARD_OBARRAY: std::cell::Cell<Value> = const { std::cell::Cell::new(Value::NIL) };
}

/// The standard obarray object (made on first use, then permanent).
pub fn standard_obarray() -> Value {
    let v = STANDARD_OBARRAY.with(|c| c.get());
    if !v.is_nil() {
        return v;
    }
    let v = heap().alloc_obj(Obj::Host(Box::new(StandardObarray)));
    heap().permanent.push(v);
    STANDARD_OBARRAY.with(|c| c.set(v));
    v
}

pub fn is_obarray(v: Value) -> bool {
    v.is_obj() && matches!(v.obj_ref(), Obj::Host(h) if h.type_name() == "obarray")
}

/// lread.c `check_obarray`: OBARRAY must be an obarray, else
/// `wrong-type-argument obarrayp` (and `obarray`, if it held that value,
/// is reset to the standard obarray).
pub fn check_obarray(obarray: Value) -> LResult<()> {
    if is_obarray(obarray) {
        return Ok(());
    }
    let var = intern("obarray");
    if value_cell(var) == obarray {
        var.sym().value = standard_obarray();
    }
    Err(wrong_type(intern("obarrayp"), obarray))
}

/// Checks the value of `obarray` before the reader interns a symbol.
pub fn check_current_obarray() -> LResult<()> {
    let v = value_cell(intern("obarray"));
    if v == Value::UNBOUND {
        return Ok(());
    }
    check_obarray(v)
}
