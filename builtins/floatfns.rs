//! Primitives of GNU Emacs's floatfns.c: conversions (`float`, the rounding
//! functions `truncate floor ceiling round` with an optional divisor, exact
//! through bignums, and their float-valued `f...` forms), the libm wrappers
//! (`sqrt exp log expt sin cos tan asin acos atan`), and `isnan copysign
//! frexp ldexp logb abs`.  The math functions are the C library's own, so
//! results and NaN signs match GNU Emacs bit for bit.

use crate::builtins::prelude::*;
use crate::runtime::number::{self, libm, Num};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Signed;

/// CHECK_NUMBER: the argument as a `Num`, or `(wrong-type-argument numberp V)`.
fn expect_number(v: Value) -> LResult<Num> {
    if v.is_number() {
        Ok(number::num_of(v))
    } else {
        Err(wrong_type(sym::NUMBERP, v))
    }
}

/// `extract_float`: a number argument as a double (CHECK_NUMBER's error).
pub fn extract_float(v: Value) -> LResult<f64> {
    Ok(expect_number(v)?.to_f64())
}

/// CHECK_FLOAT: the argument's double, or `(wrong-type-argument floatp V)`.
fn expect_float(v: Value) -> LResult<f64> {
    if v.is_float() {
        Ok(v.float_value())
    } else {
        Err(wrong_type(sym::FLOATP, v))
    }
}

fn unary(args: &[Value], f: fn(f64) -> f64) -> LResult {
    Ok(make_float(f(number::extract_float(args[0])?)))
}

fn f_acos(args: &[Value]) -> LResult {
    unary(args, libm::acos)
}
fn f_asin(args: &[Value]) -> LResult {
    unary(args, libm::asin)
}
fn f_cos(args: &[Value]) -> LResult {
    unary(args, libm::cos)
}
fn f_sin(args: &[Value]) -> LResult {
    unary(args, libm::sin)
}
fn f_tan(args: &[Value]) -> LResult {
    unary(args, libm::tan)
}
fn f_exp(args: &[Value]) -> LResult {
    unary(args, libm::exp)
}
fn f_sqrt(args: &[Value]) -> LResult {
    unary(args, libm::sqrt)
}

fn f_atan(args: &[Value]) -> LResult {
    let y = number::extract_float(args[0])?;
    if args[1].is_nil() {
        return Ok(make_float(libm::atan(y)));
    }
    let x = number::extract_float(args[1])?;
    Ok(make_float(libm::atan2(y, x)))
}

fn f_log(args: &[Value]) -> LResult {
    let d = number::extract_float(args[0])?;
    if args[1].is_nil() {
        return Ok(make_float(libm::log(d)));
    }
    let b = number::extract_float(args[1])?;
    let r = if b == 10.0 {
        libm::log10(d)
    } else if b == 2.0 {
        libm::log2(d)
    } else {
        libm::log(d) / libm::log(b)
    };
    Ok(make_float(r))
}

fn f_expt(args: &[Value]) -> LResult {
    let x = expect_number(args[0])?;
    let y = expect_number(args[1])?;
    // As Common Lisp: an integer to a natural power stays an integer.
    if !x.is_float() && !y.is_float() && !number::integer_is_negative(&y) {
        return super::data::arith::expt_integer(&x, &y);
    }
    Ok(make_float(libm::pow(x.to_f64(), y.to_f64())))
}

fn f_isnan(args: &[Value]) -> LResult {
    Ok(Value::bool(expect_float(args[0])?.is_nan()))
}

fn f_copysign(args: &[Value]) -> LResult {
    let f1 = expect_float(args[0])?;
    let f2 = expect_float(args[1])?;
    if f1.is_sign_negative() != f2.is_sign_negative() {
        Ok(make_float(-f1))
    } else {
        Ok(args[0])
    }
}

fn f_frexp(args: &[Value]) -> LResult {
    let (m, e) = libm::frexp(number::extract_float(args[0])?);
    Ok(cons(make_float(m), Value::fixnum(e as i64)))
}

fn f_ldexp(args: &[Value]) -> LResult {
    let e = expect_fixnum(args[1])?;
    let e = e.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    Ok(make_float(libm::ldexp(number::extract_float(args[0])?, e)))
}

