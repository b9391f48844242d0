//! Lisp strings in Emacs's own model: a byte vector that is either unibyte
//! (one byte per character) or multibyte (Emacs's internal UTF-8 extension:
//! characters up to #x3FFF7F in up to five bytes, raw bytes #x3FFF80..#x3FFFFF
//! as the two-byte sequences C0/C1 xx).  `string-bytes` is the byte length.
//! Text properties hang off `props` (an interval list, filled in by the
//! text-property code).

use super::heap::{heap, Marker};
use super::value::Value;

pub const MAX_CHAR: u32 = 0x3F_FFFF;
pub const MAX_UNICODE_CHAR: u32 = 0x10_FFFF;
pub const BYTE8_FIRST: u32 = 0x3F_FF80;

#[repr(C)]
pub struct LispString {
    /// Never 7 mod 8 while live (the heap relies on it not).
    header: u64,
    pub data: Vec<u8>,
    pub nchars: usize,
    pub multibyte: bool,
    /// Text properties: a list of (START END PLIST) triples, or nil.
    pub props: Value,
}

impl LispString {
    pub fn new(data: Vec<u8>, nchars: usize, multibyte: bool) -> LispString {
        LispString { header: 0, data, nchars, multibyte, props: Value::NIL }
    }
    pub fn trace(&self, m: &mut Marker) {
        m.mark(self.props);
    }
    pub fn len_bytes(&self) -> usize {
        self.data.len()
    }
    /// Iterates characters (raw bytes of unibyte strings as 0..=255).
    pub fn chars(&self) -> CharIter<'_> {
        CharIter { data: &self.data, pos: 0, multibyte: self.multibyte }
    }
    /// The character at char index `i` (O(n) for multibyte strings).
    pub fn char_at(&self, i: usize) -> u32 {
        if !self.multibyte || self.nchars == self.data.len() {
            return self.data[i] as u32;
        }
        let off = self.byte_offset(i);
        decode_char(&self.data[off..]).0
    }
    pub fn byte_offset(&self, char_index: usize) -> usize {
        if !self.multibyte || self.nchars == self.data.len() {
            return char_index;
        }
        let mut off = 0;
        for _ in 0..char_index {
            off += char_len_at(self.data[off]);
        }
        off
    }
    /// The text as a Rust string, raw bytes and non-Unicode chars replaced.
    pub fn to_string_lossy(&self) -> String {
        self.chars().map(|c| char::from_u32(c).filter(|_| self.multibyte || c < 128).unwrap_or('\u{FFFD}')).collect()
    }
    pub fn is_ascii(&self) -> bool {
        self.data.is_ascii()
    }
}

pub struct CharIter<'a> {
    data: &'a [u8],
    pos: usize,
    multibyte: bool,
}

impl Iterator for CharIter<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.pos >= self.data.len() {
            return None;
        }
        if !self.multibyte {
            self.pos += 1;
            return Some(self.data[self.pos - 1] as u32);
        }
        let (c, n) = decode_char(&self.data[self.pos..]);
        self.pos += n;
        Some(c)
    }
}

/// Bytes of the multibyte sequence starting with `lead`.
#[inline]
pub fn char_len_at(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        0xF8 => 5,
        _ => 1,
    }
}

