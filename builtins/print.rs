//! Primitives of GNU Emacs's print.c: `prin1`, `princ`, `print`, `terpri`,
//! `write-char`, `prin1-to-string` (with OVERRIDES), `error-message-string`,
//! `external-debugging-output`, `redirect-debugging-output`,
//! `flush-standard-output` and `print--preprocess`, plus the print variables.
//!
//! Output streams (PRINTCHARFUN) follow Emacs: nil means `standard-output`;
//! t is standard output in batch mode; any other object is called as a
//! function with each character (so a non-function signals as Emacs does).
//! Buffers and markers are not streams yet.  `enoki--make-string-output`
//! makes a stream object that accumulates text as a multibyte buffer would
//! (what `with-output-to-string` needs), read back with
//! `enoki--string-output-contents`.

use crate::builtins::prelude::*;
use crate::runtime::buffer::current_buffer;
use crate::runtime::output;
use crate::runtime::printer::{self, functionp, Out};
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};

#[path = "print_streams.rs"]
mod streams;

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("prin1", 1, 3, prin1, "Output the printed representation of OBJECT, any Lisp object."),
    SubrDef::new("prin1-to-string", 1, 3, prin1_to_string, "Return a string containing the printed representation of OBJECT."),
    SubrDef::new("princ", 1, 2, princ, "Output the printed representation of OBJECT, any Lisp object."),
    SubrDef::new("print", 1, 2, print, "Output the printed representation of OBJECT, with newlines around it."),
    SubrDef::new("terpri", 0, 2, terpri, "Output a newline to stream PRINTCHARFUN."),
    SubrDef::new("write-char", 1, 2, write_char, "Output character CHARACTER to stream PRINTCHARFUN."),
    SubrDef::new("error-message-string", 1, 1, error_message_string, "Convert an error value (ERROR-SYMBOL . DATA) to an error message."),
    SubrDef::new("external-debugging-output", 1, 1, external_debugging_output, "Write CHARACTER to stderr."),
    SubrDef::new("redirect-debugging-output", 1, 2, redirect_debugging_output, "Redirect debugging output (stderr stream) to file FILE."),
    SubrDef::new("flush-standard-output", 0, 0, flush_standard_output, "Flush standard-output."),
    SubrDef::new("print--preprocess", 1, 1, print_preprocess, "Extract sharing info from OBJECT needed to print it."),
    SubrDef::new("enoki--make-string-output", 0, 0, make_string_output, "Return a new output stream that collects text."),
    SubrDef::new("enoki--string-output-contents", 1, 1, string_output_contents, "Return the text collected by string output STREAM."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("standard-output", Value::T);
    defvar_lisp("float-output-format", Value::NIL);
    defvar_bool("print-integers-as-characters", Value::NIL);
    defvar_lisp("print-length", Value::NIL);
    defvar_lisp("print-level", Value::NIL);
    defvar_bool("print-escape-newlines", Value::NIL);
    defvar_bool("print-escape-control-characters", Value::NIL);
    defvar_bool("print-escape-nonascii", Value::NIL);
    defvar_bool("print-escape-multibyte", Value::NIL);
    defvar_bool("print-quoted", Value::T);
    defvar_lisp("print-gensym", Value::NIL);
    defvar_lisp("print-circle", Value::NIL);
    defvar_lisp("print-continuous-numbering", Value::NIL);
    defvar_lisp("print-number-table", Value::NIL);
    defvar_lisp("print-charset-text-property", intern("default"));
    defvar_bool("print-symbols-bare", Value::NIL);
    defvar_lisp("print-unreadable-function", Value::NIL);
    defvar_lisp("print--unreadable-callback-buffer", Value::NIL);
}

// ---------------------------------------------------------------------------
// Streams

const STRING_OUTPUT: &str = "enoki--string-output";

/// The stream object of `enoki--make-string-output`.
struct StringOutput {
    text: StringBuilder,
}

