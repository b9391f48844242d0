//! Primitives of GNU Emacs's search.c: regexp matching on strings
//! (`string-match`, `posix-string-match`) and in the current buffer
//! (`looking-at`, `re-search-forward` ... through `runtime::regex::buffer`),
//! literal buffer search, the match data (`match-beginning`, `match-data`,
//! `set-match-data` ...), `replace-match` and `regexp-quote`.
//!
//! The match data is per thread: registers (start, end) with -1 for groups
//! that did not match, and the last thing searched (t for a string, a
//! buffer, or nil before any search).  Its register count grows as Emacs's
//! does, which `replace-match`'s SUBEXP range error shows.

use crate::builtins::fns::seq::{concat_strings, substring};
use crate::builtins::prelude::*;
use crate::runtime::regex::buffer::{self as rbuf, Accessible, EmptyBuffer, SearchBuffer};
use crate::runtime::regex::cache::{self, var, Env};
use crate::runtime::regex::{CharVec, CompileError, Overflow, Registers};
use crate::runtime::syntax::{SSYMBOL, SWORD};
use crate::runtime::text::TextSource;
use std::cell::RefCell;

mod literal;

struct MatchData {
    regs: Vec<(i64, i64)>,
    /// Every register from this index on is (-1, -1).
    dirty: usize,
}

thread_local! {
    static MD: RefCell<MatchData> = const { RefCell::new(MatchData { regs: Vec::new(), dirty: 0 }) };
    static LAST: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// The rooted slot holding `last_thing_searched`.
fn last_slot() -> &'static mut Value {
    let mut p = LAST.with(|c| c.get());
    if p.is_null() {
        let v: &'static mut Vec<Value> = Box::leak(Box::new(vec![Value::NIL]));
        heap().rooted.push(v as *const Vec<Value>);
        p = v as *mut Vec<Value>;
        LAST.with(|c| c.set(p));
    }
    unsafe { &mut (&mut *p)[0] }
}

fn regs_len() -> usize {
    MD.with(|m| m.borrow().regs.len())
}
fn reg(i: usize) -> (i64, i64) {
    MD.with(|m| m.borrow().regs.get(i).copied().unwrap_or((-1, -1)))
}

/// Stores a successful match's registers (offset by BASE), growing the
/// register count as `re_match_2_internal` does.
fn store_regs(found: &Registers, base: i64) {
    MD.with(|m| {
        let m = &mut *m.borrow_mut();
        let regs = &mut m.regs;
        let need = found.len();
        let n = regs.len();
        let new_n = if n == 0 {
            need.max(30)
        } else if n < need {
            (n + n / 2).max(need)
        } else {
            n
        };
        regs.resize(new_n, (-1, -1));
        for (r, &(s, e)) in regs.iter_mut().zip(found.iter()) {
            *r = if s >= 0 && e >= 0 { (s + base, e + base) } else { (-1, -1) };
        }
        for r in regs.iter_mut().take(m.dirty).skip(need) {
            *r = (-1, -1);
        }
        m.dirty = need;
    })
}

thread_local! {
    static SPARE_REGS: std::cell::Cell<Registers> = const { std::cell::Cell::new(Vec::new()) };
}

/// Registers for a match to fill (memory reused between searches).
fn take_regs() -> Registers {
    SPARE_REGS.with(|c| c.take())
}

fn give_back_regs(r: Registers) {
    SPARE_REGS.with(|c| c.set(r));
}

/// `set_search_regs`: a literal match BEG..END (others cleared).
fn set_search_regs(beg: i64, end: i64, buffer: Value) {
    if !var("inhibit-changing-match-data").is_nil() {
        return;
    }
    MD.with(|m| {
        let m = &mut *m.borrow_mut();
        let regs = &mut m.regs;
        if regs.is_empty() {
            regs.resize(2, (-1, -1));
        }
        for r in regs.iter_mut().take(m.dirty) {
            *r = (-1, -1);
        }
        regs[0] = (beg, end);
        m.dirty = 1;
    });
    *last_slot() = buffer;
}

