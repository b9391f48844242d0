//! Primitives of GNU Emacs's eval.c: the special forms' subr objects (their
//! behaviour lives in the evaluator's nodes), `funcall`, `apply`, `eval`,
//! `signal`, `throw`, `macroexpand`, `functionp`, `func-arity`, hooks,
//! `autoload` and `autoload-do-load` (in `autoload_impl`), `car-less-than-car`
//! (fileio.c's), and the variable-definition helpers.
#[allow(unused_imports)]
use crate::builtins::prelude::*;

#[path = "eval_autoload.rs"]
mod autoload_impl;
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
pub use autoload_impl::{autoload_do_load, autoload_function};

/// The `func` of special forms' subrs: never called (the evaluator and
/// `funcall` handle special forms before reaching a subr's function).
fn special_form(_: &[Value]) -> LResult {
    Err(error("Special forms are evaluated by the evaluator"))
}

macro_rules! special_forms {
    ($(($name:expr, $min:expr, $doc:expr)),* $(,)?) => {
        [$(SubrDef::new($name, $min, UNEVALLED, special_form, $doc)),*]
    };
}

pub static SPECIAL_FORMS: [SubrDef; 21] = special_forms![
    ("quote", 1, "Return the argument, without evaluating it."),
    ("function", 1, "Like `quote', but preferred for objects which are functions."),
    ("setq", 0, "Set each SYM to the value of its VAL."),
    ("if", 2, "If COND yields non-nil, do THEN, else do ELSE..."),
    ("cond", 0, "Try each clause until one succeeds."),
    ("and", 0, "Eval args until one of them yields nil, then return nil."),
    ("or", 0, "Eval args until one of them yields non-nil, then return that value."),
    ("progn", 0, "Eval BODY forms sequentially and return value of last one."),
    ("prog1", 1, "Eval FIRST and BODY sequentially; return value from FIRST."),
    ("let", 1, "Bind variables according to VARLIST then eval BODY."),
    ("let*", 1, "Bind variables according to VARLIST then eval BODY, sequentially."),
    ("while", 1, "If TEST yields non-nil, eval BODY... and repeat."),
    ("catch", 1, "Eval BODY allowing nonlocal exits using `throw'."),
    ("unwind-protect", 1, "Do BODYFORM, protecting with UNWINDFORMS."),
    ("condition-case", 2, "Regain control when an error is signaled."),
    ("defvar", 1, "Define SYMBOL as a variable, and return SYMBOL."),
    ("defconst", 2, "Define SYMBOL as a constant variable."),
    ("interactive", 0, "Specify a way of parsing arguments for interactive use of a function."),
    ("save-excursion", 0, "Save point, and current buffer; execute BODY; restore those things."),
    ("save-restriction", 0, "Execute BODY, saving and restoring current buffer's restrictions."),
    ("save-current-buffer", 0, "Record which buffer is current; execute BODY; make that buffer current."),
];

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("funcall", 1, MANY, funcall_subr, "Call first argument as a function, passing remaining arguments to it."),
    SubrDef::new("apply", 1, MANY, apply, "Call FUNCTION with our remaining args, using our last arg as list of args."),
    SubrDef::new("eval", 1, 2, eval, "Evaluate FORM and return its value.\nIf LEXICAL is t, evaluate using lexical binding by default."),
    SubrDef::new("signal", 2, 2, signal_subr, "Signal an error.  Args are ERROR-SYMBOL and associated DATA."),
    SubrDef::new("throw", 2, 2, throw, "Throw to the catch for TAG and return VALUE from it."),
    SubrDef::new("macroexpand", 1, 2, macroexpand_subr, "Return result of expanding macros at top level of FORM."),
    SubrDef::new("macroexpand-1", 1, 2, macroexpand_1, "Perform (at most) one step of macroexpansion."),
    SubrDef::new("functionp", 1, 1, functionp_subr, "Return t if OBJECT is a function."),
    SubrDef::new("func-arity", 1, 1, func_arity, "Return minimum and maximum number of args allowed for FUNCTION."),
    SubrDef::new("commandp", 1, 2, commandp, "Non-nil if FUNCTION makes provisions for interactive calling."),
    SubrDef::new("autoload", 2, 5, autoload, "Define FUNCTION to autoload from FILE."),
    SubrDef::new("autoload-do-load", 1, 3, autoload_impl::f_autoload_do_load, "Load FUNDEF which should be an autoload."),
    SubrDef::new("special-variable-p", 1, 1, special_variable_p, "Return non-nil if SYMBOL's global binding has been declared special."),
    SubrDef::new("defvaralias", 2, 3, defvaralias, "Make NEW-ALIAS a variable alias for symbol BASE-VARIABLE."),
    SubrDef::new("default-toplevel-value", 1, 1, default_toplevel_value, "Return SYMBOL's toplevel default value."),
    SubrDef::new("set-default-toplevel-value", 2, 2, set_default_toplevel_value, "Set SYMBOL's toplevel default value to VALUE."),
    SubrDef::new(
        "internal--define-uninitialized-variable",
        1,
        2,
        define_uninitialized,
        "Define SYMBOL as a variable, with DOC as its docstring.",
    ),
    SubrDef::new("defvar-1", 2, 3, defvar_1, "Like `defvar' but as a function."),
    SubrDef::new("defconst-1", 2, 3, defconst_1, "Like `defconst' but as a function."),
    SubrDef::new("internal-make-var-non-special", 1, 1, make_var_non_special, "Internal function."),
    SubrDef::new("run-hooks", 0, MANY, run_hooks, "Run each hook in HOOKS."),
    SubrDef::new("run-hook-with-args", 1, MANY, run_hook_with_args, "Run HOOK with the specified arguments ARGS."),
    SubrDef::new(
        "run-hook-with-args-until-success",
        1,
        MANY,
        run_hook_until_success,
        "Run HOOK with the specified arguments ARGS until one returns non-nil.",
    ),
    SubrDef::new(
        "run-hook-with-args-until-failure",
        1,
        MANY,
        run_hook_until_failure,
        "Run HOOK with the specified arguments ARGS until one returns nil.",
    ),
    SubrDef::new("run-hook-wrapped", 2, MANY, run_hook_wrapped, "Run HOOK, passing each function through WRAP-FUNCTION."),
    SubrDef::new("make-interpreted-closure", 3, 5, make_interpreted_closure, "Make an interpreted closure."),
    SubrDef::new("handler-bind-1", 1, MANY, handler_bind_1, "Set up error handlers around execution of BODYFUN."),
    // fileio.c's, used by `sort' callers everywhere.
    SubrDef::new("car-less-than-car", 2, 2, car_less_than_car, "Return t if (car A) is numerically less than (car B)."),
];

