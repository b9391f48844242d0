//! `sort` (Emacs 30: `(sort SEQ &key KEY LESSP REVERSE IN-PLACE)` and the
//! old `(sort SEQ LESSP)` form, which sorts in place) and `value<`, the
//! standard order `sort` uses by default.  The sort is a stable merge sort
//! whose comparisons may call Lisp and fail; all elements and keys live in
//! rooted vectors while it runs.
use super::lists::list_length;
use crate::builtins::fns::strings::string_cmp;
use crate::builtins::prelude::*;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, Zero};
use std::cmp::Ordering;

fn type_mismatch(a: Value, b: Value) -> Flow {
    signal_list(intern("type-mismatch"), &[a, b])
}

fn ord(o: Ordering) -> i32 {
    o as i32
}

/// -1, 0 or 1 comparing f64 values (NaN compares as 0, as in Emacs).
fn fcmp(a: f64, b: f64) -> i32 {
    if a < b {
        -1
    } else {
        i32::from(a > b)
    }
}

/// Exact comparison of a bignum with a float (`mpz_cmp_d`), NaN excluded.
fn big_cmp_f64(b: &BigInt, f: f64) -> i32 {
    if f.is_infinite() {
        return if f > 0.0 { -1 } else { 1 };
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl).unwrap_or_else(BigInt::zero);
    match b.cmp(&fb) {
        Ordering::Equal if f > fl => -1,
        o => ord(o),
    }
}

/// Emacs's `value_cmp`: -1, 0 or 1 in the standard value order, or
/// `type-mismatch` for values of different types.
pub fn value_cmp(mut a: Value, mut b: Value, depth: i32) -> LResult<i32> {
    if depth < 0 {
        return Err(error("Maximum depth exceeded in comparison"));
    }
    loop {
        if a == b {
            return Ok(0);
        }
        if let Some(ia) = a.as_fixnum() {
            if let Some(ib) = b.as_fixnum() {
                return Ok(if ia < ib { -1 } else { 1 });
            }
            if b.is_float() {
                return Ok(fcmp(ia as f64, b.float_value()));
            }
            if let Some(bb) = b.as_bignum() {
                return Ok(if bb.is_negative() { 1 } else { -1 });
            }
            return Err(type_mismatch(a, b));
        }
        match a.tag() {
            TAG_SYMBOL => {
                if b.is_symbol() {
                    return Ok(ord(string_cmp(a.sym().name.string_ref(), b.sym().name.string_ref())));
                }
                if b.is_cons() && a.is_nil() {
                    return Ok(-1);
                }
                return Err(type_mismatch(a, b));
            }
            TAG_STRING => {
                if b.is_string() {
                    return Ok(ord(string_cmp(a.string_ref(), b.string_ref())));
                }
                return Err(type_mismatch(a, b));
            }
            TAG_FLOAT => {
                let fa = a.float_value();
                if b.is_float() {
                    return Ok(fcmp(fa, b.float_value()));
                }
                if let Some(ib) = b.as_fixnum() {
                    return Ok(fcmp(fa, ib as f64));
                }
                if let Some(bb) = b.as_bignum() {
                    return Ok(if fa.is_nan() { 0 } else { -big_cmp_f64(bb, fa) });
                }
                return Err(type_mismatch(a, b));
            }
            TAG_CONS => {
                // Lexicographic over B's conses (B must not be circular).
                let (r, na, nb) = cmp_conses(a, b, depth)?;
                match r {
                    Some(c) => return Ok(c),
                    None => {
                        a = na;
                        b = nb;
                        continue;
                    }
                }
            }
            _ => return cmp_vectorlike(a, b, depth),
        }
    }
}

/// Compares the conses of A and B: a result, or the tails to compare next.
fn cmp_conses(mut a: Value, mut b: Value, depth: i32) -> LResult<(Option<i32>, Value, Value)> {
    let list = b;
    let mut tortoise = b;
    let (mut n, mut q) = (2u64, 2u64);
    while b.is_cons() {
        let c = value_cmp(a.car(), b.car(), depth - 1)?;
        if c != 0 {
            return Ok((Some(c), a, b));
        }
        a = a.cdr();
        if !a.is_cons() {
            return Ok((None, a, b.cdr()));
        }
        b = b.cdr();
        q -= 1;
        if q == 0 {
            n = n.saturating_mul(2);
            q = n;
            tortoise = b;
        } else if b == tortoise {
            return Err(super::lists::circular_list(list));
        }
    }
    if b.is_nil() {
        Ok((Some(1), a, b))
    } else {
        Err(type_mismatch(a, b))
    }
}

