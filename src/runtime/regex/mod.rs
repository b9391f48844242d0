//! GNU Emacs's regular expressions, written for Enoki: the compiler of the
//! Emacs regexp dialect (`compile`), the static analyses it and the matcher
//! rely on (`analyze`), the backtracking matcher and search loop (`exec`),
//! the `[:class:]` predicates (`charclass`), a cache of compiled patterns
//! like search.c's (`cache`), and cached lookups of the case and syntax
//! tables for characters 0..255 (`tables`).  Text is read through
//! `TextSource`, by character positions, so strings and buffers are
//! searched the same way (buffers through a window of decoded text,
//! `buffer::Accessible`).

pub mod analyze;
pub mod bridge;
pub mod buffer;
pub mod cache;
pub mod charclass;
pub mod compile;
pub mod exec;
pub mod tables;
#[rustfmt::skip]
mod unicode;

pub use compile::CompileError;
pub use exec::{MatchEnv, Overflow, Registers};

use crate::runtime::text::TextSource;

/// The opcodes of the compiled byte code (regex-emacs.c's `re_opcode_t`).
pub mod op {
    pub const NO_OP: u8 = 0;
    pub const SUCCEED: u8 = 1;
    pub const EXACTN: u8 = 2;
    pub const ANYCHAR: u8 = 3;
    pub const CHARSET: u8 = 4;
    pub const CHARSET_NOT: u8 = 5;
    pub const START_MEMORY: u8 = 6;
    pub const STOP_MEMORY: u8 = 7;
    pub const DUPLICATE: u8 = 8;
    pub const BEGLINE: u8 = 9;
    pub const ENDLINE: u8 = 10;
    pub const BEGBUF: u8 = 11;
    pub const ENDBUF: u8 = 12;
    pub const JUMP: u8 = 13;
    pub const ON_FAILURE_JUMP: u8 = 14;
    pub const ON_FAILURE_KEEP_STRING_JUMP: u8 = 15;
    pub const ON_FAILURE_JUMP_LOOP: u8 = 16;
    pub const ON_FAILURE_JUMP_NASTYLOOP: u8 = 17;
    pub const ON_FAILURE_JUMP_SMART: u8 = 18;
    pub const SUCCEED_N: u8 = 19;
    pub const JUMP_N: u8 = 20;
    pub const SET_NUMBER_AT: u8 = 21;
    pub const WORDBEG: u8 = 22;
    pub const WORDEND: u8 = 23;
    pub const WORDBOUND: u8 = 24;
    pub const NOTWORDBOUND: u8 = 25;
    pub const SYMBEG: u8 = 26;
    pub const SYMEND: u8 = 27;
    pub const SYNTAXSPEC: u8 = 28;
    pub const NOTSYNTAXSPEC: u8 = 29;
    pub const AT_DOT: u8 = 30;
    pub const CATEGORYSPEC: u8 = 31;
    pub const NOTCATEGORYSPEC: u8 = 32;

    /// Syntax classes the byte code refers to.
    pub const SWORD: u8 = 2;
    pub const SSYMBOL: u8 = 3;
}

/// Raw-byte characters are `BYTE8_BASE + byte` for bytes #x80..#xFF.
pub const BYTE8_BASE: u32 = 0x3F_FF00;

/// `CHAR_BYTE8_P`.
#[inline]
pub fn byte8_p(c: u32) -> bool {
    c > 0x3F_FF7F
}
/// `UNIBYTE_TO_CHAR`: a byte of unibyte text as a character.
#[inline]
pub fn char_to_multibyte(b: u32) -> u32 {
    if b < 0x80 {
        b
    } else {
        BYTE8_BASE + (b & 0xff)
    }
}
/// `CHAR_TO_BYTE_SAFE`: ASCII and raw bytes as bytes, others none.
#[inline]
pub fn char_to_unibyte(c: u32) -> Option<u32> {
    if c < 0x80 {
        Some(c)
    } else if byte8_p(c) {
        Some(c - BYTE8_BASE)
    } else {
        None
    }
}
/// `CHAR_LEADING_CODE`: the first byte of C's internal encoding.
#[inline]
pub fn leading_code(c: u32) -> u8 {
    if c < 0x80 {
        c as u8
    } else if c < 0x800 {
        0xC0 | (c >> 6) as u8
    } else if c < 0x1_0000 {
        0xE0 | (c >> 12) as u8
    } else if c < 0x20_0000 {
        0xF0 | (c >> 18) as u8
    } else if !byte8_p(c) {
        0xF8
    } else {
        // A raw byte #x80..#xFF is C0 80..BF or C1 80..BF.
        0xC0 | (((c - BYTE8_BASE) >> 6) & 1) as u8
    }
}

