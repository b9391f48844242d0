//! Printing the leaves: integers (and `print-integers-as-characters`), floats
//! (with `float-output-format`), symbols with Emacs's escaping rules, strings
//! (quoted with their escapes, or the plain text `princ` gives) and
//! bool-vectors.

use super::super::error::LResult;
use super::super::number::{c_format_float, float_to_string};
use super::super::string::{char_is_raw_byte, raw_byte_char, raw_byte_value, LispString, MAX_UNICODE_CHAR};
use super::super::symbol::Interned;
use super::super::value::Value;
use super::{Opts, Out};

/// Emacs's `float_to_string`: `float-output-format` (a string "%.<digits>e",
/// "f" or "g") when it is valid, else the shortest exact representation.
pub fn float_to_string_with_format(f: f64, format: Value) -> String {
    if f.is_nan() || f.is_infinite() || !format.is_string() {
        return float_to_string(f);
    }
    let spec = &format.string_ref().data;
    let Some((width, conv)) = parse_float_format(spec) else { return float_to_string(f) };
    let mut s = c_format_float(f, conv, width.unwrap_or(0));
    if width != Some(0) {
        let first = s.find(|c: char| !c.is_ascii_digit() && c != '-');
        match first {
            Some(i) if &s[i..] == "." => s.push('0'),
            None => s.push_str(".0"),
            _ => {}
        }
    }
    s
}

/// Checks a `float-output-format` spec as Emacs does: (precision, conversion).
fn parse_float_format(spec: &[u8]) -> Option<(Option<usize>, u8)> {
    if spec.len() < 3 || spec[0] != b'%' || spec[1] != b'.' {
        return None;
    }
    let mut i = 2;
    let mut width = None;
    if spec[i].is_ascii_digit() {
        let mut w = 0usize;
        while i < spec.len() && spec[i].is_ascii_digit() {
            w = w * 10 + (spec[i] - b'0') as usize;
            if w > 15 {
                return None;
            }
            i += 1;
        }
        if w == 0 && spec.get(i) != Some(&b'f') {
            return None;
        }
        width = Some(w);
    }
    let conv = *spec.get(i)?;
    if !matches!(conv, b'e' | b'f' | b'g') || i + 1 != spec.len() {
        return None;
    }
    Some((width, conv))
}

/// Emacs's `named_escape`: the letter of `?\C` syntax for some controls.
fn named_escape(c: i64) -> Option<u8> {
    Some(match c {
        8 => b'b',
        9 => b't',
        10 => b'n',
        12 => b'f',
        13 => b'r',
        32 => b's',
        _ => return None,
    })
}

pub fn print_fixnum(i: i64, escape: bool, out: &mut Out, opts: &Opts) -> LResult<()> {
    if opts.integers_as_chars && (0..=MAX_UNICODE_CHAR as i64).contains(&i) {
        let named = named_escape(i);
        if named.is_some() || super::graphic::graphic_base_p(i as u32) {
            out.printchar('?' as u32)?;
            let mut c = i as u32;
            if let Some(n) = named {
                out.printchar('\\' as u32)?;
                c = n as u32;
            } else if escape && b";\"'\\()[]{}".contains(&(c as u8)) && c < 128 {
                out.printchar('\\' as u32)?;
            }
            return out.printchar(c);
        }
    }
    out.strout(&i.to_string())
}

pub fn print_symbol(s: Value, escape: bool, out: &mut Out, opts: &Opts) -> LResult<()> {
    let sd = s.sym();
    let name = sd.name.string_ref();
    let p = &name.data;
    let first = p.first().copied().unwrap_or(0);
    let signed = usize::from(first == b'-' || first == b'+');
    let c1 = p.get(signed).copied().unwrap_or(0);
    let reads_as_number = || {
        let scanned = crate::runtime::number::string_to_number(p, 10);
        scanned.value.is_some() && scanned.len == p.len()
    };
    let mut confusing = ((c1.is_ascii_digit() || c1 == b'.') && reads_as_number()) || first == b'?' || first == b'.';
    if opts.gensym && sd.interned != Interned::InitialObarray {
        out.strout("#:")?;
    } else if p.is_empty() {
        return out.strout("##");
    }
    if name.is_ascii() && (!escape || !confusing && p.iter().all(|&c| c > 32 && !b"\"\\';#(),`[]".contains(&c))) {
        return out.printchars(&name.data.clone());
    }
    let chars: Vec<u32> = name.chars().collect();
    for c in chars {
        if escape && (b"\"\\';#(),`[]".contains(&(c.min(255) as u8)) && c < 128 || c <= 32 || c == 0xA0 || confusing) {
            out.printchar('\\' as u32)?;
            confusing = false;
        }
        out.printchar(c)?;
    }
    Ok(())
}