fn funcall_subr(args: &[Value]) -> LResult {
    funcall(args[0], &args[1..])
}

fn apply(args: &[Value]) -> LResult {
    let n = args.len();
    let spread = args[n - 1];
    let mut len = 0;
    let mut l = spread;
    while l.is_cons() {
        len += 1;
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    if len == 0 {
        return funcall(args[0], &args[1..(n - 1).max(1)]);
    }
    if len == 1 {
        // eval.c's Fapply stores the list's only element over the list in
        // its argument vector, which the caller's backtrace record shows:
        // `apply''s frame then reads (apply F ... ELT).
        let mut all = RootedVec::with_capacity(n);
        all.extend_from_slice(&args[..n - 1]);
        all.push(spread.car());
        crate::runtime::backtrace::replace_args(args, &all);
        return funcall(all[0], &all[1..]);
    }
    let mut all = RootedVec::with_capacity(n + len);
    all.extend_from_slice(&args[..n - 1]);
    all.extend(spread.iter());
    funcall(all[0], &all[1..])
}

pub fn eval(args: &[Value]) -> LResult {
    let lexical = if args[1].is_nil() || args[1].is_cons() { args[1] } else { Value::T };
    crate::runtime::eval(args[0], lexical)
}

/// `signal`, after eval.c's `signal_or_quit`: the error object is
/// (ERROR-SYMBOL . DATA), except that a nil ERROR-SYMBOL makes DATA the
/// whole error object, and a non-symbol ERROR-SYMBOL with nil DATA is
/// itself the error object.  The error's conditions come from the object's
/// car (`wrong-type-argument symbolp` when that is no symbol).
fn signal_subr(args: &[Value]) -> LResult {
    let (mut s, mut data) = (args[0], args[1]);
    if s.is_nil() && data.is_nil() {
        s = sym::ERROR;
    }
    let whole = if s.is_nil() {
        Some(data)
    } else if !s.is_symbol() && data.is_nil() {
        Some(s)
    } else {
        None
    };
    match whole {
        Some(obj) if obj.is_cons() => {
            s = obj.car();
            data = obj.cdr();
        }
        // A non-cons error object: its "symbol" is ERROR-SYMBOL itself.
        Some(obj) => {
            if !s.is_symbol() {
                return Err(wrong_type(sym::SYMBOLP, s));
            }
            return Err(signal(Value::NIL, obj));
        }
        None => {}
    }
    if !s.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, s));
    }
    Err(signal(s, data))
}

