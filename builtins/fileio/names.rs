//! File names as strings, with Unix semantics, as fileio.c computes them:
//! `expand-file-name` (the buffer's `default-directory`, `~` and `~USER`,
//! collapsing `//`, `/./` and `/../`, and the multibyte/unibyte rules for
//! mixing NAME and the directory), `file-name-directory`,
//! `file-name-nondirectory`, `file-name-as-directory`,
//! `directory-file-name`, `directory-name-p`, `file-name-absolute-p` and
//! `unhandled-file-name-directory`.  Also the home directories these use
//! (`get_homedir`, `user_homedir`) and `egetenv`.
//!
//! Each primitive gives its file name handler the first word, as Emacs's
//! does.  Strings are handled as bytes, as the C code does, so multibyte
//! and unibyte names keep their representation.

use super::{c_path, call_handler, check_no_nul, decode_file, handler_for, invalid_handler, var};
use crate::builtins::prelude::*;
use std::ffi::CStr;

/// A string's bytes and multibyteness.
fn bytes_of(v: Value) -> (Vec<u8>, bool) {
    let s = v.string_ref();
    (s.data.clone(), s.multibyte)
}

/// `make_specified_string`: a new string of BYTES, multibyte or not.
pub fn specified_string(bytes: &[u8], multibyte: bool) -> Value {
    make_string_from_bytes(bytes.to_vec(), multibyte)
}

/// A handler's answer that must be a string, else the "Invalid handler" error.
fn handled_string(v: Value) -> LResult {
    if v.is_string() {
        Ok(v)
    } else {
        Err(invalid_handler())
    }
}

/// A handler's answer when only a string counts (anything else is nil).
fn string_or_nil(v: Value) -> Value {
    if v.is_string() {
        v
    } else {
        Value::NIL
    }
}

/// `egetenv`: VAR's value in `process-environment` when that variable
/// exists (an entry "VAR=VALUE", or "VAR" meaning unset), else in the
/// process's environment.
pub fn egetenv(name: &str) -> Option<Vec<u8>> {
    egetenv_bytes(name.as_bytes())
}

/// `egetenv` for a variable name given as bytes.
pub fn egetenv_bytes(name: &[u8]) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let env = crate::runtime::specpdl::value_cell(intern("process-environment"));
    if env == Value::UNBOUND {
        let mut entries = std::env::vars_os();
        return entries.find_map(|(k, v)| {
            let mut e = k.as_bytes().to_vec();
            e.push(b'=');
            e.extend_from_slice(v.as_bytes());
            env_entry_value(&e, name).flatten()
        });
    }
    for entry in env.iter() {
        if entry.is_string() {
            if let Some(found) = env_entry_value(&super::encode_file(entry), name) {
                return found;
            }
        }
    }
    None
}

/// What environment entry E ("VAR=VALUE", or "VAR" for an unset
/// variable) says about NAME: None when it is about another variable.
fn env_entry_value(e: &[u8], name: &[u8]) -> Option<Option<Vec<u8>>> {
    if !e.starts_with(name) {
        return None;
    }
    match e.get(name.len()) {
        None => Some(None),
        Some(b'=') => Some(Some(e[name.len() + 1..].to_vec())),
        _ => None,
    }
}

/// The home directory of the passwd entry PW, when it has one.
fn pw_dir(pw: *const libc::passwd) -> Option<Vec<u8>> {
    if pw.is_null() {
        return None;
    }
    // SAFETY: a non-null getpw* result points to a valid entry.
    unsafe {
        let dir = (*pw).pw_dir;
        if dir.is_null() {
            None
        } else {
            Some(CStr::from_ptr(dir).to_bytes().to_vec())
        }
    }
}

fn getpwnam(name: &[u8]) -> *const libc::passwd {
    let c = c_path(name);
    // SAFETY: C is NUL-terminated; the result is read before the next call.
    unsafe { libc::getpwnam(c.as_ptr()) }
}

