//! `read-char`, `read-event` and `read-char-exclusive` (lread.c's
//! `read_filtered_event`) as they behave in `emacs --batch`, with the
//! keyboard.c variables they use (`unread-command-events`,
//! `last-input-event`).  Events come from `unread-command-events`.  When
//! there is none, GNU Emacs 30.1 as usually built (with threads and D-Bus)
//! does not read standard input in batch mode: it waits for terminal
//! events that never arrive, so these functions return nil once SECONDS
//! have passed, and without SECONDS they wait forever, as Emacs does.

use crate::builtins::prelude::*;
use crate::runtime::specpdl::{set_variable, value_cell};
use std::time::{Duration, Instant};

/// keyboard.c `read_char` for batch mode: the next unread event (with its
/// `(t . EVENT)`, `(no-record . EVENT)` and `(EVENT . disabled)` wrappers
/// removed), which becomes `last-input-event`; None when DEADLINE passes.
fn next_event(deadline: Option<Instant>) -> LResult<Option<Value>> {
    let unread = intern("unread-command-events");
    let queue = value_cell(unread);
    if !queue.is_cons() {
        wait_for_input(deadline);
        return Ok(None);
    }
    let mut c = queue.car();
    set_variable(unread, queue.cdr())?;
    if c.is_cons() && (c.car().is_t() || c.car() == intern("no-record")) {
        c = c.cdr();
    }
    if c.is_cons() && c.cdr() == intern("disabled") && (c.car().is_symbol() || c.car().as_fixnum().is_some()) {
        c = c.car();
    }
    set_variable(intern("last-input-event"), c)?;
    Ok(Some(c))
}

/// Waits for terminal input that batch mode never gets: until DEADLINE,
/// or forever.
fn wait_for_input(deadline: Option<Instant>) {
    match deadline {
        Some(d) => {
            let now = Instant::now();
            if d > now {
                std::thread::sleep(d - now);
            }
        }
        None => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
    }
}

/// The end of a wait of SECONDS (a number), None for no limit.
fn deadline(seconds: Value) -> Option<Instant> {
    let secs = if let Some(n) = seconds.as_fixnum() {
        n as f64
    } else if seconds.is_float() {
        seconds.float_value()
    } else if let Some(b) = seconds.as_bignum() {
        if b.sign() == num_bigint::Sign::Minus {
            -1.0
        } else {
            f64::INFINITY
        }
    } else {
        return None;
    };
    if secs.is_nan() || secs <= 0.0 {
        return Some(Instant::now());
    }
    Duration::try_from_secs_f64(secs).ok().and_then(|d| Instant::now().checked_add(d))
}

/// A symbol event's character: its base's `ascii-character` merged with
/// its modifier bits (from `event-symbol-element-mask`), if it has one.
fn symbol_char(ev: Value) -> LResult {
    if !ev.is_symbol() {
        return Ok(ev);
    }
    let mask = get(ev, intern("event-symbol-element-mask"));
    if mask.is_nil() {
        return Ok(ev);
    }
    let base = mask.car_safe();
    if !base.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, base));
    }
    let ascii = get(base, intern("ascii-character"));
    Ok(match (ascii.as_fixnum(), mask.cdr_safe().car_safe().as_fixnum()) {
        (Some(a), Some(m)) => Value::fixnum(a | m),
        _ => ev,
    })
}

/// lread.c `read_filtered_event`: shows PROMPT, then reads an event; when
/// ASCII_REQUIRED, a non-character is an error (ERROR_NONASCII, after
/// putting it back alone) or skipped.  Nil when SECONDS run out.
fn read_filtered_event(prompt: Value, seconds: Value, ascii_required: bool, error_nonascii: bool) -> LResult {
    if !prompt.is_nil() {
        expect_string(prompt)?;
        crate::builtins::editfns::message_to_stderr(Some(prompt));
    }
    let deadline = deadline(seconds);
    loop {
        let Some(ev) = next_event(deadline)? else { return Ok(Value::NIL) };
        if !ascii_required {
            return Ok(ev);
        }
        let ev = symbol_char(ev)?;
        if ev.as_fixnum().is_some() {
            return Ok(ev);
        }
        if error_nonascii {
            set_variable(intern("unread-command-events"), list1(ev))?;
            return Err(error("Non-character input-event"));
        }
    }
}

/// `(read-char &optional PROMPT INHERIT-INPUT-METHOD SECONDS)`.
fn f_read_char(a: &[Value]) -> LResult {
    read_filtered_event(a[0], a[2], true, true)
}

/// `(read-event &optional PROMPT INHERIT-INPUT-METHOD SECONDS)`.
fn f_read_event(a: &[Value]) -> LResult {
    read_filtered_event(a[0], a[2], false, false)
}

/// `(read-char-exclusive &optional PROMPT INHERIT-INPUT-METHOD SECONDS)`.
fn f_read_char_exclusive(a: &[Value]) -> LResult {
    read_filtered_event(a[0], a[2], true, false)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("read-char", 0, 3, f_read_char, "Read a character event from the command input (keyboard or macro)."),
    SubrDef::new("read-event", 0, 3, f_read_event, "Read an event object from the input stream."),
    SubrDef::new("read-char-exclusive", 0, 3, f_read_char_exclusive, "Read a character event from the command input (keyboard or macro)."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("unread-command-events", Value::NIL);
    defvar_lisp("last-input-event", Value::NIL);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::setup;

    #[test]
    fn unread_events_then_timeout() {
        setup();
        let unread = intern("unread-command-events");
        set_variable(unread, list2(intern("foo"), Value::fixnum(98))).unwrap();
        assert!(f_read_char(&[Value::NIL; 3]).is_err());
        assert_eq!(value_cell(unread).car(), intern("foo"));
        // `foo` is skipped, then nothing comes within 0 seconds.
        let r = f_read_char_exclusive(&[Value::NIL, Value::NIL, Value::fixnum(0)]).unwrap();
        assert!(r.is_nil());
        assert!(value_cell(unread).is_nil());
        set_variable(unread, list1(Value::fixnum(97))).unwrap();
        assert_eq!(f_read_event(&[Value::NIL; 3]).unwrap(), Value::fixnum(97));
        assert_eq!(value_cell(intern("last-input-event")), Value::fixnum(97));
    }
}
