//! Lisp timestamps as timefns.c reads and writes them: every accepted form
//! (nil for now, an integer, a float, `(TICKS . HZ)`, `(HI LO US PS)` and its
//! shorter `(HI LO US)` / `(HI LO)` / `(HI LO . US)` variants) decoded into an
//! exact rational `LispTime` (TICKS / HZ seconds), the conversions back
//! (`(HI LO US PS)` lists, the float nearest a fraction, a `timespec`),
//! exact addition and subtraction with the denominators GNU Emacs chooses,
//! comparison, and the error data of "Invalid time specification",
//! "Specified time is not representable" and "Invalid time frequency".

use crate::builtins::prelude::*;
use crate::runtime::number::make_integer_checked;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A time as the exact fraction TICKS / HZ seconds since the epoch (HZ > 0).
#[derive(Clone, Debug, PartialEq)]
pub struct LispTime {
    pub ticks: BigInt,
    pub hz: BigInt,
}

/// The shape a timestamp argument had (Emacs's `enum timeform`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeForm {
    HiLo,
    HiLoUs,
    Nil,
    HiLoUsPs,
    Float,
    TicksHz,
}

const TRILLION: i64 = 1_000_000_000_000;
const TIMESPEC_HZ: i64 = 1_000_000_000;
const LO_TIME_BITS: u32 = 16;

/// `(error "Invalid time specification")`.
pub fn invalid_time() -> Flow {
    error("Invalid time specification")
}

/// `(error "Specified time is not representable")`.
pub fn time_overflow() -> Flow {
    error("Specified time is not representable")
}

/// `(error "Invalid time frequency" HZ)`.
pub fn invalid_hz(hz: Value) -> Flow {
    signal(sym::ERROR, list2(make_string("Invalid time frequency"), hz))
}

/// The value of `current-time-list` as a boolean (it is a DEFVAR_BOOL).
pub fn current_time_list() -> bool {
    let v = crate::runtime::specpdl::value_cell(intern("current-time-list"));
    !v.is_nil() && v != Value::UNBOUND
}

/// A Lisp integer as a bignum; `None` for anything else.
pub fn integer_of(v: Value) -> Option<BigInt> {
    if let Some(n) = v.as_fixnum() {
        Some(BigInt::from(n))
    } else {
        v.as_bignum().cloned()
    }
}

/// An integer result, subject to `integer-width` as `make_integer_mpz` is.
pub fn int_value(b: BigInt) -> LResult {
    make_integer_checked(b)
}

/// The current time, as seconds and nanoseconds.
pub fn now_timespec() -> (i64, i64) {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the struct we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    (ts.tv_sec, ts.tv_nsec)
}

/// TICKS counted at the nanosecond clock for a (SEC, NSEC) pair.
pub fn timespec_ticks(sec: i64, nsec: i64) -> BigInt {
    BigInt::from(sec) * TIMESPEC_HZ + nsec
}

/// `make_lisp_time`: a timespec as `(HI LO US PS)` or `(TICKS . HZ)`,
/// following `current-time-list`.
pub fn make_lisp_time(sec: i64, nsec: i64) -> LResult {
    if current_time_list() {
        let hi = make_int(sec >> LO_TIME_BITS);
        let lo = Value::fixnum(sec & ((1 << LO_TIME_BITS) - 1));
        Ok(list(&[hi, lo, Value::fixnum(nsec / 1000), Value::fixnum(nsec % 1000 * 1000)]))
    } else {
        Ok(cons(int_value(timespec_ticks(sec, nsec))?, Value::fixnum(TIMESPEC_HZ)))
    }
}

/// `decode_float_time`: a finite double as the exact fraction whose
/// denominator is its precision (a power of two), or 1 for huge values.
pub fn decode_float_time(t: f64) -> LispTime {
    if t == 0.0 {
        return LispTime { ticks: BigInt::zero(), hz: BigInt::one() };
    }
    let (mantissa, exp) = crate::runtime::number::float_parts(t);
    // T = MANTISSA * 2^EXP exactly; the scale is 52 - ilogb (T) for normal
    // numbers and 1074 for subnormal ones, never below 0.
    let ilogb = if t.abs() < f64::MIN_POSITIVE { None } else { Some(exp + 52) };
    let scale = match ilogb {
        Some(e) => (52 - e).max(0),
        None => 1074,
    };
    let shift = exp + scale;
    let m = BigInt::from(mantissa);
    let ticks = if shift >= 0 { m << shift as usize } else { m >> (-shift) as usize };
    LispTime { ticks, hz: BigInt::one() << scale as usize }
}

