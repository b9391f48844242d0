//! Unit tests of the timefns primitives; every expectation comes from
//! GNU Emacs 30.1.  They use explicit zones only: local time is process
//! state that other tests may change.

use super::lisptime::{decode_float_time, frac_to_double, LispTime};
use crate::Engine;
use num_bigint::BigInt;

fn eval(engine: &mut Engine, s: &str) -> String {
    match engine.eval_str(s) {
        Ok(v) => engine.print(v),
        Err(e) => format!("ERR {}", engine.print(e.data())),
    }
}

fn check(cases: &[(&str, &str)]) {
    let mut e = Engine::new();
    for (form, expected) in cases {
        assert_eq!(eval(&mut e, form), *expected, "{form}");
    }
}

#[test]
fn exact_arithmetic_chooses_emacs_denominators() {
    check(&[
        ("(time-add 1 0.5)", "(0 1 500000 0)"),
        ("(time-add '(1 . 3) '(1 . 6))", "(2 . 4)"),
        ("(time-add '(1 . 4) '(3 . 4))", "(4 . 4)"),
        ("(time-add '(0 1) '(0 1))", "2"),
        ("(time-add '(0 1) '(0 1 5))", "(0 2 5 0)"),
        ("(time-add 1.5 2.25)", "(8444249301319680 . 2251799813685248)"),
        ("(time-add 0.1 0.2)", "(10808639105689191 . 36028797018963968)"),
        ("(time-subtract 1 2)", "-1"),
        ("(let ((x 'foo)) (time-subtract x x))", "(0 0 0 0)"),
        ("(let ((current-time-list nil)) (time-add '(0 1 2 3) 1))", "(2000002000003 . 1000000000000)"),
    ]);
}

#[test]
fn comparisons_and_their_shortcuts() {
    check(&[
        ("(time-less-p '(1 . foo) '(2 . foo))", "t"),
        ("(time-less-p '(1 . 2) '(1 . 3))", "nil"),
        ("(time-equal-p nil 'foo)", "nil"),
        ("(time-equal-p 1 1.0)", "t"),
        ("(time-equal-p '(0 1) 1)", "t"),
        ("(time-equal-p 1 'foo)", "ERR (error \"Invalid time specification\")"),
        ("(time-less-p 1.0e+INF 1)", "ERR (error \"Specified time is not representable\")"),
    ]);
}

#[test]
fn conversions() {
    check(&[
        ("(time-convert 3.5 t)", "(7881299347898368 . 2251799813685248)"),
        ("(time-convert '(1 2 -1 -1))", "(1 1 999998 999999)"),
        ("(time-convert '(-1 . 3) 'list)", "(-1 65535 666666 666666)"),
        ("(time-convert -5.7 'integer)", "-6"),
        ("(time-convert '(-7 . 2) 3)", "(-11 . 3)"),
        ("(time-convert 1 0)", "ERR (error \"Invalid time frequency\" 0)"),
        ("(time-convert '(1 2 nil) t)", "ERR (error \"Invalid time specification\")"),
        ("(float-time '(1 . 3))", "0.3333333333333333"),
        ("(float-time '(1 2 3 4))", "65538.00000300001"),
        ("(float-time (cons (expt 10 400) 1))", "1.0e+INF"),
    ]);
}

#[test]
fn float_decoding_and_rounding() {
    let t = decode_float_time(0.5);
    assert_eq!(t, LispTime { ticks: BigInt::from(1u64 << 52), hz: BigInt::from(1u64 << 53) });
    let tiny = decode_float_time(5e-324);
    assert_eq!(tiny.ticks, BigInt::from(1));
    assert_eq!(tiny.hz, BigInt::from(1) << 1074usize);
    assert_eq!(frac_to_double(&tiny.ticks, &tiny.hz), 5e-324);
    assert_eq!(frac_to_double(&BigInt::from(1), &BigInt::from(3)), 1.0 / 3.0);
    assert_eq!(frac_to_double(&BigInt::from(-7), &BigInt::from(2)), -3.5);
}

#[test]
fn decode_and_encode() {
    check(&[
        ("(decode-time 0.5 t t)", "((4503599627370496 . 9007199254740992) 0 0 1 1 1970 4 nil 0)"),
        ("(decode-time '(-1 . 3) t t)", "((179 . 3) 59 23 31 12 1969 3 nil 0)"),
        ("(decode-time 15000000 \"EST5EDT,M3.2.0,M11.1.0\")", "(0 40 10 23 6 1970 2 t -14400)"),
        ("(decode-time 0 'y)", "ERR (error \"Invalid time zone specification\" y)"),
        ("(encode-time '(0 0 0 1 1 1970 nil nil 3600))", "(-1 61936)"),
        ("(encode-time '(0.5 0 0 1 1 1970 nil -1 t))", "(4503599627370496 . 9007199254740992)"),
        ("(encode-time '(0 0 0 1 1))", "ERR (wrong-type-argument consp nil)"),
        ("(encode-time 0 0 0 1 1)", "ERR (wrong-number-of-arguments encode-time 5)"),
        ("(encode-time '(0 0 0 1 1 2147485548 nil nil t))", "ERR (error \"Specified time is not representable\")"),
        ("(current-time-string -100000000000.0 t)", "\"Thu Feb 15 14:13:20 -1199\""),
        ("(current-time-zone 0 -3601)", "(-3601 \"-010001\")"),
    ]);
}

#[test]
fn format_directives() {
    check(&[
        (
            "(format-time-string \"%Y-%m-%d %H:%M:%S.%3N %z (%Z)\" '(1202 22527 999999 999999) \"IST-5:30\")",
            "\"1972-07-01 05:29:59.999 +0530 (IST)\"",
        ),
        ("(format-time-string \"%_Od|%-Oe|%5Od|%Oq|%O:z|%Ey|%EC\" 0 3600)", "\"01| 1|   01|%Oq|%O:|70|19\""),
        (
            "(format-time-string \"%^c|%#a|%^P|%_10z|%::z|%:::z\" '(1234567890 . 1000) \"EST5EDT\")",
            "\"THU JAN 15 01:56:07 1970|THU|am|      -500|-05:00:00|-05\"",
        ),
        ("(format-time-string \"%F|%+F|%-F|%012F\" -65000000000 t)", "\"-090-03-27|-90-03-27|-90-03-27|-00090-03-27\""),
        ("(format-time-string \"%5%|%-%|%E%|%::::z|%\" 0 t)", "\"   %5%|%-%|%E%|%::::z|%\""),
        ("(format-time-string \"a\\0b%Y\\0\" 0 t)", "\"a\0b1970\0\""),
    ]);
}
