//! Hash-table primitives of fns.c on top of `runtime::hashtable`:
//! `make-hash-table` (with :test, :size, :weakness, :purecopy and the
//! obsolete :rehash-size / :rehash-threshold), `gethash`, `puthash`,
//! `remhash`, `clrhash`, `maphash`, `copy-hash-table`, the accessors, and
//! `define-hash-table-test` and the `sxhash-*` functions.  The
//! `internal--hash-table-*` debugging functions report Enoki's own index
//! layout (a bucket is the entries whose probe starts at one index cell),
//! which, like hash codes, is not GNU Emacs's.
//!
//! Weak tables (`:weakness`) lose the entries their weakness does not keep
//! at each collection, as GNU Emacs's (see `Marker::settle_weak_tables`).
//! `hash-table-size` reports the allocation size the table records
//! (`:size`, grown as Emacs grows it).
use crate::builtins::prelude::*;
use crate::runtime::hashtable::{HashTable, HashTest};

/// `(error MESSAGE . ARG)`, or `(error MESSAGE ARG)` when ARG is not a list,
/// as Emacs's `signal_error` does.
pub fn signal_error(message: &str, arg: Value) -> Flow {
    let data = if arg.is_list() { arg } else { list1(arg) };
    signal(sym::ERROR, cons(make_string(message), data))
}

/// `internal--hash-table-buckets`: ((KEY . HASH) ...) per bucket.
pub fn f_hash_table_buckets(a: &[Value]) -> LResult {
    let buckets = expect_hash_table(a[0])?.buckets();
    let pair = |&(k, h): &(Value, u64)| cons(k, make_integer(h.into()));
    Ok(list(&buckets.iter().map(|b| list(&b.iter().map(pair).collect::<Vec<_>>())).collect::<Vec<_>>()))
}

/// `internal--hash-table-histogram`: ((BUCKET-SIZE . HOW-MANY) ...), by size.
pub fn f_hash_table_histogram(a: &[Value]) -> LResult {
    let mut freq = std::collections::BTreeMap::new();
    for b in expect_hash_table(a[0])?.buckets() {
        *freq.entry(b.len()).or_insert(0usize) += 1;
    }
    let pairs: Vec<Value> = freq.iter().map(|(&n, &c)| cons(Value::fixnum(n as i64), Value::fixnum(c as i64))).collect();
    Ok(list(&pairs))
}

pub fn f_hash_table_index_size(a: &[Value]) -> LResult {
    Ok(Value::fixnum(expect_hash_table(a[0])?.index_size() as i64))
}

pub fn expect_hash_table(v: Value) -> LResult<&'static mut HashTable> {
    v.as_hash_table().ok_or_else(|| wrong_type(sym::HASH_TABLE_P, v))
}

/// Emacs's `get_key_arg`: the index of the value after KEY among unused args.
fn get_key_arg(key: Value, args: &[Value], used: &mut [bool]) -> Option<usize> {
    for i in 1..args.len() {
        if !used[i - 1] && args[i - 1] == key {
            used[i - 1] = true;
            used[i] = true;
            return Some(i);
        }
    }
    None
}

