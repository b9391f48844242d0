//! Buffer text storage: the `BufferText` interface every buffer's text goes
//! through (a host editor may supply its own, see `crate::host`), and
//! `GapText`, Enoki's implementation: a gap buffer of Emacs's internal
//! encoding with character/byte position conversion.  Conversions are O(1)
//! for ASCII-only or unibyte text and otherwise scan from the nearest known
//! position (start, end, or the last conversion), as Emacs's
//! `buf_charpos_to_bytepos` does with its position cache.

use crate::runtime::string::{char_len_at, decode_char};
use std::cell::Cell;

/// The text of one buffer, addressed by 0-based character index.
pub trait BufferText {
    fn len_chars(&self) -> usize;
    fn len_bytes(&self) -> usize;
    /// Whether the text is multibyte (Emacs's internal encoding) or
    /// unibyte (one byte per character).
    fn multibyte(&self) -> bool;
    fn char_to_byte(&self, pos: usize) -> usize;
    fn byte_to_char(&self, byte: usize) -> usize;
    /// The character at index POS (< len_chars); raw bytes of unibyte text
    /// are 0..=255.
    fn char_at(&self, pos: usize) -> u32;
    /// Appends the bytes of characters FROM..TO to OUT.
    fn copy_bytes(&self, from: usize, to: usize, out: &mut Vec<u8>);
    /// Inserts BYTES (NCHARS characters, in this text's representation)
    /// before character index POS.
    fn insert(&mut self, pos: usize, bytes: &[u8], nchars: usize);
    /// Deletes characters FROM..TO.
    fn delete(&mut self, from: usize, to: usize);
    /// Replaces the whole text (used when the representation changes).
    fn reset(&mut self, bytes: Vec<u8>, nchars: usize, multibyte: bool);
    /// Replaces characters FROM..TO by BYTES (NCHARS characters).
    fn replace(&mut self, from: usize, to: usize, bytes: &[u8], nchars: usize) {
        self.delete(from, to);
        self.insert(from, bytes, nchars);
    }
    /// search.c's `find_newline` over character indices: from START towards
    /// END (END >= START when COUNT > 0, END <= START when COUNT < 0), the
    /// index just after the COUNTth newline, or END; and how many newlines
    /// were found (signed).
    fn find_newline(&self, start: usize, end: usize, count: i64) -> (usize, i64) {
        find_newline_by_chars(self, start, end, count)
    }
}

/// `BufferText::find_newline` by looking at every character.
pub fn find_newline_by_chars<T: BufferText + ?Sized>(t: &T, start: usize, end: usize, count: i64) -> (usize, i64) {
    let mut remaining = count;
    if count > 0 {
        for c in start..end {
            if t.char_at(c) == '\n' as u32 {
                remaining -= 1;
                if remaining == 0 {
                    return (c + 1, count);
                }
            }
        }
    } else if count < 0 {
        for c in (end..start).rev() {
            if t.char_at(c) == '\n' as u32 {
                remaining += 1;
                if remaining == 0 {
                    return (c + 1, count);
                }
            }
        }
    } else {
        return (start, 0);
    }
    (end, count - remaining)
}

/// The gap Emacs gives a new buffer, and what it adds when the gap is
/// too small (buffer.h's GAP_BYTES_MIN and GAP_BYTES_DFL): `gap-position`
/// and `gap-size` then report the same values as GNU Emacs.
const GAP_INITIAL: usize = 20;
const GAP_EXTRA: usize = 2000;

/// Enoki's gap buffer.
pub struct GapText {
    data: Vec<u8>,
    gap: usize,
    gap_len: usize,
    nchars: usize,
    multibyte: bool,
    /// The last (char, byte) conversion.
    cache: Cell<(usize, usize)>,
}

impl Default for GapText {
    fn default() -> Self {
        GapText::new()
    }
}

impl GapText {
    pub fn new() -> GapText {
        GapText { data: vec![0; GAP_INITIAL], gap: 0, gap_len: GAP_INITIAL, nchars: 0, multibyte: true, cache: Cell::new((0, 0)) }
    }

    /// The character index where the gap starts.
    pub fn gap_char_position(&self) -> usize {
        self.byte_to_char(self.gap)
    }
    /// The gap's size in bytes.
    pub fn gap_size(&self) -> usize {
        self.gap_len
    }

    #[inline]
    fn nbytes(&self) -> usize {
        self.data.len() - self.gap_len
    }

    #[inline]
    fn byte_at(&self, i: usize) -> u8 {
        if i < self.gap {
            self.data[i]
        } else {
            self.data[i + self.gap_len]
        }
    }