fn cmp_vectorlike(a: Value, b: Value, depth: i32) -> LResult<i32> {
    if !a.is_obj() {
        return Err(type_mismatch(a, b));
    }
    let same_type = b.is_obj()
        && match (a.obj_ref(), b.obj_ref()) {
            (Obj::Host(x), Obj::Host(y)) => x.type_name() == y.type_name(),
            (x, y) => std::mem::discriminant(x) == std::mem::discriminant(y),
        };
    if !same_type {
        if a.as_bignum().is_some() {
            return Ok(-value_cmp(b, a, depth)?);
        }
        return Err(type_mismatch(a, b));
    }
    match (a.obj_ref(), b.obj_ref()) {
        (Obj::Vector(x), Obj::Vector(y)) | (Obj::Record(x), Obj::Record(y)) => {
            let (x, y) = (x.clone(), y.clone());
            for (p, q) in x.iter().zip(y.iter()) {
                let c = value_cmp(*p, *q, depth - 1)?;
                if c != 0 {
                    return Ok(c);
                }
            }
            Ok(ord(x.len().cmp(&y.len())))
        }
        (Obj::BoolVector(x), Obj::BoolVector(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                if p != q {
                    return Ok(if *p { 1 } else { -1 });
                }
            }
            Ok(ord(x.len().cmp(&y.len())))
        }
        (Obj::Bignum(x), Obj::Bignum(y)) => Ok(ord(Ord::cmp(x, y))),
        // Other types (and markers, whose buffers Enoki can't see here) are unordered.
        _ => Ok(0),
    }
}

pub fn f_value_lt(a: &[Value]) -> LResult {
    Ok(Value::bool(value_cmp(a[0], a[1], 200)? < 0))
}

// ---------------------------------------------------------------------------
// sort

/// Stable bottom-up merge sort of the permutation PERM under LESS.
fn merge_sort(perm: &mut Vec<usize>, less: &mut dyn FnMut(usize, usize) -> LResult<bool>) -> LResult<()> {
    let n = perm.len();
    let mut buf = perm.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            merge(&perm[lo..mid], &perm[mid..hi], &mut buf[lo..hi], less)?;
            lo = hi;
        }
        std::mem::swap(perm, &mut buf);
        width *= 2;
    }
    Ok(())
}

fn merge(l: &[usize], r: &[usize], out: &mut [usize], less: &mut dyn FnMut(usize, usize) -> LResult<bool>) -> LResult<()> {
    // Already in order: no merging needed.
    if r.is_empty() || l.is_empty() || !less(r[0], l[l.len() - 1])? {
        out[..l.len()].copy_from_slice(l);
        out[l.len()..].copy_from_slice(r);
        return Ok(());
    }
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < l.len() && j < r.len() {
        if less(r[j], l[i])? {
            out[k] = r[j];
            j += 1;
        } else {
            out[k] = l[i];
            i += 1;
        }
        k += 1;
    }
    out[k..k + l.len() - i].copy_from_slice(&l[i..]);
    let k = k + l.len() - i;
    out[k..].copy_from_slice(&r[j..]);
    Ok(())
}

/// Sorts ITEMS (rooted) in place, stably, by KEY and LESSP (nil: identity
/// and `value<`); REVERSE reverses the order while keeping stability.
fn sort_values(items: &mut RootedVec, key: Value, lessp: Value, reverse: bool) -> LResult<()> {
    if reverse {
        items.reverse();
    }
    let mut keys = RootedVec::with_capacity(items.len());
    if key.is_nil() {
        keys.extend(items.iter().copied());
    } else {
        for i in 0..items.len() {
            let k = funcall(key, &[items[i]])?;
            keys.push(k);
        }
    }
    let mut perm: Vec<usize> = (0..items.len()).collect();
    let mut less = |x: usize, y: usize| -> LResult<bool> {
        if lessp.is_nil() {
            Ok(value_cmp(keys[x], keys[y], 200)? < 0)
        } else {
            Ok(!funcall(lessp, &[keys[x], keys[y]])?.is_nil())
        }
    };
    merge_sort(&mut perm, &mut less)?;
    let sorted: Vec<Value> = perm.iter().map(|&i| items[i]).collect();
    items.copy_from_slice(&sorted);
    if reverse {
        items.reverse();
    }
    Ok(())
}