fn f_abs(args: &[Value]) -> LResult {
    let v = args[0];
    match expect_number(v)? {
        Num::Int(i) if i < 0 => Ok(make_int(-i)),
        Num::Float(f) if f.is_sign_negative() => Ok(make_float(-f)),
        Num::Big(b) if b.is_negative() => number::make_integer_checked(-b),
        _ => Ok(v),
    }
}

fn f_float(args: &[Value]) -> LResult {
    let n = expect_number(args[0])?;
    if n.is_float() {
        Ok(args[0])
    } else {
        Ok(make_float(n.to_f64()))
    }
}

fn f_logb(args: &[Value]) -> LResult {
    let value = match expect_number(args[0])? {
        Num::Float(f) => {
            if f == 0.0 {
                return Ok(make_float(f64::NEG_INFINITY));
            }
            if !f.is_finite() {
                return Ok(if f < 0.0 { make_float(-f) } else { args[0] });
            }
            libm::frexp(f).1 as i64 - 1
        }
        Num::Int(0) => return Ok(make_float(f64::NEG_INFINITY)),
        n => number::integer_bits(&n) as i64 - 1,
    };
    Ok(Value::fixnum(value))
}

/// Emacs's `double_integer_scale`: the E for which D * 2^E is an integer
/// of D's precision; 1074 for zero and subnormals, 1075 for infinities,
/// 1076 for NaNs.
fn double_integer_scale(d: f64) -> i32 {
    if d.is_nan() {
        1076
    } else if d.is_infinite() {
        1075
    } else if d == 0.0 || d.is_subnormal() {
        1074
    } else {
        -number::float_parts(d).1
    }
}

/// N (with scale NSCALE) as an integer scaled to the larger of NSCALE and
/// DSCALE (Emacs's `rescale_for_division`).
fn rescale(n: &Num, nscale: i32, dscale: i32) -> LResult<BigInt> {
    let v = match n {
        Num::Float(f) => {
            if nscale > 1074 {
                return Err(overflow_error());
            }
            BigInt::from(number::float_parts(*f).0)
        }
        other => other.to_bigint(),
    };
    Ok(if nscale < dscale { v << (dscale - nscale) as usize } else { v })
}

/// How a rounding function rounds: doubles, exact integer quotients, and
/// fixnum quotients.
struct Rounding {
    double: fn(f64) -> f64,
    bigdiv: fn(&BigInt, &BigInt) -> BigInt,
    fixdiv: fn(i64, i64) -> i64,
}

/// Emacs's `rounding_driver`.
fn rounding_driver(args: &[Value], r: &Rounding) -> LResult {
    let n = expect_number(args[0])?;
    if args[1].is_nil() {
        return match n {
            Num::Float(f) => number::double_to_integer((r.double)(f)),
            _ => Ok(args[0]),
        };
    }
    let d = expect_number(args[1])?;
    let mut dscale = 0;
    match &d {
        Num::Float(f) => {
            if *f == 0.0 {
                return Err(arith_error());
            }
            dscale = double_integer_scale(*f);
        }
        Num::Int(0) => return Err(arith_error()),
        _ => {}
    }
    if let (Num::Int(a), Num::Int(b)) = (&n, &d) {
        if args[0].is_fixnum() && args[1].is_fixnum() {
            return Ok(make_int((r.fixdiv)(*a, *b)));
        }
    }
    let nscale = if let Num::Float(f) = n { double_integer_scale(f) } else { 0 };
    if dscale == 1075 && nscale < dscale {
        return Ok(Value::fixnum(0));
    }
    let num = rescale(&n, nscale, dscale)?;
    let den = rescale(&d, dscale, nscale)?;
    number::make_integer_checked((r.bigdiv)(&num, &den))
}

fn ceiling2(n: i64, d: i64) -> i64 {
    n / d + ((n % d != 0) & ((n < 0) == (d < 0))) as i64
}
fn floor2(n: i64, d: i64) -> i64 {
    n / d - ((n % d != 0) & ((n < 0) != (d < 0))) as i64
}
fn truncate2(n: i64, d: i64) -> i64 {
    n / d
}
/// Division rounding to nearest, ties to even.
fn round2(n: i64, d: i64) -> i64 {
    let (mut q, r) = (n / d, n % d);
    let abs_r = r.abs();
    let abs_r1 = d.abs() - abs_r;
    if abs_r1 < abs_r + (q & 1) {
        q += if (d < 0) == (r < 0) { 1 } else { -1 };
    }
    q
}

