//! Primitives of GNU Emacs's data.c arithmetic group: `+ - * / % mod 1+ 1-
//! max min = < > <= >= /=`, the bitwise `logand logior logxor lognot ash
//! logcount`, `number-to-string`, `string-to-number` and `byteorder`, plus
//! the fixnum range constants.  The semantics live in `runtime::number`,
//! shared with the evaluator's fast paths; this file checks arguments and
//! dispatches exactly as data.c does.  (`zerop`, `natnump`'s relatives and
//! `lsh` are Lisp in GNU Emacs 30.1, so they are not here.)

use crate::builtins::prelude::*;
use crate::runtime::number::{self, ArithOp, CmpOp, Num};
use num_bigint::BigInt;
use num_traits::Signed;

/// `+`, `-`, `*`, `logand`, `logior`, `logxor` with two or more arguments.
fn nary(op: ArithOp, args: &[Value], empty: i64) -> LResult {
    if args.is_empty() {
        return Ok(Value::fixnum(empty));
    }
    let a = if op == ArithOp::LogAnd || op == ArithOp::LogIor || op == ArithOp::LogXor {
        number::coerce_integer(args[0], op.first_predicate())?
    } else {
        number::coerce_number(args[0], op.first_predicate())?
    };
    if args.len() == 1 {
        return Ok(a);
    }
    if args.len() == 2 {
        return number::arith_driver(op, &[a, args[1]]);
    }
    let mut v = args.to_vec();
    v[0] = a;
    number::arith_driver(op, &v)
}

fn f_plus(args: &[Value]) -> LResult {
    if let [a, b] = args {
        return number::add2(*a, *b);
    }
    nary(ArithOp::Add, args, 0)
}

fn f_minus(args: &[Value]) -> LResult {
    match args {
        [a, b] => number::sub2(*a, *b),
        [a] => number::negate(number::coerce_number(*a, sym::NUMBER_OR_MARKER_P)?),
        _ => nary(ArithOp::Sub, args, 0),
    }
}

fn f_times(args: &[Value]) -> LResult {
    if let [a, b] = args {
        return number::mul2(*a, *b);
    }
    nary(ArithOp::Mul, args, 1)
}

fn f_quo(args: &[Value]) -> LResult {
    let a = number::coerce_number(args[0], sym::NUMBER_OR_MARKER_P)?;
    if args.len() == 1 {
        return match number::num_of(a) {
            Num::Int(0) => Err(arith_error()),
            Num::Int(i) => Ok(Value::fixnum(1 / i)),
            Num::Float(f) => Ok(make_float(1.0 / f)),
            // 1 divided by any bignum is 0.
            Num::Big(_) => Ok(Value::fixnum(0)),
        };
    }
    let mut v = args.to_vec();
    v[0] = a;
    // As GNU Emacs: a float after the second argument makes the whole
    // computation floating-point.
    if args[2..].iter().any(|x| x.is_float()) {
        return number::float_driver(ArithOp::Div, &v);
    }
    number::arith_driver(ArithOp::Div, &v)
}

fn f_rem(args: &[Value]) -> LResult {
    let x = number::coerce_integer(args[0], sym::INTEGER_OR_MARKER_P)?;
    let y = number::coerce_integer(args[1], sym::INTEGER_OR_MARKER_P)?;
    number::integer_remainder(x, y, false)
}

fn f_mod(args: &[Value]) -> LResult {
    let x = number::coerce_number(args[0], sym::NUMBER_OR_MARKER_P)?;
    let y = number::coerce_number(args[1], sym::NUMBER_OR_MARKER_P)?;
    number::modulo(x, y)
}

fn f_add1(args: &[Value]) -> LResult {
    number::add1(args[0])
}

fn f_sub1(args: &[Value]) -> LResult {
    number::sub1(args[0])
}

/// Emacs's `minmax_driver`: the first argument that beats all before it
/// under OP (markers become numbers); a NaN argument wins at once.
fn minmax(args: &[Value], op: CmpOp) -> LResult {
    let mut acc = number::coerce_number(args[0], sym::NUMBER_OR_MARKER_P)?;
    for &a in &args[1..] {
        let v = number::coerce_number(a, sym::NUMBER_OR_MARKER_P)?;
        if number::arith_compare(op, v, acc)? {
            acc = v;
        } else if v.is_float() && v.float_value().is_nan() {
            return Ok(v);
        }
    }
    Ok(acc)
}

fn f_max(args: &[Value]) -> LResult {
    minmax(args, CmpOp::Gt)
}

fn f_min(args: &[Value]) -> LResult {
    minmax(args, CmpOp::Lt)
}