fn throw(args: &[Value]) -> LResult {
    let tag = args[0];
    if !tag.is_nil() && rt().catches.iter().rev().any(|t| *t == tag) {
        return Err(throw_to(tag, args[1]));
    }
    Err(signal_list(sym::NO_CATCH, &[tag, args[1]]))
}

/// `macroexpand`, as eval.c's `Fmacroexpand`: each step looks the head
/// (and the symbols it is an alias of) up in ENVIRONMENT with `assq`, then
/// in the function cells, and applies the expander to the arguments.
fn macroexpand_subr(args: &[Value]) -> LResult {
    let (mut form, env) = (args[0], args[1]);
    let assq = crate::builtins::fns::lists::f_assq;
    while form.is_cons() {
        let (mut def, mut tem) = (form.car(), Value::NIL);
        let mut name = def;
        let mut hops = 0;
        while def.is_symbol() && hops < 100_000 {
            name = def;
            tem = assq(&[name, env])?;
            if tem.is_nil() {
                def = name.sym().function;
                if !def.is_nil() {
                    hops += 1;
                    continue;
                }
            }
            break;
        }
        let expander = if tem.is_nil() {
            // An autoloaded macro is loaded now (Fautoload_do_load, `macro').
            let def = autoload_do_load(def, name, sym::MACRO)?;
            if !def.is_cons() || def.car() != sym::MACRO {
                break;
            }
            def.cdr()
        } else {
            let e = tem.cdr();
            if e.is_nil() {
                break;
            }
            e
        };
        let new = apply(&[expander, form.cdr()])?;
        if new == form {
            break;
        }
        form = new;
    }
    Ok(form)
}

/// `macroexpand-1` (macroexp.el's): one step, with ENVIRONMENT looked up by
/// `assq`, an autoloaded macro loaded first, and a symbol that is an alias
/// of a macro replaced by that symbol.
fn macroexpand_1(args: &[Value]) -> LResult {
    let (form, env) = (args[0], args[1]);
    if !form.is_cons() {
        return Ok(form);
    }
    let head = form.car();
    let local = crate::builtins::fns::lists::f_assq(&[head, env])?;
    if !local.is_nil() {
        return if local.cdr().is_nil() { Ok(form) } else { apply(&[local.cdr(), form.cdr()]) };
    }
    if !head.is_symbol() || head.sym().function.is_nil() {
        return Ok(form);
    }
    let def = autoload_do_load(head.sym().function, head, sym::MACRO)?;
    if def.is_symbol() && macrop(def) {
        return Ok(cons(def, form.cdr()));
    }
    if def.is_cons() && def.car() == sym::MACRO {
        return apply(&[def.cdr(), form.cdr()]);
    }
    Ok(form)
}

/// subr.el `macrop`: a macro, or an autoload of one.
fn macrop(object: Value) -> bool {
    let def = indirect_function(object);
    if !def.is_cons() {
        return false;
    }
    if def.car() == sym::MACRO {
        return true;
    }
    let kind = def.iter().nth(4).unwrap_or(Value::NIL);
    def.car() == sym::AUTOLOAD && (kind == sym::MACRO || kind.is_t())
}

/// Emacs's FUNCTIONP.
pub fn functionp(f: Value) -> bool {
    let mut f = f;
    if f.is_symbol() {
        if f.is_nil() {
            return false;
        }
        f = indirect_function(f);
        if f.is_cons() && f.car() == sym::AUTOLOAD {
            let kind = f.cdr().cdr_safe().cdr_safe().cdr_safe().car_safe();
            return kind.is_nil();
        }
    }
    if let Some(s) = f.as_subr() {
        return !s.is_special_form();
    }
    if f.as_closure().is_some() || f.as_byte_code().is_some() {
        return true;
    }
    f.is_cons() && f.car() == sym::LAMBDA
}

fn functionp_subr(args: &[Value]) -> LResult {
    Ok(Value::bool(functionp(args[0])))
}

