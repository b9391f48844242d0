//! Time zones, as timefns.c's `tzlookup` and gnulib's time_rz.c provide
//! them: a Lisp ZONE argument (nil, t, `wall`, a TZ string, an offset in
//! seconds, `(OFFSET ABBR)`) becomes a `Zone`; broken-down times come from
//! the C library (`gmtime_r`/`timegm` for Universal Time, `localtime_r` and
//! `mktime` with the TZ environment variable set to the rule for the
//! duration of the call and restored after, all under one process-wide
//! lock).  Emacs local time (what ZONE nil means) starts as the TZ the
//! process was started with and changes with `set-time-zone-rule`.

use crate::builtins::prelude::*;
use std::ffi::{CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::sync::{Mutex, MutexGuard};

/// A time zone rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Universal Time, computed without TZ (`t`, 0).
    Utc,
    /// The rule of TZ set to this string, or of TZ unset (the system's wall
    /// clock) for `None`.
    Tz(Option<Vec<u8>>),
}

/// A broken-down time (`struct tm`), the zone abbreviation copied out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tm {
    pub sec: i32,
    pub min: i32,
    pub hour: i32,
    pub mday: i32,
    pub mon: i32,
    pub year: i32,
    pub wday: i32,
    pub yday: i32,
    pub isdst: i32,
    pub gmtoff: i64,
    pub zone: Vec<u8>,
}

/// Emacs local time, set on first use from the process's TZ.  The lock also
/// serializes every change of the TZ environment variable.
static LOCAL: Mutex<Option<Zone>> = Mutex::new(None);

fn lock() -> MutexGuard<'static, Option<Zone>> {
    let mut g = LOCAL.lock().unwrap_or_else(|e| e.into_inner());
    if g.is_none() {
        *g = Some(Zone::Tz(env_tz()));
        // SAFETY: tzset only reads the environment, which we hold still.
        unsafe { tzset() };
    }
    g
}

extern "C" {
    fn tzset();
}

fn env_tz() -> Option<Vec<u8>> {
    std::env::var_os("TZ").map(|s| s.as_bytes().to_vec())
}

fn set_env_tz(tz: Option<&[u8]>) {
    match tz {
        Some(s) => std::env::set_var("TZ", OsStr::from_bytes(s)),
        None => std::env::remove_var("TZ"),
    }
    // SAFETY: as above.
    unsafe { tzset() };
}

/// Runs F with TZ set to RULE (unset for `None`), restoring TZ after, as
/// time_rz.c's `set_tz` / `revert_tz`.  The caller holds the lock.
fn with_tz<R>(rule: &Option<Vec<u8>>, f: impl FnOnce() -> R) -> R {
    let old = env_tz();
    if old == *rule {
        return f();
    }
    set_env_tz(rule.as_deref());
    let r = f();
    set_env_tz(old.as_deref());
    r
}

/// The zone ZONE nil stands for.
pub fn local_zone() -> Zone {
    lock().clone().unwrap_or(Zone::Tz(None))
}

/// `(error "Invalid time zone specification" ZONE)`.
fn invalid_zone(zone: Value) -> Flow {
    signal(sym::ERROR, list2(make_string("Invalid time zone specification"), zone))
}

/// A Lisp string's bytes in the locale's (UTF-8) encoding, cut at the
/// first NUL as C sees it.
pub fn encode_system(s: &LispString) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.data.len());
    if s.multibyte {
        for c in s.chars() {
            if crate::runtime::string::char_is_raw_byte(c) {
                out.push(crate::runtime::string::raw_byte_value(c));
            } else {
                crate::runtime::string::encode_char(c, &mut out);
            }
        }
    } else {
        out.extend_from_slice(&s.data);
    }
    out
}

fn c_string(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Some(n) = bytes.iter().position(|&b| b == 0) {
        bytes.truncate(n);
    }
    bytes
}

/// The POSIX TZ string for a fixed UTC offset, as `tzlookup` writes it: the
/// abbreviation (given, or the signed numeric one) in angle brackets and
/// the offset with POSIX's inverted sign.
fn offset_rule(offset: i64, abbr: Option<Vec<u8>>) -> Vec<u8> {
    let abs = offset.unsigned_abs();
    let hour = abs / 3600;
    let rem = abs % 3600;
    let (min, sec) = (rem / 60, rem % 60);
    let mut s = b"<".to_vec();
    match abbr {
        Some(a) => s.extend_from_slice(&a),
        None => {
            let (mut prec, mut num) = (2, hour);
            if rem != 0 {
                prec += 2;
                num = num * 100 + min;
                if sec != 0 {
                    prec += 2;
                    num = num * 100 + sec;
                }
            }
            let sign = if offset < 0 { '-' } else { '+' };
            s.extend_from_slice(format!("{sign}{num:0prec$}").as_bytes());
        }
    }
    let minus = if offset < 0 { "" } else { "-" };
    s.extend_from_slice(format!(">{minus}{hour}:{min:02}:{sec:02}").as_bytes());
    s
}

/// `tzlookup`: the zone for a Lisp ZONE argument, and the TZ string that
/// `set-time-zone-rule` would install for it (`None` for unset).
fn lookup(zone: Value) -> LResult<(Zone, Option<Vec<u8>>)> {
    if zone.is_nil() {
        return Ok((local_zone(), None));
    }
    if zone == Value::fixnum(0) || zone.is_t() {
        return Ok((Zone::Utc, Some(b"UTC0".to_vec())));
    }
    let rule = if zone == intern("wall") {
        None
    } else if zone.is_string() {
        Some(c_string(encode_system(zone.string_ref())))
    } else if let Some(offset) = zone.as_fixnum() {
        Some(offset_rule(offset, None))
    } else if zone.is_cons() && zone.car().is_fixnum() && zone.cdr().is_cons() {
        let abbr = zone.cdr().car();
        let abbr = encode_system(expect_string(abbr)?);
        Some(c_string(offset_rule(zone.car().as_fixnum().unwrap_or(0), Some(abbr))))
    } else {
        return Err(invalid_zone(zone));
    };
    Ok((Zone::Tz(rule.clone()), rule))
}

