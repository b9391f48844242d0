//! Primitives of GNU Emacs's syntax.c: syntax tables (`syntax-table`,
//! `set-syntax-table`, `copy-syntax-table`, `modify-syntax-entry`,
//! `char-syntax`, `string-to-syntax`, `matching-paren` ...) and motion by
//! syntax in the current buffer (`forward-word`, `skip-chars-forward`,
//! `skip-syntax-forward` and their backward forms), through
//! `runtime::regex::buffer`.  The tables themselves live in
//! `runtime::syntax`.

use crate::builtins::prelude::*;
use crate::runtime::regex::buffer::{self as rbuf, EmptyBuffer, SearchBuffer};
use crate::runtime::regex::cache::{self, var};
use crate::runtime::regex::charclass::CharClass;
use crate::runtime::string::{decode_char, MAX_CHAR};
use crate::runtime::syntax::parse::{scan_sexps_forward, ParseState, ST_STRING_STYLE};
use crate::runtime::syntax::scan::{ScanError, Scanner, SMAX, ST_COMMENT_STYLE};
use crate::runtime::syntax::{self, category, SyntaxView, CODE_SPEC, SCHARQUOTE, SESCAPE, SINHERIT, SWORD};

fn is_syntax_table(v: Value) -> bool {
    v.as_char_table().is_some_and(|t| t.purpose == intern("syntax-table"))
}

fn check_syntax_table(v: Value) -> LResult<Value> {
    if is_syntax_table(v) {
        Ok(v)
    } else {
        Err(wrong_type(intern("syntax-table-p"), v))
    }
}

fn expect_character(v: Value) -> LResult<u32> {
    match v.as_fixnum() {
        Some(n) if (0..=MAX_CHAR as i64).contains(&n) => Ok(n as u32),
        _ => Err(wrong_type(intern("characterp"), v)),
    }
}

fn f_syntax_table_p(a: &[Value]) -> LResult {
    Ok(Value::bool(is_syntax_table(a[0])))
}
fn f_syntax_table(_: &[Value]) -> LResult {
    Ok(syntax::current_table())
}
fn f_standard_syntax_table(_: &[Value]) -> LResult {
    Ok(syntax::standard_table())
}

fn f_copy_syntax_table(a: &[Value]) -> LResult {
    let table = if a[0].is_nil() { syntax::standard_table() } else { check_syntax_table(a[0])? };
    let copy = funcall(intern("copy-sequence"), &[table])?;
    if let Some(t) = copy.as_char_table() {
        t.default = Value::NIL;
        if t.parent.is_nil() {
            t.parent = syntax::standard_table();
        }
    }
    Ok(copy)
}

fn f_set_syntax_table(a: &[Value]) -> LResult {
    let table = check_syntax_table(a[0])?;
    syntax::set_current_table(table);
    Ok(table)
}

fn f_char_syntax(a: &[Value]) -> LResult {
    let c = expect_character(a[0])?;
    let multibyte = with_buffer(|b| b.multibyte());
    let c = if multibyte { c } else { crate::runtime::regex::char_to_multibyte(c) };
    let class = syntax::class(syntax::current_table(), c);
    Ok(Value::fixnum(CODE_SPEC[(class & 15) as usize] as i64))
}

fn f_syntax_class_to_char(a: &[Value]) -> LResult {
    let n = a[0].as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, a[0]))?;
    if !(0..16).contains(&n) {
        return Err(args_out_of_range(Value::fixnum(15), a[0]));
    }
    Ok(Value::fixnum(CODE_SPEC[n as usize] as i64))
}

fn f_matching_paren(a: &[Value]) -> LResult {
    let c = expect_character(a[0])?;
    let e = syntax::entry(syntax::current_table(), c);
    let class = if e.is_cons() { e.car().as_fixnum().unwrap_or(0) & 0xff } else { 0 };
    if class == syntax::SOPEN as i64 || class == syntax::SCLOSE as i64 {
        return Ok(e.cdr());
    }
    Ok(Value::NIL)
}