impl HostObject for StringOutput {
    fn type_name(&self) -> &'static str {
        STRING_OUTPUT
    }
    fn print(&self) -> String {
        "#<enoki--string-output>".into()
    }
    fn trace(&self, _m: &mut crate::runtime::heap::Marker) {}
}

fn string_output(v: Value) -> Option<&'static mut StringOutput> {
    if !v.is_obj() {
        return None;
    }
    match v.obj_ref() {
        // The type name is unique to StringOutput, so the cast is to its type.
        Obj::Host(h) if h.type_name() == STRING_OUTPUT => Some(unsafe { &mut *(h.as_mut() as *mut dyn HostObject as *mut StringOutput) }),
        _ => None,
    }
}

fn make_string_output(_: &[Value]) -> LResult {
    Ok(heap().alloc_obj(Obj::Host(Box::new(StringOutput { text: StringBuilder::new() }))))
}

fn string_output_contents(args: &[Value]) -> LResult {
    let s = string_output(args[0]).ok_or_else(|| wrong_type(intern("enoki--string-output-p"), args[0]))?;
    // Like `buffer-string` of a multibyte buffer: always multibyte.
    let t = &s.text;
    Ok(heap().alloc_string(LispString::new(t.data.clone(), t.nchars, true)))
}

/// PRINTCHARFUN, with nil meaning `standard-output` (and then t).
fn stream_or_default(pcf: Value) -> Value {
    if pcf.is_nil() {
        let v = value_cell(sym::STANDARD_OUTPUT);
        if v == Value::UNBOUND {
            Value::NIL
        } else {
            v
        }
    } else {
        pcf
    }
}

/// What kind of stream PRINTCHARFUN is, once print_prepare has run.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Kind {
    /// t (or nil): standard output in batch mode.
    Stdout,
    /// An `enoki--make-string-output` stream.
    StringOutput,
    /// A buffer or marker: the buffer is current, point where text goes.
    Buffer,
    /// Any other object, called with each character.
    Func,
}

/// Emacs's print_prepare / print_finish around F: F writes to the stream.
/// `print--unreadable-callback-buffer` is bound to the current buffer, as
/// print_prepare binds it for every stream.
fn with_stream<T>(pcf: Value, f: impl FnOnce(Kind, &mut Out) -> LResult<T>) -> LResult<T> {
    let count = specpdl_depth();
    let r = specbind(intern("print--unreadable-callback-buffer"), current_buffer()).and_then(|_| with_stream_1(pcf, f));
    unbind_to(count);
    r
}

fn with_stream_1<T>(pcf: Value, f: impl FnOnce(Kind, &mut Out) -> LResult<T>) -> LResult<T> {
    if pcf.is_nil() || pcf.is_t() {
        return f(Kind::Stdout, &mut Out::Stdout);
    }
    if string_output(pcf).is_some() {
        // Text goes into the print buffer and is inserted when printing ends.
        // Emacs's `with-output-to-string' prints into a multibyte buffer.
        if value_cell(sym::PRINT_ESCAPE_NONASCII).is_nil() {
            specbind(sym::PRINT_ESCAPE_NONASCII, Value::T)?;
        }
        let mut b = StringBuilder::new();
        let v = printer::printbuf::nested(&mut b, |b| f(Kind::StringOutput, &mut Out::Insert(b)))?;
        if let Some(s) = string_output(pcf) {
            append(&mut s.text, &b);
        }
        return Ok(v);
    }
    if streams::is_buffer_stream(pcf) {
        return streams::with_buffer_stream(pcf, |out| f(Kind::Buffer, out));
    }
    f(Kind::Func, &mut Out::Func(pcf))
}

fn append(dst: &mut StringBuilder, src: &StringBuilder) {
    if src.multibyte {
        dst.to_multibyte();
    }
    dst.data.extend_from_slice(&src.data);
    dst.nchars += src.nchars;
}

// ---------------------------------------------------------------------------
// OVERRIDES