/// eval.c `lambda_arity` over ARGLIST; FUN is what errors report.
fn arity_of_list(arglist: Value, fun: Value) -> LResult {
    let (mut min, mut max, mut optional) = (0i64, 0i64, false);
    let mut l = arglist;
    while l.is_cons() {
        let p = l.car();
        if !p.is_symbol() {
            return Err(invalid_function(fun));
        }
        if p == sym::AND_REST {
            return Ok(cons(Value::fixnum(min), sym::MANY));
        } else if p == sym::AND_OPTIONAL {
            optional = true;
        } else {
            if !optional {
                min += 1;
            }
            max += 1;
        }
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(invalid_function(fun));
    }
    Ok(cons(Value::fixnum(min), Value::fixnum(max)))
}

/// bytecode.c `get_byte_code_arity` of a fixnum argument descriptor.
fn byte_code_arity(at: i64) -> Value {
    let max = if at & 128 != 0 { sym::MANY } else { Value::fixnum(at >> 8) };
    cons(Value::fixnum(at & 127), max)
}

fn func_arity(args: &[Value]) -> LResult {
    let orig = args[0];
    let mut f = orig;
    if f.is_symbol() && !f.is_nil() {
        f = indirect_function(f);
    }
    if f.is_cons() && f.car() == sym::MACRO {
        f = f.cdr();
    }
    if let Some(s) = f.as_subr() {
        let max = match s.max_args {
            MANY => sym::MANY,
            UNEVALLED => sym::UNEVALLED,
            n => Value::fixnum(n as i64),
        };
        return Ok(cons(Value::fixnum(s.min_args as i64), max));
    }
    if let Some(c) = f.as_closure() {
        return arity_of_list(c.slots[0], f);
    }
    if let Some(slots) = f.as_byte_code() {
        let arglist = slots[0];
        return match arglist.as_fixnum() {
            Some(at) => Ok(byte_code_arity(at)),
            None => arity_of_list(arglist, f),
        };
    }
    if f.is_nil() {
        return Err(void_function(orig));
    }
    if !f.is_cons() || !f.car().is_symbol() {
        return Err(invalid_function(orig));
    }
    if f.car() == sym::LAMBDA {
        let rest = f.cdr();
        if !rest.is_cons() {
            return Err(invalid_function(f));
        }
        return arity_of_list(rest.car(), f);
    }
    if f.car() == sym::AUTOLOAD {
        // Loaded, then asked again (Ffunc_arity's retry).
        autoload_function(f, orig)?;
        return func_arity(&[orig]);
    }
    Err(invalid_function(orig))
}

/// eval.c `Fcommandp`.
fn commandp(args: &[Value]) -> LResult {
    let (function, for_call) = (args[0], args[1]);
    let f = indirect_function(function);
    if f.is_nil() {
        return Ok(Value::NIL);
    }
    let slots = f.as_closure().map(|c| c.slots.clone()).or_else(|| f.as_byte_code().map(|v| v.clone()));
    let mut genfun = false;
    if f.as_subr().is_some() {
        // No Enoki primitive has an interactive spec.
    } else if let Some(slots) = slots {
        if slots.len() > 5 {
            return Ok(Value::T);
        }
        if let Some(&doc) = slots.get(4) {
            let valid = doc.is_fixnum() || doc.is_string() || (doc.is_cons() && doc.car().is_string() && doc.cdr().is_fixnum());
            genfun = !(doc.is_nil() || valid);
        }
    } else if f.is_string() || f.as_vector().is_some() {
        return Ok(Value::bool(for_call.is_nil()));
    } else if !f.is_cons() {
        return Ok(Value::NIL);
    } else if f.car() == sym::AUTOLOAD {
        use crate::builtins::data::types::{car, cdr};
        if !car(cdr(cdr(f.cdr())?)?)?.is_nil() {
            return Ok(Value::T);
        }
    } else {
        if f.car() != sym::LAMBDA {
            return Ok(Value::NIL);
        }
        let body = f.cdr().cdr_safe();
        let found = crate::builtins::fns::lists::f_assq(&[sym::INTERACTIVE, body])?;
        return Ok(Value::bool(!found.is_nil()));
    }
    let mut s = function;
    let mut hops = 0;
    while s.is_symbol() && hops < 100_000 {
        if !get(s, intern("interactive-form")).is_nil() {
            return Err(error("Found an ’interactive-form’ property!"));
        }
        s = s.sym().function;
        hops += 1;
    }
    if genfun {
        let iform = funcall(intern("interactive-form"), &[f])?;
        return Ok(Value::bool(!iform.is_nil()));
    }
    Ok(Value::NIL)
}

