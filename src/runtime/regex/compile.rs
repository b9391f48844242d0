//! The regexp compiler: GNU Emacs's regexp dialect to the byte code that
//! `exec` runs.  The byte code has exactly the layout of Emacs's
//! regex-emacs.c (same opcodes, two-byte little-endian jump offsets relative
//! to the end of the offset, charsets as a bitmap plus a range table), so the
//! same patterns are "too big", the same loops are detected as possibly
//! empty, and `re--describe-compiled` can show the same bytes.
//!
//! The pattern is read as characters (a unibyte pattern's characters are its
//! bytes); the translate function is the case-canonicalizing table when
//! `case-fold-search` is on.

use super::charclass::{self, CharClass};
use super::op::*;
use super::{byte8_p, char_to_multibyte, char_to_unibyte};
use crate::runtime::string::encode_char;

/// Compiled patterns must stay below this size (offsets are two bytes).
const MAX_BUF_SIZE: usize = 1 << 15;
const MAX_REGNUM: i64 = 255;
const RE_DUP_MAX: i64 = 0xffff;
const MAX_MULTIBYTE_LENGTH: usize = 5;

/// The compile errors of regex-emacs.c, as the messages Emacs signals.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    BadPat,
    EType,
    EEscape,
    ESubReg,
    EBrack,
    EParen,
    EBrace,
    BadBr,
    EEnd,
    ESize,
    ERParen,
}

impl CompileError {
    pub fn message(self) -> &'static str {
        match self {
            CompileError::BadPat => "Invalid regular expression",
            CompileError::EType => "Invalid character class name",
            CompileError::EEscape => "Trailing backslash",
            CompileError::ESubReg => "Invalid back reference",
            CompileError::EBrack => "Unmatched [ or [^",
            CompileError::EParen => "Unmatched ( or \\(",
            CompileError::EBrace => "Unmatched \\{",
            CompileError::BadBr => "Invalid content of \\{\\}",
            CompileError::EEnd => "Premature end of regular expression",
            CompileError::ESize => "Regular expression too big",
            CompileError::ERParen => "Unmatched ) or \\)",
        }
    }
}

type CResult<T = ()> = Result<T, CompileError>;

/// What the compiler needs to know about the environment.
pub struct CompileEnv<'a> {
    /// Case canonicalization (`TRANSLATE`), if case folding.
    pub translate: Option<&'a dyn Fn(u32) -> u32>,
    /// Syntax class of a character in the current syntax table.
    pub syntax: &'a dyn Fn(u32) -> u8,
    /// `lowercasep` / `uppercasep` in the current case table.
    pub is_lower: &'a dyn Fn(u32) -> bool,
    pub is_upper: &'a dyn Fn(u32) -> bool,
}

impl CompileEnv<'_> {
    fn tr(&self, c: u32) -> u32 {
        match self.translate {
            Some(f) => f(c),
            None => c,
        }
    }
}

/// The result of a compilation.
pub struct Program {
    pub buf: Vec<u8>,
    pub re_nsub: usize,
    pub multibyte: bool,
    /// Whether the code depends on the syntax table ([:space:], [:word:]).
    pub used_syntax: bool,
}

struct StackElt {
    begalt: usize,
    fixup_alt_jump: Option<usize>,
    laststart: usize,
    regnum: i64,
}

/// The pattern being read: the main pattern, or the whitespace regexp
/// substituted for a run of spaces.
struct Source<'p> {
    pat: &'p [u32],
    p: usize,
}

impl Source<'_> {
    fn at_end(&self) -> bool {
        self.p >= self.pat.len()
    }
    fn fetch(&mut self) -> CResult<u32> {
        match self.pat.get(self.p) {
            Some(&c) => {
                self.p += 1;
                Ok(c)
            }
            None => Err(CompileError::EEnd),
        }
    }
    fn peek(&self, off: usize) -> Option<u32> {
        self.pat.get(self.p + off).copied()
    }
}

