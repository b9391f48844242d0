//! `scan_sexps_forward`, the engine of `parse-partial-sexp`: parses from a
//! position with a given state to an end, tracking depth, the starts of
//! enclosing lists, strings, comments and quoting, as syntax.c does.  The C
//! code enters its loop at several places (in a comment, in a string, after
//! a quote); here those entry points are the states of a small machine.

use super::scan::{comment_style, Scanner, SMAX, ST_COMMENT_STYLE};
use super::{flags, SCHARQUOTE, SCLOSE, SCOMMENT, SCOMMENT_FENCE, SESCAPE, SOPEN, SQUOTE, SSTRING, SSTRING_FENCE, SSYMBOL, SWORD};

/// Strings ended by a string fence (`instring` = t).
pub const ST_STRING_STYLE: i64 = 256 + 2;

/// `struct lisp_parse_state`.
#[derive(Clone, Debug, Default)]
pub struct ParseState {
    pub depth: i64,
    /// The character ending the current string, `ST_STRING_STYLE`, or -1.
    pub instring: i64,
    /// 0 outside comments, -1 in a non-nestable one, else the nesting.
    pub incomment: i64,
    pub comstyle: u32,
    pub quoted: bool,
    pub mindepth: i64,
    pub thislevelstart: i64,
    pub prevlevelstart: i64,
    pub location: usize,
    pub comstr_start: i64,
    /// Starts of the open lists, outermost first.
    pub levelstarts: Vec<i64>,
    pub prev_syntax: u32,
}

