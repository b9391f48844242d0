//! Executing nodes.  `exec` handles the leaf kinds inline and calls the node's
//! handler (`dispatch`) for the rest; `exec_compound` is the general handler of
//! compound kinds, which count one level of `lisp-eval-depth` each (as GNU
//! Emacs's `eval_sub` does for every cons form) and dispatch on their kind.

use super::binding;
use super::build::{build, signal_kind};
use super::call;
use super::control;
use super::node::*;
use crate::runtime::error::{signal, LResult};
use crate::runtime::frame::frame_slot_at;
use crate::runtime::specpdl::set_variable;
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};
use crate::specialize::rewrite;

/// Evaluates NODE in the lexical environment ENV (a frame, or nil).
/// Constants and lexical variables are handled inline at every call site;
/// everything else goes through `exec_node`.
#[inline(always)]
pub fn exec(n: N, env: Value) -> LResult {
    match *n.kind_ref() {
        Kind::Const(v) => Ok(v),
        Kind::LexRef { depth, index } => Ok(*frame_slot(env, depth, index)),
        _ => (n.handler())(n, env),
    }
}

/// First execution: build the node's real kind, then run it.
#[cold]
#[inline(never)]
pub fn exec_first(n: N, scope: super::scope::ScopeRef, env: Value) -> LResult {
    let kind = if n.form.is_cons() { with_depth(n.form, || build(n.form, scope))? } else { build(n.form, scope)? };
    register_assumptions(n, kind);
    rewrite(n, kind, "first-execution");
    exec(n, env)
}

/// Records the symbol cells a freshly built kind relies on.
fn register_assumptions(n: N, kind: Kind) {
    use crate::runtime::symbol::CellKind;
    use crate::specialize::assumptions::depend;
    match kind {
        Kind::Intrinsic(i, _) => depend(i.call.function, CellKind::Function, n.id),
        Kind::Macro(m) => depend(m.symbol, CellKind::Function, n.id),
        _ => {}
    }
}

/// Runs F one `lisp-eval-depth` level deeper (the evaluation of cons form
/// FORM, recorded in the backtrace), checking `max-lisp-eval-depth` and the
/// native stack.
#[inline(always)]
pub fn with_depth<T>(form: Value, f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let r = crate::runtime::rt_ptr();
    unsafe {
        (*r).lisp_eval_depth += 1;
        let limit = *(*r).max_depth_cell;
        let probe = 0u8;
        // Fast path: a non-negative fixnum limit not exceeded, and stack to spare.
        if !(limit.is_fixnum()
            && ((*r).lisp_eval_depth as u64) << 2 <= limit.0
            && (&probe as *const u8 as usize) >= (*r).stack_limit.load(std::sync::atomic::Ordering::Relaxed))
        {
            depth_slow_path()?;
        }
        crate::runtime::backtrace::record_form(r, form);
        let result = f();
        (*r).lisp_eval_depth -= 1;
        result
    }
}

/// Whether LEVELS more `lisp-eval-depth` levels are within
/// `max-lisp-eval-depth`: the check of nodes that run no Lisp and so need
/// not count their levels.
#[inline(always)]
pub fn depth_room(levels: u8) -> bool {
    let r = crate::runtime::rt_ptr();
    unsafe {
        let limit = *(*r).max_depth_cell;
        limit.is_fixnum() && (((*r).lisp_eval_depth + levels as i64) as u64) << 2 <= limit.0
    }
}

#[inline]
pub fn enter_depth() -> LResult<()> {
    let r = rt();
    r.lisp_eval_depth += 1;
    let limit = unsafe { *r.max_depth_cell };
    let probe = 0u8;
    if limit.is_fixnum()
        && (r.lisp_eval_depth as u64) << 2 <= limit.0
        && (&probe as *const u8 as usize) >= r.stack_limit.load(std::sync::atomic::Ordering::Relaxed)
    {
        return Ok(());
    }
    depth_slow_path()
}