struct Compiler<'a, 'p> {
    b: Vec<u8>,
    env: &'a CompileEnv<'a>,
    multibyte: bool,
    re_nsub: i64,
    used_syntax: bool,
    stack: Vec<StackElt>,
    pending_exact: Option<usize>,
    laststart: Option<usize>,
    begalt: usize,
    fixup_alt_jump: Option<usize>,
    src: Source<'p>,
    main: Option<Source<'p>>,
}

/// Compiles PATTERN (its characters; bytes for a unibyte pattern).
pub fn compile(
    pattern: &[u32],
    multibyte: bool,
    posix: bool,
    whitespace: Option<&[u32]>,
    env: &CompileEnv,
) -> Result<Program, CompileError> {
    let mut c = Compiler {
        b: Vec::with_capacity(pattern.len() * 2 + 8),
        env,
        multibyte,
        re_nsub: 0,
        used_syntax: false,
        stack: Vec::new(),
        pending_exact: None,
        laststart: None,
        begalt: 0,
        fixup_alt_jump: None,
        src: Source { pat: pattern, p: 0 },
        main: None,
    };
    c.run(whitespace)?;
    c.fixup_alt_jump();
    if !c.stack.is_empty() {
        return Err(CompileError::EParen);
    }
    if !posix {
        c.space(1)?;
        c.b.push(SUCCEED);
    }
    Ok(Program { buf: c.b, re_nsub: c.re_nsub.max(0) as usize, multibyte, used_syntax: c.used_syntax })
}

fn store_number(buf: &mut [u8], at: usize, n: i64) {
    buf[at] = (n & 0xff) as u8;
    buf[at + 1] = ((n >> 8) & 0xff) as u8;
}