/// `user_homedir`: the home directory of the user whose name starts NAME
/// (up to a slash or the end), when the user exists and the directory is
/// absolute.
pub fn user_homedir(name: &[u8]) -> Option<Vec<u8>> {
    let len = name.iter().position(|&b| b == b'/' || b == 0).unwrap_or(name.len());
    if len == 0 {
        return None;
    }
    let pw = getpwnam(&name[..len]);
    if pw.is_null() {
        return None;
    }
    let dir = pw_dir(pw)?;
    if dir.first() == Some(&b'/') {
        Some(dir)
    } else {
        None
    }
}

/// The directory Emacs was started in (`emacs_wd`).
fn emacs_wd() -> Vec<u8> {
    std::env::current_dir().map(|p| std::os::unix::ffi::OsStringExt::into_vec(p.into_os_string())).unwrap_or_else(|_| b"/".to_vec())
}

/// `get_homedir`: $HOME, else the home of $LOGNAME's, $USER's or the
/// real user's passwd entry, made absolute; empty when there is none.
pub fn get_homedir() -> Vec<u8> {
    let home = match egetenv("HOME") {
        Some(h) => h,
        None => {
            let mut pw = std::ptr::null();
            for v in ["LOGNAME", "USER"] {
                if let Some(user) = egetenv(v) {
                    pw = getpwnam(&user);
                    if !pw.is_null() {
                        break;
                    }
                }
            }
            if pw.is_null() {
                // SAFETY: getpwuid with our own uid.
                pw = unsafe { libc::getpwuid(libc::getuid()) };
            }
            match pw_dir(pw) {
                Some(d) => d,
                None => return Vec::new(),
            }
        }
    };
    if home.first() == Some(&b'/') {
        return home;
    }
    let mut out = emacs_wd();
    if out.last() != Some(&b'/') {
        out.push(b'/');
    }
    out.extend_from_slice(&home);
    out
}

