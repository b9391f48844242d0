//! `let`, `let*` and `defvar`/`defconst`.  A `let` decides per variable when it is
//! built whether the binding is lexical (a slot of a new frame) or dynamic
//! (specbind); if a variable it bound lexically has since become special
//! (`defvar` ran later), the node rebuilds itself, as Emacs decides at run time.

use super::build::build_body;
use super::exec::{exec, exec_body};
use super::node::*;
use super::scope::{self, ScopeRef};
use crate::runtime::alloc::{list, list1};
use crate::runtime::error::{signal, wrong_type, LResult};
use crate::runtime::frame::{alloc_frame, frame_slot_at, frame_slots, release_frame};
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use crate::runtime::string::make_string;
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};
use crate::specialize::rewrite;

/// Parses `(let BINDINGS . BODY)`.
pub fn build_let(star: bool, bindings: Value, body: Value, scope: ScopeRef) -> LResult<Kind> {
    let mut vars = Vec::new();
    let mut init_forms = Vec::new();
    let mut l = bindings;
    while l.is_cons() {
        let b = l.car();
        if b.is_symbol() {
            vars.push(b);
            init_forms.push(None);
        } else if b.is_cons() {
            let rest = b.cdr();
            if !rest.is_list() {
                return Ok(Kind::Signal(sym::WRONG_TYPE_ARGUMENT, hold(list(&[sym::LISTP, rest]))));
            }
            if rest.is_cons() && !rest.cdr().is_nil() {
                let msg = make_string("`let' bindings can have only one value-form");
                return Ok(Kind::Signal(sym::ERROR, hold(crate::runtime::alloc::list_with_tail(&[msg], b))));
            }
            vars.push(b.car());
            init_forms.push(Some(rest.car_safe()));
        } else {
            return Ok(Kind::Signal(sym::WRONG_TYPE_ARGUMENT, hold(list(&[sym::LISTP, b]))));
        }
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    let mut slots = Vec::new();
    let mut lex_vars = Vec::new();
    for v in vars.iter() {
        if v.is_symbol() && !scope::binds_dynamically(scope, *v) {
            lex_vars.push(*v);
            slots.push(lex_vars.len() as u32);
        } else {
            slots.push(0);
        }
    }
    let nlex = lex_vars.len() as u32;
    let body_scope = if nlex > 0 { scope::child(scope, lex_vars.clone()) } else { scope };
    let mut inits = Vec::new();
    for (i, f) in init_forms.iter().enumerate() {
        let init_scope = if !star || nlex == 0 {
            if star {
                body_scope
            } else {
                scope
            }
        } else {
            let visible = slots[..i].iter().filter(|s| **s > 0).count();
            scope::prefix(body_scope.unwrap(), visible)
        };
        inits.push(match f {
            Some(form) => Node::lazy(*form, init_scope),
            None => Node::new(Value::NIL, Kind::Const(Value::NIL)),
        });
    }
    for v in vars.iter() {
        hold(*v);
    }
    Ok(Kind::Let(leak(LetNode {
        star,
        vars: leak_slice(vars),
        inits: leak_slice(inits),
        slots: leak_slice(slots),
        nlex,
        body: build_body(body, body_scope)?,
        scope,
    })))
}

/// Whether a variable the node bound lexically has become special since.
fn stale(l: &LetNode) -> bool {
    l.vars.iter().zip(l.slots.iter()).any(|(v, s)| *s > 0 && v.sym().special)
}

pub fn exec_let(n: N, l: &'static LetNode, env: Value) -> LResult {
    if l.nlex > 0 && stale(l) {
        if let Kind::Let(_) = n.kind() {
            rewrite(n, Kind::Uninit(l.scope), "variable-became-special");
            return exec(n, env);
        }
    }
    if !l.star && l.nlex as usize == l.vars.len() {
        return let_lexical(l, env);
    }
    if l.nlex == 0 && l.vars.len() == 1 {
        return let_one_special(l, env);
    }
    let depth = specpdl_depth();
    let r = if l.star { let_star(l, env) } else { let_parallel(l, env) };
    unbind_to(depth);
    r
}

/// A `let` (or `let*`) binding one special variable.
fn let_one_special(l: &'static LetNode, env: Value) -> LResult {
    let v = exec(l.inits[0], env)?;
    let depth = specpdl_depth();
    let r = bind_dynamic(l.vars[0], v).and_then(|_| exec_body(l.body, env));
    unbind_to(depth);
    r
}

/// A `let` binding only lexical variables: the values are evaluated (in the
/// outer environment) straight into the new frame, and no specpdl entry is
/// involved.
fn let_lexical(l: &'static LetNode, env: Value) -> LResult {
    let frame = alloc_frame(env, l.inits.len() + 1);
    for (k, init) in l.inits.iter().enumerate() {
        match exec(init, env) {
            Ok(v) => *frame_slot_at(frame, k + 1) = v,
            Err(e) => {
                release_frame(frame);
                return Err(e);
            }
        }
    }
    let r = exec_body(l.body, frame);
    release_frame(frame);
    r
}

fn let_parallel(l: &'static LetNode, env: Value) -> LResult {
    // Values wait on the native stack (seen by the collector) when few.
    if l.inits.len() <= 8 {
        let mut buf = [Value::NIL; 8];
        for (k, init) in l.inits.iter().enumerate() {
            buf[k] = exec(init, env)?;
        }
        let r = bind_and_run(l, env, &buf[..l.inits.len()]);
        std::hint::black_box(&buf);
        return r;
    }
    let mut vals = crate::runtime::heap::RootedVec::with_capacity(l.vars.len());
    for init in l.inits {
        vals.push(exec(init, env)?);
    }
    bind_and_run(l, env, &vals)
}

fn bind_and_run(l: &'static LetNode, env: Value, vals: &[Value]) -> LResult {
    if l.nlex == 0 {
        bind_all_dynamic(l, vals)?;
        return exec_body(l.body, env);
    }
    let frame = alloc_frame(env, l.nlex as usize + 1);
    let slots = frame_slots(frame);
    for (i, s) in l.slots.iter().enumerate() {
        if *s > 0 {
            slots[*s as usize] = vals[i];
        }
    }
    let r = bind_all_dynamic(l, vals).and_then(|_| exec_body(l.body, frame));
    release_frame(frame);
    r
}

/// Binds the variables of L that are bound dynamically.
fn bind_all_dynamic(l: &'static LetNode, vals: &[Value]) -> LResult<()> {
    if l.nlex as usize != l.vars.len() {
        for (i, s) in l.slots.iter().enumerate() {
            if *s == 0 {
                bind_dynamic(l.vars[i], vals[i])?;
            }
        }
    }
    Ok(())
}

fn let_star(l: &'static LetNode, env: Value) -> LResult {
    if l.nlex == 0 {
        return let_star_in(l, env);
    }
    let frame = alloc_frame(env, l.nlex as usize + 1);
    let r = let_star_in(l, frame);
    release_frame(frame);
    r
}

/// Binds L's variables one by one (lexical ones in FRAME) and runs the body.
fn let_star_in(l: &'static LetNode, frame: Value) -> LResult {
    for (i, init) in l.inits.iter().enumerate() {
        let v = exec(init, frame)?;
        let s = l.slots[i];
        if s > 0 {
            frame_slots(frame)[s as usize] = v;
        } else {
            bind_dynamic(l.vars[i], v)?;
        }
    }
    exec_body(l.body, frame)
}

fn bind_dynamic(var: Value, v: Value) -> LResult<()> {
    if !var.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, var));
    }
    specbind(var, v)
}