/// `update_search_regs`: adjusts the match data after OLDSTART..OLDEND was
/// replaced by text ending at NEWEND.
pub fn update_search_regs(oldstart: i64, oldend: i64, newend: i64) {
    let change = newend - oldend;
    MD.with(|m| {
        for r in m.borrow_mut().regs.iter_mut() {
            if r.0 <= oldstart {
            } else if r.0 >= oldend {
                r.0 += change;
            } else {
                r.0 = oldstart;
            }
            if r.1 >= oldend {
                r.1 += change;
            } else if r.1 > oldstart {
                r.1 = oldstart;
            }
        }
    })
}

fn invalid_regexp(e: CompileError) -> Flow {
    signal(intern("invalid-regexp"), list1(make_string(e.message())))
}

fn matcher_overflow() -> Flow {
    error("Stack overflow in regexp matcher")
}

/// Runs F on a string's characters as a `TextSource` (decoded once when
/// indexing the string itself would be slow).
fn with_string_text<R>(s: &LispString, f: impl FnOnce(&dyn TextSource) -> R) -> R {
    if !s.multibyte || s.nchars == s.data.len() {
        f(s)
    } else {
        let cv = CharVec { chars: s.chars().collect(), multibyte: true };
        f(&cv)
    }
}

fn case_fold() -> bool {
    !var("case-fold-search").is_nil()
}

// ---------------------------------------------------------------------------
// string-match

fn string_match_1(regexp: Value, string: Value, start: Value, posix: bool, modify_data: bool) -> LResult {
    let modify = modify_data && var("inhibit-changing-match-data").is_nil();
    expect_string(regexp)?;
    let s = expect_string(string)?;
    let len = s.nchars as i64;
    let pos = if start.is_nil() {
        0
    } else {
        let p = start.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, start))?;
        if p < 0 && -p <= len {
            len + p
        } else if p < 0 || p > len {
            return Err(args_out_of_range(string, start));
        } else {
            p
        }
    };
    let env = Env::current(case_fold());
    let mut found = take_regs();
    let r = cache::with_regexp(regexp, &env, posix, None, |re, menv| {
        with_string_text(s, |text| {
            let size = text.char_count();
            re.search(text, pos as usize, size as i64 - pos, size, menv, Some(&mut found))
        })
    })
    .map_err(invalid_regexp)?;
    if modify {
        *last_slot() = Value::T;
    }
    match r {
        Err(Overflow) => Err(matcher_overflow()),
        Ok(None) => Ok(Value::NIL),
        Ok(Some(start)) => {
            if modify {
                store_regs(&found, 0);
            }
            give_back_regs(found);
            Ok(Value::fixnum(start as i64))
        }
    }
}

fn f_string_match(a: &[Value]) -> LResult {
    string_match_1(a[0], a[1], a[2], false, a[3].is_nil())
}
fn f_posix_string_match(a: &[Value]) -> LResult {
    string_match_1(a[0], a[1], a[2], true, a[3].is_nil())
}

// ---------------------------------------------------------------------------
// The current buffer

/// Calls F with the current buffer (an empty stand-in without buffer code).
fn with_buffer<R>(f: impl FnOnce(&mut dyn SearchBuffer) -> R) -> R {
    match rbuf::current_buffer() {
        Some(b) => f(b),
        None => f(&mut EmptyBuffer),
    }
}

fn looking_at_1(regexp: Value, posix: bool, modify_data: bool) -> LResult {
    let modify = modify_data && var("inhibit-changing-match-data").is_nil();
    expect_string(regexp)?;
    let env = Env::current(case_fold());
    with_buffer(|buf| {
        let text = Accessible::new(buf);
        let begv = text.begv;
        let pt = buf.point() - begv;
        let mut found = take_regs();
        let r = cache::with_regexp(regexp, &env, posix, Some(pt), |re, menv| re.match_at(&text, pt, text.len, menv, Some(&mut found)))
            .map_err(invalid_regexp)?;
        match r {
            Err(Overflow) => Err(matcher_overflow()),
            Ok(None) => Ok(Value::NIL),
            Ok(Some(_)) => {
                if modify {
                    store_regs(&found, begv as i64);
                    *last_slot() = buf.object();
                }
                give_back_regs(found);
                Ok(Value::T)
            }
        }
    })
}

fn f_looking_at(a: &[Value]) -> LResult {
    looking_at_1(a[0], false, a[1].is_nil())
}
fn f_posix_looking_at(a: &[Value]) -> LResult {
    looking_at_1(a[0], true, a[1].is_nil())
}

