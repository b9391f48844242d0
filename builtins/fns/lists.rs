//! List primitives of fns.c: lengths (`length`, `safe-length`, `length<`
//! ...), `nth`/`nthcdr`/`elt`, membership and association (`memq`,
//! `member`, `assoc` ...), destructive and copying list surgery (`delq`,
//! `delete`, `reverse`, `nreverse`, `nconc`, `copy-alist`, `take`, `ntake`)
//! and property lists (`plist-get`, `plist-put`, `plist-member`, `get`,
//! `put`).  List walks detect cycles the way Emacs's `FOR_EACH_TAIL` does
//! (Brent's algorithm with the same step schedule, so `safe-length` of a
//! circular list gives Emacs's number).
use crate::builtins::data::types::{aref, is_array};
use crate::builtins::prelude::*;
use crate::runtime::equality::{eq, eql, equal};

/// How a list walk ended: an early result, or the final non-cons tail.
pub enum Walk<R> {
    Found(R),
    End(Value),
}

/// Visits each cons of LIST like `FOR_EACH_TAIL`: F may stop the walk with
/// `Some(r)`; a cycle signals `(circular-list LIST)`.
pub fn walk<R>(list: Value, mut f: impl FnMut(Value) -> LResult<Option<R>>) -> LResult<Walk<R>> {
    let mut tail = list;
    let mut tortoise = list;
    let (mut n, mut q) = (2u64, 2u64);
    while tail.is_cons() {
        if let Some(r) = f(tail)? {
            return Ok(Walk::Found(r));
        }
        tail = tail.cdr();
        q -= 1;
        if q == 0 {
            n = n.saturating_mul(2);
            q = n;
            tortoise = tail;
        } else if tail == tortoise {
            return Err(circular_list(list));
        }
    }
    Ok(Walk::End(tail))
}

/// Like `walk` but a cycle just ends the walk (`FOR_EACH_TAIL_SAFE`):
/// F returning true stops.  Gives the number of conses visited, the tail
/// where the walk stopped (nil after a cycle), and whether it hit a cycle.
pub fn walk_safe(list: Value, mut f: impl FnMut(Value) -> bool) -> (usize, Value, bool) {
    let mut tail = list;
    let mut tortoise = list;
    let (mut n, mut q) = (2u64, 2u64);
    let mut count = 0;
    while tail.is_cons() {
        count += 1;
        if f(tail) {
            return (count, tail, false);
        }
        tail = tail.cdr();
        q -= 1;
        if q == 0 {
            n = n.saturating_mul(2);
            q = n;
            tortoise = tail;
        } else if tail == tortoise {
            return (count, Value::NIL, true);
        }
    }
    (count, tail, false)
}

pub fn circular_list(l: Value) -> Flow {
    signal(sym::CIRCULAR_LIST, list1(l))
}

/// `CHECK_LIST_END`: a walk that ended on a non-nil tail is an error about DATA.
pub fn check_list_end(tail: Value, data: Value) -> LResult<()> {
    if tail.is_nil() {
        Ok(())
    } else {
        Err(wrong_type(sym::LISTP, data))
    }
}

/// The elements of proper list LIST (errors as `length`).
pub fn list_elements(list: Value) -> LResult<Vec<Value>> {
    let mut out = Vec::new();
    let end = walk(list, |c| {
        out.push(c.car());
        Ok(None::<()>)
    })?;
    if let Walk::End(t) = end {
        check_list_end(t, t)?;
    }
    Ok(out)
}

/// Length of a proper list: `(wrong-type-argument listp TAIL)` for a dotted
/// list, `(circular-list LIST)` for a circular one.
pub fn list_length(list: Value) -> LResult<usize> {
    let mut n = 0usize;
    if let Walk::End(t) = walk(list, |_| {
        n += 1;
        Ok(None::<()>)
    })? {
        check_list_end(t, t)?;
    }
    Ok(n)
}

/// `length` of any sequence.
pub fn length(seq: Value) -> LResult<usize> {
    if seq.is_list() {
        return list_length(seq);
    }
    if seq.is_string() {
        return Ok(seq.string_ref().nchars);
    }
    if seq.is_obj() {
        match seq.obj_ref() {
            Obj::Vector(v) | Obj::Record(v) | Obj::ByteCode(v) => return Ok(v.len()),
            Obj::BoolVector(b) => return Ok(b.len()),
            Obj::CharTable(_) => return Ok(MAX_CHAR as usize),
            Obj::Closure(c) => return Ok(c.slots.len()),
            _ => {}
        }
    }
    Err(wrong_type(sym::SEQUENCEP, seq))
}