fn big_ceil(n: &BigInt, d: &BigInt) -> BigInt {
    Integer::div_ceil(n, d)
}
fn big_floor(n: &BigInt, d: &BigInt) -> BigInt {
    n.div_floor(d)
}
fn big_trunc(n: &BigInt, d: &BigInt) -> BigInt {
    n / d
}
fn big_round(n: &BigInt, d: &BigInt) -> BigInt {
    let (mut q, r) = (n / d, n % d);
    let abs_r = r.abs();
    let abs_r1 = d.abs() - &abs_r;
    let odd = q.is_odd();
    let closer = match abs_r1.cmp(&abs_r) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Equal => odd,
        std::cmp::Ordering::Greater => false,
    };
    if closer {
        if d.is_negative() == r.is_negative() {
            q += 1;
        } else {
            q -= 1;
        }
    }
    q
}

fn identity(x: f64) -> f64 {
    x
}

static CEILING: Rounding = Rounding { double: libm::ceil, bigdiv: big_ceil, fixdiv: ceiling2 };
static FLOOR: Rounding = Rounding { double: libm::floor, bigdiv: big_floor, fixdiv: floor2 };
static ROUND: Rounding = Rounding { double: libm::rint, bigdiv: big_round, fixdiv: round2 };
static TRUNCATE: Rounding = Rounding { double: identity, bigdiv: big_trunc, fixdiv: truncate2 };

fn f_ceiling(args: &[Value]) -> LResult {
    rounding_driver(args, &CEILING)
}
fn f_floor(args: &[Value]) -> LResult {
    rounding_driver(args, &FLOOR)
}
fn f_round(args: &[Value]) -> LResult {
    rounding_driver(args, &ROUND)
}
fn f_truncate(args: &[Value]) -> LResult {
    rounding_driver(args, &TRUNCATE)
}