pub fn f_sort(args: &[Value]) -> LResult {
    let seq = args[0];
    let (mut key, mut lessp, mut inplace, mut reverse) = (Value::NIL, Value::NIL, false, false);
    if args.len() == 2 {
        lessp = args[1];
        inplace = true;
    } else if args.len().is_multiple_of(2) {
        return Err(error("Invalid argument list"));
    } else {
        for pair in args[1..].chunks(2) {
            match pair[0].symbol_name_if_symbol() {
                Some(":key") => key = pair[1],
                Some(":lessp") => lessp = pair[1],
                Some(":in-place") => inplace = !pair[1].is_nil(),
                Some(":reverse") => reverse = !pair[1].is_nil(),
                _ => return Err(signal_list(sym::ERROR, &[make_string("Invalid keyword argument"), pair[0]])),
            }
        }
    }
    if seq.is_cons() {
        let n = list_length(seq)?;
        let mut items = RootedVec::with_capacity(n);
        items.extend(seq.iter());
        if n < 2 {
            return Ok(if inplace { seq } else { list(&items) });
        }
        sort_values(&mut items, key, lessp, reverse)?;
        if !inplace {
            return Ok(list(&items));
        }
        let mut tail = seq;
        for &v in items.iter() {
            if !tail.is_cons() {
                break;
            }
            tail.cons_ref().car = v;
            tail = tail.cdr();
        }
        return Ok(seq);
    }
    if seq.is_nil() {
        return Ok(seq);
    }
    if let Some(v) = seq.as_vector() {
        let target = if inplace { seq } else { make_vector(v.clone()) };
        let mut items = RootedVec::new();
        items.extend(target.as_vector().map(|v| v.clone()).unwrap_or_default());
        sort_values(&mut items, key, lessp, reverse)?;
        if let Some(t) = target.as_vector() {
            let n = t.len().min(items.len());
            t[..n].copy_from_slice(&items[..n]);
        }
        return Ok(target);
    }
    Err(wrong_type(sym::LIST_OR_VECTOR_P, seq))
}