/// Emacs's `octalout`: `\NNN` with as few digits as are unambiguous.
fn octalout(c: u32, next: Option<u8>, out: &mut Out) -> LResult<()> {
    let digits = if c > 0o77 || next.is_some_and(|b| (b'0'..=b'7').contains(&b)) {
        3
    } else if c > 7 {
        2
    } else {
        1
    };
    let mut s = String::from("\\");
    for d in (0..digits).rev() {
        s.push((b'0' + ((c >> (3 * d)) & 7) as u8) as char);
    }
    out.strout(&s)
}

/// The text-property intervals of string V that print: (START END PLIST).
pub fn string_intervals(v: Value) -> Vec<(Value, Value, Value)> {
    let mut out = Vec::new();
    let mut l = v.string_ref().props;
    let mut guard = 0usize;
    while l.is_cons() && guard < 1 << 24 {
        let iv = l.car();
        if iv.is_cons() {
            let (a, rest) = (iv.car(), iv.cdr());
            let (b, plist) = (rest.car_safe(), rest.cdr_safe().car_safe());
            out.push((a, b, plist));
        }
        l = l.cdr();
        guard += 1;
    }
    out
}

/// The intervals to show after a string's text, with `charset` properties
/// pruned as Emacs does unless `print-charset-text-property` is t.
pub fn printed_intervals(v: Value, opts: &Opts) -> Vec<(Value, Value, Value)> {
    let charset = super::print_syms().charset;
    string_intervals(v)
        .into_iter()
        .map(|(a, b, p)| if opts.charset_prop_t { (a, b, p) } else { (a, b, prune_charset(p, charset)) })
        .filter(|(_, _, p)| !p.is_nil())
        .collect()
}

fn prune_charset(plist: Value, charset: Value) -> Value {
    let mut l = plist;
    let mut has = false;
    while l.is_cons() {
        if l.car() == charset {
            has = true;
            break;
        }
        l = l.cdr().cdr_safe();
    }
    if !has {
        return plist;
    }
    let mut items = Vec::new();
    let mut l = plist;
    while l.is_cons() {
        let (k, v) = (l.car(), l.cdr().car_safe());
        if k != charset {
            items.push(k);
            items.push(v);
        }
        l = l.cdr().cdr_safe();
    }
    super::super::alloc::list(&items)
}

/// The quoted, escaped form of string V (without text properties).
pub fn print_string_escaped(v: Value, out: &mut Out, opts: &Opts) -> LResult<()> {
    let s: &LispString = v.string_ref();
    let data = s.data.clone();
    let multibyte = s.multibyte;
    out.printchar('"' as u32)?;
    if !multibyte && data.iter().all(|&b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\') {
        out.printchars(&data)?;
        return out.printchar('"' as u32);
    }
    let mut need_nonhex = false;
    let mut i = 0;
    while i < data.len() {
        let (mut c, n) = if multibyte { super::super::string::decode_char(&data[i..]) } else { (data[i] as u32, 1) };
        i += n.max(1);
        let next = data.get(i).copied();
        if multibyte && char_is_raw_byte(c) {
            octalout(raw_byte_value(c) as u32, next, out)?;
            need_nonhex = false;
        } else if !multibyte && c >= 0x80 && opts.escape_nonascii {
            octalout(c, next, out)?;
            need_nonhex = false;
        } else if multibyte && c >= 0x80 && opts.escape_multibyte {
            out.strout(&format!("\\x{:04x}", c))?;
            need_nonhex = true;
        } else {
            let nl_escape = opts.escape_newlines && (c == 10 || c == 12);
            if c < 128 && (c as u8).is_ascii_hexdigit() {
                if need_nonhex {
                    out.strout("\\ ")?;
                }
                out.printchar(c)?;
            } else if nl_escape || c == '"' as u32 || c == '\\' as u32 {
                if nl_escape {
                    c = if c == 10 { 'n' as u32 } else { 'f' as u32 };
                }
                out.printchar('\\' as u32)?;
                out.printchar(c)?;
            } else if opts.escape_control && (c < 32 || c == 127) {
                octalout(c, next, out)?;
            } else if !multibyte && c >= 0x80 {
                out.printchar(raw_byte_char(c as u8))?;
            } else {
                out.printchar(c)?;
            }
            need_nonhex = false;
        }
    }
    out.printchar('"' as u32)
}

