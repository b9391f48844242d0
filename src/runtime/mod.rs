//! The runtime: values, heap and GC, symbols, strings, numbers, conses, vectors,
//! hash tables, reader, printer, signals and the specpdl.  Everything here is
//! independent of how code is evaluated; the evaluator (`nodes`) plugs itself
//! in through `EvalHooks` so that builtins can call back into Lisp.

pub mod alloc;
pub mod backtrace;
pub mod buffer;
pub mod casetab;
pub mod equality;
pub mod error;
pub mod frame;
pub mod hashtable;
pub mod heap;
pub mod interrupt;
pub mod load;
pub mod macroexpand;
pub mod number;
pub mod object;
pub mod obtable;
pub mod output;
pub mod printer;
pub mod reader;
pub mod regex;
pub mod specpdl;
pub mod string;
pub mod subr;
pub mod sym;
pub mod symbol;
pub mod symbol_pos;
pub mod syntax;
pub mod text;
pub mod value;

use error::{ExitKind, Pending};
use heap::{heap, Marker};
use specpdl::SpecBinding;
use value::Value;

/// The evaluator's entry points, installed by `nodes` at start-up.
#[derive(Copy, Clone)]
pub struct EvalHooks {
    pub funcall: fn(Value, &[Value]) -> error::LResult,
    /// `(eval FORM LEXICAL)`.
    pub eval: fn(Value, Value) -> error::LResult,
    /// The (BODY, ENV) slots of a closure created by the evaluator, as Emacs shows them.
    pub closure_view: fn(Value) -> (Value, Value),
    /// `macroexpand-all` (used for eager macro expansion while loading).
    pub macroexpand_all: fn(Value) -> error::LResult,
}

fn no_funcall(_: Value, _: &[Value]) -> error::LResult {
    Err(error::error("no evaluator installed"))
}
fn no_eval(_: Value, _: Value) -> error::LResult {
    Err(error::error("no evaluator installed"))
}
fn no_view(f: Value) -> (Value, Value) {
    f.as_closure().map(|c| (c.slots[1], c.slots[2])).unwrap_or((Value::NIL, Value::NIL))
}

/// Per-thread interpreter state that is not the heap or the symbol table.
pub struct Runtime {
    pub pending: Pending,
    pub specpdl: Vec<SpecBinding>,
    /// Tags of the active `catch`es, innermost last.
    pub catches: Vec<Value>,
    /// Active `condition-case`s and `handler-bind`s, innermost last (see `error`).
    pub handlers: Vec<error::Handler>,
    pub lisp_eval_depth: i64,
    /// One record per `lisp-eval-depth` level (see `backtrace`).
    pub backtrace: Vec<backtrace::Frame>,
    pub hooks: EvalHooks,
    /// Lowest native stack address evaluation may reach before signalling,
    /// as the depth checks read it: `interrupt::TRIPPED` while another
    /// thread's request is pending (see `interrupt`).
    pub stack_limit: std::sync::atomic::AtomicUsize,
    /// The stack limit itself.
    pub real_stack_limit: usize,
    /// The pending `funcall-with-delayed-message` calls, outermost first.
    pub delayed_messages: Vec<interrupt::Delayed>,
    /// Values the runtime itself keeps (e.g. the lexical environment of `eval`).
    pub extra_roots: Vec<Value>,
    /// True while `load` evaluates a file: GNU Emacs then expands macros
    /// eagerly (once per form), so macro call sites may keep their expansion.
    pub eager_macroexpansion: bool,
    /// True while Enoki's prelude loads: functions defined then stand for GNU
    /// Emacs's compiled library functions and report arity errors as those do.
    pub defining_library: bool,
    /// The value cell of `max-lisp-eval-depth` (symbols never move).
    pub max_depth_cell: *const Value,
}

thread_local! {
    static RT: std::cell::Cell<*mut Runtime> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

#[inline(always)]
pub fn rt() -> &'static mut Runtime {
    RT.with(|r| unsafe { &mut *r.get() })
}

/// The runtime as a raw pointer, for hot paths that keep it across Lisp calls.
#[inline(always)]
pub fn rt_ptr() -> *mut Runtime {
    RT.with(|r| r.get())
}

/// Sets up heap, symbol table and runtime state for the current thread.
pub fn init_thread() {
    if heap::heap_installed() {
        return;
    }
    heap::install_heap();
    let r = Box::new(Runtime {
        pending: Pending { kind: ExitKind::Signal, a: Value::NIL, b: Value::NIL },
        specpdl: Vec::new(),
        catches: Vec::new(),
        handlers: Vec::new(),
        lisp_eval_depth: 0,
        backtrace: Vec::new(),
        hooks: EvalHooks { funcall: no_funcall, eval: no_eval, closure_view: no_view, macroexpand_all: Ok },
        stack_limit: std::sync::atomic::AtomicUsize::new(stack_limit()),
        real_stack_limit: stack_limit(),
        delayed_messages: Vec::new(),
        extra_roots: Vec::new(),
        eager_macroexpansion: false,
        defining_library: false,
        max_depth_cell: std::ptr::null(),
    });
    RT.with(|c| c.set(Box::into_raw(r)));
    heap().root_tracer = Some(trace_roots);
    symbol::install_symbol_table();
    rt().max_depth_cell = &sym::MAX_LISP_EVAL_DEPTH.sym().value as *const Value;
    init_constants();
    error::define_standard_errors();
}

fn init_constants() {
    for s in [sym::NIL, sym::T] {
        let d = s.sym();
        d.value = s;
        d.constant = true;
        d.special = true;
    }
}

fn trace_roots(m: &mut Marker) {
    symbol::trace_interned(m);
    let r = rt();
    backtrace::trace(m);
    m.mark(r.pending.a);
    m.mark(r.pending.b);
    for b in r.specpdl.iter() {
        b.trace(m);
    }
    r.catches.iter().for_each(|v| m.mark(*v));
    r.handlers.iter().for_each(|h| h.trace(m));
    r.extra_roots.iter().for_each(|v| m.mark(*v));
    interrupt::trace(m);
}

fn stack_limit() -> usize {
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut addr: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            libc::pthread_attr_destroy(&mut attr);
            // Keep a margin for the error path and the printer.
            return addr as usize + (size / 8).clamp(64 << 10, 1 << 20);
        }
    }
    0
}

/// True when the native stack is nearly exhausted.
#[inline(always)]
pub fn stack_exhausted() -> bool {
    let probe = 0u8;
    (&probe as *const u8 as usize) < rt().real_stack_limit
}

/// Calls FUNCTION with ARGS through the installed evaluator.
#[inline]
pub fn funcall(f: Value, args: &[Value]) -> error::LResult {
    (rt().hooks.funcall)(f, args)
}
/// Evaluates FORM; LEXICAL is nil (dynamic), t, or an alist environment.
#[inline]
pub fn eval(form: Value, lexical: Value) -> error::LResult {
    (rt().hooks.eval)(form, lexical)
}
