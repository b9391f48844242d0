//! The `enoki` command line as `emacs --batch` users see it: output streams,
//! exit codes, and robustness on hostile input (syntax errors, runaway
//! recursion, huge literals, deep nesting).  Expected outputs were produced
//! by GNU Emacs 30.1 with the same arguments.

use std::io::Write;
use std::process::{Command, Output};

fn enoki(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_enoki")).args(args).output().expect("run enoki")
}

fn temp_file(name: &str, contents: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("enoki-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(contents).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn eval_prints_like_emacs() {
    let out = enoki(&["--batch", "--eval", r#"(princ (list (expt 2 70) 1.5 "é" (quote a\ b)))"#]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(1180591620717411303424 1.5 é a b)");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_error_exits_255_with_message() {
    let out = enoki(&["-Q", "--batch", "--eval", "(progn (princ \"a\") (car 1))"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a");
    assert_eq!(out.status.code(), Some(255));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Wrong type argument: listp, 1"), "stderr: {err}");
}

#[test]
fn kill_emacs_sets_exit_status() {
    let out = enoki(&["--batch", "--eval", "(kill-emacs 7)"]);
    assert_eq!(out.status.code(), Some(7));
}

#[test]
fn options_run_in_order() {
    let f = temp_file("order.el", b"(princ \"loaded \")\n(defun order-f () (princ \"called \"))\n");
    let out = enoki(&["--batch", "--eval", "(princ \"first \")", "-l", &f, "-f", "order-f", "--eval", "(princ \"last\")"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "first loaded called last");
}

#[test]
fn script_with_error_stops_with_255() {
    let f = temp_file("s.el", b"(princ \"hi\\n\")\n(car 1)\n(princ \"never\")\n");
    let out = enoki(&["--script", &f]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
    assert_eq!(out.status.code(), Some(255));
}

#[test]
fn missing_load_file_is_file_missing() {
    let out = enoki(&["-Q", "--batch", "-l", "/nonexistent/enoki-none.el"]);
    assert_eq!(out.status.code(), Some(255));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Cannot open load file: No such file or directory, /nonexistent/enoki-none.el"), "stderr: {err}");
}

#[test]
fn syntax_error_in_file_is_end_of_file() {
    let f = temp_file("syn.el", b"(princ 1)\n(car\n");
    let out = enoki(&["-Q", "--batch", "-l", &f]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1");
    assert_eq!(out.status.code(), Some(255));
    assert!(String::from_utf8_lossy(&out.stderr).contains("End of file during parsing"));
}

#[test]
fn runaway_recursion_is_excessive_lisp_nesting() {
    let f = temp_file("deep.el", b"(defun f (n) (if (= n 0) 0 (1+ (f (1- n)))))\n(princ (condition-case e (f 100000) (error e)))\n");
    let out = enoki(&["-Q", "--batch", "-l", &f]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(excessive-lisp-nesting 1601)");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn ten_megabyte_string_literal() {
    let mut src = b"(princ (length \"".to_vec();
    src.extend(std::iter::repeat_n(b'a', 10_000_000));
    src.extend_from_slice(b"\"))\n");
    let f = temp_file("big.el", &src);
    let out = enoki(&["-Q", "--batch", "-l", &f]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10000000");
}

#[test]
fn deeply_nested_list_reads() {
    let mut src = b"(princ (let ((x (car (read-from-string \"".to_vec();
    src.extend(std::iter::repeat_n(b'(', 10_000));
    src.extend(std::iter::repeat_n(b')', 10_000));
    src.extend_from_slice(b"\"))) (n 0)) (while (consp x) (setq x (car x) n (1+ n))) n))\n");
    let f = temp_file("nest.el", &src);
    let out = enoki(&["-Q", "--batch", "-l", &f]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "9999");
}

#[test]
fn hundred_million_conses_in_bounded_memory() {
    // Allocates 100,000,000 conses that become garbage at once; the collector
    // must keep the process far below what keeping them would take (1.6 GB).
    let out = enoki(&[
        "--batch",
        "--eval",
        "(let ((i 0) (x nil)) (while (< i 100000000) (setq x (cons i nil)) (setq i (1+ i))) (princ (car x)))",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "99999999");
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert!(usage.ru_maxrss < 800_000, "peak RSS of a child: {} KiB", usage.ru_maxrss);
}

#[test]
fn require_loads_from_load_path() {
    let f = temp_file("cli-feat.el", b";;; -*- lexical-binding: t -*-\n(defun cli-feat-hello () (princ \"hello\"))\n(provide 'cli-feat)\n");
    let dir = std::path::Path::new(&f).parent().unwrap().to_string_lossy().into_owned();
    let out = enoki(&[
        "--batch",
        "-L",
        &dir,
        "--eval",
        "(progn (require 'cli-feat) (cli-feat-hello) (princ (featurep 'cli-feat)) (princ (load \"cli-none\" t)))",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hellotnil");
    let out = enoki(&["--batch", "--eval", "(require 'cli-no-such-feature)"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cannot open load file: No such file or directory, cli-no-such-feature"));
}

#[test]
fn load_messages_tell_compiled_from_source_files() {
    // GNU Emacs 30.1 names a compiled file as `load' was given it, and a
    // source file by the name it found (the message of mule.el's
    // `load-with-code-conversion'); NOMESSAGE silences both, except the
    // warning that the source is newer than the compiled file.
    let elc = b";ELC\x1e\0\0\0\n;;; Compiled\n;;; in Emacs version 30.1\n;;; with all optimizations.\n\n(setq lmsgc t)\n";
    let el = temp_file("lmsg.el", b"(setq lmsg-el t)\n");
    temp_file("lmsgc.elc", elc);
    let newer_elc = temp_file("lmsgn.elc", elc);
    let newer_el = temp_file("lmsgn.el", b"(setq lmsgn-src t)\n");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(978_307_200);
    let file = std::fs::File::options().write(true).open(&newer_elc).unwrap();
    file.set_modified(old).unwrap();
    let file = std::fs::File::options().write(true).open(&newer_el).unwrap();
    file.set_modified(old + std::time::Duration::from_secs(86_400)).unwrap();
    let dir = std::path::Path::new(&el).parent().unwrap().to_string_lossy().into_owned();
    let form = format!(
        "(progn (load \"lmsg\") (load \"lmsgc\") (load \"{dir}/lmsgc.elc\") (load \"lmsg\" nil t) (load \"lmsgn\") (load \"lmsgn\" nil t) (princ (list lmsg-el lmsgc (boundp 'lmsgn-src))))"
    );
    // Curved quotes, as in a UTF-8 locale.
    let out = Command::new(env!("CARGO_BIN_EXE_enoki"))
        .env("LC_ALL", "C.UTF-8")
        .args(["-Q", "--batch", "-L", &dir, "--eval", &form])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(t t nil)");
    let expected = format!(
        "Loading {dir}/lmsg.el (source)...\nLoading lmsgc...\nLoading {dir}/lmsgc.elc...\n\
         Loading lmsgn (compiled; note, source file is newer)...\n\
         Source file ‘{dir}/lmsgn.el’ newer than byte-compiled file; using older file\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
}