pub fn f_length(a: &[Value]) -> LResult {
    Ok(Value::fixnum(length(a[0])? as i64))
}
pub fn f_safe_length(a: &[Value]) -> LResult {
    Ok(Value::fixnum(walk_safe(a[0], |_| false).0 as i64))
}
pub fn f_proper_list_p(a: &[Value]) -> LResult {
    let (n, tail, circular) = walk_safe(a[0], |_| false);
    Ok(if tail.is_nil() && !circular { Value::fixnum(n as i64) } else { Value::NIL })
}

/// Emacs's `length_internal`: counts at most LEN conses of a list; -1 when
/// the list is longer.
/// fns.c `length_internal` (LEN is a C `int` there): -1 when LIST has at
/// least LEN conses, else LEN minus their number.  Short limits walk
/// without cycle checks; long ones signal `circular-list` on a cycle.
fn length_internal(list: Value, len: i32) -> LResult<i32> {
    let mut len = len;
    if len < 0xffff {
        let mut l = list;
        while l.is_cons() {
            len = len.wrapping_sub(1);
            if len <= 0 {
                return Ok(-1);
            }
            l = l.cdr();
        }
        return Ok(len);
    }
    let found = walk(list, |_| {
        len = len.wrapping_sub(1);
        Ok((len <= 0).then_some(()))
    })?;
    Ok(if matches!(found, Walk::Found(())) { -1 } else { len })
}

fn length_cmp(a: &[Value]) -> LResult<(i64, Option<i64>)> {
    let len = expect_fixnum(a[1])?;
    if a[0].is_cons() {
        Ok((len, None))
    } else {
        Ok((len, Some(length(a[0])? as i64)))
    }
}
pub fn f_length_less(a: &[Value]) -> LResult {
    let (len, n) = length_cmp(a)?;
    Ok(Value::bool(match n {
        Some(n) => n < len,
        None => length_internal(a[0], len as i32)? != -1,
    }))
}
pub fn f_length_greater(a: &[Value]) -> LResult {
    let (len, n) = length_cmp(a)?;
    Ok(Value::bool(match n {
        Some(n) => n > len,
        None => length_internal(a[0], (len + 1) as i32)? == -1,
    }))
}
pub fn f_length_equal(a: &[Value]) -> LResult {
    let (len, n) = length_cmp(a)?;
    if len < 0 {
        return Ok(Value::NIL);
    }
    Ok(Value::bool(match n {
        Some(n) => n == len,
        None => length_internal(a[0], (len + 1) as i32)? == 1,
    }))
}

// ---------------------------------------------------------------------------
// nthcdr, nth, elt

/// `nthcdr` with N already an integer count (negative means 0).
pub fn nthcdr(n: Count, list: Value) -> LResult {
    let big = match n {
        Count::Big(b) => Some(b),
        _ => None,
    };
    let mut num = match n {
        Count::Fix(k) if k <= 0 => return Ok(list),
        Count::Fix(k) => k as u64,
        Count::Big(_) => u64::MAX,
    };
    let mut tail = list;
    // Short lists and small counts: a plain walk.
    let mut steps = 0u32;
    while num > 0 && steps < 4096 {
        if !tail.is_cons() {
            check_list_end(tail, list)?;
            return Ok(Value::NIL);
        }
        tail = tail.cdr();
        num -= 1;
        steps += 1;
    }
    if num == 0 {
        return Ok(tail);
    }
    // Long walk: find the tail's cycle (if any) and reduce NUM modulo it.
    match cycle_info(tail) {
        None => {
            while num > 0 {
                if !tail.is_cons() {
                    check_list_end(tail, list)?;
                    return Ok(Value::NIL);
                }
                tail = tail.cdr();
                num -= 1;
            }
            Ok(tail)
        }
        Some((mu, lambda)) => {
            let num = match big {
                // The true count is N - 4096 steps already taken.
                Some(b) => {
                    let rest: num_bigint::BigInt = b - 4096u32 - mu;
                    let r = rest % lambda;
                    mu + num_traits::ToPrimitive::to_u64(&r).unwrap_or(0)
                }
                None if num > mu => mu + (num - mu) % lambda,
                None => num,
            };
            for _ in 0..num {
                tail = tail.cdr();
            }
            Ok(tail)
        }
    }
}

