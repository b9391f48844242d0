//! The backtracking matcher (`re_match_2_internal`) and the search loop
//! (`re_search_2`) over any `TextSource`, by character positions.
//!
//! Backtracking uses an explicit failure stack with Emacs's exact layout and
//! limit (40000 failures of 20 items: overflowing it is the error "Stack
//! overflow in regexp matcher"), so the same patterns overflow at the same
//! input lengths.  Failure points, saved registers and saved loop counters
//! take three items each.  Nothing here recurses on the input.

use super::analyze::{compile_fastmap, execute_charset, mutually_exclusive_p, ClassEnv};
use super::compile::{charset_end, extract_address, extract_number, skip_one_char};
use super::op::*;
use super::tables::{LowValues, Translate};
use super::{byte8_p, char_to_multibyte, char_to_unibyte, leading_code, Regexp};
use crate::runtime::string::decode_char;
use crate::runtime::text::TextSource;

/// `emacs_re_max_failures * TYPICAL_FAILURE_SIZE`.
const FAIL_STACK_MAX: usize = 40000 * 20;

/// The failure stack ran out (`re_match_2` returning -2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// What matching needs to know about the world besides the text.
pub struct MatchEnv<'a> {
    /// The case canonicalization table when folding case.
    pub translate: Option<&'a Translate>,
    pub class: ClassEnv<'a>,
    /// `CHAR_HAS_CATEGORY`.
    pub has_category: &'a dyn Fn(u32, u8) -> bool,
    /// `word_boundary_p` for two word-constituent characters.
    pub word_boundary: &'a dyn Fn(u32, u32) -> bool,
    /// Point, relative to the start of the text, for `\=`.
    pub point: Option<usize>,
}

impl MatchEnv<'_> {
    #[inline]
    fn tr(&self, c: u32) -> u32 {
        match self.translate {
            Some(t) => t.tr(c),
            None => c,
        }
    }
}

/// Register positions: `(start, end)`, -1 when unset.
pub type Registers = Vec<(i64, i64)>;

struct FailStack<'a> {
    items: &'a mut Vec<i64>,
    frame: usize,
}

impl FailStack<'_> {
    #[inline]
    fn ensure(&self) -> Result<(), Overflow> {
        if self.items.len() + 3 >= FAIL_STACK_MAX {
            Err(Overflow)
        } else {
            Ok(())
        }
    }
    fn push_point(&mut self, pat: usize, string: i64) -> Result<(), Overflow> {
        self.ensure()?;
        self.items.extend_from_slice(&[self.frame as i64, string, pat as i64]);
        self.frame = self.items.len();
        Ok(())
    }
    fn empty(&self) -> bool {
        self.frame == 0
    }
}

/// Working memory of the matcher, reused across the start positions of a
/// search and kept with the compiled pattern between searches.
#[derive(Default)]
pub struct Scratch {
    regstart: Vec<i64>,
    regend: Vec<i64>,
    best_regstart: Vec<i64>,
    best_regend: Vec<i64>,
    fail: Vec<i64>,
}

/// Failure stacks larger than this (in items) are not kept between searches.
const FAIL_STACK_KEPT: usize = 1 << 14;

impl Scratch {
    /// Gives back a deep failure stack's memory rather than keep it with
    /// the cached pattern.
    fn trim(&mut self) {
        if self.fail.capacity() > FAIL_STACK_KEPT {
            self.fail = Vec::new();
        }
    }
}

/// `re_match_2_internal`: tries to match the pattern at POS without going
/// past STOP.  On success returns the end of the match and fills REGS.
pub fn match_at<T: TextSource + ?Sized>(
    re: &mut Regexp,
    text: &T,
    pos: usize,
    stop: usize,
    env: &MatchEnv,
    regs: Option<&mut Registers>,
) -> Result<Option<usize>, Overflow> {
    let mut scratch = std::mem::take(&mut re.scratch);
    let r = match_at_with(re, text, pos, stop, env, regs, &mut scratch);
    scratch.trim();
    re.scratch = scratch;
    r
}

