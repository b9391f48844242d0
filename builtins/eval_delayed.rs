//! eval.c's `funcall-with-delayed-message`: FUNCTION runs while a watchdog
//! thread waits TIMEOUT seconds; if FUNCTION is still running then, the
//! watchdog trips the evaluator (`runtime::interrupt`), which shows MESSAGE
//! with `message` at its next safepoint, as Emacs's atimer does at its next
//! `maybe_quit`.  A message that fires while FUNCTION sits in a primitive
//! with no safepoint (`sleep-for`, say) is shown when that primitive
//! returns, or at the latest when FUNCTION does.
use crate::builtins::prelude::*;
use crate::runtime::interrupt::{show_fired, Delayed, Tripwire, FIRE_COUNTER};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

pub static SUBRS: &[SubrDef] = &[SubrDef::new(
    "funcall-with-delayed-message",
    3,
    3,
    f_funcall_with_delayed_message,
    "Like `funcall', but display MESSAGE if FUNCTION takes longer than TIMEOUT.",
)];

fn f_funcall_with_delayed_message(a: &[Value]) -> LResult {
    let (timeout, message, function) = (a[0], a[1], a[2]);
    let secs = crate::builtins::floatfns::extract_float(timeout)?;
    expect_string(message)?;
    let message = message_copy(message);
    let fired = Arc::new(AtomicBool::new(false));
    let order = Arc::new(AtomicU64::new(0));
    let delayed = Delayed { message, fired: fired.clone(), order: order.clone(), shown: false };
    crate::runtime::rt().delayed_messages.push(delayed);
    let cancel = Arc::new((Mutex::new(false), Condvar::new()));
    let wait = duration(secs);
    let tripwire = Tripwire::current();
    if wait.is_zero() {
        // Already due, as an atimer whose time has passed: shown at
        // FUNCTION's first safepoint.
        fire(&fired, &order, tripwire);
    }
    let result = std::thread::scope(|scope| {
        let cancel_w = cancel.clone();
        scope.spawn(move || watch(wait, &cancel_w, &fired, &order, tripwire));
        let result = crate::runtime::funcall(function, &[]);
        let (lock, cv) = &*cancel;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
        result
    });
    // A message that fired during a primitive without safepoints is due now.
    show_fired();
    crate::runtime::rt().delayed_messages.pop();
    result
}

/// Waits WAIT unless cancelled first; then marks the message fired and
/// trips the evaluator.
fn watch(wait: Duration, cancel: &(Mutex<bool>, Condvar), fired: &AtomicBool, order: &AtomicU64, tripwire: Tripwire) {
    let (lock, cv) = cancel;
    let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
    let (guard, _) = cv.wait_timeout_while(guard, wait, |cancelled| !*cancelled).unwrap_or_else(|e| e.into_inner());
    if *guard || fired.load(Ordering::Acquire) {
        return;
    }
    fire(fired, order, tripwire);
}

fn fire(fired: &AtomicBool, order: &AtomicU64, tripwire: Tripwire) {
    order.store(FIRE_COUNTER.fetch_add(1, Ordering::Relaxed), Ordering::Release);
    fired.store(true, Ordering::Release);
    tripwire.trip();
}

/// `dtotimespec`: negative and NaN timeouts fire at once, huge ones never
/// in practice.
pub fn duration(secs: f64) -> Duration {
    if secs.is_nan() || secs <= 0.0 {
        Duration::ZERO
    } else {
        Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX)
    }
}

/// The message as Emacs's atimer keeps it: `xstrdup` of the string's bytes
/// (so it ends at the first NUL, without properties) made back into a
/// string by `build_string` (multibyte when those bytes are multibyte text).
fn message_copy(m: Value) -> Value {
    let st = m.string_ref();
    let end = st.data.iter().position(|&b| b == 0).unwrap_or(st.data.len());
    let bytes = st.data[..end].to_vec();
    let multibyte = st.multibyte && !bytes.is_ascii();
    crate::runtime::string::make_string_from_bytes(bytes, multibyte)
}
