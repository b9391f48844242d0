//! The Lisp timestamps file primitives make and read, as timefns.c does:
//! `make_lisp_time` (a `(HI LO US PS)` list while `current-time-list` is
//! non-nil, else `(TICKS . 1000000000)`) and `lisp_time_argument` (nil, an
//! integer, a float, `(TICKS . HZ)` or `(HI LO US PS)` and its shorter
//! forms, to seconds and nanoseconds rounded toward minus infinity, with
//! Emacs's "Invalid time specification" and "Specified time is not
//! representable" errors).

use super::var;
use crate::builtins::prelude::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// `make_lisp_time` for SEC seconds and NSEC nanoseconds.
pub fn make_lisp_time(sec: i64, nsec: i64) -> Value {
    if !var("current-time-list").is_nil() {
        list(&[make_int(sec >> 16), Value::fixnum(sec & 0xffff), Value::fixnum(nsec / 1000), Value::fixnum(nsec % 1000 * 1000)])
    } else {
        let ticks = BigInt::from(sec) * 1_000_000_000 + nsec;
        cons(make_integer(ticks), Value::fixnum(1_000_000_000))
    }
}

fn invalid_time() -> Flow {
    error("Invalid time specification")
}

fn time_overflow() -> Flow {
    error("Specified time is not representable")
}

fn integer(v: Value) -> Option<BigInt> {
    if let Some(n) = v.as_fixnum() {
        Some(BigInt::from(n))
    } else {
        v.as_bignum().cloned()
    }
}

/// The exact fraction (TICKS, HZ) a finite double stands for.
fn float_fraction(d: f64) -> (BigInt, BigInt) {
    if d == 0.0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    let bits = d.to_bits();
    let negative = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    let mut ticks = BigInt::from(mant);
    if negative {
        ticks = -ticks;
    }
    if exp >= 0 {
        (ticks << exp as usize, BigInt::from(1))
    } else {
        (ticks, BigInt::from(1) << (-exp) as usize)
    }
}

/// `decode_lisp_time`: the time V stands for, as a fraction TICKS / HZ.
fn decode(v: Value) -> LResult<(BigInt, BigInt)> {
    if v.is_nil() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        return Ok((BigInt::from(now.as_secs()) * 1_000_000_000 + now.subsec_nanos(), BigInt::from(1_000_000_000)));
    }
    if let Some(n) = integer(v) {
        return Ok((n, BigInt::from(1)));
    }
    if v.is_float() {
        let d = v.float_value();
        if d.is_nan() {
            return Err(invalid_time());
        }
        if d.is_infinite() {
            return Err(time_overflow());
        }
        return Ok(float_fraction(d));
    }
    if !v.is_cons() {
        return Err(invalid_time());
    }
    let high = v.car();
    let rest = v.cdr();
    if !rest.is_cons() {
        // (TICKS . HZ)
        let (Some(ticks), Some(hz)) = (integer(high), integer(rest)) else { return Err(invalid_time()) };
        if hz <= BigInt::zero() {
            return Err(invalid_time());
        }
        return Ok((ticks, hz));
    }
    let low = rest.car();
    let tail = rest.cdr();
    let (usec, psec, form) = if tail.is_cons() {
        let after = tail.cdr();
        if after.is_cons() {
            (tail.car(), after.car(), 4)
        } else {
            (tail.car(), Value::fixnum(0), 3)
        }
    } else if !tail.is_nil() {
        (tail, Value::fixnum(0), 3)
    } else {
        (Value::fixnum(0), Value::fixnum(0), 2)
    };
    let (Some(hi), Some(lo), Some(us), Some(ps)) = (integer(high), integer(low), usec.as_fixnum(), psec.as_fixnum()) else {
        return Err(invalid_time());
    };
    let us = us + ps.div_euclid(1_000_000);
    let s = BigInt::from(us.div_euclid(1_000_000)) + lo + (hi << 16);
    let ps = ps.rem_euclid(1_000_000);
    let us = us.rem_euclid(1_000_000);
    Ok(match form {
        2 => (s, BigInt::from(1)),
        3 => (s * 1_000_000 + us, BigInt::from(1_000_000)),
        _ => (s * 1_000_000_000_000i64 + (us * 1_000_000 + ps), BigInt::from(1_000_000_000_000i64)),
    })
}

/// `lisp_time_argument`: V as (seconds, nanoseconds), rounded down.
pub fn lisp_time_argument(v: Value) -> LResult<(i64, i64)> {
    let (ticks, hz) = decode(v)?;
    let ns_total: BigInt = (ticks * BigInt::from(1_000_000_000)).div_floor(&hz);
    let (sec, ns) = ns_total.div_mod_floor(&BigInt::from(1_000_000_000));
    match (sec.to_i64(), ns.to_i64()) {
        (Some(s), Some(n)) => Ok((s, n)),
        _ => Err(time_overflow()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_decode_as_emacs_decodes_them() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let t = |v: Value| lisp_time_argument(v).ok();
        assert_eq!(t(make_int(5)), Some((5, 0)));
        assert_eq!(t(make_float(1.5)), Some((1, 500_000_000)));
        assert_eq!(t(make_float(-0.5)), Some((-1, 500_000_000)));
        assert_eq!(t(list(&[make_int(1), make_int(2)])), Some((65538, 0)));
        assert_eq!(t(list(&[make_int(0), make_int(1), make_int(3)])), Some((1, 3000)));
        assert_eq!(t(cons(make_int(7), make_int(2))), Some((3, 500_000_000)));
        assert!(t(intern("x")).is_none());
    }
}