/// `string-to-syntax`: a syntax descriptor string to `(CODE . MATCH)`.
pub fn string_to_syntax(s: &LispString) -> LResult {
    let d = &s.data;
    let first = d.first().copied().unwrap_or(0);
    let code = syntax::spec_code(first as u32);
    if code == 255 {
        let mut msg = StringBuilder::multibyte();
        msg.push_str("Invalid syntax description letter: ");
        msg.push(first as u32);
        return Err(error_value(msg.build()));
    }
    if code == SINHERIT {
        return Ok(Value::NIL);
    }
    let mut val = code as u32;
    let mut p = 1;
    let mut matching = None;
    if p < d.len() {
        let (c, n) = decode_char(&d[p..]);
        if c != ' ' as u32 {
            matching = Some(c);
        }
        p += n;
    }
    for &b in &d[p.min(d.len())..] {
        if b == 0 {
            break;
        }
        val |= match b {
            b'1' => 1 << 16,
            b'2' => 1 << 17,
            b'3' => 1 << 18,
            b'4' => 1 << 19,
            b'p' => 1 << 20,
            b'b' => 1 << 21,
            b'n' => 1 << 22,
            b'c' => 1 << 23,
            _ => 0,
        };
    }
    Ok(syntax::make_entry(val, matching))
}

fn f_string_to_syntax(a: &[Value]) -> LResult {
    string_to_syntax(expect_string(a[0])?)
}

fn f_modify_syntax_entry(a: &[Value]) -> LResult {
    let (c, newentry, table) = (a[0], a[1], a[2]);
    let range = if c.is_cons() {
        let from = expect_character(c.car()).map_err(|_| wrong_type(intern("characterp"), c.car()))?;
        let to = expect_character(c.cdr()).map_err(|_| wrong_type(intern("characterp"), c.cdr()))?;
        (from, to)
    } else {
        let ch = expect_character(c)?;
        (ch, ch)
    };
    let table = if table.is_nil() { syntax::current_table() } else { check_syntax_table(table)? };
    let entry = string_to_syntax(expect_string(newentry)?)?;
    if let Some(t) = table.as_char_table() {
        crate::builtins::data::types::char_table_set_range(t, range.0, range.1, entry);
    }
    cache::clear_syntax_dependent();
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// Motion in the current buffer

fn with_buffer<R>(f: impl FnOnce(&mut dyn SearchBuffer) -> R) -> R {
    match rbuf::current_buffer() {
        Some(b) => f(b),
        None => f(&mut EmptyBuffer),
    }
}

fn as_multibyte(c: u32, multibyte: bool) -> u32 {
    if multibyte {
        c
    } else {
        crate::runtime::regex::char_to_multibyte(c)
    }
}

/// `scan_words`: the position after COUNT words from FROM, or 0 if the
/// buffer edge came first.
fn scan_words(buf: &dyn SearchBuffer, mut from: usize, mut count: i64) -> usize {
    let (beg, end) = (buf.begv(), buf.zv());
    let syn = SyntaxView::current();
    let mb = buf.multibyte();
    let esc = !var("words-include-escapes").is_nil();
    let wordish = |code: u8| code == SWORD || (esc && (code == SESCAPE || code == SCHARQUOTE));
    while count > 0 {
        let mut ch0;
        loop {
            if from == end {
                return 0;
            }
            ch0 = as_multibyte(buf.char_at(from), mb);
            from += 1;
            if wordish(syn.class(ch0)) {
                break;
            }
        }
        while from != end {
            let ch1 = as_multibyte(buf.char_at(from), mb);
            if !wordish(syn.class(ch1)) || category::word_boundary_p(ch0, ch1) {
                break;
            }
            from += 1;
            ch0 = ch1;
        }
        count -= 1;
    }
    while count < 0 {
        let mut ch1;
        loop {
            if from == beg {
                return 0;
            }
            from -= 1;
            ch1 = as_multibyte(buf.char_at(from), mb);
            if wordish(syn.class(ch1)) {
                break;
            }
        }
        while from != beg {
            let ch0 = as_multibyte(buf.char_at(from - 1), mb);
            if !wordish(syn.class(ch0)) || category::word_boundary_p(ch0, ch1) {
                break;
            }
            from -= 1;
            ch1 = ch0;
        }
        count += 1;
    }
    from
}

fn f_forward_word(a: &[Value]) -> LResult {
    let n = if a[0].is_nil() { 1 } else { a[0].as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, a[0]))? };
    with_buffer(|buf| {
        let orig = scan_words(buf, buf.point(), n);
        let val = if orig == 0 {
            if n > 0 {
                buf.zv()
            } else {
                buf.begv()
            }
        } else {
            orig
        };
        buf.set_point(val);
        Ok(Value::bool(val == orig))
    })
}