/// Emacs's `arithcompare_driver`: each adjacent pair, stopping at the
/// first that fails (later arguments are then not checked).
fn compare_chain(args: &[Value], op: CmpOp) -> LResult {
    for w in args.windows(2) {
        if !number::arith_compare(op, w[0], w[1])? {
            return Ok(Value::NIL);
        }
    }
    Ok(Value::T)
}

fn f_eqlsign(args: &[Value]) -> LResult {
    compare_chain(args, CmpOp::Eq)
}
fn f_lss(args: &[Value]) -> LResult {
    compare_chain(args, CmpOp::Lt)
}
fn f_gtr(args: &[Value]) -> LResult {
    compare_chain(args, CmpOp::Gt)
}
fn f_leq(args: &[Value]) -> LResult {
    compare_chain(args, CmpOp::Le)
}
fn f_geq(args: &[Value]) -> LResult {
    compare_chain(args, CmpOp::Ge)
}
fn f_neq(args: &[Value]) -> LResult {
    number::arith_compare(CmpOp::Ne, args[0], args[1]).map(Value::bool)
}

fn f_logand(args: &[Value]) -> LResult {
    nary(ArithOp::LogAnd, args, -1)
}
fn f_logior(args: &[Value]) -> LResult {
    nary(ArithOp::LogIor, args, 0)
}
fn f_logxor(args: &[Value]) -> LResult {
    nary(ArithOp::LogXor, args, 0)
}

/// The argument as an integer `Num`, or `(wrong-type-argument integerp V)`.
fn expect_integer(v: Value) -> LResult<Num> {
    if v.is_integer() {
        Ok(number::num_of(v))
    } else {
        Err(wrong_type(sym::INTEGERP, v))
    }
}

fn f_lognot(args: &[Value]) -> LResult {
    match expect_integer(args[0])? {
        Num::Int(i) => Ok(make_int(!i)),
        n => number::make_integer_checked(!n.to_bigint()),
    }
}

fn f_logcount(args: &[Value]) -> LResult {
    let n = match expect_integer(args[0])? {
        Num::Int(i) => (if i < 0 { !i } else { i }).count_ones() as u64,
        n => {
            let b = n.to_bigint();
            let b = if b.is_negative() { !b } else { b };
            b.magnitude().count_ones()
        }
    };
    Ok(make_int(n as i64))
}

/// The largest limb count GNU Emacs lets GMP shift into (`mpz_mul_2exp`).
const GMP_SHIFT_LIMBS: i64 = (i32::MAX as i64) - 1;

fn f_ash(args: &[Value]) -> LResult {
    let value = expect_integer(args[0])?;
    let count = expect_integer(args[1])?;
    let neg = number::integer_is_negative(&value);
    let count = match count {
        Num::Int(c) => c,
        _ => {
            if args[0] == Value::fixnum(0) {
                return Ok(args[0]);
            }
            if number::integer_is_negative(&count) {
                return Ok(Value::fixnum(if neg { -1 } else { 0 }));
            }
            return Err(overflow_error());
        }
    };
    if count == 0 {
        return Ok(args[0]);
    }
    let bits = number::integer_bits(&value);
    if count < 0 {
        let shift = count.unsigned_abs();
        if shift >= bits {
            return Ok(Value::fixnum(if neg { -1 } else { 0 }));
        }
        return match value {
            Num::Int(i) => Ok(make_int(i >> shift)),
            v => number::make_integer_checked(v.to_bigint() >> shift as usize),
        };
    }
    let limbs = bits.div_ceil(64) as i64;
    if GMP_SHIFT_LIMBS - limbs < count / 64 {
        return Err(overflow_error());
    }
    if bits == 0 {
        return Ok(Value::fixnum(0));
    }
    number::check_bits(bits + count as u64)?;
    number::make_integer_checked(value.to_bigint() << count as usize)
}

fn f_number_to_string(args: &[Value]) -> LResult {
    let v = args[0];
    let text = if let Some(i) = v.as_fixnum() {
        i.to_string()
    } else if let Some(b) = v.as_bignum() {
        b.to_string()
    } else if v.is_float() {
        number::float_to_string_for_print(v.float_value())
    } else {
        return Err(wrong_type(sym::NUMBERP, v));
    };
    Ok(make_string_from_bytes(text.into_bytes(), false))
}

fn f_string_to_number(args: &[Value]) -> LResult {
    let s = expect_string(args[0])?;
    let base = if args[1].is_nil() {
        10
    } else {
        let b = expect_fixnum(args[1])?;
        if !(2..=16).contains(&b) {
            return Err(signal_list(sym::ARGS_OUT_OF_RANGE, &[args[1]]));
        }
        b as u32
    };
    let data = &s.data;
    let start = data.iter().position(|&c| c != b' ' && c != b'\t').unwrap_or(data.len());
    Ok(number::string_to_number(&data[start..], base).value.unwrap_or(Value::fixnum(0)))
}

