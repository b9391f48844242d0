//! `Engine`: the handle a host (or the CLI) holds.  Creating one sets up the
//! current thread's runtime, installs the builtins and the evaluator, and
//! loads Enoki's small Lisp prelude.  An engine is bound to its thread; each
//! thread that runs Lisp makes its own (isolates share nothing).

use crate::runtime::error::{pending, ExitKind, LResult, Pending};
use crate::runtime::load::eval_source;
use crate::runtime::printer::prin1_to_string_lossy;
use crate::runtime::string::make_string;
use crate::runtime::value::Value;
use std::cell::Cell;
use std::marker::PhantomData;

thread_local! {
    static READY: Cell<bool> = const { Cell::new(false) };
}

/// The Lisp prelude: what GNU Emacs defines in Lisp and every program needs
/// before any library is loaded.
const PRELUDE: &str = include_str!("../builtins/lisp/prelude.el");

pub struct Engine {
    _thread_bound: PhantomData<*const ()>,
}

/// A non-local exit that reached the host: a signal or an uncaught throw.
#[derive(Debug, Clone)]
pub struct LispError {
    pub exit: Pending,
}

impl LispError {
    /// The error as Lisp data: `(ERROR-SYMBOL . DATA)` for a signal.
    pub fn data(&self) -> Value {
        self.exit.error_object()
    }
    pub fn is_signal(&self) -> bool {
        self.exit.kind == ExitKind::Signal
    }
}

impl std::fmt::Display for LispError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", prin1_to_string_lossy(self.data()))
    }
}

impl Engine {
    /// Sets up (once per thread) and returns the engine of the current thread.
    pub fn new() -> Engine {
        if !READY.with(|r| r.get()) {
            crate::runtime::init_thread();
            crate::builtins::install();
            crate::nodes::install();
            READY.with(|r| r.set(true));
            let prelude = make_string(PRELUDE);
            crate::runtime::rt().extra_roots.push(prelude);
            crate::runtime::rt().defining_library = true;
            let loaded = lift(eval_source(prelude, true));
            crate::runtime::rt().defining_library = false;
            if let Err(e) = loaded {
                panic!("the Enoki prelude failed to load: {e}");
            }
            // The prelude stands for Emacs's dumped library: its definitions
            // are not part of any load's history.
            crate::runtime::symbol::intern("current-load-list").sym().value = Value::NIL;
        }
        Engine { _thread_bound: PhantomData }
    }

    /// Reads and evaluates every form of SOURCE with lexical binding; the last value.
    pub fn eval_str(&mut self, source: &str) -> Result<Value, LispError> {
        let s = make_string(source);
        lift(eval_source(s, true))
    }

    /// Evaluates one form (lexical binding when LEXICAL).
    pub fn eval(&mut self, form: Value, lexical: bool) -> Result<Value, LispError> {
        lift(crate::runtime::eval(form, Value::bool(lexical)))
    }

    /// Calls FUNCTION with ARGS.
    pub fn call(&mut self, function: Value, args: &[Value]) -> Result<Value, LispError> {
        lift(crate::runtime::funcall(function, args))
    }

    /// The printed representation of V (as `prin1`).
    pub fn print(&self, v: Value) -> String {
        prin1_to_string_lossy(v)
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// Turns an evaluator result into a host result, resetting the evaluation
/// state that an aborted evaluation leaves behind.
pub fn lift<T>(r: LResult<T>) -> Result<T, LispError> {
    match r {
        Ok(v) => Ok(v),
        Err(_) => {
            let exit = pending();
            let rt = crate::runtime::rt();
            rt.catches.clear();
            crate::runtime::specpdl::unbind_to(0);
            rt.lisp_eval_depth = 0;
            Err(LispError { exit })
        }
    }
}
