//! Primitives of GNU Emacs's emacs.c that make sense in batch: `kill-emacs`.
#[allow(unused_imports)]
use crate::builtins::prelude::*;

pub static SUBRS: &[SubrDef] = &[SubrDef::new("kill-emacs", 0, 2, kill_emacs, "Exit the Emacs job and kill it.")];

/// Runs `kill-emacs-hook`, flushes output and exits with ARG (an integer) or 0.
fn kill_emacs(args: &[Value]) -> LResult {
    let hook = intern("kill-emacs-hook");
    if hook.sym().value != Value::UNBOUND && !hook.sym().value.is_nil() {
        funcall(intern("run-hooks"), &[hook])?;
    }
    let code = match args[0].as_fixnum() {
        Some(n) => n as i32,
        None if args[0].is_string() => 0,
        None => 0,
    };
    crate::runtime::output::flush();
    std::process::exit(code & 0xFF);
}

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("kill-emacs-hook", Value::NIL);
    defvar_bool("noninteractive", Value::T);
    defvar_lisp("emacs-version", make_string("30.1"));
    defvar_special("emacs-major-version", Value::fixnum(30));
    defvar_special("emacs-minor-version", Value::fixnum(1));
    defvar_lisp("system-type", intern("gnu/linux"));
    defvar_lisp("load-path", Value::NIL);
    defvar_lisp("load-file-name", Value::NIL);
    defvar_bool("load-in-progress", Value::NIL);
    defvar_special("command-line-args-left", Value::NIL);
}
