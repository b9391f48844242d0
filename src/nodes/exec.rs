//! Executing nodes.  `exec` handles the leaf kinds inline; compound kinds count
//! one level of `lisp-eval-depth` each (as GNU Emacs's `eval_sub` does for every
//! cons form), are GC safepoints, and dispatch on their kind.

use super::binding;
use super::build::{build, signal_kind};
use super::call;
use super::control;
use super::node::*;
use crate::runtime::error::{signal, LResult};
use crate::runtime::heap::heap;
use crate::runtime::specpdl::{set_variable, symbol_value};
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};
use crate::specialize::rewrite;

/// Evaluates NODE in the lexical environment ENV (a frame, or nil).
#[inline]
pub fn exec(n: N, env: Value) -> LResult {
    match n.kind() {
        Kind::Const(v) => Ok(v),
        Kind::LexRef { depth, index } => Ok(*frame_slot(env, depth, index)),
        Kind::DynRef(s) => symbol_value(s),
        Kind::Uninit(scope) => {
            let kind = if n.form.is_cons() { with_depth(|| build(n.form, scope))? } else { build(n.form, scope)? };
            rewrite(n, kind, "first-execution");
            exec(n, env)
        }
        k => exec_compound(n, k, env),
    }
}

/// Runs F one `lisp-eval-depth` level deeper, checking `max-lisp-eval-depth`
/// and the native stack.
#[inline]
pub fn with_depth<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    enter_depth()?;
    let r = f();
    rt().lisp_eval_depth -= 1;
    r
}

#[inline]
pub fn enter_depth() -> LResult<()> {
    let r = rt();
    r.lisp_eval_depth += 1;
    let max = sym::MAX_LISP_EVAL_DEPTH.sym().value.as_fixnum().unwrap_or(1600);
    if r.lisp_eval_depth > max.max(100) || crate::runtime::stack_exhausted() {
        let depth = r.lisp_eval_depth;
        r.lisp_eval_depth -= 1;
        return Err(signal(sym::EXCESSIVE_LISP_NESTING, crate::runtime::alloc::list1(Value::fixnum(depth))));
    }
    Ok(())
}

#[inline(never)]
fn exec_compound(n: N, k: Kind, env: Value) -> LResult {
    heap().maybe_gc();
    with_depth(|| exec_kind(n, k, env))
}

fn exec_kind(n: N, k: Kind, env: Value) -> LResult {
    match k {
        Kind::Progn(body) => exec_body(body, env),
        Kind::Save(kind, body) => crate::runtime::buffer::save::save(kind, || exec_body(body, env)),
        Kind::If(c, t, e) => {
            if !exec(c, env)?.is_nil() {
                exec(t, env)
            } else {
                exec_body(e, env)
            }
        }
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
        Kind::While(c, body) => {
            while !exec(c, env)?.is_nil() {
                exec_body(body, env)?;
                heap().maybe_gc();
            }
            Ok(Value::NIL)
        }
        Kind::Setq(pairs) => {
            let mut v = Value::NIL;
            for (target, value) in pairs {
                v = exec(value, env)?;
                assign(*target, v, env)?;
            }
            Ok(v)
        }
        Kind::Lambda(t) => super::template::make_closure(t, env),
        Kind::Let(l) => binding::exec_let(n, l, env),
        Kind::Catch(tag, body) => control::exec_catch(tag, body, env),
        Kind::UnwindProtect(body, cleanup) => control::exec_unwind_protect(body, cleanup, env),
        Kind::ConditionCase(cc) => control::exec_condition_case(cc, env),
        Kind::Defvar(d) => binding::exec_defvar(d, env),
        Kind::Call(c) => call::exec_call(n, c, env),
        Kind::CallLambda(t, args) => call::exec_call_lambda(t, args, env),
        Kind::Macro(m) => super::macros::exec_macro(n, m, env),
        Kind::Signal(e, d) => Err(signal_kind(e, d)),
        Kind::Const(_) | Kind::LexRef { .. } | Kind::DynRef(_) | Kind::Uninit(_) => exec(n, env),
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
        f = frame_items(f)[0];
    }
    &mut frame_items(f)[index as usize]
}

#[inline(always)]
fn frame_items(f: Value) -> &'static mut Vec<Value> {
    match f.as_frame() {
        Some(v) => v,
        None => unreachable!("lexical access outside a frame"),
    }
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