/// `tzlookup (ZONE, false)`.
pub fn tzlookup(zone: Value) -> LResult<Zone> {
    Ok(lookup(zone)?.0)
}

/// `set-time-zone-rule`: makes TZ (nil meaning `wall`) Emacs local time,
/// and sets the TZ environment variable to match.
pub fn set_local_zone(tz: Value) -> LResult<()> {
    let (zone, rule) = lookup(if tz.is_nil() { intern("wall") } else { tz })?;
    let mut g = lock();
    set_env_tz(rule.as_deref());
    *g = Some(zone);
    Ok(())
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn set_errno(e: i32) {
    // SAFETY: errno is this thread's own.
    unsafe { *libc::__errno_location() = e };
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: struct tm is plain data; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}

fn tm_from_c(c: &libc::tm) -> Tm {
    let zone = if c.tm_zone.is_null() {
        Vec::new()
    } else {
        // SAFETY: a non-null tm_zone points to a NUL-terminated string that
        // stays valid until the next TZ change, which we hold off.
        unsafe { CStr::from_ptr(c.tm_zone).to_bytes().to_vec() }
    };
    Tm {
        sec: c.tm_sec,
        min: c.tm_min,
        hour: c.tm_hour,
        mday: c.tm_mday,
        mon: c.tm_mon,
        year: c.tm_year,
        wday: c.tm_wday,
        yday: c.tm_yday,
        isdst: c.tm_isdst,
        gmtoff: c.tm_gmtoff,
        zone,
    }
}

/// `localtime_rz`: time T in ZONE, or the C library's errno.
pub fn localtime(zone: &Zone, t: i64) -> Result<Tm, i32> {
    let _g = lock();
    set_errno(0);
    // The abbreviation is copied out before TZ changes back: it may point
    // into zone data that the next `tzset` frees.
    let convert = || {
        let mut c = zeroed_tm();
        // SAFETY: both functions write only the struct we pass.
        let ok = match zone {
            Zone::Utc => unsafe { !libc::gmtime_r(&t, &mut c).is_null() },
            Zone::Tz(_) => unsafe { !libc::localtime_r(&t, &mut c).is_null() },
        };
        if ok {
            Ok(tm_from_c(&c))
        } else {
            Err(errno())
        }
    };
    match zone {
        Zone::Utc => convert(),
        Zone::Tz(rule) => with_tz(rule, convert),
    }
}

/// `mktime_z`: the time TM's fields (normalized, with TM's DST flag) stand
/// for in ZONE, and the broken-down time it normalizes to; or errno.
pub fn mktime(zone: &Zone, tm: &Tm) -> Result<(i64, Tm), i32> {
    let mut c = zeroed_tm();
    c.tm_sec = tm.sec;
    c.tm_min = tm.min;
    c.tm_hour = tm.hour;
    c.tm_mday = tm.mday;
    c.tm_mon = tm.mon;
    c.tm_year = tm.year;
    c.tm_isdst = tm.isdst;
    c.tm_wday = -1;
    c.tm_yday = -1;
    let _g = lock();
    set_errno(0);
    let convert = |mut c: libc::tm| {
        // SAFETY: both functions read and write only the struct we pass.
        let t = match zone {
            Zone::Utc => unsafe { libc::timegm(&mut c) },
            Zone::Tz(_) => unsafe { libc::mktime(&mut c) },
        };
        if c.tm_wday < 0 || c.tm_yday < 0 {
            let e = errno();
            Err(if e == 0 { libc::EOVERFLOW } else { e })
        } else {
            Ok((t, tm_from_c(&c)))
        }
    };
    match zone {
        Zone::Utc => convert(c),
        Zone::Tz(rule) => with_tz(rule, || convert(c)),
    }
}

/// `time_error`: the Lisp error for a failed conversion's errno.
pub fn time_error(err: i32) -> Flow {
    match err {
        libc::ENOMEM => memory_full(),
        libc::EOVERFLOW => super::lisptime::time_overflow(),
        _ => super::lisptime::invalid_time(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_rules_are_written_as_tzlookup_does() {
        assert_eq!(offset_rule(3600, None), b"<+01>-1:00:00");
        assert_eq!(offset_rule(-3661, None), b"<-010101>1:01:01");
        assert_eq!(offset_rule(5400, None), b"<+0130>-1:30:00");
        assert_eq!(offset_rule(-28800, Some(b"PST".to_vec())), b"<PST>8:00:00");
    }

    #[test]
    fn utc_and_fixed_offsets() {
        let tm = localtime(&Zone::Utc, 0).unwrap();
        assert_eq!((tm.year, tm.mon, tm.mday, tm.wday, tm.gmtoff), (70, 0, 1, 4, 0));
        assert_eq!(tm.zone, b"GMT");
        let z = Zone::Tz(Some(b"EST5EDT,M3.2.0,M11.1.0".to_vec()));
        let tm = localtime(&z, 15_000_000).unwrap();
        assert_eq!((tm.hour, tm.isdst, tm.gmtoff), (10, 1, -14400));
        assert_eq!(tm.zone, b"EDT");
        assert_eq!(mktime(&z, &tm).unwrap().0, 15_000_000);
    }
}