/// The limit of a skip: LIM or the accessible edge, clamped to it.
fn skip_limit(buf: &dyn SearchBuffer, lim: Value, forward: bool) -> LResult<usize> {
    let (begv, zv) = (buf.begv() as i64, buf.zv() as i64);
    let l = if lim.is_nil() {
        if forward {
            zv
        } else {
            begv
        }
    } else if let Some(n) = lim.as_fixnum() {
        n
    } else if let Some((_, pos)) = rbuf::marker_info(lim) {
        pos.map(|p| p as i64).unwrap_or(0)
    } else {
        return Err(wrong_type(intern("integer-or-marker-p"), lim));
    };
    Ok(l.clamp(begv, zv) as usize)
}

/// The set of characters a `skip-chars-forward` string describes.
struct CharSet {
    negate: bool,
    ranges: Vec<(u32, u32)>,
    classes: Vec<CharClass>,
}

fn parse_skip_set(s: &LispString) -> LResult<CharSet> {
    let chars: Vec<u32> = s.chars().collect();
    let mut set = CharSet { negate: false, ranges: Vec::new(), classes: Vec::new() };
    let mut i = 0;
    if chars.first() == Some(&('^' as u32)) {
        set.negate = true;
        i = 1;
    }
    while i < chars.len() {
        if chars[i] == '[' as u32 && chars.get(i + 1) == Some(&(':' as u32)) {
            if let Some(end) = (i + 2..chars.len().saturating_sub(1)).find(|&k| chars[k] == ':' as u32 && chars[k + 1] == ']' as u32) {
                let name: String = chars[i + 2..end].iter().filter_map(|&c| char::from_u32(c)).collect();
                match CharClass::from_name(&name) {
                    Some(cc) => {
                        if !set.classes.contains(&cc) {
                            set.classes.push(cc);
                        }
                        i = end + 2;
                        continue;
                    }
                    None => return Err(error("Invalid ISO C character class")),
                }
            }
        }
        let mut c = chars[i];
        i += 1;
        if c == '\\' as u32 {
            if i == chars.len() {
                break;
            }
            c = chars[i];
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '-' as u32 {
            i += 1;
            let mut c2 = chars[i];
            i += 1;
            if c2 == '\\' as u32 && i < chars.len() {
                c2 = chars[i];
                i += 1;
            }
            if c <= c2 {
                set.ranges.push((c, c2));
            }
        } else {
            set.ranges.push((c, c));
        }
    }
    Ok(set)
}

impl CharSet {
    fn contains(&self, c: u32, syn: &SyntaxView) -> bool {
        use crate::runtime::regex::charclass::*;
        let in_ranges = self.ranges.iter().any(|&(a, b)| a <= c && c <= b);
        let in_class = self.classes.iter().any(|&cc| {
            let syntax = |x: u32| syn.class(x);
            let lower = |x: u32| crate::runtime::casetab::is_lower(x);
            let upper = |x: u32| crate::runtime::casetab::is_upper(x);
            if c < 0x80 {
                ascii_in_class(c, cc, &syntax, &lower, &upper)
            } else {
                match cc {
                    CharClass::Alnum => is_alnum(c),
                    CharClass::Alpha => is_alpha(c),
                    CharClass::Blank => is_blank(c),
                    CharClass::Graph => is_graph(c),
                    CharClass::Print => is_print(c),
                    CharClass::Punct => is_punct(c, &syntax),
                    CharClass::Space => syntax(c) == 0,
                    CharClass::Word => syntax(c) == SWORD,
                    CharClass::Lower => lower(c),
                    CharClass::Upper => upper(c),
                    CharClass::Nonascii => true,
                    CharClass::Unibyte => c < 0x100,
                    CharClass::Multibyte => c >= 0x100,
                    _ => false,
                }
            }
        });
        (in_ranges || in_class) != self.negate
    }
}

fn skip_chars(forward: bool, string: Value, lim: Value) -> LResult {
    let set = parse_skip_set(expect_string(string)?)?;
    with_buffer(|buf| {
        let lim = skip_limit(buf, lim, forward)?;
        let syn = SyntaxView::current();
        let mb = buf.multibyte();
        let start = buf.point();
        let mut pos = start;
        if forward {
            while pos < lim && set.contains(as_multibyte_raw(buf.char_at(pos), mb), &syn) {
                pos += 1;
            }
        } else {
            while pos > lim && set.contains(as_multibyte_raw(buf.char_at(pos - 1), mb), &syn) {
                pos -= 1;
            }
        }
        buf.set_point(pos);
        Ok(Value::fixnum(pos as i64 - start as i64))
    })
}

/// Unibyte buffer bytes compare as themselves in `skip-chars`.
fn as_multibyte_raw(c: u32, _multibyte: bool) -> u32 {
    c
}

fn skip_syntaxes(forward: bool, string: Value, lim: Value) -> LResult {
    let s = expect_string(string)?;
    let mut negate = false;
    let mut codes = [false; 16];
    let mut bytes = s.data.as_slice();
    if bytes.first() == Some(&b'^') {
        negate = true;
        bytes = &bytes[1..];
    }
    for &b in bytes {
        let k = syntax::spec_code(b as u32);
        if k < 16 {
            codes[k as usize] = true;
        }
    }
    with_buffer(|buf| {
        let lim = skip_limit(buf, lim, forward)?;
        let syn = SyntaxView::current();
        let mb = buf.multibyte();
        let start = buf.point();
        let mut pos = start;
        let ok = |c: u32| codes[(syn.class(as_multibyte(c, mb)) & 15) as usize] != negate;
        if forward {
            while pos < lim && ok(buf.char_at(pos)) {
                pos += 1;
            }
        } else {
            while pos > lim && ok(buf.char_at(pos - 1)) {
                pos -= 1;
            }
        }
        buf.set_point(pos);
        Ok(Value::fixnum(pos as i64 - start as i64))
    })
}

fn f_skip_chars_forward(a: &[Value]) -> LResult {
    skip_chars(true, a[0], a[1])
}
fn f_skip_chars_backward(a: &[Value]) -> LResult {
    skip_chars(false, a[0], a[1])
}
fn f_skip_syntax_forward(a: &[Value]) -> LResult {
    skip_syntaxes(true, a[0], a[1])
}
fn f_skip_syntax_backward(a: &[Value]) -> LResult {
    skip_syntaxes(false, a[0], a[1])
}

/// A scanner over the current buffer's accessible text.
fn with_scanner<R>(f: impl FnOnce(&Scanner) -> R) -> R {
    with_buffer(|buf| {
        let mb = buf.multibyte();
        let b: &dyn SearchBuffer = &*buf;
        let char_at = |p: usize| as_multibyte(b.char_at(p), mb);
        let sc = Scanner {
            char_at: &char_at,
            begv: b.begv(),
            zv: b.zv(),
            syntax: SyntaxView::current(),
            ignore_comments: !var("parse-sexp-ignore-comments").is_nil(),
            comment_end_can_be_escaped: !var("comment-end-can-be-escaped").is_nil(),
            multibyte_syntax_as_symbol: !var("multibyte-syntax-as-symbol").is_nil(),
        };
        f(&sc)
    })
}

fn scan_error(e: ScanError) -> Flow {
    signal(intern("scan-error"), list3(make_string(e.0), Value::fixnum(e.1 as i64), Value::fixnum(e.2 as i64)))
}

fn fixnum_arg(v: Value) -> LResult<i64> {
    v.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, v))
}