/// `defvar` / `defconst`.
pub fn exec_defvar(d: &'static DefvarNode, env: Value) -> LResult {
    let s = d.symbol;
    let Some(init) = d.value else {
        // (defvar X): only declares X locally special (done when building bodies).
        return Ok(s);
    };
    if s.is_nil() && !d.constant {
        return Ok(s);
    }
    // `default-boundp`: a buffer-local value does not count.
    let was_bound = crate::runtime::specpdl::default_value(s) != Value::UNBOUND;
    define_uninitialized(s, d.doc);
    // internal--define-uninitialized-variable: the variable joins `current-load-list'.
    crate::builtins::lread::load::loadhist_attach(s)?;
    if d.constant {
        let v = exec(init, env)?;
        set_default(s, v)?;
        crate::runtime::symbol::put(s, sym::RISKY_LOCAL_VARIABLE, Value::T);
    } else if !was_bound {
        let v = exec(init, env)?;
        set_default(s, v)?;
    } else if let Some(i) = outermost_binding(s) {
        if rt().specpdl[i].old == Value::UNBOUND {
            let v = exec(init, env)?;
            rt().specpdl[i].old = v;
        }
    }
    Ok(s)
}

fn define_uninitialized(s: Value, doc: Value) {
    s.sym().special = true;
    if !doc.is_nil() {
        crate::runtime::symbol::put(s, sym::VARIABLE_DOCUMENTATION, doc);
    }
}

fn outermost_binding(s: Value) -> Option<usize> {
    rt().specpdl.iter().position(|b| b.symbol == s)
}

/// `set-default` for the global (toplevel-or-current dynamic) value.
pub fn set_default(s: Value, v: Value) -> LResult<()> {
    let d = s.sym();
    if d.constant && !(s.is_nil() && v.is_nil()) {
        return Err(signal(sym::SETTING_CONSTANT, list1(s)));
    }
    crate::runtime::specpdl::set_default(s, v)
}