pub fn f_make_hash_table(args: &[Value]) -> LResult {
    let mut used = vec![false; args.len()];
    let test = get_key_arg(sym::K_TEST, args, &mut used).map(|i| args[i]).unwrap_or(sym::EQL);
    let mut table = match test {
        t if t == sym::EQ => HashTable::new(HashTest::Eq),
        t if t == sym::EQL => HashTable::new(HashTest::Eql),
        t if t == sym::EQUAL => HashTable::new(HashTest::Equal),
        _ => {
            let prop = super::lists::plist_get(expect_symbol(test)?.sym().plist, intern("hash-table-test"));
            if !prop.is_cons() || !prop.cdr().is_cons() {
                return Err(signal_error("Invalid hash table test", test));
            }
            let mut h = HashTable::new(HashTest::User);
            h.user_test = [test, prop.car(), prop.cdr().car()];
            h
        }
    };
    table.purecopy = get_key_arg(sym::K_PURECOPY, args, &mut used).is_some_and(|i| !args[i].is_nil());
    if let Some(i) = get_key_arg(sym::K_SIZE, args, &mut used) {
        let size = args[i];
        if !size.is_nil() && size.as_fixnum().is_none_or(|n| n < 0) {
            return Err(signal_error("Invalid hash table size", size));
        }
        if let Some(n) = size.as_fixnum() {
            // Emacs allocates the table at once (key, value, hash, next, index).
            table.size = crate::builtins::alloc::check_alloc(n as u64, 40)?;
        }
    }
    let weakness = get_key_arg(sym::K_WEAKNESS, args, &mut used).map(|i| args[i]).unwrap_or(Value::NIL);
    table.weakness = match weakness {
        w if w.is_nil() || w == sym::KEY || w == sym::VALUE || w == sym::KEY_OR_VALUE || w == sym::KEY_AND_VALUE => w,
        w if w.is_t() => sym::KEY_AND_VALUE,
        w => return Err(signal_error("Invalid hash table weakness", w)),
    };
    let mut i = 0;
    while i < args.len() {
        if !used[i] {
            if args[i] == sym::K_REHASH_THRESHOLD || args[i] == sym::K_REHASH_SIZE {
                i += 1;
            } else {
                return Err(signal_error("Invalid argument list", args[i]));
            }
        }
        i += 1;
    }
    Ok(heap().alloc_obj(Obj::HashTable(Box::new(table))))
}

pub fn f_gethash(a: &[Value]) -> LResult {
    let h = expect_hash_table(a[1])?;
    Ok(h.get(a[0])?.unwrap_or(a[2]))
}
pub fn f_puthash(a: &[Value]) -> LResult {
    let h = expect_hash_table(a[2])?;
    h.put(a[0], a[1])?;
    Ok(a[1])
}
pub fn f_remhash(a: &[Value]) -> LResult {
    expect_hash_table(a[1])?.remove(a[0])?;
    Ok(Value::NIL)
}
pub fn f_clrhash(a: &[Value]) -> LResult {
    expect_hash_table(a[0])?.clear();
    Ok(a[0])
}
pub fn f_hash_table_count(a: &[Value]) -> LResult {
    Ok(Value::fixnum(expect_hash_table(a[0])?.count() as i64))
}
pub fn f_copy_hash_table(a: &[Value]) -> LResult {
    let h = expect_hash_table(a[0])?.copy();
    Ok(heap().alloc_obj(Obj::HashTable(Box::new(h))))
}
pub fn f_hash_table_test(a: &[Value]) -> LResult {
    let h = expect_hash_table(a[0])?;
    Ok(match h.test {
        HashTest::Eq => sym::EQ,
        HashTest::Eql => sym::EQL,
        HashTest::Equal => sym::EQUAL,
        HashTest::User => h.user_test[0],
    })
}
pub fn f_hash_table_weakness(a: &[Value]) -> LResult {
    Ok(expect_hash_table(a[0])?.weakness)
}
pub fn f_hash_table_rehash_size(a: &[Value]) -> LResult {
    expect_hash_table(a[0])?;
    Ok(make_float(1.5))
}
pub fn f_hash_table_rehash_threshold(a: &[Value]) -> LResult {
    expect_hash_table(a[0])?;
    Ok(make_float(0.8125))
}

pub fn f_hash_table_size(a: &[Value]) -> LResult {
    Ok(Value::fixnum(expect_hash_table(a[0])?.size as i64))
}

/// `maphash`: calls FUNCTION on each entry in table order; entries removed
/// meanwhile are skipped, values changed meanwhile are seen.
pub fn f_maphash(a: &[Value]) -> LResult {
    let (f, table) = (a[0], a[1]);
    let entries = expect_hash_table(table)?.entries();
    let mut keys = RootedVec::with_capacity(entries.len());
    keys.extend(entries.iter().map(|e| e.0));
    drop(entries);
    for i in 0..keys.len() {
        let h = expect_hash_table(table)?;
        let Some(v) = h.get(keys[i])? else { continue };
        funcall(f, &[keys[i], v])?;
    }
    Ok(Value::NIL)
}

