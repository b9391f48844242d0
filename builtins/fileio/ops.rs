//! The fileio.c primitives that create, rename, link, copy and delete
//! files: `make-directory-internal`, `delete-directory-internal`,
//! `delete-file-internal`, `rename-file`, `add-name-to-file`,
//! `make-symbolic-link`, `copy-file` (its OK-IF-ALREADY-EXISTS, KEEP-TIME,
//! PRESERVE-UID-GID and PRESERVE-PERMISSIONS options), and
//! `make-temp-file-internal` / `make-temp-name` (gnulib's `gen_tempname`:
//! six random letters and digits, retried until the name is new).
//!
//! Errors are Emacs's: the system's errno as `file-missing`,
//! `file-already-exists`, `permission-denied` or `file-error`, with the
//! same action strings and file names.  A numeric OK-IF-ALREADY-EXISTS
//! asks with `yes-or-no-p`, as `barf_or_query_if_file_exists` does.

use super::names::{directory_file_name, directory_name_p, expand_cp_target};
use super::predicates::{read_link, realmask};
use super::{c_name, call_handler, errno, expand_file_name, handler_for, report_file_errno, report_file_error, stat_path};
use crate::builtins::prelude::*;
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use std::ffi::CString;

fn is_dir(st: &libc::stat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFDIR
}

/// `barf_or_query_if_file_exists`: signals when ABSNAME exists (or is
/// KNOWN_TO_EXIST), unless INTERACTIVE and the user says to go ahead.
fn barf_or_query(absname: Value, known_to_exist: bool, querystring: &str, interactive: bool) -> LResult<()> {
    let mut known = known_to_exist;
    if !known {
        if let Ok(st) = stat_path(&c_name(absname), true) {
            if is_dir(&st) {
                return Err(signal_list(sym::FILE_ERROR, &[make_string("File is a directory"), absname]));
            }
            known = true;
        }
    }
    if !known {
        return Ok(());
    }
    let exists = || signal_list(intern("file-already-exists"), &[make_string("File already exists"), absname]);
    if !interactive {
        return Err(exists());
    }
    let prompt = funcall(intern("format"), &[make_string("File %s already exists; %s anyway? "), absname, make_string(querystring)])?;
    if funcall(intern("yes-or-no-p"), &[prompt])?.is_nil() {
        return Err(exists());
    }
    Ok(())
}

fn f_make_directory_internal(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let directory = expand_file_name(a[0], Value::NIL)?;
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::mkdir(c_name(directory).as_ptr(), 0o777) } != 0 {
        return Err(report_file_error("Creating directory", directory));
    }
    Ok(Value::NIL)
}

fn f_delete_directory_internal(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let directory = directory_file_name(expand_file_name(a[0], Value::NIL)?)?;
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::rmdir(c_name(directory).as_ptr()) } != 0 {
        return Err(report_file_error("Removing directory", directory));
    }
    Ok(Value::NIL)
}

fn f_delete_file_internal(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    let filename = expand_file_name(a[0], Value::NIL)?;
    // SAFETY: the path is NUL-terminated.
    if unsafe { libc::unlink(c_name(filename).as_ptr()) } != 0 && errno() != libc::ENOENT {
        return Err(report_file_error("Removing old name", filename));
    }
    Ok(Value::NIL)
}

/// `renameat2 (..., RENAME_NOREPLACE)`: 0 or the errno.
fn rename_noreplace(from: &CString, to: &CString) -> i32 {
    // SAFETY: both paths are NUL-terminated.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_NOREPLACE) };
    if r == 0 {
        0
    } else {
        errno()
    }
}

fn f_rename_file(a: &[Value]) -> LResult {
    let (file, newname, mut ok) = (a[0], a[1], a[2]);
    let file = expand_file_name(file, Value::NIL)?;
    let newname = expand_cp_target(directory_file_name(file)?, newname)?;
    let handler = match handler_for(file, "rename-file")? {
        Some(h) => Some(h),
        None => handler_for(newname, "rename-file")?,
    };
    if let Some(h) = handler {
        return call_handler(h, "rename-file", &[file, newname, ok]);
    }
    let (from, to) = (c_name(file), c_name(newname));
    let mut plain = !ok.is_nil() && !ok.is_fixnum();
    let mut err = 0;
    if !plain {
        err = rename_noreplace(&from, &to);
        if err == 0 {
            return Ok(Value::NIL);
        }
        if matches!(err, libc::EEXIST | libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) {
            barf_or_query(newname, err == libc::EEXIST, "rename to it", ok.is_fixnum())?;
            plain = true;
        }
    }
    if plain {
        // SAFETY: both paths are NUL-terminated.
        if unsafe { libc::rename(from.as_ptr(), to.as_ptr()) } == 0 {
            return Ok(Value::NIL);
        }
        err = errno();
        ok = Value::T;
    } else if !ok.is_nil() {
        ok = Value::T;
    }
    let names = list2(file, newname);
    if err != libc::EXDEV {
        return Err(report_file_errno("Renaming", names, err));
    }
    rename_across_devices(file, newname, ok, err)
}

