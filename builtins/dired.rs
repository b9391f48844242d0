//! GNU Emacs's dired.c: directory listings and file attributes.
//! `directory-files` (FULL, MATCH, NOSORT, COUNT: entries in the order
//! the system reads them, "." and ".." included, sorted with
//! `string-lessp` unless NOSORT), `directory-files-and-attributes`,
//! `file-attributes` (the 12-element list, with user and group as numbers
//! or, for ID-FORMAT `string`, names, times in `make_lisp_time`'s form,
//! and the `ls -l` mode string), `file-attributes-lessp`,
//! `file-name-all-completions` and `file-name-completion` (honoring
//! `completion-ignored-extensions`, `completion-ignore-case`,
//! `completion-regexp-list` and a predicate, with the bound
//! `default-directory` they see), and `system-users` / `system-groups`.

use crate::builtins::fileio::names::{directory_file_name, file_name_as_directory};
use crate::builtins::fileio::{
    c_path, call_handler, decode_file, encode_file, expand_file_name, fast_string_match, file_attribute_errno, file_metadata_errno,
    handler_for, report_file_errno, var,
};
use crate::builtins::fns::strings::f_compare_strings;
use crate::builtins::prelude::*;
use crate::builtins::timefns::lisptime::make_lisp_time;
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to, value_cell};
use std::ffi::{CStr, CString};

/// An open directory stream, closed when dropped.
struct Dir {
    d: *mut libc::DIR,
    fd: i32,
}

impl Drop for Dir {
    fn drop(&mut self) {
        // SAFETY: D came from fdopendir and is closed once.
        unsafe { libc::closedir(self.d) };
    }
}

/// A directory entry: its name's bytes and `d_type`.
struct Entry {
    name: Vec<u8>,
    kind: u8,
}

impl Dir {
    /// `open_directory`: opens ENCODED, or signals "Opening directory" on
    /// DIRNAME.
    fn open(dirname: Value, encoded: &[u8]) -> LResult<Dir> {
        let path = c_path(encoded);
        // SAFETY: PATH is NUL-terminated.
        let fd = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(report_file_errno("Opening directory", dirname, errno()));
        }
        // SAFETY: FD is an open directory descriptor.
        let d = unsafe { libc::fdopendir(fd) };
        if d.is_null() {
            let e = errno();
            unsafe { libc::close(fd) };
            return Err(report_file_errno("Opening directory", dirname, e));
        }
        Ok(Dir { d, fd })
    }

    /// `read_dirent`: the next entry, None at the end; errors on DIRNAME.
    fn next(&mut self, dirname: Value) -> LResult<Option<Entry>> {
        loop {
            set_errno(0);
            // SAFETY: D is an open stream.
            let dp = unsafe { libc::readdir(self.d) };
            if !dp.is_null() {
                // SAFETY: readdir returned a valid entry with a NUL-terminated name.
                let (name, kind) = unsafe { (CStr::from_ptr((*dp).d_name.as_ptr()).to_bytes().to_vec(), (*dp).d_type) };
                return Ok(Some(Entry { name, kind }));
            }
            let e = errno();
            if e == 0 {
                return Ok(None);
            }
            if e != libc::EAGAIN && e != libc::EINTR {
                return Err(report_file_errno("Reading directory", dirname, e));
            }
        }
    }
}

fn errno() -> i32 {
    crate::builtins::fileio::errno()
}

fn set_errno(e: i32) {
    // SAFETY: __errno_location is the calling thread's errno.
    unsafe { *libc::__errno_location() = e };
}

