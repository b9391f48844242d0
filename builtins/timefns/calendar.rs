//! The calendar side of timefns.c: `decode-time` (a timestamp to the
//! 9-element list, seconds optionally as `(TICKS . HZ)`), `encode-time`
//! (the list, or the obsolescent 6+ argument form, back to a timestamp
//! through `mktime`), `format-time-string`, `current-time-string` and
//! `current-time-zone`, with Emacs's argument checks and error data.

use super::lisptime::{self, current_time_list, decode_lisp_time, int_value, lisp_time, time_overflow};
use super::strftime::{self, Ctx, Failure};
use super::zone::{self, localtime, time_error, tzlookup, Tm, Zone};
use crate::builtins::prelude::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::One;

const WDAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MON_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Time T (whole seconds) broken down in ZONE, or the conversion's error.
fn broken_down(zone: &Zone, t: i64) -> LResult<Tm> {
    localtime(zone, t).map_err(time_error)
}

/// `(decode-time &optional TIME ZONE FORM)`.
pub fn f_decode_time(args: &[Value]) -> LResult {
    let (time, zone, form) = (args[0], args[1], args[2]);
    let lt = lisp_time(time)?;
    let (secs, _) = lisptime::lisp_to_timespec(&lt).ok_or_else(time_overflow)?;
    let tz = tzlookup(zone)?;
    let tm = broken_down(&tz, secs)?;
    let year = make_int(i64::from(tm.year) + 1900);
    let sec = if lt.hz.is_one() || !form.is_t() {
        Value::fixnum(i64::from(tm.sec))
    } else {
        let ticks = &lt.hz * i64::from(tm.sec) + lt.ticks.mod_floor(&lt.hz);
        cons(int_value(ticks)?, int_value(lt.hz.clone())?)
    };
    let dst = match tm.isdst {
        d if d < 0 => Value::fixnum(-1),
        0 => Value::NIL,
        _ => Value::T,
    };
    let fields = [tm.min, tm.hour, tm.mday, tm.mon + 1].map(|n| Value::fixnum(i64::from(n)));
    Ok(list(&[sec, fields[0], fields[1], fields[2], fields[3], year, Value::fixnum(i64::from(tm.wday)), dst, Value::fixnum(tm.gmtoff)]))
}

/// `check_tm_member`: a fixnum minus OFFSET, which must fit in an `int`.
fn tm_member(v: Value, offset: i64) -> LResult<i32> {
    let n = expect_fixnum(v)?;
    i32::try_from(n - offset).map_err(|_| time_overflow())
}

/// CHECK_CONS.
fn expect_cons(v: Value) -> LResult<Value> {
    if v.is_cons() {
        Ok(v)
    } else {
        Err(wrong_type(intern("consp"), v))
    }
}

/// The decoded-time members of `encode-time`'s arguments: the six fields,
/// the DST flag (-1 for unknown) and the zone.
fn encode_time_args(args: &[Value]) -> LResult<([Value; 6], i32, Value)> {
    let mut isdst = -1;
    let mut zone = Value::NIL;
    if args.len() == 1 {
        let mut fields = [Value::NIL; 6];
        let mut tail = args[0];
        for field in fields.iter_mut() {
            *field = expect_cons(tail)?.car();
            tail = tail.cdr();
        }
        if !tail.is_nil() {
            let a = expect_cons(tail)?.cdr();
            let dst = expect_cons(a)?.car();
            let z = expect_cons(a.cdr())?.car();
            zone = z;
            if dst.is_symbol() && !z.is_fixnum() && !z.is_cons() {
                isdst = i32::from(!dst.is_nil());
            }
        }
        return Ok((fields, isdst, zone));
    }
    if args.len() < 6 {
        return Err(wrong_number_of_arguments(intern("encode-time"), args.len()));
    }
    if args.len() > 6 {
        zone = args[args.len() - 1];
    }
    Ok(([args[0], args[1], args[2], args[3], args[4], args[5]], isdst, zone))
}

