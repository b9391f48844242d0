//! The search primitives' view of Enoki's buffers (`runtime::buffer`):
//! `SearchBuffer` for the current buffer and the `BufferHooks` that find it,
//! its markers and its liveness.  `install` is called at start-up.

use super::buffer::{install_buffer_hooks, BufferHooks, SearchBuffer};
use crate::runtime::buffer::{self as b, markers, Buffer};
use crate::runtime::error::LResult;
use crate::runtime::string::decode_char;
use crate::runtime::value::Value;

impl SearchBuffer for Buffer {
    fn object(&self) -> Value {
        b::current_buffer()
    }
    fn char_at(&self, pos: usize) -> u32 {
        Buffer::char_at(self, pos)
    }
    fn multibyte(&self) -> bool {
        Buffer::multibyte(self)
    }
    fn point(&self) -> usize {
        self.pt
    }
    fn set_point(&mut self, pos: usize) {
        self.pt = pos.clamp(self.begv, self.zv);
    }
    fn begv(&self) -> usize {
        self.begv
    }
    fn zv(&self) -> usize {
        self.zv
    }
    /// Deletes START..END and inserts TEXT there (modification hooks,
    /// undo and markers as for a deletion and an insertion).
    fn replace(&mut self, start: usize, end: usize, text: Value) -> LResult<()> {
        b::edit::del_range(start, end, true, false)?;
        let cur = b::current();
        let opt = cur.pt;
        cur.pt = start.clamp(cur.begv, cur.zv);
        let n = text.string_ref().nchars;
        let r = b::edit::insert_from_string(text, 0, n, false, false);
        let cur = b::current();
        cur.pt = if opt > start { opt + n } else { opt }.clamp(cur.begv, cur.zv);
        r
    }
    fn substring(&self, start: usize, end: usize) -> Value {
        b::edit::buffer_string(start, end, true)
    }
    /// Copies the bytes of START..END out of the text (across the gap)
    /// into BYTES and decodes them.
    fn chars(&self, start: usize, end: usize, out: &mut Vec<u32>, bytes: &mut Vec<u8>) {
        if end <= start {
            return;
        }
        bytes.clear();
        self.text.copy_bytes(start - 1, end - 1, bytes);
        if !self.multibyte() || bytes.is_ascii() {
            let base = out.len();
            out.resize(base + bytes.len(), 0);
            for (d, &b) in out[base..].iter_mut().zip(bytes.iter()) {
                *d = b as u32;
            }
        } else {
            decode_into(bytes, out);
        }
    }
}

/// Appends the characters of internal multibyte text to OUT.
fn decode_into(mut bytes: &[u8], out: &mut Vec<u32>) {
    while let Some(&b0) = bytes.first() {
        if b0 < 0x80 {
            out.push(b0 as u32);
            bytes = &bytes[1..];
        } else {
            let (c, n) = decode_char(bytes);
            out.push(c);
            bytes = &bytes[n.clamp(1, bytes.len())..];
        }
    }
}

fn current() -> Option<&'static mut dyn SearchBuffer> {
    b::state_if_ready()?;
    b::current_opt().map(|x| x as &mut dyn SearchBuffer)
}

fn marker(v: Value) -> Option<(Value, Option<usize>)> {
    let m = markers::as_marker(v)?;
    let buf = m.buffer();
    Some((buf, m.position()))
}

fn is_buffer(v: Value) -> bool {
    b::is_buffer(v)
}

fn make_marker(buffer: Value, pos: usize) -> Value {
    markers::make_marker_at(buffer, pos, false)
}

fn current_object() -> Value {
    if b::state_if_ready().is_none() {
        return Value::NIL;
    }
    b::current_buffer()
}

fn buffer_live(v: Value) -> bool {
    b::as_buffer(v).is_some_and(|x| x.live())
}

fn is_initial_buffer(v: Value) -> bool {
    b::as_buffer(v).is_some_and(|x| x.name_lossy() == "*scratch*")
}

/// Installs the hooks through which searching finds Enoki's buffers.
pub fn install() {
    install_buffer_hooks(BufferHooks { current, marker, is_buffer, make_marker, current_object, buffer_live, is_initial_buffer });
}
