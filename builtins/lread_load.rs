//! `load` and its helpers, after lread.c's `Fload` and `openp`: finding
//! the file (on `load-path` with the suffixes of `get-load-suffixes`, as an
//! absolute, normalized name), telling compiled files from source (a
//! `.elc` name or an `;ELC` header with a byte-compiler version line),
//! the progress message batch Emacs writes ("Loading FILE..." for a
//! compiled file, as named by the caller; "Loading FOUND (source)..." for a
//! source file, as mule.el's `load-with-code-conversion` says it), the
//! recursive-load check, `load-history` (`build_load_history`) and
//! `do-after-load-evaluation` when it is defined.
//!
//! `locate-file-internal` shares the search.
//!
//! Not done: file name handlers, `substitute-in-file-name`, compressed
//! (`.gz`) files, modules and native code, `load-prefer-newer`, and
//! `load-source-file-function` (source files are decoded as UTF-8 with raw
//! bytes, as `load-with-code-conversion` does for most files).

use crate::builtins::prelude::*;
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
use std::cell::RefCell;

thread_local! {
    /// lread.c's `Vloads_in_progress`: the files being loaded, innermost first.
    static LOADS_IN_PROGRESS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Defines the variables `load` reads.  Enoki loads neither modules nor
/// compressed files, so the suffixes are those of an Emacs built without
/// either: `.elc` then `.el`, and the file name as given.
pub fn init() {
    defvar_lisp("load-suffixes", list(&[make_string(".elc"), make_string(".el")]));
    defvar_lisp("load-file-rep-suffixes", list1(make_string("")));
    defvar_lisp("load-history", Value::NIL);
    defvar_bool("force-load-messages", Value::NIL);
    defvar_special("after-load-functions", Value::NIL);
}

/// lread.c's LOADHIST_ATTACH: records X (a variable, `(defun . NAME)`,
/// `(provide . FEATURE)`...) at the front of `current-load-list`, whose
/// value at the end of a load becomes the file's `load-history` entry.
pub fn loadhist_attach(x: Value) -> LResult<()> {
    let list = intern("current-load-list");
    set_variable(list, cons(x, var("current-load-list")))
}

fn var(name: &str) -> Value {
    let v = value_cell(intern(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

fn strings_of(list: Value) -> Vec<String> {
    list.iter().filter(|v| v.is_string()).map(|v| v.string_ref().to_string_lossy()).collect()
}

/// `get-load-suffixes`: each of `load-suffixes` with each of
/// `load-file-rep-suffixes` appended.
pub fn f_get_load_suffixes(_: &[Value]) -> LResult {
    let reps = strings_of(var("load-file-rep-suffixes"));
    let mut out = Vec::new();
    for suffix in strings_of(var("load-suffixes")) {
        for rep in &reps {
            out.push(make_string(&format!("{suffix}{rep}")));
        }
    }
    Ok(list(&out))
}

/// `(expand-file-name NAME DIR)`, by fileio's `expand-file-name` (nil DIR:
/// the buffer's `default-directory`; another non-string: the root).
fn expand_file_name(name: &str, dir: Value) -> LResult<String> {
    let v = crate::builtins::fileio::expand_file_name(make_string(name), dir)?;
    Ok(v.string_ref().to_string_lossy())
}

/// Whether NAME (as Emacs's `complete_filename_p`) needs no directory.
fn is_complete(name: &str) -> bool {
    name.starts_with('/') || name.starts_with('~')
}

/// The conses of list L, stopping at its end, at a non-list tail or when it
/// comes back to a cons already seen (lisp.h's FOR_EACH_TAIL_SAFE, with
/// Brent's cycle detection).  The list is read as it is at each step.
struct SafeTails {
    tail: Value,
    tortoise: Value,
    steps: usize,
    power: usize,
}

fn safe_tails(l: Value) -> SafeTails {
    SafeTails { tail: l, tortoise: Value::NIL, steps: 0, power: 2 }
}

impl Iterator for SafeTails {
    type Item = Value;
    fn next(&mut self) -> Option<Value> {
        let cur = self.tail;
        if !cur.is_cons() || cur == self.tortoise {
            return None;
        }
        self.steps += 1;
        if self.steps == self.power {
            self.tortoise = cur;
            self.power *= 2;
            self.steps = 0;
        }
        self.tail = cur.cdr();
        Some(cur)
    }
}

/// What openp's PREDICATE asks of a candidate file.
#[derive(Clone, Copy)]
enum Access {
    /// nil or t: the file opens for reading and is no directory.
    Open,
    /// A fixnat: faccessat(2) with that mode grants access, no directory.
    Mode(i64),
    /// Anything else is called with the name: non-nil accepts it, unless
    /// it is a directory and the answer is not `dir-ok`.
    Call(Value),
}

fn is_dir(path: &str) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// Whether CANDIDATE exists and is acceptable as ACCESS says.
fn accepts(candidate: &str, access: Access) -> LResult<bool> {
    match access {
        Access::Open => Ok(std::fs::File::open(candidate).and_then(|f| f.metadata()).is_ok_and(|m| !m.is_dir())),
        Access::Mode(mode) => {
            let Ok(mode) = i32::try_from(mode) else { return Ok(false) };
            let Ok(c) = std::ffi::CString::new(candidate) else { return Ok(false) };
            // SAFETY: C is a NUL-terminated path that outlives the call.
            let ok = unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), mode, libc::AT_EACCESS) } == 0;
            Ok(ok && !is_dir(candidate))
        }
        Access::Call(pred) => {
            let answer = funcall(pred, &[make_string(candidate)])?;
            Ok(!answer.is_nil() && (answer == intern("dir-ok") || !is_dir(candidate)))
        }
    }
}

/// lread.c `openp`: the first file NAME + SUFFIX acceptable to PREDICATE,
/// trying each suffix in each directory of PATH in turn (nil PATH: NAME
/// itself, relative to `default-directory`; a nil element:
/// `default-directory`).  An absolute NAME is looked for once.
fn openp(path: Value, name: &str, suffixes: &[String], predicate: Value) -> LResult<Option<String>> {
    let access = match predicate.as_fixnum() {
        _ if predicate.is_nil() || predicate == Value::T => Access::Open,
        Some(n) if n >= 0 => Access::Mode(n),
        _ => Access::Call(predicate),
    };
    let absolute = is_complete(name);
    // On the stack (not boxed), so a list the predicate detaches stays rooted.
    let mut tails = safe_tails(path);
    let mut just_name = path.is_nil();
    loop {
        let base = if just_name {
            just_name = false;
            // complete_filename_p: only a name starting with a slash is
            // used as it is ("~" is expanded).
            if name.starts_with('/') {
                name.to_string()
            } else {
                expand_file_name(name, Value::NIL)?
            }
        } else if let Some(tail) = tails.next() {
            expand_file_name(name, tail.car())?
        } else {
            break;
        };
        for suffix in suffixes {
            let candidate = format!("{base}{suffix}");
            if accepts(&candidate, access)? {
                return Ok(Some(candidate));
            }
        }
        if absolute {
            break;
        }
    }
    Ok(None)
}

/// `(locate-file-internal FILENAME PATH &optional SUFFIXES PREDICATE)`.
pub fn f_locate_file_internal(a: &[Value]) -> LResult {
    let (file, path, suffixes, predicate) = (a[0], a[1], a[2], a[3]);
    let name = expect_string(file)?.to_string_lossy();
    let mut suffix_list = Vec::new();
    for tail in safe_tails(suffixes) {
        suffix_list.push(expect_string(tail.car())?.to_string_lossy());
    }
    if suffixes.is_nil() {
        suffix_list.push(String::new());
    }
    Ok(openp(path, &name, &suffix_list, predicate)?.map_or(Value::NIL, |f| make_string(&f)))
}

/// lread.c `safe_to_load_version`: 0 when the file is no compiled Lisp (no
/// version line after the first), 1 when empty, else the version byte of
/// its `;ELC` header.
fn safe_to_load_version(path: &str) -> i32 {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else { return 0 };
    if f.metadata().is_ok_and(|m| !m.is_file()) {
        return 0;
    }
    let mut buf = [0u8; 512];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    if n == 0 {
        return 1;
    }
    let buf = &buf[..n];
    let Some(nl) = buf.iter().position(|&b| b == b'\n') else { return 0 };
    let version = if nl > 4 { buf[4] as i8 as i32 } else { 1 };
    if version_line(&buf[nl..]) {
        version
    } else {
        0
    }
}

/// Whether TEXT has a line matching `bytecomp-version-regexp`,
/// "^;;;.\(?:in Emacs version\|bytecomp version FSF\)", ignoring case.
fn version_line(text: &[u8]) -> bool {
    let lower: Vec<u8> = text.iter().map(|b| b.to_ascii_lowercase()).collect();
    (1..lower.len()).filter(|&i| lower[i - 1] == b'\n').any(|i| {
        let line = &lower[i..];
        line.len() > 4
            && line.starts_with(b";;;")
            && line[3] != b'\n'
            && (line[4..].starts_with(b"in emacs version") || line[4..].starts_with(b"bytecomp version fsf"))
    })
}

fn mtime(path: &str) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Writes MSG as batch Emacs's `message` does (after a newline if stdout
/// was written since the last message).  When INHIBITABLE (a Lisp
/// `message`), `inhibit-message` suppresses it.
fn batch_message(msg: Value, inhibitable: bool) {
    use crate::runtime::output;
    if inhibitable {
        crate::builtins::editfns::message_to_stderr(Some(msg));
        return;
    }
    if output::take_need_newline() {
        output::write_stderr(b"\n", false);
    }
    let st = msg.string_ref();
    output::write_stderr(&st.data, st.multibyte);
    output::write_stderr(b"\n", false);
}

fn format_message(fmt: &str, arg: Value) -> LResult {
    funcall(intern("format-message"), &[make_string(fmt), arg])
}

/// What `load` found and how it will read it.
struct Found {
    path: String,
    compiled: bool,
    /// The source file is newer than the compiled file being loaded.
    newer: bool,
}

/// The checks `Fload` makes on FOUND once it is open.
fn classify(path: String, nomessage: Value) -> LResult<Found> {
    let is_elc = path.ends_with(".elc");
    let version = safe_to_load_version(&path);
    if !(is_elc || version > 1) {
        return Ok(Found { path, compiled: false, newer: false });
    }
    if version == 0 {
        let msg = format_message("File `%s' was not compiled in Emacs", make_string(&path))?;
        return Err(signal(sym::ERROR, list1(msg)));
    }
    let mut newer = false;
    if is_elc {
        let source = &path[..path.len() - 1];
        if let (Some(elc), Some(el)) = (mtime(&path), mtime(source)) {
            if elc < el {
                newer = true;
                let quiet = !nomessage.is_nil() && var("force-load-messages").is_nil();
                if quiet && elc != std::time::UNIX_EPOCH {
                    let msg = "Source file `%s' newer than byte-compiled file; using older file";
                    batch_message(format_message(msg, make_string(source))?, false);
                }
            }
        }
    }
    Ok(Found { path, compiled: true, newer })
}

/// The suffixes `load` tries for FILE.
fn suffixes_for(name: &str, nosuffix: Value, must_suffix: Value) -> LResult<Vec<String>> {
    if !nosuffix.is_nil() {
        return Ok(vec![String::new()]);
    }
    let has_suffix = name.ends_with(".el") || name.ends_with(".elc");
    let has_dir = name.contains('/');
    let must = !must_suffix.is_nil() && !has_suffix && !has_dir;
    let mut v = strings_of(f_get_load_suffixes(&[])?);
    if !must {
        v.extend(strings_of(var("load-file-rep-suffixes")));
    }
    Ok(v)
}

fn cannot_open(file: Value) -> Flow {
    let data = [make_string("Cannot open load file"), make_string("No such file or directory"), file];
    signal_list(sym::FILE_MISSING, &data)
}

/// `(load FILE &optional NOERROR NOMESSAGE NOSUFFIX MUST-SUFFIX)`.
pub fn f_load(a: &[Value]) -> LResult {
    let (file, noerror, nomessage, nosuffix, must_suffix) = (a[0], a[1], a[2], a[3], a[4]);
    let name = expect_string(file)?.to_string_lossy();
    let found =
        if name.is_empty() { None } else { openp(var("load-path"), &name, &suffixes_for(&name, nosuffix, must_suffix)?, Value::NIL)? };
    let Some(path) = found else {
        return if noerror.is_nil() { Err(cannot_open(file)) } else { Ok(Value::NIL) };
    };
    let depth = LOADS_IN_PROGRESS.with(|l| l.borrow().iter().filter(|p| **p == path).count());
    if depth > 3 {
        let mut data = vec![make_string(&path)];
        LOADS_IN_PROGRESS.with(|l| data.extend(l.borrow().iter().map(|p| make_string(p))));
        return Err(signal(sym::ERROR, cons(make_string("Recursive load"), list(&data))));
    }
    let found = classify(path, nomessage)?;
    let verbose = nomessage.is_nil() || !var("force-load-messages").is_nil();
    if verbose {
        announce(&found, file)?;
    }
    LOADS_IN_PROGRESS.with(|l| l.borrow_mut().insert(0, found.path.clone()));
    let r = load_recording_history(&found.path);
    LOADS_IN_PROGRESS.with(|l| {
        let mut l = l.borrow_mut();
        if !l.is_empty() {
            l.remove(0);
        }
    });
    r?;
    let after = intern("do-after-load-evaluation");
    if !after.sym().function.is_nil() {
        funcall(after, &[make_string(&found.path)])?;
    }
    Ok(Value::T)
}

/// The "Loading ..." message: FILE as given for compiled files (Fload's
/// own message), the found name for source files (the message of mule.el's
/// `load-with-code-conversion`, which Fload hands source files to).
fn announce(found: &Found, file: Value) -> LResult<()> {
    if !found.compiled {
        let fmt = if found.path.ends_with(".el") { "Loading %s (source)..." } else { "Loading %s..." };
        batch_message(format_message(fmt, make_string(&found.path))?, true);
    } else if found.newer {
        batch_message(format_message("Loading %s (compiled; note, source file is newer)...", file)?, false);
    } else {
        batch_message(format_message("Loading %s...", file)?, false);
    }
    Ok(())
}

/// Loads PATH with `current-load-list` collecting what it defines, then
/// records that as PATH's entry of `load-history` (lread.c
/// `build_load_history` for a whole file: older entries for PATH go).
fn load_recording_history(path: &str) -> LResult<()> {
    let name = make_string(path);
    let count = specpdl_depth();
    let r = (|| {
        specbind(intern("current-load-list"), list1(name))?;
        crate::runtime::load::load_file(path)?;
        let entry = crate::builtins::fns::lists::f_nreverse(&[var("current-load-list")])?;
        let history = intern("load-history");
        let mut kept = Vec::new();
        for e in var("load-history").iter() {
            if !crate::runtime::equality::equal(e.car_safe(), name)? {
                kept.push(e);
            }
        }
        set_variable(history, cons(entry, list(&kept)))
    })();
    unbind_to(count);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_tails_stop_on_circular_lists() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let l = list(&[make_int(1), make_int(2)]);
        l.cdr().cons_ref().cdr = l;
        assert!(safe_tails(l).count() <= 4);
        assert_eq!(safe_tails(make_int(3)).count(), 0);
    }

    #[test]
    fn compiled_files_are_recognized_by_their_header() {
        assert!(version_line(b"\n;;; Compiled\n;;; in Emacs version 30.1\n"));
        assert!(version_line(b"\n;;;.IN EMACS VERSION"));
        assert!(version_line(b"\n;;; bytecomp version FSF 2.10"));
        assert!(!version_line(b"\n;; in Emacs version 30.1"));
        assert!(!version_line(b";;; in Emacs version 30.1"));
    }
}