/// `(encode-time TIME &rest OBSOLESCENT-ARGUMENTS)`.
pub fn f_encode_time(args: &[Value]) -> LResult {
    let (fields, isdst, zone) = encode_time_args(args)?;
    let (lt, _) = decode_lisp_time(fields[0], false)?;
    let (sec, subsec) = lt.ticks.div_mod_floor(&lt.hz);
    let sec = int_value(sec)?;
    let tm = Tm {
        sec: tm_member(sec, 0)?,
        min: tm_member(fields[1], 0)?,
        hour: tm_member(fields[2], 0)?,
        mday: tm_member(fields[3], 0)?,
        mon: tm_member(fields[4], 1)?,
        year: tm_member(fields[5], 1900)?,
        isdst,
        ..Tm::default()
    };
    let tz = tzlookup(zone)?;
    let (value, _) = zone::mktime(&tz, &tm).map_err(time_error)?;
    if lt.hz.is_one() {
        return if current_time_list() { Ok(list2(make_int(value >> 16), Value::fixnum(value & 0xFFFF))) } else { Ok(make_int(value)) };
    }
    let ticks = BigInt::from(value) * &lt.hz + subsec;
    lisptime::ticks_hz_pair(ticks, lt.hz)
}

/// Bytes in the locale's encoding (UTF-8) as a multibyte string: valid
/// sequences become their characters, other bytes raw-byte characters.
fn decode_system(bytes: &[u8]) -> Value {
    let mut b = crate::runtime::string::StringBuilder::multibyte();
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                b.push_str(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                b.push_str(std::str::from_utf8(good).unwrap_or(""));
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                for &byte in &bad[..n] {
                    b.push(crate::runtime::string::raw_byte_char(byte));
                }
                rest = &bad[n..];
            }
        }
    }
    b.build()
}

/// `format_time_string`: FORMAT (bytes) applied to the time (SECS, NS) in
/// ZONE; also returns the broken-down time.
fn format_time_string(format: &[u8], secs: i64, ns: i64, zone: Value) -> LResult<(Value, Tm)> {
    let tz = tzlookup(zone)?;
    let tm = broken_down(&tz, secs)?;
    let ctx = Ctx { tm: &tm, zone: &tz, ns: ns as i32 };
    match strftime::nmemftime(format, &ctx) {
        Ok(bytes) => Ok((decode_system(&bytes), tm)),
        Err(Failure::Overflow) => Err(time_overflow()),
        Err(Failure::TooLarge) => Err(memory_full()),
    }
}

/// `(format-time-string FORMAT-STRING &optional TIME ZONE)`.
pub fn f_format_time_string(args: &[Value]) -> LResult {
    let (secs, ns) = lisptime::lisp_time_argument(args[1])?;
    let format = zone::encode_system(expect_string(args[0])?);
    Ok(format_time_string(&format, secs, ns, args[2])?.0)
}

/// `(current-time-string &optional SPECIFIED-TIME ZONE)`.
pub fn f_current_time_string(args: &[Value]) -> LResult {
    let secs = lisptime::lisp_seconds_argument(args[0])?;
    let tz = tzlookup(args[1])?;
    let tm = broken_down(&tz, secs)?;
    let name = |names: &[&'static str], i: i32| usize::try_from(i).ok().and_then(|i| names.get(i).copied()).unwrap_or("?");
    let s = format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        name(&WDAY_NAMES, tm.wday),
        name(&MON_NAMES, tm.mon),
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        i64::from(tm.year) + 1900
    );
    Ok(make_string_from_bytes(s.into_bytes(), false))
}

/// C's `%.Nd`: at least PREC digits, the sign before them.
fn c_prec(v: i64, prec: usize) -> String {
    if prec == 0 && v == 0 {
        return String::new();
    }
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{:0prec$}", v.unsigned_abs())
}

/// `(current-time-zone &optional SPECIFIED-TIME ZONE)`.
pub fn f_current_time_zone(args: &[Value]) -> LResult {
    let secs = lisptime::lisp_seconds_argument(args[0])?;
    let (mut name, tm) = format_time_string(b"%Z", secs, 0, args[1])?;
    let offset = tm.gmtoff;
    if name.string_ref().data.is_empty() {
        // No abbreviation: a numeric one, printed as timefns.c does.
        let hour = offset / 3600;
        let min_sec = offset % 3600;
        let amin_sec = min_sec.abs();
        let (min, sec) = (amin_sec / 60, amin_sec % 60);
        let s = format!(
            "{}{}{}{}",
            if offset < 0 { '-' } else { '+' },
            c_prec(hour, 2),
            c_prec(min, if min_sec != 0 { 2 } else { 0 }),
            c_prec(sec, if sec != 0 { 2 } else { 0 })
        );
        name = make_string(&s);
    }
    Ok(list2(Value::fixnum(offset), name))
}

/// `(set-time-zone-rule TZ)`.
pub fn f_set_time_zone_rule(args: &[Value]) -> LResult {
    zone::set_local_zone(args[0])?;
    Ok(Value::NIL)
}