const OVERRIDES: &[(&str, &str)] = &[
    ("length", "print-length"),
    ("level", "print-level"),
    ("circle", "print-circle"),
    ("quoted", "print-quoted"),
    ("escape-newlines", "print-escape-newlines"),
    ("escape-control-characters", "print-escape-control-characters"),
    ("escape-nonascii", "print-escape-nonascii"),
    ("escape-multibyte", "print-escape-multibyte"),
    ("charset-text-property", "print-charset-text-property"),
    ("unreadeable-function", "print-unreadable-function"),
    ("gensym", "print-gensym"),
    ("continuous-numbering", "print-continuous-numbering"),
    ("number-table", "print-number-table"),
    ("float-format", "float-output-format"),
    ("integers-as-characters", "print-integers-as-characters"),
];

fn bind_all_defaults() -> LResult<()> {
    for (key, var) in OVERRIDES {
        let default = if *key == "quoted" { Value::T } else { Value::NIL };
        specbind(intern(var), default)?;
    }
    Ok(())
}

/// Emacs's print_bind_overrides: binds the variables OVERRIDES names.
fn bind_overrides(overrides: Value) -> LResult<()> {
    if overrides.is_t() {
        return bind_all_defaults();
    }
    if !overrides.is_cons() {
        return Err(signal(sym::WRONG_TYPE_ARGUMENT, sym::CONSP));
    }
    let mut l = overrides;
    while !l.is_nil() {
        let setting = l.car();
        if setting.is_t() {
            bind_all_defaults()?;
        } else if !setting.is_cons() {
            return Err(signal(sym::WRONG_TYPE_ARGUMENT, sym::CONSP));
        } else {
            let key = setting.car();
            let var = OVERRIDES.iter().find(|(k, _)| key.is_symbol() && intern(k) == key);
            match var {
                Some((_, var)) => specbind(intern(var), setting.cdr())?,
                None => return Err(signal_list(sym::WRONG_TYPE_ARGUMENT, &[sym::SYMBOLP, Value::NIL])),
            }
        }
        let next = l.cdr();
        if !next.is_nil() && !next.is_cons() {
            return Err(signal(sym::WRONG_TYPE_ARGUMENT, sym::CONSP));
        }
        l = next;
    }
    Ok(())
}

/// Runs F with OVERRIDES bound, unbinding on every exit.
fn with_overrides<T>(overrides: Value, f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let count = specpdl_depth();
    let r = if overrides.is_nil() { Ok(()) } else { bind_overrides(overrides) };
    let r = r.and_then(|_| f());
    unbind_to(count);
    r
}

// ---------------------------------------------------------------------------
// The print functions

fn prin1(args: &[Value]) -> LResult {
    let (object, pcf, overrides) = (args[0], stream_or_default(args[1]), args[2]);
    with_overrides(overrides, || with_stream(pcf, |_, out| printer::print(object, true, out)))?;
    Ok(object)
}

fn prin1_to_string(args: &[Value]) -> LResult {
    let (object, noescape, overrides) = (args[0], args[1], args[2]);
    let count = specpdl_depth();
    let r = specbind(intern("print--unreadable-callback-buffer"), current_buffer());
    let r = r.and_then(|_| with_overrides(overrides, || printer::prin1_to_string(object, noescape.is_nil())));
    unbind_to(count);
    r
}

/// `princ` of OBJECT to an already chosen stream.
fn princ_to(object: Value, out: &mut Out) -> LResult<()> {
    let continuous = value_cell(intern("print-continuous-numbering"));
    if object.is_string() && object.string_ref().props.is_nil() && (continuous.is_nil() || continuous == Value::UNBOUND) {
        printer::print_string(object, out)
    } else {
        printer::print(object, false, out)
    }
}

fn princ(args: &[Value]) -> LResult {
    let (object, pcf) = (args[0], stream_or_default(args[1]));
    with_stream(pcf, |_, out| princ_to(object, out))?;
    Ok(object)
}

fn print(args: &[Value]) -> LResult {
    let (object, pcf) = (args[0], stream_or_default(args[1]));
    with_stream(pcf, |_, out| {
        out.printchar('\n' as u32)?;
        printer::print(object, true, out)?;
        out.printchar('\n' as u32)
    })?;
    Ok(object)
}

