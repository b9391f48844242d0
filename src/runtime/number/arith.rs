//! Arithmetic with GNU Emacs's exact semantics: the n-ary driver behind `+`,
//! `-`, `*`, `/`, `logand`, `logior` and `logxor` (machine integers that
//! overflow into bignums, float contagion from the first float argument on,
//! argument checks in Emacs's order), integer remainder and modulus, exact
//! comparison across fixnums, bignums and floats (NaN unordered), and the
//! small inlined fast paths the evaluator calls for two fixnums.

use super::super::alloc::{make_float, make_int};
use super::super::error::{arith_error, wrong_type, LResult};
use super::super::sym;
use super::super::value::Value;
use super::tower::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    LogAnd,
    LogIor,
    LogXor,
}

impl ArithOp {
    fn is_float_op(self) -> bool {
        matches!(self, ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::Div)
    }
    /// The predicate the first argument is checked with.
    pub fn first_predicate(self) -> Value {
        if self.is_float_op() {
            sym::NUMBER_OR_MARKER_P
        } else {
            sym::INTEGER_OR_MARKER_P
        }
    }
}

/// `a OP b` on machine integers, `None` on overflow.
#[inline]
fn int_op(op: ArithOp, a: i64, b: i64) -> LResult<Option<i64>> {
    Ok(match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div => {
            if b == 0 {
                return Err(arith_error());
            }
            a.checked_div(b)
        }
        ArithOp::LogAnd => Some(a & b),
        ArithOp::LogIor => Some(a | b),
        ArithOp::LogXor => Some(a ^ b),
    })
}

/// `a OP b` on bignums.
fn big_op(op: ArithOp, a: &BigInt, b: &BigInt) -> LResult<BigInt> {
    Ok(match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => {
            if b.is_zero() {
                return Err(arith_error());
            }
            a / b
        }
        ArithOp::LogAnd => a & b,
        ArithOp::LogIor => a | b,
        ArithOp::LogXor => a ^ b,
    })
}

#[inline]
fn float_op(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        _ => a / b,
    }
}

/// One step of integer arithmetic: ACC OP NEXT.
fn int_step(op: ArithOp, acc: Num, next: Num) -> LResult<Num> {
    if let (Num::Int(a), Num::Int(b)) = (&acc, &next) {
        if let Some(r) = int_op(op, *a, *b)? {
            return Ok(Num::Int(r));
        }
    }
    let r = big_op(op, &acc.to_bigint(), &next.to_bigint())?;
    Ok(normalize(r))
}

/// The float part of the driver: ACC (a double) combined with the
/// arguments from REST on, each converted to a double.
fn float_tail(op: ArithOp, mut acc: f64, rest: &[Value]) -> LResult<Value> {
    for &a in rest {
        let v = coerce_number(a, sym::NUMBER_OR_MARKER_P)?;
        acc = float_op(op, acc, num_of(v).to_f64());
    }
    Ok(make_float(acc))
}

/// Emacs's `arith_driver`: applies OP left to right over ARGS (at least
/// two).  ARGS[0] must already be coerced (a number).  Integer arithmetic
/// is exact until the first float, from which on it is done in doubles.
pub fn arith_driver(op: ArithOp, args: &[Value]) -> LResult<Value> {
    let mut acc = num_of(args[0]);
    if let Num::Float(f) = acc {
        return float_tail(op, f, &args[1..]);
    }
    for (i, &a) in args.iter().enumerate().skip(1) {
        let v = coerce_number(a, sym::NUMBER_OR_MARKER_P)?;
        if v.is_float() {
            if !op.is_float_op() {
                return Err(wrong_type(sym::INTEGER_OR_MARKER_P, v));
            }
            let r = float_op(op, acc.to_f64(), v.float_value());
            return float_tail(op, r, &args[i + 1..]);
        }
        acc = int_step(op, acc, num_of(v))?;
    }
    acc.into_value()
}

/// Emacs's `floatop_arith_driver` from the start: every argument as a
/// double (what `/` does when an argument after the second is a float).
/// ARGS[0] must already be coerced.
pub fn float_driver(op: ArithOp, args: &[Value]) -> LResult<Value> {
    float_tail(op, num_of(args[0]).to_f64(), &args[1..])
}

/// `A OP B` for two arguments, checking both as the subr would.
pub fn arith(op: ArithOp, a: Value, b: Value) -> LResult<Value> {
    let a = if op.is_float_op() { coerce_number(a, sym::NUMBER_OR_MARKER_P)? } else { coerce_integer(a, sym::INTEGER_OR_MARKER_P)? };
    arith_driver(op, &[a, b])
}

