//! Non-local exits: `signal` and `throw` travel as `Err(Flow)` up the Rust stack,
//! never as panics.  `Flow` is a zero-sized token; the exit's symbol/tag and data
//! sit in `Runtime::pending` (a GC root), so `LResult<Value>` stays two words.
//! This module also holds the constructors for Emacs's standard error data,
//! so that every place signals `wrong-type-argument` & co. the same way.

use super::alloc::{list, list1, list2, list3};
use super::rt;
use super::string::make_string;
use super::sym;
use super::symbol::intern;
use super::value::Value;

#[derive(Debug)]
#[must_use]
pub struct Flow(());

pub type LResult<T = Value> = Result<T, Flow>;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ExitKind {
    Signal,
    Throw,
}

/// The exit in flight: for a signal (ERROR-SYMBOL, DATA), for a throw (TAG, VALUE).
#[derive(Copy, Clone, Debug)]
pub struct Pending {
    pub kind: ExitKind,
    pub a: Value,
    pub b: Value,
}

impl Pending {
    /// The error object a `condition-case` variable gets for this signal:
    /// `(ERROR-SYMBOL . DATA)`, or DATA itself when the symbol is nil (as
    /// `(signal nil DATA)` re-signals an error object).
    pub fn error_object(&self) -> Value {
        if self.a.is_nil() {
            self.b
        } else {
            super::alloc::cons(self.a, self.b)
        }
    }
    pub fn restore(self) -> Flow {
        rt().pending = self;
        Flow(())
    }
}

/// An entry of the handler stack: what a signal meets on its way out.
#[derive(Clone, Copy)]
pub enum Handler {
    /// A `condition-case` catching these condition specs (a list of symbols or
    /// lists of symbols; `t` catches everything).
    CondCase(Value),
    /// A `handler-bind`: a list of (CONDITIONS . HANDLER) pairs, called at
    /// signal time, before any unwinding.
    Bind(Value),
}

impl Handler {
    pub fn trace(&self, m: &mut super::heap::Marker) {
        match self {
            Handler::CondCase(v) | Handler::Bind(v) => m.mark(*v),
        }
    }
}

/// Whether condition spec SPEC (a symbol or list; t for all) covers CONDITIONS.
pub fn conditions_match(spec: Value, conditions: Value) -> bool {
    let test = |c: Value| c.is_t() || conditions.iter().any(|x| x == c);
    if spec.is_cons() {
        spec.iter().any(test)
    } else {
        !spec.is_nil() && test(spec)
    }
}

/// Starts a signal: records it as the pending exit, then runs the handlers of
/// the enclosing `handler-bind`s that match, innermost first, up to the
/// innermost `condition-case` that will catch it (as GNU Emacs does).  A handler
/// that exits non-locally replaces the signal with its own exit.
pub fn signal(error_symbol: Value, data: Value) -> Flow {
    rt().pending = Pending { kind: ExitKind::Signal, a: error_symbol, b: data };
    if !rt().handlers.is_empty() {
        run_handler_binds(error_symbol, data);
    }
    Flow(())
}

fn run_handler_binds(error_symbol: Value, data: Value) {
    let conditions = if error_symbol.is_symbol() { super::symbol::get(error_symbol, sym::ERROR_CONDITIONS) } else { Value::NIL };
    let mut i = rt().handlers.len();
    while i > 0 {
        i -= 1;
        match rt().handlers[i] {
            Handler::CondCase(specs) => {
                if specs.iter().any(|s| conditions_match(s, conditions)) {
                    return;
                }
            }
            Handler::Bind(pairs) => {
                for pair in pairs.iter() {
                    if !conditions_match(pair.car_safe(), conditions) {
                        continue;
                    }
                    // The handler runs with the handlers from this one inward muted.
                    let saved: Vec<Handler> = rt().handlers.drain(i..).collect();
                    let roots = rt().extra_roots.len();
                    for h in saved.iter() {
                        let (Handler::CondCase(v) | Handler::Bind(v)) = *h;
                        rt().extra_roots.push(v);
                    }
                    let err = super::alloc::cons(error_symbol, data);
                    let r = super::funcall(pair.cdr_safe(), &[err]);
                    rt().extra_roots.truncate(roots);
                    rt().handlers.extend(saved);
                    if r.is_err() {
                        return;
                    }
                    rt().pending = Pending { kind: ExitKind::Signal, a: error_symbol, b: data };
                }
            }
        }
    }
}

/// Starts a throw to TAG; the caller checked a catch for TAG is active.
pub fn throw_to(tag: Value, value: Value) -> Flow {
    rt().pending = Pending { kind: ExitKind::Throw, a: tag, b: value };
    Flow(())
}

pub fn pending() -> Pending {
    rt().pending
}