fn f_scan_lists(a: &[Value]) -> LResult {
    let (from, count, depth) = (fixnum_arg(a[0])?, fixnum_arg(a[1])?, fixnum_arg(a[2])?);
    with_scanner(|sc| match sc.scan_lists(from, count, depth, false) {
        Ok(Some(p)) => Ok(Value::fixnum(p as i64)),
        Ok(None) => Ok(Value::NIL),
        Err(e) => Err(scan_error(e)),
    })
}

fn f_scan_sexps(a: &[Value]) -> LResult {
    let (from, count) = (fixnum_arg(a[0])?, fixnum_arg(a[1])?);
    with_scanner(|sc| match sc.scan_lists(from, count, 0, true) {
        Ok(Some(p)) => Ok(Value::fixnum(p as i64)),
        Ok(None) => Ok(Value::NIL),
        Err(e) => Err(scan_error(e)),
    })
}

fn f_backward_prefix_chars(_: &[Value]) -> LResult {
    let pt = with_buffer(|b| b.point());
    let target = with_scanner(|sc| sc.backward_prefix(pt));
    with_buffer(|b| b.set_point(target));
    Ok(Value::NIL)
}

/// `internalize_parse_state`: OLDSTATE (a list) as a parse state.
fn internalize_parse_state(external: Value) -> ParseState {
    let mut st = ParseState::initial();
    if external.is_nil() {
        return st;
    }
    let nth = |n: usize| {
        let mut l = external;
        for _ in 0..n {
            l = l.cdr_safe();
        }
        l.car_safe()
    };
    st.depth = nth(0).as_fixnum().unwrap_or(0);
    let tem = nth(3);
    st.instring = if tem.is_nil() {
        -1
    } else {
        match tem.as_fixnum() {
            Some(n) if (0..=MAX_CHAR as i64).contains(&n) => n,
            _ => ST_STRING_STYLE,
        }
    };
    let tem = nth(4);
    st.incomment = if tem.is_nil() { 0 } else { tem.as_fixnum().unwrap_or(-1) };
    st.quoted = !nth(5).is_nil();
    let tem = nth(7);
    st.comstyle = if tem.is_nil() {
        0
    } else {
        match tem.as_fixnum() {
            Some(n) if (0..=ST_COMMENT_STYLE as i64).contains(&n) => n as u32,
            _ => ST_COMMENT_STYLE,
        }
    };
    st.comstr_start = nth(8).as_fixnum().unwrap_or(-1);
    st.levelstarts = nth(9).iter().map(|v| v.as_fixnum().unwrap_or(-1)).collect();
    let tem = nth(10);
    st.prev_syntax = if tem.is_nil() { SMAX } else { tem.as_fixnum().unwrap_or(SMAX as i64) as u32 };
    st
}