fn match_at_with<T: TextSource + ?Sized>(
    re: &mut Regexp,
    text: &T,
    pos: usize,
    stop: usize,
    env: &MatchEnv,
    regs: Option<&mut Registers>,
    scratch: &mut Scratch,
) -> Result<Option<usize>, Overflow> {
    let n = re.re_nsub + 1;
    for v in [&mut scratch.regstart, &mut scratch.regend] {
        if v.len() == n {
            v.fill(-1);
        } else {
            v.clear();
            v.resize(n, -1);
        }
    }
    scratch.fail.clear();
    let mut m = Matcher {
        b: &mut re.buf,
        multibyte: re.multibyte,
        target_mb: text.multibyte(),
        text,
        size: text.char_count(),
        stop,
        env,
        regstart: &mut scratch.regstart,
        regend: &mut scratch.regend,
        fail: FailStack { items: &mut scratch.fail, frame: 0 },
    };
    let result = m.run(pos, (&mut scratch.best_regstart, &mut scratch.best_regend));
    if let (Ok(Some(end)), Some(regs)) = (&result, regs) {
        regs.clear();
        regs.push((pos as i64, *end as i64));
        for r in 1..m.regstart.len() {
            if m.regend[r] < 0 {
                regs.push((-1, -1));
            } else {
                regs.push((m.regstart[r], m.regend[r]));
            }
        }
    }
    result
}

struct Matcher<'a, T: TextSource + ?Sized> {
    b: &'a mut Vec<u8>,
    multibyte: bool,
    target_mb: bool,
    text: &'a T,
    size: usize,
    stop: usize,
    env: &'a MatchEnv<'a>,
    regstart: &'a mut Vec<i64>,
    regend: &'a mut Vec<i64>,
    fail: FailStack<'a>,
}