/// For a circular list: (length of the non-repeating prefix, cycle length).
fn cycle_info(list: Value) -> Option<(u64, u64)> {
    // Brent's algorithm.
    let (mut power, mut lambda) = (1u64, 1u64);
    let mut tortoise = list;
    if !list.is_cons() {
        return None;
    }
    let mut hare = list.cdr();
    while hare != tortoise {
        if !hare.is_cons() {
            return None;
        }
        if power == lambda {
            tortoise = hare;
            power *= 2;
            lambda = 0;
        }
        hare = hare.cdr();
        lambda += 1;
    }
    let (mut t, mut h) = (list, list);
    for _ in 0..lambda {
        h = h.cdr();
    }
    let mut mu = 0;
    while t != h {
        t = t.cdr();
        h = h.cdr();
        mu += 1;
    }
    Some((mu, lambda))
}

/// An integer count argument: a fixnum, or a bignum (negative ones as -1).
pub enum Count {
    Fix(i64),
    Big(&'static num_bigint::BigInt),
}

fn expect_count(n: Value) -> LResult<Count> {
    if let Some(k) = n.as_fixnum() {
        return Ok(Count::Fix(k));
    }
    match n.as_bignum() {
        Some(b) if b.sign() == num_bigint::Sign::Minus => Ok(Count::Fix(-1)),
        Some(b) => Ok(Count::Big(b)),
        None => Err(wrong_type(sym::INTEGERP, n)),
    }
}

pub fn f_nthcdr(a: &[Value]) -> LResult {
    nthcdr(expect_count(a[0])?, a[1])
}
pub fn f_nth(a: &[Value]) -> LResult {
    let t = nthcdr(expect_count(a[0])?, a[1])?;
    crate::builtins::data::types::car(t)
}
pub fn f_elt(a: &[Value]) -> LResult {
    if a[0].is_list() {
        return f_nth(&[a[1], a[0]]);
    }
    if !is_array(a[0]) {
        return Err(wrong_type(sym::SEQUENCEP, a[0]));
    }
    aref(a[0], a[1])
}

// ---------------------------------------------------------------------------
// Membership and association

fn member_by(elt: Value, list: Value, mut same: impl FnMut(Value, Value) -> LResult<bool>) -> LResult {
    match walk(list, |c| Ok(if same(elt, c.car())? { Some(c) } else { None }))? {
        Walk::Found(c) => Ok(c),
        Walk::End(t) => {
            check_list_end(t, list)?;
            Ok(Value::NIL)
        }
    }
}

pub fn f_memq(a: &[Value]) -> LResult {
    member_by(a[0], a[1], |x, y| Ok(eq(x, y)))
}
pub fn f_memql(a: &[Value]) -> LResult {
    member_by(a[0], a[1], |x, y| Ok(eql(x, y)))
}
pub fn f_member(a: &[Value]) -> LResult {
    member_by(a[0], a[1], equal)
}

/// Finds the first cons element of ALIST whose car (or cdr when BY_CDR)
/// satisfies SAME with KEY.
fn assoc_by(key: Value, alist: Value, by_cdr: bool, mut same: impl FnMut(Value, Value) -> LResult<bool>) -> LResult {
    let found = walk(alist, |c| {
        let e = c.car();
        if !e.is_cons() {
            return Ok(None);
        }
        let k = if by_cdr { e.cdr() } else { e.car() };
        Ok(if same(k, key)? { Some(e) } else { None })
    })?;
    match found {
        Walk::Found(e) => Ok(e),
        Walk::End(t) => {
            check_list_end(t, alist)?;
            Ok(Value::NIL)
        }
    }
}

pub fn f_assq(a: &[Value]) -> LResult {
    assoc_by(a[0], a[1], false, |x, y| Ok(eq(x, y)))
}
pub fn f_assoc(a: &[Value]) -> LResult {
    let testfn = a[2];
    if testfn.is_nil() {
        return assoc_by(a[0], a[1], false, |x, y| Ok(eq(x, y) || equal(x, y)?));
    }
    assoc_by(a[0], a[1], false, |x, y| Ok(!funcall(testfn, &[x, y])?.is_nil()))
}
pub fn f_rassq(a: &[Value]) -> LResult {
    assoc_by(a[0], a[1], true, |x, y| Ok(eq(x, y)))
}
pub fn f_rassoc(a: &[Value]) -> LResult {
    assoc_by(a[0], a[1], true, |x, y| Ok(eq(x, y) || equal(x, y)?))
}

// ---------------------------------------------------------------------------
// Deletion, reversal, concatenation

/// Destructively removes the elements of LIST matching ELT.
fn delete_from_list(elt: Value, list: Value, mut same: impl FnMut(Value, Value) -> LResult<bool>) -> LResult {
    let mut head = list;
    let mut prev = Value::NIL;
    let end = walk(list, |c| {
        if same(elt, c.car())? {
            if prev.is_nil() {
                head = c.cdr();
            } else {
                prev.cons_ref().cdr = c.cdr();
            }
        } else {
            prev = c;
        }
        Ok(None::<()>)
    })?;
    if let Walk::End(t) = end {
        check_list_end(t, list)?;
    }
    Ok(head)
}

pub fn f_delq(a: &[Value]) -> LResult {
    delete_from_list(a[0], a[1], |x, y| Ok(eq(x, y)))
}

pub fn f_delete(a: &[Value]) -> LResult {
    let (elt, seq) = (a[0], a[1]);
    if seq.is_list() {
        return delete_from_list(elt, seq, equal);
    }
    if let Some(v) = seq.as_vector() {
        let mut kept = Vec::with_capacity(v.len());
        for &x in v.clone().iter() {
            if !equal(elt, x)? {
                kept.push(x);
            }
        }
        return Ok(if kept.len() == v.len() { seq } else { make_vector(kept) });
    }
    if seq.is_string() {
        let s = seq.string_ref();
        let c = elt.as_fixnum();
        if c.is_none() || !s.chars().any(|x| Some(x as i64) == c) {
            return Ok(seq);
        }
        let mut out = Vec::with_capacity(s.data.len());
        let mut n = 0;
        let mut pos = 0;
        while pos < s.data.len() {
            let (ch, len) = if s.multibyte { decode_char(&s.data[pos..]) } else { (s.data[pos] as u32, 1) };
            if Some(ch as i64) != c {
                out.extend_from_slice(&s.data[pos..pos + len]);
                n += 1;
            }
            pos += len;
        }
        return Ok(heap().alloc_string(LispString::new(out, n, s.multibyte)));
    }
    Err(wrong_type(sym::SEQUENCEP, seq))
}

pub fn f_reverse(a: &[Value]) -> LResult {
    reverse(a[0])
}

pub fn reverse(seq: Value) -> LResult {
    if seq.is_list() {
        let mut new = Value::NIL;
        if let Walk::End(t) = walk(seq, |c| {
            new = cons(c.car(), new);
            Ok(None::<()>)
        })? {
            check_list_end(t, t)?;
        }
        return Ok(new);
    }
    if let Some(v) = seq.as_vector() {
        return Ok(make_vector(v.iter().rev().copied().collect()));
    }
    if let Some(b) = seq.as_bool_vector() {
        let r: Vec<bool> = b.iter().rev().copied().collect();
        return Ok(heap().alloc_obj(Obj::BoolVector(r)));
    }
    if seq.is_string() {
        let s = seq.string_ref();
        if !s.multibyte {
            let d: Vec<u8> = s.data.iter().rev().copied().collect();
            return Ok(make_string_from_bytes(d, false));
        }
        let chars: Vec<u32> = s.chars().collect();
        let mut out = Vec::with_capacity(s.data.len());
        for &c in chars.iter().rev() {
            encode_char(c, &mut out);
        }
        return Ok(heap().alloc_string(LispString::new(out, s.nchars, true)));
    }
    Err(wrong_type(sym::SEQUENCEP, seq))
}

pub fn f_nreverse(a: &[Value]) -> LResult {
    let seq = a[0];
    if seq.is_cons() {
        let mut prev = Value::NIL;
        let mut tail = seq;
        while tail.is_cons() {
            let next = tail.cdr();
            if next == seq {
                return Err(circular_list(seq));
            }
            tail.cons_ref().cdr = prev;
            prev = tail;
            tail = next;
        }
        check_list_end(tail, seq)?;
        return Ok(prev);
    }
    if seq.is_nil() {
        return Ok(seq);
    }
    if let Some(v) = seq.as_vector() {
        v.reverse();
        return Ok(seq);
    }
    if let Some(b) = seq.as_bool_vector() {
        b.reverse();
        return Ok(seq);
    }
    if seq.is_string() {
        return reverse(seq);
    }
    Err(wrong_type(sym::ARRAYP, seq))
}

pub fn f_nconc(args: &[Value]) -> LResult {
    let mut args = args.to_vec();
    let n = args.len();
    let mut val = Value::NIL;
    for i in 0..n {
        let tem = args[i];
        if tem.is_nil() {
            continue;
        }
        if val.is_nil() {
            val = tem;
        }
        if i + 1 == n {
            break;
        }
        check(tem.is_cons(), sym::CONSP, tem)?;
        let mut last = tem;
        walk(tem, |c| {
            last = c;
            Ok(None::<()>)
        })?;
        let next = args[i + 1];
        last.cons_ref().cdr = next;
        if next.is_nil() {
            args[i + 1] = last;
        }
    }
    Ok(val)
}

pub fn f_copy_alist(a: &[Value]) -> LResult {
    let alist = expect_list(a[0])?;
    let items = copy_list_items(alist)?;
    let copied: Vec<Value> = items.iter().map(|&e| if e.is_cons() { cons(e.car(), e.cdr()) } else { e }).collect();
    Ok(list(&copied))
}

/// The elements of a list for copying; a dotted tail is `(wrong-type-argument listp TAIL)`.
fn copy_list_items(l: Value) -> LResult<Vec<Value>> {
    list_elements(l)
}

/// `take`: a copy of the first N elements (walking a circular list N
/// times around, as Emacs does; a dotted tail reached early is an error).
pub fn f_take(a: &[Value]) -> LResult {
    let n = match expect_count(a[0])? {
        Count::Fix(k) => k,
        Count::Big(_) => MOST_POSITIVE_FIXNUM,
    };
    if n <= 0 {
        return Ok(Value::NIL);
    }
    let l = expect_list(a[1])?;
    if n > 1 << 20 && walk_safe(l, |_| false).2 {
        // Around a cycle N times: as much memory as Emacs would need, or memory-full.
        crate::builtins::alloc::check_alloc(n as u64, 16)?;
    }
    let mut out = Vec::new();
    let mut tail = l;
    while (out.len() as i64) < n && tail.is_cons() {
        out.push(tail.car());
        tail = tail.cdr();
    }
    if (out.len() as i64) < n && !tail.is_nil() {
        return Err(wrong_type(sym::LISTP, tail));
    }
    Ok(list(&out))
}

pub fn f_ntake(a: &[Value]) -> LResult {
    let m = match expect_count(a[0])? {
        Count::Fix(k) if k <= 0 => return Ok(Value::NIL),
        Count::Fix(k) => k,
        Count::Big(_) => MOST_POSITIVE_FIXNUM,
    };
    let l = expect_list(a[1])?;
    let mut tail = l;
    let mut m = m - 1;
    let mut steps = 0u64;
    while m > 0 && tail.is_cons() {
        tail = tail.cdr();
        m -= 1;
        steps += 1;
        if steps == 1 << 22 && cycle_info(l).is_some() {
            return Err(circular_list(l));
        }
    }
    if tail.is_cons() {
        tail.cons_ref().cdr = Value::NIL;
    } else if !tail.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    Ok(l)
}

// ---------------------------------------------------------------------------
// Property lists

/// `plist-get` with `eq`: never signals.
pub fn plist_get(plist: Value, prop: Value) -> Value {
    let mut found = Value::NIL;
    walk_plist_safe(plist, |k, cell| {
        if eq(k, prop) {
            found = cell.cdr().car();
            true
        } else {
            false
        }
    });
    found
}

/// Walks PROP VALUE pairs safely (stops at a malformed tail or a cycle);
/// F gets each property and its cons; returning true stops.
fn walk_plist_safe(plist: Value, mut f: impl FnMut(Value, Value) -> bool) {
    let mut skip = false;
    walk_safe(plist, |c| {
        if skip {
            skip = false;
            return false;
        }
        if !c.cdr().is_cons() {
            return true;
        }
        skip = true;
        f(c.car(), c)
    });
}

pub fn f_plist_get(a: &[Value]) -> LResult {
    let (plist, prop, pred) = (a[0], a[1], a[2]);
    if pred.is_nil() {
        return Ok(plist_get(plist, prop));
    }
    // With a predicate the walk may call Lisp; collect the pairs first.
    let mut pairs = RootedVec::new();
    walk_plist_safe(plist, |k, c| {
        pairs.push(k);
        pairs.push(c.cdr().car());
        false
    });
    for i in (0..pairs.len()).step_by(2) {
        if !funcall(pred, &[pairs[i], prop])?.is_nil() {
            return Ok(pairs[i + 1]);
        }
    }
    Ok(Value::NIL)
}

/// `plist-put`; PRED nil means `eq`.
pub fn plist_put(plist: Value, prop: Value, val: Value, pred: Value) -> LResult {
    let mut prev = Value::NIL;
    let mut tail = plist;
    let mut tortoise = plist;
    let mut steps = 0u64;
    while tail.is_cons() {
        if !tail.cdr().is_cons() {
            break;
        }
        let hit = if pred.is_nil() { eq(tail.car(), prop) } else { !funcall(pred, &[tail.car(), prop])?.is_nil() };
        if hit {
            tail.cdr().cons_ref().car = val;
            return Ok(plist);
        }
        prev = tail;
        tail = tail.cdr().cdr();
        steps += 1;
        if steps.is_multiple_of(2) {
            tortoise = tortoise.cdr().cdr();
        }
        if tail == tortoise && tail.is_cons() {
            return Err(circular_list(plist));
        }
    }
    if !tail.is_nil() {
        return Err(wrong_type(sym::PLISTP, plist));
    }
    if prev.is_nil() {
        return Ok(cons(prop, cons(val, plist)));
    }
    let newcell = cons(prop, cons(val, prev.cdr().cdr()));
    prev.cdr().cons_ref().cdr = newcell;
    Ok(plist)
}

pub fn f_plist_put(a: &[Value]) -> LResult {
    plist_put(a[0], a[1], a[2], a[3])
}

pub fn f_plist_member(a: &[Value]) -> LResult {
    let (plist, prop, pred) = (a[0], a[1], a[2]);
    let mut tail = plist;
    let mut tortoise = plist;
    let mut steps = 0u64;
    while tail.is_cons() {
        let hit = if pred.is_nil() { eq(tail.car(), prop) } else { !funcall(pred, &[tail.car(), prop])?.is_nil() };
        if hit {
            return Ok(tail);
        }
        tail = tail.cdr();
        if !tail.is_cons() {
            break;
        }
        tail = tail.cdr();
        steps += 1;
        if steps.is_multiple_of(2) {
            tortoise = tortoise.cdr().cdr();
        }
        if tail == tortoise && tail.is_cons() {
            return Err(circular_list(plist));
        }
    }
    if !tail.is_nil() {
        return Err(wrong_type(sym::PLISTP, plist));
    }
    Ok(Value::NIL)
}

/// `get`: `overriding-plist-environment` first, then the symbol's plist.
pub fn get(symbol: Value, prop: Value) -> LResult {
    let symbol = expect_symbol(symbol)?;
    let env = crate::runtime::specpdl::value_cell(intern("overriding-plist-environment"));
    if env.is_cons() {
        let mut found = Value::NIL;
        walk_safe(env, |c| {
            let e = c.car();
            if e.is_cons() && eq(e.car(), symbol) {
                found = plist_get(e.cdr(), prop);
                true
            } else {
                false
            }
        });
        if !found.is_nil() {
            return Ok(found);
        }
    }
    Ok(plist_get(symbol.sym().plist, prop))
}

pub fn f_get(a: &[Value]) -> LResult {
    get(a[0], a[1])
}
pub fn f_put(a: &[Value]) -> LResult {
    let s = expect_symbol(a[0])?;
    let d = s.sym();
    d.plist = plist_put(d.plist, a[1], a[2], Value::NIL)?;
    Ok(a[2])
}

// ---------------------------------------------------------------------------
// Widgets: (TYPE . PLIST) lists whose properties fall back to TYPE's
// `widget-type' property.

pub fn f_widget_put(a: &[Value]) -> LResult {
    check(a[0].is_cons(), sym::CONSP, a[0])?;
    let plist = plist_put(a[0].cdr(), a[1], a[2], Value::NIL)?;
    a[0].cons_ref().cdr = plist;
    Ok(a[2])
}

pub fn widget_get(mut widget: Value, property: Value) -> LResult {
    let widget_type = intern("widget-type");
    for _ in 0..100_000 {
        if widget.is_nil() {
            return Ok(Value::NIL);
        }
        check(widget.is_cons(), sym::CONSP, widget)?;
        let tmp = f_plist_member(&[widget.cdr(), property, Value::NIL])?;
        if tmp.is_cons() {
            return crate::builtins::data::types::car(tmp.cdr());
        }
        let ty = widget.car();
        if ty.is_nil() {
            return Ok(Value::NIL);
        }
        widget = get(ty, widget_type)?;
    }
    Err(error("Widget type chain is circular"))
}

pub fn f_widget_get(a: &[Value]) -> LResult {
    widget_get(a[0], a[1])
}

pub fn f_widget_apply(a: &[Value]) -> LResult {
    let f = widget_get(a[0], a[1])?;
    let mut args = RootedVec::with_capacity(a.len() - 1);
    args.push(a[0]);
    args.extend_from_slice(&a[2..]);
    funcall(f, &args)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::builtins::prelude::*;
    use crate::runtime::equality::equal;

    fn circular2() -> Value {
        let c = l(&[n(1), n(2)]);
        c.cdr().cons_ref().cdr = c;
        c
    }

    #[test]
    fn lengths() {
        setup();
        // Expectations from GNU Emacs 30.1.
        let dotted = cons(n(1), cons(n(2), n(3)));
        assert!(call("length", &[dotted]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        let c = circular2();
        assert!(call("length", &[c]).is_err());
        assert_eq!(err(), (sym::CIRCULAR_LIST, vec![c]));
        assert!(call("length", &[n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(5)]));
        assert_eq!(call("safe-length", &[dotted]).ok(), Some(n(2)));
        assert_eq!(call("safe-length", &[n(5)]).ok(), Some(n(0)));
        assert_eq!(call("safe-length", &[c]).ok(), Some(n(4)));
        assert_eq!(call("proper-list-p", &[dotted]).ok(), Some(Value::NIL));
        assert_eq!(call("proper-list-p", &[c]).ok(), Some(Value::NIL));
        assert_eq!(call("proper-list-p", &[l(&[n(1), n(2)])]).ok(), Some(n(2)));
        assert_eq!(call("length=", &[dotted, n(2)]).ok(), Some(Value::T));
        assert_eq!(call("length=", &[dotted, n(3)]).ok(), Some(Value::NIL));
        assert_eq!(call("length<", &[l(&[n(1), n(2)]), n(-1)]).ok(), Some(Value::NIL));
        assert!(call("length<", &[n(5), n(1)]).is_err());
        assert!(call("length=", &[l(&[n(1)]), make_float(1.0)]).is_err());
        assert_eq!(err().1[0], sym::FIXNUMP);
    }

    #[test]
    fn nth_and_nthcdr() {
        setup();
        let dotted = cons(n(1), cons(n(2), n(3)));
        assert!(call("nth", &[n(1), cons(n(1), n(2))]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(2)]));
        assert_eq!(call("nth", &[n(5), l(&[n(1), n(2)])]).ok(), Some(Value::NIL));
        assert_eq!(call("nth", &[n(-1), l(&[n(1), n(2)])]).ok(), Some(n(1)));
        assert!(call("nthcdr", &[n(3), dotted]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, dotted]));
        assert_eq!(call("nthcdr", &[n(2), dotted]).ok(), Some(n(3)));
        let big = make_integer(num_bigint::BigInt::from(1) << 70);
        assert_eq!(call("nthcdr", &[big, l(&[n(1)])]).ok(), Some(Value::NIL));
        // (nthcdr (expt 2 70) circular) walks the cycle modulo its length.
        let c = circular2();
        assert_eq!(call("nthcdr", &[big, c]).ok(), Some(c));
        assert_eq!(call("nthcdr", &[n(1_000_001), c]).ok(), Some(c.cdr()));
        assert!(call("nthcdr", &[make_float(1.0), l(&[n(1)])]).is_err());
        assert_eq!(err().1[0], sym::INTEGERP);
        assert_eq!(call("elt", &[l(&[n(1)]), n(-1)]).ok(), Some(n(1)));
        let v = make_vector(vec![n(1)]);
        assert!(call("elt", &[v, n(-1)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![v, n(-1)]));
        assert!(call("elt", &[n(5), n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(5)]));
    }

    #[test]
    fn membership() {
        setup();
        let dotted = cons(n(1), cons(n(2), n(3)));
        for f in ["memq", "member", "assq", "assoc", "rassq", "delq", "delete"] {
            assert!(call(f, &[sy("x"), dotted]).is_err(), "{f}");
            assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, dotted]));
        }
        let c = circular2();
        assert!(call("memq", &[sy("x"), c]).is_err());
        assert_eq!(err(), (sym::CIRCULAR_LIST, vec![c]));
        assert_eq!(call("memq", &[n(2), c]).ok(), Some(c.cdr()));
        let f1 = make_float(1.0);
        assert_eq!(ints(call("memql", &[make_float(1.0), l(&[n(1), f1])]).unwrap()).len(), 1);
        let alist = l(&[n(1), cons(n(3), sy("b"))]);
        assert_eq!(call("assoc", &[n(3), alist]).ok(), Some(alist.cdr().car()));
        // (assoc 2 '((1 . a) (2 . b)) #'=) -> (2 . b)
        let al = l(&[cons(n(1), sy("a")), cons(n(2), sy("b"))]);
        assert_eq!(call("assoc", &[n(2), al, sy("eq")]).ok(), Some(al.cdr().car()));
        let ra = l(&[n(1), cons(sy("b"), n(3))]);
        assert_eq!(call("rassoc", &[n(3), ra]).ok(), Some(ra.cdr().car()));
    }

    #[test]
    fn surgery() {
        setup();
        let v = make_vector(vec![n(1), n(2), n(1)]);
        assert_eq!(call("delete", &[n(1), v]).unwrap().as_vector().unwrap().clone(), vec![n(2)]);
        assert_eq!(text(call("delete", &[n(97), s("abca")]).unwrap()), "bc");
        let abc = s("abc");
        assert_eq!(call("delete", &[n(1), abc]).ok(), Some(abc));
        assert!(call("reverse", &[cons(n(1), cons(n(2), n(3)))]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        assert_eq!(text(call("reverse", &[s("aé")]).unwrap()), "éa");
        assert!(call("reverse", &[make_record(vec![sy("a"), n(1)])]).is_err());
        assert_eq!(err().1[0], sym::SEQUENCEP);
        assert!(call("nreverse", &[n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::ARRAYP, n(5)]));
        let lst = l(&[n(1), n(2), n(3)]);
        assert_eq!(ints(call("nreverse", &[lst]).unwrap()), vec![3, 2, 1]);
        // (nconc (list 1) 2 (list 3)) -> (wrong-type-argument consp 2)
        assert!(call("nconc", &[l(&[n(1)]), n(2), l(&[n(3)])]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CONSP, n(2)]));
        let r = call("nconc", &[l(&[n(1)]), n(2)]).unwrap();
        assert_eq!((r.car(), r.cdr()), (n(1), n(2)));
        assert_eq!(call("nconc", &[Value::NIL, n(1)]).ok(), Some(n(1)));
        let r = call("nconc", &[l(&[n(1)]), Value::NIL, l(&[n(2)]), Value::NIL, l(&[n(3)])]).unwrap();
        assert_eq!(ints(r), vec![1, 2, 3]);
        // (copy-alist '((1 . 2) 3 . 4)) -> (wrong-type-argument listp 4)
        assert!(call("copy-alist", &[cons(cons(n(1), n(2)), cons(n(3), n(4)))]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(4)]));
        assert!(call("copy-alist", &[n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(5)]));
    }

    #[test]
    fn take_ntake() {
        setup();
        let dotted = cons(n(1), cons(n(2), n(3)));
        assert_eq!(ints(call("take", &[n(2), l(&[n(1), n(2), n(3)])]).unwrap()), vec![1, 2]);
        assert_eq!(call("take", &[n(-1), l(&[n(1)])]).ok(), Some(Value::NIL));
        assert!(call("take", &[n(5), dotted]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        assert!(call("ntake", &[n(3), dotted]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, dotted]));
        assert!(call("take", &[n(2), n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(5)]));
        assert!(call("ntake", &[n(5), n(5)]).is_err());
        assert_eq!(ints(call("ntake", &[n(2), l(&[n(1), n(2), n(3)])]).unwrap()), vec![1, 2]);
    }

    #[test]
    fn plists() {
        setup();
        let (a, b) = (sy("a"), sy("b"));
        let p = l(&[a, n(1), b]);
        assert_eq!(call("plist-get", &[p, b]).ok(), Some(Value::NIL));
        assert_eq!(call("plist-get", &[p, a]).ok(), Some(n(1)));
        assert_eq!(call("plist-get", &[n(5), a]).ok(), Some(Value::NIL));
        assert!(call("plist-put", &[p, sy("c"), n(2)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::PLISTP, p]));
        let p2 = call("plist-put", &[Value::NIL, a, n(1)]).unwrap();
        let p3 = call("plist-put", &[p2, b, n(2)]).unwrap();
        assert!(equal(p3, l(&[a, n(1), b, n(2)])).unwrap());
        assert_eq!(call("plist-member", &[p3, b]).ok(), Some(p3.cdr().cdr()));
        let sp = l(&[s("x"), n(1)]);
        assert_eq!(call("plist-get", &[sp, s("x"), sy("string-equal")]).ok(), Some(n(1)));
        let sym_ = sy("fns-test-symbol");
        call("put", &[sym_, a, n(7)]).unwrap();
        assert_eq!(call("get", &[sym_, a]).ok(), Some(n(7)));
        // (widget-put (list 'w :a 1) :b 2), widget-get through the type's widget-type.
        let w = l(&[sy("fns-test-wtype"), sy(":a"), n(1)]);
        call("widget-put", &[w, sy(":b"), n(2)]).unwrap();
        assert_eq!(call("widget-get", &[w, sy(":b")]).ok(), Some(n(2)));
        call("put", &[sy("fns-test-wtype"), sy("widget-type"), l(&[Value::NIL, sy(":c"), n(3)])]).unwrap();
        assert_eq!(call("widget-get", &[w, sy(":c")]).ok(), Some(n(3)));
        assert_eq!(call("widget-get", &[w, sy(":d")]).ok(), Some(Value::NIL));
        assert!(call("widget-put", &[n(1), a, n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CONSP, n(1)]));
        assert!(call("get", &[n(1), a]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SYMBOLP, n(1)]));
    }
}
