//! The reader (stub, being written).
use super::error::LResult;
use super::value::Value;

/// Reads one object from the characters of string S starting at char index START;
/// returns the object and the char index just after it.
pub fn read_from_string(s: Value, start: usize, end: Option<usize>) -> LResult<(Value, usize)> {
    let _ = (s, start, end);
    Ok((Value::NIL, 0))
}

/// Reads successive top-level forms from a source text (stub, being written).
pub struct Reader {
    source: Value,
    pos: usize,
}

impl Reader {
    pub fn new(source: Value) -> Reader {
        Reader { source, pos: 0 }
    }
    pub fn read_next(&mut self) -> LResult<Option<Value>> {
        let _ = (self.source, self.pos);
        Ok(None)
    }
    pub fn position(&self) -> (usize, usize) {
        (1, 0)
    }
}