/// Whether `make_string` would make BYTES a multibyte string: they hold a
/// valid multibyte sequence.
fn looks_multibyte(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// `file_name_as_directory` on bytes: "" is "./", else a final slash.
fn as_directory(src: &[u8]) -> Vec<u8> {
    if src.is_empty() {
        return b"./".to_vec();
    }
    let mut v = src.to_vec();
    if v.last() != Some(&b'/') {
        v.push(b'/');
    }
    v
}

/// Whether an absolute NM has a `/.`, `/..` component or a repeated slash
/// (other than a leading "//"), i.e. needs canonicalizing.
fn needs_canonicalizing(nm: &[u8]) -> bool {
    let at = |i: usize| nm.get(i).copied().unwrap_or(0);
    (0..nm.len()).any(|p| {
        let dots = at(p) == b'/' && at(p + 1) == b'.' && matches!(at(p + 2), b'/' | 0)
            || at(p) == b'/' && at(p + 1) == b'.' && at(p + 2) == b'.' && matches!(at(p + 3), b'/' | 0);
        dots || at(p) == b'/' && at(p + 1) == b'/' && (p != 0 || at(p + 2) == b'/')
    })
}

/// Removes `//`, `/.` and `/foo/..` from TARGET in place (up to its first
/// NUL, where the C string ends), keeping a leading "//".
fn canonicalize(target: &mut Vec<u8>) {
    if let Some(nul) = target.iter().position(|&b| b == 0) {
        target.truncate(nul);
    }
    let n = target.len();
    target.extend_from_slice(&[0, 0, 0, 0]);
    let t = target;
    let (mut p, mut o) = (0usize, 0usize);
    while p < n {
        if t[p] != b'/' {
            t[o] = t[p];
            o += 1;
            p += 1;
        } else if t[p + 1] == b'.' && matches!(t[p + 2], b'/' | 0) {
            if o == 0 && t[p + 2] == 0 {
                t[o] = t[p];
                o += 1;
            }
            p += 2;
        } else if t[p + 1] == b'.' && t[p + 2] == b'.' && o != 0 && matches!(t[p + 3], b'/' | 0) {
            while o != 0 {
                o -= 1;
                if t[o] == b'/' {
                    break;
                }
            }
            if o == 0 && t[0] == b'/' && t[p + 3] == 0 {
                o += 1;
            }
            p += 3;
        } else if t[p + 1] == b'/' && (p != 0 || t[p + 2] == b'/') {
            p += 1;
        } else {
            t[o] = t[p];
            o += 1;
            p += 1;
        }
    }
    t.truncate(o);
}

/// The directory `expand-file-name` starts from when its argument is nil:
/// the buffer's `default-directory` (made absolute against
/// `invocation-directory` or the root when it is relative), else the root.
fn buffer_default_directory(root: Value) -> LResult {
    let dir = var("default-directory");
    if !dir.is_string() {
        return Ok(root);
    }
    if dir.string_ref().data.first() == Some(&b'/') {
        check_no_nul(dir)?;
        return Ok(dir);
    }
    let inv = var("invocation-directory");
    let absdir = if inv.is_string() && inv.string_ref().data.first() == Some(&b'/') { inv } else { root };
    expand_file_name(dir, absdir)
}

/// `expand-file-name` (Fexpand_file_name on GNU/Linux).
pub fn expand_file_name(name: Value, default_directory: Value) -> LResult {
    expect_string(name)?;
    check_no_nul(name)?;
    if let Some(h) = handler_for(name, "expand-file-name")? {
        return handled_string(call_handler(h, "expand-file-name", &[name, default_directory])?);
    }
    let root = make_string("/");
    let mut dd = if default_directory.is_nil() { buffer_default_directory(root)? } else { default_directory };
    if !dd.is_string() {
        dd = root;
    }
    if let Some(h) = handler_for(dd, "expand-file-name")? {
        return handled_string(call_handler(h, "expand-file-name", &[name, dd])?);
    }
    if dd != name && dd.string_ref().data.first() != Some(&b'/') {
        dd = expand_file_name(dd, Value::NIL)?;
        if let Some(h) = handler_for(dd, "expand-file-name")? {
            return handled_string(call_handler(h, "expand-file-name", &[name, dd])?);
        }
    }
    let (nm, name_mb) = bytes_of(name);
    let (ddb, dd_mb) = bytes_of(dd);
    let (multibyte, converted) = unify_multibyteness(name, &nm, name_mb, &ddb, dd_mb);
    if nm.first() == Some(&b'/') && !needs_canonicalizing(&nm) {
        return Ok(if converted { specified_string(&nm, multibyte) } else { name });
    }
    let (target, multibyte) = join_with_directory(&nm, &ddb, multibyte);
    let mut target = target;
    canonicalize(&mut target);
    let result = specified_string(&target, multibyte);
    if let Some(h) = handler_for(result, "expand-file-name")? {
        return handled_string(call_handler(h, "expand-file-name", &[result, dd])?);
    }
    Ok(result)
}

/// Gives NAME the multibyteness of the directory when they differ, as
/// Fexpand_file_name does: returns the result's multibyteness and whether
/// NAME itself was converted.
fn unify_multibyteness(name: Value, nm: &[u8], name_mb: bool, dd: &[u8], dd_mb: bool) -> (bool, bool) {
    if name_mb == dd_mb {
        return (name_mb, false);
    }
    let ascii_prefix_ends = |b: &[u8]| b.iter().position(|&c| c == 0 || c >= 0x80).is_some_and(|i| b[i] != 0);
    if name_mb {
        let name_ascii = name.string_ref().nchars == nm.len();
        if name_ascii || ascii_prefix_ends(dd) {
            (false, true)
        } else {
            (true, false)
        }
    } else if !ascii_prefix_ends(nm) {
        (true, true)
    } else {
        (false, false)
    }
}

/// The part of Fexpand_file_name after the shortcut: the prefix for NM
/// (a home directory for `~` or `~USER`, else the default directory DD
/// when NM is relative) joined to the rest of NM.  Returns the bytes and
/// the result's multibyteness.
fn join_with_directory(nm: &[u8], dd: &[u8], mut multibyte: bool) -> (Vec<u8>, bool) {
    let at = |i: usize| nm.get(i).copied().unwrap_or(0);
    let mut rest = 0usize;
    let mut newdir: Option<Vec<u8>> = None;
    if at(0) == b'~' {
        if at(1) == b'/' || at(1) == 0 {
            let home = get_homedir();
            rest = 1;
            let home_mb = looks_multibyte(&home);
            let home = if multibyte && !home_mb {
                decode_file(&home).string_ref().data.clone()
            } else {
                if !multibyte && home_mb {
                    multibyte = true;
                }
                home
            };
            newdir = Some(home);
        } else if let Some(home) = user_homedir(&nm[1..]) {
            newdir = Some(if multibyte { decode_file(&home).string_ref().data.clone() } else { home });
            rest = 1;
            while at(rest) != 0 && at(rest) != b'/' {
                rest += 1;
            }
        }
    }
    let nm = &nm[rest.min(nm.len())..];
    if nm.first() != Some(&b'/') && newdir.is_none() {
        newdir = Some(dd.to_vec());
    }
    let mut target = Vec::with_capacity(nm.len() + newdir.as_ref().map_or(0, |d| d.len()) + 2);
    if let Some(dir) = newdir {
        let mut length = dir.len();
        while length > 1 && dir[length - 1] == b'/' && !(length == 2 && dir[0] == b'/') {
            length -= 1;
        }
        if nm.is_empty() || nm[0] == b'/' || nm[0] == 0 {
            target.extend_from_slice(&dir[..length]);
        } else {
            target = as_directory(&dir[..length]);
        }
    }
    target.extend_from_slice(nm);
    (target, multibyte)
}

fn f_expand_file_name(a: &[Value]) -> LResult {
    expand_file_name(a[0], a[1])
}

/// `file_name_directory`: FILENAME up to its last slash, or nil.
pub fn file_name_directory(filename: Value) -> Value {
    let (b, mb) = bytes_of(filename);
    match b.iter().rposition(|&c| c == b'/') {
        None => Value::NIL,
        Some(i) => specified_string(&b[..=i], mb),
    }
}

fn f_file_name_directory(a: &[Value]) -> LResult {
    let filename = a[0];
    expect_string(filename)?;
    if let Some(h) = handler_for(filename, "file-name-directory")? {
        return Ok(string_or_nil(call_handler(h, "file-name-directory", &[filename])?));
    }
    Ok(file_name_directory(filename))
}

/// `file-name-nondirectory`.
pub fn file_name_nondirectory(filename: Value) -> LResult {
    expect_string(filename)?;
    if let Some(h) = handler_for(filename, "file-name-nondirectory")? {
        return handled_string(call_handler(h, "file-name-nondirectory", &[filename])?);
    }
    let (b, mb) = bytes_of(filename);
    let start = b.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1);
    Ok(specified_string(&b[start..], mb))
}