/// Emacs's `integer_remainder`: NUM % DEN for integers, truncating (`%`) or
/// flooring (`mod`, when MODULO).  Both already coerced to integers.
pub fn integer_remainder(num: Value, den: Value, modulo: bool) -> LResult<Value> {
    if let (Some(n), Some(d)) = (num.as_fixnum(), den.as_fixnum()) {
        if d == 0 {
            return Err(arith_error());
        }
        let mut r = n % d;
        if modulo && (if d < 0 { r > 0 } else { r < 0 }) {
            r += d;
        }
        return Ok(make_int(r));
    }
    let d = num_of(den).to_bigint();
    if d.is_zero() {
        return Err(arith_error());
    }
    let n = num_of(num).to_bigint();
    let mut r = &n % &d;
    if modulo && (if d.is_negative() { r.is_positive() } else { r.is_negative() }) {
        r += &d;
    }
    make_integer_checked(r)
}

/// Emacs's `fmod_float`: X mod Y in doubles, the result having Y's sign.
pub fn fmod_float(x: f64, y: f64) -> f64 {
    let mut r = super::libm::fmod(x, y);
    if if y < 0.0 { r > 0.0 } else { r < 0.0 } {
        r += y;
    }
    r
}

/// `(mod X Y)` on two coerced numbers.
pub fn modulo(x: Value, y: Value) -> LResult<Value> {
    if x.is_float() || y.is_float() {
        let (a, b) = (num_of(x).to_f64(), num_of(y).to_f64());
        return Ok(make_float(fmod_float(a, b)));
    }
    integer_remainder(x, y, true)
}

/// Compares a double with an integer exactly; `None` when F is a NaN.
fn cmp_float_int(f: f64, i: &Num) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Greater } else { Ordering::Less });
    }
    match i {
        Num::Int(n) => {
            // As Emacs: compare in doubles, and break a tie exactly.
            let g = *n as f64;
            match f.partial_cmp(&g)? {
                Ordering::Equal => Some((g as i128).cmp(&(*n as i128))),
                o => Some(o),
            }
        }
        Num::Big(b) => {
            let t = f.trunc();
            let tb = float_to_bigint(t)?;
            match tb.cmp(b) {
                Ordering::Equal => (f - t).partial_cmp(&0.0),
                o => Some(o),
            }
        }
        Num::Float(g) => f.partial_cmp(g),
    }
}

/// Compares two numbers exactly (integers against floats too); `None` when
/// either is a NaN.
pub fn num_cmp_nums(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), _) => cmp_float_int(*x, b),
        (_, Num::Float(y)) => cmp_float_int(*y, a).map(Ordering::reverse),
        _ => Some(a.to_bigint().cmp(&b.to_bigint())),
    }
}

/// Compares two numbers or markers as `=`, `<` ... do: checks A, then B,
/// with `number-or-marker-p`.  `None` when a NaN is involved.
pub fn num_cmp(a: Value, b: Value) -> LResult<Option<Ordering>> {
    let a = coerce_number(a, sym::NUMBER_OR_MARKER_P)?;
    let b = coerce_number(b, sym::NUMBER_OR_MARKER_P)?;
    if let (Some(x), Some(y)) = (a.as_fixnum(), b.as_fixnum()) {
        return Ok(Some(x.cmp(&y)));
    }
    if a.is_float() && b.is_float() {
        return Ok(a.float_value().partial_cmp(&b.float_value()));
    }
    Ok(num_cmp_nums(&num_of(a), &num_of(b)))
}

/// The comparisons of `=`, `/=`, `<`, `<=`, `>`, `>=`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    #[inline]
    pub fn test(self, o: Option<Ordering>) -> bool {
        use Ordering::*;
        match (self, o) {
            (CmpOp::Ne, None) => true,
            (_, None) => false,
            (CmpOp::Eq, Some(o)) => o == Equal,
            (CmpOp::Ne, Some(o)) => o != Equal,
            (CmpOp::Lt, Some(o)) => o == Less,
            (CmpOp::Le, Some(o)) => o != Greater,
            (CmpOp::Gt, Some(o)) => o == Greater,
            (CmpOp::Ge, Some(o)) => o != Less,
        }
    }
}

/// Emacs's `arithcompare`: A OP B for numbers or markers.
#[inline]
pub fn arith_compare(op: CmpOp, a: Value, b: Value) -> LResult<bool> {
    if both_fixnums(a, b) {
        return Ok(op.test(Some((a.0 as i64).cmp(&(b.0 as i64)))));
    }
    Ok(op.test(num_cmp(a, b)?))
}