/// The EXDEV fallback of `rename-file`: copy (with `copy-directory` for a
/// directory), then delete the original.
fn rename_across_devices(file: Value, newname: Value, ok: Value, rename_errno: i32) -> LResult {
    let names = list2(file, newname);
    let mut dirp = directory_name_p(file)?;
    let mut mode = 0;
    if !dirp {
        match stat_path(&c_name(file), true) {
            Ok(st) => {
                mode = st.st_mode & libc::S_IFMT;
                dirp = mode == libc::S_IFDIR;
            }
            Err(e) => return Err(report_file_errno("Renaming", names, e)),
        }
    }
    if dirp {
        funcall(intern("copy-directory"), &[file, newname, Value::T, Value::NIL])?;
    } else if mode == libc::S_IFREG {
        copy_file(&[file, newname, ok, Value::T, Value::T, Value::T])?;
    } else if mode == libc::S_IFLNK {
        match read_link(&c_name(file)) {
            Ok(target) => {
                make_symbolic_link(target, newname, ok)?;
            }
            Err(e) => return Err(report_file_errno("Renaming", names, e)),
        }
    } else {
        return Err(report_file_errno("Renaming", names, rename_errno));
    }
    let depth = specpdl_depth();
    specbind(intern("delete-by-moving-to-trash"), Value::NIL)?;
    let r = if dirp { funcall(intern("delete-directory"), &[file, Value::T]) } else { funcall(intern("delete-file"), &[file, Value::NIL]) };
    unbind_to(depth);
    r.map(|_| Value::NIL)
}

fn link(from: &CString, to: &CString) -> bool {
    // SAFETY: both paths are NUL-terminated.
    unsafe { libc::link(from.as_ptr(), to.as_ptr()) == 0 }
}

fn f_add_name_to_file(a: &[Value]) -> LResult {
    let (file, newname, ok) = (a[0], a[1], a[2]);
    let file = expand_file_name(file, Value::NIL)?;
    let newname = expand_cp_target(file, newname)?;
    if let Some(h) = handler_for(file, "add-name-to-file")? {
        return call_handler(h, "add-name-to-file", &[file, newname, ok]);
    }
    if let Some(h) = handler_for(newname, "add-name-to-file")? {
        return call_handler(h, "add-name-to-file", &[file, newname, ok]);
    }
    let (from, to) = (c_name(file), c_name(newname));
    if link(&from, &to) {
        return Ok(Value::NIL);
    }
    if errno() == libc::EEXIST {
        if ok.is_nil() || ok.is_fixnum() {
            barf_or_query(newname, true, "make it a new name", ok.is_fixnum())?;
        }
        // SAFETY: the path is NUL-terminated.
        unsafe { libc::unlink(to.as_ptr()) };
        if link(&from, &to) {
            return Ok(Value::NIL);
        }
    }
    Err(report_file_error("Adding new name", list2(file, newname)))
}

fn symlink(target: &CString, linkname: &CString) -> bool {
    // SAFETY: both paths are NUL-terminated.
    unsafe { libc::symlink(target.as_ptr(), linkname.as_ptr()) == 0 }
}

