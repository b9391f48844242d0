//! `format` and `format-message`: a port of GNU Emacs's `styled_format`.
//! Specs are `%[N$][flags][width][.precision]conv`; %s/%S print through the
//! printer, numbers through `numfmt`; `format-message` also turns ` and '
//! into the quotes of `text-quoting-style`.  The result is built as
//! characters (unibyte bytes >= #x80 as raw-byte chars) and becomes a
//! multibyte string exactly when Emacs's would; text properties of the
//! format string and of string arguments are carried into the result.
use super::numfmt::{format_number, Flags};
use super::props::{set_string_props, Intervals};
use crate::builtins::character::{string_width, string_width_upto};
use crate::builtins::prelude::*;
use crate::runtime::specpdl::value_cell;

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Quoting {
    Curve,
    Straight,
    Grave,
}

/// `(text-quoting-style)`: nil means curved quotes in batch mode.
pub fn text_quoting_style() -> Quoting {
    let v = value_cell(intern("text-quoting-style"));
    if v == intern("grave") {
        Quoting::Grave
    } else if v == intern("straight") {
        Quoting::Straight
    } else {
        Quoting::Curve
    }
}

/// A C-level error message with its ` and ' translated as Emacs's `error`
/// does (curved quotes by default).
pub fn quoted_message(msg: &str) -> String {
    match text_quoting_style() {
        Quoting::Curve => msg.replace('`', "\u{2018}").replace('\'', "\u{2019}"),
        Quoting::Straight => msg.replace('`', "'"),
        Quoting::Grave => msg.to_string(),
    }
}

fn format_error(msg: &str) -> Flow {
    error(&quoted_message(msg))
}

/// What each format spec produced (for text properties).
#[derive(Clone, Copy, Default)]
struct SpecInfo {
    /// Char index of the spec's % in the format string.
    fbeg: usize,
    /// Output char range.
    start: usize,
    end: usize,
    /// Whether the argument is a string with properties.
    intervals: bool,
}

/// editfns.c `max_bufsize`: one more than the most bytes a string may have
/// (`STRING_BYTES_BOUND`, i.e. `most-positive-fixnum`).
pub const MAX_BUFSIZE: usize = 1 << 61;

/// alloc.c `string_overflow`.
pub fn string_overflow() -> Flow {
    error("Maximum string size exceeded")
}

/// `str2num`: the decimal number at FMT[*I..] (saturating), advancing *I.
fn str2num(fmt: &[u32], i: &mut usize) -> usize {
    let mut n: usize = 0;
    while let Some(&c) = fmt.get(*i) {
        if !(0x30..=0x39).contains(&c) {
            break;
        }
        n = n.saturating_mul(10).saturating_add((c - 0x30) as usize);
        *i += 1;
    }
    n
}

enum Pass {
    Done(Value),
    Retry,
}

struct State<'a> {
    args: &'a [Value],
    fmt: Vec<u32>,
    multibyte: bool,
    quoting: Option<Quoting>,
    /// Per spec: the (possibly converted) argument.
    spec_args: RootedVec,
    spec_converted: Vec<bool>,
}

pub fn styled_format(args: &[Value], message: bool) -> LResult {
    let f = expect_string(args[0])?;
    let fmt: Vec<u32> = if f.multibyte { f.chars().collect() } else { f.data.iter().map(|&b| raw_byte_char(b)).collect() };
    let multibyte = f.multibyte || args[1..].iter().any(|a| a.is_string() && a.string_ref().multibyte);
    let mut st = State {
        args,
        fmt,
        multibyte,
        quoting: if message { Some(text_quoting_style()) } else { None },
        spec_args: RootedVec::new(),
        spec_converted: Vec::new(),
    };
    loop {
        match st.pass()? {
            Pass::Done(v) => return Ok(v),
            Pass::Retry => st.multibyte = true,
        }
    }
}