fn f_file_name_nondirectory(a: &[Value]) -> LResult {
    file_name_nondirectory(a[0])
}

fn f_unhandled_file_name_directory(a: &[Value]) -> LResult {
    let filename = a[0];
    if let Some(h) = handler_for(filename, "unhandled-file-name-directory")? {
        return Ok(string_or_nil(call_handler(h, "unhandled-file-name-directory", &[filename])?));
    }
    file_name_as_directory(filename)
}

/// `file-name-as-directory`.
pub fn file_name_as_directory(file: Value) -> LResult {
    expect_string(file)?;
    if let Some(h) = handler_for(file, "file-name-as-directory")? {
        return handled_string(call_handler(h, "file-name-as-directory", &[file])?);
    }
    let (b, mb) = bytes_of(file);
    Ok(specified_string(&as_directory(&b), mb))
}

fn f_file_name_as_directory(a: &[Value]) -> LResult {
    file_name_as_directory(a[0])
}

/// `directory-file-name`: DIRECTORY without its final slashes ("/" and
/// "//" stay; "///" and longer become "/").
pub fn directory_file_name(directory: Value) -> LResult {
    expect_string(directory)?;
    if let Some(h) = handler_for(directory, "directory-file-name")? {
        return handled_string(call_handler(h, "directory-file-name", &[directory])?);
    }
    let (b, mb) = bytes_of(directory);
    let mut len = b.len();
    if !(len == 2 && b[0] == b'/') {
        while len > 1 && b[len - 1] == b'/' {
            len -= 1;
        }
    }
    Ok(specified_string(&b[..len], mb))
}