impl ParseState {
    pub fn initial() -> ParseState {
        ParseState { instring: -1, comstr_start: -1, prev_syntax: SMAX, thislevelstart: -1, prevlevelstart: -1, ..Default::default() }
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Mode {
    Main,
    Quoted,
    Symbol,
    AtComment,
    InComment,
    InString { quoted: bool },
}

#[derive(Copy, Clone)]
struct Level {
    last: i64,
    prev: i64,
}

const MAX_LEVELS: usize = 100;

struct Cursor {
    from: usize,
    prev_from: usize,
    prev_from_syntax: u32,
    prev_prev_from_syntax: u32,
}

impl Cursor {
    /// `INC_FROM`.
    fn inc(&mut self, sc: &Scanner) {
        self.prev_from = self.from;
        let c = sc.ch(self.prev_from);
        self.prev_prev_from_syntax = self.prev_from_syntax;
        self.prev_from_syntax = sc.flags(c);
        self.from += 1;
    }
}

/// `in_2char_comment_start`.
fn two_char_comment_start(sc: &Scanner, st: &mut ParseState, cur: &Cursor) -> bool {
    let prev = cur.prev_from_syntax;
    if prev & flags::COMSTART_FIRST == 0 {
        return false;
    }
    let syntax = sc.flags(sc.ch(cur.from));
    if syntax & flags::COMSTART_SECOND == 0 {
        return false;
    }
    st.comstyle = comment_style(syntax, prev);
    let nested = (prev | syntax) & flags::COMMENT_NESTED != 0;
    st.incomment = if nested { 1 } else { -1 };
    st.comstr_start = cur.prev_from as i64;
    true
}

enum Exit {
    Done,
    Stop,
    EndQuoted,
}

/// Parses from FROM to END starting in STATE.  COMMENTSTOP: 1 stops at a
/// comment start, -1 also at string and comment boundaries.
pub fn scan_sexps_forward(
    sc: &Scanner,
    st: &mut ParseState,
    from: usize,
    end: usize,
    target: Option<i64>,
    stopbefore: bool,
    commentstop: i32,
) {
    let boundary_stop = commentstop == -1;
    let mut cur = Cursor { from, prev_from: from, prev_from_syntax: st.prev_syntax, prev_prev_from_syntax: SMAX };
    if from != sc.begv {
        cur.prev_from = from - 1;
    }
    let mut depth = st.depth;
    let start_quoted = st.quoted;
    let mut levels: Vec<Level> = Vec::with_capacity(8);
    levels.push(Level { last: -1, prev: -1 });
    for &l in &st.levelstarts {
        let i = levels.len() - 1;
        levels[i].last = l;
        if levels.len() < MAX_LEVELS {
            levels.push(Level { last: -1, prev: -1 });
        }
        let i = levels.len() - 1;
        levels[i] = Level { last: -1, prev: -1 };
    }
    st.quoted = false;
    let mut mindepth = depth;
    let mut mode = if st.incomment != 0 {
        Mode::InComment
    } else if st.instring >= 0 {
        Mode::InString { quoted: start_quoted }
    } else if start_quoted {
        Mode::Quoted
    } else if cur.from < end && two_char_comment_start(sc, st, &cur) {
        cur.inc(sc);
        cur.prev_from_syntax = SMAX;
        Mode::AtComment
    } else {
        Mode::Main
    };
    let exit = 'parse: loop {
        let last = levels.len() - 1;
        match mode {
            Mode::Main => {
                if cur.from >= end {
                    break 'parse Exit::Done;
                }
                cur.inc(sc);
                if cur.from < end && two_char_comment_start(sc, st, &cur) {
                    cur.inc(sc);
                    cur.prev_from_syntax = SMAX;
                    mode = Mode::AtComment;
                    continue;
                }
                if cur.prev_from_syntax & flags::PREFIX != 0 {
                    continue;
                }
                let code = (cur.prev_from_syntax & 0xff) as u8;
                match code {
                    SESCAPE | SCHARQUOTE | SWORD | SSYMBOL => {
                        if stopbefore {
                            break 'parse Exit::Stop;
                        }
                        levels[last].last = cur.prev_from as i64;
                        mode = if code == SESCAPE || code == SCHARQUOTE { Mode::Quoted } else { Mode::Symbol };
                    }
                    SCOMMENT_FENCE | SCOMMENT => {
                        if code == SCOMMENT_FENCE {
                            st.comstyle = ST_COMMENT_STYLE;
                            st.incomment = -1;
                        } else {
                            st.comstyle = comment_style(cur.prev_from_syntax, 0);
                            st.incomment = if cur.prev_from_syntax & flags::COMMENT_NESTED != 0 { 1 } else { -1 };
                        }
                        st.comstr_start = cur.prev_from as i64;
                        mode = Mode::AtComment;
                    }
                    SOPEN => {
                        if stopbefore {
                            break 'parse Exit::Stop;
                        }
                        depth += 1;
                        levels[last].last = cur.prev_from as i64;
                        if levels.len() < MAX_LEVELS {
                            levels.push(Level { last: -1, prev: -1 });
                        } else {
                            levels[last] = Level { last: -1, prev: -1 };
                        }
                        if target == Some(depth) {
                            break 'parse Exit::Done;
                        }
                    }
                    SCLOSE => {
                        depth -= 1;
                        if depth < mindepth {
                            mindepth = depth;
                        }
                        if levels.len() > 1 {
                            levels.pop();
                        }
                        let i = levels.len() - 1;
                        levels[i].prev = levels[i].last;
                        if target == Some(depth) {
                            break 'parse Exit::Done;
                        }
                    }
                    SSTRING | SSTRING_FENCE => {
                        st.comstr_start = cur.from as i64 - 1;
                        if stopbefore {
                            break 'parse Exit::Stop;
                        }
                        levels[last].last = cur.prev_from as i64;
                        st.instring = if code == SSTRING { sc.ch(cur.prev_from) as i64 } else { ST_STRING_STYLE };
                        if boundary_stop {
                            break 'parse Exit::Done;
                        }
                        mode = Mode::InString { quoted: false };
                    }
                    _ => {}
                }
            }
            Mode::Quoted => {
                if cur.from == end {
                    break 'parse Exit::EndQuoted;
                }
                cur.inc(sc);
                mode = Mode::Symbol;
            }
            Mode::Symbol => {
                let mut next = Mode::Main;
                while cur.from < end {
                    if two_char_comment_start(sc, st, &cur) {
                        cur.inc(sc);
                        cur.prev_from_syntax = SMAX;
                        next = Mode::AtComment;
                        break;
                    }
                    let k = sc.syntax.class(sc.ch(cur.from));
                    match k {
                        SCHARQUOTE | SESCAPE => {
                            cur.inc(sc);
                            if cur.from == end {
                                break 'parse Exit::EndQuoted;
                            }
                        }
                        SWORD | SSYMBOL | SQUOTE => {}
                        _ => break,
                    }
                    cur.inc(sc);
                }
                if next == Mode::Main {
                    levels[last].prev = levels[last].last;
                }
                mode = next;
            }
            Mode::AtComment => {
                if commentstop != 0 || boundary_stop {
                    break 'parse Exit::Done;
                }
                mode = Mode::InComment;
            }
            Mode::InComment => {
                let prev = if cur.from == sc.begv { 0 } else { cur.prev_from_syntax };
                let r = sc.forw_comment_full(cur.from, end, st.incomment, st.comstyle, prev);
                cur.from = r.pos;
                st.incomment = r.nesting;
                cur.prev_from_syntax = r.last_syntax;
                if !r.found {
                    let k = (cur.prev_from_syntax & 0xff) as u8;
                    if k == SESCAPE || k == SCHARQUOTE {
                        break 'parse Exit::EndQuoted;
                    }
                    break 'parse Exit::Done;
                }
                cur.inc(sc);
                st.incomment = 0;
                st.comstyle = 0;
                cur.prev_from_syntax = SMAX;
                if boundary_stop {
                    break 'parse Exit::Done;
                }
                mode = Mode::Main;
            }
            Mode::InString { quoted } => {
                let nofence = st.instring != ST_STRING_STYLE;
                let mut skip_first = quoted;
                loop {
                    if skip_first {
                        skip_first = false;
                        if cur.from >= end {
                            break 'parse Exit::EndQuoted;
                        }
                        cur.inc(sc);
                        continue;
                    }
                    if cur.from >= end {
                        break 'parse Exit::Done;
                    }
                    let c = sc.ch(cur.from);
                    let k = sc.syntax.class(c);
                    if nofence && c as i64 == st.instring && k == SSTRING {
                        break;
                    }
                    match k {
                        SSTRING_FENCE if !nofence => break,
                        SCHARQUOTE | SESCAPE => {
                            cur.inc(sc);
                            if cur.from >= end {
                                break 'parse Exit::EndQuoted;
                            }
                        }
                        _ => {}
                    }
                    cur.inc(sc);
                }
                st.instring = -1;
                let i = levels.len() - 1;
                levels[i].prev = levels[i].last;
                cur.inc(sc);
                if boundary_stop {
                    break 'parse Exit::Done;
                }
                mode = Mode::Main;
            }
        }
    };
    match exit {
        Exit::Stop => {
            cur.from = cur.prev_from;
            cur.prev_from_syntax = cur.prev_prev_from_syntax;
        }
        Exit::EndQuoted => st.quoted = true,
        Exit::Done => {}
    }
    st.depth = depth;
    st.mindepth = mindepth;
    let top = levels.len() - 1;
    st.thislevelstart = levels[top].prev;
    st.prevlevelstart = if top == 0 { -1 } else { levels[top - 1].last };
    st.location = cur.from;
    st.levelstarts = levels[..top].iter().map(|l| l.last).collect();
    let first = flags::COMSTART_FIRST | flags::COMEND_FIRST;
    st.prev_syntax = if cur.prev_from_syntax & first != 0 || st.quoted { cur.prev_from_syntax } else { SMAX };
}
