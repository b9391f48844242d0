//! The coding systems Enoki's file I/O can do exactly, standing in for
//! coding.c until Enoki has coding systems: the UTF-8 family (`utf-8`,
//! `mule-utf-8`, `utf-8-emacs`, `emacs-internal`, `prefer-utf-8`),
//! `raw-text`, `no-conversion` / `binary`, and `undecided` for reading,
//! each with its `-unix`, `-dos` and `-mac` variants.
//!
//! Decoding and encoding follow coding.c: invalid UTF-8 bytes become
//! raw-byte characters and raw-byte characters are written as their bytes;
//! `-dos` turns CRLF into LF (a lone CR stays) and `-mac` CR into LF; a
//! coding system with undecided end-of-lines scans the whole text
//! (`decode_eol`), while `undecided` and `prefer-utf-8` detect from the
//! first three line ends (`detect_eol`).  Automatic detection is done only
//! for text that is ASCII or valid UTF-8; other text, and any coding
//! system outside this list, signals an error rather than be guessed at.

use crate::builtins::prelude::*;

/// What a coding system does to the characters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Utf8,
    Utf8Emacs,
    RawText,
    NoConversion,
    /// `undecided` / `prefer-utf-8`: detect when decoding.
    Detect,
}

/// End-of-line conversion.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Eol {
    Unix,
    Dos,
    Mac,
    Undecided,
}

/// A supported coding system: its base name (as Emacs names it), kind and
/// end-of-line type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Coding {
    pub base: &'static str,
    pub kind: Kind,
    pub eol: Eol,
}

const BASES: &[(&str, Kind)] = &[
    ("utf-8", Kind::Utf8),
    ("mule-utf-8", Kind::Utf8),
    ("utf-8-emacs", Kind::Utf8Emacs),
    ("raw-text", Kind::RawText),
    ("undecided", Kind::Detect),
    ("prefer-utf-8", Kind::Detect),
];

impl Coding {
    pub fn new(base: &'static str, kind: Kind, eol: Eol) -> Coding {
        Coding { base, kind, eol }
    }

    /// The coding system a symbol names, None when Enoki cannot do it.
    pub fn from_symbol(v: Value) -> Option<Coding> {
        if !v.is_symbol() || v.is_nil() {
            return None;
        }
        let name = v.symbol_name();
        match name {
            "no-conversion" | "binary" => {
                let base = if name == "binary" { "binary" } else { "no-conversion" };
                return Some(Coding::new(base, Kind::NoConversion, Eol::Unix));
            }
            "emacs-internal" => return Some(Coding::new("emacs-internal", Kind::Utf8Emacs, Eol::Unix)),
            _ => {}
        }
        let (stem, eol) = if let Some(s) = name.strip_suffix("-unix") {
            (s, Eol::Unix)
        } else if let Some(s) = name.strip_suffix("-dos") {
            (s, Eol::Dos)
        } else if let Some(s) = name.strip_suffix("-mac") {
            (s, Eol::Mac)
        } else {
            (name, Eol::Undecided)
        };
        BASES.iter().find(|(b, _)| *b == stem).map(|&(base, kind)| Coding::new(base, kind, eol))
    }

    /// The coding system's name, with its end-of-line suffix.
    pub fn symbol(&self) -> Value {
        let suffix = match (self.kind, self.eol) {
            (Kind::NoConversion, _) => "",
            _ if self.base == "emacs-internal" => "",
            (_, Eol::Unix) => "-unix",
            (_, Eol::Dos) => "-dos",
            (_, Eol::Mac) => "-mac",
            (_, Eol::Undecided) => "",
        };
        intern(&format!("{}{}", self.base, suffix))
    }

    /// `raw_text_coding_system`: raw-text with this end-of-line type (a
    /// raw-text kind stays as it is).
    pub fn raw_text(&self) -> Coding {
        match self.kind {
            Kind::RawText | Kind::NoConversion => *self,
            _ => Coding::new("raw-text", Kind::RawText, self.eol),
        }
    }