pub fn f_define_hash_table_test(a: &[Value]) -> LResult {
    super::lists::f_put(&[a[0], intern("hash-table-test"), list2(a[1], a[2])])
}

// ---------------------------------------------------------------------------
// sxhash: GNU Emacs's `sxhash_obj`, so that strings, numbers and lists or
// vectors of them hash to the same values as in GNU Emacs.  Symbols and
// other identity-hashed objects use Enoki's own (per-session) identities.

const SXHASH_MAX_DEPTH: u32 = 3;
const SXHASH_MAX_LEN: usize = 7;
const PSEUDOVECTOR_FLAG: u64 = 1 << 62;
const PVEC_CLOSURE: u64 = 31;
const PVEC_RECORD: u64 = 34;

fn combine(x: u64, y: u64) -> u64 {
    (x << 4).wrapping_add(x >> 60).wrapping_add(y)
}

use crate::runtime::obtable::hash_string;

/// Identity hash for objects `equal` compares by identity (a symbol with
/// position hashes as its bare symbol while `symbols-with-pos-enabled` is
/// set, as `sxhash_eq` and `sxhash_obj` strip it).
fn identity_hash(v: Value) -> u64 {
    crate::runtime::symbol_pos::strip_if_enabled(v).0.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 3
}

fn hash_slots(mut hash: u64, items: &[Value], depth: u32) -> u64 {
    for &x in items.iter().take(SXHASH_MAX_LEN) {
        hash = combine(hash, sxhash_obj(x, depth + 1));
    }
    hash
}

/// Emacs's `sxhash_obj`.
pub fn sxhash_obj(v: Value, depth: u32) -> u64 {
    if depth > SXHASH_MAX_DEPTH {
        return 0;
    }
    if let Some(n) = v.as_fixnum() {
        return (n as u64) & ((1 << 62) - 1);
    }
    match v.tag() {
        TAG_STRING => return hash_string(&v.string_ref().data),
        TAG_FLOAT => return combine(0, v.float_value().to_bits()),
        TAG_CONS => {
            let mut hash = 0;
            let mut l = v;
            let mut i = 0;
            if depth < SXHASH_MAX_DEPTH {
                while l.is_cons() && i < SXHASH_MAX_LEN {
                    hash = combine(hash, sxhash_obj(l.car(), depth + 1));
                    l = l.cdr();
                    i += 1;
                }
            }
            if !l.is_nil() {
                hash = combine(hash, sxhash_obj(l, depth + 1));
            }
            return hash;
        }
        TAG_OBJ => {}
        _ => return identity_hash(v),
    }
    match v.obj_ref() {
        Obj::Vector(items) => hash_slots(items.len() as u64, items, depth),
        Obj::Record(items) => hash_slots(PSEUDOVECTOR_FLAG | (PVEC_RECORD << 24) | items.len() as u64, items, depth),
        Obj::Closure(c) => {
            let n = c.slots.len() as u64;
            hash_slots(PSEUDOVECTOR_FLAG | (PVEC_CLOSURE << 24) | n, &crate::runtime::equality::closure_slots(v), depth)
        }
        Obj::ByteCode(items) => hash_slots(PSEUDOVECTOR_FLAG | (PVEC_CLOSURE << 24) | items.len() as u64, items, depth),
        Obj::Bignum(b) => {
            let mut hash = u64::from(b.sign() == num_bigint::Sign::Minus);
            for limb in b.iter_u64_digits() {
                hash = combine(hash, limb);
            }
            hash
        }
        Obj::BoolVector(bits) => {
            let mut hash = bits.len() as u64;
            for w in bits.chunks(64).take(SXHASH_MAX_LEN) {
                let word = w.iter().enumerate().fold(0u64, |acc, (i, &b)| acc | (u64::from(b) << i));
                hash = combine(hash, word);
            }
            hash
        }
        Obj::CharTable(t) => {
            let mut hash = t.ranges.len() as u64;
            for r in t.ranges.iter().take(SXHASH_MAX_LEN) {
                hash = combine(hash, combine(r.0 as u64, sxhash_obj(r.2, depth + 1)));
            }
            hash
        }
        _ => identity_hash(v),
    }
}

