//! The byte-code interpreter: running the byte-code function objects GNU
//! Emacs's compiler produces (`#[ARGS CODE CONSTANTS DEPTH ...]`, made by
//! `make-byte-code` or read from `.elc` files) exactly as GNU Emacs 30's
//! bytecode.c does.  `opcodes` is the instruction set, `exec` the executor,
//! `unwind` its handler and unwind stacks, `temp_output` two obsolete
//! opcodes.  This file holds the calling convention (eval.c's
//! `funcall_lambda` for byte-code) and the `byte-code` primitive.

pub mod exec;
pub mod opcodes;
pub mod temp_output;
pub mod unwind;

#[cfg(test)]
mod tests;

use crate::runtime::error::{error, invalid_function, LResult};
use crate::runtime::heap::heap;
use crate::runtime::object::Obj;
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use crate::runtime::subr::SubrDef;
use crate::runtime::value::Value;

pub use exec::exec_byte_code;

/// Calls byte-code function F with ARGS (the caller counted the
/// `lisp-eval-depth` level).  A fixnum ARGLIST slot is an arity descriptor:
/// the arguments go on the stack (lexical binding).  A list is an old
/// dynamic-binding arglist: each parameter is bound with `specbind` for the
/// duration of the call.
pub fn funcall_byte_code(f: Value, args: &[Value]) -> LResult {
    let Some(slots) = f.as_byte_code() else {
        return Err(invalid_function(f));
    };
    let arglist = slots.first().copied().unwrap_or(Value::NIL);
    if let Some(template) = arglist.as_fixnum() {
        return exec_byte_code(f, template, args);
    }
    let count = specpdl_depth();
    let r = bind_arguments(f, arglist, args).and_then(|()| exec_byte_code(f, 0, &[]));
    unbind_to(count);
    r
}

/// Binds the parameters of dynamic-binding byte-code F's ARGLIST to ARGS
/// dynamically, with funcall_lambda's checks.
fn bind_arguments(f: Value, arglist: Value, args: &[Value]) -> LResult<()> {
    crate::nodes::template::bind_arglist(f, arglist, args, specbind)
}

/// `(byte-code BYTESTR VECTOR MAXDEPTH)`: runs a piece of byte-code with no
/// arguments (what `.elc` files use for top-level code).
fn f_byte_code(a: &[Value]) -> LResult {
    let (mut bytestr, vector, maxdepth) = (a[0], a[1], a[2]);
    if !(bytestr.is_string() && vector.as_vector().is_some() && maxdepth.as_fixnum().is_some_and(|d| d >= 0)) {
        return Err(error("Invalid byte-code"));
    }
    if bytestr.string_ref().multibyte {
        // Byte-code from Emacs 20.2 or older, read as multibyte text.
        bytestr = crate::builtins::fns::strings::f_string_as_unibyte(&[bytestr])?;
    }
    let fun = heap().alloc_obj(Obj::ByteCode(vec![Value::NIL, bytestr, vector, maxdepth]));
    exec_byte_code(fun, 0, &[])
}

/// `(internal-stack-stats)`: reports the byte-code frames and runs active.
fn f_internal_stack_stats(_: &[Value]) -> LResult {
    exec::stack_stats();
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("byte-code", 3, 3, f_byte_code, "Function used internally in byte-compiled code."),
    SubrDef::new("internal-stack-stats", 0, 0, f_internal_stack_stats, "internal"),
];