/// Decodes the components of a non-float timestamp of FORM, as
/// `decode_time_components`: `None` when they are invalid.
fn decode_components(form: TimeForm, high: Value, low: Value, usec: Value, psec: Value) -> Option<LispTime> {
    match form {
        TimeForm::TicksHz => {
            let ticks = integer_of(high)?;
            let hz = integer_of(low)?;
            return hz.is_positive().then_some(LispTime { ticks, hz });
        }
        TimeForm::Nil => {
            let (s, ns) = now_timespec();
            return Some(LispTime { ticks: timespec_ticks(s, ns), hz: BigInt::from(TIMESPEC_HZ) });
        }
        _ => {}
    }
    let (high, low) = (integer_of(high)?, integer_of(low)?);
    let (us, ps) = (usec.as_fixnum()?, psec.as_fixnum()?);
    // Carry out-of-range low-order components into the higher ones.
    let us = i128::from(us) + i128::from(ps.div_euclid(1_000_000));
    let ps = ps.rem_euclid(1_000_000);
    let s = BigInt::from(us.div_euclid(1_000_000)) + low + (high << LO_TIME_BITS);
    let us = us.rem_euclid(1_000_000);
    let (ticks, hz) = match form {
        TimeForm::HiLo => (s, 1),
        TimeForm::HiLoUs => (s * 1_000_000 + us, 1_000_000),
        _ => (s * TRILLION + (us * 1_000_000 + i128::from(ps)), TRILLION),
    };
    Some(LispTime { ticks, hz: BigInt::from(hz) })
}

/// Checks a float timestamp: NaN is invalid, infinities overflow.
fn check_finite(d: f64) -> LResult<()> {
    if d.is_nan() {
        Err(invalid_time())
    } else if d.is_infinite() {
        Err(time_overflow())
    } else {
        Ok(())
    }
}

/// `decode_lisp_time`: the timestamp SPEC as an exact time and its form.
/// With SECS_ONLY, the sub-second members of a list are ignored unchecked.
pub fn decode_lisp_time(spec: Value, secs_only: bool) -> LResult<(LispTime, TimeForm)> {
    let (mut high, mut low) = (Value::fixnum(0), spec);
    let (mut usec, mut psec) = (Value::fixnum(0), Value::fixnum(0));
    let mut form = TimeForm::HiLo;
    if spec.is_nil() {
        form = TimeForm::Nil;
    } else if spec.is_cons() {
        high = spec.car();
        low = spec.cdr();
        if low.is_cons() {
            let mut tail = low.cdr();
            low = low.car();
            if !secs_only {
                if tail.is_cons() {
                    usec = tail.car();
                    tail = tail.cdr();
                    if tail.is_cons() {
                        psec = tail.car();
                        form = TimeForm::HiLoUsPs;
                    } else {
                        form = TimeForm::HiLoUs;
                    }
                } else if !tail.is_nil() {
                    usec = tail;
                    form = TimeForm::HiLoUs;
                }
            }
        } else {
            form = TimeForm::TicksHz;
        }
        if !low.is_integer() {
            return Err(invalid_time());
        }
    } else if let Some(ticks) = integer_of(spec) {
        return Ok((LispTime { ticks, hz: BigInt::one() }, TimeForm::HiLo));
    } else if spec.is_float() {
        let d = spec.float_value();
        check_finite(d)?;
        return Ok((decode_float_time(d), TimeForm::Float));
    }
    match decode_components(form, high, low, usec, psec) {
        Some(t) => Ok((t, form)),
        None => Err(invalid_time()),
    }
}

/// `lisp_time_struct`: decodes a timestamp argument, sub-seconds included.
pub fn lisp_time(spec: Value) -> LResult<LispTime> {
    Ok(decode_lisp_time(spec, false)?.0)
}

/// `float_time`: a timestamp as seconds in a double, correctly rounded.
pub fn float_time(spec: Value) -> LResult<f64> {
    if spec.is_float() {
        let d = spec.float_value();
        check_finite(d)?;
        return Ok(d);
    }
    let t = lisp_time(spec)?;
    Ok(frac_to_double(&t.ticks, &t.hz))
}

