//! Literal (non-regexp) buffer search, as search.c's `simple_search`: the
//! pattern is converted to the buffer's multibyteness and translated by the
//! case-canonicalizing table when folding case; buffer characters are
//! translated as they are compared.  (GNU Emacs uses Boyer-Moore when it
//! can; the matches found are the same.)

use crate::builtins::prelude::*;
use crate::runtime::casetab;
use crate::runtime::regex::buffer::SearchBuffer;
use crate::runtime::regex::tables::Translate as Translator;
use crate::runtime::regex::{char_to_multibyte, char_to_unibyte};

pub struct LiteralResult {
    /// The new position, or minus the number of occurrences not found.
    pub result: i64,
    /// The last occurrence found, when all were.
    pub matched: Option<(i64, i64)>,
}

/// The pattern's characters as the buffer sees them; with RE, a backslash
/// quotes the next character (the regexp is known to be trivial).
fn pattern_chars(p: &LispString, re: bool, buf_mb: bool, tr: &Option<Translator>) -> Vec<u32> {
    let mut out = Vec::with_capacity(p.nchars);
    let mut it = p.chars().peekable();
    while let Some(mut c) = it.next() {
        if re && c == '\\' as u32 {
            match it.next() {
                Some(n) => c = n,
                None => break,
            }
        }
        let c = if buf_mb {
            if p.multibyte {
                c
            } else {
                char_to_multibyte(c)
            }
        } else if p.multibyte {
            char_to_unibyte(c).unwrap_or(c & 0xff)
        } else {
            c
        };
        out.push(match tr {
            Some(t) => t.tr(c),
            None => c,
        });
    }
    out
}

pub fn search(buf: &mut dyn SearchBuffer, pattern: &LispString, re: bool, mut pos: i64, lim: i64, mut n: i64, fold: bool) -> LiteralResult {
    let tr = if fold { Some(Translator::new(casetab::current_canon_table())) } else { None };
    let buf_mb = buf.multibyte();
    let pat = pattern_chars(pattern, re, buf_mb, &tr);
    let len = pat.len() as i64;
    let fetch = |p: i64| -> u32 {
        let c = buf.char_at(p as usize);
        match &tr {
            Some(t) => t.tr(c),
            None => c,
        }
    };
    let forward = n > 0;
    let mut last = None;
    if lim > pos {
        while n > 0 {
            loop {
                if pos + len > lim {
                    return fail(n);
                }
                if (0..len).all(|k| fetch(pos + k) == pat[k as usize]) {
                    last = Some((pos, pos + len));
                    pos += len;
                    break;
                }
                pos += 1;
            }
            n -= 1;
        }
    } else if lim < pos {
        while n < 0 {
            loop {
                if pos - len < lim {
                    return fail(n);
                }
                let start = pos - len;
                if (0..len).all(|k| fetch(start + k) == pat[k as usize]) {
                    last = Some((start, pos));
                    pos = start;
                    break;
                }
                pos -= 1;
            }
            n += 1;
        }
    }
    if n == 0 {
        let _ = forward;
        return LiteralResult { result: pos, matched: last };
    }
    fail(n)
}

fn fail(n: i64) -> LiteralResult {
    LiteralResult { result: if n > 0 { -n } else { n }, matched: None }
}
