//! The process and user facts of GNU Emacs's editfns.c: `emacs-pid`, the
//! user and group ids and names (`user-login-name`, `user-uid`,
//! `group-name`, `user-full-name`...), `system-name`, and the batch-mode
//! echo-area primitives `current-message`, `message-box` and
//! `message-or-box`.  The variables `user-login-name`, `user-full-name`,
//! `user-real-login-name`, `system-name` and `operating-system-release`
//! are computed at start-up as `init_editfns` does.
use crate::builtins::prelude::*;
use crate::runtime::specpdl::value_cell;
use std::ffi::{CStr, CString};

thread_local! {
    /// The `system-name` string last computed (`cached_system_name`), with
    /// its bytes: the value is not a GC root, so it only counts as the
    /// cached one when both still match.
    static CACHED_SYSTEM_NAME: std::cell::RefCell<(Value, Vec<u8>)> = const { std::cell::RefCell::new((Value::NIL, Vec::new())) };
}

/// `cons_to_unsigned`: an integer, an integral float, or a cons of
/// integers (HI . LO) / (HI MID . LO), at most MAX.
pub fn cons_to_unsigned(c: Value, max: u64) -> LResult<u64> {
    let bad = || error("Not an in-range integer, integral float, or cons of integers");
    let to_u64 = |v: Value| -> Option<u64> {
        if let Some(n) = v.as_fixnum() {
            u64::try_from(n).ok()
        } else {
            v.as_bignum().and_then(|b| u64::try_from(b).ok())
        }
    };
    let fixnat_below = |v: Value, lim: i64| v.as_fixnum().filter(|&n| (0..lim).contains(&n)).map(|n| n as u64);
    let val = if c.is_float() {
        let d = c.float_value();
        if !(d >= 0.0 && d < 1.0 + max as f64) || d.fract() != 0.0 {
            return Err(bad());
        }
        d as u64
    } else {
        let hi = if c.is_cons() { c.car() } else { c };
        let top = to_u64(hi).ok_or_else(bad)?;
        if !c.is_cons() {
            top
        } else {
            let rest = c.cdr();
            let three = top <= u64::MAX >> 40 && rest.is_cons();
            match (three, three.then(|| (fixnat_below(rest.car(), 1 << 24), fixnat_below(rest.cdr(), 1 << 16)))) {
                (true, Some((Some(mid), Some(lo)))) => (top << 40) | (mid << 16) | lo,
                _ => {
                    if top > u64::MAX >> 16 {
                        return Err(bad());
                    }
                    let lo = if rest.is_cons() { rest.car() } else { rest };
                    (top << 16) | fixnat_below(lo, 1 << 16).ok_or_else(bad)?
                }
            }
        }
    };
    if val > max {
        return Err(bad());
    }
    Ok(val)
}

struct PwEntry {
    name: Vec<u8>,
    gecos: Option<Vec<u8>>,
}

fn pw_from(pw: *const libc::passwd) -> Option<PwEntry> {
    if pw.is_null() {
        return None;
    }
    // SAFETY: a non-null result of getpw*_r points into our buffer.
    unsafe {
        let p = &*pw;
        let gecos = (!p.pw_gecos.is_null()).then(|| CStr::from_ptr(p.pw_gecos).to_bytes().to_vec());
        Some(PwEntry { name: CStr::from_ptr(p.pw_name).to_bytes().to_vec(), gecos })
    }
}

fn getpw(by: Result<u32, &CStr>) -> Option<PwEntry> {
    let mut buf = vec![0 as libc::c_char; 16384];
    // SAFETY: plain libc reentrant lookups into our own buffers.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut res: *mut libc::passwd = std::ptr::null_mut();
        let rc = match by {
            Ok(uid) => libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut res),
            Err(name) => libc::getpwnam_r(name.as_ptr(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut res),
        };
        if rc != 0 {
            return None;
        }
        pw_from(res)
    }
}

fn group_name_of(gid: u32) -> Option<Vec<u8>> {
    let mut buf = vec![0 as libc::c_char; 16384];
    // SAFETY: reentrant lookup into our own buffers.
    unsafe {
        let mut grp: libc::group = std::mem::zeroed();
        let mut res: *mut libc::group = std::ptr::null_mut();
        if libc::getgrgid_r(gid, &mut grp, buf.as_mut_ptr(), buf.len(), &mut res) != 0 || res.is_null() {
            return None;
        }
        Some(CStr::from_ptr((*res).gr_name).to_bytes().to_vec())
    }
}

