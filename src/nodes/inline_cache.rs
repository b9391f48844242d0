//! Inline caches for calls of named functions.  A call node first runs
//! generic (`Kind::Call`); when specializing, its first execution caches the
//! function its symbol's cell holds and rewrites the node to
//! `Kind::CallCached` — monomorphic with one target, polymorphic with up to
//! `MAX_TARGETS`; a miss beyond that makes the node megamorphic (back to
//! `Kind::Call`, for good).  The guard is the identity of the function cell's
//! value, read before the arguments are evaluated as `eval_sub` does, so any
//! `fset`/`defalias`/`defun` is seen at once; cached nodes are registered as
//! dependents of the cell for `--trace-assumptions`.  A cached closure with
//! only required lexical parameters called with that many arguments gets its
//! arguments evaluated straight into its new frame (no argument list is
//! parsed); other closures and builtins skip the function lookup and checks.

use super::call::{exec_call_generic as exec_call, with_args};
use super::exec::{exec, exec_body, with_depth};
use super::node::*;
use super::template::{call_closure, Template};
use crate::runtime::backtrace::set_args;
use crate::runtime::error::LResult;
use crate::runtime::frame::{alloc_frame, frame_slot_at, release_frame};
use crate::runtime::heap::heap;
use crate::runtime::subr::{call_subr, SubrDef};
use crate::runtime::symbol::CellKind;
use crate::runtime::value::Value;
use crate::specialize::rewrite;

/// Polymorphic caches hold at most this many targets.
pub const MAX_TARGETS: usize = 4;

