//! Primitives of GNU Emacs's timefns.c: the clock (`current-time`,
//! `current-cpu-time`, `float-time`), exact timestamp arithmetic and
//! conversion (`time-add`, `time-subtract`, `time-less-p`, `time-equal-p`,
//! `time-convert`), the calendar (`decode-time`, `encode-time`,
//! `format-time-string`, `current-time-string`, `current-time-zone`) and
//! `set-time-zone-rule`, plus the variable `current-time-list`.
//!
//! `lisptime` owns the timestamp forms and their exact arithmetic, `zone`
//! the time zone rules (through the C library), `strftime` the formatter
//! and `calendar` the broken-down time primitives.

mod calendar;
mod docs;
pub mod lisptime;
mod strftime;
pub mod zone;

#[cfg(test)]
mod tests;

use crate::builtins::prelude::*;
use lisptime::{float_time, make_lisp_time, now_timespec, time_arith, time_cmp};

fn f_current_time(_: &[Value]) -> LResult {
    let (s, ns) = now_timespec();
    make_lisp_time(s, ns)
}

extern "C" {
    fn clock() -> libc::clock_t;
}

/// `CLOCKS_PER_SEC`, which POSIX fixes at one million.
const CLOCKS_PER_SEC: i64 = 1_000_000;

fn f_current_cpu_time(_: &[Value]) -> LResult {
    // SAFETY: clock has no preconditions.
    let ticks = unsafe { clock() };
    Ok(cons(make_int(ticks), make_int(CLOCKS_PER_SEC)))
}

fn f_time_add(args: &[Value]) -> LResult {
    time_arith(args[0], args[1], false)
}

fn f_time_subtract(args: &[Value]) -> LResult {
    // Identical arguments subtract to zero unchecked (nil minus nil too).
    if args[0] == args[1] {
        return make_lisp_time(0, 0);
    }
    time_arith(args[0], args[1], true)
}

fn f_time_less_p(args: &[Value]) -> LResult {
    Ok(Value::bool(time_cmp(args[0], args[1])?.is_lt()))
}

fn f_time_equal_p(args: &[Value]) -> LResult {
    // nil is unequal to anything else, unchecked.
    if args[0].is_nil() != args[1].is_nil() {
        return Ok(Value::NIL);
    }
    Ok(Value::bool(time_cmp(args[0], args[1])?.is_eq()))
}

fn f_float_time(args: &[Value]) -> LResult {
    if args[0].is_float() {
        return Ok(args[0]);
    }
    Ok(make_float(float_time(args[0])?))
}

fn f_time_convert(args: &[Value]) -> LResult {
    lisptime::time_convert(args[0], args[1])
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("current-time", 0, 0, f_current_time, docs::CURRENT_TIME),
    SubrDef::new("current-cpu-time", 0, 0, f_current_cpu_time, docs::CURRENT_CPU_TIME),
    SubrDef::new("time-convert", 1, 2, f_time_convert, docs::TIME_CONVERT),
    SubrDef::new("time-add", 2, 2, f_time_add, docs::TIME_ADD),
    SubrDef::new("time-subtract", 2, 2, f_time_subtract, docs::TIME_SUBTRACT),
    SubrDef::new("time-less-p", 2, 2, f_time_less_p, docs::TIME_LESS_P),
    SubrDef::new("time-equal-p", 2, 2, f_time_equal_p, docs::TIME_EQUAL_P),
    SubrDef::new("format-time-string", 1, 3, calendar::f_format_time_string, docs::FORMAT_TIME_STRING),
    SubrDef::new("float-time", 0, 1, f_float_time, docs::FLOAT_TIME),
    SubrDef::new("decode-time", 0, 3, calendar::f_decode_time, docs::DECODE_TIME),
    SubrDef::new("encode-time", 1, MANY, calendar::f_encode_time, docs::ENCODE_TIME),
    SubrDef::new("current-time-string", 0, 2, calendar::f_current_time_string, docs::CURRENT_TIME_STRING),
    SubrDef::new("current-time-zone", 0, 2, calendar::f_current_time_zone, docs::CURRENT_TIME_ZONE),
    SubrDef::new("set-time-zone-rule", 1, 1, calendar::f_set_time_zone_rule, docs::SET_TIME_ZONE_RULE),
];

pub fn init() {
    defvar_bool("current-time-list", Value::T);
}