/// `directory_files_internal`.
fn directory_files_internal(
    directory: Value,
    full: Value,
    match_: Value,
    nosort: Value,
    attrs: bool,
    id_format: Value,
    count: Value,
) -> LResult {
    let mut last = i64::MAX;
    if !count.is_nil() {
        match count.as_fixnum() {
            Some(n) if n >= 0 => last = n,
            _ => return Err(wrong_type(intern("wholenump"), count)),
        }
    }
    if !match_.is_nil() {
        expect_string(match_)?;
    }
    let dirfilename = directory_file_name(directory)?;
    let encoded_dir = encode_file(dirfilename);
    let mut dir = Dir::open(dirfilename, &encoded_dir)?;
    let directory = if !full.is_nil() && !directory.string_ref().multibyte { decode_file(&encode_file(directory)) } else { directory };
    let (dir_bytes, dir_chars) = {
        let s = directory.string_ref();
        (s.data.clone(), s.nchars)
    };
    let needsep = dir_bytes.last() != Some(&b'/');
    let mut result = Value::NIL;
    let mut ind = 0i64;
    while let Some(entry) = dir.next(directory)? {
        let name = decode_file(&entry.name);
        if !match_.is_nil() && fast_string_match(match_, name, false)?.is_none() {
            continue;
        }
        let mut fileattrs = Value::NIL;
        if attrs {
            let mut path = encoded_dir.clone();
            path.push(b'/');
            path.extend_from_slice(&entry.name);
            fileattrs = file_attributes(&c_path(&path), name, id_format)?;
            if fileattrs.is_nil() {
                continue;
            }
        }
        let finalname = if full.is_nil() {
            name
        } else {
            let ns = name.string_ref();
            let mut data = dir_bytes.clone();
            if needsep {
                data.push(b'/');
            }
            data.extend_from_slice(&ns.data);
            let nchars = dir_chars + usize::from(needsep) + ns.nchars;
            make_string_from_bytes(data.clone(), nchars != data.len())
        };
        if ind == last {
            break;
        }
        ind += 1;
        result = cons(if attrs { cons(finalname, fileattrs) } else { finalname }, result);
    }
    drop(dir);
    if nosort.is_nil() {
        let ordered = crate::builtins::fns::lists::f_nreverse(&[result])?;
        let pred = if attrs { intern("file-attributes-lessp") } else { intern("string-lessp") };
        result = crate::builtins::fns::sort::f_sort(&[ordered, pred])?;
    }
    Ok(result)
}

fn f_directory_files(a: &[Value]) -> LResult {
    let directory = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(directory, "directory-files")? {
        return call_handler(h, "directory-files", &[directory, a[1], a[2], a[3], a[4]]);
    }
    directory_files_internal(directory, a[1], a[2], a[3], false, Value::NIL, a[4])
}

fn f_directory_files_and_attributes(a: &[Value]) -> LResult {
    let directory = expand_file_name(a[0], Value::NIL)?;
    if let Some(h) = handler_for(directory, "directory-files-and-attributes")? {
        return call_handler(h, "directory-files-and-attributes", &[directory, a[1], a[2], a[3], a[4], a[5]]);
    }
    directory_files_internal(directory, a[1], a[2], a[3], true, a[4], a[5])
}