/// `make-symbolic-link`.
pub fn make_symbolic_link(target: Value, linkname: Value, ok: Value) -> LResult {
    let mut target = target;
    let t = expect_string(target)?;
    if ok.is_fixnum() {
        let at = |i: usize| t.data.get(i).copied().unwrap_or(0);
        if at(0) == b'~' {
            target = expand_file_name(target, Value::NIL)?;
        } else if at(0) == b'/' && at(1) == b':' {
            target = crate::builtins::fns::seq::f_substring_no_properties(&[target, Value::fixnum(2), Value::NIL])?;
        }
    }
    let linkname = expand_cp_target(target, linkname)?;
    if let Some(h) = handler_for(linkname, "make-symbolic-link")? {
        return call_handler(h, "make-symbolic-link", &[target, linkname, ok]);
    }
    let (t, l) = (c_name(target), c_name(linkname));
    if symlink(&t, &l) {
        return Ok(Value::NIL);
    }
    let err = errno();
    if err == libc::ENOSYS {
        return Err(signal_list(sym::FILE_ERROR, &[make_string("Symbolic links are not supported")]));
    }
    if err == libc::EEXIST {
        if ok.is_nil() || ok.is_fixnum() {
            barf_or_query(linkname, true, "make it a link", ok.is_fixnum())?;
        }
        // SAFETY: the path is NUL-terminated.
        unsafe { libc::unlink(l.as_ptr()) };
        if symlink(&t, &l) {
            return Ok(Value::NIL);
        }
    }
    Err(report_file_error("Making symbolic link", list2(target, linkname)))
}

fn f_make_symbolic_link(a: &[Value]) -> LResult {
    make_symbolic_link(a[0], a[1], a[2])
}

/// Closes a descriptor when dropped (the unwind-protects of Fcopy_file).
struct Fd(i32);

impl Drop for Fd {
    fn drop(&mut self) {
        if self.0 >= 0 {
            // SAFETY: the descriptor is ours and closed once.
            unsafe { libc::close(self.0) };
        }
    }
}

impl Fd {
    /// Closes now, returning close(2)'s result.
    fn close(mut self) -> i32 {
        let fd = std::mem::replace(&mut self.0, -1);
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(fd) }
    }
}

fn fstat(fd: i32) -> Result<libc::stat, i32> {
    // SAFETY: zeroed is a valid stat; FD is open.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        Ok(st)
    } else {
        Err(errno())
    }
}

