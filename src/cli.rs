//! Command-line processing for the `enoki` binary.
//!
//! `enoki [GLOBAL] [--batch|-batch] [-Q] [-L DIR] [-l FILE] [--eval EXPR]
//!        [-f FUNC] [--script FILE] [FILE]` handles its options in order, as
//! `emacs --batch` does: `princ`/`print` go to stdout, `message` to stderr,
//! an uncaught error prints Emacs's batch message and exits 255, and
//! `(kill-emacs N)` exits N.  `enoki [GLOBAL] compat FILE` runs the compat
//! protocol (see README).

use enoki::engine::{lift, LispError};
use enoki::runtime::alloc::cons;
use enoki::runtime::error::ExitKind;
use enoki::runtime::load::{decode_source, load_file};
use enoki::runtime::output;
use enoki::runtime::printer::print_object;
use enoki::runtime::reader::Reader;
use enoki::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use enoki::runtime::string::{make_string, StringBuilder};
use enoki::runtime::symbol::intern;
use enoki::runtime::value::Value;
use enoki::runtime::{funcall, rt, sym};
use enoki::Engine;

pub fn run(mut args: Vec<String>) -> i32 {
    let mut trace = false;
    let mut stats = false;
    let mut assumptions = false;
    while let Some(a) = args.first() {
        match a.as_str() {
            "--no-specialize" => enoki::specialize::set_specializing(false),
            "--trace-rewrites" => trace = true,
            "--rewrite-stats" => stats = true,
            "--trace-assumptions" => assumptions = true,
            _ => break,
        }
        args.remove(0);
    }
    enoki::specialize::trace::configure(trace, stats);
    enoki::specialize::assumptions::configure(assumptions);
    let mut engine = Engine::new();
    let code = match args.first().map(|s| s.as_str()) {
        Some("compat") => match args.get(1) {
            Some(file) => compat(&mut engine, file),
            None => {
                eprintln!("usage: enoki compat FILE");
                2
            }
        },
        _ => batch(&mut engine, &args),
    };
    enoki::specialize::trace::print_stats();
    output::flush();
    code
}

/// Emacs-style processing of command-line arguments, in order.
fn batch(engine: &mut Engine, args: &[String]) -> i32 {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (opt, inline) = match a.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || -> Option<String> {
            if inline.is_some() {
                return inline.clone();
            }
            i += 1;
            args.get(i).cloned()
        };
        enoki::runtime::backtrace::start_at_depth(COMMAND_LINE_EVAL_DEPTH);
        let result = match opt {
            "--batch" | "-batch" | "-Q" | "--quick" | "-q" | "--no-init-file" | "-no-site-file" | "--no-site-file" | "--no-splash"
            | "-nw" => Ok(()),
            "-L" | "--directory" => match value() {
                Some(dir) => add_load_path(&dir),
                None => missing(a),
            },
            "-l" | "--load" | "-load" | "--script" | "-script" | "-scriptload" => match value() {
                Some(file) => lift(load_file(&file)).map(|_| ()),
                None => missing(a),
            },
            "--eval" | "-eval" | "--execute" | "-execute" => match value() {
                Some(expr) => eval_expression(engine, &expr),
                None => missing(a),
            },
            "-f" | "--funcall" | "-funcall" => match value() {
                Some(f) => lift(funcall(intern(&f), &[])).map(|_| ()),
                None => missing(a),
            },
            "--kill" | "-kill" => return 0,
            _ if a.starts_with('-') && a.len() > 1 => {
                eprintln!("enoki: unknown option `{a}'");
                return 255;
            }
            _ => Ok(()), // FILE: visiting files needs buffers; nothing to do in batch.
        };
        if let Err(e) = result {
            return report_uncaught(e);
        }
        i += 1;
    }
    0
}

/// The `lisp-eval-depth` at which GNU Emacs 30.1 evaluates `-l`, `--eval` and
/// `-f` arguments (inside `command-line-1`), so recursion limits are reached
/// at the same point.
const COMMAND_LINE_EVAL_DEPTH: i64 = 4;

/// The depth at which tests/oracle/compat.el (itself loaded with `-l`)
/// evaluates each corpus form.
const COMPAT_EVAL_DEPTH: i64 = 13;

fn missing(opt: &str) -> Result<(), LispError> {
    eprintln!("enoki: option `{opt}' requires an argument");
    std::process::exit(255);
}

