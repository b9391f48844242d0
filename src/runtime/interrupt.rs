//! Requests that reach the evaluator from other threads, serviced at its
//! safepoints as GNU Emacs services atimers in `maybe_quit`: today the
//! delayed messages of `funcall-with-delayed-message`.
//!
//! The request is a tripwire on the native stack limit (V8's stack-guard
//! interrupt): a watchdog thread stores `TRIPPED` into the runtime's
//! `stack_limit`, so the very next `lisp-eval-depth` check (every call and
//! special form already compares the stack pointer with it) fails and takes
//! its slow path, which puts the real limit back and services the request.
//! Loops that make no calls poll the same word at their back edges.  The
//! fast paths therefore pay nothing new.
use super::value::Value;
use super::{error::LResult, rt};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

/// The stack limit a pending request stores: no stack address is above it.
pub const TRIPPED: usize = usize::MAX;

/// A handle another thread may use to trip this runtime's stack limit.  It
/// points into the runtime, so it must not outlive the thread that owns it
/// (`funcall-with-delayed-message` joins its watchdog before returning).
#[derive(Clone, Copy)]
pub struct Tripwire(*const AtomicUsize);
unsafe impl Send for Tripwire {}

impl Tripwire {
    pub fn current() -> Tripwire {
        Tripwire(&rt().stack_limit as *const AtomicUsize)
    }
    /// Asks the owning thread to service its requests at its next safepoint.
    pub fn trip(self) {
        unsafe { (*self.0).store(TRIPPED, Ordering::Release) }
    }
}

/// A delayed message waiting for its time: `fired` is set by the watchdog
/// (with the order of firing) before it trips the runtime.
pub struct Delayed {
    pub message: Value,
    pub fired: Arc<AtomicBool>,
    pub order: Arc<AtomicU64>,
    pub shown: bool,
}

/// Orders messages that fire close together.
pub static FIRE_COUNTER: AtomicU64 = AtomicU64::new(1);

/// Whether a request is pending (the stack limit is tripped).
#[inline(always)]
pub fn pending() -> bool {
    rt().stack_limit.load(Ordering::Relaxed) == TRIPPED
}

/// The back-edge poll of loops that make no calls.
#[inline(always)]
pub fn poll() {
    if pending() {
        service();
    }
}

/// Puts the real stack limit back, then shows every delayed message that
/// has fired, in firing order.  (A request tripped after the reset is seen
/// at the next safepoint.)
#[cold]
#[inline(never)]
pub fn service() {
    let r = rt();
    let real = r.real_stack_limit;
    if r.stack_limit.compare_exchange(TRIPPED, real, Ordering::AcqRel, Ordering::Relaxed).is_err() {
        return;
    }
    show_fired();
}

/// Shows the fired, not yet shown delayed messages (oldest firing first).
pub fn show_fired() {
    loop {
        let next = r_delayed()
            .iter_mut()
            .filter(|d| !d.shown && d.fired.load(Ordering::Acquire))
            .min_by_key(|d| d.order.load(Ordering::Acquire))
            .map(|d| {
                d.shown = true;
                d.message
            });
        let Some(m) = next else { return };
        // Emacs's atimer shows it with `message3`; an error there has no
        // Lisp caller to reach, so it is dropped as Emacs drops it.
        let _: LResult<()> = crate::builtins::xdisp::message3(m);
    }
}

fn r_delayed() -> &'static mut Vec<Delayed> {
    &mut rt().delayed_messages
}

/// Marks the messages of the pending delayed calls (they are on the
/// calling subrs' stacks too; this keeps them regardless).
pub fn trace(m: &mut super::heap::Marker) {
    r_delayed().iter().for_each(|d| m.mark(d.message));
}