/// Copies the data of IFD to OFD: the bytes written, or the failed step.
fn copy_data(ifd: i32, ofd: i32, file: Value, newname: Value) -> LResult<i64> {
    let mut buf = vec![0u8; 16 * 1024];
    let mut total = 0i64;
    loop {
        // SAFETY: BUF is writable for its length.
        let n = unsafe { libc::read(ifd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return Err(report_file_error("Read error", file));
        }
        if n == 0 {
            return Ok(total);
        }
        write_all(ofd, &buf[..n as usize]).map_err(|e| report_file_errno("Write error", newname, e))?;
        total += n as i64;
    }
}

/// Writes all of DATA to FD: Err(errno) on failure.
pub fn write_all(fd: i32, mut data: &[u8]) -> Result<(), i32> {
    while !data.is_empty() {
        // SAFETY: DATA is readable for its length.
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n < 0 {
            let e = errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

fn open(path: &CString, flags: i32, mode: libc::mode_t) -> i32 {
    // SAFETY: PATH is NUL-terminated.
    unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) }
}

/// `copy-file`.
pub fn copy_file(a: &[Value]) -> LResult {
    let (file, newname, ok, keep_time, preserve_uid_gid, preserve_permissions) = (a[0], a[1], a[2], a[3], a[4], a[5]);
    let file = expand_file_name(file, Value::NIL)?;
    let newname = expand_cp_target(file, newname)?;
    let handler = match handler_for(file, "copy-file")? {
        Some(h) => Some(h),
        None => handler_for(newname, "copy-file")?,
    };
    if let Some(h) = handler {
        return call_handler(h, "copy-file", &[file, newname, ok, keep_time, preserve_uid_gid, preserve_permissions]);
    }
    let (from, to) = (c_name(file), c_name(newname));
    let ifd = Fd(open(&from, libc::O_RDONLY | libc::O_NONBLOCK, 0));
    if ifd.0 < 0 {
        return Err(report_file_error("Opening input file", file));
    }
    let st = fstat(ifd.0).map_err(|e| report_file_errno("Input file status", file, e))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFREG {
        let e = if is_dir(&st) { libc::EISDIR } else { libc::EINVAL };
        return Err(report_file_errno("Non-regular file", file, e));
    }
    let new_mask = st.st_mode & if preserve_uid_gid.is_nil() { 0o777 } else { 0o700 };
    let mut already_exists = false;
    let mut ofd = Fd(open(&to, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, new_mask));
    if ofd.0 < 0 && errno() == libc::EEXIST {
        if ok.is_nil() || ok.is_fixnum() {
            barf_or_query(newname, true, "copy to it", ok.is_fixnum())?;
        }
        already_exists = true;
        ofd = Fd(open(&to, libc::O_WRONLY, 0));
    }
    if ofd.0 < 0 {
        return Err(report_file_error("Opening output file", newname));
    }
    let mut oldsize = 0;
    if already_exists {
        let out = fstat(ofd.0).map_err(|e| report_file_errno("Output file status", newname, e))?;
        if st.st_dev == out.st_dev && st.st_ino == out.st_ino {
            return Err(report_file_errno("Input and output files are the same", list2(file, newname), 0));
        }
        if out.st_mode & libc::S_IFMT == libc::S_IFREG {
            oldsize = out.st_size;
        }
    }
    let newsize = copy_data(ifd.0, ofd.0, file, newname)?;
    // SAFETY: OFD is open for writing.
    if newsize < oldsize && unsafe { libc::ftruncate(ofd.0, newsize) } != 0 {
        return Err(report_file_error("Truncating output file", newname));
    }
    copy_permissions(&st, ofd.0, new_mask, already_exists, preserve_uid_gid, preserve_permissions, newname)?;
    if !keep_time.is_nil() {
        let ts = [
            libc::timespec { tv_sec: st.st_atime, tv_nsec: st.st_atime_nsec },
            libc::timespec { tv_sec: st.st_mtime, tv_nsec: st.st_mtime_nsec },
        ];
        // SAFETY: TS holds two timespecs; OFD is open.
        if unsafe { libc::futimens(ofd.0, ts.as_ptr()) } != 0 {
            return Err(signal_list(intern("file-date-error"), &[make_string("Cannot set file date"), newname]));
        }
    }
    if ofd.close() < 0 {
        return Err(report_file_error("Write error", newname));
    }
    Ok(Value::NIL)
}

/// The permission step of Fcopy_file: the owner and group when asked, then
/// the mode (all of it with PRESERVE-PERMISSIONS, else FILE's permission
/// bits masked by the umask, for a new file).
fn copy_permissions(
    st: &libc::stat,
    ofd: i32,
    new_mask: libc::mode_t,
    already_exists: bool,
    preserve_uid_gid: Value,
    preserve_permissions: Value,
    newname: Value,
) -> LResult<()> {
    let mut preserved = st.st_mode & 0o7777;
    let mut default_perms = st.st_mode & 0o777 & !(realmask() as libc::mode_t);
    if !preserve_uid_gid.is_nil() {
        // SAFETY: OFD is open.
        if unsafe { libc::fchown(ofd, st.st_uid, st.st_gid) } != 0 {
            if unsafe { libc::fchown(ofd, u32::MAX, st.st_gid) } == 0 {
                preserved &= !0o4000;
            } else {
                preserved &= !0o6000;
                preserved &= !0o070;
                preserved |= (preserved & 7) << 3;
                default_perms &= !0o070;
                default_perms |= (default_perms & 7) << 3;
            }
        }
    }
    let mode = if !preserve_permissions.is_nil() {
        Some(preserved)
    } else if already_exists || (new_mask & !(realmask() as libc::mode_t)) == default_perms {
        None
    } else {
        Some(default_perms)
    };
    // SAFETY: OFD is open.
    if let Some(m) = mode {
        if unsafe { libc::fchmod(ofd, m) } != 0 {
            return Err(report_file_error("Copying permissions to", newname));
        }
    }
    Ok(())
}

/// Six random characters of gnulib's `gen_tempname` alphabet.
fn random_letters() -> [u8; 6] {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut raw = [0u8; 6];
    // SAFETY: RAW is writable for its length.
    let n = unsafe { libc::getrandom(raw.as_mut_ptr().cast(), raw.len(), 0) };
    if n != raw.len() as isize {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let seed = t ^ (std::process::id() as u128) << 64;
        for (i, r) in raw.iter_mut().enumerate() {
            *r = (seed >> (i * 8)) as u8 ^ (seed >> (i * 8 + 48)) as u8;
        }
    }
    raw.map(|b| LETTERS[b as usize % LETTERS.len()])
}

/// What `make-temp-file-internal` makes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    File,
    Dir,
    NoCreate,
}

/// gnulib `gen_tempname`: fills the six X's before SUFFIX_LEN bytes of
/// TEMPLATE and creates what KIND says; the open descriptor for a file.
fn gen_tempname(template: &mut [u8], suffix_len: usize, kind: Kind) -> Result<i32, i32> {
    let x_start = template.len() - suffix_len - 6;
    for _ in 0..(62u32 * 62 * 62) {
        template[x_start..x_start + 6].copy_from_slice(&random_letters());
        let path = super::c_path(template);
        let r = match kind {
            Kind::File => open(&path, libc::O_RDWR | libc::O_CREAT | libc::O_EXCL, 0o600),
            // SAFETY: PATH is NUL-terminated.
            Kind::Dir => unsafe { libc::mkdir(path.as_ptr(), 0o700) },
            Kind::NoCreate => match stat_path(&path, true) {
                Ok(_) => {
                    // Exists: try another name.
                    continue;
                }
                Err(libc::ENOENT) => 0,
                Err(e) => return Err(e),
            },
        };
        if r >= 0 {
            return Ok(r);
        }
        let e = errno();
        if e != libc::EEXIST {
            return Err(e);
        }
    }
    Err(libc::EEXIST)
}

/// `make-temp-file-internal`.
pub fn make_temp_file_internal(prefix: Value, dir_flag: Value, suffix: Value, text: Value) -> LResult {
    expect_string(prefix)?;
    expect_string(suffix)?;
    let encoded_prefix = super::encode_file(prefix);
    let encoded_suffix = super::encode_file(suffix);
    let mut data = encoded_prefix;
    data.extend_from_slice(b"XXXXXX");
    data.extend_from_slice(&encoded_suffix);
    let kind = if dir_flag.is_nil() {
        Kind::File
    } else if dir_flag == Value::fixnum(0) {
        Kind::NoCreate
    } else {
        Kind::Dir
    };
    let message = match kind {
        Kind::File => "Creating file with prefix",
        Kind::Dir => "Creating directory with prefix",
        Kind::NoCreate => "Creating file name with prefix",
    };
    let fd = gen_tempname(&mut data, encoded_suffix.len(), kind).map_err(|e| report_file_errno(message, prefix, e))?;
    let val = super::decode_file(&data);
    if kind == Kind::File {
        let fd = Fd(fd);
        if text.is_string() && !text.string_ref().data.is_empty() {
            let bytes = super::io::encode_string_for_write(text, val)?;
            write_all(fd.0, &bytes).map_err(|e| report_file_errno("Write error", val, e))?;
        }
        if fd.close() != 0 {
            return Err(report_file_error(message, prefix));
        }
    }
    Ok(val)
}

fn f_make_temp_file_internal(a: &[Value]) -> LResult {
    make_temp_file_internal(a[0], a[1], a[2], a[3])
}

fn f_make_temp_name(a: &[Value]) -> LResult {
    make_temp_file_internal(a[0], Value::fixnum(0), make_string_from_bytes(Vec::new(), false), Value::NIL)
}

fn f_copy_file(a: &[Value]) -> LResult {
    copy_file(a)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("make-directory-internal", 1, 1, f_make_directory_internal, "Create a new directory named DIRECTORY."),
    SubrDef::new("delete-directory-internal", 1, 1, f_delete_directory_internal, "Delete the directory named DIRECTORY."),
    SubrDef::new("delete-file-internal", 1, 1, f_delete_file_internal, "Delete file named FILENAME; internal use only."),
    SubrDef::new("rename-file", 2, 3, f_rename_file, "Rename FILE as NEWNAME.  Both args must be strings."),
    SubrDef::new("add-name-to-file", 2, 3, f_add_name_to_file, "Give FILE additional name NEWNAME.  Both args must be strings."),
    SubrDef::new("make-symbolic-link", 2, 3, f_make_symbolic_link, "Make a symbolic link to TARGET, named LINKNAME."),
    SubrDef::new("copy-file", 2, 6, f_copy_file, "Copy FILE to NEWNAME.  Both args must be strings."),
    SubrDef::new(
        "make-temp-file-internal",
        4,
        4,
        f_make_temp_file_internal,
        "Generate a new file whose name starts with PREFIX, a string.",
    ),
    SubrDef::new("make-temp-name", 1, 1, f_make_temp_name, "Generate temporary file name (string) starting with PREFIX (a string)."),
];
