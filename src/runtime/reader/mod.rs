//! The Lisp reader of GNU Emacs 30.1 (lread.c's `read0` and its helpers):
//! text to Lisp objects, with all of Emacs's syntax — numbers in every radix
//! and bignums, floats with INF/NaN, symbols with escapes, `##`, `#:`, `#_`,
//! strings and characters with every escape and the unibyte/multibyte rules,
//! lists, vectors, records, hash tables, bool vectors, closures, char-tables,
//! strings with properties, `#N=`/`#N#` shared structure and the quote
//! shorthands — and Emacs's exact error data.  Reading is iterative (an
//! explicit stack), so nesting depth never threatens the native stack.
//!
//! Entry points: `read_from_string` (what `read-from-string` does),
//! `read_from_function` (a function stream), and `Reader`, which reads the
//! successive forms of a file's text, reporting positions and errors the way
//! reads from a buffer do.  `read-positioning-symbols` reads strings and
//! functions through `read_positioning_symbols`, and buffers and markers
//! through `with_symbol_positions` around the buffer reader.

mod build;
mod lexer;
mod obarray;
mod read;
mod source;
#[cfg(test)]
mod tests;

pub use build::{plist_get, substitute};
pub use lexer::string_to_number;
pub use obarray::{
    check_obarray, clear_obarray, current_obarray, intern_in, is_obarray, lookup as obarray_lookup, make_obarray, obarray_buckets,
    obarray_count, obarray_symbols, standard_obarray, unintern_from,
};

use crate::runtime::error::LResult;
use crate::runtime::value::Value;
use read::Ctx;
use source::{LineCache, Source};

/// Reads one object from the characters of string S from char index START
/// (to END, default the end); returns the object and the char index just
/// after it, as `read-from-string` does.
pub fn read_from_string(s: Value, start: usize, end: Option<usize>) -> LResult<(Value, usize)> {
    let len = s.string_ref().nchars;
    let end_ix = end.unwrap_or(len);
    if start > end_ix || end_ix > len {
        let e = end.map(|e| Value::fixnum(e as i64)).unwrap_or(Value::NIL);
        return Err(crate::runtime::error::args_out_of_range3(s, Value::fixnum(start as i64), e));
    }
    let mut ctx = Ctx::new(Source::string(s, start, end_ix), false);
    let v = ctx.read0()?;
    let pos = match &ctx.src {
        Source::Str(st) => st.pos,
        Source::Func(_) => 0,
    };
    Ok((v, pos))
}

/// Reads one object from a function stream: F is called with no arguments
/// for each character (nil at the end) and with one to push a character back.
pub fn read_from_function(f: Value) -> LResult {
    Ctx::new(Source::Func(f), false).read0()
}

/// `read-positioning-symbols` from a string (read from its start) or a
/// function stream: each symbol but nil becomes a symbol with position,
/// the position counting the characters read before it.
pub fn read_positioning_symbols(stream: Value) -> LResult {
    let src = if stream.is_string() { Source::string(stream, 0, stream.string_ref().nchars) } else { Source::Func(stream) };
    let mut ctx = Ctx::new(src, false);
    ctx.locate = true;
    ctx.read0()
}

thread_local! {
    /// While set, `Reader::read_next` reads symbols with position, its
    /// count of characters starting at this value.
    static LOCATE_FROM: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

/// Runs F (a read from a buffer or marker) with symbols read with
/// position, positions counting from ORIGIN at the reading point (lread.c
/// starts `readchar_offset` at point for a buffer, at 0 for a marker).
pub fn with_symbol_positions<R>(origin: i64, f: impl FnOnce() -> R) -> R {
    let saved = LOCATE_FROM.with(|c| c.replace(Some(origin)));
    let r = f();
    LOCATE_FROM.with(|c| c.set(saved));
    r
}

/// Reads the successive forms of a source text (a file's decoded contents),
/// as `load` reads a buffer: errors carry line and column, `end-of-file`
/// carries `load-true-file-name`.  The caller keeps the source string alive.
pub struct Reader {
    ctx: Ctx,
    lines: LineCache,
    last: (usize, usize),
}

impl Reader {
    pub fn new(source: Value) -> Reader {
        let len = source.string_ref().nchars;
        let mut src = Source::string(source, 0, len);
        if let Source::Str(s) = &mut src {
            // A unibyte text reads like a unibyte buffer: ASCII-only text as
            // multibyte, other bytes as raw bytes.
            if !s.multibyte {
                s.bytes_as_raw = true;
                s.multibyte = source.string_ref().is_ascii();
            }
        }
        Reader { ctx: Ctx::new(src, true), lines: LineCache::default(), last: (1, 0) }
    }

    /// The next form, or None when only whitespace and comments remain.
    pub fn read_next(&mut self) -> LResult<Option<Value>> {
        let locate = LOCATE_FROM.with(|c| c.get());
        self.ctx.locate = locate.is_some();
        self.ctx.offset = locate.unwrap_or(0);
        loop {
            let mut c = self.ctx.readchar()?;
            if c == ';' as i64 {
                while c >= 0 && c != '\n' as i64 {
                    c = self.ctx.readchar()?;
                }
                continue;
            }
            if c < 0 {
                return Ok(None);
            }
            if matches!(c, 0x20 | 0x09 | 0x0A | 0x0C | 0x0D | 0xA0) {
                continue;
            }
            self.ctx.unread(c)?;
            break;
        }
        if let Source::Str(s) = &self.ctx.src {
            let text = s.consumed();
            let (line, start) = self.lines.locate(text, text.len());
            self.last = (line, source::char_count(&text[start..], s.multibyte));
        }
        self.ctx.reset_labels();
        self.ctx.read0().map(Some)
    }

    /// (line from 1, column from 0) where the last form read began.
    pub fn position(&self) -> (usize, usize) {
        self.last
    }

    /// The char index reading has reached.
    pub fn offset(&self) -> usize {
        match &self.ctx.src {
            Source::Str(s) => s.pos,
            Source::Func(_) => 0,
        }
    }
}
