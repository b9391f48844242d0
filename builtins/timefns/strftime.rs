//! `format-time-string`'s formatter: the behaviour of gnulib's `nstrftime`
//! as GNU Emacs 30.1 builds it on GNU/Linux, in the C locale.  That build
//! formats most directives itself (flags `_ - 0 + ^ #`, field widths, the
//! GNU `%N %q %s %k %l %P %:z %::z %:::z` extensions) but hands the
//! locale-dependent ones (`%a %A %b %h %B %c %x %X %p %r`, and `%E`/`%O`
//! forms) to the C library's `strftime`, whose C-locale output (glibc's own
//! number formatting included) is reproduced by `underlying`; gnulib then
//! pads and case-converts that text.  Names are the C locale's ("Mon",
//! "January", "AM").  Formats are byte strings; a NUL byte ends one
//! `nstrftime` call and the next part is formatted separately.

use super::zone::{mktime, Tm, Zone};

/// `enum pad_style`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pad {
    Zero,
    AlwaysZero,
    Sign,
    Space,
    Unpadded,
}

/// What a directive formats against.
pub struct Ctx<'a> {
    pub tm: &'a Tm,
    pub zone: &'a Zone,
    pub ns: i32,
}

/// Why formatting failed: errno `EOVERFLOW` (`%s` of an unrepresentable
/// time) or a result too large to build.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    Overflow,
    TooLarge,
}

/// The largest result we build: a field width near `INT_MAX` makes GNU
/// Emacs allocate gigabytes; Enoki signals `memory-full` past 256 MiB.
const MAX_RESULT: usize = 1 << 28;

const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The output buffer with gnulib's `add`/`cpy` padding and case rules.
struct Out {
    buf: Vec<u8>,
}

impl Out {
    fn check(&self, more: usize) -> Result<(), Failure> {
        if self.buf.len().saturating_add(more) > MAX_RESULT {
            Err(Failure::TooLarge)
        } else {
            Ok(())
        }
    }

    /// Pads to WIDTH (unless PAD is `NoPad` or WIDTH negative) with zeros
    /// for `AlwaysZero`/`Sign` and spaces otherwise, before N bytes.
    fn pad_for(&mut self, n: usize, width: i32, pad: Pad) -> Result<(), Failure> {
        let w = if pad == Pad::Unpadded || width < 0 { 0 } else { width as usize };
        if n < w {
            self.check(w)?;
            let fill = if matches!(pad, Pad::AlwaysZero | Pad::Sign) { b'0' } else { b' ' };
            self.buf.resize(self.buf.len() + (w - n), fill);
        }
        Ok(())
    }

    /// `cpy`: S padded to WIDTH, case-converted (lower case wins).
    fn cpy(&mut self, s: &[u8], width: i32, pad: Pad, upper: bool, lower: bool) -> Result<(), Failure> {
        self.pad_for(s.len(), width, pad)?;
        self.check(s.len())?;
        if lower {
            self.buf.extend(s.iter().map(|b| b.to_ascii_lowercase()));
        } else if upper {
            self.buf.extend(s.iter().map(|b| b.to_ascii_uppercase()));
        } else {
            self.buf.extend_from_slice(s);
        }
        Ok(())
    }
}

/// `iso_week_days`: days from the first day of the ISO week-numbering year
/// to year day YDAY with week day WDAY.
fn iso_week_days(yday: i32, wday: i32) -> i32 {
    let big_enough_multiple_of_7 = (366 / 7 + 2) * 7;
    yday - (yday - wday + 4 + big_enough_multiple_of_7) % 7 + 4 - 1
}

fn is_leap(year: i32) -> i32 {
    (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) as i32
}

/// ISO 8601 week data: (year adjustment -1/0/1, days into the ISO year).
fn iso_week(tm: &Tm, year: i32) -> (i32, i32) {
    let days = iso_week_days(tm.yday, tm.wday);
    if days < 0 {
        (-1, iso_week_days(tm.yday + (365 + is_leap(year - 1)), tm.wday))
    } else {
        let d = iso_week_days(tm.yday - (365 + is_leap(year)), tm.wday);
        if d >= 0 {
            (1, d)
        } else {
            (0, days)
        }
    }
}

fn hour12(hour: i32) -> i32 {
    if hour > 12 {
        hour - 12
    } else if hour == 0 {
        12
    } else {
        hour
    }
}