fn add_load_path(dir: &str) -> Result<(), LispError> {
    let s = sym::LOAD_PATH;
    let old = s.sym().value;
    let old = if old == Value::UNBOUND { Value::NIL } else { old };
    s.sym().value = cons(make_string(dir), old);
    Ok(())
}

/// `--eval EXPR`: reads one expression (trailing text is an error, as in
/// Emacs) and evaluates it with lexical binding.
fn eval_expression(engine: &mut Engine, expr: &str) -> Result<(), LispError> {
    let source = make_string(expr);
    rt().extra_roots.push(source);
    let r = (|| {
        let (form, end) = lift(enoki::runtime::reader::read_from_string(source, 0, None))?;
        let rest = &expr.as_bytes()[expr.char_indices().nth(end).map(|(b, _)| b).unwrap_or(expr.len())..];
        if rest.iter().any(|b| !b.is_ascii_whitespace()) {
            let msg = make_string("Trailing garbage following expression");
            let e = enoki::runtime::error::signal_list(sym::ERROR, &[msg, make_string(std::str::from_utf8(rest).unwrap_or(""))]);
            return lift::<()>(Err(e));
        }
        engine.eval(form, true).map(|_| ())
    })();
    rt().extra_roots.pop();
    r
}

/// Prints an uncaught error as Emacs does in batch mode and returns 255.
fn report_uncaught(e: LispError) -> i32 {
    output::flush();
    let data = if e.is_signal() { e.data() } else { cons(sym::NO_CATCH, enoki::runtime::alloc::list2(e.exit.a, e.exit.b)) };
    let mut head = StringBuilder::new();
    head.push_str("\nError: ");
    // A signal of a non-list error object (`(signal nil 5)`, which crashes
    // GNU Emacs) is shown as the object itself.
    let (name, rest) = if data.is_cons() { (data.car(), data.cdr()) } else { (Value::NIL, data) };
    let _ = print_object(name, true, &mut head);
    head.push_str(" ");
    let _ = print_object(rest, true, &mut head);
    head.push_str("\n");
    output::write_stderr(&head.data, head.multibyte);
    let message = funcall(intern("error-message-string"), &[data]);
    if let Ok(m) = message {
        if m.is_string() {
            let s = m.string_ref();
            output::write_stderr(&s.data, s.multibyte);
            output::write_stderr(b"\n", false);
        }
    }
    255
}

/// The compat protocol: every top-level form of FILE, in one environment,
/// each evaluated as `(eval FORM t)` inside a `condition-case` catching t.
fn compat(engine: &mut Engine, file: &str) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("enoki compat: cannot read {file}: {e}");
            return 2;
        }
    };
    let _ = engine;
    let source = decode_source(&bytes);
    rt().extra_roots.push(source);
    let mut reader = Reader::new(source);
    let mut n = 0;
    loop {
        let form = match lift(reader.read_next()) {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                n += 1;
                emit(n, false, error_value(&e));
                break;
            }
        };
        n += 1;
        rt().extra_roots.push(form);
        enoki::runtime::backtrace::start_at_depth(COMPAT_EVAL_DEPTH);
        match lift(enoki::runtime::eval(form, Value::T)) {
            Ok(v) => emit(n, true, v),
            Err(e) => emit(n, false, error_value(&e)),
        }
        rt().extra_roots.pop();
    }
    0
}

/// What a `condition-case` catching t binds for this exit.
fn error_value(e: &LispError) -> Value {
    match e.exit.kind {
        ExitKind::Signal => e.data(),
        ExitKind::Throw => cons(sym::NO_CATCH, enoki::runtime::alloc::list2(e.exit.a, e.exit.b)),
    }
}

fn emit(n: usize, ok: bool, v: Value) {
    let mut line = StringBuilder::new();
    line.push_str(&format!("{n}\t{}\t", if ok { "OK" } else { "ERR" }));
    let depth = specpdl_depth();
    let _ = specbind(sym::PRINT_ESCAPE_NEWLINES, Value::T);
    if print_object(v, true, &mut line).is_err() {
        line.push_str("#<unprintable>");
    }
    unbind_to(depth);
    line.push('\n' as u32);
    let bytes = if line.multibyte { output::encode_utf8_emacs(&line.data) } else { line.data };
    output::write_stdout(&bytes, false);
}