/// `build_string`: unibyte when ASCII, otherwise decoded as UTF-8.
fn build(bytes: &[u8]) -> Value {
    if bytes.is_ascii() {
        make_string_from_bytes(bytes.to_vec(), false)
    } else {
        make_string(&String::from_utf8_lossy(bytes))
    }
}

fn ids() -> (u32, u32, u32, u32) {
    // SAFETY: these calls cannot fail.
    unsafe { (libc::geteuid(), libc::getuid(), libc::getegid(), libc::getgid()) }
}

/// The full name of a password entry: gecos up to its first comma, with
/// `&` replaced by the capitalized login name.
fn full_name_of(pw: &PwEntry) -> Value {
    let Some(g) = &pw.gecos else { return Value::NIL };
    let mut full: Vec<u8> = g.split(|&b| b == b',').next().unwrap_or(&[]).to_vec();
    if let Some(i) = full.iter().position(|&b| b == b'&') {
        let mut login = pw.name.clone();
        if let Some(c) = login.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        full.splice(i..=i, login);
    }
    build(&full)
}

fn f_user_full_name(a: &[Value]) -> LResult {
    let uid = a[0];
    let pw = if uid.is_nil() {
        return Ok(value_cell(intern("user-full-name")));
    } else if uid.is_number() {
        getpw(Ok(cons_to_unsigned(uid, u32::MAX as u64)? as u32))
    } else if uid.is_string() {
        let s = uid.string_ref();
        match CString::new(s.data.clone()) {
            Ok(c) => getpw(Err(&c)),
            Err(_) => None,
        }
    } else {
        return Err(error("Invalid UID specification"));
    };
    Ok(pw.map_or(Value::NIL, |p| full_name_of(&p)))
}

fn f_user_login_name(a: &[Value]) -> LResult {
    if a[0].is_nil() {
        return Ok(value_cell(intern("user-login-name")));
    }
    let id = cons_to_unsigned(a[0], u32::MAX as u64)? as u32;
    Ok(getpw(Ok(id)).map_or(Value::NIL, |p| build(&p.name)))
}

fn f_user_real_login_name(_a: &[Value]) -> LResult {
    Ok(value_cell(intern("user-real-login-name")))
}

fn f_user_uid(_a: &[Value]) -> LResult {
    Ok(make_int(ids().0 as i64))
}
fn f_user_real_uid(_a: &[Value]) -> LResult {
    Ok(make_int(ids().1 as i64))
}
fn f_group_gid(_a: &[Value]) -> LResult {
    Ok(make_int(ids().2 as i64))
}
fn f_group_real_gid(_a: &[Value]) -> LResult {
    Ok(make_int(ids().3 as i64))
}

fn f_group_name(a: &[Value]) -> LResult {
    if !a[0].is_number() && !a[0].is_cons() {
        return Err(error("Invalid GID specification"));
    }
    let id = cons_to_unsigned(a[0], u32::MAX as u64)? as u32;
    Ok(group_name_of(id).map_or(Value::NIL, |n| build(&n)))
}

fn f_emacs_pid(_a: &[Value]) -> LResult {
    Ok(make_int(std::process::id() as i64))
}

/// The host name, with blanks replaced by dashes (`init_system_name`).
fn host_name() -> Vec<u8> {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
    if rc != 0 {
        return Vec::new();
    }
    let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    buf[..n].iter().map(|&b| if b == b' ' || b == b'\t' { b'-' } else { b }).collect()
}

/// `init_and_cache_system_name`: keeps the old string when unchanged.
fn init_system_name() {
    let name = host_name();
    let sym = intern("system-name");
    let old = value_cell(sym);
    let v = if old.is_string() && old.string_ref().data == name { old } else { build(&name) };
    let _ = crate::runtime::specpdl::set_default(sym, v);
    CACHED_SYSTEM_NAME.with(|c| *c.borrow_mut() = (v, name));
}

fn f_system_name(_a: &[Value]) -> LResult {
    let sym = intern("system-name");
    let v = value_cell(sym);
    let cached = CACHED_SYSTEM_NAME.with(|c| {
        let c = c.borrow();
        v == c.0 && v.is_string() && v.string_ref().data == c.1
    });
    if cached {
        init_system_name();
    }
    Ok(value_cell(sym))
}

