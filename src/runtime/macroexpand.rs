//! Macro expansion steps shared by the evaluator and the `macroexpand`
//! builtins: calling a macro's expander on unevaluated arguments with
//! `lexical-binding` bound, and `macroexpand` with an ENVIRONMENT alist.

use super::error::LResult;
use super::funcall;
use super::heap::RootedVec;
use super::specpdl::{specbind, specpdl_depth, unbind_to};
use super::sym;
use super::symbol::indirect_function;
use super::value::Value;

/// Calls a macro's expander on the unevaluated ARGS, with `lexical-binding`
/// bound as the code being expanded will run.
pub fn expand_call(function: Value, args: Value, lexical: bool) -> LResult {
    let depth = specpdl_depth();
    specbind(sym::LEXICAL_BINDING, Value::bool(lexical))?;
    let argv = RootedVec::from_list(args);
    let r = funcall(function, &argv);
    unbind_to(depth);
    r
}

/// One expansion step of FORM if its head is a macro (ENVIRONMENT as `macroexpand`).
pub fn macroexpand_1(form: Value, environment: Value) -> LResult<(Value, bool)> {
    if !form.is_cons() || !form.car().is_symbol() {
        return Ok((form, false));
    }
    let head = form.car();
    let mut def = Value::NIL;
    let mut overridden = false;
    for e in environment.iter() {
        if e.is_cons() && e.car() == head {
            def = e.cdr();
            overridden = true;
            break;
        }
    }
    if overridden {
        if def.is_nil() {
            return Ok((form, false));
        }
        let argv = RootedVec::from_list(form.cdr());
        return Ok((funcall(def, &argv)?, true));
    }
    let mut f = indirect_function(head);
    if f.is_cons() && f.car() == sym::AUTOLOAD {
        // Fmacroexpand loads an autoloaded macro (TYPE t or `macro').
        let kind = f.iter().nth(4).unwrap_or(Value::NIL);
        if kind.is_t() || kind == sym::MACRO {
            f = funcall(super::symbol::intern("autoload-do-load"), &[f, head, sym::MACRO])?;
        }
    }
    if f.is_cons() && f.car() == sym::MACRO {
        let lexical = !sym::LEXICAL_BINDING.sym().value.is_nil();
        return Ok((expand_call(f.cdr(), form.cdr(), lexical)?, true));
    }
    Ok((form, false))
}

/// `macroexpand`: expands until the head is no longer a macro.
pub fn macroexpand(mut form: Value, environment: Value) -> LResult {
    loop {
        let (next, expanded) = macroexpand_1(form, environment)?;
        if !expanded || next == form {
            return Ok(next);
        }
        form = next;
    }
}