/// An integer of at most 54 significant bits as a double, dropping the
/// lowest bit of a 54-bit value as `mpz_get_d` (truncation) does.
fn small_to_f64(q: &BigInt) -> f64 {
    let bits = q.bits();
    let mag = q.magnitude();
    let (m, shift) = if bits > 53 { (mag >> (bits - 53) as usize, (bits - 53) as i32) } else { (mag.clone(), 0) };
    let v = m.to_u64().unwrap_or(0) as f64 * 2f64.powi(shift);
    if q.is_negative() {
        -v
    } else {
        v
    }
}

/// X * 2^E, as `scalbn`.  X is an integer-valued double (at least 1 in
/// magnitude when E is negative), so scaling down by at most 2^-1074 meets
/// a subnormal range only in the last step and rounds once.
pub fn scalbn(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// `frac_to_double`: NUMERATOR / DENOMINATOR (positive) rounded to the
/// nearest double, ties to even.
pub fn frac_to_double(n: &BigInt, d: &BigInt) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    const MANT: i64 = 53;
    const MAX_SCALE: i64 = 1074;
    let ndig = n.bits() as i64;
    let ddig = d.bits() as i64;
    let mut scale = ddig - ndig + MANT;
    let (nn, dd) = if scale < 0 {
        (n.clone(), d << (-scale) as usize)
    } else {
        scale = scale.min(MAX_SCALE);
        (n << scale as usize, d.clone())
    };
    // Truncating division: quotient and remainder carry N's sign.
    let q = &nn / &dd;
    let r = &nn - &q * &dd;
    let incr = if q.bits() as i64 <= MANT {
        let r2: BigInt = r.abs() << 1usize;
        match r2.cmp(&dd.abs()) {
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Equal if q.is_odd() => 1,
            _ => 0,
        }
    } else {
        let lo2 = (q.abs() % 4u32).to_u32().unwrap_or(0);
        let lo = lo2 % 2;
        if lo == 1 && ((lo2 / 2) & 1 == 1 || !r.is_zero()) {
            2
        } else {
            0
        }
    };
    let q = if nn.is_negative() { q - incr } else { q + incr };
    scalbn(small_to_f64(&q), -scale)
}

/// `ticks_hz_list4`: TICKS / HZ as `(HI LO US PS)`, truncated toward minus
/// infinity to the picosecond.
pub fn ticks_hz_list4(ticks: &BigInt, hz: &BigInt) -> LResult {
    let q = (ticks * TRILLION).div_floor(hz);
    let (secs, fullps) = q.div_mod_floor(&BigInt::from(TRILLION));
    let fullps = fullps.to_i64().unwrap_or(0);
    let (hi, lo) = secs.div_mod_floor(&BigInt::from(1 << LO_TIME_BITS));
    let (hi, lo) = (int_value(hi)?, Value::fixnum(lo.to_i64().unwrap_or(0)));
    Ok(list(&[hi, lo, Value::fixnum(fullps / 1_000_000), Value::fixnum(fullps % 1_000_000)]))
}

/// `lisp_time_seconds`: the whole seconds of T, toward minus infinity.
pub fn lisp_time_seconds(t: &LispTime) -> BigInt {
    t.ticks.div_floor(&t.hz)
}

/// `lisp_time_hz_ticks`: T counted in ticks of frequency HZ (checked to
/// be a positive integer), toward minus infinity.
pub fn lisp_time_hz_ticks(t: &LispTime, hz: Value) -> LResult<BigInt> {
    let h = match integer_of(hz) {
        Some(h) if h.is_positive() => h,
        _ => return Err(invalid_hz(hz)),
    };
    if h == t.hz {
        return Ok(t.ticks.clone());
    }
    Ok((&t.ticks * &h).div_floor(&t.hz))
}

/// `lisp_to_timespec`: T as (SEC, NSEC) floored to the nanosecond, or
/// `None` when the seconds do not fit in a `time_t`.
pub fn lisp_to_timespec(t: &LispTime) -> Option<(i64, i64)> {
    let q = (&t.ticks * TIMESPEC_HZ).div_floor(&t.hz);
    let (s, ns) = q.div_mod_floor(&BigInt::from(TIMESPEC_HZ));
    Some((s.to_i64()?, ns.to_i64()?))
}

/// `lisp_time_argument`: a timestamp as a timespec, or the overflow error.
pub fn lisp_time_argument(spec: Value) -> LResult<(i64, i64)> {
    lisp_to_timespec(&lisp_time(spec)?).ok_or_else(time_overflow)
}

/// `lisp_seconds_argument`: only the seconds of a timestamp; the
/// sub-second members of a list are neither used nor checked.
pub fn lisp_seconds_argument(spec: Value) -> LResult<i64> {
    let (t, _) = decode_lisp_time(spec, true)?;
    Ok(lisp_to_timespec(&t).ok_or_else(time_overflow)?.0)
}

