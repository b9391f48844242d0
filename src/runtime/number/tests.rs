//! Tests of the runtime number API itself (the fast paths the evaluator
//! calls, `arith`, the scanner the reader uses), against GNU Emacs 30.1.

use super::testutil::{check_table, print, read};
use super::*;
use crate::runtime::error::{pending, LResult};
use crate::runtime::value::Value;

use crate::builtins::testutil::setup;

fn show(r: LResult<Value>) -> String {
    match r {
        Ok(v) => print(v),
        Err(_) => {
            let p = pending();
            format!("(ERR {})", print(crate::runtime::alloc::cons(p.a, p.b)))
        }
    }
}

fn call_fast(call: &str) -> String {
    let form = read(call);
    let name = form.car().symbol_name();
    let a = form.cdr().car_safe();
    let b = form.cdr().cdr().car_safe();
    show(match name {
        "+" => add2(a, b),
        "-" => sub2(a, b),
        "*" => mul2(a, b),
        "1+" => add1(a),
        "1-" => sub1(a),
        "<" => lt2(a, b),
        ">" => gt2(a, b),
        "<=" => le2(a, b),
        ">=" => ge2(a, b),
        "=" => num_eq2(a, b),
        "/" => arith(ArithOp::Div, a, b),
        "logand" => arith(ArithOp::LogAnd, a, b),
        "logior" => arith(ArithOp::LogIor, a, b),
        "logxor" => arith(ArithOp::LogXor, a, b),
        other => panic!("no fast path for {other}"),
    })
}

/// The inlined two-argument operations give exactly what GNU Emacs's
/// subrs give, errors included.
#[test]
fn fast_paths_match_emacs() {
    setup();
    let cases: &[(&str, &str)] = &include!("testdata/fast_cases.rs");
    let mut bad = Vec::new();
    for (call, want) in cases {
        let got = call_fast(call);
        if got != *want {
            bad.push(format!("{call}: want {want} got {got}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Results in fixnum range are fixnums, never bignums, and bignum results
/// are bignums (`(fixnump (- (1+ most-positive-fixnum) 1))` is t in Emacs).
#[test]
fn integers_are_normalised() {
    setup();
    let big = add1(Value::fixnum(crate::runtime::value::MOST_POSITIVE_FIXNUM)).unwrap_or(Value::NIL);
    assert!(testutil::is_bignum(big));
    let back = sub1(big).unwrap_or(Value::NIL);
    assert_eq!(back, Value::fixnum(crate::runtime::value::MOST_POSITIVE_FIXNUM));
    let v = arith(ArithOp::Sub, big, big).unwrap_or(Value::NIL);
    assert_eq!(v, Value::fixnum(0));
}

/// `num_cmp` orders exactly across representations; NaN is unordered.
/// (`(< (ash 1 53) (float (1+ (ash 1 53))))` is nil in Emacs: the float is
/// 2^53 exactly; `(< (float (ash 1 53)) (1+ (ash 1 53)))` is t.)
#[test]
fn exact_comparison() {
    setup();
    use std::cmp::Ordering::*;
    let c = |a: &str, b: &str| num_cmp(read(a), read(b)).ok().flatten();
    assert_eq!(c("9007199254740992", "9007199254740992.0"), Some(Equal));
    assert_eq!(c("9007199254740993", "9007199254740992.0"), Some(Greater));
    assert_eq!(c("9007199254740992.0", "9007199254740993"), Some(Less));
    assert_eq!(c("1267650600228229401496703205376", "1.2676506002282294e+30"), Some(Equal));
    assert_eq!(c("1267650600228229401496703205377", "1.2676506002282294e+30"), Some(Greater));
    assert_eq!(c("0.5", "1267650600228229401496703205376"), Some(Less));
    assert_eq!(c("-1.0e+INF", "-1267650600228229401496703205376"), Some(Less));
    assert_eq!(c("0.0e+NaN", "1"), None);
    assert_eq!(c("1267650600228229401496703205376", "0.0e+NaN"), None);
    assert_eq!(c("-0.0", "0"), Some(Equal));
}

/// The scanner the reader shares: value and length of the number syntax
/// (the length is how far lread.c's `string_to_number` scans).
#[test]
fn scanner_lengths() {
    setup();
    let scan = |s: &str, base| {
        let r = string_to_number(s.as_bytes(), base);
        (r.value.map(print), r.len)
    };
    assert_eq!(scan("12abc", 10), (Some("12".into()), 2));
    assert_eq!(scan("1.5e", 10), (Some("1.5".into()), 3));
    assert_eq!(scan("1.e5", 10), (Some("100000.0".into()), 4));
    assert_eq!(scan("1.", 10), (Some("1".into()), 2));
    assert_eq!(scan("-1.0e+INF", 10), (Some("-1.0e+INF".into()), 9));
    assert_eq!(scan("+", 10), (None, 1));
    assert_eq!(scan("", 10), (None, 0));
    assert_eq!(scan("ff", 16), (Some("255".into()), 2));
    assert_eq!(scan("1.5", 16), (Some("1".into()), 2));
    assert_eq!(scan("zz", 36), (Some("1295".into()), 2));
}

/// Doubles from bignums round to nearest, ties to even (as `mpz_get_d_rounded`).
#[test]
fn bignum_to_double_rounding() {
    setup();
    let f = |s: &str| bigint_to_f64(&s.parse().unwrap());
    // (float (+ (ash 1 54) 2)) => 18014398509481984.0 (tie, to even)
    assert_eq!(f("18014398509481986"), 18014398509481984.0);
    // (float (+ (ash 1 54) 3)) => 18014398509481988.0
    assert_eq!(f("18014398509481987"), 18014398509481988.0);
    // (float (1- (ash 1 1024))) => 1.0e+INF
    let max = (num_bigint::BigInt::from(1) << 1024usize) - 1;
    assert_eq!(bigint_to_f64(&max), f64::INFINITY);
    assert_eq!(bigint_to_f64(&-max), f64::NEG_INFINITY);
}

/// The number forms of the project's conformance corpus (tests/compat/
/// numbers.el) that use only these primitives, evaluated call by call.
#[test]
fn corpus_number_forms_match_emacs() {
    setup();
    testutil::check_forms(&include!("testdata/corpus_numbers_cases.rs"));
}

/// A cross product of representative numbers (fixnum edges, bignums,
/// signed zeros, infinities, NaN) through every one- and two-argument
/// primitive (testdata/cross.el).
#[test]
fn cross_product_matches_emacs() {
    setup();
    let cases: &[(&str, &str)] = &include!("testdata/cross_cases.rs");
    assert!(cases.len() > 3000);
    check_table(cases);
}