impl<'p> Compiler<'_, 'p> {
    /// `GET_BUFFER_SPACE`: the compiled pattern may not outgrow 2^15 bytes.
    fn space(&self, n: usize) -> CResult {
        if self.b.len() + n > MAX_BUF_SIZE {
            Err(CompileError::ESize)
        } else {
            Ok(())
        }
    }
    fn push(&mut self, x: u8) -> CResult {
        self.space(1)?;
        self.b.push(x);
        Ok(())
    }
    fn push2(&mut self, x: u8, y: u8) -> CResult {
        self.space(2)?;
        self.b.extend_from_slice(&[x, y]);
        Ok(())
    }
    /// Appends OP with a jump to TO (relative to the end of the offset).
    fn store_jump_end(&mut self, op: u8, to: usize) {
        let loc = self.b.len();
        let off = to as i64 - loc as i64 - 3;
        self.b.extend_from_slice(&[op, (off & 0xff) as u8, ((off >> 8) & 0xff) as u8]);
    }
    fn store_jump2_end(&mut self, op: u8, to: usize, arg: i64) {
        self.store_jump_end(op, to);
        self.b.extend_from_slice(&[(arg & 0xff) as u8, ((arg >> 8) & 0xff) as u8]);
    }
    /// `INSERT_JUMP`: opens three bytes at LOC for OP jumping to TO (an
    /// address computed before the insertion).
    fn insert_jump(&mut self, op: u8, loc: usize, to: usize) {
        let off = to as i64 - loc as i64 - 3;
        self.b.splice(loc..loc, [op, (off & 0xff) as u8, ((off >> 8) & 0xff) as u8]);
    }
    fn insert_op2(&mut self, op: u8, loc: usize, arg1: i64, arg2: i64) {
        let bytes = [op, (arg1 & 0xff) as u8, ((arg1 >> 8) & 0xff) as u8, (arg2 & 0xff) as u8, ((arg2 >> 8) & 0xff) as u8];
        self.b.splice(loc..loc, bytes);
    }
    fn fixup_alt_jump(&mut self) {
        if let Some(loc) = self.fixup_alt_jump {
            let off = self.b.len() as i64 - loc as i64 - 3;
            self.b[loc] = JUMP;
            store_number(&mut self.b, loc + 1, off);
        }
    }

    fn run(&mut self, whitespace: Option<&'p [u32]>) -> CResult {
        loop {
            if self.src.at_end() {
                if let Some(m) = self.main.take() {
                    self.src = m;
                    continue;
                }
                return Ok(());
            }
            let c = self.src.fetch()?;
            match c {
                0x20 if whitespace.is_some() && self.main.is_none() => {
                    let mut p1 = self.src.p;
                    while self.src.pat.get(p1) == Some(&0x20) {
                        p1 += 1;
                    }
                    let next = self.src.pat.get(p1).copied();
                    let rep = matches!(next, Some(0x2a | 0x2b | 0x3f))
                        || (next == Some(0x5c) && self.src.pat.get(p1 + 1) == Some(&0x7b));
                    if rep {
                        self.normal_char(c)?;
                    } else {
                        let ws = whitespace.unwrap_or(&[]);
                        let main = Source { pat: self.src.pat, p: p1 };
                        self.main = Some(main);
                        self.src = Source { pat: ws, p: 0 };
                    }
                }
                0x5e /* ^ */ => {
                    if !(self.src.p == 1 || self.at_begline_loc_p()) {
                        self.normal_char(c)?;
                    } else {
                        self.laststart = None;
                        self.push(BEGLINE)?;
                    }
                }
                0x24 /* $ */ => {
                    if !(self.src.at_end() || self.at_endline_loc_p()) {
                        self.normal_char(c)?;
                    } else {
                        self.laststart = Some(self.b.len());
                        self.push(ENDLINE)?;
                    }
                }
                0x2b | 0x3f | 0x2a => {
                    if self.laststart.is_none() {
                        self.normal_char(c)?;
                    } else {
                        self.repetition(c)?;
                    }
                }
                0x2e /* . */ => {
                    self.laststart = Some(self.b.len());
                    self.push(ANYCHAR)?;
                }
                0x5b /* [ */ => self.charset()?,
                0x5c /* \ */ => self.backslash()?,
                _ => self.normal_char(c)?,
            }
        }
    }

    /// Whether the `^` just read follows `\(`, `\(?:`, `\(?N:` or `\|`.
    fn at_begline_loc_p(&self) -> bool {
        let pat = self.src.pat;
        let p = self.src.p;
        if p < 2 {
            return false;
        }
        let mut prev = p - 2;
        match pat[prev] {
            0x28 | 0x7c => {}
            0x3a => {
                while prev > 0 && (0x30..=0x39).contains(&pat[prev - 1]) {
                    prev -= 1;
                }
                if !(prev > 1 && pat[prev - 1] == 0x3f && pat[prev - 2] == 0x28) {
                    return false;
                }
                prev -= 2;
            }
            _ => return false,
        }
        let start = prev;
        while prev > 0 && pat[prev - 1] == 0x5c {
            prev -= 1;
        }
        (start - prev) & 1 == 1
    }

    fn at_endline_loc_p(&self) -> bool {
        self.src.peek(0) == Some(0x5c) && matches!(self.src.peek(1), Some(0x29 | 0x7c))
    }

    fn repetition(&mut self, first: u32) -> CResult {
        let laststart = self.laststart.unwrap_or(0);
        let mut c = first;
        let (mut zero_ok, mut many_ok, mut greedy) = (false, false, true);
        loop {
            if c == 0x3f && (zero_ok || many_ok) {
                greedy = false;
            } else {
                zero_ok |= c != 0x2b;
                many_ok |= c != 0x3f;
            }
            match self.src.peek(0) {
                Some(n @ (0x2a | 0x2b | 0x3f)) => {
                    self.src.p += 1;
                    c = n;
                }
                _ => break,
            }
        }
        if laststart == self.b.len() {
            return Ok(());
        }
        if greedy {
            self.greedy_repeat(laststart, zero_ok, many_ok)?;
        } else {
            self.lazy_repeat(laststart, zero_ok, many_ok)?;
        }
        self.pending_exact = None;
        Ok(())
    }

    fn greedy_repeat(&mut self, laststart: usize, mut zero_ok: bool, many_ok: bool) -> CResult {
        if !many_ok {
            self.space(3)?;
            let to = self.b.len() + 3;
            self.insert_jump(ON_FAILURE_JUMP, laststart, to);
            return Ok(());
        }
        let end = self.b.len();
        let simple = skip_one_char(&self.b, laststart) == Some(end);
        let ofj = if simple || !super::analyze::can_match_empty(&self.b, laststart, end) { ON_FAILURE_JUMP } else { ON_FAILURE_JUMP_LOOP };
        let mut startoffset = 0;
        if !zero_ok && simple {
            startoffset = end - laststart;
            self.space(startoffset)?;
            let body: Vec<u8> = self.b[laststart..end].to_vec();
            self.b.extend_from_slice(&body);
            zero_ok = true;
        }
        self.space(6)?;
        let b = self.b.len();
        if !zero_ok {
            self.store_jump_end(ofj, b + 6);
        } else {
            let op = if simple { ON_FAILURE_JUMP_SMART } else { ofj };
            self.insert_jump(op, laststart + startoffset, b + 6);
        }
        self.store_jump_end(JUMP, laststart + startoffset);
        Ok(())
    }

    fn lazy_repeat(&mut self, laststart: usize, zero_ok: bool, many_ok: bool) -> CResult {
        self.space(7)?;
        if many_ok {
            let end = self.b.len();
            let emptyp = super::analyze::can_match_empty(&self.b, laststart, end);
            if emptyp {
                self.push(NO_OP)?;
            }
            self.store_jump_end(if emptyp { ON_FAILURE_JUMP_NASTYLOOP } else { ON_FAILURE_JUMP }, laststart);
            if zero_ok {
                let b = self.b.len();
                self.insert_jump(JUMP, laststart, b);
            }
        } else {
            let b = self.b.len();
            self.insert_jump(JUMP, laststart, b + 3);
            self.insert_jump(ON_FAILURE_JUMP, laststart, laststart + 6);
        }
        Ok(())
    }

    fn backslash(&mut self) -> CResult {
        if self.src.at_end() {
            return Err(CompileError::EEscape);
        }
        let c = self.src.fetch()?;
        match c {
            0x28 => self.open_group(),
            0x29 => self.close_group(),
            0x7c => self.alternative(),
            0x7b => self.interval(),
            0x3d /* = */ => self.simple_op(AT_DOT),
            0x73 | 0x53 /* s S */ => {
                self.laststart = Some(self.b.len());
                let k = self.src.fetch()?;
                let code = syntax_spec_code(k);
                self.push2(if c == 0x73 { SYNTAXSPEC } else { NOTSYNTAXSPEC }, code)
            }
            0x63 | 0x43 /* c C */ => {
                self.laststart = Some(self.b.len());
                let k = self.src.fetch()?;
                self.push2(if c == 0x63 { CATEGORYSPEC } else { NOTCATEGORYSPEC }, k as u8)
            }
            0x77 => {
                self.laststart = Some(self.b.len());
                self.push2(SYNTAXSPEC, SWORD)
            }
            0x57 => {
                self.laststart = Some(self.b.len());
                self.push2(NOTSYNTAXSPEC, SWORD)
            }
            0x3c => self.simple_op(WORDBEG),
            0x3e => self.simple_op(WORDEND),
            0x5f /* _ */ => {
                self.laststart = Some(self.b.len());
                match self.src.fetch()? {
                    0x3c => self.push(SYMBEG),
                    0x3e => self.push(SYMEND),
                    _ => Err(CompileError::BadPat),
                }
            }
            0x62 => self.simple_op(WORDBOUND),
            0x42 => self.simple_op(NOTWORDBOUND),
            0x60 /* ` */ => {
                self.laststart = None;
                self.push(BEGBUF)
            }
            0x27 /* ' */ => self.simple_op(ENDBUF),
            0x31..=0x39 => {
                let reg = (c - 0x30) as i64;
                if reg > self.re_nsub || reg < 1 || self.group_in_stack(reg) {
                    return Err(CompileError::ESubReg);
                }
                self.laststart = Some(self.b.len());
                self.push2(DUPLICATE, reg as u8)
            }
            _ => self.normal_char(c),
        }
    }

    fn simple_op(&mut self, op: u8) -> CResult {
        self.laststart = Some(self.b.len());
        self.push(op)
    }

    fn group_in_stack(&self, regnum: i64) -> bool {
        self.stack.iter().any(|e| e.regnum == regnum)
    }

    fn open_group(&mut self) -> CResult {
        let mut shy = false;
        let mut regnum: i64 = 0;
        if self.src.p + 1 < self.src.pat.len() && self.src.peek(0) == Some(0x3f) {
            self.src.fetch()?;
            while !shy {
                let c = self.src.fetch()?;
                match c {
                    0x3a => shy = true,
                    0x30..=0x39 => {
                        if c == 0x30 && regnum == 0 {
                            return Err(CompileError::BadPat);
                        }
                        regnum = regnum * 10 + (c - 0x30) as i64;
                        if regnum > i32::MAX as i64 {
                            return Err(CompileError::ESize);
                        }
                    }
                    _ => return Err(CompileError::BadPat),
                }
            }
        }
        if !shy {
            self.re_nsub += 1;
            regnum = self.re_nsub;
        } else if regnum != 0 {
            if regnum > self.re_nsub {
                self.re_nsub = regnum;
            } else if self.group_in_stack(regnum) {
                return Err(CompileError::BadPat);
            }
        } else {
            regnum = -self.re_nsub;
        }
        self.stack.push(StackElt { begalt: self.begalt, fixup_alt_jump: self.fixup_alt_jump, laststart: self.b.len(), regnum });
        if regnum <= MAX_REGNUM && regnum > 0 {
            self.push2(START_MEMORY, regnum as u8)?;
        }
        self.fixup_alt_jump = None;
        self.laststart = None;
        self.begalt = self.b.len();
        self.pending_exact = None;
        Ok(())
    }

    fn close_group(&mut self) -> CResult {
        if self.stack.is_empty() {
            return Err(CompileError::ERParen);
        }
        self.fixup_alt_jump();
        let Some(e) = self.stack.pop() else {
            return Err(CompileError::ERParen);
        };
        self.begalt = e.begalt;
        self.fixup_alt_jump = e.fixup_alt_jump;
        self.laststart = Some(e.laststart);
        self.pending_exact = None;
        if e.regnum <= MAX_REGNUM && e.regnum > 0 {
            self.push2(STOP_MEMORY, e.regnum as u8)?;
        }
        Ok(())
    }

    fn alternative(&mut self) -> CResult {
        self.space(3)?;
        let b = self.b.len();
        self.insert_jump(ON_FAILURE_JUMP, self.begalt, b + 6);
        self.pending_exact = None;
        self.fixup_alt_jump();
        self.fixup_alt_jump = Some(self.b.len());
        self.space(3)?;
        self.b.extend_from_slice(&[0, 0, 0]);
        self.laststart = None;
        self.begalt = self.b.len();
        Ok(())
    }

    /// `GET_INTERVAL_COUNT`: digits into NUM; returns the character after them.
    fn interval_count(&mut self, num: &mut i64) -> CResult<u32> {
        if self.src.at_end() {
            return Err(CompileError::EBrace);
        }
        let mut c = self.src.fetch()?;
        while (0x30..=0x39).contains(&c) {
            if *num < 0 {
                *num = 0;
            }
            let d = (c - 0x30) as i64;
            if RE_DUP_MAX / 10 - i64::from(RE_DUP_MAX % 10 < d) < *num {
                return Err(CompileError::BadBr);
            }
            *num = *num * 10 + d;
            if self.src.at_end() {
                return Err(CompileError::EBrace);
            }
            c = self.src.fetch()?;
        }
        Ok(c)
    }

    fn interval(&mut self) -> CResult {
        let beg_interval = self.src.p;
        let (mut lower, mut upper) = (0i64, -1i64);
        let mut c = self.interval_count(&mut lower)?;
        if c == 0x2c {
            c = self.interval_count(&mut upper)?;
        } else {
            upper = lower;
        }
        if lower < 0 || (0 <= upper && upper < lower) || c != 0x5c {
            return Err(CompileError::BadBr);
        }
        if self.src.at_end() {
            return Err(CompileError::EEscape);
        }
        if self.src.fetch()? != 0x7d {
            return Err(CompileError::BadBr);
        }
        let Some(laststart) = self.laststart else {
            self.src.p = beg_interval;
            return self.normal_char(0x7b);
        };
        if upper == 0 {
            self.b.truncate(laststart);
        } else if lower == 1 && upper == 1 {
        } else {
            let nbytes = if upper < 0 {
                3
            } else if upper > 1 {
                5
            } else {
                0
            };
            let mut startoffset = 0;
            self.space(20)?;
            let b = self.b.len();
            if lower == 0 {
                self.insert_jump(ON_FAILURE_JUMP_LOOP, laststart, b + 3 + nbytes);
            } else {
                let off = (b + 5 + nbytes) as i64 - laststart as i64 - 3;
                self.insert_op2(SUCCEED_N, laststart, off, lower);
                self.insert_op2(SET_NUMBER_AT, laststart, 5, lower);
                startoffset += 5;
            }
            if upper < 0 {
                self.store_jump_end(JUMP, laststart + startoffset);
            } else if upper > 1 {
                self.store_jump2_end(JUMP_N, laststart + startoffset, upper - 1);
                let b = self.b.len();
                self.insert_op2(SET_NUMBER_AT, laststart, (b - laststart) as i64, upper - 1);
            }
        }
        self.pending_exact = None;
        Ok(())
    }

    fn normal_char(&mut self, c: u32) -> CResult {
        let b = self.b.len();
        let next = self.src.peek(0);
        let followed_by_rep = matches!(next, Some(0x2a | 0x2b | 0x3f)) || (next == Some(0x5c) && self.src.peek(1) == Some(0x7b));
        let new_exact = match self.pending_exact {
            None => true,
            Some(pe) => pe + self.b[pe] as usize + 1 != b || self.b[pe] as usize >= 256 - MAX_MULTIBYTE_LENGTH,
        } || followed_by_rep;
        if new_exact {
            self.laststart = Some(b);
            self.push2(EXACTN, 0)?;
            self.pending_exact = Some(self.b.len() - 1);
        }
        self.space(MAX_MULTIBYTE_LENGTH)?;
        let before = self.b.len();
        if self.multibyte {
            let t = self.env.tr(c);
            encode_char(t, &mut self.b);
        } else {
            let mut out = c;
            let c1 = char_to_multibyte(c);
            if !byte8_p(c1) {
                let c2 = self.env.tr(c1);
                if c1 != c2 {
                    if let Some(u) = char_to_unibyte(c2) {
                        out = u;
                    }
                }
            }
            self.b.push(out as u8);
        }
        let len = self.b.len() - before;
        if let Some(pe) = self.pending_exact {
            self.b[pe] = self.b[pe].wrapping_add(len as u8);
        }
        Ok(())
    }

    fn charset(&mut self) -> CResult {
        if self.src.at_end() {
            return Err(CompileError::EBrack);
        }
        self.space(34)?;
        let laststart = self.b.len();
        self.laststart = Some(laststart);
        let not = self.src.peek(0) == Some(0x5e);
        self.push(if not { CHARSET_NOT } else { CHARSET })?;
        if not {
            self.src.p += 1;
        }
        let p1 = self.src.p;
        let mut set = CharsetBuilder { bits: [0u8; 32], work: Vec::new(), class_bits: 0 };
        loop {
            let p2 = self.src.p;
            if self.src.at_end() {
                return Err(CompileError::EBrack);
            }
            match parse_class(self.src.pat, self.src.p) {
                ClassParse::NotClass => {}
                ClassParse::Invalid => return Err(CompileError::EType),
                ClassParse::Class(cc, next) => {
                    self.src.p = next;
                    if self.src.at_end() {
                        return Err(CompileError::EBrack);
                    }
                    self.add_class(&mut set, cc);
                    continue;
                }
            }
            let mut c = self.src.fetch()?;
            if c == 0x5d && p2 != p1 {
                break;
            }
            let c1;
            if self.src.peek(0) == Some(0x2d) && self.src.peek(1) != Some(0x5d) {
                self.src.fetch()?;
                c1 = self.src.fetch()?;
                if byte8_p(c1) && c >= 0x80 && !byte8_p(c) {
                    c = c1 + 1;
                }
            } else {
                c1 = c;
            }
            if c <= c1 {
                if c < 128 {
                    let ch = c1.min(127);
                    self.setup_ascii_range(&mut set, c, ch);
                    c = ch + 1;
                    if byte8_p(c1) {
                        c = super::BYTE8_BASE + 128;
                    }
                }
                if c <= c1 {
                    if byte8_p(c) {
                        for x in (c - super::BYTE8_BASE)..=(c1 - super::BYTE8_BASE) {
                            set.set_bit(x);
                        }
                    } else if self.multibyte {
                        self.setup_multibyte_range(&mut set, c, c1);
                    } else {
                        for x in c..=c1 {
                            set.set_bit(x);
                        }
                    }
                }
            }
        }
        self.emit_charset(laststart, set)
    }

    fn add_class(&mut self, set: &mut CharsetBuilder, cc: CharClass) {
        for c in 0..0x80u32 {
            let yes = charclass::ascii_in_class(c, cc, self.env.syntax, self.env.is_lower, self.env.is_upper);
            if yes {
                set.set_bit(c);
                let c1 = self.env.tr(c);
                if c1 == c {
                    continue;
                }
                if c1 < 0x80 {
                    set.set_bit(c1);
                } else if let Some(u) = char_to_unibyte(c1) {
                    set.set_bit(u);
                }
            }
        }
        set.class_bits |= cc.range_bit();
        if matches!(cc, CharClass::Space | CharClass::Word) {
            self.used_syntax = true;
        }
    }

    fn setup_ascii_range(&self, set: &mut CharsetBuilder, from: u32, to: u32) {
        for c0 in from..=to {
            let mut c1 = self.env.tr(c0);
            if c1 >= 0x80 {
                set.work.push((c1, c1));
                c1 = char_to_unibyte(c1).unwrap_or(c0);
            }
            set.set_bit(c1);
        }
    }

    fn setup_multibyte_range(&self, set: &mut CharsetBuilder, from: u32, to: u32) {
        let used = set.work.len();
        set.work.push((from, to));
        if self.env.translate.is_none() {
            // Identity translation: no ASCII or raw-byte images to record.
            return;
        }
        for c0 in from..=to {
            let c1 = self.env.tr(c0);
            if let Some(c2) = char_to_unibyte(c1) {
                set.set_bit(c2);
            } else if c1 != c0 {
                if let Some(c2) = char_to_unibyte(c0) {
                    set.set_bit(c2);
                }
            }
            if c1 >= from && c1 <= to {
                continue;
            }
            let mut merged = false;
            for r in set.work[used..].iter_mut().rev() {
                if c1 + 1 >= r.0 && c1 <= r.1 + 1 {
                    if c1 + 1 == r.0 {
                        r.0 -= 1;
                    } else if c1 == r.1 + 1 {
                        r.1 += 1;
                    }
                    merged = true;
                    break;
                }
            }
            if !merged {
                set.work.push((c1, c1));
            }
        }
    }

    fn emit_charset(&mut self, laststart: usize, set: CharsetBuilder) -> CResult {
        let mut n = 32usize;
        while n > 0 && set.bits[n - 1] == 0 {
            n -= 1;
        }
        self.b.push(n as u8);
        self.b.extend_from_slice(&set.bits[..n]);
        if !set.work.is_empty() || set.class_bits != 0 {
            let used = set.work.len() * 2;
            self.space(4 + used * 3)?;
            self.b[laststart + 1] |= 0x80;
            self.b.push((set.class_bits & 0xff) as u8);
            self.b.push((set.class_bits >> 8) as u8);
            let count = set.work.len() as i64;
            self.b.extend_from_slice(&[(count & 0xff) as u8, ((count >> 8) & 0xff) as u8]);
            for &(a, z) in &set.work {
                for ch in [a, z] {
                    self.b.extend_from_slice(&[(ch & 0xff) as u8, ((ch >> 8) & 0xff) as u8, (ch >> 16) as u8]);
                }
            }
        }
        Ok(())
    }
}