/// How a numeric directive is printed (the labels of gnulib's code).
#[derive(Clone, Copy)]
enum NumKind {
    /// `DO_NUMBER`: sign from the value.
    Number(i32),
    /// `DO_NUMBER_SPACEPAD`.
    SpacePad(i32),
    /// `DO_SIGNED_NUMBER`: an explicit sign and an unsigned value.
    Signed(bool, u32),
    /// `DO_YEARISH`: like `Signed`, padded by the year spec, `+` on demand.
    Yearish(bool, u32),
    /// `DO_TZ_OFFSET`: always signed, with colons inserted per the mask.
    TzOffset(bool, u32, u32),
}

/// One parsed directive's flags.
struct Spec {
    pad: Pad,
    width: i32,
    modifier: u8,
    upper: bool,
    lower: bool,
}

/// `__strftime_internal`: formats FMT (no NUL) into OUT.
fn format_into(out: &mut Out, fmt: &[u8], ctx: &Ctx, upcase: bool, yr_spec: Pad, width0: i32) -> Result<(), Failure> {
    let mut width = width0;
    let mut f = 0;
    while f < fmt.len() {
        if fmt[f] != b'%' {
            out.cpy(&fmt[f..f + 1], width, Pad::Zero, false, false)?;
            f += 1;
            width = -1;
            continue;
        }
        let percent = f;
        let mut spec = Spec { pad: Pad::Zero, width, modifier: 0, upper: upcase, lower: false };
        let mut change_case = false;
        loop {
            f += 1;
            match fmt.get(f) {
                Some(b'_') => spec.pad = Pad::Space,
                Some(b'-') => spec.pad = Pad::Unpadded,
                Some(b'+') => spec.pad = Pad::Sign,
                Some(b'0') => spec.pad = Pad::AlwaysZero,
                Some(b'^') => spec.upper = true,
                Some(b'#') => change_case = true,
                _ => break,
            }
        }
        if fmt.get(f).is_some_and(|c| c.is_ascii_digit()) {
            spec.width = 0;
            while let Some(&c) = fmt.get(f).filter(|c| c.is_ascii_digit()) {
                spec.width = spec.width.checked_mul(10).and_then(|w| w.checked_add((c - b'0') as i32)).unwrap_or(i32::MAX);
                f += 1;
            }
        }
        if let Some(&m @ (b'E' | b'O')) = fmt.get(f) {
            spec.modifier = m;
            f += 1;
        }
        f = directive(out, fmt, percent, f, &mut spec, change_case, ctx, yr_spec)?;
        f += 1;
        width = -1;
    }
    Ok(())
}