fn autoload(args: &[Value]) -> LResult {
    let f = expect_symbol(args[0])?;
    expect_string(args[1])?;
    let cell = f.sym().function;
    let autoload_or_void = cell.is_nil() || (cell.is_cons() && cell.car() == sym::AUTOLOAD);
    if !autoload_or_void {
        return Ok(Value::NIL);
    }
    let def = cons(sym::AUTOLOAD, list(&args[1..5]));
    funcall(intern("defalias"), &[f, def])
}

fn special_variable_p(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    Ok(Value::bool(s.sym().special))
}

fn defvaralias(args: &[Value]) -> LResult {
    let (new, base) = (expect_symbol(args[0])?, expect_symbol(args[1])?);
    if new.sym().constant {
        return Err(error("Cannot make a constant an alias"));
    }
    let mut s = base;
    while !s.sym().alias.is_nil() {
        if s == new {
            return Err(signal_list(sym::CYCLIC_VARIABLE_INDIRECTION, &[base]));
        }
        s = s.sym().alias;
    }
    if s == new {
        return Err(signal_list(sym::CYCLIC_VARIABLE_INDIRECTION, &[base]));
    }
    let nv = new.sym().value;
    if value_cell(base) == Value::UNBOUND && nv != Value::UNBOUND {
        set_variable(base, nv)?;
    }
    new.sym().special = true;
    base.sym().special = true;
    new.sym().alias = base;
    new.sym().value_version = new.sym().value_version.wrapping_add(1);
    crate::builtins::lread::load::loadhist_attach(new)?;
    put(new, sym::VARIABLE_DOCUMENTATION, args[2]);
    Ok(base)
}

/// The specpdl entry holding SYM's toplevel value, if SYM is let-bound.
fn toplevel_binding(s: Value) -> Option<usize> {
    // Bindings of a buffer-local value are not the toplevel default.
    rt().specpdl.iter().position(|b| b.symbol == s && b.kind != crate::runtime::specpdl::LetKind::Local)
}

fn default_toplevel_value(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    let v = match toplevel_binding(s) {
        Some(i) => rt().specpdl[i].old,
        None => crate::runtime::specpdl::default_value(s),
    };
    if v == Value::UNBOUND {
        return Err(void_variable(s));
    }
    Ok(v)
}

fn set_default_toplevel_value(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    match toplevel_binding(s) {
        Some(i) => rt().specpdl[i].old = args[1],
        None => crate::runtime::specpdl::set_default(s, args[1])?,
    }
    Ok(Value::NIL)
}

fn define_uninitialized(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    s.sym().special = true;
    if !args[1].is_nil() {
        put(s, sym::VARIABLE_DOCUMENTATION, args[1]);
    }
    crate::builtins::lread::load::loadhist_attach(s)?;
    Ok(Value::NIL)
}

fn defvar_1(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    let was_bound = value_cell(s) != Value::UNBOUND;
    define_uninitialized(&[s, args[2]])?;
    if !was_bound {
        set_variable(s, args[1])?;
    } else if let Some(i) = toplevel_binding(s) {
        if rt().specpdl[i].old == Value::UNBOUND {
            rt().specpdl[i].old = args[1];
        }
    }
    Ok(s)
}

fn defconst_1(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    define_uninitialized(&[s, args[2]])?;
    set_variable(s, args[1])?;
    put(s, sym::RISKY_LOCAL_VARIABLE, Value::T);
    Ok(s)
}

fn make_var_non_special(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    s.sym().special = false;
    Ok(Value::NIL)
}

/// The functions a hook variable holds, expanding `t` to the global value.
fn hook_functions(hook: Value) -> LResult<RootedVec> {
    let mut out = RootedVec::new();
    let v = value_cell(expect_symbol(hook)?);
    if v == Value::UNBOUND || v.is_nil() {
        return Ok(out);
    }
    if !v.is_cons() || v.car() == sym::LAMBDA {
        out.push(v);
        return Ok(out);
    }
    for f in v.iter() {
        if f.is_t() {
            // The default value (the value cell holds the buffer-local one).
            let global = crate::runtime::specpdl::default_value(hook);
            if global.is_cons() && global.car() != sym::LAMBDA {
                out.extend(global.iter().filter(|g| !g.is_t()));
            } else if !global.is_nil() && global != Value::UNBOUND {
                out.push(global);
            }
        } else {
            out.push(f);
        }
    }
    Ok(out)
}

