//! Literal (non-regexp) buffer search, as search.c's `simple_search`: the
//! pattern is converted to the buffer's multibyteness and translated by the
//! case-canonicalizing table when folding case; buffer characters are
//! translated as they are compared.  Occurrences are found with
//! Boyer-Moore-Horspool shifts; the matches found are those of a plain
//! left-to-right scan.
//!
//! GNU Emacs uses its Boyer-Moore search when the pattern's case
//! equivalents allow it (`boyer_moore_ok`), and that search records the
//! match data of every occurrence it finds, so a count that is not reached
//! leaves the last occurrence's match data; `simple_search` leaves the
//! match data alone then.  Both are reproduced.

use crate::builtins::prelude::*;
use crate::runtime::casetab;
use crate::runtime::regex::buffer::{Accessible, SearchBuffer};
use crate::runtime::regex::tables::Translate as Translator;
use crate::runtime::regex::{byte8_p, char_to_multibyte, char_to_unibyte};
use crate::runtime::text::TextSource;

pub struct LiteralResult {
    /// The new position, or minus the number of occurrences not found.
    pub result: i64,
    /// The occurrence to record in the match data: the last one found,
    /// when all were or when Emacs would have searched with Boyer-Moore.
    pub matched: Option<(i64, i64)>,
}

/// The pattern's characters as the buffer sees them, untranslated; with
/// RE, a backslash quotes the next character (the regexp is known to be
/// trivial).
fn pattern_chars(p: &LispString, re: bool, buf_mb: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(p.nchars);
    let mut it = p.chars();
    while let Some(mut c) = it.next() {
        if re && c == '\\' as u32 {
            match it.next() {
                Some(n) => c = n,
                None => break,
            }
        }
        out.push(if buf_mb {
            if p.multibyte {
                c
            } else {
                char_to_multibyte(c)
            }
        } else if p.multibyte {
            char_to_unibyte(c).unwrap_or(c & 0xff)
        } else {
            c
        });
    }
    out
}

/// Longest case-equivalence cycle followed (a well-formed table closes
/// its cycles much sooner; a malformed one must not hang the search).
const MAX_CYCLE: usize = 1000;

/// `search_buffer_non_re`'s test whether Boyer-Moore can be used for the
/// characters RAW, given the case-equivalence table EQV (when folding):
/// in a multibyte buffer, the non-ASCII case equivalents of all the
/// pattern's characters must lie in one 64-character block, and not beside
/// ASCII ones; in a unibyte buffer, no character or equivalent may be
/// beyond ASCII.
fn boyer_moore_ok(raw: &[u32], buf_mb: bool, eqv: Option<Value>) -> bool {
    let inv = |c: u32| eqv.map_or(c, |t| casetab::translate(t, c));
    if !buf_mb {
        return raw.iter().all(|&c| {
            let mut inverse = inv(c);
            for _ in 0..MAX_CYCLE {
                if inverse >= 0x80 {
                    return false;
                }
                if inverse == c {
                    return true;
                }
                inverse = inv(inverse);
            }
            false
        });
    }
    if eqv.is_none() {
        return true;
    }
    let mut char_base: i64 = -1;
    for &c in raw {
        let mut inverse = inv(c);
        if inverse == c {
            continue;
        }
        let mut this_base: i64 = -1;
        let mut closed = false;
        for _ in 0..MAX_CYCLE {
            let block = (inverse & !0x3F) as i64;
            if inverse < 0x80 {
                if this_base > 0 {
                    return false;
                }
                this_base = 0;
            } else if byte8_p(inverse) {
                return false;
            } else if this_base < 0 {
                this_base = block;
                if char_base < 0 {
                    char_base = this_base;
                } else if this_base != char_base {
                    return false;
                }
            } else if block != this_base {
                return false;
            }
            if inverse == c {
                closed = true;
                break;
            }
            inverse = inv(inverse);
        }
        if !closed {
            return false;
        }
    }
    true
}

