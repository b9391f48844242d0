//! The backtrace: one record per `lisp-eval-depth` level, as GNU Emacs keeps
//! one specpdl backtrace entry per `eval_sub` of a cons form and per
//! `funcall`.  The evaluator writes the record when it counts a level: a form
//! whose arguments are not evaluated yet (or a special form) is recorded as
//! the form itself; once a call has evaluated its arguments it records the
//! function and a pointer to the argument values, which stay alive for the
//! duration of the call (they are on the native stack or in the callee's
//! frame).  Records above the current depth are stale and never read.
//! `mapbacktrace`, `backtrace-frame--internal` and `backtrace-debug` read
//! and flag these records.

use super::value::Value;
use super::{rt, rt_ptr};

/// `nargs` of a record holding an unevaluated form.
pub const UNEVALLED: u32 = u32::MAX;

/// Flag of `nargs`: the arguments are elements of the vector at `stack`
/// from index `argv` (a byte-code value stack, which may be reallocated
/// while the call runs), not at the address `argv`.
const IN_STACK: u32 = 1 << 31;

#[derive(Copy, Clone)]
pub struct Frame {
    /// The cons form (when `nargs == UNEVALLED`) or the function called;
    /// `Value::UNBOUND` for levels with no record (the levels GNU Emacs's
    /// command loop would occupy).
    pub head: Value,
    pub argv: *const Value,
    pub nargs: u32,
    pub debug_on_exit: bool,
    /// The vector holding the arguments, when `nargs` has `IN_STACK`.
    pub stack: *const Vec<Value>,
    /// The lexical environment (frame chain) the recorded form was evaluated
    /// in; `Value::UNBOUND` for calls recorded by `funcall` and byte-code,
    /// which do not know it.  `backtrace--locals` and `backtrace-eval`
    /// rebuild GNU Emacs's environment alists from these.
    pub env: Value,
}

const ABSENT: Frame = Frame {
    head: Value::UNBOUND,
    argv: std::ptr::null(),
    nargs: UNEVALLED,
    debug_on_exit: false,
    stack: std::ptr::null(),
    env: Value::UNBOUND,
};

/// Records FORM (unevaluated, in lexical environment ENV) for the level
/// just entered in runtime R.
/// # Safety
/// R must be the current thread's runtime.
#[inline(always)]
pub unsafe fn record_form(r: *mut super::Runtime, form: Value, env: Value) {
    let d = (*r).lisp_eval_depth as usize;
    let bt = &mut (*r).backtrace;
    if d < bt.len() {
        let f = bt.as_mut_ptr().add(d);
        (*f).head = form;
        (*f).nargs = UNEVALLED;
        (*f).debug_on_exit = false;
        (*f).env = env;
    } else {
        grow_and_record(d, Frame { nargs: UNEVALLED, env, ..ABSENT }.with_head(form));
    }
}

/// Records a call of FUNCTION on ARGS for the current level.
#[inline(always)]
pub fn record_call(function: Value, args: &[Value]) {
    record(Frame { argv: args.as_ptr(), nargs: args.len() as u32, ..ABSENT }.with_head(function));
}

/// Records a call of FUNCTION on the NARGS elements of STACK from index
/// START (a vector at a stable address whose buffer may move).
pub fn record_call_in_stack(function: Value, stack: &Vec<Value>, start: usize, nargs: usize) {
    let frame = Frame { argv: start as *const Value, nargs: nargs as u32 | IN_STACK, stack, ..ABSENT };
    record(frame.with_head(function));
}

/// Sets the current level's record to a call of FUNCTION on ARGS, keeping
/// its debug-on-exit flag (the arguments of a recorded form are now evaluated).
#[inline(always)]
pub fn set_args(function: Value, args: &[Value]) {
    let r = rt_ptr();
    unsafe {
        let d = (*r).lisp_eval_depth as usize;
        let bt = &mut (*r).backtrace;
        if let Some(f) = bt.get_mut(d) {
            f.head = function;
            f.argv = args.as_ptr();
            f.nargs = args.len() as u32;
        }
    }
}

/// If the current level's record shows OLD as its arguments, shows NEW
/// instead (a primitive rewriting its argument vector, as `apply` does).
pub fn replace_args(old: &[Value], new: &[Value]) {
    let r = rt();
    let d = r.lisp_eval_depth as usize;
    if let Some(f) = r.backtrace.get_mut(d) {
        if f.nargs != UNEVALLED && f.argv == old.as_ptr() {
            f.argv = new.as_ptr();
            f.nargs = new.len() as u32;
        }
    }
}

#[inline(always)]
fn record(frame: Frame) {
    let r = rt_ptr();
    unsafe {
        let d = (*r).lisp_eval_depth as usize;
        let bt = &mut (*r).backtrace;
        match bt.get_mut(d) {
            Some(slot) => *slot = frame,
            None => grow_and_record(d, frame),
        }
    }
}

#[cold]
#[inline(never)]
fn grow_and_record(d: usize, frame: Frame) {
    let bt = &mut rt().backtrace;
    if bt.len() <= d {
        bt.resize(d + 1, ABSENT);
    }
    bt[d] = frame;
}

/// Sets `lisp-eval-depth` to DEPTH for a new top-level evaluation, the levels
/// below having no records.
pub fn start_at_depth(depth: i64) {
    let r = rt();
    r.lisp_eval_depth = depth;
    let n = (depth.max(0) as usize + 1).min(r.backtrace.len());
    r.backtrace[..n].fill(ABSENT);
}

/// The live records, innermost first, as (level, frame).
pub fn frames() -> impl Iterator<Item = (usize, Frame)> {
    let r = rt();
    let top = (r.lisp_eval_depth.max(0) as usize).min(r.backtrace.len().saturating_sub(1));
    (1..=top).rev().map(|d| (d, rt().backtrace[d])).filter(|(_, f)| f.head != Value::UNBOUND)
}

impl Frame {
    fn with_head(self, head: Value) -> Frame {
        Frame { head, ..self }
    }
    /// Whether the arguments are evaluated (EVALD of `mapbacktrace`).
    pub fn evaluated(&self) -> bool {
        self.nargs != UNEVALLED
    }
    /// The function (or the form's head).
    pub fn function(&self) -> Value {
        if self.evaluated() {
            self.head
        } else {
            self.head.car_safe()
        }
    }
    /// The argument values, or the list of argument forms.
    pub fn args(&self) -> Value {
        if self.nargs & IN_STACK != 0 && self.nargs != UNEVALLED {
            let (start, n) = (self.argv as usize, (self.nargs & !IN_STACK) as usize);
            let stack = unsafe { &*self.stack };
            super::alloc::list(stack.get(start..start + n).unwrap_or(&[]))
        } else if self.evaluated() {
            let args = if self.nargs == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(self.argv, self.nargs as usize) } };
            super::alloc::list(args)
        } else {
            self.head.cdr_safe()
        }
    }
}

/// Sets the debug-on-exit flag of the record at LEVEL.
pub fn set_debug_on_exit(level: usize, flag: bool) {
    if let Some(f) = rt().backtrace.get_mut(level) {
        f.debug_on_exit = flag;
    }
}

/// Marks the records' heads (forms and functions) for the collector.  The
/// argument vectors belong to the running calls, which keep them alive.
pub fn trace(m: &mut super::heap::Marker) {
    for (_, f) in frames() {
        m.mark(f.head);
    }
}