/// Formats the directive whose conversion character is at F (or the end
/// of FMT); returns the index of the last byte it consumed.
#[allow(clippy::too_many_arguments)]
fn directive(
    out: &mut Out,
    fmt: &[u8],
    percent: usize,
    f: usize,
    spec: &mut Spec,
    change_case: bool,
    ctx: &Ctx,
    yr_spec: Pad,
) -> Result<usize, Failure> {
    let tm = ctx.tm;
    let modifier = spec.modifier;
    let bad = |out: &mut Out, spec: &Spec, end: usize| -> Result<usize, Failure> {
        out.cpy(&fmt[percent..=end], spec.width, spec.pad, spec.upper, spec.lower)?;
        Ok(end)
    };
    let Some(&c) = fmt.get(f) else {
        // `%` and flags at the end of the format stand for themselves.
        return bad(out, spec, f - 1);
    };
    let num = |out: &mut Out, spec: &mut Spec, digits: i32, kind: NumKind| -> Result<usize, Failure> {
        number(out, spec, digits, kind, c, ctx, yr_spec)?;
        Ok(f)
    };
    match c {
        b'%' => {
            if f - 1 != percent {
                return bad(out, spec, f - 1);
            }
            out.cpy(b"%", spec.width, spec.pad, spec.upper, spec.lower)?;
        }
        b'a' | b'A' | b'b' | b'h' | b'B' => {
            // `%b` converts the case before it checks the modifier.
            if change_case && matches!(c, b'b' | b'h') {
                spec.upper = true;
                spec.lower = false;
            }
            let bad_modifier = if matches!(c, b'a' | b'A') { modifier != 0 } else { modifier == b'E' };
            if bad_modifier {
                return bad(out, spec, f);
            }
            if change_case {
                spec.upper = true;
                spec.lower = false;
            }
            underlying(out, spec, c, ctx)?;
        }
        b'c' | b'x' | b'X' => {
            if modifier == b'O' {
                return bad(out, spec, f);
            }
            underlying(out, spec, c, ctx)?;
        }
        b'r' => underlying(out, spec, c, ctx)?,
        b'P' | b'p' => {
            if c == b'P' {
                spec.lower = true;
            }
            if change_case {
                spec.upper = false;
                spec.lower = true;
            }
            underlying(out, spec, b'p', ctx)?;
        }
        b'C' => {
            if modifier == b'E' {
                underlying(out, spec, c, ctx)?;
                return Ok(f);
            }
            let negative_year = tm.year < -1900;
            let zero_thru_1899 = !negative_year && tm.year < 0;
            let century = (tm.year - 99 * zero_thru_1899 as i32) / 100 + 1900 / 100;
            return num(out, spec, 2, NumKind::Yearish(negative_year, century as u32));
        }
        b'D' | b'F' | b'R' | b'T' => {
            if matches!(c, b'D' | b'F') && modifier != 0 {
                return bad(out, spec, f);
            }
            let mut subwidth = -1;
            if c == b'F' {
                if spec.pad == Pad::Zero && spec.width < 0 {
                    spec.pad = Pad::Sign;
                    subwidth = 4;
                } else {
                    subwidth = (spec.width - 6).max(0);
                }
            }
            let sub: &[u8] = match c {
                b'D' => b"%m/%d/%y",
                b'F' => b"%Y-%m-%d",
                b'R' => b"%H:%M",
                _ => b"%H:%M:%S",
            };
            let mut inner = Out { buf: Vec::new() };
            format_into(&mut inner, sub, ctx, spec.upper, spec.pad, subwidth)?;
            out.pad_for(inner.buf.len(), spec.width, spec.pad)?;
            out.check(inner.buf.len())?;
            out.buf.extend_from_slice(&inner.buf);
        }
        b'd' | b'e' | b'H' | b'I' | b'k' | b'l' | b'j' | b'M' | b'm' | b'S' | b'U' | b'W' | b'w' => {
            if modifier == b'E' {
                return bad(out, spec, f);
            }
            let kind = match c {
                b'd' => NumKind::Number(tm.mday),
                b'e' => NumKind::SpacePad(tm.mday),
                b'H' => NumKind::Number(tm.hour),
                b'I' => NumKind::Number(hour12(tm.hour)),
                b'k' => NumKind::SpacePad(tm.hour),
                b'l' => NumKind::SpacePad(hour12(tm.hour)),
                b'j' => NumKind::Signed(tm.yday < -1, (tm.yday as u32).wrapping_add(1)),
                b'M' => NumKind::Number(tm.min),
                b'm' => NumKind::Signed(tm.mon < -1, (tm.mon as u32).wrapping_add(1)),
                b'S' => NumKind::Number(tm.sec),
                b'U' => NumKind::Number((tm.yday - tm.wday + 7) / 7),
                b'W' => NumKind::Number((tm.yday - (tm.wday - 1 + 7) % 7 + 7) / 7),
                _ => NumKind::Number(tm.wday),
            };
            let digits = match c {
                b'j' => 3,
                b'w' => 1,
                _ => 2,
            };
            return num(out, spec, digits, kind);
        }
        b'u' => return num(out, spec, 1, NumKind::Number((tm.wday - 1 + 7) % 7 + 1)),
        b'q' => return num(out, spec, 1, NumKind::Signed(false, (((tm.mon * 11) >> 5) + 1) as u32)),
        b'N' => {
            if modifier == b'E' {
                return bad(out, spec, f);
            }
            nanoseconds(out, spec, ctx.ns)?;
        }
        b'n' => out.cpy(b"\n", spec.width, spec.pad, spec.upper, spec.lower)?,
        b't' => out.cpy(b"\t", spec.width, spec.pad, spec.upper, spec.lower)?,
        b's' => seconds(out, spec, ctx)?,
        b'V' | b'g' | b'G' => {
            if modifier == b'E' {
                return bad(out, spec, f);
            }
            let year = tm.year + if tm.year < 0 { 1900 % 400 } else { 1900 % 400 - 400 };
            let (adjust, days) = iso_week(tm, year);
            let kind = match c {
                b'g' => {
                    let yy = (tm.year % 100 + adjust) % 100;
                    let v = if yy >= 0 {
                        yy
                    } else if tm.year < -1900 - adjust {
                        -yy
                    } else {
                        yy + 100
                    };
                    NumKind::Yearish(false, v as u32)
                }
                b'G' => NumKind::Yearish(tm.year < -1900 - adjust, (tm.year as u32).wrapping_add(1900).wrapping_add(adjust as u32)),
                _ => NumKind::Number(days / 7 + 1),
            };
            let digits = match c {
                b'G' => 4,
                _ => 2,
            };
            return num(out, spec, digits, kind);
        }
        b'Y' => {
            if modifier == b'E' {
                underlying(out, spec, c, ctx)?;
                return Ok(f);
            }
            if modifier == b'O' {
                return bad(out, spec, f);
            }
            return num(out, spec, 4, NumKind::Yearish(tm.year < -1900, (tm.year as u32).wrapping_add(1900)));
        }
        b'y' => {
            if modifier == b'E' {
                underlying(out, spec, c, ctx)?;
                return Ok(f);
            }
            let mut yy = tm.year % 100;
            if yy < 0 {
                yy = if tm.year < -1900 { -yy } else { yy + 100 };
            }
            return num(out, spec, 2, NumKind::Yearish(false, yy as u32));
        }
        b'Z' => {
            if change_case {
                spec.upper = false;
                spec.lower = true;
            }
            let zone: &[u8] = if matches!(ctx.zone, Zone::Utc) && tm.zone.is_empty() { b"GMT" } else { &tm.zone };
            out.cpy(zone, spec.width, spec.pad, spec.upper, spec.lower)?;
        }
        b':' | b'z' => {
            let mut colons = 0;
            let mut end = f;
            if c == b':' {
                colons = 1;
                while fmt.get(f + colons) == Some(&b':') {
                    colons += 1;
                }
                if fmt.get(f + colons) != Some(&b'z') {
                    return bad(out, spec, f);
                }
                end = f + colons;
            }
            if tm.isdst < 0 {
                return Ok(end);
            }
            let diff = tm.gmtoff as i32;
            let negative = diff < 0 || (diff == 0 && tm.zone.first() == Some(&b'-'));
            let (h, m, s) = (diff / 60 / 60, diff / 60 % 60, diff % 60);
            let (digits, mask, v) = match colons {
                0 => (5, 0, h * 100 + m),
                1 => (6, 0o4, h * 100 + m),
                2 => (9, 0o24, h * 10000 + m * 100 + s),
                3 if s != 0 => (9, 0o24, h * 10000 + m * 100 + s),
                3 if m != 0 => (6, 0o4, h * 100 + m),
                3 => (3, 0, h),
                _ => return bad(out, spec, end),
            };
            number(out, spec, digits, NumKind::TzOffset(negative, v as u32, mask), c, ctx, yr_spec)?;
            return Ok(end);
        }
        _ => return bad(out, spec, f),
    }
    Ok(f)
}

