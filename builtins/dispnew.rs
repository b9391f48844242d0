//! dispnew.c's `sleep-for`.  The wait is cut into short slices so that
//! requests from other threads (`runtime::interrupt`: delayed messages) are
//! serviced while it sleeps, as Emacs runs its timers while it waits.
use crate::builtins::prelude::*;
use std::time::{Duration, Instant};

pub static SUBRS: &[SubrDef] = &[SubrDef::new("sleep-for", 1, 2, f_sleep_for, "Pause, without updating display, for SECONDS seconds.")];

/// The longest uninterrupted slice of a wait.
const SLICE: Duration = Duration::from_millis(10);

fn f_sleep_for(a: &[Value]) -> LResult {
    let mut secs = crate::builtins::floatfns::extract_float(a[0])?;
    if !a[1].is_nil() {
        let ms = a[1].as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, a[1]))?;
        secs += ms as f64 / 1000.0;
    }
    if secs > 0.0 {
        let end = Instant::now().checked_add(crate::builtins::eval_delayed::duration(secs));
        loop {
            crate::runtime::interrupt::poll();
            let now = Instant::now();
            let left = match end {
                Some(end) if end > now => end - now,
                Some(_) => break,
                None => SLICE,
            };
            std::thread::sleep(left.min(SLICE));
        }
    }
    Ok(Value::NIL)
}
