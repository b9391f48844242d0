//! The numeric tower as builtins see it: `Num` (fixnum-sized machine integer,
//! bignum, float), coercion of arguments with Emacs's type errors (and the hook
//! through which markers will count as integers), conversions to `f64` rounded
//! as GNU Emacs rounds, and the construction of integer results with the
//! `integer-width` limit that GNU Emacs applies when it creates a bignum.

use super::super::alloc::make_int;
use super::super::error::{overflow_error, wrong_type, LResult};
use super::super::heap::heap;
use super::super::object::Obj;
use super::super::sym;
use super::super::symbol::intern;
use super::super::value::Value;
use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};
use std::sync::OnceLock;

/// A Lisp number taken apart.  `Int` holds any `i64` (not only the fixnum
/// range): intermediate results of arithmetic live there until they overflow.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

impl Num {
    /// The value as a double: integers round to nearest (ties to even).
    pub fn to_f64(&self) -> f64 {
        match self {
            Num::Int(i) => *i as f64,
            Num::Big(b) => bigint_to_f64(b),
            Num::Float(f) => *f,
        }
    }
    pub fn is_float(&self) -> bool {
        matches!(self, Num::Float(_))
    }
    /// The integer as a bignum (floats are not integers: callers check).
    pub fn to_bigint(&self) -> BigInt {
        match self {
            Num::Int(i) => BigInt::from(*i),
            Num::Big(b) => b.clone(),
            Num::Float(f) => float_to_bigint(*f).unwrap_or_default(),
        }
    }
    /// Back to a Lisp value; bignum results are normalised and checked
    /// against `integer-width`.
    pub fn into_value(self) -> LResult<Value> {
        match self {
            Num::Int(i) => Ok(make_int(i)),
            Num::Big(b) => make_integer_checked(b),
            Num::Float(f) => Ok(super::super::alloc::make_float(f)),
        }
    }
}

/// Turns a bignum back into `Num::Int` when it fits in an `i64`.
pub fn normalize(b: BigInt) -> Num {
    match b.to_i64() {
        Some(i) => Num::Int(i),
        None => Num::Big(b),
    }
}

/// The position of a marker, for arithmetic on markers.  Installed by the
/// buffer/marker subsystem when it exists: it returns `None` for a value that
/// is not a marker, and the position (or the error of a marker that points
/// nowhere) for one that is.
pub type MarkerHook = fn(Value) -> Option<LResult<i64>>;

static MARKER_HOOK: OnceLock<MarkerHook> = OnceLock::new();

/// Installs the marker hook (once, at start-up).
pub fn set_marker_hook(f: MarkerHook) {
    let _ = MARKER_HOOK.set(f);
}

#[inline]
fn marker_position(v: Value) -> Option<LResult<i64>> {
    MARKER_HOOK.get().and_then(|f| f(v))
}

/// Emacs's `check_number_coerce_marker`: V itself when it is a number, a
/// marker's position as a fixnum, else `(wrong-type-argument PREDICATE V)`.
#[inline]
pub fn coerce_number(v: Value, predicate: Value) -> LResult<Value> {
    if v.is_fixnum() || v.is_float() || v.is_bignum() {
        return Ok(v);
    }
    match marker_position(v) {
        Some(pos) => Ok(make_int(pos?)),
        None => Err(wrong_type(predicate, v)),
    }
}

/// Emacs's `check_integer_coerce_marker`: integers and markers only.
#[inline]
pub fn coerce_integer(v: Value, predicate: Value) -> LResult<Value> {
    if v.is_fixnum() || v.is_bignum() {
        return Ok(v);
    }
    match marker_position(v) {
        Some(pos) => Ok(make_int(pos?)),
        None => Err(wrong_type(predicate, v)),
    }
}

/// The number V (a number, not a marker) as a `Num`.  Callers coerced V.
#[inline]
pub fn num_of(v: Value) -> Num {
    if let Some(i) = v.as_fixnum() {
        Num::Int(i)
    } else if v.is_float() {
        Num::Float(v.float_value())
    } else if let Some(b) = v.as_bignum() {
        Num::Big(b.clone())
    } else {
        Num::Int(0)
    }
}

/// V as a `Num`, markers included, or `(wrong-type-argument PREDICATE V)`.
pub fn to_num(v: Value, predicate: Value) -> LResult<Num> {
    coerce_number(v, predicate).map(num_of)
}