fn f_current_message(_a: &[Value]) -> LResult {
    // Batch mode has no echo area: messages go to standard error.
    Ok(Value::NIL)
}

/// `message-box`: in batch mode the dialog shows nothing; nil clears
/// the echo area (writes a newline).
fn f_message_box(a: &[Value]) -> LResult {
    if a[0].is_nil() {
        super::message_to_stderr(None);
        return Ok(Value::NIL);
    }
    super::format::styled_format(a, true)
}

fn f_message_or_box(a: &[Value]) -> LResult {
    let ev = value_cell(intern("last-nonmenu-event"));
    let ev = if ev == Value::UNBOUND { Value::NIL } else { ev };
    let dialog = value_cell(intern("use-dialog-box"));
    if (ev.is_nil() || ev.is_cons()) && !dialog.is_nil() {
        return f_message_box(a);
    }
    super::f_message(a)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("emacs-pid", 0, 0, f_emacs_pid, "Return the process ID of Emacs, as an integer."),
    SubrDef::new("user-login-name", 0, 1, f_user_login_name, "Return the name under which the user logged in, as a string."),
    SubrDef::new("user-real-login-name", 0, 0, f_user_real_login_name, "Return the name of the user's real uid, as a string."),
    SubrDef::new("user-uid", 0, 0, f_user_uid, "Return the effective uid of Emacs, as an integer."),
    SubrDef::new("user-real-uid", 0, 0, f_user_real_uid, "Return the real uid of Emacs, as an integer."),
    SubrDef::new("group-name", 1, 1, f_group_name, "Return the name of the group whose numeric group ID is GID."),
    SubrDef::new("group-gid", 0, 0, f_group_gid, "Return the effective gid of Emacs, as an integer."),
    SubrDef::new("group-real-gid", 0, 0, f_group_real_gid, "Return the real gid of Emacs, as an integer."),
    SubrDef::new("user-full-name", 0, 1, f_user_full_name, "Return the full name of the user logged in, as a string."),
    SubrDef::new("system-name", 0, 0, f_system_name, "Return the host name of the machine you are running on, as a string."),
    SubrDef::new("current-message", 0, 0, f_current_message, "Return the string currently displayed in the echo area, or nil if none."),
    SubrDef::new("message-box", 1, MANY, f_message_box, "Display a message, in a dialog box if possible."),
    SubrDef::new("message-or-box", 1, MANY, f_message_or_box, "Display a message in a dialog box or in the echo area."),
];

fn env_bytes(name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStringExt;
    std::env::var_os(name).map(|v| v.into_vec())
}

/// `init_editfns`: the user and system variables.
pub fn init() {
    defvar_lisp("system-name", Value::NIL);
    init_system_name();
    let (euid, uid, _, _) = ids();
    let real = getpw(Ok(uid)).map_or_else(|| b"unknown".to_vec(), |p| p.name);
    defvar_lisp("user-real-login-name", build(&real));
    let login = env_bytes("LOGNAME")
        .or_else(|| env_bytes("USER"))
        .unwrap_or_else(|| getpw(Ok(euid)).map_or_else(|| b"unknown".to_vec(), |p| p.name));
    defvar_lisp("user-login-name", build(&login));
    let pw = if login == real { CString::new(login).ok().and_then(|c| getpw(Err(&c))) } else { getpw(Ok(euid)) };
    let mut full = pw.map_or(Value::NIL, |p| full_name_of(&p));
    if let Some(n) = env_bytes("NAME") {
        full = build(&n);
    } else if full.is_nil() {
        full = build(b"unknown");
    }
    defvar_lisp("user-full-name", full);
    let release = {
        // SAFETY: uname fills our zeroed struct.
        let mut u: libc::utsname = unsafe { std::mem::zeroed() };
        if unsafe { libc::uname(&mut u) } == 0 {
            build(unsafe { CStr::from_ptr(u.release.as_ptr()) }.to_bytes())
        } else {
            Value::NIL
        }
    };
    defvar_lisp("operating-system-release", release);
    if value_cell(intern("use-dialog-box")) == Value::UNBOUND {
        defvar_bool("use-dialog-box", Value::T);
    }
}