struct CharsetBuilder {
    bits: [u8; 32],
    work: Vec<(u32, u32)>,
    class_bits: u32,
}

impl CharsetBuilder {
    fn set_bit(&mut self, c: u32) {
        if c < 256 {
            self.bits[(c / 8) as usize] |= 1 << (c % 8);
        }
    }
}

enum ClassParse {
    NotClass,
    Invalid,
    Class(CharClass, usize),
}

/// `re_wctype_parse`: a `[:name:]` at position P of PAT.
fn parse_class(pat: &[u32], p: usize) -> ClassParse {
    let rest = &pat[p..];
    if rest.len() < 3 || rest[0] != 0x5b || rest[1] != 0x3a {
        return ClassParse::NotClass;
    }
    let mut it = 2;
    loop {
        if it + 1 >= rest.len() {
            return ClassParse::NotClass;
        }
        if rest[it] == 0x3a && rest[it + 1] == 0x5d {
            break;
        }
        it += 1;
    }
    let name: String = rest[2..it].iter().map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect();
    match CharClass::from_name(&name) {
        Some(cc) => ClassParse::Class(cc, p + it + 2),
        None => ClassParse::Invalid,
    }
}

/// The syntax class a `\sC` designator stands for (255: none).
pub fn syntax_spec_code(c: u32) -> u8 {
    match char::from_u32(c) {
        Some(' ' | '-') => 0,
        Some('.') => 1,
        Some('w' | 'W') => 2,
        Some('_') => 3,
        Some('(') => 4,
        Some(')') => 5,
        Some('\'') => 6,
        Some('"') => 7,
        Some('$') => 8,
        Some('\\') => 9,
        Some('/') => 10,
        Some('<') => 11,
        Some('>') => 12,
        Some('@') => 13,
        Some('!') => 14,
        Some('|') => 15,
        // The rest of Emacs's 256-entry table is zero (whitespace).
        _ if (0x80..0x100).contains(&c) => 0,
        _ => 255,
    }
}