/// V as a double (Emacs's `extract_float`: any number, else `numberp`).
pub fn extract_float(v: Value) -> LResult<f64> {
    if let Some(i) = v.as_fixnum() {
        Ok(i as f64)
    } else if v.is_float() {
        Ok(v.float_value())
    } else if let Some(b) = v.as_bignum() {
        Ok(bigint_to_f64(b))
    } else {
        Err(wrong_type(sym::NUMBERP, v))
    }
}

/// A bignum as the nearest double (ties to even), infinite when too large,
/// as GNU Emacs's `mpz_get_d_rounded`.
pub fn bigint_to_f64(b: &BigInt) -> f64 {
    if let Some(i) = b.to_i64() {
        return i as f64;
    }
    let mag = b.magnitude();
    let bits = mag.bits();
    // Keep the top 64 bits and fold the rest into a sticky bit, so that the
    // u64 -> f64 conversion rounds exactly as rounding the whole value would.
    let shift = bits.saturating_sub(64);
    let top: num_bigint::BigUint = mag >> shift;
    let mut m = top.to_u64().unwrap_or(u64::MAX);
    if shift > 0 && mag.trailing_zeros().unwrap_or(0) < shift {
        m |= 1;
    }
    let r = if shift > 2000 { f64::INFINITY } else { scale2(m as f64, shift as i32) };
    if b.sign() == Sign::Minus {
        -r
    } else {
        r
    }
}

/// x * 2^e, exact unless the result overflows (then infinity).
fn scale2(mut x: f64, mut e: i32) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    x * 2f64.powi(e)
}

/// The integer part of a finite float, exactly; `None` for infinities and NaNs.
pub fn float_to_bigint(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    let (m, e) = float_parts(f.trunc());
    let b = BigInt::from(m);
    Some(if e >= 0 { b << e as usize } else { b >> (-e) as usize })
}

/// A finite float as M * 2^E with M an integer (sign included) of at most
/// 53 bits.
pub fn float_parts(f: f64) -> (i64, i32) {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i64;
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1 << 52), exp - 1075) };
    if f.is_sign_negative() {
        (-m, e)
    } else {
        (m, e)
    }
}

/// Emacs's `double_to_integer`: the truncated value of a float as an
/// integer; `overflow-error` for infinities and NaNs.
pub fn double_to_integer(f: f64) -> LResult<Value> {
    match float_to_bigint(f) {
        Some(b) => make_integer_checked(b),
        None => Err(overflow_error()),
    }
}

thread_local! {
    static INTEGER_WIDTH_SYM: std::cell::Cell<Option<Value>> = const { std::cell::Cell::new(None) };
}

/// The value of `integer-width` (65536 until that variable is defined).
/// A negative value means no limit (GNU Emacs compares it unsigned).
pub fn integer_width() -> Option<u64> {
    let s = INTEGER_WIDTH_SYM.with(|c| {
        c.get().unwrap_or_else(|| {
            let s = intern("integer-width");
            c.set(Some(s));
            s
        })
    });
    match super::super::specpdl::value_cell(s).as_fixnum() {
        Some(w) if w >= 0 => Some(w as u64),
        Some(_) => None,
        None => Some(1 << 16),
    }
}

/// Whether an integer of BITS bits (magnitude) may become a bignum:
/// GNU Emacs allows up to `integer-width` bits, and always 128.
pub fn bits_allowed(bits: u64) -> bool {
    bits <= 128 || integer_width().is_none_or(|w| bits <= w)
}

/// Signals `overflow-error` unless a result of BITS bits is allowed.
pub fn check_bits(bits: u64) -> LResult<()> {
    if bits_allowed(bits) {
        Ok(())
    } else {
        Err(overflow_error())
    }
}

/// An integer value: a fixnum when in range, else a bignum, signalling
/// `overflow-error` when it is wider than `integer-width` allows (as GNU
/// Emacs's `make_integer_mpz`).
pub fn make_integer_checked(b: BigInt) -> LResult<Value> {
    if let Some(i) = b.to_i64() {
        return Ok(make_int(i));
    }
    check_bits(b.bits())?;
    Ok(heap().alloc_obj(Obj::Bignum(b)))
}

/// True when the integer value V is zero.
pub fn integer_is_zero(v: Value) -> bool {
    v == Value::fixnum(0) || v.as_bignum().is_some_and(|b| b.is_zero())
}