fn terpri(args: &[Value]) -> LResult {
    let (pcf, ensure) = (stream_or_default(args[0]), args[1]);
    let val = with_stream(pcf, |kind, out| {
        let val = if ensure.is_nil() {
            true
        } else {
            match kind {
                // A buffer, as `with-output-to-string`'s is in Emacs: Fbolp.
                Kind::StringOutput => string_output(pcf).is_some_and(|s| s.text.data.last().is_some_and(|&b| b != b'\n')),
                Kind::Buffer => streams::needs_newline(),
                Kind::Func if functionp(pcf) => return Err(streams::signal_error("Unsupported function argument", pcf)),
                _ => output::last_stdout_char() != 10,
            }
        };
        if val {
            out.printchar('\n' as u32)?;
        }
        Ok(val)
    })?;
    Ok(Value::bool(val))
}

fn write_char(args: &[Value]) -> LResult {
    let pcf = stream_or_default(args[1]);
    let c = expect_fixnum(args[0])?;
    with_stream(pcf, |_, out| out.printchar(c as u32))?;
    Ok(args[0])
}

fn external_debugging_output(args: &[Value]) -> LResult {
    let c = expect_fixnum(args[0])?;
    output::write_stderr_char(c as u32);
    Ok(args[0])
}

fn flush_standard_output(_: &[Value]) -> LResult {
    output::flush();
    Ok(Value::NIL)
}

fn print_preprocess(args: &[Value]) -> LResult {
    if !value_cell(sym::PRINT_CIRCLE).is_nil() && value_cell(sym::PRINT_CIRCLE) != Value::UNBOUND {
        let table_sym = intern("print-number-table");
        let table = value_cell(table_sym);
        let opts = printer::Opts::from_vars(false);
        printer::circle_reset_index();
        let table = printer::circle_preprocess(args[0], table, &opts)?;
        set_variable(table_sym, table)?;
    }
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// redirect-debugging-output

static STDERR_DUP: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(2);

/// FILE made absolute against `default-directory` (or the working directory).
fn absolute_path(file: Value) -> LResult<String> {
    let name = expect_string(file)?.to_string_lossy();
    if name.starts_with('/') {
        return Ok(name);
    }
    let dd = value_cell(intern("default-directory"));
    let base = if dd.is_string() {
        dd.string_ref().to_string_lossy()
    } else {
        std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "/".into())
    };
    let sep = if base.ends_with('/') { "" } else { "/" };
    Ok(format!("{base}{sep}{name}"))
}

/// Emacs's report_file_error: (ERROR-SYMBOL STRING ERRNO-MESSAGE FILE).
fn file_error(msg: &str, errno: i32, file: Value) -> Flow {
    let symbol = match errno {
        libc::ENOENT => sym::FILE_MISSING,
        libc::EEXIST => intern("file-already-exists"),
        libc::EACCES => intern("permission-denied"),
        _ => sym::FILE_ERROR,
    };
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or("").to_string();
    signal_list(symbol, &[make_string(msg), make_string(&text), file])
}