/// gnulib `filemodestring`: the ten characters `ls -l` shows.
fn filemodestring(mode: u32) -> String {
    let kind = match mode & libc::S_IFMT {
        libc::S_IFREG => '-',
        libc::S_IFDIR => 'd',
        libc::S_IFLNK => 'l',
        libc::S_IFCHR => 'c',
        libc::S_IFBLK => 'b',
        libc::S_IFIFO => 'p',
        libc::S_IFSOCK => 's',
        _ => '?',
    };
    let bit = |m: u32, c: char| if mode & m != 0 { c } else { '-' };
    let special = |x: u32, s: u32, set: char, unset: char| match (mode & x != 0, mode & s != 0) {
        (true, true) => set,
        (false, true) => unset,
        (true, false) => 'x',
        (false, false) => '-',
    };
    [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        special(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        special(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        special(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect()
}

fn user_name(uid: u32) -> Option<Vec<u8>> {
    // SAFETY: the entry is read before any other getpw* call.
    unsafe {
        let pw = libc::getpwuid(uid);
        if pw.is_null() {
            None
        } else {
            Some(CStr::from_ptr((*pw).pw_name).to_bytes().to_vec())
        }
    }
}

fn group_name(gid: u32) -> Option<Vec<u8>> {
    // SAFETY: the entry is read before any other getgr* call.
    unsafe {
        let gr = libc::getgrgid(gid);
        if gr.is_null() {
            None
        } else {
            Some(CStr::from_ptr((*gr).gr_name).to_bytes().to_vec())
        }
    }
}

/// dired.c `file_attributes` of PATH (not followed if a symlink);
/// FILENAME names it in errors.  Nil when it does not exist.
fn file_attributes(path: &CString, filename: Value, id_format: Value) -> LResult {
    // SAFETY: zeroed is a valid stat; PATH is NUL-terminated.
    let mut s: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatat(libc::AT_FDCWD, path.as_ptr(), &mut s, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
        return file_attribute_errno(filename, errno());
    }
    let file_type = match s.st_mode & libc::S_IFMT {
        libc::S_IFLNK => match crate::builtins::fileio::predicates::read_link(path) {
            Ok(target) => target,
            Err(libc::EINVAL) => return Ok(Value::NIL),
            Err(e) => {
                file_metadata_errno("Reading symbolic link", filename, e)?;
                return Ok(Value::NIL);
            }
        },
        libc::S_IFDIR => Value::T,
        _ => Value::NIL,
    };
    let names = !(id_format.is_nil() || id_format == intern("integer"));
    let uname = if names { user_name(s.st_uid) } else { None };
    let gname = if names { group_name(s.st_gid) } else { None };
    Ok(list(&[
        file_type,
        make_int(s.st_nlink as i64),
        uname.map_or_else(|| make_int(s.st_uid as i64), |n| decode_file(&n)),
        gname.map_or_else(|| make_int(s.st_gid as i64), |n| decode_file(&n)),
        make_lisp_time(s.st_atime, s.st_atime_nsec)?,
        make_lisp_time(s.st_mtime, s.st_mtime_nsec)?,
        make_lisp_time(s.st_ctime, s.st_ctime_nsec)?,
        make_int(s.st_size),
        make_string(&filemodestring(s.st_mode)),
        Value::T,
        make_int_i128(s.st_ino as i128),
        make_int_i128(s.st_dev as i128),
    ]))
}

fn f_file_attributes(a: &[Value]) -> LResult {
    let (filename, id_format) = (a[0], a[1]);
    let rt = crate::runtime::rt();
    rt.handlers.push(crate::runtime::error::Handler::CondCase(Value::T));
    let depth = rt.handlers.len();
    let expanded = expand_file_name(filename, Value::NIL);
    crate::runtime::rt().handlers.truncate(depth - 1);
    let filename = match expanded {
        Ok(f) => f,
        Err(flow) => {
            if pending().kind == crate::runtime::error::ExitKind::Throw {
                return Err(flow);
            }
            return Ok(Value::NIL);
        }
    };
    if let Some(h) = handler_for(filename, "file-attributes")? {
        return if id_format.is_nil() {
            call_handler(h, "file-attributes", &[filename])
        } else {
            call_handler(h, "file-attributes", &[filename, id_format])
        };
    }
    file_attributes(&crate::builtins::fileio::c_name(filename), filename, id_format)
}

fn f_file_attributes_lessp(a: &[Value]) -> LResult {
    let car = |v: Value| {
        if v.is_cons() {
            Ok(v.car())
        } else if v.is_nil() {
            Ok(v)
        } else {
            Err(wrong_type(sym::LISTP, v))
        }
    };
    crate::builtins::fns::strings::f_string_lessp(&[car(a[0])?, car(a[1])?])
}

fn f_file_name_completion(a: &[Value]) -> LResult {
    let (file, predicate) = (a[0], a[2]);
    let directory = expand_file_name(a[1], Value::NIL)?;
    if let Some(h) = handler_for(directory, "file-name-completion")? {
        return call_handler(h, "file-name-completion", &[file, directory, predicate]);
    }
    if let Some(h) = handler_for(file, "file-name-completion")? {
        return call_handler(h, "file-name-completion", &[file, directory, predicate]);
    }
    file_name_completion(file, directory, false, predicate)
}

fn f_file_name_all_completions(a: &[Value]) -> LResult {
    let file = a[0];
    let directory = expand_file_name(a[1], Value::NIL)?;
    if let Some(h) = handler_for(directory, "file-name-all-completions")? {
        return call_handler(h, "file-name-all-completions", &[file, directory]);
    }
    if let Some(h) = handler_for(file, "file-name-all-completions")? {
        return call_handler(h, "file-name-all-completions", &[file, directory]);
    }
    file_name_completion(file, directory, true, Value::NIL)
}

/// `(compare-strings S1 FROM1 END1 S2 FROM2 END2 IGNORE-CASE)`.
fn compare(s1: Value, from1: i64, end1: Value, s2: Value, from2: i64, end2: Value, ignore_case: bool) -> LResult {
    f_compare_strings(&[s1, Value::fixnum(from1), end1, s2, Value::fixnum(from2), end2, Value::bool(ignore_case)])
}

fn nchars(v: Value) -> i64 {
    v.string_ref().nchars as i64
}

/// Whether the first N bytes of A and B are equal (`scmp` < 0).
fn same_bytes(a: &[u8], b: &[u8], n: usize) -> bool {
    a.len() >= n && b.len() >= n && a[..n] == b[..n]
}

/// Whether ENTRY (in directory FD) is a directory for completion's sake.
fn completion_dirp(fd: i32, entry: &Entry) -> bool {
    match entry.kind {
        libc::DT_DIR => true,
        libc::DT_LNK | libc::DT_UNKNOWN => {
            let mut sub = entry.name.clone();
            sub.push(b'/');
            let path = c_path(&sub);
            // SAFETY: FD is open; PATH is NUL-terminated.
            unsafe { libc::faccessat(fd, path.as_ptr(), libc::F_OK, libc::AT_EACCESS) == 0 }
        }
        _ => false,
    }
}

/// The element of `completion-ignored-extensions` NAME ends in, if any
/// (for a directory, only elements ending in a slash count).
fn ignored_extension(name: Value, enc_len: usize, directoryp: bool, ignore_case: bool) -> LResult<bool> {
    let ns = name.string_ref();
    let (name_blen, name_len) = (ns.data.len() as i64, ns.nchars as i64);
    for elt in var("completion-ignored-extensions").iter() {
        if !elt.is_string() {
            continue;
        }
        let es = elt.string_ref();
        let slash = i64::from(directoryp);
        let elt_len = es.data.len() as i64 - slash;
        if directoryp && (elt_len <= 0 || es.data[elt_len as usize] != b'/') {
            continue;
        }
        let skip = if directoryp { name_blen } else { enc_len as i64 } - elt_len;
        if skip < 0 {
            continue;
        }
        if !ignore_case {
            let tail = ns.data.get(skip as usize..).unwrap_or(&[]);
            if !same_bytes(tail, &es.data, elt_len as usize) {
                continue;
            }
        } else {
            let elt_chars = es.nchars as i64 - slash;
            let skip = name_len - elt_chars;
            if skip < 0 || compare(name, skip, Value::NIL, elt, 0, Value::fixnum(elt_chars), true)? != Value::T {
                continue;
            }
        }
        return Ok(true);
    }
    Ok(false)
}

/// The state of a `file_name_completion` scan.
struct Best {
    all: Value,
    best: Value,
    size: i64,
    count: i32,
    includeall: bool,
}

/// dired.c `file_name_completion`.
fn file_name_completion(file: Value, dirname: Value, all_flag: bool, predicate: Value) -> LResult {
    expect_string(file)?;
    let depth = specpdl_depth();
    let r = (|| {
        specbind(intern("default-directory"), dirname)?;
        completion_scan(file, dirname, all_flag, predicate)
    })();
    unbind_to(depth);
    let st = r?;
    if all_flag {
        return Ok(st.all);
    }
    if st.best.is_nil() {
        return Ok(Value::NIL);
    }
    if st.count == 1 && crate::runtime::equality::equal(st.best, file)? {
        return Ok(Value::T);
    }
    crate::builtins::fns::seq::f_substring(&[st.best, Value::fixnum(0), Value::fixnum(st.size)])
}

fn completion_scan(file: Value, dirname: Value, all_flag: bool, predicate: Value) -> LResult<Best> {
    let ignore_case = !var("completion-ignore-case").is_nil();
    let encoded_file = encode_file(file);
    let encoded_dir = encode_file(directory_file_name(dirname)?);
    let mut dir = Dir::open(dirname, &encoded_dir)?;
    let enc_len = encoded_file.len();
    let file_len = Value::fixnum(nchars(file));
    let mut st = Best { all: Value::NIL, best: Value::NIL, size: 0, count: 0, includeall: true };
    while let Some(entry) = dir.next(dirname)? {
        let len = entry.name.len();
        if len < enc_len || (!ignore_case && !same_bytes(&entry.name, &encoded_file, enc_len)) {
            continue;
        }
        let mut name = decode_file(&entry.name);
        if ignore_case && compare(name, 0, file_len, file, 0, file_len, true)? != Value::T {
            continue;
        }
        let directoryp = completion_dirp(dir.fd, &entry);
        if !all_flag {
            let canexclude = if directoryp && (entry.name == b"." || entry.name == b"..") {
                true
            } else {
                len > enc_len && ignored_extension(name, len, directoryp, ignore_case)?
            };
            if !st.includeall && canexclude {
                continue;
            }
            if st.includeall && !canexclude {
                st.includeall = false;
                st.best = Value::NIL;
                st.size = 0;
                st.count = 0;
            }
        }
        if !matches_regexps(name, ignore_case)? {
            continue;
        }
        if directoryp {
            name = file_name_as_directory(name)?;
        }
        if !predicate.is_nil() && funcall(predicate, &[name])?.is_nil() {
            continue;
        }
        st.count += i32::from(st.count <= 1);
        if all_flag {
            st.all = cons(name, st.all);
        } else if st.best.is_nil() {
            st.best = name;
            st.size = nchars(name);
        } else if record_match(&mut st, name, file, directoryp, ignore_case)? {
            break;
        }
    }
    Ok(st)
}

/// Whether NAME matches every regexp of `completion-regexp-list`.
fn matches_regexps(name: Value, ignore_case: bool) -> LResult<bool> {
    for re in var("completion-regexp-list").iter() {
        if !re.is_string() {
            return Err(wrong_type(sym::STRINGP, re));
        }
        if fast_string_match(re, name, ignore_case)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Narrows the best completion with NAME; true when the scan can stop.
fn record_match(st: &mut Best, name: Value, file: Value, directoryp: bool, ignore_case: bool) -> LResult<bool> {
    let compare_len = st.size.min(nchars(name));
    let cmp = compare(st.best, 0, Value::fixnum(compare_len), name, 0, Value::fixnum(compare_len), ignore_case)?;
    let matchsize = if cmp == Value::T { compare_len } else { cmp.as_fixnum().unwrap_or(0).abs() - 1 };
    if ignore_case {
        let dirp = i64::from(directoryp);
        let name_exact = matchsize == nchars(name);
        let best_exact = matchsize + dirp == nchars(st.best);
        let file_end = Value::fixnum(nchars(file));
        let prefer = (name_exact && matchsize + dirp < nchars(st.best))
            || (name_exact == best_exact
                && compare(name, 0, file_end, file, 0, Value::NIL, false)? == Value::T
                && compare(st.best, 0, file_end, file, 0, Value::NIL, false)? != Value::T);
        if prefer {
            st.best = name;
        }
    }
    st.size = matchsize;
    Ok(matchsize <= nchars(file) && !st.includeall && (!ignore_case || matchsize == 0) && st.count > 1)
}

fn f_system_users(_: &[Value]) -> LResult {
    let mut users = Value::NIL;
    // SAFETY: getpwent iterates the passwd database; entries are read at once.
    unsafe {
        libc::setpwent();
        loop {
            let pw = libc::getpwent();
            if pw.is_null() {
                break;
            }
            users = cons(decode_file(CStr::from_ptr((*pw).pw_name).to_bytes()), users);
        }
        libc::endpwent();
    }
    if users.is_nil() {
        users = list1(value_cell(intern("user-real-login-name")));
    }
    Ok(users)
}

fn f_system_groups(_: &[Value]) -> LResult {
    let mut groups = Value::NIL;
    // SAFETY: getgrent iterates the group database; entries are read at once.
    unsafe {
        libc::setgrent();
        loop {
            let gr = libc::getgrent();
            if gr.is_null() {
                break;
            }
            groups = cons(decode_file(CStr::from_ptr((*gr).gr_name).to_bytes()), groups);
        }
        libc::endgrent();
    }
    Ok(groups)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("directory-files", 1, 5, f_directory_files, "Return a list of names of files in DIRECTORY."),
    SubrDef::new(
        "directory-files-and-attributes",
        1,
        6,
        f_directory_files_and_attributes,
        "Return a list of names of files and their attributes in DIRECTORY.",
    ),
    SubrDef::new("file-name-completion", 2, 3, f_file_name_completion, "Complete file name FILE in directory DIRECTORY."),
    SubrDef::new(
        "file-name-all-completions",
        2,
        2,
        f_file_name_all_completions,
        "Return a list of all completions of file name FILE in directory DIRECTORY.",
    ),
    SubrDef::new("file-attributes", 1, 2, f_file_attributes, "Return a list of attributes of file FILENAME."),
    SubrDef::new("file-attributes-lessp", 2, 2, f_file_attributes_lessp, "Return t if first arg file attributes list is less than second."),
    SubrDef::new("system-users", 0, 0, f_system_users, "Return a list of user names currently registered in the system."),
    SubrDef::new("system-groups", 0, 0, f_system_groups, "Return a list of user group names currently registered in the system."),
];

/// Defines dired.c's variable, and minibuf.c's two that completion reads
/// when nothing has defined them yet.
pub fn init() {
    defvar_lisp("completion-ignored-extensions", Value::NIL);
    for name in ["completion-ignore-case", "completion-regexp-list"] {
        if value_cell(intern(name)) == Value::UNBOUND {
            defvar_lisp(name, Value::NIL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_strings_as_ls_shows_them() {
        assert_eq!(filemodestring(libc::S_IFDIR | 0o1777), "drwxrwxrwt");
        assert_eq!(filemodestring(libc::S_IFREG | 0o644), "-rw-r--r--");
        assert_eq!(filemodestring(libc::S_IFREG | 0o4755), "-rwsr-xr-x");
        assert_eq!(filemodestring(libc::S_IFREG | 0o2644), "-rw-r-Sr--");
        assert_eq!(filemodestring(libc::S_IFLNK | 0o777), "lrwxrwxrwx");
    }
}
