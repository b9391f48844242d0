//! GNU Emacs's fileio.c: file names, file predicates and attributes, and
//! file operations.  This module holds what they share: how a Lisp file
//! name becomes the bytes handed to the system (`ENCODE_FILE`: UTF-8, raw
//! bytes as themselves — Enoki's only file-name coding) and back
//! (`DECODE_FILE`), the errors a failed system call signals
//! (`report_file_errno`: `file-missing`, `file-already-exists`,
//! `permission-denied` or `file-error`, with the action, the system's
//! message and the file names), and file name handlers
//! (`find-file-name-handler`, which every primitive consults through
//! `handler_for` and calls through `call_handler`, exactly where Emacs does).
//!
//! The primitives live in focused files: `names` (pure file-name string
//! functions), `subst` (`substitute-in-file-name`, `file-name-concat`),
//! `predicates` (access tests, modes, times), `ops` (creating, renaming,
//! copying and deleting files), `io` (`insert-file-contents`,
//! `write-region`, with the coding systems of `coding`) and `time` (the Lisp timestamps they read and make).

pub mod coding;
pub mod io;
pub mod names;
pub mod ops;
pub mod predicates;
pub mod subst;

use crate::builtins::prelude::*;
use crate::runtime::regex::cache::{self, Env};
use crate::runtime::regex::{CharVec, CompileError};
use crate::runtime::specpdl::value_cell;
use std::ffi::CString;

pub use names::expand_file_name;

