//! Non-local exits: `signal` and `throw` travel as `Err(Flow)` up the Rust stack,
//! never as panics.  `Flow` is a zero-sized token; the exit's symbol/tag and data
//! sit in `Runtime::pending` (a GC root), so `LResult<Value>` stays two words.
//! This module also holds the constructors for Emacs's standard error data,
//! so that every place signals `wrong-type-argument` & co. the same way.

use super::alloc::{list, list2};
use super::rt;
use super::string::make_string;
use super::sym;
use super::value::Value;

#[derive(Debug)]
#[must_use]
pub struct Flow(());

pub type LResult<T = Value> = Result<T, Flow>;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ExitKind {
    Signal,
    Throw,
}

/// The exit in flight: for a signal (ERROR-SYMBOL, DATA), for a throw (TAG, VALUE).
#[derive(Copy, Clone, Debug)]
pub struct Pending {
    pub kind: ExitKind,
    pub a: Value,
    pub b: Value,
}

impl Pending {
    pub fn restore(self) -> Flow {
        rt().pending = self;
        Flow(())
    }
}

/// Starts a signal (without running `signal-hook-function` or the debugger).
pub fn signal(error_symbol: Value, data: Value) -> Flow {
    rt().pending = Pending { kind: ExitKind::Signal, a: error_symbol, b: data };
    Flow(())
}

/// Starts a throw to TAG; the caller checked a catch for TAG is active.
pub fn throw_to(tag: Value, value: Value) -> Flow {
    rt().pending = Pending { kind: ExitKind::Throw, a: tag, b: value };
    Flow(())
}

pub fn pending() -> Pending {
    rt().pending
}

pub fn signal_list(error_symbol: Value, items: &[Value]) -> Flow {
    signal(error_symbol, list(items))
}
pub fn wrong_type(predicate: Value, value: Value) -> Flow {
    signal(sym::WRONG_TYPE_ARGUMENT, list2(predicate, value))
}
pub fn args_out_of_range(a: Value, b: Value) -> Flow {
    signal(sym::ARGS_OUT_OF_RANGE, list2(a, b))
}
pub fn args_out_of_range3(a: Value, b: Value, c: Value) -> Flow {
    signal_list(sym::ARGS_OUT_OF_RANGE, &[a, b, c])
}
pub fn void_variable(s: Value) -> Flow {
    signal_list(sym::VOID_VARIABLE, &[s])
}
pub fn void_function(s: Value) -> Flow {
    signal_list(sym::VOID_FUNCTION, &[s])
}
pub fn invalid_function(f: Value) -> Flow {
    signal_list(sym::INVALID_FUNCTION, &[f])
}
pub fn setting_constant(s: Value) -> Flow {
    signal_list(sym::SETTING_CONSTANT, &[s])
}
pub fn wrong_number_of_arguments(f: Value, n: usize) -> Flow {
    signal(sym::WRONG_NUMBER_OF_ARGUMENTS, list2(f, Value::fixnum(n as i64)))
}
pub fn arith_error() -> Flow {
    signal(sym::ARITH_ERROR, Value::NIL)
}
pub fn overflow_error() -> Flow {
    signal(sym::OVERFLOW_ERROR, Value::NIL)
}
/// `(error "MESSAGE")`.
pub fn error(message: &str) -> Flow {
    signal(sym::ERROR, list(&[make_string(message)]))
}
/// `(error "MESSAGE")` with a Lisp string message.
pub fn error_value(message: Value) -> Flow {
    signal(sym::ERROR, list(&[message]))
}

/// Checks a value with a predicate-named type test.
#[inline]
pub fn check(ok: bool, predicate: Value, v: Value) -> LResult<()> {
    if ok {
        Ok(())
    } else {
        Err(wrong_type(predicate, v))
    }
}
