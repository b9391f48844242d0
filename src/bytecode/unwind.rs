//! The byte-code interpreter's share of Emacs's specpdl and handler list.
//! `varbind`, `unwind-protect`, `save-excursion`, `save-restriction` and
//! `save-current-buffer` each push one `Unwind` entry that `unbind N` pops
//! in order (dynamic bindings themselves live in the runtime's specpdl; the
//! entry remembers its depth).  `pushcatch` and `pushconditioncase` push a
//! `HandlerEntry` and register the tag or conditions with the runtime's
//! catch and handler stacks, so `throw` and `signal` (and `handler-bind`)
//! see them exactly as they see the evaluator's `catch` and
//! `condition-case`.  The save entries restore state as
//! `runtime::buffer::save` does for the special forms.

use crate::runtime::buffer::markers::MarkerHandle;
use crate::runtime::buffer::save::{excursion_state, restore_excursion, restore_restriction, restriction_state, SavedRestriction};
use crate::runtime::buffer::{as_buffer, current_buffer, set_buffer};
use crate::runtime::error::{conditions_match, pending, ExitKind, Handler, LResult};
use crate::runtime::heap::RootedVec;
use crate::runtime::specpdl::unbind_to;
use crate::runtime::symbol::get;
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};

/// One entry of the interpreter's unwind stack.  Values an entry holds are
/// kept in `Unwinds::held` (a GC root) while it is on the stack.
pub enum Unwind {
    /// A dynamic binding made by `varbind`: the specpdl depth before it.
    Bind(usize),
    /// `unwind-protect`'s handler: a function to call (true when it was
    /// one at push time), or (old byte-code) a list of forms to evaluate.
    Protect(Value, bool),
    /// `save-current-buffer`: the buffer to make current again.
    CurrentBuffer(Value),
    /// `save-excursion`: the buffer and its point (a marker slot).
    Excursion(Value, MarkerHandle),
    /// `save-restriction`: the buffer and its narrowing, None when it was
    /// not narrowed.
    Restriction(SavedRestriction),
}

/// The unwind stack of one interpreter run.
pub struct Unwinds {
    entries: Vec<Unwind>,
    /// The Lisp values the entries hold, so the collector sees them.
    held: Option<RootedVec>,
}

impl Default for Unwinds {
    fn default() -> Self {
        Unwinds::new()
    }
}

impl Unwinds {
    pub fn new() -> Unwinds {
        Unwinds { entries: Vec::new(), held: None }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, u: Unwind) {
        let held: &[Value] = match &u {
            Unwind::Bind(_) => &[],
            Unwind::Protect(v, _) | Unwind::CurrentBuffer(v) | Unwind::Excursion(v, _) => std::slice::from_ref(v),
            Unwind::Restriction(r) => &[r.buffer, r.labeled],
        };
        if !held.is_empty() {
            let roots = self.held.get_or_insert_with(RootedVec::new);
            roots.extend_from_slice(held);
        }
        self.entries.push(u);
    }

    fn pop(&mut self) -> Option<Unwind> {
        let u = self.entries.pop()?;
        let held = match u {
            Unwind::Bind(_) => 0,
            Unwind::Restriction(_) => 2,
            _ => 1,
        };
        if let Some(h) = self.held.as_mut() {
            let keep = h.len().saturating_sub(held);
            h.truncate(keep);
        }
        Some(u)
    }

    /// `varbind`: records the specpdl depth from before the binding.
    pub fn push_bind(&mut self, depth: usize) {
        self.push(Unwind::Bind(depth));
    }

    /// `unwind-protect`: HANDLER runs when the entry is unbound (called if
    /// it is a function now, else evaluated as a list of forms).
    pub fn push_protect(&mut self, handler: Value) {
        let function = crate::builtins::eval::functionp(handler);
        self.push(Unwind::Protect(handler, function));
    }

    pub fn push_save_current_buffer(&mut self) {
        self.push(Unwind::CurrentBuffer(current_buffer()));
    }

    pub fn push_save_excursion(&mut self) {
        let (buf, point) = excursion_state();
        self.push(Unwind::Excursion(buf, point));
    }

    pub fn push_save_restriction(&mut self) {
        self.push(Unwind::Restriction(restriction_state()));
    }

    /// `unbind N` on the normal path: pops N entries (fewer if there are
    /// not that many), stopping at the first cleanup that exits non-locally.
    pub fn unbind(&mut self, n: usize) -> LResult<()> {
        for _ in 0..n {
            let Some(u) = self.pop() else { break };
            restore(u)?;
        }
        Ok(())
    }