    /// `coding_inherit_eol_type`: an undecided end-of-line type taken from
    /// PARENT (Unix when there is none).
    pub fn inherit_eol(&self, parent: Option<Coding>) -> Coding {
        if self.eol != Eol::Undecided {
            return *self;
        }
        let eol = match parent.map(|p| p.eol) {
            Some(Eol::Dos) => Eol::Dos,
            Some(Eol::Mac) => Eol::Mac,
            _ => Eol::Unix,
        };
        Coding { eol, ..*self }
    }
}

/// The end-of-line type a coding system's name says (by its suffix).
pub fn eol_of_name(v: Value) -> Eol {
    if !v.is_symbol() {
        return Eol::Undecided;
    }
    let name = v.symbol_name();
    if name.ends_with("-unix") {
        Eol::Unix
    } else if name.ends_with("-dos") {
        Eol::Dos
    } else if name.ends_with("-mac") {
        Eol::Mac
    } else {
        Eol::Undecided
    }
}

/// The error for a coding system Enoki cannot do.
pub fn unsupported(v: Value) -> Flow {
    if v.is_symbol() && !v.is_nil() {
        let msg = format!("Enoki does not support the coding system `{}' yet", v.symbol_name());
        return signal(intern("coding-system-error"), list2(v, make_string(&msg)));
    }
    signal(intern("coding-system-error"), list1(v))
}

/// The coding system V names, or the error.
pub fn coding_arg(v: Value) -> LResult<Coding> {
    Coding::from_symbol(v).ok_or_else(|| unsupported(v))
}

/// `detect_eol`: the line-end type of the first three line ends.
fn detect_eol(src: &[u8]) -> Eol {
    let mut seen = Eol::Undecided;
    let mut total = 0;
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        i += 1;
        if c != b'\n' && c != b'\r' {
            continue;
        }
        let this = if c == b'\n' {
            Eol::Unix
        } else if i >= src.len() || src[i] != b'\n' {
            Eol::Mac
        } else {
            i += 1;
            Eol::Dos
        };
        if seen == Eol::Undecided {
            seen = this;
        } else if seen != this {
            if matches!((seen, this), (Eol::Mac, Eol::Dos) | (Eol::Dos, Eol::Mac)) {
                seen = Eol::Dos;
            } else {
                return Eol::Unix;
            }
        }
        total += 1;
        if total == 3 {
            break;
        }
    }
    seen
}

/// `decode_eol`'s scan of a whole text with an undecided type.
fn scan_eol(src: &[u8]) -> Eol {
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'\n' => lf = true,
            b'\r' if src.get(i + 1) == Some(&b'\n') => {
                crlf = true;
                i += 1;
            }
            b'\r' => cr = true,
            _ => {}
        }
        i += 1;
    }
    match (lf, crlf, cr) {
        (false, false, false) => Eol::Undecided,
        (false, true, _) => Eol::Dos,
        (false, false, true) => Eol::Mac,
        (true, false, false) => Eol::Unix,
        _ => Eol::Unix,
    }
}

/// Applies a decided end-of-line conversion to raw text.
fn convert_eol(src: &[u8], eol: Eol) -> Vec<u8> {
    match eol {
        Eol::Dos => {
            let mut out = Vec::with_capacity(src.len());
            for (i, &b) in src.iter().enumerate() {
                if !(b == b'\r' && src.get(i + 1) == Some(&b'\n')) {
                    out.push(b);
                }
            }
            out
        }
        Eol::Mac => src.iter().map(|&b| if b == b'\r' { b'\n' } else { b }).collect(),
        _ => src.to_vec(),
    }
}

/// Decodes UTF-8 to internal multibyte text (invalid bytes as raw-byte
/// characters); with EMACS, Emacs's own sequences (raw bytes as C0/C1 xx,
/// five-byte characters) are accepted too.
fn decode_utf8(src: &[u8], emacs: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() + 8);
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        if b < 0x80 {
            out.push(b);
            i += 1;
            continue;
        }
        let cont = |k: usize| src.get(i + k).is_some_and(|&c| (0x80..0xC0).contains(&c));
        if emacs && (b == 0xC0 || b == 0xC1) && cont(1) {
            out.extend_from_slice(&src[i..i + 2]);
            i += 2;
            continue;
        }
        if emacs && b == 0xF8 && (1..5).all(cont) {
            out.extend_from_slice(&src[i..i + 5]);
            i += 5;
            continue;
        }
        let n = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if n > 0 && i + n <= src.len() && std::str::from_utf8(&src[i..i + n]).is_ok() {
            out.extend_from_slice(&src[i..i + n]);
            i += n;
        } else {
            encode_char(raw_byte_char(b), &mut out);
            i += 1;
        }
    }
    out
}

