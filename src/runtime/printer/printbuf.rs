//! Emacs's single print buffer as Lisp code sees it while a print into it
//! is suspended.
//!
//! GNU Emacs prints into buffers (a buffer or marker stream, and the
//! ` prin1` buffer of `prin1-to-string` and `format`'s `%S`) through one
//! global `print_buffer`.  When `print-unreadable-function` runs in the
//! middle of such a print and prints into a buffer again, the nested
//! `print_prepare` saves the outer text as a string and restarts the print
//! buffer at 0; its unwind handler (`print_unwind`) copies the saved text
//! back but uses its character count as a byte count and does not restore
//! the length.  The outer print then carries on from the nested print's
//! length, over the nested text with the outer text's first bytes copied
//! onto it.  Enoki gives each print its own builder and reproduces that
//! result here: [`suspended`] brackets the callback of an outer print, and
//! [`nested`] brackets every print into a print buffer.

use super::super::load::decode_source;
use super::super::string::StringBuilder;
use std::cell::RefCell;

/// The print buffer's visible bytes and character count.
type Text = (Vec<u8>, usize);

thread_local! {
    /// Some while Lisp code runs in the middle of a print into the print
    /// buffer (and no nested print into it has started since).
    static SUSPENDED: RefCell<Option<Text>> = const { RefCell::new(None) };
}

fn swap(t: Option<Text>) -> Option<Text> {
    SUSPENDED.with(|s| std::mem::replace(&mut *s.borrow_mut(), t))
}

/// Runs F (Lisp code called in the middle of printing into OUTER), then
/// gives OUTER the text a nested print into the print buffer left there.
pub fn suspended<T>(outer: &mut StringBuilder, f: impl FnOnce() -> T) -> T {
    let prev = swap(Some((outer.data.clone(), outer.nchars)));
    let r = f();
    if let Some((data, nchars)) = swap(prev) {
        if data != outer.data || nchars != outer.nchars {
            set_text(outer, data, nchars);
        }
    }
    r
}

/// Runs F, a print into the fresh builder B (Emacs's print_prepare with
/// PRINTCHARFUN nil ... print_finish and its unwinding), on every exit.
pub fn nested<T>(b: &mut StringBuilder, f: impl FnOnce(&mut StringBuilder) -> T) -> T {
    let saved = swap(None);
    let r = f(b);
    if let Some((data, nchars)) = saved {
        // print_unwind: memcpy (buffer, SDATA (saved), SCHARS (saved)).
        let mut text = b.data.clone();
        let k = nchars.min(text.len()).min(data.len());
        text[..k].copy_from_slice(&data[..k]);
        swap(Some((text, b.nchars)));
    }
    r
}

/// Makes B hold DATA.  Text whose character count no longer matches its
/// bytes (the copy above can split a multibyte sequence) is kept as the
/// characters its bytes decode to, invalid bytes as raw-byte characters.
fn set_text(b: &mut StringBuilder, data: Vec<u8>, nchars: usize) {
    if data.is_ascii() && nchars == data.len() {
        b.data = data;
        b.nchars = nchars;
        return;
    }
    let s = decode_source(&data);
    let st = s.string_ref();
    b.data = st.data.clone();
    b.nchars = st.nchars;
    b.multibyte = st.multibyte || b.multibyte;
}