fn float_round(args: &[Value], f: fn(f64) -> f64) -> LResult {
    Ok(make_float(f(expect_float(args[0])?)))
}
fn f_fceiling(args: &[Value]) -> LResult {
    float_round(args, libm::ceil)
}
fn f_ffloor(args: &[Value]) -> LResult {
    float_round(args, libm::floor)
}
fn f_fround(args: &[Value]) -> LResult {
    float_round(args, libm::rint)
}
fn f_ftruncate(args: &[Value]) -> LResult {
    float_round(args, libm::trunc)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("acos", 1, 1, f_acos, "Return the inverse cosine of ARG.\n\n(fn ARG)"),
    SubrDef::new("asin", 1, 1, f_asin, "Return the inverse sine of ARG.\n\n(fn ARG)"),
    SubrDef::new("atan", 1, 2, f_atan, "Return the inverse tangent of the arguments.\nIf only one argument Y is given, return the inverse tangent of Y.\nIf two arguments Y and X are given, return the inverse tangent of Y\ndivided by X, i.e. the angle in radians between the vector (X, Y)\nand the x-axis.\n\n(fn Y &optional X)"),
    SubrDef::new("cos", 1, 1, f_cos, "Return the cosine of ARG.\n\n(fn ARG)"),
    SubrDef::new("sin", 1, 1, f_sin, "Return the sine of ARG.\n\n(fn ARG)"),
    SubrDef::new("tan", 1, 1, f_tan, "Return the tangent of ARG.\n\n(fn ARG)"),
    SubrDef::new("isnan", 1, 1, f_isnan, "Return non-nil if argument X is a NaN.\n\n(fn X)"),
    SubrDef::new("copysign", 2, 2, f_copysign, "Copy sign of X2 to value of X1, and return the result.\nCause an error if X1 or X2 is not a float.\n\n(fn X1 X2)"),
    SubrDef::new("frexp", 1, 1, f_frexp, "Get significand and exponent of a floating point number.\nBreaks the floating point number X into its binary significand SGNFCAND\n(a floating point value between 0.5 (included) and 1.0 (excluded))\nand an integral exponent EXP for 2, such that:\n\n  X = SGNFCAND * 2^EXP\n\nThe function returns the cons cell (SGNFCAND . EXP).\nIf X is zero, both parts (SGNFCAND and EXP) are zero.\n\n(fn X)"),
    SubrDef::new("ldexp", 2, 2, f_ldexp, "Return SGNFCAND * 2**EXPONENT, as a floating point number.\nEXPONENT must be an integer.\n\n(fn SGNFCAND EXPONENT)"),
    SubrDef::new("exp", 1, 1, f_exp, "Return the exponential base e of ARG.\n\n(fn ARG)"),
    SubrDef::new("expt", 2, 2, f_expt, "Return the exponential ARG1 ** ARG2.\n\n(fn ARG1 ARG2)"),
    SubrDef::new("log", 1, 2, f_log, "Return the natural logarithm of ARG.\nIf the optional argument BASE is given, return log ARG using that base.\n\n(fn ARG &optional BASE)"),
    SubrDef::new("sqrt", 1, 1, f_sqrt, "Return the square root of ARG.\n\n(fn ARG)"),
    SubrDef::new("abs", 1, 1, f_abs, "Return the absolute value of ARG.\n\n(fn ARG)"),
    SubrDef::new("float", 1, 1, f_float, "Return the floating point number equal to ARG.\n\n(fn ARG)"),
    SubrDef::new("logb", 1, 1, f_logb, "Returns largest integer <= the base 2 log of the magnitude of ARG.\nThis is the same as the exponent of a float.\n\n(fn ARG)"),
    SubrDef::new("ceiling", 1, 2, f_ceiling, "Return the smallest integer no less than ARG.\nThis rounds the value towards +inf.\nWith optional DIVISOR, return the smallest integer no less than ARG/DIVISOR.\n\n(fn ARG &optional DIVISOR)"),
    SubrDef::new("floor", 1, 2, f_floor, "Return the largest integer no greater than ARG.\nThis rounds the value towards -inf.\nWith optional DIVISOR, return the largest integer no greater than ARG/DIVISOR.\n\n(fn ARG &optional DIVISOR)"),
    SubrDef::new("round", 1, 2, f_round, "Return the nearest integer to ARG.\nWith optional DIVISOR, return the nearest integer to ARG/DIVISOR.\n\nRounding a value equidistant between two integers may choose the\ninteger closer to zero, or it may prefer an even integer, depending on\nyour machine.  For example, (round 2.5) can return 3 on some\nsystems, but 2 on others.\n\n(fn ARG &optional DIVISOR)"),
    SubrDef::new("truncate", 1, 2, f_truncate, "Truncate a floating point number to an int.\nRounds ARG toward zero.\nWith optional DIVISOR, truncate ARG/DIVISOR.\n\n(fn ARG &optional DIVISOR)"),
    SubrDef::new("fceiling", 1, 1, f_fceiling, "Return the smallest integer no less than ARG, as a float.\n(Round toward +inf.)\n\n(fn ARG)"),
    SubrDef::new("ffloor", 1, 1, f_ffloor, "Return the largest integer no greater than ARG, as a float.\n(Round toward -inf.)\n\n(fn ARG)"),
    SubrDef::new("fround", 1, 1, f_fround, "Return the nearest integer to ARG, as a float.\n\n(fn ARG)"),
    SubrDef::new("ftruncate", 1, 1, f_ftruncate, "Truncate a floating point number to an integral float value.\n(Round toward zero.)\n\n(fn ARG)"),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    // `float-pi` and `float-e` are defconsts of GNU Emacs's float-sup.el;
    // these stand in until that Lisp file is loaded (which redefines them
    // to the same values).
    defvar_special("float-pi", make_float(4.0 * libm::atan(1.0)));
    defvar_special("float-e", make_float(libm::exp(1.0)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::number::testutil::check_table;

    use crate::builtins::testutil::setup;

    /// Every case: the call and GNU Emacs 30.1's result (testdata/gen.el).
    #[test]
    fn floatfns_match_emacs() {
        setup();
        check_table(&include!("../src/runtime/number/testdata/floatfns_cases.rs"));
    }

    #[test]
    fn float_constants() {
        setup();
        // (format "%S %S" float-pi float-e) in GNU Emacs 30.1.
        let pi = crate::runtime::symbol::intern("float-pi").sym().value;
        let e = crate::runtime::symbol::intern("float-e").sym().value;
        assert_eq!(number::float_to_string(pi.float_value()), "3.141592653589793");
        assert_eq!(number::float_to_string(e.float_value()), "2.718281828459045");
    }
}