/// `fix_position`: an integer or marker position.
fn fix_position(v: Value) -> LResult<i64> {
    if let Some(n) = v.as_fixnum() {
        return Ok(n);
    }
    if let Some((_, pos)) = rbuf::marker_info(v) {
        return pos.map(|p| p as i64).ok_or_else(|| error("Marker does not point anywhere"));
    }
    if v.is_bignum() {
        return Ok(if v.as_bignum().is_some_and(|b| b.sign() == num_bigint::Sign::Minus) { i64::MIN } else { i64::MAX });
    }
    Err(wrong_type(intern("integer-or-marker-p"), v))
}

/// `search_command`: RE selects regexp search; DIRECTION is 1 or -1.
fn search_command(a: &[Value], direction: i64, re: bool, posix: bool) -> LResult {
    let (string, bound, noerror, count) = (a[0], a[1], a[2], a[3]);
    let mut n = direction;
    if !count.is_nil() {
        n *= count.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, count))?;
    }
    expect_string(string)?;
    with_buffer(|buf| {
        let (pt, begv, zv) = (buf.point() as i64, buf.begv() as i64, buf.zv() as i64);
        let lim = if bound.is_nil() {
            if n > 0 {
                zv
            } else {
                begv
            }
        } else {
            let l = fix_position(bound)?;
            if if n > 0 { l < pt } else { l > pt } {
                return Err(error("Invalid search bound (wrong side of point)"));
            }
            l.clamp(begv, zv)
        };
        let np = search_buffer(buf, string, pt, lim, n, re, posix)?;
        if np <= 0 {
            if noerror.is_nil() {
                return Err(signal(intern("search-failed"), list1(string)));
            }
            if !noerror.is_t() {
                buf.set_point(lim as usize);
            }
            return Ok(Value::NIL);
        }
        buf.set_point(np as usize);
        Ok(Value::fixnum(np))
    })
}