impl<T: TextSource + ?Sized> Matcher<'_, T> {
    /// The character at D as the matcher sees it (`GET_CHAR_AFTER`): raw
    /// bytes of unibyte text become eight-bit characters.
    #[inline]
    fn char_after(&self, d: usize) -> u32 {
        let c = self.text.char_at(d);
        if self.target_mb {
            c
        } else {
            char_to_multibyte(c)
        }
    }
    /// `RE_STRING_CHAR`: the character at D, raw bytes left as they are.
    #[inline]
    fn raw_char(&self, d: usize) -> u32 {
        self.text.char_at(d)
    }

    fn push_reg(&mut self, n: usize) -> Result<(), Overflow> {
        self.fail.ensure()?;
        self.fail.items.extend_from_slice(&[self.regstart[n], self.regend[n], n as i64]);
        Ok(())
    }

    fn push_number(&mut self, at: usize, val: i64) -> Result<(), Overflow> {
        self.fail.ensure()?;
        let old = extract_number(self.b, at);
        self.fail.items.extend_from_slice(&[old, at as i64, -1]);
        self.b[at] = (val & 0xff) as u8;
        self.b[at + 1] = ((val >> 8) & 0xff) as u8;
        Ok(())
    }

    /// Pops a failure point, restoring registers and counters: (string, pattern).
    fn pop_point(&mut self) -> (i64, usize) {
        let items = &mut self.fail.items;
        while self.fail.frame < items.len() {
            let Some(tag) = items.pop() else { break };
            if tag == -1 {
                let at = items.pop().unwrap_or(0) as usize;
                let val = items.pop().unwrap_or(0);
                if at + 1 < self.b.len() {
                    self.b[at] = (val & 0xff) as u8;
                    self.b[at + 1] = ((val >> 8) & 0xff) as u8;
                }
            } else {
                let end = items.pop().unwrap_or(-1);
                let start = items.pop().unwrap_or(-1);
                if let Some(r) = self.regstart.get_mut(tag as usize) {
                    *r = start;
                    self.regend[tag as usize] = end;
                }
            }
        }
        let pat = items.pop().unwrap_or(0) as usize;
        let string = items.pop().unwrap_or(-1);
        self.fail.frame = items.pop().unwrap_or(0) as usize;
        (string, pat)
    }

    /// `CHECK_INFINITE_LOOP`: is there a failure point for PAT_CUR at the same
    /// string position among the most recent ones?
    fn infinite_loop(&self, pat_cur: usize, d: usize) -> bool {
        let st = &self.fail.items;
        let mut failure = self.fail.frame;
        while failure > 0 {
            let fstr = st[failure - 2];
            if !(fstr == d as i64 || fstr == -1) {
                break;
            }
            if st[failure - 1] == pat_cur as i64 {
                return true;
            }
            failure = st[failure - 3] as usize;
        }
        false
    }

    fn run(&mut self, pos: usize, best: (&mut Vec<i64>, &mut Vec<i64>)) -> Result<Option<usize>, Overflow> {
        let pend = self.b.len();
        let (best_regstart, best_regend) = best;
        let mut best_regs_set = false;
        let mut match_end: Option<usize> = None;
        let mut d = pos;
        let mut p = 0usize;
        loop {
            let ok = if p >= pend {
                if d != self.stop {
                    let best_match_p = match_end.is_none_or(|m| d > m);
                    if !self.fail.empty() {
                        if !best_regs_set || best_match_p {
                            best_regs_set = true;
                            match_end = Some(d);
                            best_regstart.clear();
                            best_regstart.extend_from_slice(self.regstart);
                            best_regend.clear();
                            best_regend.extend_from_slice(self.regend);
                        }
                        false
                    } else {
                        if best_regs_set && !best_match_p {
                            d = match_end.unwrap_or(d);
                            self.regstart.copy_from_slice(best_regstart);
                            self.regend.copy_from_slice(best_regend);
                        }
                        return Ok(Some(d));
                    }
                } else {
                    return Ok(Some(d));
                }
            } else {
                let op = self.b[p];
                p += 1;
                match self.step(op, &mut p, &mut d)? {
                    Step::Next => true,
                    Step::Fail => false,
                    Step::Succeed => return Ok(Some(d)),
                }
            };
            if ok {
                continue;
            }
            // fail:
            if self.fail.empty() {
                break;
            }
            let (string, pat) = self.pop_point();
            let op = self.b.get(pat).copied().unwrap_or(NO_OP);
            match op {
                ON_FAILURE_KEEP_STRING_JUMP => {
                    p = extract_address(self.b, pat + 1);
                }
                ON_FAILURE_JUMP_NASTYLOOP | ON_FAILURE_JUMP_LOOP | ON_FAILURE_JUMP | SUCCEED_N => {
                    if op == ON_FAILURE_JUMP_NASTYLOOP {
                        self.fail.push_point(pat - 1, string)?;
                    }
                    d = string.max(0) as usize;
                    p = extract_address(self.b, pat + 1);
                }
                _ => {
                    // The special frame of a nasty loop: keep failing.
                    p = pend + 1;
                    self.fail_again(&mut p, &mut d)?;
                    if p > pend {
                        break;
                    }
                }
            }
        }
        if best_regs_set {
            d = match_end.unwrap_or(d);
            self.regstart.copy_from_slice(best_regstart);
            self.regend.copy_from_slice(best_regend);
            return Ok(Some(d));
        }
        Ok(None)
    }

    /// Continues failing after popping a nasty-loop frame: pops until a
    /// real failure point; leaves P past the end if none is left.
    fn fail_again(&mut self, p: &mut usize, d: &mut usize) -> Result<(), Overflow> {
        let pend = self.b.len();
        loop {
            if self.fail.empty() {
                *p = pend + 1;
                return Ok(());
            }
            let (string, pat) = self.pop_point();
            let op = self.b.get(pat).copied().unwrap_or(NO_OP);
            match op {
                ON_FAILURE_KEEP_STRING_JUMP => {
                    *p = extract_address(self.b, pat + 1);
                    return Ok(());
                }
                ON_FAILURE_JUMP_NASTYLOOP | ON_FAILURE_JUMP_LOOP | ON_FAILURE_JUMP | SUCCEED_N => {
                    if op == ON_FAILURE_JUMP_NASTYLOOP {
                        self.fail.push_point(pat - 1, string)?;
                    }
                    *d = string.max(0) as usize;
                    *p = extract_address(self.b, pat + 1);
                    return Ok(());
                }
                _ => continue,
            }
        }
    }

    fn at_strings_beg(&self, d: usize) -> bool {
        d == 0 || self.size == 0
    }

    fn syntax(&self, c: u32) -> u8 {
        (self.env.class.syntax)(c)
    }

    fn word_boundary(&self, c1: u32, c2: u32) -> bool {
        !(c1 < 256 && c2 < 256) && (self.env.word_boundary)(c1, c2)
    }

    fn step(&mut self, op: u8, pp: &mut usize, dd: &mut usize) -> Result<Step, Overflow> {
        let mut p = *pp;
        let mut d = *dd;
        let r = match op {
            NO_OP => Step::Next,
            SUCCEED => Step::Succeed,
            EXACTN => {
                let r = self.exactn(&mut p, &mut d);
                if r == Step::Fail {
                    // The pattern position does not matter on failure.
                }
                r
            }
            ANYCHAR => {
                if d == self.stop {
                    Step::Fail
                } else {
                    let c = self.env.tr(self.raw_char(d));
                    if c == 0x0a {
                        Step::Fail
                    } else {
                        d += 1;
                        Step::Next
                    }
                }
            }
            CHARSET | CHARSET_NOT => {
                if d == self.stop {
                    Step::Fail
                } else {
                    let ok = self.charset(p - 1, d, &mut p);
                    if ok {
                        d += 1;
                        Step::Next
                    } else {
                        Step::Fail
                    }
                }
            }
            START_MEMORY => {
                let n = self.b[p] as usize;
                self.push_reg(n)?;
                if n < self.regstart.len() {
                    self.regstart[n] = d as i64;
                }
                p += 1;
                Step::Next
            }
            STOP_MEMORY => {
                let n = self.b[p] as usize;
                if n < self.regend.len() {
                    self.regend[n] = d as i64;
                }
                p += 1;
                Step::Next
            }
            DUPLICATE => {
                let n = self.b[p] as usize;
                p += 1;
                if self.duplicate(n, &mut d) {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            BEGLINE => {
                if self.at_strings_beg(d) || self.char_after(d - 1) == 0x0a {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            ENDLINE => {
                if d == self.size || self.raw_char(d) == 0x0a {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            BEGBUF => {
                if self.at_strings_beg(d) {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            ENDBUF => {
                if d == self.size {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            ON_FAILURE_KEEP_STRING_JUMP => {
                p += 2;
                self.fail.push_point(p - 3, -1)?;
                Step::Next
            }
            ON_FAILURE_JUMP_NASTYLOOP => {
                p += 2;
                if !self.infinite_loop(p - 4, d) {
                    self.fail.push_point(p - 3, d as i64)?;
                }
                Step::Next
            }
            ON_FAILURE_JUMP_LOOP => {
                self.on_failure_loop(&mut p, d)?;
                Step::Next
            }
            ON_FAILURE_JUMP => {
                p += 2;
                self.fail.push_point(p - 3, d as i64)?;
                Step::Next
            }
            ON_FAILURE_JUMP_SMART => {
                self.smart_jump(p);
                p -= 1;
                Step::Next
            }
            JUMP => {
                p = extract_address(self.b, p);
                Step::Next
            }
            SUCCEED_N => {
                let mcnt = extract_number(self.b, p + 2);
                if mcnt != 0 {
                    self.push_number(p + 2, mcnt - 1)?;
                    p += 4;
                } else {
                    self.on_failure_loop(&mut p, d)?;
                }
                Step::Next
            }
            JUMP_N => {
                let mcnt = extract_number(self.b, p + 2);
                if mcnt != 0 {
                    self.push_number(p + 2, mcnt - 1)?;
                    p = extract_address(self.b, p);
                } else {
                    p += 4;
                }
                Step::Next
            }
            SET_NUMBER_AT => {
                let off = extract_number(self.b, p);
                p += 2;
                let at = (p as i64 + off) as usize;
                let val = extract_number(self.b, p);
                p += 2;
                if at + 1 < self.b.len() {
                    self.push_number(at, val)?;
                }
                Step::Next
            }
            WORDBOUND | NOTWORDBOUND => {
                let mut not = op == NOTWORDBOUND;
                if self.at_strings_beg(d) || d == self.size {
                    not = !not;
                } else {
                    let c1 = self.char_after(d - 1);
                    let c2 = self.char_after(d);
                    let (s1, s2) = (self.syntax(c1), self.syntax(c2));
                    if (s1 == SWORD) != (s2 == SWORD) || (s1 == SWORD && self.word_boundary(c1, c2)) {
                        not = !not;
                    }
                }
                if not {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            WORDBEG => self.wordbeg(d),
            WORDEND => self.wordend(d),
            SYMBEG => self.symbeg(d),
            SYMEND => self.symend(d),
            SYNTAXSPEC | NOTSYNTAXSPEC => {
                let not = op == NOTSYNTAXSPEC;
                let code = self.b[p];
                p += 1;
                if d == self.stop {
                    Step::Fail
                } else {
                    let c = self.char_after(d);
                    if (self.syntax(c) != code) ^ not {
                        Step::Fail
                    } else {
                        d += 1;
                        Step::Next
                    }
                }
            }
            AT_DOT => {
                if self.env.point == Some(d) {
                    Step::Next
                } else {
                    Step::Fail
                }
            }
            CATEGORYSPEC | NOTCATEGORYSPEC => {
                let not = op == NOTCATEGORYSPEC;
                let cat = self.b[p];
                p += 1;
                if d == self.stop {
                    Step::Fail
                } else {
                    let c = self.char_after(d);
                    if (!(self.env.has_category)(c, cat)) ^ not {
                        Step::Fail
                    } else {
                        d += 1;
                        Step::Next
                    }
                }
            }
            _ => Step::Fail,
        };
        *pp = p;
        *dd = d;
        Ok(r)
    }

    /// `on_failure_jump_loop` (and `succeed_n` with a zero count): P points
    /// at the jump offset.
    fn on_failure_loop(&mut self, p: &mut usize, d: usize) -> Result<(), Overflow> {
        let mcnt = extract_number(self.b, *p);
        *p += 2;
        if self.infinite_loop(*p - 3, d) {
            *p = (*p as i64 + mcnt) as usize;
        } else {
            self.fail.push_point(*p - 3, d as i64)?;
        }
        Ok(())
    }

    /// `on_failure_jump_smart` at P-1: rewrites itself into a fast loop
    /// when the loop body and what follows are mutually exclusive.
    fn smart_jump(&mut self, p: usize) {
        let mcnt = extract_number(self.b, p);
        let p1 = p + 2;
        let p2 = (p1 as i64 + mcnt) as usize;
        let p3 = p - 1;
        let back = extract_number(self.b, p2 - 2);
        debug_assert_eq!(skip_one_char(self.b, p1), Some(p2 - 3));
        if mutually_exclusive_p(self.b, self.multibyte, p1, p2, &self.env.class) {
            self.b[p3] = ON_FAILURE_KEEP_STRING_JUMP;
            let v = back + 3;
            self.b[p2 - 2] = (v & 0xff) as u8;
            self.b[p2 - 1] = ((v >> 8) & 0xff) as u8;
        } else {
            self.b[p3] = ON_FAILURE_JUMP;
        }
    }

    fn exactn(&mut self, pp: &mut usize, dd: &mut usize) -> Step {
        let mut mcnt = self.b[*pp] as i64;
        let mut p = *pp + 1;
        let mut d = *dd;
        while mcnt > 0 {
            if d == self.stop {
                return Step::Fail;
            }
            let (pat_ch, pat_len) = if self.multibyte {
                let (c, n) = decode_char(&self.b[p..]);
                (c, n)
            } else {
                (self.b[p] as u32, 1)
            };
            let matched = if self.target_mb {
                let pat_ch = if self.multibyte { pat_ch } else { char_to_multibyte(pat_ch) };
                self.env.tr(self.raw_char(d)) == pat_ch
            } else {
                let pat_ch = if self.multibyte { char_to_unibyte(pat_ch).map(|x| x as i64).unwrap_or(-1) } else { pat_ch as i64 };
                let byte = self.raw_char(d);
                let bc = char_to_multibyte(byte);
                let buf_ch = if !byte8_p(bc) { char_to_unibyte(self.env.tr(bc)).unwrap_or(byte) } else { byte };
                buf_ch as i64 == pat_ch
            };
            if !matched {
                return Step::Fail;
            }
            p += pat_len;
            d += 1;
            mcnt -= pat_len as i64;
        }
        *pp = p;
        *dd = d;
        Step::Next
    }

    fn charset(&self, at: usize, d: usize, p: &mut usize) -> bool {
        let corig = self.raw_char(d);
        let mut c = corig;
        let mut unibyte_char = false;
        if self.target_mb {
            c = self.env.tr(c);
            if let Some(u) = char_to_unibyte(c) {
                unibyte_char = true;
                c = u;
            }
        } else {
            let c1 = char_to_multibyte(c);
            if !byte8_p(c1) {
                if let Some(u) = char_to_unibyte(self.env.tr(c1)) {
                    unibyte_char = true;
                    c = u;
                }
            } else {
                unibyte_char = true;
            }
        }
        if unibyte_char && c < 256 {
            // What `execute_charset` does for these: the bitmap decides.
            let b = &self.b[..];
            let size = (b[at + 1] & 0x7f) as usize;
            let hit = (c as usize) < size * 8 && b[at + 2 + c as usize / 8] & (1 << (c % 8)) != 0;
            *p = charset_end(b, at);
            return hit != (b[at] == CHARSET_NOT);
        }
        let class = ClassEnv {
            syntax: self.env.class.syntax,
            is_lower: self.env.class.is_lower,
            is_upper: self.env.class.is_upper,
            folding: self.env.translate.is_some(),
        };
        let (ok, end) = execute_charset(self.b, at, c, corig, unibyte_char, &class);
        *p = end;
        ok
    }

    fn duplicate(&self, n: usize, d: &mut usize) -> bool {
        if n >= self.regend.len() || self.regend[n] < 0 || self.regstart[n] < 0 {
            return false;
        }
        let (mut d2, dend2) = (self.regstart[n] as usize, self.regend[n] as usize);
        let mut dd = *d;
        while d2 < dend2 {
            if dd == self.stop {
                return false;
            }
            let (a, b) = (self.raw_char(dd), self.raw_char(d2));
            let same = match self.env.translate {
                Some(_) if self.target_mb => self.env.tr(a) == self.env.tr(b),
                Some(_) => self.env.tr(char_to_multibyte(a)) == self.env.tr(char_to_multibyte(b)),
                None => a == b,
            };
            if !same {
                return false;
            }
            dd += 1;
            d2 += 1;
        }
        *d = dd;
        true
    }

    fn wordbeg(&self, d: usize) -> Step {
        if d == self.size || d == self.stop {
            return Step::Fail;
        }
        let c2 = self.char_after(d);
        if self.syntax(c2) != SWORD {
            return Step::Fail;
        }
        if !self.at_strings_beg(d) {
            let c1 = self.char_after(d - 1);
            if self.syntax(c1) == SWORD && !self.word_boundary(c1, c2) {
                return Step::Fail;
            }
        }
        Step::Next
    }

    fn wordend(&self, d: usize) -> Step {
        if self.at_strings_beg(d) {
            return Step::Fail;
        }
        let c1 = self.char_after(d - 1);
        if self.syntax(c1) != SWORD {
            return Step::Fail;
        }
        if d != self.size {
            let c2 = self.char_after(d);
            if self.syntax(c2) == SWORD && !self.word_boundary(c1, c2) {
                return Step::Fail;
            }
        }
        Step::Next
    }

    fn symbeg(&self, d: usize) -> Step {
        if d == self.size || d == self.stop {
            return Step::Fail;
        }
        let s2 = self.syntax(self.char_after(d));
        if s2 != SWORD && s2 != SSYMBOL {
            return Step::Fail;
        }
        if !self.at_strings_beg(d) {
            let s1 = self.syntax(self.char_after(d - 1));
            if s1 == SWORD || s1 == SSYMBOL {
                return Step::Fail;
            }
        }
        Step::Next
    }

    fn symend(&self, d: usize) -> Step {
        if self.at_strings_beg(d) {
            return Step::Fail;
        }
        let s1 = self.syntax(self.char_after(d - 1));
        if s1 != SWORD && s1 != SSYMBOL {
            return Step::Fail;
        }
        if d != self.size {
            let s2 = self.syntax(self.char_after(d));
            if s2 == SWORD || s2 == SSYMBOL {
                return Step::Fail;
            }
        }
        Step::Next
    }
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Step {
    Next,
    Fail,
    Succeed,
}

/// `re_search_2`: tries to match at START, then START+1 ... up to
/// START+RANGE (or backwards for a negative RANGE), never matching past
/// STOP.  Returns the position of the first match.
pub fn search<T: TextSource + ?Sized>(
    re: &mut Regexp,
    text: &T,
    startpos: i64,
    mut range: i64,
    stop: usize,
    env: &MatchEnv,
    regs: Option<&mut Registers>,
) -> Result<Option<usize>, Overflow> {
    let total = text.char_count() as i64;
    let endpos = startpos + range;
    if startpos < 0 || startpos > total {
        return Ok(None);
    }
    if endpos < 0 {
        range = -startpos;
    } else if endpos > total {
        range = total - startpos;
    }
    if !re.buf.is_empty() && re.buf[0] == BEGBUF && range > 0 {
        if startpos > 0 {
            return Ok(None);
        }
        range = 0;
    }
    if !re.buf.is_empty() && re.buf[0] == AT_DOT && range > 0 {
        range = env.point.map(|p| p as i64).unwrap_or(0) - startpos;
        if range < 0 {
            return Ok(None);
        }
    }
    if !re.fastmap_accurate {
        let (fm, null) = compile_fastmap(&re.buf, re.multibyte, env.has_category);
        re.fastmap = fm;
        re.can_be_null = null;
        re.fastmap_accurate = true;
        re.start_table = None;
    }
    let anchored = re.buf.first() == Some(&BEGLINE);
    let target_mb = text.multibyte();
    let low = start_table(re, env, target_mb);
    // Characters #x80..#xFF use the table if their translations are
    // current; raw bytes of unibyte text are translated as eight-bit
    // characters, which the table does not cover.
    let latin_ok = || target_mb && env.translate.is_none_or(|t| t.latin_ok());
    let first_ok = |re: &Regexp, pos: i64| -> bool {
        let c = text.char_at(pos as usize);
        if c < 128 || (c < 256 && latin_ok()) {
            low[c as usize]
        } else {
            can_start(re, env, target_mb, c)
        }
    };
    let mut scratch = std::mem::take(&mut re.scratch);
    let r = search_loop(re, text, startpos, range, stop, env, regs, &mut scratch, anchored, first_ok);
    scratch.trim();
    re.scratch = scratch;
    r
}

/// Whether the fastmap lets a match start at character C of the text
/// (translated, as the matcher will see it).
fn can_start(re: &Regexp, env: &MatchEnv, target_mb: bool, c: u32) -> bool {
    if target_mb {
        re.fastmap[leading_code(env.tr(c)) as usize]
    } else {
        let ch = char_to_multibyte(c);
        let t = env.tr(ch);
        let byte = if t != ch { char_to_unibyte(t).unwrap_or(c) } else { c };
        re.fastmap[(byte & 0xff) as usize]
    }
}

/// `can_start` for characters 0..255 (0..127 of unibyte text), kept with
/// the pattern for the translation it was computed with.
pub struct StartTable {
    translate: Option<LowValues>,
    target_mb: bool,
    ok: [bool; 256],
}

fn start_table(re: &mut Regexp, env: &MatchEnv, target_mb: bool) -> [bool; 256] {
    let tr = env.translate.map(|t| t.low());
    if let Some(t) = &re.start_table {
        let same_tr = match (&t.translate, tr) {
            (None, None) => true,
            (Some(a), Some(b)) => std::rc::Rc::ptr_eq(a, b),
            _ => false,
        };
        if same_tr && t.target_mb == target_mb {
            return t.ok;
        }
    }
    let mut ok = [false; 256];
    for (c, slot) in ok.iter_mut().enumerate() {
        *slot = can_start(re, env, target_mb, c as u32);
    }
    re.start_table = Some(StartTable { translate: tr.cloned(), target_mb, ok });
    ok
}

#[allow(clippy::too_many_arguments)]
fn search_loop<T: TextSource + ?Sized>(
    re: &mut Regexp,
    text: &T,
    mut startpos: i64,
    mut range: i64,
    stop: usize,
    env: &MatchEnv,
    mut regs: Option<&mut Registers>,
    scratch: &mut Scratch,
    anchored: bool,
    first_ok: impl Fn(&Regexp, i64) -> bool,
) -> Result<Option<usize>, Overflow> {
    let total = text.char_count() as i64;
    loop {
        let mut skip = anchored && startpos > 0 && text.char_at(startpos as usize - 1) != 0x0a;
        if !skip && startpos < total && !re.can_be_null {
            if range > 0 {
                while range > 0 && !first_ok(re, startpos) {
                    range -= 1;
                    startpos += 1;
                }
            } else if !first_ok(re, startpos) {
                skip = true;
            }
        }
        if !skip {
            if range >= 0 && startpos == total && !re.can_be_null {
                return Ok(None);
            }
            let r = match_at_with(re, text, startpos as usize, stop, env, regs.as_deref_mut(), scratch)?;
            if r.is_some() {
                return Ok(Some(startpos as usize));
            }
        }
        if range == 0 {
            break;
        } else if range > 0 {
            range -= 1;
            startpos += 1;
        } else {
            range += 1;
            startpos -= 1;
        }
    }
    Ok(None)
}
