//! Non-local control: `catch`, `unwind-protect` and `condition-case` (with
//! `:success`).  Exits travel as `Err(Flow)`; each construct inspects the
//! pending exit (`runtime::error::pending`) on its own return path, so
//! `lisp-eval-depth` and the specpdl unwind naturally.

use super::build::build_body;
use super::exec::{exec, exec_body};
use super::node::*;
use super::scope::{self, ScopeRef};
use crate::runtime::error::{pending, ExitKind, LResult};
use crate::runtime::frame::{frame_from, release_frame};
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use crate::runtime::symbol::get;
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};

pub fn exec_catch(tag: N, body: Body, env: Value) -> LResult {
    let tag = exec(tag, env)?;
    rt().catches.push(tag);
    let r = exec_body(body, env);
    rt().catches.pop();
    match r {
        Err(f) => {
            let p = pending();
            if p.kind == ExitKind::Throw && p.a == tag {
                Ok(p.b)
            } else {
                Err(f)
            }
        }
        ok => ok,
    }
}

/// Runs BODY under a catch for TAG (used by builtins such as `catch` callers).
pub fn catch_value(tag: Value, f: impl FnOnce() -> LResult) -> LResult {
    rt().catches.push(tag);
    let r = f();
    rt().catches.pop();
    match r {
        Err(flow) => {
            let p = pending();
            if p.kind == ExitKind::Throw && p.a == tag {
                Ok(p.b)
            } else {
                Err(flow)
            }
        }
        ok => ok,
    }
}

pub fn exec_unwind_protect(body: N, cleanup: Body, env: Value) -> LResult {
    let r = exec(body, env);
    let saved = pending();
    exec_body(cleanup, env)?;
    match r {
        Ok(v) => Ok(v),
        Err(_) => Err(saved.restore()),
    }
}

/// Parses `(condition-case VAR BODYFORM HANDLERS...)`.
pub fn build_condition_case(var: Value, rest: Value, scope: ScopeRef) -> LResult<Kind> {
    if !var.is_symbol() {
        return Ok(Kind::Signal(sym::WRONG_TYPE_ARGUMENT, hold(crate::runtime::alloc::list2(sym::SYMBOLP, var))));
    }
    let body = Node::lazy(rest.car(), scope);
    let var_lexical = scope.is_some() && !var.is_nil();
    let handler_scope = if var_lexical { scope::child(scope, vec![var]) } else { scope };
    let mut handlers = Vec::new();
    let mut success = None;
    for h in rest.cdr().iter() {
        if !(h.is_nil() || h.is_cons() && (h.car().is_symbol() || h.car().is_cons())) {
            let printed = crate::runtime::printer::prin1_to_string_lossy(h);
            let msg = crate::runtime::string::make_string(&format!("Invalid condition handler: {printed}"));
            return Ok(Kind::Signal(sym::ERROR, hold(crate::runtime::alloc::list1(msg))));
        }
        if h.is_nil() {
            continue;
        }
        let hbody = build_body(h.cdr(), handler_scope)?;
        if h.car() == sym::K_SUCCESS {
            success = Some(hbody);
        } else {
            handlers.push((hold(h.car()), hbody));
        }
    }
    hold(var);
    let specs = hold(crate::runtime::alloc::list(&handlers.iter().map(|h| h.0).collect::<Vec<_>>()));
    Ok(Kind::ConditionCase(leak(CondCaseNode { specs, var, var_lexical, body, handlers: leak_slice(handlers), success })))
}

/// Whether a handler's CONDITIONS (a symbol or list) catch ERROR-SYMBOL.
pub fn handler_matches(conditions: Value, error_symbol: Value) -> bool {
    let conds = if error_symbol.is_symbol() { get(error_symbol, sym::ERROR_CONDITIONS) } else { Value::NIL };
    let test = |c: Value| c.is_t() || conds.iter().any(|x| x == c);
    if conditions.is_cons() {
        conditions.iter().any(test)
    } else {
        !conditions.is_nil() && test(conditions)
    }
}

pub fn exec_condition_case(cc: &'static CondCaseNode, env: Value) -> LResult {
    rt().handlers.push(crate::runtime::error::Handler::CondCase(cc.specs));
    let depth = rt().handlers.len();
    let r = exec(cc.body, env);
    rt().handlers.truncate(depth - 1);
    match r {
        Ok(v) => match cc.success {
            Some(body) => run_handler(cc, body, v, env),
            None => Ok(v),
        },
        Err(flow) => {
            let p = pending();
            if p.kind != ExitKind::Signal {
                return Err(flow);
            }
            for (conds, body) in cc.handlers {
                if handler_matches(*conds, p.a) {
                    let err = p.error_object();
                    return run_handler(cc, body, err, env);
                }
            }
            Err(flow)
        }
    }
}

fn run_handler(cc: &CondCaseNode, body: Body, v: Value, env: Value) -> LResult {
    if cc.var.is_nil() {
        return exec_body(body, env);
    }
    if cc.var_lexical {
        let frame = frame_from(&[env, v]);
        let r = exec_body(body, frame);
        release_frame(frame);
        return r;
    }
    let depth = specpdl_depth();
    specbind(cc.var, v)?;
    let r = exec_body(body, env);
    unbind_to(depth);
    r
}