/// The numeric labels of gnulib's code (`do_number` ... `do_number_sign_and_padding`).
fn number(out: &mut Out, spec: &mut Spec, digits: i32, kind: NumKind, c: u8, ctx: &Ctx, yr_spec: Pad) -> Result<(), Failure> {
    let (negative, mut u, always_sign, mut mask) = match kind {
        NumKind::TzOffset(neg, v, mask) => (neg, v, true, mask),
        NumKind::Yearish(neg, v) => {
            if spec.pad == Pad::Zero {
                spec.pad = yr_spec;
            }
            let limit = if digits == 2 { 99 } else { 9999 };
            (neg, v, spec.pad == Pad::Sign && (limit < v || digits < spec.width), 0)
        }
        NumKind::SpacePad(v) | NumKind::Number(v) => {
            if matches!(kind, NumKind::SpacePad(_)) && spec.pad == Pad::Zero {
                spec.pad = Pad::Space;
            }
            (v < 0, v as u32, false, 0)
        }
        NumKind::Signed(neg, v) => (neg, v, false, 0),
    };
    if spec.modifier == b'O' && !negative {
        return underlying(out, spec, c, ctx);
    }
    if negative {
        u = u.wrapping_neg();
    }
    let mut digits_buf = Vec::new();
    loop {
        if mask & 1 != 0 {
            digits_buf.push(b':');
        }
        mask >>= 1;
        digits_buf.push(b'0' + (u % 10) as u8);
        u /= 10;
        if u == 0 && mask == 0 {
            break;
        }
    }
    digits_buf.reverse();
    let sign = if negative {
        Some(b'-')
    } else if always_sign {
        Some(b'+')
    } else {
        None
    };
    sign_and_padding(out, spec, digits, sign, &digits_buf)
}

