//! fns.c's dealings with the outside world: `locale-info` (nl_langinfo of
//! the environment's locale, as Emacs's `setlocale (LC_ALL, "")` sees it)
//! and `yes-or-no-p` as in batch mode (the prompt goes to standard output
//! and the answer is a line read from standard input).
use crate::builtins::prelude::*;
use crate::runtime::output;
use crate::runtime::specpdl::value_cell;
use std::ffi::CStr;
use std::io::Read;

/// glibc's `_NL_ITEM (__LC_PAPER, 0)` and `_NL_ITEM (__LC_PAPER, 1)`.
const NL_PAPER_HEIGHT: libc::nl_item = 7 << 16;
const NL_PAPER_WIDTH: libc::nl_item = (7 << 16) | 1;

/// `build_string` of a C string: unibyte when ASCII, else decoded UTF-8.
fn build(bytes: &[u8]) -> Value {
    if bytes.is_ascii() {
        make_string_from_bytes(bytes.to_vec(), false)
    } else {
        make_string(&String::from_utf8_lossy(bytes))
    }
}

/// Runs F with the environment's locale (an `newlocale` object, freed after).
fn with_env_locale<T>(f: impl FnOnce(libc::locale_t) -> T) -> Option<T> {
    // SAFETY: newlocale with the empty name reads the environment; the
    // object is freed below and not used after.
    unsafe {
        let loc = libc::newlocale(libc::LC_ALL_MASK, c"".as_ptr(), std::ptr::null_mut());
        let loc = if loc.is_null() { libc::newlocale(libc::LC_ALL_MASK, c"C".as_ptr(), std::ptr::null_mut()) } else { loc };
        if loc.is_null() {
            return None;
        }
        let r = f(loc);
        libc::freelocale(loc);
        Some(r)
    }
}

fn langinfo(loc: libc::locale_t, item: libc::nl_item) -> Vec<u8> {
    // SAFETY: nl_langinfo_l returns a valid NUL-terminated string.
    unsafe {
        let p = libc::nl_langinfo_l(item, loc);
        if p.is_null() {
            Vec::new()
        } else {
            CStr::from_ptr(p).to_bytes().to_vec()
        }
    }
}

fn names(loc: libc::locale_t, first: libc::nl_item, n: i32) -> Value {
    make_vector((0..n).map(|i| build(&langinfo(loc, first + i))).collect())
}

pub fn f_locale_info(a: &[Value]) -> LResult {
    let item = a[0];
    let r = with_env_locale(|loc| {
        if item == intern("codeset") {
            build(&langinfo(loc, libc::CODESET))
        } else if item == intern("days") {
            names(loc, libc::DAY_1, 7)
        } else if item == intern("months") {
            names(loc, libc::MON_1, 12)
        } else if item == intern("paper") {
            // SAFETY: for these items glibc returns an integer in the pointer.
            let (w, h) = unsafe {
                (libc::nl_langinfo_l(NL_PAPER_WIDTH, loc) as isize as i32, libc::nl_langinfo_l(NL_PAPER_HEIGHT, loc) as isize as i32)
            };
            list(&[Value::fixnum(w as i64), Value::fixnum(h as i64)])
        } else {
            Value::NIL
        }
    });
    Ok(r.unwrap_or(Value::NIL))
}

/// Writes BYTES to standard output as a plain `fwrite` (not `printchar`):
/// whether a batch `message` must start a new line stays as it was.
fn write_stdout_raw(bytes: &[u8]) {
    let was = output::take_need_newline();
    output::write_stdout(bytes, false);
    if !was {
        output::take_need_newline();
    }
    output::flush();
}

/// `read_minibuf_noninteractive`: writes PROMPT to standard output and
/// reads one line (up to newline or return) from standard input; EOF
/// before any character signals `end-of-file`.
fn read_line_batch(prompt: Value) -> LResult {
    let p = prompt.string_ref();
    write_stdout_raw(&p.data);
    let mut line = Vec::new();
    let mut stdin = std::io::stdin().lock();
    let mut byte = [0u8; 1];
    let mut ended = false;
    loop {
        match stdin.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' || byte[0] == b'\r' => {
                ended = true;
                break;
            }
            Ok(_) => line.push(byte[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    if line.is_empty() && !ended {
        return Err(signal_list(intern("end-of-file"), &[make_string("Error reading from stdin")]));
    }
    Ok(build(&line))
}

fn var_or_nil(name: &str) -> Value {
    let v = value_cell(intern(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

pub fn f_yes_or_no_p(a: &[Value]) -> LResult {
    let mut prompt = a[0];
    expect_string(prompt)?;
    if !var_or_nil("use-short-answers").is_nil() {
        return funcall(intern("y-or-n-p"), &[prompt]);
    }
    let last = prompt.string_ref().data.last().copied();
    if last.is_some_and(|c| !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) {
        prompt = funcall(intern("concat"), &[prompt, make_string(" ")])?;
    }
    prompt = funcall(intern("concat"), &[prompt, var_or_nil("yes-or-no-prompt")])?;
    loop {
        let ans = read_line_batch(prompt)?;
        let ans = funcall(intern("downcase"), &[ans])?;
        let s = &ans.string_ref().data;
        if s.as_slice() == b"yes" {
            return Ok(Value::T);
        }
        if s.as_slice() == b"no" {
            return Ok(Value::NIL);
        }
        // `ding` writes a bell to standard output in batch mode.
        write_stdout_raw(b"\x07");
        crate::builtins::xdisp::message3(make_string("Please answer yes or no."))?;
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
}
