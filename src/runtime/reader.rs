//! The reader (stub, being written).
use super::error::LResult;
use super::value::Value;

/// Reads one object from the characters of string S starting at char index START;
/// returns the object and the char index just after it.
pub fn read_from_string(s: Value, start: usize, end: Option<usize>) -> LResult<(Value, usize)> {
    let _ = (s, start, end);
    Ok((Value::NIL, 0))
}