trait SymbolNameIfSymbol {
    fn symbol_name_if_symbol(self) -> Option<&'static str>;
}
impl SymbolNameIfSymbol for Value {
    fn symbol_name_if_symbol(self) -> Option<&'static str> {
        if self.is_symbol() && is_keyword(self) {
            std::str::from_utf8(&self.sym().name.string_ref().data).ok()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn value_order() {
        setup();
        // Expectations from GNU Emacs 30.1.
        let lt = |a, b| call("value<", &[a, b]);
        assert!(lt(n(1), sy("a")).is_err());
        assert_eq!(err(), (intern("type-mismatch"), vec![n(1), sy("a")]));
        assert!(lt(s("a"), sy("b")).is_err());
        assert_eq!(lt(l(&[n(1), n(2)]), l(&[n(1), n(3)])).ok(), Some(Value::T));
        assert_eq!(lt(l(&[n(1), n(2)]), l(&[n(1), n(2), n(0)])).ok(), Some(Value::T));
        assert_eq!(lt(make_vector(vec![n(1), n(2)]), make_vector(vec![n(1), n(2), n(0)])).ok(), Some(Value::T));
        assert_eq!(lt(Value::NIL, l(&[n(1)])).ok(), Some(Value::T));
        assert_eq!(lt(n(1), make_float(1.5)).ok(), Some(Value::T));
        assert_eq!(lt(make_float(0.0), make_float(-0.0)).ok(), Some(Value::NIL));
        assert_eq!(lt(make_float(f64::NAN), n(1)).ok(), Some(Value::NIL));
        assert_eq!(lt(make_record(vec![sy("a"), n(1)]), make_record(vec![sy("a"), n(2)])).ok(), Some(Value::T));
        let bv = |b: Vec<bool>| heap().alloc_obj(Obj::BoolVector(b));
        assert_eq!(lt(bv(vec![true]), bv(vec![true, false])).ok(), Some(Value::T));
        assert_eq!(lt(cons(n(1), n(2)), cons(n(1), n(3))).ok(), Some(Value::T));
        assert!(lt(cons(n(1), n(2)), l(&[n(1), n(3)])).is_err());
        let e = err();
        assert_eq!(e.1[0], n(2));
        assert_eq!(ints(e.1[1]), vec![3]);
        assert_eq!(lt(sy(":a"), sy(":b")).ok(), Some(Value::T));
        assert_eq!(lt(Value::NIL, Value::T).ok(), Some(Value::T));
        let big = make_integer(BigInt::from(1) << 70);
        assert_eq!(lt(n(1), big).ok(), Some(Value::T));
        assert_eq!(lt(big, make_float(1e30)).ok(), Some(Value::T));
        assert_eq!(lt(make_float(1e30), big).ok(), Some(Value::NIL));
    }

    #[test]
    fn sorting() {
        setup();
        assert_eq!(ints(call("sort", &[l(&[n(3), n(1), n(2)])]).unwrap()), vec![1, 2, 3]);
        let v = make_vector(vec![n(3), n(1), n(2)]);
        let r = call("sort", &[v, sy(":reverse"), Value::T]).unwrap();
        assert_eq!(r.as_vector().unwrap().clone(), vec![n(3), n(2), n(1)]);
        assert_eq!(v.as_vector().unwrap().clone(), vec![n(3), n(1), n(2)]);
        // Old form sorts in place: the original conses hold the sorted elements.
        let lst = l(&[n(3), n(1), n(2)]);
        call("sort", &[lst, sy("value<")]).unwrap();
        assert_eq!(ints(lst), vec![1, 2, 3]);
        let lst = l(&[n(3), n(1), n(2)]);
        call("sort", &[lst, sy(":lessp"), sy("value<")]).unwrap();
        assert_eq!(ints(lst), vec![3, 1, 2]);
        let lst = l(&[n(3), n(1), n(2)]);
        call("sort", &[lst, sy(":in-place"), Value::T]).unwrap();
        assert_eq!(ints(lst), vec![1, 2, 3]);
        let st = s("cba");
        assert!(call("sort", &[st]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LIST_OR_VECTOR_P, st]));
        assert!(call("sort", &[l(&[n(3), n(1)]), sy(":bogus"), n(1)]).is_err());
        assert_eq!(text(err().1[0]), "Invalid keyword argument");
        assert_eq!(err().1[1], sy(":bogus"));
        assert!(call("sort", &[l(&[n(1), n(2)]), sy("foo"), sy("bar")]).is_err());
        assert_eq!(err().1[1], sy("foo"));
        assert!(call("sort", &[cons(n(1), cons(n(2), n(3))), sy("value<")]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        // Stability with :key: ((b . 1) (a . 2) (b . 0)) by car -> (a . 2) (b . 1) (b . 0)
        let items = l(&[cons(sy("b"), n(1)), cons(sy("a"), n(2)), cons(sy("b"), n(0))]);
        let r = call("sort", &[items, sy(":key"), sy("car")]).unwrap();
        assert_eq!(r.iter().map(|c| c.cdr().as_fixnum().unwrap()).collect::<Vec<_>>(), vec![2, 1, 0]);
        let r = call("sort", &[items, sy(":key"), sy("car"), sy(":reverse"), Value::T]).unwrap();
        assert_eq!(r.iter().map(|c| c.cdr().as_fixnum().unwrap()).collect::<Vec<_>>(), vec![1, 0, 2]);
        let big: Vec<Value> = (0..1000).map(|i| n((i * 7919) % 1000)).collect();
        let r = call("sort", &[list(&big)]).unwrap();
        assert_eq!(ints(r), (0..1000).collect::<Vec<_>>());
    }
}