fn position_arg(v: Value) -> LResult<i64> {
    if let Some(n) = v.as_fixnum() {
        return Ok(n);
    }
    if let Some((_, pos)) = rbuf::marker_info(v) {
        return Ok(pos.map(|p| p as i64).unwrap_or(0));
    }
    Err(wrong_type(intern("integer-or-marker-p"), v))
}

fn f_parse_partial_sexp(a: &[Value]) -> LResult {
    let (from, to, targetdepth, stopbefore, oldstate, commentstop) = (a[0], a[1], a[2], a[3], a[4], a[5]);
    let target = if targetdepth.is_nil() { None } else { Some(fixnum_arg(targetdepth)?) };
    let (f, t) = (position_arg(from)?, position_arg(to)?);
    if t < f {
        return Err(error("End position is smaller than start position"));
    }
    let (begv, zv, object) = with_buffer(|b| (b.begv() as i64, b.zv() as i64, b.object()));
    if !(begv <= f && t <= zv) {
        return Err(args_out_of_range3(object, from, to));
    }
    let mut st = internalize_parse_state(oldstate);
    let cstop = if commentstop.is_nil() {
        0
    } else if commentstop == intern("syntax-table") {
        -1
    } else {
        1
    };
    with_scanner(|sc| scan_sexps_forward(sc, &mut st, f as usize, t as usize, target, !stopbefore.is_nil(), cstop));
    with_buffer(|b| b.set_point(st.location));
    let opt = |n: i64| if n < 0 { Value::NIL } else { Value::fixnum(n) };
    let instring = if st.instring < 0 {
        Value::NIL
    } else if st.instring == ST_STRING_STYLE {
        Value::T
    } else {
        Value::fixnum(st.instring)
    };
    let incomment = match st.incomment {
        n if n < 0 => Value::T,
        0 => Value::NIL,
        n => Value::fixnum(n),
    };
    let comstyle = match st.comstyle {
        0 => Value::NIL,
        ST_COMMENT_STYLE => intern("syntax-table"),
        n => Value::fixnum(n as i64),
    };
    let comstr = if st.incomment != 0 || st.instring >= 0 { Value::fixnum(st.comstr_start) } else { Value::NIL };
    let levels: Vec<Value> = st.levelstarts.iter().map(|&n| Value::fixnum(n)).collect();
    let prev = if st.prev_syntax == SMAX { Value::NIL } else { Value::fixnum(st.prev_syntax as i64) };
    Ok(list(&[
        Value::fixnum(st.depth),
        opt(st.prevlevelstart),
        opt(st.thislevelstart),
        instring,
        incomment,
        Value::bool(st.quoted),
        Value::fixnum(st.mindepth),
        comstyle,
        comstr,
        list(&levels),
        prev,
    ]))
}

