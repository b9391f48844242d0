//! Execute functions ("handlers"): every node carries the function that runs
//! its current kind, installed with the kind by `specialize::rewrite`, so
//! executing a node is one indirect call to code made for exactly that kind
//! (as a Truffle node class's `execute`).  Hot kinds have their own small
//! handlers; intrinsics get one per operation and specialization
//! (`intrinsics::handler`); everything else shares the general `exec_compound`.
//! Compound kinds count one level of `lisp-eval-depth` each, as GNU Emacs's
//! `eval_sub` does for every cons form.

use super::exec::{exec, exec_body, exec_compound, exec_first, with_depth};
use super::node::*;
use crate::runtime::error::LResult;
use crate::runtime::specpdl::symbol_value;
use crate::runtime::value::Value;

/// Runs node N (whose kind the handler was made for) in environment ENV.
pub type Handler = fn(N, Value) -> LResult;

/// The handler for KIND.
pub fn handler_for(kind: &Kind) -> Handler {
    match kind {
        Kind::Const(_) | Kind::LexRef { .. } => h_leaf,
        Kind::DynRef(_) => h_dynref,
        Kind::Uninit(_) => h_uninit,
        Kind::If(..) => h_if,
        Kind::While(..) => h_while,
        Kind::Progn(_) => h_progn,
        Kind::Setq(_) => h_setq,
        Kind::Let(_) => h_let,
        Kind::Intrinsic(i, spec) => super::intrinsics::handler(i, *spec),
        Kind::CallCached(ic) if ic.call.funcall.is_some() => super::inline_cache::h_funcall_cached,
        Kind::CallCached(_) => super::inline_cache::h_call_cached,
        Kind::Aliased(_) => h_aliased,
        _ => exec_compound,
    }
}

/// A handler found its node holding another kind (cannot happen: kind and
/// handler are installed together); runs the node afresh.
#[cold]
#[inline(never)]
pub fn stale(n: N, env: Value) -> LResult {
    exec(n, env)
}

/// Constants and lexical variables (normally handled inline by `exec`).
fn h_leaf(n: N, env: Value) -> LResult {
    exec(n, env)
}

fn h_dynref(n: N, env: Value) -> LResult {
    match *n.kind_ref() {
        Kind::DynRef(s) => symbol_value(s),
        _ => exec(n, env),
    }
}

fn h_uninit(n: N, env: Value) -> LResult {
    match *n.kind_ref() {
        Kind::Uninit(scope) => exec_first(n, scope, env),
        _ => exec(n, env),
    }
}

/// Runs the special form if the alias still names it (the inner node counts
/// the depth level), else rebuilds the form.
fn h_aliased(n: N, env: Value) -> LResult {
    let Kind::Aliased(a) = *n.kind_ref() else { return stale(n, env) };
    if a.symbol.sym().function == a.cell {
        return exec(a.inner, env);
    }
    crate::specialize::rewrite(n, Kind::Uninit(a.scope), "alias-changed");
    exec(n, env)
}

fn h_if(n: N, env: Value) -> LResult {
    let Kind::If(c, t, e) = *n.kind_ref() else { return stale(n, env) };
    with_depth(n.form, env, || if !exec(c, env)?.is_nil() { exec(t, env) } else { exec_body(e, env) })
}

fn h_while(n: N, env: Value) -> LResult {
    let Kind::While(c, body) = *n.kind_ref() else { return stale(n, env) };
    with_depth(n.form, env, || {
        while !exec(c, env)?.is_nil() {
            exec_body(body, env)?;
            crate::runtime::heap::heap().maybe_gc();
            crate::runtime::interrupt::poll();
        }
        Ok(Value::NIL)
    })
}

fn h_progn(n: N, env: Value) -> LResult {
    let Kind::Progn(body) = *n.kind_ref() else { return stale(n, env) };
    with_depth(n.form, env, || exec_body(body, env))
}

fn h_let(n: N, env: Value) -> LResult {
    let Kind::Let(l) = *n.kind_ref() else { return stale(n, env) };
    with_depth(n.form, env, || super::binding::exec_let(n, l, env))
}

fn h_setq(n: N, env: Value) -> LResult {
    let Kind::Setq(pairs) = *n.kind_ref() else { return stale(n, env) };
    if let [(VarRef::Lex { depth, index }, value)] = *pairs {
        // A pure value runs no Lisp: the setq's own level need not be counted.
        if let Some(v) = super::flat::pure_value(value, env, 1) {
            *super::exec::frame_slot(env, depth, index) = v;
            return Ok(v);
        }
    }
    setq_counted(n, env)
}

/// The general `setq`: one counted level, values evaluated and assigned in turn.
#[inline(never)]
fn setq_counted(n: N, env: Value) -> LResult {
    let Kind::Setq(pairs) = *n.kind_ref() else { return stale(n, env) };
    with_depth(n.form, env, || {
        let mut v = Value::NIL;
        for (target, value) in pairs {
            v = exec(value, env)?;
            super::exec::assign(*target, v, env)?;
        }
        Ok(v)
    })
}