    fn move_gap(&mut self, pos: usize) {
        if pos < self.gap {
            let n = self.gap - pos;
            self.data.copy_within(pos..self.gap, pos + self.gap_len);
            self.gap -= n;
        } else if pos > self.gap {
            let n = pos - self.gap;
            let from = self.gap + self.gap_len;
            self.data.copy_within(from..from + n, self.gap);
            self.gap += n;
        }
    }

    fn ensure_gap(&mut self, n: usize) {
        if self.gap_len >= n {
            return;
        }
        let grow = n - self.gap_len + GAP_EXTRA;
        let tail = self.data.len() - (self.gap + self.gap_len);
        let old_len = self.data.len();
        self.data.resize(old_len + grow, 0);
        let tail_from = self.gap + self.gap_len;
        self.data.copy_within(tail_from..tail_from + tail, tail_from + grow);
        self.gap_len += grow;
    }

    fn is_single_byte(&self) -> bool {
        !self.multibyte || self.nchars == self.nbytes()
    }
}

impl BufferText for GapText {
    fn len_chars(&self) -> usize {
        self.nchars
    }

    /// Scans bytes: a newline byte never occurs inside a multibyte
    /// character, so only the result needs converting back to characters.
    fn find_newline(&self, start: usize, end: usize, count: i64) -> (usize, i64) {
        if count == 0 {
            return (start, 0);
        }
        let (bs, be) = (self.char_to_byte(start), self.char_to_byte(end));
        if (count > 0 && be < bs) || (count < 0 && bs < be) {
            return (end, 0);
        }
        let (before, after) = (&self.data[..self.gap], &self.data[self.gap + self.gap_len..]);
        // The logical bytes LO..HI as (slice, offset of its first byte) pieces.
        let pieces = |lo: usize, hi: usize| {
            let a = &before[lo.min(self.gap)..hi.min(self.gap)];
            let b = &after[lo.max(self.gap) - self.gap..hi.max(self.gap) - self.gap];
            [(a, lo.min(self.gap)), (b, lo.max(self.gap))]
        };
        let mut remaining = count;
        if count > 0 {
            for (piece, offset) in pieces(bs, be) {
                for (i, _) in piece.iter().enumerate().filter(|(_, &b)| b == b'\n') {
                    remaining -= 1;
                    if remaining == 0 {
                        return (self.byte_to_char(offset + i + 1), count);
                    }
                }
            }
        } else {
            for (piece, offset) in pieces(be, bs).into_iter().rev() {
                for (i, _) in piece.iter().enumerate().rev().filter(|(_, &b)| b == b'\n') {
                    remaining += 1;
                    if remaining == 0 {
                        return (self.byte_to_char(offset + i + 1), count);
                    }
                }
            }
        }
        (end, count - remaining)
    }
    fn len_bytes(&self) -> usize {
        self.nbytes()
    }
    fn multibyte(&self) -> bool {
        self.multibyte
    }

    fn char_to_byte(&self, pos: usize) -> usize {
        if self.is_single_byte() {
            return pos;
        }
        let pos = pos.min(self.nchars);
        let (cc, cb) = self.cache.get();
        let mut best = (0usize, 0usize);
        let mut dist = pos;
        for cand in [(self.nchars, self.nbytes()), (cc, cb)] {
            let d = cand.0.abs_diff(pos);
            if d < dist {
                best = cand;
                dist = d;
            }
        }
        let (mut c, mut b) = best;
        while c < pos {
            b += char_len_at(self.byte_at(b));
            c += 1;
        }
        while c > pos {
            b -= 1;
            while b > 0 && (0x80..0xC0).contains(&self.byte_at(b)) {
                b -= 1;
            }
            c -= 1;
        }
        self.cache.set((c, b));
        b
    }

    fn byte_to_char(&self, byte: usize) -> usize {
        if self.is_single_byte() {
            return byte;
        }
        let byte = byte.min(self.nbytes());
        let (cc, cb) = self.cache.get();
        let mut best = (0usize, 0usize);
        let mut dist = byte;
        for cand in [(self.nchars, self.nbytes()), (cc, cb)] {
            let d = cand.1.abs_diff(byte);
            if d < dist {
                best = cand;
                dist = d;
            }
        }
        let (mut c, mut b) = best;
        while b < byte {
            b += char_len_at(self.byte_at(b));
            c += 1;
        }
        while b > byte {
            b -= 1;
            while b > 0 && (0x80..0xC0).contains(&self.byte_at(b)) {
                b -= 1;
            }
            c -= 1;
        }
        self.cache.set((c, b));
        c
    }

    fn char_at(&self, pos: usize) -> u32 {
        if !self.multibyte {
            return self.byte_at(pos) as u32;
        }
        let b = self.char_to_byte(pos);
        let lead = self.byte_at(b);
        if lead < 0x80 {
            return lead as u32;
        }
        let n = char_len_at(lead).min(self.nbytes() - b);
        let mut buf = [0u8; 5];
        for (k, slot) in buf.iter_mut().enumerate().take(n) {
            *slot = self.byte_at(b + k);
        }
        decode_char(&buf[..n]).0
    }