fn f_byteorder(_: &[Value]) -> LResult {
    Ok(Value::fixnum(if cfg!(target_endian = "little") { 108 } else { 66 }))
}

/// `(expt X Y)` for integers X and Y >= 0 (Emacs's `expt_integer`), used by
/// `expt` in floatfns.
pub fn expt_integer(x: &Num, y: &Num) -> LResult {
    match x {
        Num::Int(1) => return Ok(Value::fixnum(1)),
        Num::Int(0) => return Ok(Value::fixnum(if *y == Num::Int(0) { 1 } else { 0 })),
        Num::Int(-1) => return Ok(Value::fixnum(if number::integer_is_odd(y) { -1 } else { 1 })),
        _ => {}
    }
    let exp = number::integer_to_u64(y).ok_or_else(overflow_error)?;
    // GNU Emacs refuses when GMP's limb count would overflow an int.
    let bits = number::integer_bits(x);
    let limbs = bits.div_ceil(64);
    match limbs.checked_mul(exp) {
        Some(n) if n <= i32::MAX as u64 - 5 => {}
        _ => return Err(overflow_error()),
    }
    // |X| >= 2, so the result has at least (bits - 1) * exp + 1 bits.
    number::check_bits((bits - 1) * exp + 1)?;
    let base: BigInt = x.to_bigint();
    number::make_integer_checked(num_traits::pow::Pow::pow(&base, exp as u32))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("+", 0, MANY, f_plus, "Return sum of any number of arguments, which are numbers or markers.\n\n(fn &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("-", 0, MANY, f_minus, "Negate number or subtract numbers or markers and return the result.\nWith one arg, negates it.  With more than one arg,\nsubtracts all but the first from the first.\n\n(fn &optional NUMBER-OR-MARKER &rest MORE-NUMBERS-OR-MARKERS)"),
    SubrDef::new("*", 0, MANY, f_times, "Return product of any number of arguments, which are numbers or markers.\n\n(fn &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("/", 1, MANY, f_quo, "Divide number by divisors and return the result.\nWith two or more arguments, return first argument divided by the rest.\nWith one argument, return 1 divided by the argument.\nThe arguments must be numbers or markers.\n\n(fn NUMBER &rest DIVISORS)"),
    SubrDef::new("%", 2, 2, f_rem, "Return remainder of X divided by Y.\nBoth must be integers or markers.\n\n(fn X Y)"),
    SubrDef::new("mod", 2, 2, f_mod, "Return X modulo Y.\nThe result falls between zero (inclusive) and Y (exclusive).\nBoth X and Y must be numbers or markers.\n\n(fn X Y)"),
    SubrDef::new("1+", 1, 1, f_add1, "Return NUMBER plus one.  NUMBER may be a number or a marker.\nMarkers are converted to integers.\n\n(fn NUMBER)"),
    SubrDef::new("1-", 1, 1, f_sub1, "Return NUMBER minus one.  NUMBER may be a number or a marker.\nMarkers are converted to integers.\n\n(fn NUMBER)"),
    SubrDef::new("max", 1, MANY, f_max, "Return largest of all the arguments (which must be numbers or markers).\nThe value is always a number; markers are converted to numbers.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("min", 1, MANY, f_min, "Return smallest of all the arguments (which must be numbers or markers).\nThe value is always a number; markers are converted to numbers.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("=", 1, MANY, f_eqlsign, "Return t if args, all numbers or markers, are equal.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("<", 1, MANY, f_lss, "Return t if each arg (a number or marker), is less than the next arg.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new(">", 1, MANY, f_gtr, "Return t if each arg (a number or marker) is greater than the next arg.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("<=", 1, MANY, f_leq, "Return t if each arg (a number or marker) is less than or equal to the next.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new(">=", 1, MANY, f_geq, "Return t if each arg (a number or marker) is greater than or equal to the next.\n\n(fn NUMBER-OR-MARKER &rest NUMBERS-OR-MARKERS)"),
    SubrDef::new("/=", 2, 2, f_neq, "Return t if first arg is not equal to second arg.  Both must be numbers or markers.\n\n(fn NUM1 NUM2)"),
    SubrDef::new("logand", 0, MANY, f_logand, "Return bitwise-and of all the arguments.\nArguments may be integers, or markers converted to integers.\n\n(fn &rest INTS-OR-MARKERS)"),
    SubrDef::new("logior", 0, MANY, f_logior, "Return bitwise-or of all the arguments.\nArguments may be integers, or markers converted to integers.\n\n(fn &rest INTS-OR-MARKERS)"),
    SubrDef::new("logxor", 0, MANY, f_logxor, "Return bitwise-exclusive-or of all the arguments.\nArguments may be integers, or markers converted to integers.\n\n(fn &rest INTS-OR-MARKERS)"),
    SubrDef::new("lognot", 1, 1, f_lognot, "Return the bitwise complement of NUMBER.  NUMBER must be an integer.\n\n(fn NUMBER)"),
    SubrDef::new("logcount", 1, 1, f_logcount, "Return population count of VALUE.\nThis is the number of one bits in the two's complement representation\nof VALUE.  If VALUE is negative, return the number of zero bits in the\nrepresentation.\n\n(fn VALUE)"),
    SubrDef::new("ash", 2, 2, f_ash, "Return integer VALUE with its bits shifted left by COUNT bit positions.\nIf COUNT is negative, shift VALUE to the right instead.\nVALUE and COUNT must be integers.\nMathematically, the return value is VALUE multiplied by 2 to the\npower of COUNT, rounded down.  If the result is non-zero, its sign\nis the same as that of VALUE.\nIn terms of bits, when COUNT is positive, the function moves\nthe bits of VALUE to the left, adding zero bits on the right; when\nCOUNT is negative, it moves the bits of VALUE to the right,\ndiscarding bits.\n\n(fn VALUE COUNT)"),
    SubrDef::new("number-to-string", 1, 1, f_number_to_string, "Return the decimal representation of NUMBER as a string.\nUses a minus sign if negative.\nNUMBER may be an integer or a floating point number.\n\n(fn NUMBER)"),
    SubrDef::new("string-to-number", 1, 2, f_string_to_number, "Parse STRING as a decimal number and return the number.\nIgnore leading spaces and tabs, and all trailing chars.  Return 0 if\nSTRING cannot be parsed as an integer or floating point number.\n\nIf BASE, interpret STRING as a number in that base.  If BASE isn't\npresent, base 10 is used.  BASE must be between 2 and 16 (inclusive).\nIf the base used is not 10, STRING is always parsed as an integer.\n\n(fn STRING &optional BASE)"),
    SubrDef::new("byteorder", 0, 0, f_byteorder, "Return the byteorder for the machine.\nReturns 66 (ASCII uppercase B) for big endian machines or 108 (ASCII\nlowercase l) for small endian machines.\n\n(fn)"),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defconst_lisp("most-positive-fixnum", Value::fixnum(MOST_POSITIVE_FIXNUM));
    defconst_lisp("most-negative-fixnum", Value::fixnum(MOST_NEGATIVE_FIXNUM));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::number::testutil::check_table;

    use crate::builtins::testutil::setup;

    /// Every case: the call and GNU Emacs 30.1's result (testdata/gen.el).
    #[test]
    fn arithmetic_matches_emacs() {
        setup();
        check_table(&include!("../../src/runtime/number/testdata/arith_cases.rs"));
    }

    /// `number-to-string` honours `float-output-format` as GNU Emacs does.
    #[test]
    fn float_output_format() {
        setup();
        use crate::runtime::number::testutil::{print, read};
        let cases: &[(&str, &str, &str)] = &include!("../../src/runtime/number/testdata/float_output_format_cases.rs");
        let fof = crate::runtime::symbol::intern("float-output-format");
        let mut bad = Vec::new();
        for (fmt, x, want) in cases {
            fof.sym().value = read(fmt);
            let got = f_number_to_string(&[read(x)]).map(print).unwrap_or_default();
            if got != format!("\"{want}\"") {
                bad.push(format!("{fmt} {x}: want {want} got {got}"));
            }
        }
        fof.sym().value = Value::NIL;
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// Both tables (this file's and floatfns's) declare GNU Emacs's arities,
    /// and every primitive of those C groups exists.
    #[test]
    fn arities_match_emacs() {
        let want: &[(&str, u16, i16)] = &include!("../../src/runtime/number/testdata/arity_cases.rs");
        let all: Vec<&SubrDef> = SUBRS.iter().chain(crate::builtins::floatfns::SUBRS.iter()).collect();
        assert_eq!(all.len(), want.len());
        for (name, min, max) in want {
            let d = all.iter().find(|d| d.name == *name).unwrap_or_else(|| panic!("missing {name}"));
            assert_eq!((d.min_args, d.max_args), (*min, *max), "{name}");
        }
    }

    #[test]
    fn fixnum_constants() {
        setup();
        let v = crate::runtime::symbol::intern("most-positive-fixnum").sym();
        assert_eq!(v.value, Value::fixnum(2305843009213693951));
        assert!(v.constant);
        let v = crate::runtime::symbol::intern("most-negative-fixnum").sym();
        assert_eq!(v.value, Value::fixnum(-2305843009213693952));
    }
}
