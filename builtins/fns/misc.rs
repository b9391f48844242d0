//! The rest of fns.c: the equality predicates (`eql`, `equal`,
//! `equal-including-properties`), features (`featurep`, `provide`,
//! `require`), `random` and `load-average`.
use super::lists::{f_memq, f_put, plist_get};
use crate::builtins::prelude::*;
use crate::runtime::equality::{eql, equal, equal_including_properties};
use crate::runtime::specpdl::{set_variable, value_cell};
use num_bigint::{BigInt, Sign};
use std::cell::{Cell, RefCell};

pub fn f_eql(a: &[Value]) -> LResult {
    Ok(Value::bool(eql(a[0], a[1])))
}
pub fn f_equal(a: &[Value]) -> LResult {
    Ok(Value::bool(equal(a[0], a[1])?))
}
pub fn f_equal_including_properties(a: &[Value]) -> LResult {
    Ok(Value::bool(equal_including_properties(a[0], a[1])?))
}

// ---------------------------------------------------------------------------
// Features

fn features() -> Value {
    let v = value_cell(sym::FEATURES);
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

pub fn featurep(feature: Value) -> bool {
    let mut l = features();
    let mut n = 0u32;
    while l.is_cons() && n < 1_000_000 {
        if l.car() == feature {
            return true;
        }
        l = l.cdr();
        n += 1;
    }
    false
}

pub fn f_featurep(a: &[Value]) -> LResult {
    let feature = expect_symbol(a[0])?;
    let mut tem = f_memq(&[feature, features()])?;
    if !tem.is_nil() && !a[1].is_nil() {
        let subs = plist_get(feature.sym().plist, intern("subfeatures"));
        tem = super::lists::f_member(&[a[1], subs])?;
    }
    Ok(Value::bool(!tem.is_nil()))
}

pub fn f_provide(a: &[Value]) -> LResult {
    let (feature, subfeatures) = (expect_symbol(a[0])?, expect_list(a[1])?);
    if f_memq(&[feature, features()])?.is_nil() {
        set_variable(sym::FEATURES, cons(feature, features()))?;
    }
    if !subfeatures.is_nil() {
        f_put(&[feature, intern("subfeatures"), subfeatures])?;
    }
    let load_list = intern("current-load-list");
    let cur = value_cell(load_list);
    if cur != Value::UNBOUND {
        set_variable(load_list, cons(cons(intern("provide"), feature), cur))?;
    }
    // Run the `after-load-alist' functions registered for FEATURE.
    let alist = value_cell(intern("after-load-alist"));
    if alist != Value::UNBOUND {
        let entry = super::lists::f_assq(&[feature, alist])?;
        if entry.is_cons() {
            let mut funcs = RootedVec::new();
            funcs.extend(super::lists::list_elements(entry.cdr())?);
            for i in 0..funcs.len() {
                funcall(funcs[i], &[])?;
            }
        }
    }
    Ok(feature)
}

thread_local! {
    /// Features whose `require` is in progress (innermost last).
    static REQUIRE_NESTING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Pops the nesting entry pushed by `require` on every exit path.
struct NestingGuard;
impl Drop for NestingGuard {
    fn drop(&mut self) {
        REQUIRE_NESTING.with(|n| n.borrow_mut().pop());
    }
}

/// `require`: returns FEATURE if present; otherwise loads FILENAME (or the
/// feature's name) with `load`, which must then provide it.
pub fn f_require(a: &[Value]) -> LResult {
    let (feature, filename, noerror) = (expect_symbol(a[0])?, a[1], a[2]);
    if featurep(feature) {
        return Ok(feature);
    }
    let nesting = REQUIRE_NESTING.with(|n| n.borrow().iter().filter(|&&f| f == feature).count());
    if nesting > 3 {
        return Err(error(&format!("Recursive ‘require’ for feature ‘{}’", feature.sym().name.string_ref().to_string_lossy())));
    }
    let file = if filename.is_nil() { feature.sym().name } else { filename };
    let load = intern("load");
    if load.sym().function.is_nil() {
        if !noerror.is_nil() {
            return Ok(Value::NIL);
        }
        let data = [make_string("Cannot open load file"), make_string("No such file or directory"), file];
        return Err(signal_list(sym::FILE_MISSING, &data));
    }
    REQUIRE_NESTING.with(|n| n.borrow_mut().push(feature));
    let _guard = NestingGuard;
    let must_suffix = Value::bool(filename.is_nil());
    let loaded = funcall(load, &[file, noerror, Value::T, Value::NIL, must_suffix])?;
    if loaded.is_nil() {
        return Ok(Value::NIL);
    }
    if !featurep(feature) {
        let file_s = file.string_ref().to_string_lossy();
        let feat_s = feature.sym().name.string_ref().to_string_lossy();
        return Err(error(&format!("Loading file {file_s} failed to provide feature ‘{feat_s}’")));
    }
    Ok(feature)
}

// ---------------------------------------------------------------------------
// random

thread_local! {
    static RNG: Cell<[u64; 4]> = Cell::new(seed_from_entropy());
}

fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn seed_state(mut s: u64) -> [u64; 4] {
    [splitmix(&mut s), splitmix(&mut s), splitmix(&mut s), splitmix(&mut s)]
}

fn seed_from_entropy() -> [u64; 4] {
    let mut buf = [0u8; 8];
    let got = unsafe { libc::getrandom(buf.as_mut_ptr() as *mut libc::c_void, 8, 0) };
    let mut s = u64::from_ne_bytes(buf);
    if got != 8 {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
        s ^= t ^ ((std::process::id() as u64) << 32);
    }
    seed_state(s)
}

/// The next 64 random bits (xoshiro256**).
pub fn random_u64() -> u64 {
    RNG.with(|c| {
        let mut s = c.get();
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        c.set(s);
        result
    })
}

/// A uniform random integer in 0..limit.
fn random_below(limit: u64) -> u64 {
    let zone = u64::MAX - (u64::MAX % limit);
    loop {
        let r = random_u64();
        if r < zone {
            return r % limit;
        }
    }
}

/// `random`: t reseeds from entropy, a string seeds from its contents; a
/// positive integer LIMIT gives 0..LIMIT, anything else any fixnum.
pub fn f_random(a: &[Value]) -> LResult {
    let limit = a[0];
    if limit.is_t() {
        RNG.with(|c| c.set(seed_from_entropy()));
    } else if limit.is_string() {
        let seed = limit.string_ref().data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        RNG.with(|c| c.set(seed_state(seed)));
    }
    if let Some(n) = limit.as_fixnum() {
        if n <= 0 {
            return Err(signal_list(sym::ARGS_OUT_OF_RANGE, &[limit]));
        }
        return Ok(Value::fixnum(random_below(n as u64) as i64));
    }
    if let Some(b) = limit.as_bignum() {
        if b.sign() != Sign::Plus {
            return Err(signal_list(sym::ARGS_OUT_OF_RANGE, &[limit]));
        }
        let words = b.bits().div_ceil(64) as usize + 1;
        let digits: Vec<u64> = (0..words).map(|_| random_u64()).collect();
        let r = BigInt::from_slice_native(&digits) % b;
        return Ok(make_integer(r));
    }
    Ok(Value::fixnum(((random_u64() << 2) as i64) >> 2))
}

trait FromU64Digits {
    fn from_slice_native(d: &[u64]) -> BigInt;
}
impl FromU64Digits for BigInt {
    fn from_slice_native(d: &[u64]) -> BigInt {
        let bytes: Vec<u8> = d.iter().flat_map(|w| w.to_le_bytes()).collect();
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    }
}

pub fn f_load_average(a: &[Value]) -> LResult {
    let mut loads = [0f64; 3];
    let n = unsafe { libc::getloadavg(loads.as_mut_ptr(), 3) };
    if n < 0 {
        return Err(error("load-average not implemented for this operating system"));
    }
    let items: Vec<Value> =
        loads[..n as usize].iter().map(|&l| if a[0].is_nil() { Value::fixnum((100.0 * l + 0.5) as i64) } else { make_float(l) }).collect();
    Ok(list(&items))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::builtins::prelude::*;

    #[test]
    fn features_and_require() {
        setup();
        // Expectations from GNU Emacs 30.1.
        let foo = sy("fns-test-feature");
        assert_eq!(call("provide", &[foo, l(&[sy("a"), sy("b")])]).ok(), Some(foo));
        assert_eq!(call("featurep", &[foo, sy("a")]).ok(), Some(Value::T));
        assert_eq!(call("featurep", &[foo, sy("c")]).ok(), Some(Value::NIL));
        assert_eq!(call("require", &[foo]).ok(), Some(foo));
        assert!(call("provide", &[foo, n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(5)]));
        assert!(call("featurep", &[n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SYMBOLP, n(1)]));
        let missing = sy("nonexistent-xyz");
        assert!(call("require", &[missing]).is_err());
        let (e, data) = err();
        assert_eq!(e, sym::FILE_MISSING);
        assert_eq!(
            data.iter().map(|v| text(*v)).collect::<Vec<_>>(),
            vec!["Cannot open load file", "No such file or directory", "nonexistent-xyz"]
        );
        assert!(call("require", &[missing, s("/tmp/nofile")]).is_err());
        assert_eq!(text(err().1[2]), "/tmp/nofile");
        assert_eq!(call("require", &[missing, Value::NIL, Value::T]).ok(), Some(Value::NIL));
    }

    #[test]
    fn random_contract() {
        setup();
        assert!(call("random", &[n(0)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![n(0)]));
        assert!(call("random", &[n(-5)]).is_err());
        for _ in 0..100 {
            let r = call("random", &[n(10)]).unwrap().as_fixnum().unwrap();
            assert!((0..10).contains(&r));
        }
        call("random", &[s("seed")]).unwrap();
        let a: Vec<Value> = (0..3).map(|_| call("random", &[n(1000)]).unwrap()).collect();
        call("random", &[s("seed")]).unwrap();
        let b: Vec<Value> = (0..3).map(|_| call("random", &[n(1000)]).unwrap()).collect();
        assert_eq!(a, b);
        let big = make_integer(num_bigint::BigInt::from(1) << 70);
        let r = call("random", &[big]).unwrap();
        assert!(r.is_integer());
        assert!(call("random", &[make_float(1.5)]).unwrap().is_fixnum());
        assert_eq!(call("random", &[n(1)]).ok(), Some(n(0)));
    }

    #[test]
    fn equality() {
        setup();
        assert_eq!(call("eql", &[make_float(0.0), make_float(-0.0)]).ok(), Some(Value::NIL));
        assert_eq!(call("eql", &[make_float(1.5), make_float(1.5)]).ok(), Some(Value::T));
        assert_eq!(call("equal", &[l(&[s("a")]), l(&[s("a")])]).ok(), Some(Value::T));
        let p = s("a");
        p.string_ref().props = l(&[l(&[n(0), n(1), l(&[sy("face"), sy("bold")])])]);
        assert_eq!(call("equal-including-properties", &[p, s("a")]).ok(), Some(Value::NIL));
        assert_eq!(call("equal", &[p, s("a")]).ok(), Some(Value::T));
    }
}
