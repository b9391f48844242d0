//! Read access to text by character index, shared by the regex engine and
//! syntax scanning: Lisp strings implement it here, buffers where they live.

use super::string::LispString;

/// Characters addressable by index (0-based, in `0..char_count()`).
pub trait TextSource {
    fn char_count(&self) -> usize;
    /// The character at index I; raw bytes of unibyte text are 0..=255.
    fn char_at(&self, i: usize) -> u32;
    fn multibyte(&self) -> bool;
}

impl TextSource for LispString {
    fn char_count(&self) -> usize {
        self.nchars
    }
    fn char_at(&self, i: usize) -> u32 {
        LispString::char_at(self, i)
    }
    fn multibyte(&self) -> bool {
        self.multibyte
    }
}