/// `trivial_regexp_p`: REGEXP matches just one constant string.
fn trivial_regexp_p(s: &LispString) -> bool {
    let d = &s.data;
    let mut i = 0;
    while i < d.len() {
        match d[i] {
            b'.' | b'*' | b'+' | b'?' | b'[' | b'^' | b'$' => return false,
            b'\\' => {
                i += 1;
                let Some(&c) = d.get(i) else { return false };
                if b"|()`'bB<>wWsS={}_cC123456789".contains(&c) {
                    return false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// `search_buffer`: the N-th occurrence from POS towards LIM; the new
/// position, or a non-positive count of occurrences left.
fn search_buffer(buf: &mut dyn SearchBuffer, string: Value, pos: i64, lim: i64, n: i64, re: bool, posix: bool) -> LResult<i64> {
    let s = string.string_ref();
    if n == 0 || s.nchars == 0 {
        set_search_regs(pos, pos, buf.object());
        return Ok(pos);
    }
    let fold = case_fold();
    if re && !(trivial_regexp_p(s) && var("search-spaces-regexp").is_nil()) {
        search_buffer_re(buf, string, pos, lim, n, posix, fold)
    } else {
        let r = literal::search(buf, s, re, pos, lim, n, fold);
        if let Some((beg, end)) = r.matched {
            set_search_regs(beg, end, buf.object());
        }
        Ok(r.result)
    }
}

fn search_buffer_re(
    buf: &mut dyn SearchBuffer,
    string: Value,
    mut pos: i64,
    lim: i64,
    mut n: i64,
    posix: bool,
    fold: bool,
) -> LResult<i64> {
    let preserve = var("inhibit-changing-match-data").is_nil();
    let env = Env::current(fold);
    let text = Accessible::new(buf);
    let begv = text.begv as i64;
    let pt = buf.point() as i64 - begv;
    let object = buf.object();
    let mut found = take_regs();
    let r = cache::with_regexp(string, &env, posix, Some(pt as usize), |re, menv| -> Result<i64, Overflow> {
        while n < 0 {
            let start = (pos - begv) as usize;
            match re.search(&text, start, lim - pos, start, menv, Some(&mut found))? {
                Some(_) => {
                    if preserve {
                        store_regs(&found, begv);
                        *last_slot() = object;
                    }
                    pos = found[0].0 + begv;
                }
                None => return Ok(n),
            }
            n += 1;
        }
        while n > 0 {
            let start = (pos - begv) as usize;
            match re.search(&text, start, lim - pos, (lim - begv) as usize, menv, Some(&mut found))? {
                Some(_) => {
                    if preserve {
                        store_regs(&found, begv);
                        *last_slot() = object;
                    }
                    pos = found[0].1 + begv;
                }
                None => return Ok(-n),
            }
            n -= 1;
        }
        Ok(pos)
    });
    give_back_regs(found);
    let r = r.map_err(invalid_regexp)?;
    r.map_err(|_| matcher_overflow())
}

fn f_search_backward(a: &[Value]) -> LResult {
    search_command(a, -1, false, false)
}
fn f_search_forward(a: &[Value]) -> LResult {
    search_command(a, 1, false, false)
}
fn f_re_search_backward(a: &[Value]) -> LResult {
    search_command(a, -1, true, false)
}
fn f_re_search_forward(a: &[Value]) -> LResult {
    search_command(a, 1, true, false)
}
fn f_posix_search_backward(a: &[Value]) -> LResult {
    search_command(a, -1, true, true)
}
fn f_posix_search_forward(a: &[Value]) -> LResult {
    search_command(a, 1, true, true)
}

// ---------------------------------------------------------------------------
// Match data

fn match_limit(num: Value, beginning: bool) -> LResult {
    let n = num.as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, num))?;
    if n < 0 {
        return Err(args_out_of_range(num, Value::fixnum(0)));
    }
    let len = regs_len();
    if len == 0 {
        return Err(error("No match data, because no search succeeded"));
    }
    let (s, e) = reg(n as usize);
    if n as usize >= len || s < 0 {
        return Ok(Value::NIL);
    }
    Ok(Value::fixnum(if beginning { s } else { e }))
}

fn f_match_beginning(a: &[Value]) -> LResult {
    match_limit(a[0], true)
}
fn f_match_end(a: &[Value]) -> LResult {
    match_limit(a[0], false)
}

fn f_match_data(a: &[Value]) -> LResult {
    let (integers, reuse, reseat) = (a[0], a[1], a[2]);
    if !reseat.is_nil() {
        let mut t = reuse;
        while t.is_cons() {
            if rbuf::marker_info(t.car()).is_some() {
                t.cons_ref().car = Value::NIL;
            }
            t = t.cdr();
        }
    }
    let last = *last_slot();
    if last.is_nil() {
        return Ok(Value::NIL);
    }
    let regs = MD.with(|m| m.borrow().regs.clone());
    let mut data: Vec<Value> = vec![Value::NIL; 2 * regs.len() + 1];
    let mut len = 0;
    for (i, &(s, e)) in regs.iter().enumerate() {
        if s >= 0 {
            if last.is_t() || !integers.is_nil() {
                data[2 * i] = Value::fixnum(s);
                data[2 * i + 1] = Value::fixnum(e);
            } else {
                data[2 * i] = rbuf::make_marker(last, s as usize);
                data[2 * i + 1] = rbuf::make_marker(last, e as usize);
            }
            len = 2 * i + 2;
        }
    }
    if !last.is_t() && !integers.is_nil() {
        data[len] = last;
        len += 1;
    }
    if !reuse.is_cons() {
        return Ok(list(&data[..len]));
    }
    let mut i = 0;
    let mut tail = reuse;
    let mut prev = Value::NIL;
    while tail.is_cons() {
        tail.cons_ref().car = if i < len { data[i] } else { Value::NIL };
        prev = tail;
        tail = tail.cdr();
        i += 1;
    }
    if i < len && prev.is_cons() {
        prev.cons_ref().cdr = list(&data[i..len]);
    }
    Ok(reuse)
}

/// `list_length`: signals for dotted and circular lists.
fn list_length(l: Value) -> LResult<usize> {
    let mut n = 0usize;
    let (mut slow, mut fast) = (l, l);
    loop {
        if !fast.is_cons() {
            if !fast.is_nil() {
                return Err(wrong_type(sym::LISTP, fast));
            }
            return Ok(n);
        }
        fast = fast.cdr();
        n += 1;
        if n.is_multiple_of(2) {
            slow = slow.cdr();
            if slow == fast && fast.is_cons() {
                return Err(signal(intern("circular-list"), list1(l)));
            }
        }
    }
}

/// `CHECK_FIXNUM_COERCE_MARKER` (markers pointing nowhere count as 0).
fn coerce_marker(v: Value) -> LResult<(i64, Option<Value>)> {
    if let Some((buf, pos)) = rbuf::marker_info(v) {
        return Ok(match pos {
            Some(p) if !buf.is_nil() => (p as i64, Some(buf)),
            _ => (0, None),
        });
    }
    match v.as_fixnum() {
        Some(n) => Ok((n, None)),
        None => Err(wrong_type(intern("integer-or-marker-p"), v)),
    }
}

fn f_set_match_data(a: &[Value]) -> LResult {
    let (mut l, reseat) = (a[0], a[1]);
    expect_list(l)?;
    let mut last = Value::T;
    let length = list_length(l)? / 2;
    let mut regs = MD.with(|m| m.borrow().regs.clone());
    if length > regs.len() {
        let n0 = regs.len();
        let mut n = n0 + n0 / 2;
        if n * 8 < 128 {
            n = 16;
        }
        if n < length {
            n = length;
        }
        regs.resize(n, (-1, -1));
    }
    let mut i = 0;
    while l.is_cons() {
        let m = l.car();
        if rbuf::is_buffer(m) {
            last = m;
            break;
        }
        if i >= length {
            break;
        }
        if m.is_nil() {
            regs[i].0 = -1;
            l = l.cdr();
        } else {
            let (from, b1) = coerce_marker(m)?;
            if let Some(b) = b1 {
                last = b;
            }
            if !reseat.is_nil() && rbuf::marker_info(m).is_some() {
                l.cons_ref().car = Value::NIL;
            }
            l = l.cdr();
            if !l.is_cons() {
                break;
            }
            let m2 = l.car();
            let (to, _) = coerce_marker(m2)?;
            regs[i] = (from, to);
            if !reseat.is_nil() && rbuf::marker_info(m2).is_some() {
                l.cons_ref().car = Value::NIL;
            }
        }
        l = l.cdr();
        i += 1;
    }
    for r in regs.iter_mut().skip(i) {
        r.0 = -1;
    }
    MD.with(|m| {
        let mut m = m.borrow_mut();
        m.dirty = regs.len();
        m.regs = regs;
    });
    *last_slot() = last;
    Ok(Value::NIL)
}

fn f_match_data_translate(a: &[Value]) -> LResult {
    let delta = a[0].as_fixnum().ok_or_else(|| wrong_type(sym::FIXNUMP, a[0]))?;
    if !last_slot().is_nil() {
        MD.with(|m| {
            for r in m.borrow_mut().regs.iter_mut() {
                if r.0 >= 0 {
                    r.0 = (r.0 + delta).max(0);
                    r.1 = (r.1 + delta).max(0);
                }
            }
        });
    }
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// regexp-quote, re--describe-compiled

fn f_regexp_quote(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    let mut out = Vec::with_capacity(s.data.len() * 2);
    let mut added = 0;
    for &b in &s.data {
        if b"[*.\\?+^$".contains(&b) {
            out.push(b'\\');
            added += 1;
        }
        out.push(b);
    }
    if added == 0 {
        return Ok(a[0]);
    }
    Ok(heap().alloc_string(LispString::new(out, s.nchars + added, s.multibyte)))
}

fn f_re_describe_compiled(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let env = Env::current(case_fold());
    let bytes = cache::with_regexp(a[0], &env, false, None, |re, _| re.buf.clone()).map_err(invalid_regexp)?;
    if a[1].is_nil() {
        return Err(error("Not available: rebuild with --enable-checking"));
    }
    Ok(heap().alloc_string(LispString::new(bytes.clone(), bytes.len(), false)))
}

// ---------------------------------------------------------------------------
// replace-match

#[derive(Copy, Clone, PartialEq, Eq)]
enum CaseAction {
    NoChange,
    AllCaps,
    CapInitial,
}

/// Decides how to case the replacement from the matched text's characters.
fn decide_case(chars: &[u32]) -> CaseAction {
    use crate::runtime::casetab::{is_lower, is_upper};
    let syn = crate::runtime::syntax::SyntaxView::current();
    let symbols_as_words = !var("case-symbols-as-words").is_nil();
    let wordish = |c: u32| {
        let s = syn.class(c);
        s == SWORD || (symbols_as_words && s == SSYMBOL)
    };
    let (mut multiletter, mut lower, mut upper, mut nonupper_initial) = (false, false, false, false);
    let mut prevc = 0x0a;
    for &c in chars {
        if is_lower(c) {
            lower = true;
            if !wordish(prevc) {
                nonupper_initial = true;
            } else {
                multiletter = true;
            }
        } else if is_upper(c) {
            upper = true;
            if wordish(prevc) {
                multiletter = true;
            }
        } else if !wordish(prevc) {
            nonupper_initial = true;
        }
        prevc = c;
    }
    if !lower && multiletter {
        CaseAction::AllCaps
    } else if !nonupper_initial && multiletter {
        CaseAction::CapInitial
    } else if !nonupper_initial && upper {
        CaseAction::AllCaps
    } else {
        CaseAction::NoChange
    }
}

fn as_multibyte_char(c: u32, multibyte: bool) -> u32 {
    if multibyte {
        c
    } else {
        crate::runtime::regex::char_to_multibyte(c)
    }
}

/// NEWTEXT with `\&`, `\N` and `\\` substituted from STRING's match.
fn substitute_in_string(newtext: Value, string: Value, sub: (i64, i64)) -> LResult {
    let nt = newtext.string_ref();
    let chars: Vec<u32> = nt.chars().collect();
    let mut accum: Vec<Value> = Vec::new();
    let mut lastpos = 0usize;
    let mut pos = 0usize;
    while pos < chars.len() {
        let c = chars[pos];
        pos += 1;
        let mut piece: Option<(i64, i64)> = None;
        let mut delbackslash = false;
        if c == '\\' as u32 {
            let c2 = chars.get(pos).copied().unwrap_or(0);
            pos += 1;
            if c2 == '&' as u32 {
                piece = Some(sub);
            } else if ('1' as u32..='9' as u32).contains(&c2) {
                let k = (c2 - '0' as u32) as usize;
                let r = reg(k);
                piece = Some(if k < regs_len() && r.0 >= 0 { r } else { (0, 0) });
            } else if c2 == '\\' as u32 {
                delbackslash = true;
            } else if c2 != '?' as u32 {
                return Err(error("Invalid use of ‘\\’ in replacement text"));
            }
        }
        if let Some((s, e)) = piece {
            if pos - 2 != lastpos {
                accum.push(substring(newtext, lastpos, pos - 2, true));
            }
            let slen = string.string_ref().nchars as i64;
            if s < 0 || e > slen || s > e {
                return Err(args_out_of_range3(string, Value::fixnum(s), Value::fixnum(e)));
            }
            accum.push(substring(string, s as usize, e as usize, true));
            lastpos = pos;
        } else if delbackslash {
            accum.push(substring(newtext, lastpos, pos - 1, true));
            lastpos = pos;
        }
    }
    if pos != lastpos {
        accum.push(substring(newtext, lastpos, pos.min(chars.len()), true));
    }
    concat_strings(&accum)
}

fn f_replace_match(a: &[Value]) -> LResult {
    let (newtext, fixedcase, mut literal, string, subexp) = (a[0], a[1], a[2], a[3], a[4]);
    expect_string(newtext)?;
    if !string.is_nil() {
        expect_string(string)?;
    }
    if literal.is_nil() && !newtext.string_ref().data.contains(&b'\\') {
        literal = Value::T;
    }
    let num_regs = regs_len();
    if num_regs == 0 {
        return Err(error("‘replace-match’ called before any match found"));
    }
    let sub = if subexp.is_nil() {
        0
    } else {
        match subexp.as_fixnum() {
            Some(k) if k >= 0 && (k as usize) < num_regs => k as usize,
            Some(_) => {
                return Err(args_out_of_range3(subexp, Value::fixnum(0), Value::fixnum(num_regs as i64 - 1)));
            }
            None => return Err(wrong_type(sym::INTEGERP, subexp)),
        }
    };
    let (sub_start, sub_end) = reg(sub);
    if string.is_nil() {
        return replace_in_buffer(newtext, fixedcase, literal, sub, num_regs);
    }
    let slen = string.string_ref().nchars as i64;
    if !(0 <= sub_start && sub_end <= slen) {
        if sub_start < 0 {
            return Err(signal(sym::ERROR, list2(make_string("replace-match subexpression does not exist"), subexp)));
        }
        return Err(args_out_of_range(Value::fixnum(sub_start), Value::fixnum(sub_end)));
    }
    let mut case_action = CaseAction::NoChange;
    if fixedcase.is_nil() {
        let s = string.string_ref();
        let mb = s.multibyte;
        let chars: Vec<u32> =
            s.chars().skip(sub_start as usize).take((sub_end - sub_start).max(0) as usize).map(|c| as_multibyte_char(c, mb)).collect();
        case_action = decide_case(&chars);
    }
    if sub_start > sub_end {
        return Err(args_out_of_range3(string, Value::fixnum(sub_start), Value::fixnum(sub_end)));
    }
    let before = substring(string, 0, sub_start as usize, true);
    let after = substring(string, sub_end as usize, slen as usize, true);
    let mut text = newtext;
    if literal.is_nil() {
        text = substitute_in_string(newtext, string, (sub_start, sub_end))?;
    }
    text = match case_action {
        CaseAction::AllCaps => funcall(intern("upcase"), &[text])?,
        CaseAction::CapInitial => funcall(intern("upcase-initials"), &[text])?,
        CaseAction::NoChange => text,
    };
    concat_strings(&[before, text, after])
}

/// The buffer half of `replace-match`.
fn replace_in_buffer(newtext: Value, fixedcase: Value, literal: Value, sub: usize, num_regs: usize) -> LResult {
    let (sub_start, sub_end) = reg(sub);
    let bounds = with_buffer(|b| (b.begv() as i64, b.zv() as i64, b.point() as i64, b.multibyte()));
    let (begv, zv, pt, buf_mb) = bounds;
    if !(begv <= sub_start && sub_end <= zv) {
        if sub_start < 0 {
            return Err(signal(sym::ERROR, list2(make_string("replace-match subexpression does not exist"), Value::fixnum(sub as i64))));
        }
        return Err(args_out_of_range(Value::fixnum(sub_start), Value::fixnum(sub_end)));
    }
    let mut case_action = CaseAction::NoChange;
    if fixedcase.is_nil() {
        let chars: Vec<u32> = with_buffer(|b| (sub_start..sub_end).map(|p| as_multibyte_char(b.char_at(p as usize), buf_mb)).collect());
        case_action = decide_case(&chars);
    }
    let opoint = if pt <= sub_start { pt } else { pt.max(sub_end) - zv };
    let mut text = newtext;
    if literal.is_nil() {
        text = substitute_in_buffer(newtext, sub, num_regs, buf_mb)?;
    }
    let nchars = text.string_ref().nchars as i64;
    let newpoint = sub_start + nchars;
    with_buffer(|b| b.replace(sub_start as usize, sub_end as usize, text))?;
    update_search_regs(sub_start, sub_end, sub_start + nchars);
    let (start0, _) = reg(sub);
    match case_action {
        CaseAction::AllCaps => {
            funcall(intern("upcase-region"), &[Value::fixnum(start0), Value::fixnum(newpoint), Value::NIL])?;
        }
        CaseAction::CapInitial => {
            funcall(intern("upcase-initials-region"), &[Value::fixnum(start0), Value::fixnum(newpoint), Value::NIL])?;
        }
        CaseAction::NoChange => {}
    }
    if regs_len() != num_regs {
        return Err(error("Match data clobbered by buffer modification hooks"));
    }
    with_buffer(|b| {
        let (bv, z) = (b.begv() as i64, b.zv() as i64);
        let p = (opoint + if opoint <= 0 { z } else { 0 }).clamp(bv, z);
        b.set_point(p as usize);
        b.set_point(newpoint.clamp(bv, z) as usize);
    });
    Ok(Value::NIL)
}

/// NEWTEXT with its `\` constructs substituted from the buffer's match.
fn substitute_in_buffer(newtext: Value, sub: usize, num_regs: usize, buf_mb: bool) -> LResult {
    let nt = newtext.string_ref();
    let str_mb = nt.multibyte;
    let chars: Vec<u32> = nt.chars().collect();
    let mut out: Vec<u32> = Vec::with_capacity(chars.len());
    let mut changed = false;
    let conv = |c: u32| -> u32 {
        if str_mb {
            if !buf_mb {
                crate::runtime::regex::char_to_unibyte(c).unwrap_or(c & 0xff)
            } else {
                c
            }
        } else if buf_mb {
            crate::runtime::regex::char_to_multibyte(c)
        } else {
            c
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = conv(chars[i]);
        i += 1;
        if c == '\\' as u32 {
            changed = true;
            let c2 = chars.get(i).map(|&x| conv(x)).unwrap_or(0);
            i += 1;
            let mut idx = None;
            if c2 == '&' as u32 {
                idx = Some(sub);
            } else if ('1' as u32..='9' as u32).contains(&c2) && ((c2 - '0' as u32) as usize) < num_regs {
                let k = (c2 - '0' as u32) as usize;
                if reg(k).0 >= 1 {
                    idx = Some(k);
                }
            } else if c2 == '\\' as u32 {
                out.push('\\' as u32);
            } else {
                return Err(error("Invalid use of ‘\\’ in replacement text"));
            }
            if let Some(k) = idx {
                let (s, e) = reg(k);
                with_buffer(|b| {
                    for p in s..e {
                        out.push(b.char_at(p as usize));
                    }
                });
            }
        } else {
            out.push(c);
        }
    }
    if !changed {
        return Ok(newtext);
    }
    let mut sb = if buf_mb { StringBuilder::multibyte() } else { StringBuilder::new() };
    for c in out {
        if buf_mb {
            sb.push(c);
        } else {
            sb.data.push(c as u8);
            sb.nchars += 1;
        }
    }
    Ok(sb.build())
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("looking-at", 1, 2, f_looking_at, "Return t if text after point matches regular expression REGEXP."),
    SubrDef::new("posix-looking-at", 1, 2, f_posix_looking_at, "Return t if text after point matches REGEXP according to Posix rules."),
    SubrDef::new("string-match", 2, 4, f_string_match, "Return index of start of first match for REGEXP in STRING, or nil."),
    SubrDef::new(
        "posix-string-match",
        2,
        4,
        f_posix_string_match,
        "Return index of start of first match for Posix REGEXP in STRING, or nil.",
    ),
    SubrDef::new("search-forward", 1, 4, f_search_forward, "Search forward from point for STRING."),
    SubrDef::new("search-backward", 1, 4, f_search_backward, "Search backward from point for STRING."),
    SubrDef::new("re-search-forward", 1, 4, f_re_search_forward, "Search forward from point for regular expression REGEXP."),
    SubrDef::new("re-search-backward", 1, 4, f_re_search_backward, "Search backward from point for regular expression REGEXP."),
    SubrDef::new("posix-search-forward", 1, 4, f_posix_search_forward, "Search forward from point for REGEXP according to Posix rules."),
    SubrDef::new(
        "posix-search-backward",
        1,
        4,
        f_posix_search_backward,
        "Search backward from point for match for REGEXP according to Posix rules.",
    ),
    SubrDef::new("replace-match", 1, 5, f_replace_match, "Replace text matched by last search with NEWTEXT."),
    SubrDef::new("match-beginning", 1, 1, f_match_beginning, "Return position of start of text matched by last search."),
    SubrDef::new("match-end", 1, 1, f_match_end, "Return position of end of text matched by last search."),
    SubrDef::new("match-data", 0, 3, f_match_data, "Return a list of positions that record text matched by the last search."),
    SubrDef::new("set-match-data", 1, 2, f_set_match_data, "Set internal data on last search match from elements of LIST."),
    SubrDef::new("match-data--translate", 1, 1, f_match_data_translate, "Add N to all positions in the match data.  Internal."),
    SubrDef::new("regexp-quote", 1, 1, f_regexp_quote, "Return a regexp string which matches exactly STRING and nothing else."),
    SubrDef::new("re--describe-compiled", 1, 2, f_re_describe_compiled, "Return a string describing the compiled form of REGEXP."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("search-spaces-regexp", Value::NIL);
    defvar_lisp("inhibit-changing-match-data", Value::NIL);
    let cfs = intern("case-fold-search");
    if cfs.sym().value == Value::UNBOUND {
        defvar_lisp("case-fold-search", Value::T);
    }
    crate::runtime::casetab::init();
    crate::runtime::regex::bridge::install();
}

#[cfg(test)]
mod tests;
