//! Autoloading, after eval.c's `Fautoload_do_load`: a function cell holding
//! `(autoload FILE DOC INTERACTIVE TYPE)` is replaced by loading FILE (with
//! `load`'s NOMESSAGE and MUST-SUFFIX set, the match data saved around it),
//! after which the function must be defined, else
//! "Autoloading file FILE failed to define function NAME".
//!
//! Emacs undoes what a failed autoload did (eval.c's `Vautoload_queue`:
//! definitions made by `fset` and features added by `provide`).  Enoki
//! undoes the features part only: when the load signals, `features` gets
//! back its value from before the load if the load changed it.  Function
//! definitions made before the error stay.

use crate::builtins::prelude::*;
use crate::runtime::specpdl::{set_variable, value_cell};

/// Calls the subr NAME of TABLE directly (no backtrace frame, as C does).
fn call_subr(table: &[SubrDef], name: &str, args: &[Value]) -> LResult {
    match table.iter().find(|d| d.name == name) {
        Some(d) => (d.func)(args),
        None => Err(error(&format!("No subr {name}"))),
    }
}

/// eval.c `load_with_autoload_queue` (through `save_match_data_load`).
fn load_undoing_features(file: Value, noerror: Value) -> LResult<()> {
    let search = crate::builtins::search::SUBRS;
    let match_data = call_subr(search, "match-data", &[Value::NIL, Value::NIL, Value::NIL])?;
    let features = value_cell(sym::FEATURES);
    let r = crate::builtins::lread::load::f_load(&[file, noerror, Value::T, Value::NIL, Value::T]);
    if r.is_err() && value_cell(sym::FEATURES) != features {
        let saved = rt().pending;
        let _ = set_variable(sym::FEATURES, features);
        rt().pending = saved;
    }
    let restored = call_subr(search, "set-match-data", &[match_data, Value::T]);
    r?;
    restored.map(|_| ())
}

/// `(autoload-do-load FUNDEF &optional FUNNAME MACRO-ONLY)`: loads the file
/// of the autoload FUNDEF; returns FUNNAME's new definition (nil without
/// FUNNAME, or when MACRO-ONLY lets a load of a non-macro fail silently).
/// FUNDEF that is no autoload, or that MACRO-ONLY `macro` says not to load
/// (it will not define a macro), is returned as it is.
pub fn autoload_do_load(fundef: Value, funname: Value, macro_only: Value) -> LResult {
    if !fundef.is_cons() || fundef.car() != sym::AUTOLOAD {
        return Ok(fundef);
    }
    let kind = crate::builtins::fns::lists::f_nth(&[Value::fixnum(4), fundef])?;
    let macro_kind = kind.is_t() || kind == sym::MACRO;
    if macro_only == sym::MACRO && !macro_kind {
        return Ok(fundef);
    }
    let funname = expect_symbol(funname)?;
    let ignore_errors = if macro_kind { Value::NIL } else { macro_only };
    let file = crate::builtins::data::types::car(crate::builtins::data::types::cdr(fundef)?)?;
    load_undoing_features(file, ignore_errors)?;
    if funname.is_nil() || !ignore_errors.is_nil() {
        return Ok(Value::NIL);
    }
    let fun = indirect_function(funname);
    if crate::runtime::equality::equal(fun, fundef)? {
        let history = value_cell(intern("load-history"));
        let loaded = history.car_safe().car_safe();
        let loaded = if loaded.is_string() { loaded.string_ref().to_string_lossy() } else { "nil".into() };
        let name = funname.sym().name.string_ref().to_string_lossy();
        return Err(error(&format!("Autoloading file {loaded} failed to define function {name}")));
    }
    Ok(fun)
}

pub fn f_autoload_do_load(args: &[Value]) -> LResult {
    autoload_do_load(args[0], args[1], args[2])
}

/// What calling the autoloaded FUNDEF as ORIGINAL calls (eval.c's
/// `funcall_general` and `eval_sub`): its file is loaded, as many times as
/// the new definition is again an autoload, and ORIGINAL's definition
/// returned (what to call, or report as an invalid function).
pub fn autoload_function(fundef: Value, original: Value) -> LResult {
    let mut def = fundef;
    loop {
        autoload_do_load(def, original, Value::NIL)?;
        let now = indirect_function(original);
        if !(now.is_cons() && now.car() == sym::AUTOLOAD) {
            return Ok(now);
        }
        def = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoload_do_load_passes_other_definitions_through() {
        crate::builtins::testutil::setup();
        let lambda = list(&[sym::LAMBDA, Value::NIL, Value::fixnum(1)]);
        assert_eq!(autoload_do_load(lambda, intern("x"), Value::NIL).ok(), Some(lambda));
        // A non-macro autoload is not loaded when only macros are wanted.
        let def = list(&[sym::AUTOLOAD, make_string("no-such-file")]);
        assert_eq!(autoload_do_load(def, intern("x"), sym::MACRO).ok(), Some(def));
        // Loading it for real: the file is missing.
        assert!(autoload_do_load(def, intern("x"), Value::NIL).is_err());
        assert_eq!(crate::builtins::testutil::err_data().0, sym::FILE_MISSING);
        // The name must be a symbol.
        assert!(autoload_do_load(def, Value::fixnum(1), Value::NIL).is_err());
        assert_eq!(crate::builtins::testutil::err_data().0, sym::WRONG_TYPE_ARGUMENT);
    }
}
