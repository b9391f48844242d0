//! What fileio.c asks of existing files without changing their contents:
//! the access predicates (`file-exists-p`, `file-readable-p`,
//! `file-writable-p`, `file-executable-p`, `access-file`), the file-type
//! predicates (`file-directory-p`, `file-regular-p`, `file-symlink-p`,
//! `file-accessible-directory-p`), modes and the default mode mask
//! (`file-modes`, `set-file-modes`, `default-file-modes`,
//! `set-default-file-modes`), times (`set-file-times`,
//! `file-newer-than-file-p`), `file-system-info` and
//! `file-name-case-insensitive-p` (always nil on GNU/Linux, as in Emacs).
//! Each expands its file name and consults file name handlers first.

use super::{
    c_name, call_handler, errno, expand_and_dir_to_file, expand_file_name, file_access_p, file_attribute_errno, handler_for,
    invalid_handler, report_file_error, stat_path, var,
};
use crate::builtins::prelude::*;
use crate::builtins::timefns::lisptime::lisp_time_argument;
use std::sync::atomic::{AtomicU32, Ordering};

/// Emacs's `realmask`: the process's umask, as last set.
static REALMASK: AtomicU32 = AtomicU32::new(0o022);

/// Reads the umask (`init_fileio`).
pub fn init() {
    // SAFETY: umask only swaps the process's mask; it is restored at once.
    let mask = unsafe {
        let m = libc::umask(0);
        libc::umask(m);
        m
    };
    REALMASK.store(mask as u32, Ordering::Relaxed);
}

/// The current file-creation mask.
pub fn realmask() -> u32 {
    REALMASK.load(Ordering::Relaxed)
}

/// `check_file_access`: t when FILE (expanded) is accessible for AMODE.
fn check_file_access(file: Value, op: &str, amode: i32) -> LResult {
    let file = expand_file_name(file, Value::NIL)?;
    if let Some(h) = handler_for(file, op)? {
        return call_handler(h, op, &[file]);
    }
    Ok(Value::bool(file_access_p(&c_name(file), amode)))
}

fn f_file_exists_p(a: &[Value]) -> LResult {
    check_file_access(a[0], "file-exists-p", libc::F_OK)
}

fn f_file_executable_p(a: &[Value]) -> LResult {
    check_file_access(a[0], "file-executable-p", libc::X_OK)
}

fn f_file_readable_p(a: &[Value]) -> LResult {
    check_file_access(a[0], "file-readable-p", libc::R_OK)
}

fn f_file_writable_p(a: &[Value]) -> LResult {
    let absname = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(absname, "file-writable-p")? {
        return call_handler(h, "file-writable-p", &[absname]);
    }
    if file_access_p(&c_name(absname), libc::W_OK) {
        return Ok(Value::T);
    }
    if errno() != libc::ENOENT {
        return Ok(Value::NIL);
    }
    let dir = super::names::file_name_directory(absname);
    if !dir.is_string() {
        return Ok(Value::NIL);
    }
    Ok(Value::bool(file_access_p(&c_name(dir), libc::W_OK | libc::X_OK)))
}

fn f_access_file(a: &[Value]) -> LResult {
    let (filename, string) = (a[0], a[1]);
    expect_string(filename)?;
    let absname = expand_file_name(filename, Value::NIL)?;
    let msg = expect_string(string)?;
    if let Some(h) = handler_for(absname, "access-file")? {
        return call_handler(h, "access-file", &[absname, string]);
    }
    if !file_access_p(&c_name(absname), libc::R_OK) {
        let err = errno();
        // The message is the C string STRING (up to a NUL byte), rebuilt.
        let bytes = &msg.data[..msg.data.iter().position(|&b| b == 0).unwrap_or(msg.data.len())];
        let multibyte = !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
        let action = make_string_from_bytes(bytes.to_vec(), multibyte);
        let (symbol, data) = super::file_errno_data_with(action, filename, err);
        return Err(signal(symbol, data));
    }
    Ok(Value::NIL)
}

/// `emacs_readlinkat`: the target of symlink PATH, decoded, or the errno.
pub fn read_link(path: &std::ffi::CString) -> Result<Value, i32> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: BUF is writable for its length; PATH is NUL-terminated.
        let n = unsafe { libc::readlink(path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            return Err(errno());
        }
        let n = n as usize;
        if n < buf.len() {
            return Ok(super::decode_file(&buf[..n]));
        }
        buf.resize(buf.len() * 2, 0);
    }
}

fn f_file_symlink_p(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let filename = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(filename, "file-symlink-p")? {
        return call_handler(h, "file-symlink-p", &[filename]);
    }
    Ok(read_link(&c_name(filename)).unwrap_or(Value::NIL))
}