/// Decodes one character of internal multibyte text: (char, byte length).
#[inline]
pub fn decode_char(s: &[u8]) -> (u32, usize) {
    let b0 = s[0] as u32;
    let cont = |i: usize| s.get(i).map(|b| (*b as u32) & 0x3F).unwrap_or(0);
    match s[0] {
        0..=0x7F => (b0, 1),
        0xC0 | 0xC1 => {
            // A raw byte: C0 80..BF -> 80..BF, C1 80..BF -> C0..FF.
            (BYTE8_FIRST + (((b0 & 1) << 6) | cont(1)), 2)
        }
        0xC2..=0xDF => (((b0 & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        0xF0..=0xF7 => (((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4),
        0xF8 => ((cont(1) << 18) | (cont(2) << 12) | (cont(3) << 6) | cont(4), 5),
        _ => (BYTE8_FIRST + b0 - 0x80, 1),
    }
}

pub fn char_is_raw_byte(c: u32) -> bool {
    (BYTE8_FIRST..=MAX_CHAR).contains(&c)
}
/// The byte a raw-byte character stands for.
pub fn raw_byte_value(c: u32) -> u8 {
    (c - BYTE8_FIRST + 0x80) as u8
}
pub fn raw_byte_char(b: u8) -> u32 {
    if b < 0x80 {
        b as u32
    } else {
        BYTE8_FIRST + b as u32 - 0x80
    }
}

/// Appends the internal multibyte encoding of `c`.
#[inline]
pub fn encode_char(c: u32, out: &mut Vec<u8>) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
    } else if c < 0x10000 {
        out.extend_from_slice(&[0xE0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3F) as u8, 0x80 | (c & 0x3F) as u8]);
    } else if c < 0x200000 {
        out.extend_from_slice(&[
            0xF0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3F) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]);
    } else if c < BYTE8_FIRST {
        out.extend_from_slice(&[
            0xF8,
            0x80 | ((c >> 18) & 0x3F) as u8,
            0x80 | ((c >> 12) & 0x3F) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]);
    } else {
        let b = raw_byte_value(c);
        out.extend_from_slice(&[0xC0 | ((b >> 6) & 1), 0x80 | (b & 0x3F)]);
    }
}

pub fn char_bytes(c: u32) -> usize {
    match c {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        0x800..=0xFFFF => 3,
        0x10000..=0x1FFFFF => 4,
        _ if c >= BYTE8_FIRST => 2,
        _ => 5,
    }
}

/// Builds strings character by character, deciding unibyte/multibyte as Emacs does
/// for `concat`-like operations: multibyte iff any char is non-ASCII and not a raw
/// byte source... callers choose with `force_multibyte`.
#[derive(Default)]
pub struct StringBuilder {
    pub data: Vec<u8>,
    pub nchars: usize,
    pub multibyte: bool,
}

impl StringBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn multibyte() -> Self {
        StringBuilder { multibyte: true, ..Default::default() }
    }
    pub fn push(&mut self, c: u32) {
        if self.multibyte {
            encode_char(c, &mut self.data);
        } else if c < 0x80 {
            self.data.push(c as u8);
        } else if char_is_raw_byte(c) {
            self.data.push(raw_byte_value(c));
        } else {
            self.to_multibyte();
            encode_char(c, &mut self.data);
        }
        self.nchars += 1;
    }
    pub fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c as u32);
        }
    }
    /// Converts the accumulated unibyte text (raw bytes) to multibyte.
    pub fn to_multibyte(&mut self) {
        if self.multibyte {
            return;
        }
        let old = std::mem::take(&mut self.data);
        for b in old {
            encode_char(raw_byte_char(b), &mut self.data);
        }
        self.multibyte = true;
    }
    pub fn build(self) -> Value {
        heap().alloc_string(LispString::new(self.data, self.nchars, self.multibyte))
    }
}

/// A new multibyte-or-ASCII string from Rust text (ASCII text gives a unibyte string).
pub fn make_string(s: &str) -> Value {
    let nchars = s.chars().count();
    let multibyte = nchars != s.len();
    heap().alloc_string(LispString::new(s.as_bytes().to_vec(), nchars, multibyte))
}

/// A new string from internal bytes.
pub fn make_string_from_bytes(data: Vec<u8>, multibyte: bool) -> Value {
    let nchars = if multibyte { count_chars(&data) } else { data.len() };
    heap().alloc_string(LispString::new(data, nchars, multibyte))
}

pub fn count_chars(data: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < data.len() {
        i += char_len_at(data[i]);
        n += 1;
    }
    n
}

/// Builds a string from characters: unibyte if all are ASCII or raw bytes
/// and `allow_unibyte`, multibyte otherwise.
pub fn string_from_chars(chars: &[u32]) -> Value {
    let mut b = if chars.iter().any(|&c| c >= 0x80) { StringBuilder::multibyte() } else { StringBuilder::new() };
    for &c in chars {
        b.push(c);
    }
    b.build()
}