    /// Pops entries down to LEN on a non-local exit: every entry is undone;
    /// a cleanup that exits non-locally replaces the exit in flight (the
    /// remaining entries are still undone), as Emacs's `unbind_to` does.
    pub fn unwind_to(&mut self, len: usize) {
        while self.entries.len() > len {
            let Some(u) = self.pop() else { break };
            let saved = pending();
            if restore(u).is_ok() {
                let _ = saved.restore();
            }
        }
    }
}

/// Undoes one entry.
fn restore(u: Unwind) -> LResult<()> {
    match u {
        Unwind::Bind(depth) => {
            unbind_to(depth);
            Ok(())
        }
        Unwind::Protect(handler, function) => run_cleanup(handler, function),
        Unwind::CurrentBuffer(buf) => {
            if live(buf) {
                set_buffer(buf);
            }
            Ok(())
        }
        Unwind::Excursion(buf, point) => {
            restore_excursion(buf, &point);
            Ok(())
        }
        Unwind::Restriction(saved) => {
            restore_restriction(&saved);
            Ok(())
        }
    }
}

/// bytecode.c's `bcall0` (a function) or `prog_ignore` (a list of forms,
/// evaluated with dynamic binding, as old byte-code's handlers were).
fn run_cleanup(handler: Value, function: bool) -> LResult<()> {
    if function {
        crate::runtime::funcall(handler, &[])?;
        return Ok(());
    }
    let forms = RootedVec::from_list(handler);
    for f in forms.iter() {
        crate::runtime::eval(*f, Value::NIL)?;
    }
    Ok(())
}

fn live(v: Value) -> bool {
    as_buffer(v).is_some_and(|b| b.live())
}

/// A `pushcatch` or `pushconditioncase` handler of the running code.
#[derive(Copy, Clone)]
pub struct HandlerEntry {
    pub catch: bool,
    /// The catch tag, or the conditions in `Handler::CondCase` form.
    pub tag: Value,
    /// Where to continue (a byte offset in FRAME's code).
    pub dest: usize,
    /// The frame (index in the run's frame stack) that pushed it.
    pub frame: usize,
    /// The value-stack length to restore before pushing the exit's value.
    pub stack_len: usize,
    /// The unwind-stack length at push time.
    pub unwind_len: usize,
    /// `lisp-eval-depth` at push time.
    pub depth: i64,
    /// The length of the runtime's catch or handler stack before the push.
    pub rt_len: usize,
}

/// The condition spec Enoki's handler stack uses for a `pushconditioncase`
/// of CONDITIONS, matching as eval.c's `find_handler_clause` does: t and
/// `error` catch everything, a list catches its members (or everything if
/// it holds t), and any other value catches nothing.
pub fn condition_spec(conditions: Value) -> Value {
    if conditions.is_t() || conditions == sym::ERROR {
        sym::T
    } else if conditions.is_cons() {
        conditions
    } else {
        Value::NIL
    }
}

/// Registers a handler with the runtime; returns the stack length before.
pub fn register(catch: bool, tag: Value) -> usize {
    let r = rt();
    if catch {
        r.catches.push(tag);
        r.catches.len() - 1
    } else {
        r.handlers.push(Handler::CondCase(crate::runtime::alloc::list1(tag)));
        r.handlers.len() - 1
    }
}

/// Removes a handler (and anything above it) from the runtime's stacks.
pub fn unregister(h: &HandlerEntry) {
    if h.catch {
        rt().catches.truncate(h.rt_len);
    } else {
        rt().handlers.truncate(h.rt_len);
    }
}

/// Whether the exit in flight is one handler H takes; its value if so
/// (the thrown value, or the error object `(ERROR-SYMBOL . DATA)`).
pub fn takes(h: &HandlerEntry) -> Option<Value> {
    let p = pending();
    if h.catch {
        return (p.kind == ExitKind::Throw && p.a == h.tag).then_some(p.b);
    }
    if p.kind != ExitKind::Signal {
        return None;
    }
    // `(signal nil (SYMBOL . DATA))` signals SYMBOL, as eval.c does.
    let symbol = if p.a.is_nil() { p.b.car_safe() } else { p.a };
    let conditions = if symbol.is_symbol() { get(symbol, sym::ERROR_CONDITIONS) } else { Value::NIL };
    conditions_match(h.tag, conditions).then(|| p.error_object())
}