fn redirect_debugging_output(args: &[Value]) -> LResult {
    let (file, append) = (args[0], args[1]);
    let mut fd = STDERR_DUP.load(std::sync::atomic::Ordering::Relaxed);
    if !file.is_nil() {
        let path = absolute_path(file)?;
        let file = make_string(&path);
        if fd == 2 {
            let n = unsafe { libc::fcntl(2, libc::F_DUPFD_CLOEXEC, 3) };
            if n < 0 {
                return Err(file_error("dup", errno(), file));
            }
            STDERR_DUP.store(n, std::sync::atomic::Ordering::Relaxed);
        }
        let cpath = std::ffi::CString::new(path).map_err(|_| file_error("Cannot open debugging output stream", libc::EINVAL, file))?;
        let flags = libc::O_WRONLY | libc::O_CREAT | if append.is_nil() { libc::O_TRUNC } else { libc::O_APPEND };
        fd = unsafe { libc::open(cpath.as_ptr(), flags | libc::O_CLOEXEC, 0o666) };
        if fd < 0 {
            return Err(file_error("Cannot open debugging output stream", errno(), file));
        }
    }
    if unsafe { libc::dup2(fd, 2) } < 0 {
        return Err(file_error("dup2", errno(), file));
    }
    if fd != STDERR_DUP.load(std::sync::atomic::Ordering::Relaxed) {
        unsafe { libc::close(fd) };
    }
    Ok(Value::NIL)
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

// ---------------------------------------------------------------------------
// error-message-string

fn plist_get(plist: Value, prop: Value) -> Value {
    let mut l = plist;
    let mut n = 0usize;
    while l.is_cons() && l.cdr().is_cons() && n < 1 << 24 {
        if l.car() == prop {
            return l.cdr().car();
        }
        l = l.cdr().cdr();
        n += 1;
    }
    Value::NIL
}

fn get(symbol: Value, prop: Value) -> LResult {
    Ok(plist_get(expect_symbol(symbol)?.sym().plist, prop))
}

/// `substitute-command-keys` on MSG when it is defined, errors ignored.
fn substitute_command_keys(msg: Value) -> LResult {
    let f = intern("substitute-command-keys");
    if f.sym().function.is_nil() {
        return Ok(msg);
    }
    match funcall(f, &[msg]) {
        Ok(v) if !v.is_nil() => Ok(v),
        Ok(_) => Ok(msg),
        Err(e) => {
            if pending().kind == ExitKind::Throw {
                return Err(e);
            }
            Ok(msg)
        }
    }
}

fn error_message_string(args: &[Value]) -> LResult {
    let obj = args[0];
    if obj.is_cons() && obj.car() == sym::ERROR {
        let d = obj.cdr();
        if d.is_cons() && d.car().is_string() && d.cdr().is_nil() {
            return Ok(d.car());
        }
    }
    let mut b = StringBuilder::new();
    print_error_message(obj, &mut b)?;
    Ok(heap().alloc_string(LispString::new(b.data, b.nchars, true)))
}

/// Emacs's print_error_message: "MESSAGE: ITEM, ITEM..." into B.
pub fn print_error_message(data: Value, b: &mut StringBuilder) -> LResult<()> {
    if !data.is_list() {
        return Err(wrong_type(sym::LISTP, data));
    }
    let errname = data.car_safe();
    let (mut errmsg, file_error, body) = if errname == sym::ERROR {
        let d = data.cdr();
        let d = if d.is_cons() { d } else { Value::NIL };
        (d.car_safe(), false, d)
    } else {
        let conditions = get(errname, sym::ERROR_CONDITIONS)?;
        let msg = substitute_command_keys(get(errname, sym::ERROR_MESSAGE)?)?;
        (msg, conditions.iter().any(|c| c == sym::FILE_ERROR), data)
    };
    let mut tail = body.cdr_safe();
    if file_error && tail.is_cons() {
        errmsg = tail.car();
        tail = tail.cdr();
    }
    let mut sep = Some(": ");
    if !errmsg.is_string() {
        printer::print_string(make_string("peculiar error"), &mut Out::Buf(b))?;
    } else if errmsg.string_ref().nchars > 0 {
        princ_to(errmsg, &mut Out::Buf(b))?;
    } else {
        sep = None;
    }
    let plain = file_error || errname == sym::END_OF_FILE || errname == sym::USER_ERROR;
    let (mut tortoise, mut steps) = (tail, 0u64);
    while tail.is_cons() {
        if let Some(s) = sep {
            b.push_str(s);
        }
        sep = Some(", ");
        let item = tail.car();
        if plain {
            princ_to(item, &mut Out::Buf(b))?;
        } else {
            printer::print(item, true, &mut Out::Buf(b))?;
        }
        tail = tail.cdr();
        steps += 1;
        if steps.is_power_of_two() {
            tortoise = tail;
        } else if tail == tortoise {
            return Err(signal_list(sym::CIRCULAR_LIST, &[tail]));
        }
    }
    Ok(())
}