/// `file_directory_p` on an encoded name: a directory or a symlink to one.
pub fn file_directory_p(path: &std::ffi::CString) -> bool {
    // SAFETY: PATH is NUL-terminated; the descriptor is closed at once.
    let fd = unsafe { libc::open(path.as_ptr(), libc::O_PATH | libc::O_CLOEXEC | libc::O_DIRECTORY) };
    if fd >= 0 {
        unsafe { libc::close(fd) };
        return true;
    }
    false
}

fn f_file_directory_p(a: &[Value]) -> LResult {
    let absname = expand_and_dir_to_file(a[0])?;
    if let Some(h) = handler_for(absname, "file-directory-p")? {
        return call_handler(h, "file-directory-p", &[absname]);
    }
    Ok(Value::bool(file_directory_p(&c_name(absname))))
}

/// `file_accessible_directory_p` on an encoded name: "NAME/." exists.
pub fn file_accessible_directory_p(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return file_access_p(&super::c_path(bytes), libc::F_OK);
    }
    let mut b = bytes.to_vec();
    b.extend_from_slice(if bytes.last() == Some(&b'/') { b"./" } else { b"/./" });
    file_access_p(&super::c_path(&b), libc::F_OK)
}

fn f_file_accessible_directory_p(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let absname = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(absname, "file-accessible-directory-p")? {
        return call_handler(h, "file-accessible-directory-p", &[absname]);
    }
    Ok(Value::bool(file_accessible_directory_p(&super::encode_file(absname))))
}

fn f_file_regular_p(a: &[Value]) -> LResult {
    let absname = expand_and_dir_to_file(a[0])?;
    if let Some(h) = handler_for(absname, "file-regular-p")? {
        return call_handler(h, "file-regular-p", &[absname]);
    }
    let st = stat_path(&c_name(absname), false);
    Ok(Value::bool(st.is_ok_and(|s| s.st_mode & libc::S_IFMT == libc::S_IFREG)))
}

fn f_file_modes(a: &[Value]) -> LResult {
    let (filename, flag) = (a[0], a[1]);
    let absname = expand_and_dir_to_file(filename)?;
    if let Some(h) = handler_for(absname, "file-modes")? {
        return call_handler(h, "file-modes", &[absname, flag]);
    }
    match stat_path(&c_name(absname), !flag.is_nil()) {
        Ok(st) => Ok(Value::fixnum((st.st_mode & 0o7777) as i64)),
        Err(e) => file_attribute_errno(absname, e),
    }
}

fn f_set_file_modes(a: &[Value]) -> LResult {
    let (filename, mode, flag) = (a[0], a[1], a[2]);
    let m = expect_fixnum(mode)?;
    let absname = expand_file_name(filename, var("default-directory"))?;
    if let Some(h) = handler_for(absname, "set-file-modes")? {
        return call_handler(h, "set-file-modes", &[absname, mode, flag]);
    }
    let path = c_name(absname);
    let imode = (m & 0o7777) as libc::mode_t;
    let nofollow = if flag.is_nil() { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    // SAFETY: PATH is NUL-terminated.
    let r = unsafe { libc::fchmodat(libc::AT_FDCWD, path.as_ptr(), imode, nofollow) };
    if r != 0 {
        return Err(report_file_error("Doing chmod", absname));
    }
    Ok(Value::NIL)
}

fn f_set_default_file_modes(a: &[Value]) -> LResult {
    let mode = expect_fixnum(a[0])?;
    let newumask = (!mode & 0o777) as libc::mode_t;
    // SAFETY: sets the process's file-creation mask.
    unsafe { libc::umask(newumask) };
    REALMASK.store(newumask as u32, Ordering::Relaxed);
    Ok(Value::NIL)
}

fn f_default_file_modes(_: &[Value]) -> LResult {
    Ok(Value::fixnum((!realmask() & 0o777) as i64))
}

fn f_set_file_times(a: &[Value]) -> LResult {
    let (filename, timestamp, flag) = (a[0], a[1], a[2]);
    let ts = if timestamp.is_nil() {
        let now = libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW };
        [now, now]
    } else {
        let (s, ns) = lisp_time_argument(timestamp)?;
        let t = libc::timespec { tv_sec: s, tv_nsec: ns };
        [t, t]
    };
    let absname = expand_file_name(filename, var("default-directory"))?;
    if let Some(h) = handler_for(absname, "set-file-times")? {
        return call_handler(h, "set-file-times", &[absname, timestamp, flag]);
    }
    let nofollow = if flag.is_nil() { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let path = c_name(absname);
    // SAFETY: PATH is NUL-terminated and TS holds two timespecs.
    if unsafe { libc::utimensat(libc::AT_FDCWD, path.as_ptr(), ts.as_ptr(), nofollow) } != 0 {
        return Err(report_file_error("Setting file times", absname));
    }
    Ok(Value::T)
}

fn mtime(st: &libc::stat) -> (i64, i64) {
    (st.st_mtime, st.st_mtime_nsec)
}

fn f_file_newer_than_file_p(a: &[Value]) -> LResult {
    let (file1, file2) = (a[0], a[1]);
    expect_string(file1)?;
    expect_string(file2)?;
    let abs1 = expand_and_dir_to_file(file1)?;
    let abs2 = expand_and_dir_to_file(file2)?;
    let handler = match handler_for(abs1, "file-newer-than-file-p")? {
        Some(h) => Some(h),
        None => handler_for(abs2, "file-newer-than-file-p")?,
    };
    if let Some(h) = handler {
        return call_handler(h, "file-newer-than-file-p", &[abs1, abs2]);
    }
    let st1 = match stat_path(&c_name(abs1), false) {
        Ok(st) => st,
        Err(e) => return file_attribute_errno(abs1, e),
    };
    match stat_path(&c_name(abs2), false) {
        Ok(st2) => Ok(Value::bool(mtime(&st2) < mtime(&st1))),
        Err(e) => {
            file_attribute_errno(abs2, e)?;
            Ok(Value::T)
        }
    }
}

fn f_file_system_info(a: &[Value]) -> LResult {
    let filename = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(filename, "file-system-info")? {
        let r = call_handler(h, "file-system-info", &[filename])?;
        return if r.is_cons() || r.is_nil() { Ok(r) } else { Err(invalid_handler()) };
    }
    let path = c_name(filename);
    // SAFETY: zeroed is a valid statvfs; PATH is NUL-terminated.
    let mut u: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut u) } != 0 {
        let e = errno();
        return if e == libc::ENOSYS { Ok(Value::NIL) } else { file_attribute_errno(filename, e) };
    }
    let bsize = if u.f_frsize != 0 { u.f_frsize as i128 } else { u.f_bsize as i128 };
    let bytes = |blocks: u64| make_int_i128(bsize * blocks as i128);
    Ok(list(&[bytes(u.f_blocks), bytes(u.f_bfree), bytes(u.f_bavail)]))
}

