//! Where the reader's characters come from: a Lisp string (for
//! `read-from-string`, `read` of a string, and the file `Reader`) or a Lisp
//! function called with no argument for each character and with one to push
//! a character back (Emacs's "readcharfun" protocol).  Characters are `i64`
//! with -1 for end of input, as lread.c's `int`s.  Also the line/column
//! arithmetic that buffer reads report in their error data.

use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::funcall;
use crate::runtime::string::{char_is_raw_byte, decode_char, raw_byte_char, BYTE8_FIRST};
use crate::runtime::sym;
use crate::runtime::value::Value;

/// A Lisp string being read from char index `pos` (byte `byte`) up to `limit`.
pub struct StrSource {
    pub string: Value,
    pub pos: usize,
    pub byte: usize,
    pub limit: usize,
    /// Whether the string's bytes are internal multibyte text.
    pub multibyte: bool,
    /// Read non-ASCII bytes of a unibyte string as raw-byte characters (as a
    /// unibyte buffer does) instead of as characters 128..255 (as a string does).
    pub bytes_as_raw: bool,
}

pub enum Source {
    Str(StrSource),
    Func(Value),
}

impl Source {
    /// A string source over chars START..END of STRING (the caller checked the range).
    pub fn string(string: Value, start: usize, end: usize) -> Source {
        let s = string.string_ref();
        let byte = s.byte_offset(start.min(s.nchars));
        Source::Str(StrSource { string, pos: start, byte, limit: end, multibyte: s.multibyte, bytes_as_raw: false })
    }

    /// Whether text read from here counts as multibyte (`READCHAR_REPORT_MULTIBYTE`).
    pub fn multibyte(&self) -> bool {
        match self {
            Source::Str(s) => s.multibyte,
            Source::Func(_) => false,
        }
    }

    /// The next character, or -1 at the end of input.
    #[inline]
    pub fn readchar(&mut self) -> LResult<i64> {
        match self {
            Source::Str(s) => Ok(s.next()),
            Source::Func(f) => {
                let v = funcall(*f, &[])?;
                if v.is_nil() {
                    return Ok(-1);
                }
                v.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, v))
            }
        }
    }

    /// Pushes back C, the character just read (nothing for end of input).
    #[inline]
    pub fn unread(&mut self, c: i64) -> LResult<()> {
        if c < 0 {
            return Ok(());
        }
        match self {
            Source::Str(s) => {
                s.back();
                Ok(())
            }
            Source::Func(f) => funcall(*f, &[Value::fixnum(c)]).map(|_| ()),
        }
    }
}

impl StrSource {
    #[inline]
    fn next(&mut self) -> i64 {
        if self.pos >= self.limit {
            return -1;
        }
        let data = &self.string.string_ref().data;
        let Some(&b) = data.get(self.byte) else {
            return -1;
        };
        self.pos += 1;
        if b < 0x80 {
            self.byte += 1;
            return b as i64;
        }
        if !self.multibyte {
            self.byte += 1;
            return if self.bytes_as_raw { raw_byte_char(b) as i64 } else { b as i64 };
        }
        let (c, n) = decode_char(&data[self.byte..]);
        self.byte = (self.byte + n).min(data.len());
        c as i64
    }

    #[inline]
    fn back(&mut self) {
        if self.pos == 0 || self.byte == 0 {
            return;
        }
        self.pos -= 1;
        if !self.multibyte {
            self.byte -= 1;
            return;
        }
        let data = &self.string.string_ref().data;
        let mut b = self.byte - 1;
        while b > 0 && self.byte - b < 5 && data.get(b).is_some_and(|x| x & 0xC0 == 0x80) {
            b -= 1;
        }
        self.byte = b;
    }

    /// The text before the read position, for line/column arithmetic.
    pub fn consumed(&self) -> &[u8] {
        let data = &self.string.string_ref().data;
        &data[..self.byte.min(data.len())]
    }
}

/// Forward-only line counting over a source's bytes, caching the last answer
/// so that a file's successive forms cost linear time in all.
#[derive(Default)]
pub struct LineCache {
    byte: usize,
    line: usize,
    line_start: usize,
}

impl LineCache {
    /// (line from 1, byte offset where that line starts) of byte offset POS in TEXT.
    pub fn locate(&mut self, text: &[u8], pos: usize) -> (usize, usize) {
        let pos = pos.min(text.len());
        if pos < self.byte {
            *self = LineCache::default();
        }
        for (i, &b) in text[self.byte..pos].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.byte + i + 1;
            }
        }
        self.byte = pos;
        (self.line + 1, self.line_start)
    }
}

/// Characters in internal text (multibyte when MULTIBYTE).
pub fn char_count(text: &[u8], multibyte: bool) -> usize {
    if multibyte {
        crate::runtime::string::count_chars(text)
    } else {
        text.len()
    }
}

/// The column `current-column` reports at the end of TEXT (the text of one
/// line): tabs advance to the next multiple of 8, control characters take 2
/// columns (`^A`), raw bytes and C1 controls 4 (`\200`), wide characters 2.
pub fn display_column(text: &[u8], multibyte: bool) -> usize {
    let mut col = 0;
    let mut i = 0;
    while i < text.len() {
        let (c, n) = if multibyte { decode_char(&text[i..]) } else { (raw_byte_char(text[i]), 1) };
        i += n.max(1);
        col = match c {
            9 => (col / 8 + 1) * 8,
            0..=31 | 127 => col + 2,
            0x80..=0x9F => col + 4,
            _ if char_is_raw_byte(c) || c >= BYTE8_FIRST => col + 4,
            _ if is_wide(c) => col + 2,
            _ => col + 1,
        };
    }
    col
}

/// East Asian Wide and Fullwidth characters (the ranges of `char-width-table`).
fn is_wide(c: u32) -> bool {
    matches!(c,
        0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
        | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1
        | 0x26AA..=0x26AB | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA
        | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728
        | 0x274C | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x2E80..=0x303E | 0x3041..=0x33FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x16FE0..=0x16FE4 | 0x17000..=0x18CFF
        | 0x1B000..=0x1B2FF | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A
        | 0x1F200..=0x1F251 | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}
