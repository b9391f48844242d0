//! Scanning text by syntax (syntax.c's `scan_lists`, `forw_comment`,
//! `char_quoted`, `backward-prefix-chars`): the engine of `scan-lists`,
//! `scan-sexps` and the sexp motion commands.  Text is read through a
//! `Scanner` (a character accessor with the accessible bounds), positions
//! are Emacs character positions, and every loop is iterative.
//!
//! Comments are skipped when `parse-sexp-ignore-comments` is non-nil.  A
//! comment met backwards is delimited by scanning forward from the start of
//! the accessible text (the path GNU Emacs falls back on when its quick
//! backward heuristics cannot decide).

use super::{flags, SyntaxView, SCHARQUOTE, SCLOSE, SCOMMENT, SCOMMENT_FENCE, SENDCOMMENT, SESCAPE, SMATH, SOPEN};
use super::{SQUOTE, SSTRING, SSTRING_FENCE, SSYMBOL, SWORD};

/// No syntax (`Smax`): "the previous character has no power left".
pub const SMAX: u32 = 16;
/// The comment style of comment fences.
pub const ST_COMMENT_STYLE: u32 = 256 + 1;

/// Text to scan: characters by position and the accessible bounds.
pub struct Scanner<'a> {
    pub char_at: &'a dyn Fn(usize) -> u32,
    pub begv: usize,
    pub zv: usize,
    pub syntax: SyntaxView,
    pub ignore_comments: bool,
    pub comment_end_can_be_escaped: bool,
    pub multibyte_syntax_as_symbol: bool,
}

/// The result of `forw_comment_full`.
pub struct CommentScan {
    pub found: bool,
    pub pos: usize,
    pub nesting: i64,
    pub last_syntax: u32,
}

/// A scan error: (message, last good position, position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError(pub &'static str, pub usize, pub usize);

/// One paren level crossed by `scan_lists` (either direction): EXITING a
/// level lowers DEPTH, entering one raises it.  True when DEPTH reaches 0 (the
/// scan is done); an error when it drops below MIN_DEPTH.
fn cross_level(depth: &mut i64, exiting: bool, min_depth: i64, last_good: usize, from: usize) -> Result<bool, ScanError> {
    if !exiting {
        *depth += 1;
        return Ok(*depth == 0);
    }
    *depth -= 1;
    if *depth == 0 {
        return Ok(true);
    }
    if *depth < min_depth {
        return Err(ScanError("Containing expression ends prematurely", last_good, from));
    }
    Ok(false)
}

fn comstart_first(s: u32) -> bool {
    s & flags::COMSTART_FIRST != 0
}
fn comstart_second(s: u32) -> bool {
    s & flags::COMSTART_SECOND != 0
}
fn comend_first(s: u32) -> bool {
    s & flags::COMEND_FIRST != 0
}
fn comend_second(s: u32) -> bool {
    s & flags::COMEND_SECOND != 0
}
fn prefix(s: u32) -> bool {
    s & flags::PREFIX != 0
}
fn nested(s: u32) -> bool {
    s & flags::COMMENT_NESTED != 0
}
fn style_c2(s: u32) -> u32 {
    (s >> 22) & 2
}
/// `SYNTAX_FLAGS_COMMENT_STYLE`.
pub fn comment_style(s: u32, other: u32) -> u32 {
    ((s >> 21) & 1) | style_c2(s) | style_c2(other)
}