fn f_file_name_case_insensitive_p(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let filename = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(filename, "file-name-case-insensitive-p")? {
        return call_handler(h, "file-name-case-insensitive-p", &[filename]);
    }
    // GNU/Linux has neither _PC_CASE_INSENSITIVE nor _PC_CASE_SENSITIVE:
    // Emacs takes every file system there to be case-sensitive.
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("file-exists-p", 1, 1, f_file_exists_p, "Return t if file FILENAME exists (whether or not you can read it)."),
    SubrDef::new("file-executable-p", 1, 1, f_file_executable_p, "Return t if FILENAME can be executed by you."),
    SubrDef::new("file-readable-p", 1, 1, f_file_readable_p, "Return t if file FILENAME exists and you can read it."),
    SubrDef::new("file-writable-p", 1, 1, f_file_writable_p, "Return t if file FILENAME can be written or created by you."),
    SubrDef::new("access-file", 2, 2, f_access_file, "Access file FILENAME, and get an error if that does not work."),
    SubrDef::new("file-symlink-p", 1, 1, f_file_symlink_p, "Return non-nil if file FILENAME is the name of a symbolic link."),
    SubrDef::new("file-directory-p", 1, 1, f_file_directory_p, "Return t if FILENAME names an existing directory."),
    SubrDef::new(
        "file-accessible-directory-p",
        1,
        1,
        f_file_accessible_directory_p,
        "Return t if FILENAME names a directory you can open.",
    ),
    SubrDef::new("file-regular-p", 1, 1, f_file_regular_p, "Return t if FILENAME names a regular file."),
    SubrDef::new("file-modes", 1, 2, f_file_modes, "Return mode bits of file named FILENAME, as an integer."),
    SubrDef::new("set-file-modes", 2, 3, f_set_file_modes, "Set mode bits of file named FILENAME to MODE (an integer)."),
    SubrDef::new("set-default-file-modes", 1, 1, f_set_default_file_modes, "Set the file permission bits for newly created files."),
    SubrDef::new("default-file-modes", 0, 0, f_default_file_modes, "Return the default file protection for created files."),
    SubrDef::new("set-file-times", 1, 3, f_set_file_times, "Set times of file FILENAME to TIMESTAMP."),
    SubrDef::new("file-newer-than-file-p", 2, 2, f_file_newer_than_file_p, "Return t if file FILE1 is newer than file FILE2."),
    SubrDef::new("file-system-info", 1, 1, f_file_system_info, "Return storage information about the file system FILENAME is on."),
    SubrDef::new(
        "file-name-case-insensitive-p",
        1,
        1,
        f_file_name_case_insensitive_p,
        "Return t if file FILENAME is on a case-insensitive filesystem.",
    ),
];