#[cold]
#[inline(never)]
fn depth_slow_path() -> LResult<()> {
    crate::runtime::interrupt::poll();
    let r = rt();
    let max = sym::MAX_LISP_EVAL_DEPTH.sym().value.as_fixnum().unwrap_or(1600);
    let probe = 0u8;
    if r.lisp_eval_depth > max.max(100) || (&probe as *const u8 as usize) < r.real_stack_limit {
        let depth = r.lisp_eval_depth;
        r.lisp_eval_depth -= 1;
        return Err(signal(sym::EXCESSIVE_LISP_NESTING, crate::runtime::alloc::list1(Value::fixnum(depth))));
    }
    Ok(())
}

/// The general handler of compound kinds.
#[inline(never)]
pub fn exec_compound(n: N, env: Value) -> LResult {
    with_depth(n.form, || exec_kind(n, env))
}

/// The kinds whose handler is `exec_compound` (see `dispatch::handler_for`;
/// the others have handlers of their own and never reach this match).
fn exec_kind(n: N, env: Value) -> LResult {
    // Fields are copied out by the match, before any Lisp can rewrite N.
    match *n.kind_ref() {
        Kind::Save(kind, body) => crate::runtime::buffer::save::save(kind, || exec_body(body, env)),
        Kind::And(body) => {
            let mut v = Value::T;
            for x in body {
                v = exec(x, env)?;
                if v.is_nil() {
                    break;
                }
            }
            Ok(v)
        }
        Kind::Or(body) => {
            for x in body {
                let v = exec(x, env)?;
                if !v.is_nil() {
                    return Ok(v);
                }
            }
            Ok(Value::NIL)
        }
        Kind::Cond(clauses) => exec_cond(clauses, env),
        Kind::Prog1(first, rest) => {
            let v = exec(first, env)?;
            exec_body(rest, env)?;
            Ok(v)
        }
        Kind::Lambda(t) => super::template::make_closure(t, env),
        Kind::Catch(tag, body) => control::exec_catch(tag, body, env),
        Kind::UnwindProtect(body, cleanup) => control::exec_unwind_protect(body, cleanup, env),
        Kind::ConditionCase(cc) => control::exec_condition_case(cc, env),
        Kind::Defvar(d) => binding::exec_defvar(d, env),
        Kind::Call(c) => call::exec_call(n, c, env),
        Kind::CallLambda(t, args) => call::exec_call_lambda(t, args, env),
        Kind::Macro(m) => super::macros::exec_macro(n, m, env),
        Kind::Signal(e, d) => Err(signal_kind(e, d)),
        Kind::Progn(_)
        | Kind::If(..)
        | Kind::While(..)
        | Kind::Setq(_)
        | Kind::Let(_)
        | Kind::CallCached(_)
        | Kind::Aliased(_)
        | Kind::Const(_)
        | Kind::LexRef { .. }
        | Kind::DynRef(_)
        | Kind::Uninit(_)
        | Kind::Intrinsic(..) => super::dispatch::stale(n, env),
    }
}

fn exec_cond(clauses: &'static [Clause], env: Value) -> LResult {
    for c in clauses {
        let v = exec(c.test, env)?;
        if !v.is_nil() {
            if c.body.is_empty() {
                return Ok(v);
            }
            return exec_body(c.body, env);
        }
    }
    Ok(Value::NIL)
}

/// Evaluates a body's forms in order; the value of the last (nil if none).
#[inline]
pub fn exec_body(body: Body, env: Value) -> LResult {
    let mut v = Value::NIL;
    for x in body {
        v = exec(x, env)?;
    }
    Ok(v)
}

/// The lexical slot (DEPTH frames up, INDEX) of ENV.
#[inline(always)]
pub fn frame_slot(env: Value, depth: u32, index: u32) -> &'static mut Value {
    let mut f = env;
    for _ in 0..depth {
        f = *frame_slot_at(f, 0);
    }
    frame_slot_at(f, index as usize)
}

/// Stores V into a variable reference.
#[inline]
pub fn assign(target: VarRef, v: Value, env: Value) -> LResult<()> {
    match target {
        VarRef::Lex { depth, index } => {
            *frame_slot(env, depth, index) = v;
            Ok(())
        }
        VarRef::Dyn(s) => {
            if !s.is_symbol() {
                return Err(crate::runtime::error::wrong_type(sym::SYMBOLP, s));
            }
            set_variable(s, v)
        }
    }
}