impl State<'_> {
    /// One scan of the format string; `Retry` when the result turns out to
    /// need to be multibyte.
    fn pass(&mut self) -> LResult<Pass> {
        let fmt = std::mem::take(&mut self.fmt);
        let r = self.scan(&fmt);
        self.fmt = fmt;
        r
    }

    fn scan(&mut self, fmt: &[u32]) -> LResult<Pass> {
        let args = self.args;
        let fmt_props = !args[0].string_ref().props.is_nil();
        let mut out: Vec<u32> = Vec::with_capacity(fmt.len() + 16);
        let mut discarded = vec![0u8; fmt.len()];
        let mut info: Vec<SpecInfo> = Vec::new();
        let mut new_result = false;
        let mut n: usize = 0;
        let mut i = 0;
        while i < fmt.len() {
            let format0 = i;
            let c = fmt[i];
            i += 1;
            if c != '%' as u32 {
                match (c, self.quoting) {
                    (0x60 | 0x27, Some(Quoting::Curve)) => {
                        if !self.multibyte {
                            return Ok(Pass::Retry);
                        }
                        out.push(if c == 0x60 { 0x2018 } else { 0x2019 });
                        new_result = true;
                    }
                    (0x60, Some(Quoting::Straight)) => {
                        out.push(0x27);
                        new_result = true;
                    }
                    _ => {
                        if self.multibyte && !args[0].string_ref().multibyte && c >= 0x80 {
                            new_result = true;
                        }
                        out.push(c);
                    }
                }
                continue;
            }
            // A spec: %[N$][flags][width][.precision]conversion
            if fmt.get(i).is_some_and(|&d| (0x30..=0x39).contains(&d)) {
                let mut j = i;
                let num = str2num(fmt, &mut j);
                if fmt.get(j) == Some(&('$' as u32)) {
                    n = num.wrapping_sub(1);
                    i = j + 1;
                }
            }
            let mut flags = Flags::default();
            while let Some(&fc) = fmt.get(i) {
                match char::from_u32(fc) {
                    Some('-') => flags.minus = true,
                    Some('+') => flags.plus = true,
                    Some(' ') => flags.space = true,
                    Some('#') => flags.sharp = true,
                    Some('0') => flags.zero = true,
                    _ => break,
                }
                i += 1;
            }
            flags.space &= !flags.plus;
            flags.zero &= !flags.minus;
            let field_width = str2num(fmt, &mut i);
            if field_width >= MAX_BUFSIZE {
                return Err(string_overflow());
            }
            let precision = if fmt.get(i) == Some(&('.' as u32)) {
                i += 1;
                Some(str2num(fmt, &mut i))
            } else {
                None
            };
            let Some(&conv_c) = fmt.get(i) else { return Err(format_error("Format string ends in middle of format specifier")) };
            i += 1;
            let is_percent = conv_c == '%' as u32;
            for d in discarded.iter_mut().take(i - usize::from(is_percent)).skip(format0) {
                *d = 1;
            }
            if is_percent {
                out.push('%' as u32);
                new_result = true;
                continue;
            }
            n = n.wrapping_add(1);
            if n >= args.len() {
                return Err(format_error("Not enough arguments for format string"));
            }
            let ispec = info.len();
            info.push(SpecInfo { fbeg: format0, ..Default::default() });
            if self.spec_args.len() <= ispec {
                self.spec_args.push(args[n]);
                self.spec_converted.push(false);
            }
            let conv = char::from_u32(conv_c).filter(|c| c.is_ascii()).map(|c| c as u8).unwrap_or(0);
            match self.spec(conv, conv_c, n, ispec, flags, field_width, precision, fmt_props, &mut out, &mut info[ispec])? {
                Some(Pass::Retry) => return Ok(Pass::Retry),
                Some(Pass::Done(v)) if i == fmt.len() && fmt.len() == 2 && !fmt_props => return Ok(Pass::Done(v)),
                _ => {}
            }
            new_result = true;
        }
        if !new_result {
            return Ok(Pass::Done(args[0]));
        }
        let val = self.build(&out);
        self.add_properties(val, fmt, &discarded, &info, fmt_props);
        Ok(Pass::Done(val))
    }

    fn build(&self, out: &[u32]) -> Value {
        let mut b = if self.multibyte { StringBuilder::multibyte() } else { StringBuilder::new() };
        for &c in out {
            b.push(c);
        }
        b.build()
    }

    /// Processes one conversion.  `Some(Done(arg))` offers the converted
    /// string argument for the bare "%s" shortcut.
    #[allow(clippy::too_many_arguments)]
    fn spec(
        &mut self,
        mut conv: u8,
        conv_c: u32,
        n: usize,
        ispec: usize,
        mut flags: Flags,
        field_width: usize,
        precision: Option<usize>,
        fmt_props: bool,
        out: &mut Vec<u32>,
        info: &mut SpecInfo,
    ) -> LResult<Option<Pass>> {
        let original = self.args[n];
        let mut arg = self.spec_args[ispec];
        if conv == b'S' || (conv == b's' && !arg.is_string() && !arg.is_symbol()) {
            if !self.spec_converted[ispec] {
                arg = crate::runtime::printer::prin1_to_string(arg, conv == b'S')?;
                self.spec_args[ispec] = arg;
                self.spec_converted[ispec] = true;
                if arg.string_ref().multibyte && !self.multibyte {
                    return Ok(Some(Pass::Retry));
                }
            }
            conv = b's';
        } else if conv == b'c' {
            if let Some(ch) = arg.as_fixnum() {
                if !(0..0x80).contains(&ch) {
                    if !self.multibyte {
                        return Ok(Some(Pass::Retry));
                    }
                    arg = super::char_to_string(crate::builtins::data::types::expect_char(arg)?);
                    self.spec_args[ispec] = arg;
                }
            }
            if arg != original {
                conv = b's';
            }
            flags.zero = false;
        }
        if arg.is_symbol() {
            arg = arg.sym().name;
            self.spec_args[ispec] = arg;
            if arg.string_ref().multibyte && !self.multibyte {
                return Ok(Some(Pass::Retry));
            }
        }
        if conv == b's' {
            self.string_spec(arg, flags, field_width, precision, fmt_props, out, info)?;
            return Ok(Some(Pass::Done(arg)));
        }
        if !matches!(conv, b'c' | b'd' | b'e' | b'f' | b'g' | b'i' | b'o' | b'x' | b'X') {
            let shown = if self.args[0].string_ref().multibyte || conv_c < 0x80 {
                let mut s = String::from("Invalid format operation %");
                s.push(char::from_u32(conv_c).unwrap_or('\u{FFFD}'));
                s
            } else {
                format!("Invalid format operation char #o{:03o}", raw_byte_value(conv_c))
            };
            return Err(error(&shown));
        }
        if !(arg.is_fixnum() || ((arg.is_bignum() || arg.is_float()) && conv != b'c')) {
            return Err(format_error("Format specifier doesn't match argument type"));
        }
        let text = format_number(arg, conv, flags, field_width, precision)?;
        info.start = out.len();
        out.extend(text.iter().map(|&b| b as u32));
        info.end = out.len();
        Ok(None)
    }

    /// %s of string ARG: PRECISION truncates by display width, FIELD_WIDTH
    /// pads (on the right with `-`).
    #[allow(clippy::too_many_arguments)]
    fn string_spec(
        &mut self,
        arg: Value,
        flags: Flags,
        field_width: usize,
        precision: Option<usize>,
        fmt_props: bool,
        out: &mut Vec<u32>,
        info: &mut SpecInfo,
    ) -> LResult<()> {
        let s = arg.string_ref();
        let (width, nchars) = match precision {
            Some(0) => (0, 0),
            Some(p) => {
                let (w, nch, _) = string_width_upto(s, p);
                (w, nch)
            }
            None => (string_width(s, 0, s.nchars), s.nchars),
        };
        let padding = field_width.saturating_sub(width);
        let convbytes = if s.multibyte { s.byte_offset(nchars) } else { nchars };
        if MAX_BUFSIZE - padding <= convbytes {
            return Err(string_overflow());
        }
        crate::builtins::alloc::check_alloc((out.len() + padding + nchars) as u64, 4)?;
        if fmt_props {
            info.start = out.len();
        }
        if !flags.minus {
            out.resize(out.len() + padding, ' ' as u32);
        }
        if !fmt_props {
            info.start = out.len();
        }
        if s.multibyte {
            out.extend(s.chars().take(nchars));
        } else {
            out.extend(s.data.iter().take(nchars).map(|&b| raw_byte_char(b)));
        }
        if flags.minus {
            out.resize(out.len() + padding, ' ' as u32);
        }
        info.end = out.len();
        if !s.props.is_nil() {
            info.intervals = true;
        }
        Ok(())
    }

    /// Carries the format string's and the arguments' text properties over.
    fn add_properties(&self, val: Value, fmt: &[u32], discarded: &[u8], info: &[SpecInfo], fmt_props: bool) {
        let arg_props = info.iter().any(|s| s.intervals);
        if !fmt_props && !arg_props {
            return;
        }
        let mut result = Intervals::new();
        if fmt_props {
            let src = Intervals::of_string(self.args[0]);
            // Translate format positions to output positions (Emacs's walk).
            let (mut position, mut translated, mut fieldn) = (0usize, 0usize, 0usize);
            let mut advance = |target: usize, position: &mut usize, translated: &mut usize| {
                while *position < target && *position < fmt.len() {
                    if discarded[*position] == 0 {
                        *translated += 1;
                    } else if fieldn < info.len() && *position >= info[fieldn].fbeg && *translated == info[fieldn].start {
                        *translated += info[fieldn].end - info[fieldn].start;
                        fieldn += 1;
                    }
                    *position += 1;
                }
            };
            for &(a, b, plist) in src.items.iter() {
                advance(a, &mut position, &mut translated);
                let start = translated;
                advance(b, &mut position, &mut translated);
                result.add(start, translated, plist);
            }
        }
        for (i, spec) in info.iter().enumerate() {
            if !spec.intervals {
                continue;
            }
            let arg = self.spec_args[i];
            let old_len = arg.string_ref().nchars;
            let new_len = spec.end - spec.start;
            for &(a, b, plist) in Intervals::of_string(arg).items.iter() {
                if a >= new_len {
                    continue;
                }
                let b = if (b == old_len && b != new_len) || b > new_len { new_len } else { b };
                result.add(spec.start + a, spec.start + b, plist);
            }
        }
        set_string_props(val, &result);
    }
}