/// `do_number_sign_and_padding`.
fn sign_and_padding(out: &mut Out, spec: &mut Spec, digits: i32, sign: Option<u8>, num: &[u8]) -> Result<(), Failure> {
    if spec.pad == Pad::Zero {
        spec.pad = Pad::AlwaysZero;
    }
    if spec.width < 0 {
        spec.width = digits;
    }
    let mut width = spec.width;
    if let Some(s) = sign {
        let shortage = width - 1 - num.len() as i32;
        let padding = if spec.pad == Pad::Unpadded || shortage <= 0 { 0 } else { shortage };
        if spec.pad == Pad::Space {
            out.check(padding as usize)?;
            out.buf.resize(out.buf.len() + padding as usize, b' ');
            width -= padding;
        }
        out.cpy(&[s], 0, spec.pad, spec.upper, spec.lower)?;
        width -= 1;
    }
    out.cpy(num, width, spec.pad, spec.upper, spec.lower)
}

/// `%N`: nanoseconds, truncated to the field width (9 by default) and, when
/// not padded, stripped of trailing zeros; padding goes on the right.
fn nanoseconds(out: &mut Out, spec: &mut Spec, ns: i32) -> Result<(), Failure> {
    let mut n = ns;
    let width = if spec.width <= 0 { 9 } else { spec.width };
    let mut ndigs = 9;
    while width < ndigs || (1 < ndigs && n % 10 == 0) {
        ndigs -= 1;
        n /= 10;
    }
    let mut buf = vec![b'0'; ndigs as usize];
    for j in (0..ndigs as usize).rev() {
        buf[j] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    if spec.pad == Pad::Zero {
        spec.pad = Pad::AlwaysZero;
    }
    out.cpy(&buf, 0, spec.pad, spec.upper, spec.lower)?;
    out.pad_for(0, width - ndigs, spec.pad)
}

/// `%s`: the seconds since the epoch that the broken-down time stands for.
fn seconds(out: &mut Out, spec: &mut Spec, ctx: &Ctx) -> Result<(), Failure> {
    let Ok((t, _)) = mktime(ctx.zone, ctx.tm) else {
        return Err(Failure::Overflow);
    };
    let digits = t.unsigned_abs().to_string().into_bytes();
    sign_and_padding(out, spec, 1, (t < 0).then_some(b'-'), &digits)
}

/// `underlying_strftime`: the C library's text for `%` MODIFIER C, padded
/// and case-converted by this directive's flags.
fn underlying(out: &mut Out, spec: &Spec, c: u8, ctx: &Ctx) -> Result<(), Failure> {
    let text = glibc::directive(spec.modifier, c, ctx.tm);
    out.cpy(&text, spec.width, spec.pad, spec.upper, spec.lower)
}

/// The C-locale output of glibc's own `strftime` for one flagless
/// directive, as GNU Emacs gets it through `underlying_strftime`.  glibc
/// pads numbers to their minimum digits (`%Y` has one), puts the sign
/// before the zeros, and knows no alternative digits or eras in the C
/// locale, so `%E` and `%O` forms print as the plain ones.
mod glibc {
    use super::{hour12, is_leap, iso_week_days, Tm, MONTHS, WEEKDAYS};

    fn num(out: &mut Vec<u8>, digits: usize, v: i32, space: bool) {
        let s = v.unsigned_abs().to_string();
        let len = s.len() + (v < 0) as usize;
        let padding = digits.saturating_sub(len);
        if space {
            out.resize(out.len() + padding, b' ');
            if v < 0 {
                out.push(b'-');
            }
        } else {
            if v < 0 {
                out.push(b'-');
            }
            out.resize(out.len() + padding, b'0');
        }
        out.extend_from_slice(s.as_bytes());
    }

    fn sub(out: &mut Vec<u8>, fmt: &[u8], tm: &Tm) {
        let mut i = 0;
        while i < fmt.len() {
            if fmt[i] == b'%' && i + 1 < fmt.len() {
                out.extend(directive(0, fmt[i + 1], tm));
                i += 2;
            } else {
                out.push(fmt[i]);
                i += 1;
            }
        }
    }

    pub fn directive(modifier: u8, c: u8, tm: &Tm) -> Vec<u8> {
        let mut out = Vec::new();
        let year = tm.year.wrapping_add(1900);
        match c {
            b'a' => out.extend(name(&WEEKDAYS, tm.wday).iter().take(3)),
            b'A' => out.extend_from_slice(name(&WEEKDAYS, tm.wday)),
            b'b' | b'h' => out.extend(name(&MONTHS, tm.mon).iter().take(3)),
            b'B' => out.extend_from_slice(name(&MONTHS, tm.mon)),
            b'c' => sub(&mut out, b"%a %b %e %H:%M:%S %Y", tm),
            b'x' => sub(&mut out, b"%m/%d/%y", tm),
            b'X' => sub(&mut out, b"%H:%M:%S", tm),
            b'r' => sub(&mut out, b"%I:%M:%S %p", tm),
            b'p' => out.extend_from_slice(if tm.hour > 11 { b"PM" } else { b"AM" }),
            b'C' => num(&mut out, 1, year / 100 - (year % 100 < 0) as i32, false),
            b'Y' => num(&mut out, 1, year, false),
            b'y' => num(&mut out, 2, (tm.year % 100 + 100) % 100, false),
            b'd' => num(&mut out, 2, tm.mday, false),
            b'e' => num(&mut out, 2, tm.mday, true),
            b'H' => num(&mut out, 2, tm.hour, false),
            b'I' => num(&mut out, 2, hour12(tm.hour), false),
            b'k' => num(&mut out, 2, tm.hour, true),
            b'l' => num(&mut out, 2, hour12(tm.hour), true),
            b'j' => num(&mut out, 3, 1 + tm.yday, false),
            b'M' => num(&mut out, 2, tm.min, false),
            b'm' => num(&mut out, 2, tm.mon + 1, false),
            b'S' => num(&mut out, 2, tm.sec, false),
            b'u' => num(&mut out, 1, (tm.wday - 1 + 7) % 7 + 1, false),
            b'U' => num(&mut out, 2, (tm.yday - tm.wday + 7) / 7, false),
            b'W' => num(&mut out, 2, (tm.yday - (tm.wday - 1 + 7) % 7 + 7) / 7, false),
            b'w' => num(&mut out, 1, tm.wday, false),
            b'V' | b'g' | b'G' => {
                let mut y = year;
                let mut days = iso_week_days(tm.yday, tm.wday);
                if days < 0 {
                    y -= 1;
                    days = iso_week_days(tm.yday + (365 + is_leap(y)), tm.wday);
                } else {
                    let d = iso_week_days(tm.yday - (365 + is_leap(y)), tm.wday);
                    if d >= 0 {
                        y += 1;
                        days = d;
                    }
                }
                match c {
                    b'g' => num(&mut out, 2, (y % 100 + 100) % 100, false),
                    b'G' => num(&mut out, 1, y, false),
                    _ => num(&mut out, 2, days / 7 + 1, false),
                }
            }
            b'z' if tm.isdst >= 0 => {
                let mut diff = tm.gmtoff as i32;
                out.push(if diff < 0 { b'-' } else { b'+' });
                diff = diff.abs() / 60;
                num(&mut out, 4, (diff / 60) * 100 + diff % 60, false);
            }
            b'z' => {}
            _ => {
                out.push(b'%');
                if modifier != 0 {
                    out.push(modifier);
                }
                out.push(c);
            }
        }
        out
    }

    fn name(names: &[&'static str], i: i32) -> &'static [u8] {
        usize::try_from(i).ok().and_then(|i| names.get(i)).map_or(b"?", |s| s.as_bytes())
    }
}

/// `emacs_nmemftime`: formats FMT, whose NUL bytes separate formats that
/// are formatted one by one, the NULs kept in the result.
pub fn nmemftime(fmt: &[u8], ctx: &Ctx) -> Result<Vec<u8>, Failure> {
    let mut out = Out { buf: Vec::new() };
    for (k, part) in fmt.split(|&b| b == 0).enumerate() {
        if k > 0 {
            out.buf.push(0);
        }
        format_into(&mut out, part, ctx, false, Pad::Zero, -1)?;
    }
    Ok(out.buf)
}