/// Emacs's `SXHASH_REDUCE` to 62 bits, read back as a (signed) fixnum.
fn hash_to_fixnum(x: u64) -> Value {
    let r = (x ^ (x >> 2)) & ((1 << 62) - 1);
    Value::fixnum(((r << 2) as i64) >> 2)
}

pub fn f_sxhash_eq(a: &[Value]) -> LResult {
    Ok(hash_to_fixnum(identity_hash(a[0])))
}
pub fn f_sxhash_eql(a: &[Value]) -> LResult {
    let v = a[0];
    Ok(hash_to_fixnum(if v.is_float() || v.is_bignum() { sxhash_obj(v, 0) } else { identity_hash(v) }))
}
pub fn f_sxhash_equal(a: &[Value]) -> LResult {
    Ok(hash_to_fixnum(sxhash_obj(a[0], 0)))
}
pub fn f_sxhash_equal_including_properties(a: &[Value]) -> LResult {
    let mut h = sxhash_obj(a[0], 0);
    if a[0].is_string() {
        for iv in a[0].string_ref().props.iter() {
            let (start, end) = (iv.car_safe().as_fixnum().unwrap_or(0), iv.cdr_safe().car_safe().as_fixnum().unwrap_or(0));
            h = combine(h, start as u64);
            h = combine(h, (end - start) as u64);
            h = combine(h, sxhash_obj(iv.cdr_safe().cdr_safe().car_safe(), 0));
        }
    }
    Ok(hash_to_fixnum(h))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::builtins::prelude::*;

    fn mk(args: &[Value]) -> LResult {
        call("make-hash-table", args)
    }

    #[test]
    fn make_hash_table_errors() {
        setup();
        // Expectations from GNU Emacs 30.1.
        let foo = sy("foo");
        assert!(mk(&[sym::K_TEST, foo]).is_err());
        assert_eq!(text(err().1[0]), "Invalid hash table test");
        assert_eq!(err().1[1], foo);
        assert!(mk(&[sym::K_SIZE, n(-1)]).is_err());
        assert_eq!((text(err().1[0]), err().1[1]), ("Invalid hash table size".into(), n(-1)));
        assert!(mk(&[sym::K_WEAKNESS, foo]).is_err());
        assert_eq!(text(err().1[0]), "Invalid hash table weakness");
        assert!(mk(&[sy(":bogus"), n(1)]).is_err());
        assert_eq!((text(err().1[0]), err().1[1]), ("Invalid argument list".into(), sy(":bogus")));
        assert!(mk(&[sym::K_TEST]).is_err());
        assert_eq!(err().1[1], sym::K_TEST);
        assert!(mk(&[n(1)]).is_err());
        assert!(mk(&[sym::K_TEST, sym::EQUAL, sym::K_TEST, sym::EQ]).is_err());
        assert_eq!(err().1[1], sym::K_TEST);
        // (make-hash-table :test nil) -> (error "Invalid hash table test")
        assert!(mk(&[sym::K_WEAKNESS, Value::NIL, sym::K_TEST, Value::NIL]).is_err());
        assert_eq!(err().1.len(), 1);
        assert!(mk(&[sym::K_REHASH_SIZE, make_float(2.0), sym::K_REHASH_THRESHOLD, make_float(0.5), sym::K_PURECOPY, Value::T]).is_ok());
        let h = mk(&[sym::K_WEAKNESS, Value::T]).unwrap();
        assert_eq!(call("hash-table-weakness", &[h]).ok(), Some(sym::KEY_AND_VALUE));
        assert_eq!(call("hash-table-test", &[h]).ok(), Some(sym::EQL));
        assert!(call("gethash", &[n(1), n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::HASH_TABLE_P, n(5)]));
    }

    #[test]
    fn table_operations() {
        setup();
        let h = mk(&[sym::K_TEST, sym::EQUAL]).unwrap();
        assert_eq!(call("hash-table-size", &[h]).ok(), Some(n(0)));
        for i in 0..10 {
            call("puthash", &[n(i), n(i * i), h]).unwrap();
        }
        assert_eq!(call("hash-table-size", &[h]).ok(), Some(n(24)));
        call("puthash", &[s("k"), n(1), h]).unwrap();
        assert_eq!(call("gethash", &[s("k"), h]).ok(), Some(n(1)));
        assert_eq!(call("gethash", &[s("nope"), h, n(7)]).ok(), Some(n(7)));
        assert_eq!(call("hash-table-count", &[h]).ok(), Some(n(11)));
        call("remhash", &[n(3), h]).unwrap();
        assert_eq!(call("hash-table-count", &[h]).ok(), Some(n(10)));
        let c = call("copy-hash-table", &[h]).unwrap();
        call("clrhash", &[h]).unwrap();
        assert_eq!(call("hash-table-count", &[h]).ok(), Some(n(0)));
        assert_eq!(call("hash-table-count", &[c]).ok(), Some(n(10)));
        assert_eq!(call("hash-table-rehash-size", &[c]).unwrap().float_value(), 1.5);
        assert_eq!(call("hash-table-rehash-threshold", &[c]).unwrap().float_value(), 0.8125);
        // maphash visits in insertion order; the subr `list' ignores results.
        assert_eq!(call("maphash", &[sy("list"), c]).ok(), Some(Value::NIL));
        assert!(call("maphash", &[n(1), n(2)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::HASH_TABLE_P, n(2)]));
    }

    #[test]
    fn user_tests_and_sxhash() {
        setup();
        let ci = sy("fns-test-ci");
        call("define-hash-table-test", &[ci, sy("string-equal"), sy("sxhash-equal")]).unwrap();
        let h = mk(&[sym::K_TEST, ci]).unwrap();
        call("puthash", &[s("A"), n(1), h]).unwrap();
        assert_eq!(call("gethash", &[s("A"), h]).ok(), Some(n(1)));
        assert_eq!(call("hash-table-test", &[h]).ok(), Some(ci));
        // (sxhash-equal "abc") -> 8059383 in GNU Emacs 30.1, likewise below.
        assert_eq!(call("sxhash-equal", &[s("abc")]).ok(), Some(n(8059383)));
        let cases: Vec<(Value, i64)> = vec![
            (s("hello world, this is long"), -2100829724097301862),
            (n(42), 32),
            (n(-1), -1152921504606846976),
            (make_float(1.5), -1151232654746583040),
            (l(&[n(1), s("a"), make_float(2.0)]), 1152921504606849556),
            (make_vector(vec![n(1), n(2), s("x")]), 15810),
            (make_integer(num_bigint::BigInt::from(1) << 70usize), 80),
            (make_integer(-(num_bigint::BigInt::from(1) << 70usize)), 272),
            (make_record(vec![n(1), n(2)]), 182536110790),
            (heap().alloc_obj(Obj::BoolVector(vec![true, false, true])), 56),
            (s(""), 0),
            (s("é"), 33691),
            (l(&[n(1), l(&[n(2), l(&[n(3), l(&[n(4), l(&[n(5)])])])])]), 120),
            (l(&(1..10).map(n).collect::<Vec<_>>()), 381240135),
            (cons(n(1), n(2)), 22),
        ];
        for (v, h) in cases {
            assert_eq!(call("sxhash-equal", &[v]).ok(), Some(n(h)));
        }
        // (sxhash-equal-including-properties (propertize "ab" 1 2)) -> 128062526
        let p = call("propertize", &[s("ab"), n(1), n(2)]).unwrap();
        assert_eq!(call("sxhash-equal-including-properties", &[p]).ok(), Some(n(128062526)));
        let a = call("sxhash-equal", &[s("abc")]).unwrap();
        assert_eq!(call("sxhash-equal", &[s("abc")]).ok(), Some(a));
        assert!(a.is_fixnum());
        let f = call("sxhash-eql", &[make_float(1.5)]).unwrap();
        assert_eq!(call("sxhash-eql", &[make_float(1.5)]).ok(), Some(f));
    }
}
