//! The backtrace primitives of GNU Emacs's eval.c: `mapbacktrace`,
//! `backtrace-frame--internal` and `backtrace-debug`, over the evaluator's
//! per-level records (`runtime::backtrace`).  A frame is reported as
//! (EVALD FUNCTION ARGS FLAGS): EVALD nil with the argument forms for a form
//! whose arguments are not evaluated yet or a special form, t with the
//! argument values once the function is called.
//!
//! Enoki has no Lisp threads: like a GNU Emacs built without thread
//! support, `main-thread` is nil, no thread objects exist, and
//! `backtrace--frames-from-thread` rejects every argument as not `threadp`.
#[allow(unused_imports)]
use crate::builtins::prelude::*;
use crate::runtime::backtrace::{self, Frame};
use crate::runtime::symbol::{indirect_function, intern};

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("mapbacktrace", 1, 2, mapbacktrace, "Call FUNCTION for each frame in backtrace."),
    SubrDef::new("backtrace-frame--internal", 3, 3, backtrace_frame_internal, "Call FUNCTION on stack frame NFRAMES away from BASE."),
    SubrDef::new("backtrace-debug", 2, 3, backtrace_debug, "Set the debug-on-exit flag of eval frame LEVEL levels down to FLAG."),
    SubrDef::new(
        "backtrace--frames-from-thread",
        1,
        1,
        frames_from_thread,
        "Return the list of backtrace frames from current execution point in THREAD.",
    ),
];

pub fn init() {
    // thread.c's DEFVAR_LISP, nil when Emacs is built without threads.
    defvar_lisp("main-thread", Value::NIL);
}

/// CHECK_THREAD fails for every object: there are no thread objects.
fn frames_from_thread(args: &[Value]) -> LResult {
    Err(wrong_type(intern("threadp"), args[0]))
}

/// The levels of the live frames from the one BASE designates (the
/// innermost frame when BASE is nil), innermost first, as eval.c's
/// `get_backtrace_starting_at`.
pub(crate) fn starting_at(base: Value) -> Vec<(usize, Frame)> {
    let mut frames: Vec<(usize, Frame)> = backtrace::frames().collect();
    if base.is_nil() {
        return frames;
    }
    let (mut offset, mut base) = (0, base);
    if base.is_cons() && base.car().is_fixnum() {
        offset = base.car().as_fixnum_unchecked();
        base = base.cdr();
    }
    let target = indirect_function(base);
    let found = frames.iter().position(|(_, f)| indirect_function(f.function()) == target).unwrap_or(frames.len());
    let skip = found.saturating_add(offset.max(0) as usize).min(frames.len());
    frames.drain(..skip);
    frames
}

/// The frame NFRAMES away from BASE, if there is one.
fn frame_at(nframes: Value, base: Value) -> LResult<Option<(usize, Frame)>> {
    let Some(n) = nframes.as_fixnum().filter(|n| *n >= 0) else {
        return Err(wrong_type(sym::WHOLENUMP, nframes));
    };
    Ok(starting_at(base).get(n as usize).copied())
}

/// Calls FUNCTION with the frame's EVALD, FUNCTION, ARGS and FLAGS.
fn apply_to_frame(function: Value, frame: &Frame) -> LResult {
    let flags = if frame.debug_on_exit { list(&[intern(":debug-on-exit"), Value::T]) } else { Value::NIL };
    let args = frame.args();
    funcall(function, &[Value::bool(frame.evaluated()), frame.function(), args, flags])
}

fn mapbacktrace(args: &[Value]) -> LResult {
    for (_, frame) in starting_at(args[1]) {
        apply_to_frame(args[0], &frame)?;
    }
    Ok(Value::NIL)
}

fn backtrace_frame_internal(args: &[Value]) -> LResult {
    match frame_at(args[1], args[2])? {
        Some((_, frame)) => apply_to_frame(args[0], &frame),
        None => Ok(Value::NIL),
    }
}

fn backtrace_debug(args: &[Value]) -> LResult {
    if !args[0].is_fixnum() {
        return Err(wrong_type(sym::FIXNUMP, args[0]));
    }
    if let Some((level, _)) = frame_at(args[0], args[2])? {
        backtrace::set_debug_on_exit(level, !args[1].is_nil());
    }
    Ok(args[1])
}