pub fn signal_list(error_symbol: Value, items: &[Value]) -> Flow {
    signal(error_symbol, list(items))
}
pub fn wrong_type(predicate: Value, value: Value) -> Flow {
    signal(sym::WRONG_TYPE_ARGUMENT, list2(predicate, value))
}
pub fn args_out_of_range(a: Value, b: Value) -> Flow {
    signal(sym::ARGS_OUT_OF_RANGE, list2(a, b))
}
pub fn args_out_of_range3(a: Value, b: Value, c: Value) -> Flow {
    signal_list(sym::ARGS_OUT_OF_RANGE, &[a, b, c])
}
pub fn void_variable(s: Value) -> Flow {
    signal_list(sym::VOID_VARIABLE, &[s])
}
pub fn void_function(s: Value) -> Flow {
    signal_list(sym::VOID_FUNCTION, &[s])
}
pub fn invalid_function(f: Value) -> Flow {
    signal_list(sym::INVALID_FUNCTION, &[f])
}
pub fn setting_constant(s: Value) -> Flow {
    signal_list(sym::SETTING_CONSTANT, &[s])
}
pub fn wrong_number_of_arguments(f: Value, n: usize) -> Flow {
    signal(sym::WRONG_NUMBER_OF_ARGUMENTS, list2(f, Value::fixnum(n as i64)))
}
pub fn arith_error() -> Flow {
    signal(sym::ARITH_ERROR, Value::NIL)
}
pub fn overflow_error() -> Flow {
    signal(sym::OVERFLOW_ERROR, Value::NIL)
}
/// `(error "MESSAGE")`.
pub fn error(message: &str) -> Flow {
    signal(sym::ERROR, list(&[make_string(message)]))
}
/// `(error "MESSAGE")` with a Lisp string message.
pub fn error_value(message: Value) -> Flow {
    signal(sym::ERROR, list(&[message]))
}

/// Emacs's memory-full error (`memory-signal-data`, whose message shows the
/// key binding "C-x s" with the `help-key-binding` face).
pub fn memory_full() -> Flow {
    let msg = make_string("Memory exhausted--use C-x s then exit and restart Emacs");
    let face = intern("help-key-binding");
    let plist = list(&[intern("font-lock-face"), face, intern("face"), face]);
    msg.string_ref().props = list1(list3(Value::fixnum(22), Value::fixnum(27), plist));
    error_value(msg)
}

/// Checks a value with a predicate-named type test.
#[inline]
pub fn check(ok: bool, predicate: Value, v: Value) -> LResult<()> {
    if ok {
        Ok(())
    } else {
        Err(wrong_type(predicate, v))
    }
}

/// GNU Emacs's standard errors defined in C: (name, message, parent conditions).
const STANDARD_ERRORS: &[(&str, &str, &[&str])] = &[
    ("error", "error", &[]),
    ("quit", "Quit", &[]),
    ("minibuffer-quit", "Quit", &["quit"]),
    ("user-error", "", &["error"]),
    ("wrong-length-argument", "Wrong length argument", &["error"]),
    ("wrong-type-argument", "Wrong type argument", &["error"]),
    ("type-mismatch", "Types do not match", &["error"]),
    ("args-out-of-range", "Args out of range", &["error"]),
    ("void-function", "Symbol's function definition is void", &["error"]),
    ("cyclic-function-indirection", "Symbol's chain of function indirections contains a loop", &["error"]),
    ("cyclic-variable-indirection", "Symbol's chain of variable indirections contains a loop", &["error"]),
    ("circular-list", "List contains a loop", &["error"]),
    ("void-variable", "Symbol's value as variable is void", &["error"]),
    ("setting-constant", "Attempt to set a constant symbol", &["error"]),
    ("trapping-constant", "Attempt to trap writes to a constant symbol", &["error"]),
    ("invalid-read-syntax", "Invalid read syntax", &["error"]),
    ("invalid-function", "Invalid function", &["error"]),
    ("wrong-number-of-arguments", "Wrong number of arguments", &["error"]),
    ("no-catch", "No catch for tag", &["error"]),
    ("end-of-file", "End of file during parsing", &["error"]),
    ("arith-error", "Arithmetic error", &["error"]),
    ("beginning-of-buffer", "Beginning of buffer", &["error"]),
    ("end-of-buffer", "End of buffer", &["error"]),
    ("buffer-read-only", "Buffer is read-only", &["error"]),
    ("text-read-only", "Text is read-only", &["buffer-read-only", "error"]),
    ("inhibited-interaction", "User interaction while inhibited", &["error"]),
    ("domain-error", "Arithmetic domain error", &["arith-error", "error"]),
    ("range-error", "Arithmetic range error", &["arith-error", "error"]),
    ("singularity-error", "Arithmetic singularity error", &["domain-error", "arith-error", "error"]),
    ("overflow-error", "Arithmetic overflow error", &["range-error", "arith-error", "error"]),
    ("underflow-error", "Arithmetic underflow error", &["range-error", "arith-error", "error"]),
    ("recursion-error", "Excessive recursive calling error", &["error"]),
    ("excessive-lisp-nesting", "Lisp nesting exceeds `max-lisp-eval-depth'", &["recursion-error", "error"]),
    ("excessive-variable-binding", "Variable binding depth exceeds max-specpdl-size", &["recursion-error", "error"]),
    ("coding-system-error", "Invalid coding system", &["error"]),
    ("file-error", "File error", &["error"]),
    ("file-already-exists", "File already exists", &["file-error", "error"]),
    ("file-date-error", "Cannot set file date", &["file-error", "error"]),
    ("file-missing", "File is missing", &["file-error", "error"]),
    ("permission-denied", "Cannot access file or directory", &["file-error", "error"]),
    ("remote-file-error", "Remote file error", &["file-error", "error"]),
    ("search-failed", "Search failed", &["error"]),
    ("user-search-failed", "Search failed", &["user-error", "search-failed", "error"]),
    ("invalid-regexp", "Invalid regexp", &["error"]),
    ("scan-error", "Scan error", &["error"]),
    ("protected-field", "Attempt to modify a protected field", &["error"]),
];

/// Gives each standard error its `error-conditions` and `error-message`.
pub fn define_standard_errors() {
    use super::symbol::{intern, put};
    for (name, message, parents) in STANDARD_ERRORS {
        let s = intern(name);
        let mut conds = vec![s];
        conds.extend(parents.iter().map(|p| intern(p)));
        put(s, sym::ERROR_CONDITIONS, list(&conds));
        put(s, sym::ERROR_MESSAGE, make_string(message));
    }
}