pub fn search(buf: &mut dyn SearchBuffer, pattern: &LispString, re: bool, mut pos: i64, lim: i64, mut n: i64, fold: bool) -> LiteralResult {
    let tr = if fold { Some(Translator::new(casetab::current_canon_table())) } else { None };
    let buf_mb = buf.multibyte();
    let raw = pattern_chars(pattern, re, buf_mb);
    let pat: Vec<u32> = match &tr {
        Some(t) => raw.iter().map(|&c| t.tr(c)).collect(),
        None => raw.clone(),
    };
    // Only needed when a count is not reached after some occurrences.
    let bm = || boyer_moore_ok(&raw, buf_mb, if fold { Some(casetab::current_eqv_table()) } else { None });
    let text = Accessible::new(buf);
    let begv = text.begv as i64;
    let fetch = |p: i64| -> u32 {
        let c = text.char_at((p - begv) as usize);
        match &tr {
            Some(t) => t.tr(c),
            None => c,
        }
    };
    let mut last = None;
    if lim > pos {
        let shift = Shifts::forward(&pat);
        while n > 0 {
            let Some(start) = find_forward(&pat, &shift, pos, lim, &fetch) else { return fail(n, bm, last) };
            let end = start + pat.len() as i64;
            last = Some((start, end));
            pos = end;
            n -= 1;
        }
    } else if lim < pos {
        let shift = Shifts::backward(&pat);
        while n < 0 {
            let Some(start) = find_backward(&pat, &shift, pos, lim, &fetch) else { return fail(n, bm, last) };
            last = Some((start, start + pat.len() as i64));
            pos = start;
            n += 1;
        }
    }
    if n == 0 {
        return LiteralResult { result: pos, matched: last };
    }
    fail(n, bm, last)
}

/// Boyer-Moore-Horspool shifts, by the low byte of a (translated)
/// character: characters sharing a low byte share the smallest shift, so
/// no occurrence is ever skipped.
struct Shifts([u32; 256]);

impl Shifts {
    /// How far the start may move forward given the character under the
    /// pattern's last position.
    fn forward(pat: &[u32]) -> Shifts {
        let m = pat.len();
        let mut t = [m as u32; 256];
        for (k, &c) in pat.iter().enumerate().take(m.saturating_sub(1)) {
            t[(c & 0xff) as usize] = (m - 1 - k) as u32;
        }
        Shifts(t)
    }
    /// How far the start may move backward given the character under the
    /// pattern's first position.
    fn backward(pat: &[u32]) -> Shifts {
        let m = pat.len();
        let mut t = [m as u32; 256];
        for k in (1..m).rev() {
            t[(pat[k] & 0xff) as usize] = k as u32;
        }
        Shifts(t)
    }
    #[inline]
    fn get(&self, c: u32) -> i64 {
        self.0[(c & 0xff) as usize].max(1) as i64
    }
}

/// The first occurrence of PAT starting at or after POS and ending by LIM.
fn find_forward(pat: &[u32], shift: &Shifts, pos: i64, lim: i64, fetch: &impl Fn(i64) -> u32) -> Option<i64> {
    let m = pat.len() as i64;
    let Some(&last) = pat.last() else { return (pos <= lim).then_some(pos) };
    let mut p = pos;
    while p + m <= lim {
        let c = fetch(p + m - 1);
        if c == last && (0..m - 1).all(|k| fetch(p + k) == pat[k as usize]) {
            return Some(p);
        }
        p += shift.get(c);
    }
    None
}

/// The last occurrence of PAT ending at or before POS and starting at or
/// after LIM.
fn find_backward(pat: &[u32], shift: &Shifts, pos: i64, lim: i64, fetch: &impl Fn(i64) -> u32) -> Option<i64> {
    let m = pat.len() as i64;
    let Some(&first) = pat.first() else { return (pos >= lim).then_some(pos) };
    let mut p = pos - m;
    while p >= lim {
        let c = fetch(p);
        if c == first && (1..m).all(|k| fetch(p + k) == pat[k as usize]) {
            return Some(p);
        }
        p -= shift.get(c);
    }
    None
}

/// N occurrences were not found; LAST is the last one that was.
fn fail(n: i64, boyer_moore: impl FnOnce() -> bool, last: Option<(i64, i64)>) -> LiteralResult {
    LiteralResult { result: if n > 0 { -n } else { n }, matched: last.filter(|_| boyer_moore()) }
}