/// The result of decoding: text in the buffer's representation, its
/// character count, and the coding system actually used.
pub struct Decoded {
    pub bytes: Vec<u8>,
    pub nchars: usize,
    pub coding: Coding,
}

/// Decodes SRC with CODING into text for a buffer that is MULTIBYTE or
/// not (for a unibyte buffer CODING is already a raw-text kind).  Errors
/// when detection meets text that is neither ASCII nor UTF-8.
pub fn decode(src: &[u8], coding: Coding, multibyte: bool, file: Value) -> LResult<Decoded> {
    let mut coding = coding;
    if coding.kind == Kind::Detect {
        if !src.is_ascii() {
            if std::str::from_utf8(src).is_err() {
                let msg = "Enoki cannot detect this file's coding system: bind `coding-system-for-read'";
                return Err(signal(intern("coding-system-error"), list2(make_string(msg), file)));
            }
            coding = Coding::new("utf-8", Kind::Utf8, coding.eol);
        }
        if coding.eol == Eol::Undecided {
            coding.eol = detect_eol(src);
        }
    } else if coding.eol == Eol::Undecided && coding.kind != Kind::NoConversion {
        coding.eol = scan_eol(src);
    }
    let text = convert_eol(src, coding.eol);
    let bytes = match (coding.kind, multibyte) {
        (_, false) => text,
        (Kind::Utf8 | Kind::Detect, true) => decode_utf8(&text, false),
        (Kind::Utf8Emacs, true) => decode_utf8(&text, true),
        (Kind::RawText | Kind::NoConversion, true) => {
            let mut out = Vec::with_capacity(text.len());
            text.iter().for_each(|&b| encode_char(raw_byte_char(b), &mut out));
            out
        }
    };
    let nchars = if multibyte { count_chars(&bytes) } else { bytes.len() };
    Ok(Decoded { bytes, nchars, coding })
}

/// Encodes internal text (multibyte or not) with CODING for a file:
/// raw-byte characters as their bytes, other characters as UTF-8 (which
/// is what every supported coding system writes), then line ends.
pub fn encode(data: &[u8], multibyte: bool, coding: Coding) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if multibyte && (b == 0xC0 || b == 0xC1) && i + 1 < data.len() {
            out.push(((b & 1) << 6) | (data[i + 1] & 0x3F) | 0x80);
            i += 2;
            continue;
        }
        match (b, coding.eol) {
            (b'\n', Eol::Dos) => out.extend_from_slice(b"\r\n"),
            (b'\n', Eol::Mac) => out.push(b'\r'),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_are_detected_as_emacs_detects_them() {
        assert_eq!(detect_eol(b"a\r\nb\r\n"), Eol::Dos);
        assert_eq!(detect_eol(b"a\r\nb\n"), Eol::Unix);
        assert_eq!(detect_eol(b"a\rb"), Eol::Mac);
        assert_eq!(detect_eol(b"abc"), Eol::Undecided);
        assert_eq!(detect_eol(b"a\r\nb\r\nc\r\nd\n"), Eol::Dos);
        assert_eq!(scan_eol(b"a\r\nb\r\nc\r\nd\n"), Eol::Unix);
        assert_eq!(convert_eol(b"a\r\nb\rc", Eol::Dos), b"a\nb\rc");
    }

    #[test]
    fn utf8_decoding_keeps_invalid_bytes_as_raw_bytes() {
        assert_eq!(decode_utf8(b"h\xc3\xa9", false), b"h\xc3\xa9");
        assert_eq!(decode_utf8(b"\xe9", false), b"\xc1\xa9");
        assert_eq!(decode_utf8(b"\xc1\xa9", true), b"\xc1\xa9");
        assert_eq!(encode(b"a\n\xc1\xa9", true, Coding::new("utf-8", Kind::Utf8, Eol::Dos)), b"a\r\n\xe9");
    }
}
