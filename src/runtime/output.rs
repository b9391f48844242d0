//! Process output in batch mode (minimal version; the printer branch extends it).
use std::io::Write;

/// Converts internal text to external bytes: raw-byte chars become single bytes.
pub fn external_bytes(text: &[u8], multibyte: bool) -> Vec<u8> {
    if !multibyte {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if (b == 0xC0 || b == 0xC1) && i + 1 < text.len() {
            out.push(((b & 1) << 6) | (text[i + 1] & 0x3F) | 0x80);
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

pub fn write_stdout(text: &[u8], multibyte: bool) {
    let _ = std::io::stdout().write_all(&external_bytes(text, multibyte));
}

pub fn write_stderr(text: &[u8], multibyte: bool) {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(&external_bytes(text, multibyte));
}

pub fn flush() {
    let _ = std::io::stdout().flush();
}

pub fn write_stderr_line(line: &str) {
    let _ = std::io::stdout().flush();
    let _ = writeln!(std::io::stderr(), "{line}");
}