/// The value of variable NAME, nil when void.
pub fn var(name: &str) -> Value {
    let v = value_cell(intern(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// `ENCODE_FILE`: the bytes the system sees for file name NAME (a string).
/// A multibyte name is encoded as UTF-8 (raw-byte characters as their
/// bytes, as the `utf-8` coding system does); a unibyte one is its bytes.
pub fn encode_file(name: Value) -> Vec<u8> {
    let s = name.string_ref();
    if !s.multibyte {
        return s.data.clone();
    }
    let mut out = Vec::with_capacity(s.data.len());
    let data = &s.data;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if (b == 0xC0 || b == 0xC1) && i + 1 < data.len() {
            out.push(((b & 1) << 6) | (data[i + 1] & 0x3F) | 0x80);
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

/// `DECODE_FILE`: a file name from the system's bytes (UTF-8; other bytes
/// become raw-byte characters; an ASCII name gives a unibyte string).
pub fn decode_file(bytes: &[u8]) -> Value {
    crate::runtime::load::decode_source(bytes)
}

/// The C string a system call gets for BYTES: like Emacs's `SSDATA`, it
/// ends at the first NUL byte.
pub fn c_path(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// The encoded C path of file name NAME.
pub fn c_name(name: Value) -> CString {
    c_path(&encode_file(name))
}

/// The calling thread's `errno`.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The system's message for error number ERR (`emacs_strerror`).
pub fn strerror(err: i32) -> Value {
    let mut buf = [0u8; 256];
    // SAFETY: BUF is writable for its length; strerror_r NUL-terminates.
    let r = unsafe { libc::strerror_r(err, buf.as_mut_ptr().cast(), buf.len()) };
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    if r != 0 || end == 0 {
        return make_string(&format!("Unknown error {err}"));
    }
    decode_file(&buf[..end])
}

/// `get_file_errno_data`: the error symbol and data for ACTION failing on
/// NAME (a file name, or a list of them, or nil) with ERR.
pub fn file_errno_data(action: &str, name: Value, err: i32) -> (Value, Value) {
    file_errno_data_with(make_string(action), name, err)
}

/// `get_file_errno_data` with the action as a Lisp string.
pub fn file_errno_data_with(action: Value, name: Value, err: i32) -> (Value, Value) {
    let names = if name.is_cons() || name.is_nil() { name } else { list1(name) };
    let errdata = cons(strerror(err), names);
    if err == libc::EEXIST {
        return (intern("file-already-exists"), errdata);
    }
    let symbol = match err {
        libc::ENOENT => sym::FILE_MISSING,
        libc::EACCES => intern("permission-denied"),
        _ => sym::FILE_ERROR,
    };
    (symbol, cons(action, errdata))
}

/// `report_file_errno`: signals ACTION's failure on NAME with ERR.
pub fn report_file_errno(action: &str, name: Value, err: i32) -> Flow {
    let (symbol, data) = file_errno_data(action, name, err);
    signal(symbol, data)
}

/// `report_file_error`: as `report_file_errno` with the current `errno`.
pub fn report_file_error(action: &str, name: Value) -> Flow {
    report_file_errno(action, name, errno())
}

/// `file_metadata_errno`: nil when ERR says FILE does not exist (or is
/// no error), else the error.
pub fn file_metadata_errno(action: &str, file: Value, err: i32) -> LResult {
    if err == libc::ENOENT || err == libc::ENOTDIR || err == 0 {
        return Ok(Value::NIL);
    }
    Err(report_file_errno(action, file, err))
}

/// `file_attribute_errno`.
pub fn file_attribute_errno(file: Value, err: i32) -> LResult {
    file_metadata_errno("Getting attributes", file, err)
}

/// `(wrong-type-argument filenamep NAME)` when NAME has a NUL byte
/// (`CHECK_STRING_NULL_BYTES`).
pub fn check_no_nul(name: Value) -> LResult<()> {
    if name.string_ref().data.contains(&0) {
        return Err(wrong_type(intern("filenamep"), name));
    }
    Ok(())
}

/// `error ("Invalid handler in `file-name-handler-alist'")`.
pub fn invalid_handler() -> Flow {
    let msg = funcall(intern("format-message"), &[make_string("Invalid handler in `file-name-handler-alist'")]);
    match msg {
        Ok(m) => error_value(m),
        Err(f) => f,
    }
}

/// `fast_string_match`: where REGEXP (a string) first matches STRING, without
/// touching the match data; FOLD folds case with the current case table.
pub fn fast_string_match(regexp: Value, string: Value, fold: bool) -> LResult<Option<usize>> {
    let env = Env::current(fold);
    let s = string.string_ref();
    let r = cache::with_regexp(regexp, &env, false, None, |re, menv| {
        let size = s.nchars;
        if !s.multibyte || s.nchars == s.data.len() {
            re.search(&*s, 0, size as i64, size, menv, None)
        } else {
            let cv = CharVec { chars: s.chars().collect(), multibyte: true };
            re.search(&cv, 0, size as i64, size, menv, None)
        }
    })
    .map_err(|e: CompileError| signal(intern("invalid-regexp"), list1(make_string(e.message()))))?;
    match r {
        Err(_) => Err(error("Stack overflow in regexp matcher")),
        Ok(found) => Ok(found),
    }
}

/// `find-file-name-handler`: FILENAME's handler for OPERATION, or nil.
pub fn find_file_name_handler(filename: Value, operation: Value) -> LResult {
    expect_string(filename)?;
    let inhibited = if operation == var("inhibit-file-name-operation") { var("inhibit-file-name-handlers") } else { Value::NIL };
    let mut result = Value::NIL;
    let mut pos: i64 = -1;
    let mut chain = var("file-name-handler-alist");
    // The alist may be changed by nothing here (no Lisp runs), but guard
    // against a circular one all the same.
    let mut steps = 0usize;
    let mut tortoise = chain;
    while chain.is_cons() {
        let elt = chain.car();
        if elt.is_cons() {
            let string = elt.car();
            let handler = elt.cdr();
            let operations = if handler.is_symbol() { get(handler, intern("operations")) } else { Value::NIL };
            if string.is_string() {
                let at = fast_string_match(string, filename, false)?.map_or(-1, |p| p as i64);
                let wanted = operations.is_nil() || operations.iter().any(|o| o == operation);
                if at > pos && wanted && !inhibited.iter().any(|h| h == handler) {
                    result = handler;
                    pos = at;
                }
            }
        }
        chain = chain.cdr();
        steps += 1;
        if steps.is_power_of_two() {
            tortoise = chain;
        } else if chain == tortoise {
            return Err(signal(intern("circular-list"), list1(var("file-name-handler-alist"))));
        }
    }
    Ok(result)
}

fn f_find_file_name_handler(a: &[Value]) -> LResult {
    find_file_name_handler(a[0], a[1])
}

/// The handler of FILE for operation OP (named by a string), or None.
pub fn handler_for(file: Value, op: &str) -> LResult<Option<Value>> {
    let h = find_file_name_handler(file, intern(op))?;
    Ok(if h.is_nil() { None } else { Some(h) })
}

/// Calls HANDLER as Emacs does: `(funcall HANDLER 'OP ARGS...)`.
pub fn call_handler(handler: Value, op: &str, args: &[Value]) -> LResult {
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(intern(op));
    v.extend_from_slice(args);
    funcall(handler, &v)
}

/// `expand_and_dir_to_file`: FILENAME expanded, without a final slash
/// (unless it is the root).
pub fn expand_and_dir_to_file(filename: Value) -> LResult {
    let abs = expand_file_name(filename, Value::NIL)?;
    let s = abs.string_ref();
    if s.nchars > 1 && s.data.last() == Some(&b'/') {
        return names::directory_file_name(abs);
    }
    Ok(abs)
}

/// The `struct stat` of PATH (following symlinks unless NOFOLLOW), or the
/// error number.
pub fn stat_path(path: &CString, nofollow: bool) -> Result<libc::stat, i32> {
    // SAFETY: zeroed is a valid `stat`; PATH is NUL-terminated.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let flag = if nofollow { libc::AT_SYMLINK_NOFOLLOW } else { 0 };
    let r = unsafe { libc::fstatat(libc::AT_FDCWD, path.as_ptr(), &mut st, flag) };
    if r == 0 {
        Ok(st)
    } else {
        Err(errno())
    }
}

/// `file_access_p`: whether PATH is accessible for AMODE (effective ids).
pub fn file_access_p(path: &CString, amode: i32) -> bool {
    // SAFETY: PATH is NUL-terminated.
    unsafe { libc::faccessat(libc::AT_FDCWD, path.as_ptr(), amode, libc::AT_EACCESS) == 0 }
}

pub static SUBRS: &[SubrDef] = &[SubrDef::new(
    "find-file-name-handler",
    2,
    2,
    f_find_file_name_handler,
    "Return FILENAME's handler function for OPERATION, if it has one.",
)];

/// Defines fileio.c's variables.
pub fn init() {
    defvar_lisp("file-name-handler-alist", Value::NIL);
    defvar_lisp("inhibit-file-name-handlers", Value::NIL);
    defvar_lisp("inhibit-file-name-operation", Value::NIL);
    defvar_lisp("file-name-coding-system", Value::NIL);
    defvar_lisp("default-file-name-coding-system", Value::NIL);
    defvar_lisp("after-insert-file-functions", Value::NIL);
    defvar_lisp("write-region-annotate-functions", Value::NIL);
    defvar_lisp("write-region-post-annotation-function", Value::NIL);
    defvar_lisp("write-region-annotations-so-far", Value::NIL);
    defvar_lisp("write-region-inhibit-fsync", Value::T);
    defvar_lisp("delete-by-moving-to-trash", Value::NIL);
    defvar_lisp("set-auto-coding-function", Value::NIL);
    // Variables of coding.c that file I/O reads, when
    // nothing has defined them yet.
    for (name, value) in
        [("coding-system-for-read", Value::NIL), ("coding-system-for-write", Value::NIL), ("last-coding-system-used", Value::NIL)]
    {
        if !intern(name).sym().special {
            defvar_lisp(name, value);
        }
    }
    predicates::init();
}

/// Every subr table of fileio.c.
pub fn tables() -> Vec<&'static [SubrDef]> {
    vec![SUBRS, names::SUBRS, subst::SUBRS, predicates::SUBRS, ops::SUBRS, io::SUBRS]
}