fn run_hooks(args: &[Value]) -> LResult {
    for h in args {
        for f in hook_functions(*h)?.iter() {
            funcall(*f, &[])?;
        }
    }
    Ok(Value::NIL)
}

/// Runs HOOK's functions on ARGS until STOP says so; returns that value.
fn run_hook_until(args: &[Value], stop: impl Fn(Value) -> bool, default: Value) -> LResult {
    let fns = hook_functions(args[0])?;
    for f in fns.iter() {
        let v = funcall(*f, &args[1..])?;
        if stop(v) {
            return Ok(v);
        }
    }
    Ok(default)
}

fn run_hook_with_args(args: &[Value]) -> LResult {
    run_hook_until(args, |_| false, Value::NIL)
}

fn run_hook_until_success(args: &[Value]) -> LResult {
    run_hook_until(args, |v| !v.is_nil(), Value::NIL)
}

fn run_hook_until_failure(args: &[Value]) -> LResult {
    let fns = hook_functions(args[0])?;
    for f in fns.iter() {
        if funcall(*f, &args[1..])?.is_nil() {
            return Ok(Value::NIL);
        }
    }
    Ok(Value::T)
}

fn run_hook_wrapped(args: &[Value]) -> LResult {
    let fns = hook_functions(args[0])?;
    let mut call_args = RootedVec::with_capacity(args.len());
    for f in fns.iter() {
        call_args.clear();
        call_args.push(*f);
        call_args.extend_from_slice(&args[2..]);
        let v = funcall(args[1], &call_args)?;
        if !v.is_nil() {
            return Ok(v);
        }
    }
    Ok(Value::NIL)
}

/// `(handler-bind-1 BODYFUN [CONDITIONS HANDLER]...)`: calls BODYFUN with the
/// handlers active; a matching signal calls HANDLER with the error object
/// before anything unwinds (see `runtime::error::signal`).
fn handler_bind_1(args: &[Value]) -> LResult {
    use crate::runtime::error::Handler;
    let mut pairs = Vec::new();
    for pair in args[1..].chunks(2) {
        let handler = pair.get(1).copied().unwrap_or(Value::NIL);
        pairs.push(cons(pair[0], handler));
    }
    let pairs = list(&pairs);
    rt().handlers.push(Handler::Bind(pairs));
    let depth = rt().handlers.len();
    let r = funcall(args[0], &[]);
    rt().handlers.truncate(depth - 1);
    r
}

fn make_interpreted_closure(args: &[Value]) -> LResult {
    let (arglist, body, env, doc, iform) = (args[0], args[1], args[2], args[3], args[4]);
    check(body.is_cons(), sym::CONSP, body)?;
    expect_list(arglist)?;
    expect_list(iform)?;
    let mut slots = vec![arglist, body, env];
    if !iform.is_nil() {
        let spec = iform.cdr_safe();
        let value = if spec.cdr_safe().is_nil() { spec.car_safe() } else { make_vector(vec![spec.car(), spec.cdr()]) };
        slots.extend([Value::NIL, doc, value]);
    } else if !doc.is_nil() {
        slots.extend([Value::NIL, doc]);
    }
    Ok(heap().alloc_obj(Obj::Closure(Box::new(Closure { slots, frame: Value::NIL, template: std::ptr::null(), env_ready: true }))))
}

fn car_less_than_car(args: &[Value]) -> LResult {
    use crate::builtins::data::types::car;
    use crate::runtime::number::{arith_compare, CmpOp};
    let (a, b) = (car(args[0])?, car(args[1])?);
    Ok(Value::bool(arith_compare(CmpOp::Lt, a, b)?))
}

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    crate::runtime::subr::defsubrs(&SPECIAL_FORMS);
    defvar_int("max-lisp-eval-depth", 1600);
    defvar_lisp("lexical-binding", Value::NIL);
    defvar_lisp("debug-on-error", Value::NIL);
    defvar_lisp("debug-on-signal", Value::NIL);
    defvar_bool("debug-on-quit", Value::NIL);
    defvar_lisp("debugger", intern("debug"));
    defvar_lisp("inhibit-quit", Value::NIL);
    defvar_lisp("internal-make-interpreted-closure-function", Value::NIL);
    defvar_lisp("macroexp--dynvars", Value::NIL);
    defvar_lisp("signal-hook-function", Value::NIL);
    defvar_lisp("throw-on-input", Value::NIL);
    let _ = (specbind, specpdl_depth, unbind_to);
}
