//! Helpers shared by the builtins' unit tests.
use crate::runtime::alloc::list_to_vec;
use crate::runtime::error::pending;
use crate::runtime::value::Value;

/// Sets up the runtime and the builtins on the test's thread.
pub fn setup() {
    crate::runtime::init_thread();
    crate::builtins::install();
}

/// The pending signal as (ERROR-SYMBOL, DATA elements).
pub fn err_data() -> (Value, Vec<Value>) {
    let p = pending();
    (p.a, list_to_vec(p.b))
}

/// A fixnum.
pub fn n(i: i64) -> Value {
    Value::fixnum(i)
}
