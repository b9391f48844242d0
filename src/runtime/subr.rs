//! The one way to declare a primitive ("subr"): a `SubrDef` giving its name,
//! arity, implementation and docstring, listed in a `pub static SUBRS` table in
//! its `builtins/` file.  `defsubr` installs it in the symbol's function cell as
//! a `#<subr NAME>` object.  Special forms are subrs with `UNEVALLED` arity whose
//! behaviour lives in the evaluator's special-form nodes.

use super::error::{wrong_number_of_arguments, LResult};
use super::heap::heap;
use super::object::Obj;
use super::symbol::intern;
use super::value::Value;

pub type SubrFn = fn(&[Value]) -> LResult;

/// `max_args` for a subr taking any number of arguments (`&rest`).
pub const MANY: i16 = -1;
/// `max_args` for a special form.
pub const UNEVALLED: i16 = -2;

pub struct SubrDef {
    pub name: &'static str,
    pub min_args: u16,
    pub max_args: i16,
    pub func: SubrFn,
    pub doc: &'static str,
}

impl SubrDef {
    pub const fn new(name: &'static str, min_args: u16, max_args: i16, func: SubrFn, doc: &'static str) -> SubrDef {
        SubrDef { name, min_args, max_args, func, doc }
    }
    pub fn is_special_form(&self) -> bool {
        self.max_args == UNEVALLED
    }
}

/// Installs every subr of TABLE in its symbol's function cell.
pub fn defsubrs(table: &'static [SubrDef]) {
    for def in table {
        let s = intern(def.name);
        let f = heap().alloc_obj(Obj::Subr(def));
        heap().permanent.push(f);
        super::symbol::set_function(s, f);
    }
}

/// Calls a subr with evaluated ARGS, checking arity and padding optional
/// arguments with nil.  WHO is what `wrong-number-of-arguments` reports.
#[inline]
pub fn call_subr(def: &'static SubrDef, who: Value, args: &[Value]) -> LResult {
    let n = args.len();
    if n < def.min_args as usize || (def.max_args >= 0 && n > def.max_args as usize) {
        return Err(wrong_number_of_arguments(who, n));
    }
    if def.max_args > 0 && n < def.max_args as usize {
        let mut padded = [Value::NIL; 8];
        if def.max_args as usize <= 8 {
            padded[..n].copy_from_slice(args);
            return (def.func)(&padded[..def.max_args as usize]);
        }
        let mut v = args.to_vec();
        v.resize(def.max_args as usize, Value::NIL);
        return (def.func)(&v);
    }
    (def.func)(args)
}