/// How a cached target is called.
#[derive(Copy, Clone)]
pub enum Callee {
    /// A lexical closure taking exactly the call's argument count, all required.
    Direct { template: &'static Template, frame: Value },
    /// Any other interpreted closure.
    Closure,
    /// A builtin function (never a special form).
    Subr(&'static SubrDef),
}

#[derive(Copy, Clone)]
pub struct Target {
    /// The function cell's value this target was cached for (the guard).
    pub function: Value,
    pub callee: Callee,
}

pub struct CallIc {
    pub call: &'static CallNode,
    pub targets: &'static [Target],
}

impl CallIc {
    pub fn kind_name(&self) -> &'static str {
        if self.targets.len() == 1 {
            "call:mono"
        } else {
            "call:poly"
        }
    }
}

/// The handler of `Kind::CallCached` for a call site in `funcall`/`apply` mode.
pub fn h_funcall_cached(n: N, env: Value) -> LResult {
    let Kind::CallCached(ic) = *n.kind_ref() else { return super::dispatch::stale(n, env) };
    with_depth(n.form, env, || exec_funcall(n, ic.call, Some(ic), env))
}

/// The handler of `Kind::CallCached` for a direct call.
pub fn h_call_cached(n: N, env: Value) -> LResult {
    let Kind::CallCached(ic) = *n.kind_ref() else { return super::dispatch::stale(n, env) };
    with_depth(n.form, env, || {
        heap().maybe_gc();
        let f = ic.call.function.sym().function;
        for t in ic.targets {
            if t.function == f {
                return invoke(t.callee, f, ic.call, env);
            }
        }
        miss(n, ic.call, Some(ic), env)
    })
}

#[inline(always)]
fn invoke(callee: Callee, f: Value, call: &'static CallNode, env: Value) -> LResult {
    match callee {
        Callee::Direct { template, frame } => direct(template, frame, call, env),
        Callee::Closure => with_args(call.args, env, |a| {
            set_args(call.function, a);
            call_closure(f, a)
        }),
        Callee::Subr(def) => with_args(call.args, env, |a| {
            set_args(call.function, a);
            call_subr(def, call.function, a)
        }),
    }
}

/// Evaluates ARGS straight into a new frame under FRAME and runs the body.
#[inline(always)]
fn direct(t: &'static Template, frame: Value, call: &'static CallNode, env: Value) -> LResult {
    let body = t.body()?;
    let args = call.args;
    if args.is_empty() {
        set_args(call.function, &[]);
        return exec_body(body, frame);
    }
    let new = alloc_frame(frame, args.len() + 1);
    for (k, a) in args.iter().enumerate() {
        match exec(a, env) {
            Ok(v) => *frame_slot_at(new, k + 1) = v,
            Err(e) => {
                release_frame(new);
                return Err(e);
            }
        }
    }
    set_args(call.function, &crate::runtime::frame::frame_slots(new)[1..]);
    let r = exec_body(body, new);
    release_frame(new);
    r
}

/// A `(funcall #'F ARGS...)` node (`call.funcall` is set), inside the level
/// `eval_sub` counts for the form: as `Ffuncall`, the arguments are evaluated
/// first, then one more level is counted and F's cell is read.
pub fn exec_funcall(n: N, call: &'static CallNode, ic: Option<&'static CallIc>, env: Value) -> LResult {
    let site = call.funcall.expect("funcall site");
    if unsafe { *site.cell } != site.subr {
        rewrite(n, Kind::Call(site.call), "funcall-redefined");
        return exec_call(n, site.call, env);
    }
    with_function_and_args(call.function, call.args, env, |all| {
        // The form's record: `funcall` (`apply`) called on F and the arguments.
        crate::runtime::backtrace::set_args(site.call.function, all);
        if site.spread {
            return spread_last(all, |spread| funcall_cached(n, call, ic, &spread[1..]));
        }
        funcall_cached(n, call, ic, &all[1..])
    })
}

/// `Ffuncall` of the call's function on ARGS: one more depth level, then the
/// cell is read and the cached target (if it is one) called.
fn funcall_cached(n: N, call: &'static CallNode, ic: Option<&'static CallIc>, args: &[Value]) -> LResult {
    heap().maybe_gc();
    with_depth(n.form, Value::UNBOUND, || {
        crate::runtime::backtrace::set_args(call.function, args);
        let f = call.function.sym().function;
        for t in ic.map_or(&[][..], |ic| ic.targets) {
            if t.function == f {
                return invoke_values(t.callee, f, args);
            }
        }
        funcall_miss(n, call, ic, f, args)
    })
}

/// `Fapply`'s argument spreading: ALL is (F ARGS... LIST); K gets (F ARGS...
/// LIST-ELEMENTS...).  As in eval.c, a one-element LIST is stored over
/// itself in the argument vector (which `apply`'s backtrace record shows).
fn spread_last(all: &[Value], k: impl FnOnce(&[Value]) -> LResult) -> LResult {
    let n = all.len();
    let list = all[n - 1];
    let mut len = 0;
    let mut l = list;
    while l.is_cons() {
        len += 1;
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(crate::runtime::error::wrong_type(crate::runtime::sym::LISTP, l));
    }
    if len == 0 {
        return k(&all[..n - 1]);
    }
    let mut spread = crate::runtime::heap::RootedVec::with_capacity(n - 1 + len);
    spread.extend_from_slice(&all[..n - 1]);
    spread.extend(list.iter());
    if len == 1 {
        crate::runtime::backtrace::replace_args(all, &spread);
    }
    k(&spread)
}

/// Evaluates ARGS after FUNCTION into one slice and calls K with it (the
/// values stay on the native stack, where the collector sees them, when few).
fn with_function_and_args(function: Value, args: Body, env: Value, k: impl FnOnce(&[Value]) -> LResult) -> LResult {
    if args.len() < 8 {
        let mut buf = [Value::NIL; 8];
        buf[0] = function;
        for (i, a) in args.iter().enumerate() {
            buf[i + 1] = exec(a, env)?;
        }
        let r = k(&buf[..=args.len()]);
        std::hint::black_box(&buf);
        return r;
    }
    let mut v = crate::runtime::heap::RootedVec::with_capacity(args.len() + 1);
    v.push(function);
    for a in args {
        let x = exec(a, env)?;
        v.push(x);
    }
    k(&v)
}

/// Calls a cached target on evaluated ARGS, as `funcall` does (a builtin's
/// arity error names the subr object, as `funcall_subr` does).
fn invoke_values(callee: Callee, f: Value, args: &[Value]) -> LResult {
    match callee {
        Callee::Direct { template, frame } => {
            let body = template.body()?;
            if args.is_empty() {
                return exec_body(body, frame);
            }
            let new = alloc_frame(frame, args.len() + 1);
            for (k, a) in args.iter().enumerate() {
                *frame_slot_at(new, k + 1) = *a;
            }
            let r = exec_body(body, new);
            release_frame(new);
            r
        }
        Callee::Closure => call_closure(f, args),
        Callee::Subr(def) => call_subr(def, f, args),
    }
}

#[cold]
#[inline(never)]
fn funcall_miss(n: N, call: &'static CallNode, ic: Option<&'static CallIc>, f: Value, args: &[Value]) -> LResult {
    if !call.megamorphic.get() {
        if let Some(callee) = add_target(n, call, ic, f, args.len()) {
            return invoke_values(callee, f, args);
        }
    }
    super::call::funcall_value(call.function, args)
}

/// The call's cell holds a function no target was cached for: cache it if
/// there is room and it can be cached, then call it; otherwise call it
/// generically (which also handles macros and special forms appearing).
#[cold]
#[inline(never)]
pub fn miss(n: N, call: &'static CallNode, ic: Option<&'static CallIc>, env: Value) -> LResult {
    let f = call.function.sym().function;
    match add_target(n, call, ic, f, call.args.len()) {
        Some(callee) => invoke(callee, f, call, env),
        None => exec_call(n, call, env),
    }
}

/// Caches F (the function cell's value, called with NARGS arguments) in
/// call node N if F can be cached and the cache has room, rewriting N; a
/// full cache makes N megamorphic.  The callee to invoke, if cached.
fn add_target(n: N, call: &'static CallNode, ic: Option<&'static CallIc>, f: Value, nargs: usize) -> Option<Callee> {
    let have = ic.map_or(&[][..], |ic| ic.targets);
    let callee = callee_for(f, nargs)?;
    if have.len() >= MAX_TARGETS {
        call.megamorphic.set(true);
        rewrite(n, Kind::Call(call), "megamorphic");
        return None;
    }
    let mut targets = have.to_vec();
    targets.push(Target { function: hold(f), callee });
    let new = leak(CallIc { call, targets: leak_slice(targets) });
    if ic.is_none() {
        crate::specialize::assumptions::depend(call.function, CellKind::Function, n.id);
    }
    rewrite(n, Kind::CallCached(new), if ic.is_none() { "cached-callee" } else { "new-callee" });
    Some(callee)
}

/// How F (a function cell's value) can be called from a cache, if it can.
fn callee_for(f: Value, nargs: usize) -> Option<Callee> {
    if let Some(def) = f.as_subr() {
        return (!def.is_special_form()).then_some(Callee::Subr(def));
    }
    let c = f.as_closure()?;
    let t = super::template::template_of(f, c);
    let frame = f.as_closure()?.frame;
    match t.simple {
        Some((req, 0, false)) if t.lexical() && req as usize == nargs => Some(Callee::Direct { template: t, frame }),
        _ => Some(Callee::Closure),
    }
}
