//! The embedding interface for buffers: an editor that embeds Enoki supplies
//! the text storage of Lisp buffers through the `Host` trait, and sees every
//! buffer Lisp creates, renames or kills.  Enoki keeps everything else about
//! a buffer (point, narrowing, markers, text properties, buffer-local
//! variables, the modified flag) and edits the host's text only through
//! `BufferText`, so the two never disagree.  Without a host (or when the host
//! declines a buffer) Enoki's own gap buffer (`GapText`) holds the text.
//!
//! Text crosses the interface in Emacs's internal encoding: UTF-8 extended to
//! characters up to #x3FFF7F (up to five bytes), with raw bytes #x80..#xFF
//! as the two-byte sequences C0/C1 xx.  Text made only of Unicode characters
//! is plain UTF-8.  Positions are 0-based character indexes into the whole
//! text (Lisp's `(point-min)` of a widened buffer is index 0).
//!
//! Edits a host makes on its own (a user typing) must go through
//! `insert_text` / `delete_text` here so that markers and properties follow.

use crate::runtime::buffer;
pub use crate::runtime::buffer::text::{BufferText, GapText};
use crate::runtime::error::LResult;
use crate::runtime::value::Value;

/// What an embedding editor provides.  Every method has a default, so a host
/// overrides only what it needs; `DefaultHost` is Enoki on its own.
pub trait Host {
    /// Text storage for a new buffer named NAME, or None for Enoki's own.
    fn create_buffer(&mut self, name: &str) -> Option<Box<dyn BufferText>> {
        let _ = name;
        None
    }
    /// The buffer named NAME was killed (its text storage is dropped next).
    fn buffer_killed(&mut self, name: &str) {
        let _ = name;
    }
    /// A buffer was renamed from OLD to NEW.
    fn buffer_renamed(&mut self, old: &str, new: &str) {
        let _ = (old, new);
    }
}

/// Enoki's buffers, unchanged: every buffer's text is a `GapText`.
pub struct DefaultHost;

impl Host for DefaultHost {}

/// Installs HOST for the current thread's Lisp buffers created from now on
/// (buffers that exist keep their storage).  Returns the previous host.
pub fn set_host(host: Box<dyn Host>) -> Option<Box<dyn Host>> {
    buffer::set_host(Some(host))
}

/// Removes the current thread's host (new buffers use `GapText`).
pub fn clear_host() -> Option<Box<dyn Host>> {
    buffer::set_host(None)
}

/// The live buffer named NAME, as a Lisp value.
pub fn buffer_named(name: &str) -> Option<Value> {
    buffer::get_buffer_by_name(name.as_bytes())
}

/// Inserts TEXT (Rust text) into BUFFER at character index POS (0-based,
/// clipped to the buffer), as a host-side edit: markers, point and text
/// properties adjust as they do for Lisp insertions.
pub fn insert_text(buffer: Value, pos: usize, text: &str) -> LResult<()> {
    buffer::edit::host_insert(buffer, pos, text)
}

/// Deletes the characters FROM..TO (0-based indexes, clipped) of BUFFER.
pub fn delete_text(buffer: Value, from: usize, to: usize) -> LResult<()> {
    buffer::edit::host_delete(buffer, from, to)
}

/// The whole text of BUFFER as Rust text (raw bytes and non-Unicode
/// characters replaced by U+FFFD).
pub fn buffer_text(buffer: Value) -> Option<String> {
    buffer::as_buffer(buffer).map(|b| b.text_string_lossy())
}