impl Scanner<'_> {
    pub fn ch(&self, pos: usize) -> u32 {
        (self.char_at)(pos)
    }
    pub fn flags(&self, c: u32) -> u32 {
        self.syntax.flags(c)
    }
    fn code(&self, c: u32) -> u8 {
        self.syntax.class(c)
    }
    /// `syntax_multibyte`.
    fn code_mb(&self, c: u32, sexpflag: bool) -> u8 {
        if c < 0x80 || !(sexpflag && self.multibyte_syntax_as_symbol) {
            self.code(c)
        } else {
            SSYMBOL
        }
    }

    /// `char_quoted`: is the character at POS escaped by an odd number of
    /// escape or char-quote characters before it?
    pub fn char_quoted(&self, mut pos: usize) -> bool {
        let mut quoted = false;
        while pos > self.begv {
            pos -= 1;
            let code = self.code(self.ch(pos));
            if !(code == SCHARQUOTE || code == SESCAPE) {
                break;
            }
            quoted = !quoted;
        }
        quoted
    }

    /// `forw_comment`: skips a comment body from FROM (after its starter)
    /// to its end.  Ok(position of the ender's last char) when found,
    /// Err(stop position) if not.
    pub fn forw_comment(&self, from: usize, stop: usize, nesting: i64, style: u32, prev_syntax: u32) -> Result<usize, usize> {
        let r = self.forw_comment_full(from, stop, nesting, style, prev_syntax);
        if r.found {
            Ok(r.pos)
        } else {
            Err(r.pos)
        }
    }

    /// `forw_comment` with its out-parameters (nesting left and the
    /// syntax of the last character when the comment did not end).
    pub fn forw_comment_full(&self, mut from: usize, stop: usize, nesting: i64, style: u32, prev_syntax: u32) -> CommentScan {
        let mut nesting = if nesting <= 0 { -1 } else { nesting };
        let mut syntax = prev_syntax;
        let mut code = syntax & 0xff;
        let mut skip_to_incomment = syntax != 0 && from < stop;
        loop {
            if !skip_to_incomment {
                if from == stop {
                    let keep = code == SESCAPE as u32
                        || code == SCHARQUOTE as u32
                        || comend_first(syntax)
                        || (nesting > 0 && comstart_first(syntax));
                    return CommentScan { found: false, pos: from, nesting, last_syntax: if keep { syntax } else { SMAX } };
                }
                let c = self.ch(from);
                let prev = syntax;
                syntax = self.flags(c);
                code = syntax & 0xff;
                if code == SENDCOMMENT as u32
                    && comment_style(syntax, 0) == style
                    && (if nested(syntax) {
                        nesting > 0 && {
                            nesting -= 1;
                            nesting == 0
                        }
                    } else {
                        nesting < 0
                    })
                    && !(self.comment_end_can_be_escaped && ((prev & 0xff) == SESCAPE as u32 || (prev & 0xff) == SCHARQUOTE as u32))
                {
                    break;
                }
                if code == SCOMMENT_FENCE as u32 && style == ST_COMMENT_STYLE {
                    break;
                }
                if nesting > 0 && code == SCOMMENT as u32 && nested(syntax) && comment_style(syntax, 0) == style {
                    nesting += 1;
                }
                if self.comment_end_can_be_escaped && (code == SESCAPE as u32 || code == SCHARQUOTE as u32) {
                    from += 1;
                    if from == stop {
                        continue;
                    }
                    syntax = SMAX;
                    code = syntax;
                }
                from += 1;
            }
            skip_to_incomment = false;
            // forw_incomment:
            if from < stop && comend_first(syntax) {
                let other = self.flags(self.ch(from));
                if comend_second(other)
                    && comment_style(syntax, other) == style
                    && (if nested(syntax) || nested(other) { nesting > 0 } else { nesting < 0 })
                {
                    syntax = SMAX;
                    nesting -= 1;
                    if nesting <= 0 {
                        break;
                    }
                    from += 1;
                }
            }
            if nesting > 0 && from < stop && comstart_first(syntax) {
                let other = self.flags(self.ch(from));
                if comment_style(other, syntax) == style && comstart_second(other) && (nested(syntax) || nested(other)) {
                    syntax = SMAX;
                    from += 1;
                    nesting += 1;
                }
            }
        }
        let _ = code;
        CommentScan { found: true, pos: from, nesting, last_syntax: SMAX }
    }

    /// The start of the comment that ends just before END (its ender
    /// occupies ..END), found by scanning forward from the beginning.
    fn comment_start_before(&self, end: usize) -> Option<usize> {
        let mut pos = self.begv;
        while pos < end {
            let c = self.ch(pos);
            let syntax = self.flags(c);
            let code = (syntax & 0xff) as u8;
            let start = pos;
            pos += 1;
            if pos < end && comstart_first(syntax) {
                let other = self.flags(self.ch(pos));
                if comstart_second(other) {
                    let style = comment_style(other, syntax);
                    let nest = if nested(syntax) || nested(other) { 1 } else { 0 };
                    match self.forw_comment(pos + 1, self.zv, nest, style, 0) {
                        Ok(e) => {
                            let e = e + 1;
                            if e >= end {
                                return if e == end { Some(start) } else { None };
                            }
                            pos = e;
                            continue;
                        }
                        Err(_) => return None,
                    }
                }
            }
            match code {
                SESCAPE | SCHARQUOTE => pos += 1,
                SCOMMENT | SCOMMENT_FENCE => {
                    let style = if code == SCOMMENT_FENCE { ST_COMMENT_STYLE } else { comment_style(syntax, 0) };
                    let nest = if nested(syntax) { 1 } else { 0 };
                    match self.forw_comment(pos, self.zv, nest, style, 0) {
                        Ok(e) => {
                            let e = e + 1;
                            if e >= end {
                                return if e == end { Some(start) } else { None };
                            }
                            pos = e;
                        }
                        Err(_) => return None,
                    }
                }
                SSTRING | SSTRING_FENCE => {
                    let term = c;
                    loop {
                        if pos >= end {
                            return None;
                        }
                        let c2 = self.ch(pos);
                        let k = self.code(c2);
                        if if code == SSTRING { c2 == term && k == SSTRING } else { k == SSTRING_FENCE } {
                            pos += 1;
                            break;
                        }
                        if k == SCHARQUOTE || k == SESCAPE {
                            pos += 1;
                        }
                        pos += 1;
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `scan_lists`: moves over COUNT lists (SEXPFLAG: sexps) from FROM,
    /// starting at DEPTH.  Ok(None) when the edge is reached between
    /// expressions.
    pub fn scan_lists(&self, from0: i64, mut count: i64, mut depth: i64, sexpflag: bool) -> Result<Option<usize>, ScanError> {
        let stop = if count > 0 { self.zv } else { self.begv };
        let mut min_depth = depth;
        if depth > 0 {
            min_depth = 0;
        }
        let mut from = from0.clamp(self.begv as i64, self.zv as i64) as usize;
        let mut last_good = from0.max(0) as usize;
        let mut mathexit = false;
        let lose = |last_good: usize, from: usize| ScanError("Unbalanced parentheses", last_good, from);
        while count > 0 {
            let mut done = false;
            while from < stop {
                let mut c = self.ch(from);
                let syntax = self.flags(c);
                let mut code = self.code_mb(c, sexpflag);
                let mut comnested = nested(syntax);
                let mut comstyle = comment_style(syntax, 0);
                if depth == min_depth {
                    last_good = from;
                }
                from += 1;
                if from < stop && comstart_first(syntax) {
                    // As in Emacs, C becomes the next character here.
                    c = self.ch(from);
                    let other = self.flags(c);
                    if comstart_second(other) && self.ignore_comments {
                        code = SCOMMENT;
                        comstyle = comment_style(other, syntax);
                        comnested |= nested(other);
                        from += 1;
                    }
                }
                if prefix(syntax) {
                    continue;
                }
                match code {
                    SESCAPE | SCHARQUOTE | SWORD | SSYMBOL => {
                        if code == SESCAPE || code == SCHARQUOTE {
                            if from == stop {
                                return Err(lose(last_good, from));
                            }
                            from += 1;
                        }
                        if depth != 0 || !sexpflag {
                            continue;
                        }
                        while from < stop {
                            let c1 = self.ch(from);
                            match self.code_mb(c1, sexpflag) {
                                SCHARQUOTE | SESCAPE => {
                                    from += 1;
                                    if from == stop {
                                        return Err(lose(last_good, from));
                                    }
                                }
                                SWORD | SSYMBOL | SQUOTE => {}
                                _ => break,
                            }
                            from += 1;
                        }
                        done = true;
                        break;
                    }
                    SCOMMENT_FENCE | SCOMMENT => {
                        if code == SCOMMENT_FENCE {
                            comstyle = ST_COMMENT_STYLE;
                        }
                        if !self.ignore_comments {
                            continue;
                        }
                        match self.forw_comment(from, stop, comnested as i64, comstyle, 0) {
                            Ok(e) => from = e + 1,
                            Err(e) => {
                                from = e;
                                if depth == 0 {
                                    done = true;
                                    break;
                                }
                                return Err(lose(last_good, from));
                            }
                        }
                    }
                    SMATH | SOPEN | SCLOSE => {
                        let mut close = code == SCLOSE;
                        if code == SMATH {
                            if !sexpflag {
                                continue;
                            }
                            if from != stop && c == self.ch(from) {
                                from += 1;
                            }
                            if mathexit {
                                mathexit = false;
                                close = true;
                            } else {
                                mathexit = true;
                            }
                        }
                        if cross_level(&mut depth, close, min_depth, last_good, from)? {
                            done = true;
                            break;
                        }
                    }
                    SSTRING | SSTRING_FENCE => {
                        let stringterm = self.ch(from - 1);
                        loop {
                            if from >= stop {
                                return Err(lose(last_good, from));
                            }
                            let c1 = self.ch(from);
                            let k = self.code_mb(c1, sexpflag);
                            if if code == SSTRING { c1 == stringterm && k == SSTRING } else { k == SSTRING_FENCE } {
                                break;
                            }
                            if k == SCHARQUOTE || k == SESCAPE {
                                from += 1;
                            }
                            from += 1;
                        }
                        from += 1;
                        if depth == 0 && sexpflag {
                            done = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if !done {
                if depth != 0 {
                    return Err(lose(last_good, from));
                }
                return Ok(None);
            }
            count -= 1;
        }
        while count < 0 {
            let mut done = false;
            while from > stop {
                from -= 1;
                let c = self.ch(from);
                let syntax = self.flags(c);
                let mut code = self.code_mb(c, sexpflag);
                if depth == min_depth {
                    last_good = from;
                }
                let mut comment_pair = false;
                if from > stop && comend_second(syntax) && comend_first(self.flags(self.ch(from - 1))) && self.ignore_comments {
                    from -= 1;
                    code = SENDCOMMENT;
                    comment_pair = true;
                }
                if code != SENDCOMMENT && self.char_quoted(from) {
                    from -= 1;
                    code = SWORD;
                } else if prefix(syntax) {
                    continue;
                }
                match code {
                    SWORD | SSYMBOL | SESCAPE | SCHARQUOTE => {
                        if depth != 0 || !sexpflag {
                            continue;
                        }
                        while from > stop {
                            let c1 = self.ch(from - 1);
                            if self.code_mb(c1, sexpflag) == SENDCOMMENT {
                                break;
                            }
                            let quoted = self.char_quoted(from - 1);
                            if quoted {
                                from -= 1;
                            }
                            let c1 = self.ch(from - 1);
                            if !quoted && !matches!(self.code_mb(c1, sexpflag), SWORD | SSYMBOL | SQUOTE) {
                                break;
                            }
                            from -= 1;
                        }
                        done = true;
                        break;
                    }
                    SMATH | SCLOSE | SOPEN => {
                        let mut open = code == SOPEN;
                        if code == SMATH {
                            if !sexpflag {
                                continue;
                            }
                            if from > self.begv && from != stop && c == self.ch(from - 1) {
                                from -= 1;
                            }
                            if mathexit {
                                mathexit = false;
                                open = true;
                            } else {
                                mathexit = true;
                            }
                        }
                        if cross_level(&mut depth, open, min_depth, last_good, from)? {
                            done = true;
                            break;
                        }
                    }
                    SENDCOMMENT => {
                        if !self.ignore_comments {
                            continue;
                        }
                        let end = if comment_pair { from + 2 } else { from + 1 };
                        if let Some(s) = self.comment_start_before(end) {
                            from = s;
                        }
                    }
                    SCOMMENT_FENCE | SSTRING_FENCE => {
                        loop {
                            if from == stop {
                                return Err(lose(last_good, from));
                            }
                            from -= 1;
                            if !self.char_quoted(from) && self.code_mb(self.ch(from), sexpflag) == code {
                                break;
                            }
                        }
                        if code == SSTRING_FENCE && depth == 0 && sexpflag {
                            done = true;
                            break;
                        }
                    }
                    SSTRING => {
                        let stringterm = self.ch(from);
                        loop {
                            if from == stop {
                                return Err(lose(last_good, from));
                            }
                            from -= 1;
                            if !self.char_quoted(from) {
                                let c1 = self.ch(from);
                                if c1 == stringterm && self.code_mb(c1, sexpflag) == SSTRING {
                                    break;
                                }
                            }
                        }
                        if depth == 0 && sexpflag {
                            done = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if !done {
                if depth != 0 {
                    return Err(lose(last_good, from));
                }
                return Ok(None);
            }
            count += 1;
        }
        Ok(Some(from))
    }

    /// `forward-comment`: moves over COUNT comments (and whitespace) from
    /// FROM; returns whether all were found and where scanning stopped.
    pub fn forward_comment(&self, mut from: usize, mut count: i64) -> (bool, usize) {
        let stop = if count > 0 { self.zv } else { self.begv };
        while count > 0 {
            let mut code;
            let mut c;
            let mut comstyle;
            let mut comnested;
            loop {
                if from == stop {
                    return (false, from);
                }
                c = self.ch(from);
                let syntax = self.flags(c);
                code = self.code(c);
                comnested = nested(syntax);
                comstyle = comment_style(syntax, 0);
                from += 1;
                if from < stop && comstart_first(syntax) {
                    let other = self.flags(self.ch(from));
                    if comstart_second(other) {
                        code = SCOMMENT;
                        comstyle = comment_style(other, syntax);
                        comnested |= nested(other);
                        from += 1;
                    }
                }
                if !(code == super::SWHITESPACE || (code == SENDCOMMENT && c == '\n' as u32)) {
                    break;
                }
            }
            if code == SCOMMENT_FENCE {
                comstyle = ST_COMMENT_STYLE;
            } else if code != SCOMMENT {
                return (false, from - 1);
            }
            match self.forw_comment(from, stop, comnested as i64, comstyle, 0) {
                Ok(e) => from = e + 1,
                Err(e) => return (false, e),
            }
            count -= 1;
        }
        while count < 0 {
            loop {
                if from <= stop {
                    return (false, self.begv);
                }
                from -= 1;
                let quoted = self.char_quoted(from);
                let c = self.ch(from);
                let syntax = self.flags(c);
                let mut code = self.code(c);
                let mut pair = false;
                if from > stop && comend_second(syntax) && comend_first(self.flags(self.ch(from - 1))) && !self.char_quoted(from - 1) {
                    from -= 1;
                    code = SENDCOMMENT;
                    pair = true;
                }
                if code == SCOMMENT_FENCE {
                    let ini = from;
                    let mut fence_found = false;
                    if from > stop {
                        loop {
                            from -= 1;
                            if self.code(self.ch(from)) == SCOMMENT_FENCE && !self.char_quoted(from) {
                                fence_found = true;
                                break;
                            } else if from == stop {
                                break;
                            }
                        }
                    }
                    if !fence_found {
                        return (false, ini + 1);
                    }
                    break;
                } else if code == SENDCOMMENT {
                    let end = if pair { from + 2 } else { from + 1 };
                    let found = if !quoted || !self.comment_end_can_be_escaped { self.comment_start_before(end) } else { None };
                    match found {
                        Some(start) => {
                            from = start;
                            break;
                        }
                        None => {
                            if c == '\n' as u32 {
                                // Not an end of comment: whitespace.
                            } else {
                                if self.code(c) != code {
                                    from += 1;
                                }
                                return (false, from + 1);
                            }
                        }
                    }
                } else if code != super::SWHITESPACE || quoted {
                    return (false, from + 1);
                }
            }
            count += 1;
        }
        (true, from)
    }

    /// `backward-prefix-chars`: the position before the prefix characters
    /// preceding POS.
    pub fn backward_prefix(&self, pos: usize) -> usize {
        let mut opoint = pos;
        if pos <= self.begv {
            return opoint;
        }
        let mut p = pos - 1;
        loop {
            if self.char_quoted(p) {
                break;
            }
            let c = self.ch(p);
            if !(self.code(c) == SQUOTE || prefix(self.flags(c))) {
                break;
            }
            opoint = p;
            if p <= self.begv {
                break;
            }
            p -= 1;
        }
        opoint
    }
}