fn f_forward_comment(a: &[Value]) -> LResult {
    let count = fixnum_arg(a[0])?;
    let pt = with_buffer(|b| b.point());
    let (ok, pos) = with_scanner(|sc| sc.forward_comment(pt, count));
    with_buffer(|b| b.set_point(pos));
    Ok(Value::bool(ok))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new(
        "forward-comment",
        1,
        1,
        f_forward_comment,
        "Move forward across up to COUNT comments.  If COUNT is negative, move backward.",
    ),
    SubrDef::new(
        "parse-partial-sexp",
        2,
        6,
        f_parse_partial_sexp,
        "Parse Lisp syntax starting at FROM until TO; return status of parse at TO.",
    ),
    SubrDef::new("scan-lists", 3, 3, f_scan_lists, "Scan from character number FROM by COUNT lists."),
    SubrDef::new("scan-sexps", 2, 2, f_scan_sexps, "Scan from character number FROM by COUNT balanced expressions."),
    SubrDef::new(
        "backward-prefix-chars",
        0,
        0,
        f_backward_prefix_chars,
        "Move point backward over any number of chars with prefix syntax.",
    ),
    SubrDef::new("syntax-table-p", 1, 1, f_syntax_table_p, "Return t if OBJECT is a syntax table."),
    SubrDef::new("syntax-table", 0, 0, f_syntax_table, "Return the current syntax table."),
    SubrDef::new("standard-syntax-table", 0, 0, f_standard_syntax_table, "Return the standard syntax table."),
    SubrDef::new("copy-syntax-table", 0, 1, f_copy_syntax_table, "Construct a new syntax table and return it."),
    SubrDef::new("set-syntax-table", 1, 1, f_set_syntax_table, "Select a new syntax table for the current buffer."),
    SubrDef::new("char-syntax", 1, 1, f_char_syntax, "Return the syntax code of CHARACTER, described by a character."),
    SubrDef::new("syntax-class-to-char", 1, 1, f_syntax_class_to_char, "Return the syntax char of CLASS, described by an integer."),
    SubrDef::new("matching-paren", 1, 1, f_matching_paren, "Return the matching parenthesis of CHARACTER, or nil if none."),
    SubrDef::new("string-to-syntax", 1, 1, f_string_to_syntax, "Convert a syntax descriptor STRING into a raw syntax descriptor."),
    SubrDef::new("modify-syntax-entry", 2, 3, f_modify_syntax_entry, "Set syntax for character CHAR according to string NEWENTRY."),
    SubrDef::new("forward-word", 0, 1, f_forward_word, "Move point forward ARG words (backward if ARG is negative)."),
    SubrDef::new(
        "skip-chars-forward",
        1,
        2,
        f_skip_chars_forward,
        "Move point forward, stopping before a char not in STRING, or at pos LIM.",
    ),
    SubrDef::new(
        "skip-chars-backward",
        1,
        2,
        f_skip_chars_backward,
        "Move point backward, stopping after a char not in STRING, or at pos LIM.",
    ),
    SubrDef::new("skip-syntax-forward", 1, 2, f_skip_syntax_forward, "Move point forward across chars in specified syntax classes."),
    SubrDef::new("skip-syntax-backward", 1, 2, f_skip_syntax_backward, "Move point backward across chars in specified syntax classes."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    syntax::init();
    defvar_bool("words-include-escapes", Value::NIL);
    defvar_bool("parse-sexp-ignore-comments", Value::NIL);
    defvar_bool("parse-sexp-lookup-properties", Value::NIL);
    defvar_bool("multibyte-syntax-as-symbol", Value::NIL);
    defvar_bool("open-paren-in-column-0-is-defun-start", Value::T);
    defvar_bool("comment-end-can-be-escaped", Value::NIL);
    defvar_lisp("comment-use-syntax-ppss", Value::T);
    defvar_lisp("find-word-boundary-function-table", Value::NIL);
    let (combining, separating) = category::default_word_category_lists();
    for (name, text) in [("word-combining-categories", combining), ("word-separating-categories", separating)] {
        let v = crate::runtime::reader::read_from_string(make_string(text), 0, None).map(|r| r.0).unwrap_or(Value::NIL);
        defvar_lisp(name, v);
    }
    let (data, elisp, interaction) = syntax::lisp_mode_tables();
    defvar_special("lisp-data-mode-syntax-table", data);
    defvar_special("emacs-lisp-mode-syntax-table", elisp);
    defvar_special("lisp-interaction-mode-syntax-table", interaction);
    let _ = SCHARQUOTE;
}