    fn copy_bytes(&self, from: usize, to: usize, out: &mut Vec<u8>) {
        let (bf, bt) = (self.char_to_byte(from), self.char_to_byte(to));
        if bt <= self.gap {
            out.extend_from_slice(&self.data[bf..bt]);
        } else if bf >= self.gap {
            out.extend_from_slice(&self.data[bf + self.gap_len..bt + self.gap_len]);
        } else {
            out.extend_from_slice(&self.data[bf..self.gap]);
            out.extend_from_slice(&self.data[self.gap + self.gap_len..bt + self.gap_len]);
        }
    }

    fn insert(&mut self, pos: usize, bytes: &[u8], nchars: usize) {
        let b = self.char_to_byte(pos);
        self.move_gap(b);
        self.ensure_gap(bytes.len());
        self.data[self.gap..self.gap + bytes.len()].copy_from_slice(bytes);
        self.gap += bytes.len();
        self.gap_len -= bytes.len();
        self.nchars += nchars;
        self.cache.set((pos + nchars, b + bytes.len()));
    }

    fn delete(&mut self, from: usize, to: usize) {
        if to <= from {
            return;
        }
        let (bf, bt) = (self.char_to_byte(from), self.char_to_byte(to));
        self.move_gap(bf);
        self.gap_len += bt - bf;
        self.nchars -= to - from;
        self.cache.set((from, bf));
    }

    fn replace(&mut self, from: usize, to: usize, bytes: &[u8], nchars: usize) {
        let (bf, bt) = (self.char_to_byte(from), self.char_to_byte(to));
        if bt - bf == bytes.len() && to - from == nchars {
            // Same size: overwrite in place, the gap stays where it is.
            for (k, &byte) in bytes.iter().enumerate() {
                let i = bf + k;
                let phys = if i < self.gap { i } else { i + self.gap_len };
                self.data[phys] = byte;
            }
            return;
        }
        self.delete(from, to);
        self.insert(from, bytes, nchars);
    }

    fn reset(&mut self, bytes: Vec<u8>, nchars: usize, multibyte: bool) {
        self.data = bytes;
        self.gap = self.data.len();
        self.gap_len = 0;
        self.nchars = nchars;
        self.multibyte = multibyte;
        self.cache.set((0, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &GapText) -> Vec<u8> {
        let mut v = Vec::new();
        t.copy_bytes(0, t.len_chars(), &mut v);
        v
    }

    #[test]
    fn gap_edits_and_positions() {
        let mut t = GapText::new();
        t.insert(0, b"hello", 5);
        t.insert(5, b" w\xC3\xA9rld", 6);
        assert_eq!(text(&t), "hello w\u{e9}rld".as_bytes());
        assert_eq!(t.len_chars(), 11);
        assert_eq!(t.len_bytes(), 12);
        assert_eq!(t.char_at(7), 0xE9);
        assert_eq!(t.char_to_byte(8), 9);
        assert_eq!(t.byte_to_char(9), 8);
        t.insert(2, b"XY", 2);
        assert_eq!(text(&t), "heXYllo w\u{e9}rld".as_bytes());
        assert_eq!(t.char_at(9), 0xE9);
        t.delete(1, 4);
        assert_eq!(text(&t), "hllo w\u{e9}rld".as_bytes());
        assert_eq!(t.char_to_byte(t.len_chars()), t.len_bytes());
        assert_eq!(t.char_at(t.len_chars() - 1), 'd' as u32);
    }

    #[test]
    fn find_newline_scans_bytes_across_the_gap() {
        let s = "ab\né\n\nxyz日\nq\n";
        let n = s.chars().count();
        for gap_at in 0..=n {
            let mut t = GapText::new();
            t.insert(0, s.as_bytes(), n);
            // Move the gap by deleting and reinserting a character there.
            if gap_at < n {
                let mut one = Vec::new();
                t.copy_bytes(gap_at, gap_at + 1, &mut one);
                t.delete(gap_at, gap_at + 1);
                t.insert(gap_at, &one, 1);
            }
            for start in 0..=n {
                for count in [-4i64, -2, -1, 1, 2, 3, 5] {
                    let ends: Vec<usize> = if count > 0 { (start..=n).collect() } else { (0..=start).collect() };
                    for end in ends {
                        assert_eq!(
                            t.find_newline(start, end, count),
                            find_newline_by_chars(&t, start, end, count),
                            "gap {gap_at} {start}..{end} x{count}"
                        );
                    }
                }
            }
        }
    }
}