/// Whether HZ divides a trillion (so `(HI LO US PS)` represents it exactly).
fn trillion_factor(hz: &BigInt) -> bool {
    hz.to_i64().is_some_and(|h| h > 0 && TRILLION % h == 0)
}

/// The exact sum (or difference) of two times, with the denominator
/// `time_arith` chooses: the common one when equal, otherwise the reduced
/// fraction over lcm (DA, DB), scaled up to at least the smaller of DA, DB.
fn add_times(ta: &LispTime, tb: &LispTime, subtract: bool) -> LispTime {
    if ta.hz == tb.hz {
        let ticks = if subtract { &ta.ticks - &tb.ticks } else { &ta.ticks + &tb.ticks };
        return LispTime { ticks, hz: ta.hz.clone() };
    }
    let (da, db) = (&ta.hz, &tb.hz);
    let hzmin = da.min(db);
    let g = da.gcd(db);
    let fa = da / &g;
    let fb = db / &g;
    let mut ihz = &fa * db;
    let na = &fb * &ta.ticks;
    let nb = &fa * &tb.ticks;
    let mut iticks = if subtract { na - nb } else { na + nb };
    let ig = iticks.gcd(&ihz);
    if ig > BigInt::one() {
        iticks /= &ig;
        ihz /= &ig;
        if &ihz < hzmin {
            let rescale = hzmin.div_ceil(&ihz);
            iticks *= &rescale;
            ihz *= &rescale;
        }
    }
    LispTime { ticks: iticks, hz: ihz }
}

/// `time_arith`: A + B or A - B as a Lisp timestamp.
pub fn time_arith(a: Value, b: Value, subtract: bool) -> LResult {
    let (ta, aform) = decode_lisp_time(a, false)?;
    let (tb, bform) = decode_lisp_time(b, false)?;
    let t = add_times(&ta, &tb, subtract);
    if t.hz.is_one() {
        return int_value(t.ticks);
    }
    if !current_time_list() || aform == TimeForm::TicksHz || bform == TimeForm::TicksHz || !trillion_factor(&t.hz) {
        return Ok(cons(int_value(t.ticks)?, int_value(t.hz)?));
    }
    ticks_hz_list4(&t.ticks, &t.hz)
}

/// `time_cmp`: the ordering of two timestamps.  Identical arguments
/// compare equal unchecked, as do `(X . Z)` and `(Y . Z)` with the same Z
/// object and fixnum X, Y.
pub fn time_cmp(a: Value, b: Value) -> LResult<std::cmp::Ordering> {
    if a == b {
        return Ok(std::cmp::Ordering::Equal);
    }
    let (mut x, mut y) = (a, b);
    if a.is_cons() && b.is_cons() && a.cdr() == b.cdr() {
        x = a.car();
        y = b.car();
    }
    if let (Some(x), Some(y)) = (x.as_fixnum(), y.as_fixnum()) {
        return Ok(x.cmp(&y));
    }
    let ta = lisp_time(a)?;
    let tb = lisp_time(b)?;
    if ta.hz == tb.hz {
        return Ok(ta.ticks.cmp(&tb.ticks));
    }
    Ok((&ta.ticks * &tb.hz).cmp(&(&tb.ticks * &ta.hz)))
}

/// A time as `(TICKS . HZ)`.
pub fn ticks_hz_pair(ticks: BigInt, hz: BigInt) -> LResult {
    Ok(cons(int_value(ticks)?, int_value(hz)?))
}

/// `(time-convert TIME FORM)`.
pub fn time_convert(time: Value, form: Value) -> LResult {
    let (t, input_form) = decode_lisp_time(time, false)?;
    let form = if !form.is_nil() {
        form
    } else if current_time_list() {
        intern("list")
    } else {
        Value::T
    };
    if form == intern("list") {
        return ticks_hz_list4(&t.ticks, &t.hz);
    }
    if form == intern("integer") {
        return if time.is_integer() { Ok(time) } else { int_value(lisp_time_seconds(&t)) };
    }
    let hz = if form.is_t() { int_value(t.hz.clone())? } else { form };
    if input_form == TimeForm::TicksHz && time.cdr() == hz {
        return Ok(time);
    }
    let ticks = lisp_time_hz_ticks(&t, hz)?;
    Ok(cons(int_value(ticks)?, hz))
}