fn f_directory_file_name(a: &[Value]) -> LResult {
    directory_file_name(a[0])
}

/// `directory-name-p`: whether NAME ends in a slash.
pub fn directory_name_p(name: Value) -> LResult<bool> {
    Ok(expect_string(name)?.data.last() == Some(&b'/'))
}

fn f_directory_name_p(a: &[Value]) -> LResult {
    Ok(Value::bool(directory_name_p(a[0])?))
}

/// `file_name_absolute_p` on a name's bytes (a C string: it ends at a NUL).
pub fn file_name_absolute_p(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    at(0) == b'/' || at(0) == b'~' && (at(1) == 0 || at(1) == b'/' || user_homedir(&b[1..]).is_some())
}

fn f_file_name_absolute_p(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    Ok(Value::bool(file_name_absolute_p(&s.data)))
}

/// `expand_cp_target`: NEWNAME expanded, or when it is a directory name,
/// FILE's last component under it.
pub fn expand_cp_target(file: Value, newname: Value) -> LResult {
    if directory_name_p(newname)? {
        let base = file_name_nondirectory(file)?;
        expand_file_name(base, newname)
    } else {
        expand_file_name(newname, Value::NIL)
    }
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("expand-file-name", 1, 2, f_expand_file_name, "Convert filename NAME to absolute, and canonicalize it."),
    SubrDef::new("file-name-directory", 1, 1, f_file_name_directory, "Return the directory component in file name FILENAME."),
    SubrDef::new("file-name-nondirectory", 1, 1, f_file_name_nondirectory, "Return file name FILENAME sans its directory."),
    SubrDef::new(
        "unhandled-file-name-directory",
        1,
        1,
        f_unhandled_file_name_directory,
        "Return a directly usable directory name somehow associated with FILENAME.",
    ),
    SubrDef::new(
        "file-name-as-directory",
        1,
        1,
        f_file_name_as_directory,
        "Return a string representing the file name FILE interpreted as a directory.",
    ),
    SubrDef::new("directory-file-name", 1, 1, f_directory_file_name, "Returns the file name of the directory named DIRECTORY."),
    SubrDef::new("directory-name-p", 1, 1, f_directory_name_p, "Return non-nil if NAME ends with a directory separator character."),
    SubrDef::new("file-name-absolute-p", 1, 1, f_file_name_absolute_p, "Return t if FILENAME is an absolute file name."),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(name: &str, dir: &str) -> String {
        crate::runtime::init_thread();
        crate::builtins::install();
        let r = expand_file_name(make_string(name), make_string(dir));
        r.ok().map(|v| v.string_ref().to_string_lossy()).unwrap_or_default()
    }

    #[test]
    fn expansion_as_emacs_does_it() {
        // Expectations from GNU Emacs 30.1.
        assert_eq!(expand("a.el", "/tmp/x"), "/tmp/x/a.el");
        assert_eq!(expand("../a", "/tmp/x"), "/tmp/a");
        assert_eq!(expand("/a//b/./c", "/z"), "/a/b/c");
        assert_eq!(expand("/..", "/"), "/..");
        assert_eq!(expand("..", "/"), "/..");
        assert_eq!(expand("", "/tmp/"), "/tmp");
        assert_eq!(expand("a/", "/tmp"), "/tmp/a/");
        assert_eq!(expand("//a//b", "/"), "//a/b");
        assert_eq!(expand("a", "/x\0y"), "/x");
    }

    #[test]
    fn directory_names() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let dfn = |s: &str| directory_file_name(make_string(s)).ok().map(|v| v.string_ref().to_string_lossy());
        assert_eq!(dfn("/a/b///").as_deref(), Some("/a/b"));
        assert_eq!(dfn("//").as_deref(), Some("//"));
        assert_eq!(dfn("///").as_deref(), Some("/"));
        assert!(file_name_absolute_p(b"~"));
        assert!(!file_name_absolute_p(b"a/b"));
    }
}