/// A compiled pattern with its fastmap, as a search buffer holds it.  The
/// byte code is modified while matching (loop counters, smart jumps), as
/// in Emacs, so a `Regexp` is used by one match at a time.
pub struct Regexp {
    pub buf: Vec<u8>,
    pub re_nsub: usize,
    pub multibyte: bool,
    pub used_syntax: bool,
    pub fastmap: [bool; 256],
    pub fastmap_accurate: bool,
    pub can_be_null: bool,
    /// The fastmap applied to characters 0..255 (`exec::search`'s cache).
    pub(crate) start_table: Option<exec::StartTable>,
    /// The matcher's working memory, kept between matches.
    pub(crate) scratch: exec::Scratch,
}

impl Regexp {
    /// Compiles PATTERN (characters; bytes if not MULTIBYTE).
    pub fn new(
        pattern: &[u32],
        multibyte: bool,
        posix: bool,
        whitespace: Option<&[u32]>,
        env: &compile::CompileEnv,
    ) -> Result<Regexp, CompileError> {
        let prog = compile::compile(pattern, multibyte, posix, whitespace, env)?;
        Ok(Regexp {
            buf: prog.buf,
            re_nsub: prog.re_nsub,
            multibyte: prog.multibyte,
            used_syntax: prog.used_syntax,
            fastmap: [false; 256],
            fastmap_accurate: false,
            can_be_null: false,
            start_table: None,
            scratch: exec::Scratch::default(),
        })
    }

    /// Searches TEXT from START over RANGE positions (negative: backward),
    /// matches never extending past STOP.
    pub fn search<T: TextSource + ?Sized>(
        &mut self,
        text: &T,
        start: usize,
        range: i64,
        stop: usize,
        env: &MatchEnv,
        regs: Option<&mut Registers>,
    ) -> Result<Option<usize>, Overflow> {
        exec::search(self, text, start as i64, range, stop, env, regs)
    }

    /// Matches at POS only; returns the end of the match.
    pub fn match_at<T: TextSource + ?Sized>(
        &mut self,
        text: &T,
        pos: usize,
        stop: usize,
        env: &MatchEnv,
        regs: Option<&mut Registers>,
    ) -> Result<Option<usize>, Overflow> {
        exec::match_at(self, text, pos, stop, env, regs)
    }
}

/// Characters addressable by index, decoded once (multibyte strings index
/// in O(n), so the matcher reads a decoded copy).
pub struct CharVec {
    pub chars: Vec<u32>,
    pub multibyte: bool,
}

impl TextSource for CharVec {
    fn char_count(&self) -> usize {
        self.chars.len()
    }
    #[inline]
    fn char_at(&self, i: usize) -> u32 {
        self.chars[i]
    }
    fn multibyte(&self) -> bool {
        self.multibyte
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::string::encode_char;

    #[test]
    fn leading_code_is_the_first_byte_of_the_encoding() {
        let samples = (0..0x1100u32).chain([0xFFFF, 0x1_0000, 0x1F_FFFF, 0x20_0000, 0x3F_FF7F, 0x3F_FF80, 0x3F_FFBF, 0x3F_FFC0, 0x3F_FFFF]);
        for c in samples {
            let mut v = Vec::new();
            encode_char(c, &mut v);
            assert_eq!(leading_code(c), v[0], "char {c:#x}");
        }
    }
}