/// Whether A and B are both fixnums (one test of the tag bits).
#[inline(always)]
pub fn both_fixnums(a: Value, b: Value) -> bool {
    (a.0 | b.0) & 3 == 0
}

/// `(+ A B)`.
#[inline]
pub fn add2(a: Value, b: Value) -> LResult<Value> {
    if both_fixnums(a, b) {
        // Tagged fixnums add as shifted integers; an i64 overflow is
        // exactly a fixnum overflow.
        if let Some(s) = (a.0 as i64).checked_add(b.0 as i64) {
            return Ok(Value(s as u64));
        }
    }
    arith(ArithOp::Add, a, b)
}

/// `(- A B)`.
#[inline]
pub fn sub2(a: Value, b: Value) -> LResult<Value> {
    if both_fixnums(a, b) {
        if let Some(s) = (a.0 as i64).checked_sub(b.0 as i64) {
            return Ok(Value(s as u64));
        }
    }
    arith(ArithOp::Sub, a, b)
}

/// `(* A B)`.
#[inline]
pub fn mul2(a: Value, b: Value) -> LResult<Value> {
    if both_fixnums(a, b) {
        if let Some(p) = a.as_fixnum_unchecked().checked_mul(b.0 as i64) {
            return Ok(Value(p as u64));
        }
    }
    arith(ArithOp::Mul, a, b)
}

/// `(1+ A)`.
#[inline]
pub fn add1(a: Value) -> LResult<Value> {
    if a.is_fixnum() {
        if let Some(s) = (a.0 as i64).checked_add(4) {
            return Ok(Value(s as u64));
        }
    }
    add1_slow(a, 1)
}

/// `(1- A)`.
#[inline]
pub fn sub1(a: Value) -> LResult<Value> {
    if a.is_fixnum() {
        if let Some(s) = (a.0 as i64).checked_sub(4) {
            return Ok(Value(s as u64));
        }
    }
    add1_slow(a, -1)
}

#[inline(never)]
fn add1_slow(a: Value, delta: i64) -> LResult<Value> {
    let a = coerce_number(a, sym::NUMBER_OR_MARKER_P)?;
    match num_of(a) {
        Num::Int(i) => Ok(make_int(i + delta)),
        Num::Float(f) => Ok(make_float(delta as f64 + f)),
        Num::Big(b) => make_integer_checked(b + delta),
    }
}

/// `(< A B)`.
#[inline]
pub fn lt2(a: Value, b: Value) -> LResult<Value> {
    arith_compare(CmpOp::Lt, a, b).map(Value::bool)
}
/// `(> A B)`.
#[inline]
pub fn gt2(a: Value, b: Value) -> LResult<Value> {
    arith_compare(CmpOp::Gt, a, b).map(Value::bool)
}
/// `(<= A B)`.
#[inline]
pub fn le2(a: Value, b: Value) -> LResult<Value> {
    arith_compare(CmpOp::Le, a, b).map(Value::bool)
}
/// `(>= A B)`.
#[inline]
pub fn ge2(a: Value, b: Value) -> LResult<Value> {
    arith_compare(CmpOp::Ge, a, b).map(Value::bool)
}
/// `(= A B)`.
#[inline]
pub fn num_eq2(a: Value, b: Value) -> LResult<Value> {
    arith_compare(CmpOp::Eq, a, b).map(Value::bool)
}

/// `(- A)`: negation of a coerced number.
pub fn negate(a: Value) -> LResult<Value> {
    match num_of(a) {
        Num::Int(i) => Ok(make_int(-i)),
        Num::Float(f) => Ok(make_float(-f)),
        Num::Big(b) => make_integer_checked(-b),
    }
}

/// Number of bits of |V| for an integer value V (0 for 0).
pub fn integer_bits(v: &Num) -> u64 {
    match v {
        Num::Int(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
        Num::Big(b) => b.bits(),
        Num::Float(_) => 0,
    }
}

/// Whether the integer is odd.
pub fn integer_is_odd(v: &Num) -> bool {
    match v {
        Num::Int(i) => i & 1 != 0,
        Num::Big(b) => b.is_odd(),
        Num::Float(_) => false,
    }
}

/// Whether the integer is negative.
pub fn integer_is_negative(v: &Num) -> bool {
    match v {
        Num::Int(i) => *i < 0,
        Num::Big(b) => b.is_negative(),
        Num::Float(f) => *f < 0.0,
    }
}

/// Converts an integer `Num` to `u64` if it fits.
pub fn integer_to_u64(v: &Num) -> Option<u64> {
    match v {
        Num::Int(i) => u64::try_from(*i).ok(),
        Num::Big(b) => b.to_u64(),
        Num::Float(_) => None,
    }
}
