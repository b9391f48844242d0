//! The process's standard output and error streams, written the way GNU Emacs
//! writes them in batch mode.
//!
//! Standard output carries the *internal* representation of the text, exactly
//! as Emacs `fwrite`s its print buffer: Unicode characters as UTF-8, characters
//! beyond Unicode in Emacs's extended 4/5-byte forms, and raw-byte characters
//! (#x3FFF80..#x3FFFFF) as their two-byte C0/C1 sequences (`(princ "\351")` in
//! `emacs --batch` writes the bytes C1 A9).  Unibyte text is written as-is.  It
//! is buffered like C stdio: fully buffered in 4096-byte blocks when stdout is
//! not a terminal, line-buffered when it is, and flushed at exit (an `atexit`
//! handler) or by [`flush`].  As in Emacs, writing to stderr does not flush
//! stdout, so `2>&1` interleaves output exactly as GNU Emacs does.
//!
//! Standard error is unbuffered and encoded with the locale's coding system, as
//! `message` and `external-debugging-output` do: in a UTF-8 locale raw-byte
//! characters go out as their single byte; in the C locale (no coding system)
//! the internal bytes go out unchanged.  Unibyte text is written as-is.
//!
//! Also kept here: the state Emacs keeps about batch output (the last character
//! `printchar` sent to stdout, used by `terpri`'s ENSURE, and whether a newline
//! is owed to stderr before the next `message`).

use super::string::{char_is_raw_byte, decode_char, encode_char, raw_byte_value};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;

const BLOCK: usize = 4096;

struct StdoutBuf {
    data: Vec<u8>,
    /// None until first use; then whether stdout is a terminal.
    tty: Option<bool>,
}

static STDOUT: Mutex<StdoutBuf> = Mutex::new(StdoutBuf { data: Vec::new(), tty: None });
static AT_EXIT: std::sync::Once = std::sync::Once::new();
static LAST_CHAR: AtomicU32 = AtomicU32::new(0);
static NEED_NEWLINE: AtomicBool = AtomicBool::new(false);

extern "C" fn flush_at_exit() {
    flush();
}

fn write_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        let n = unsafe { libc::write(fd, bytes.as_ptr() as *const libc::c_void, bytes.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if n == 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

fn lock_stdout() -> std::sync::MutexGuard<'static, StdoutBuf> {
    STDOUT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Appends internal bytes to the stdout buffer, flushing as C stdio would.
fn stdout_bytes(bytes: &[u8]) {
    AT_EXIT.call_once(|| unsafe {
        libc::atexit(flush_at_exit);
    });
    let mut b = lock_stdout();
    let tty = *b.tty.get_or_insert_with(|| unsafe { libc::isatty(1) == 1 });
    let mut rest = bytes;
    while !rest.is_empty() {
        let room = BLOCK - b.data.len().min(BLOCK);
        let take = room.min(rest.len());
        b.data.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if b.data.len() >= BLOCK {
            write_fd(1, &b.data);
            b.data.clear();
        }
    }
    if tty && bytes.contains(&b'\n') {
        write_fd(1, &b.data);
        b.data.clear();
    }
}

/// Writes text to standard output.  MULTIBYTE text is Emacs's internal
/// representation and goes out byte for byte (as Emacs's `fwrite` does);
/// unibyte text goes out as-is.
pub fn write_stdout(text: &[u8], multibyte: bool) {
    let _ = multibyte;
    if text.is_empty() {
        return;
    }
    stdout_bytes(text);
    NEED_NEWLINE.store(true, Ordering::Relaxed);
}

/// Writes one character to standard output as Emacs's `printchar` does in
/// batch mode (its internal bytes), remembering it for `terpri`'s ENSURE.
pub fn write_stdout_char(c: u32) {
    let mut buf = Vec::with_capacity(5);
    encode_char(c, &mut buf);
    stdout_bytes(&buf);
    LAST_CHAR.store(c, Ordering::Relaxed);
    NEED_NEWLINE.store(true, Ordering::Relaxed);
}

/// Writes ASCII characters to standard output as successive `printchar`s.
pub fn write_stdout_ascii_chars(text: &[u8]) {
    if let Some(&last) = text.last() {
        stdout_bytes(text);
        LAST_CHAR.store(last as u32, Ordering::Relaxed);
        NEED_NEWLINE.store(true, Ordering::Relaxed);
    }
}

/// The last character `printchar` sent to stdout (0 if none yet).
pub fn last_stdout_char() -> u32 {
    LAST_CHAR.load(Ordering::Relaxed)
}

/// Whether stdout was written since the last `message` (Emacs's
/// `noninteractive_need_newline`); clears the flag.  A batch `message` writes
/// a newline to stderr first when this returns true.
pub fn take_need_newline() -> bool {
    NEED_NEWLINE.swap(false, Ordering::Relaxed)
}

/// Whether the locale's coding system is UTF-8 (`locale-coding-system`
/// `utf-8-unix`), as decided from LC_ALL, LC_CTYPE and LANG.
pub fn locale_is_utf8() -> bool {
    static UTF8: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *UTF8.get_or_init(|| {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        locale.contains("utf-8") || locale.contains("utf8")
    })
}

/// Encodes internal text for stderr with the locale's coding system.
pub fn encode_for_stderr(text: &[u8], multibyte: bool) -> Vec<u8> {
    if !multibyte || !locale_is_utf8() {
        return text.to_vec();
    }
    encode_utf8_emacs(text)
}

/// Encodes internal multibyte text as `utf-8-emacs`: characters as (extended)
/// UTF-8, raw-byte characters as the single bytes they stand for.
pub fn encode_utf8_emacs(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let (c, n) = decode_char(&text[i..]);
        let n = n.clamp(1, text.len() - i);
        if char_is_raw_byte(c) {
            out.push(raw_byte_value(c));
        } else {
            out.extend_from_slice(&text[i..i + n]);
        }
        i += n;
    }
    out
}

/// Writes text to standard error (unbuffered), encoded for the locale.
/// Standard output is not flushed first, as in GNU Emacs.
pub fn write_stderr(text: &[u8], multibyte: bool) {
    let bytes = encode_for_stderr(text, multibyte);
    write_fd(2, &bytes);
}

/// Writes one character to stderr as `external-debugging-output` does.
pub fn write_stderr_char(c: u32) {
    let mut buf = Vec::with_capacity(5);
    encode_char(c, &mut buf);
    write_stderr(&buf, true);
}

/// Writes out whatever standard output holds.
pub fn flush() {
    let mut b = lock_stdout();
    if !b.data.is_empty() {
        write_fd(1, &b.data);
        b.data.clear();
    }
}

/// Writes one line of ASCII/UTF-8 diagnostic text (traces) to stderr.
pub fn write_stderr_line(line: &str) {
    let mut bytes = line.as_bytes().to_vec();
    bytes.push(b'\n');
    write_stderr(&bytes, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_encoding_follows_the_locale() {
        // (message "%s" (string-to-multibyte "\351")) writes E9 in a UTF-8
        // locale and C1 A9 in the C locale; unibyte "\351" is E9 in both.
        let raw = [0xC1, 0xA9];
        let enc = encode_for_stderr(&raw, true);
        if locale_is_utf8() {
            assert_eq!(enc, vec![0xE9]);
        } else {
            assert_eq!(enc, raw.to_vec());
        }
        assert_eq!(encode_for_stderr(&[0xE9], false), vec![0xE9]);
        assert_eq!(encode_for_stderr("é".as_bytes(), true), "é".as_bytes().to_vec());
    }
}