/// The position after the single-character operation at P, if it is one.
pub fn skip_one_char(b: &[u8], p: usize) -> Option<usize> {
    let op = *b.get(p)?;
    match op {
        ANYCHAR => Some(p + 1),
        EXACTN => Some(p + 2 + *b.get(p + 1)? as usize),
        CHARSET | CHARSET_NOT => Some(charset_end(b, p)),
        SYNTAXSPEC | NOTSYNTAXSPEC | CATEGORYSPEC | NOTCATEGORYSPEC => Some(p + 2),
        _ => None,
    }
}

/// The position after the charset operation at P.
pub fn charset_end(b: &[u8], p: usize) -> usize {
    let size = (b[p + 1] & 0x7f) as usize;
    if b[p + 1] & 0x80 != 0 {
        let rt = p + 4 + size;
        let count = extract_number(b, rt) as usize;
        rt + 2 + count * 6
    } else {
        p + 2 + size
    }
}

/// `extract_number`: the signed two-byte number at P.
#[inline]
pub fn extract_number(b: &[u8], p: usize) -> i64 {
    (b[p + 1] as i8 as i64) * 256 + b[p] as i64
}

/// `extract_address`: the jump target of the offset at P.
#[inline]
pub fn extract_address(b: &[u8], p: usize) -> usize {
    (p as i64 + 2 + extract_number(b, p)) as usize
}