/// Emacs's `string_escape_byte8`: raw bytes (and, in a unibyte string, every
/// non-ASCII byte) as `\NNN`.  Returns the new internal text.
fn escape_byte8(s: &LispString) -> Option<(Vec<u8>, usize)> {
    if s.multibyte && s.nchars == s.data.len() {
        return None;
    }
    let mut out = Vec::with_capacity(s.data.len() + 8);
    let mut nchars = 0;
    let mut any = false;
    let mut i = 0;
    while i < s.data.len() {
        let (c, n) = if s.multibyte { super::super::string::decode_char(&s.data[i..]) } else { (s.data[i] as u32, 1) };
        let n = n.max(1).min(s.data.len() - i);
        let byte = if s.multibyte { char_is_raw_byte(c).then(|| raw_byte_value(c)) } else { (c >= 0x80).then_some(c as u8) };
        match byte {
            Some(b) => {
                out.extend_from_slice(format!("\\{:03o}", b).as_bytes());
                nchars += 4;
                any = true;
            }
            None => {
                out.extend_from_slice(&s.data[i..i + n]);
                nchars += 1;
            }
        }
        i += n;
    }
    any.then_some((out, nchars))
}

/// Emacs's `print_string`: the text of string V as `princ` outputs it.
pub fn print_string(v: Value, out: &mut Out, opts: &Opts) -> LResult<()> {
    let s = v.string_ref();
    if let Out::Func(_) = out {
        // Each character; a unibyte string's bytes as the characters 0..255.
        let chars: Vec<u32> = s.chars().collect();
        for c in chars {
            out.printchar(c)?;
        }
        return Ok(());
    }
    if s.is_ascii() {
        return out.strout_multibyte(&s.data.clone(), s.nchars);
    }
    if opts.escape_nonascii {
        if let Some((data, nchars)) = escape_byte8(s) {
            return out.strout_multibyte(&data, nchars);
        }
    }
    if s.multibyte {
        return out.strout_multibyte(&s.data.clone(), s.nchars);
    }
    // A unibyte string: its bytes become raw-byte characters.
    let mut data = Vec::with_capacity(s.data.len() * 2);
    for &b in &s.data {
        super::super::string::encode_char(raw_byte_char(b), &mut data);
    }
    out.strout_multibyte(&data, s.nchars)
}

/// `#&SIZE"BYTES"`, each byte a character or an octal escape.
pub fn print_bool_vector(bits: &[bool], out: &mut Out, opts: &Opts) -> LResult<()> {
    let size = bits.len();
    let nbytes = size.div_ceil(8);
    let bytes: Vec<u8> = (0..nbytes).map(|i| (0..8).fold(0u8, |acc, b| acc | ((bits.get(i * 8 + b) == Some(&true)) as u8) << b)).collect();
    out.strout(&format!("#&{}\"", size))?;
    let shown = match opts.length {
        Some(l) if (l as usize) < nbytes => l as usize,
        _ => nbytes,
    };
    for i in 0..shown {
        let c = bytes[i];
        let next = if i + 1 < shown { Some(bytes[i + 1]) } else { None };
        if c == b'\n' && opts.escape_newlines {
            out.strout("\\n")?;
        } else if c == 0x0C && opts.escape_newlines {
            out.strout("\\f")?;
        } else if c > 0o177 || (opts.escape_control && (c < 32 || c == 127)) {
            octalout(c as u32, next, out)?;
        } else {
            if c == b'"' || c == b'\\' {
                out.printchar('\\' as u32)?;
            }
            out.printchar(c as u32)?;
        }
    }
    if shown < nbytes {
        out.strout(" ...")?;
    }
    out.printchar('"' as u32)
}
