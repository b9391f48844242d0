//! eval.c's `backtrace--locals` and `backtrace-eval`: the local variables of
//! a backtrace frame, and evaluation in a frame's context.
//!
//! GNU Emacs keeps both kinds of locals on its specpdl: dynamic bindings,
//! and the lexical environment alist that the interpreter rebinds (as the
//! variable `internal-interpreter-environment`) when it calls a closure,
//! runs a `let`/`let*` or a `condition-case` handler.  Enoki keeps dynamic
//! bindings on its specpdl too (each tagged with the level it was made at),
//! but lexical variables live in frames.  So the environment entries are
//! rebuilt here: a binding construct's frame is the environment its body's
//! first record was evaluated in (records keep their environment, see
//! `runtime::backtrace`), its variable names come from the construct (the
//! closure's parameters, the `let`'s lexically bound variables, the
//! handler's variable), and the rest of the alist from the records that
//! made the enclosing frames, ending with a closure's captured environment
//! as `closure_view` shows it.  Entries are then folded as Emacs folds its
//! specpdl: newest first, each consed onto the result.
//!
//! `backtrace-eval` temporarily undoes the dynamic bindings made since the
//! frame (as `backtrace_eval_unrewind` does) and evaluates in the alist of
//! the frame's environment, writing values the evaluation assigned back into
//! the frame slots they came from.  Unlike Emacs it does not also undo
//! `set-buffer` and `save-excursion` entries (Enoki's specpdl has none).
use crate::builtins::eval_backtrace::starting_at;
use crate::builtins::prelude::*;
use crate::runtime::backtrace::Frame;
use crate::runtime::frame::frame_slots;
use crate::runtime::specpdl::{value_cell, LetKind, SpecBinding};
use crate::runtime::symbol::indirect_function;

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("backtrace--locals", 1, 2, backtrace_locals, "Return names and values of local variables of a stack frame."),
    SubrDef::new("backtrace-eval", 2, 3, backtrace_eval, "Evaluate EXP in the context of some activation frame."),
];

/// One binding of an environment alist being rebuilt: NAME, its value, and
/// the slot it lives in (for `backtrace-eval`'s write-back).
struct Cell {
    name: Value,
    slot: *mut Value,
}

impl Cell {
    fn value(&self) -> Value {
        unsafe { *self.slot }
    }
}

/// An entry of a frame's region, oldest first: a dynamic binding (index
/// into the specpdl) or the frame's lexical environment.
enum Entry {
    Dynamic(usize),
    Env(Vec<Cell>),
}

fn not_found() -> Flow {
    error("Activation frame not found!")
}

fn wholenum(v: Value) -> LResult<usize> {
    v.as_fixnum().filter(|n| *n >= 0).map(|n| n as usize).ok_or_else(|| wrong_type(sym::WHOLENUMP, v))
}

fn backtrace_locals(a: &[Value]) -> LResult {
    let n = wholenum(a[0])?;
    let prev_n = wholenum(Value::fixnum(n as i64 - 1))?;
    let frames = starting_at(a[1]);
    let (Some(&(prev_level, _)), Some(&(level, frame))) = (frames.get(prev_n), frames.get(n)) else {
        return Err(not_found());
    };
    let records = records_by_level();
    let entries = region_entries(&records, level, prev_level, &frame);
    let specpdl = &rt().specpdl;
    let mut result = Value::NIL;
    for e in entries.iter().rev() {
        match e {
            Entry::Env(cells) => {
                for c in cells {
                    result = cons(cons(c.name, c.value()), result);
                }
            }
            Entry::Dynamic(i) => {
                let b = &specpdl[*i];
                result = cons(cons(b.symbol, value_after(specpdl, *i)), result);
            }
        }
    }
    Ok(result)
}

/// The live records by level (index = level; `None` for absent levels).
fn records_by_level() -> Vec<Option<Frame>> {
    let mut out = vec![None; rt().lisp_eval_depth.max(0) as usize + 1];
    for (level, f) in crate::runtime::backtrace::frames() {
        if let Some(slot) = out.get_mut(level) {
            *slot = Some(f);
        }
    }
    out
}

/// The entries GNU Emacs's specpdl would hold between the record at LEVEL
/// and the next live record (at INNER), oldest first.
fn region_entries(records: &[Option<Frame>], level: usize, inner: usize, frame: &Frame) -> Vec<Entry> {
    let specpdl = &rt().specpdl;
    let mut entries: Vec<Entry> = specpdl
        .iter()
        .enumerate()
        .filter(|(_, b)| (level..inner).contains(&(b.level.max(0) as usize)))
        .map(|(i, _)| Entry::Dynamic(i))
        .collect();
    if let Some((position, cells)) = own_environment(records, level, frame, &entries) {
        entries.insert(position.min(entries.len()), Entry::Env(cells));
    }
    entries
}

/// The frame a binding construct at LEVEL made: the environment its body's
/// first record was evaluated in, when that differs from the construct's own.
fn made_frame(records: &[Option<Frame>], level: usize, frame: &Frame) -> Option<Value> {
    let body_env = records.get(level + 1).copied().flatten()?.env;
    (body_env != Value::UNBOUND && body_env != frame.env).then_some(body_env)
}

/// The environment entry of the construct recorded at LEVEL, with where
/// among the region's dynamic entries Emacs would have pushed it.
fn own_environment(records: &[Option<Frame>], level: usize, frame: &Frame, dynamic: &[Entry]) -> Option<(usize, Vec<Cell>)> {
    if frame.evaluated() {
        let f = indirect_function(frame.head);
        let c = f.as_closure()?;
        if !closure_is_lexical(f) {
            return None;
        }
        let body_env = records.get(level + 1).copied().flatten()?.env;
        if body_env == Value::UNBOUND {
            return None;
        }
        let mut cells = if body_env == c.frame { Vec::new() } else { named_slots(body_env, &params(c.slots[0])) };
        cells.reverse();
        cells.extend(closure_cells(f));
        return Some((dynamic.len(), cells));
    }
    let form = frame.head;
    let head = form.car_safe();
    let made = made_frame(records, level, frame)?;
    if head == sym::LET || head == intern("let*") {
        let specials: Vec<Value> =
            dynamic.iter().filter_map(|e| if let Entry::Dynamic(i) = e { Some(rt().specpdl[*i].symbol) } else { None }).collect();
        let (names, first_lexical) = let_lexicals(form.cdr_safe().car_safe(), &specials);
        let mut cells = named_slots(made, &names);
        cells.reverse();
        cells.extend(environment_cells(records, level, frame.env));
        let position = if head == sym::LET { dynamic.len() } else { first_lexical };
        return Some((position, cells));
    }
    if head == intern("condition-case") {
        let var = form.cdr_safe().car_safe();
        let mut cells = named_slots(made, &[var]);
        cells.extend(environment_cells(records, level, frame.env));
        return Some((dynamic.len(), cells));
    }
    None
}

/// The variables of BINDINGS bound lexically (those not among SPECIALS, the
/// dynamic bindings the construct made, matched in order), and how many
/// dynamic bindings precede the first lexical one.
fn let_lexicals(bindings: Value, specials: &[Value]) -> (Vec<Value>, usize) {
    let mut remaining = specials.to_vec();
    let (mut names, mut before) = (Vec::new(), None);
    let mut dynamic_seen = 0;
    for b in list_to_vec(bindings) {
        let v = if b.is_cons() { b.car() } else { b };
        if let Some(k) = remaining.iter().position(|s| *s == v) {
            remaining.remove(k);
            dynamic_seen += 1;
        } else {
            before.get_or_insert(dynamic_seen);
            names.push(v);
        }
    }
    (names, before.unwrap_or(dynamic_seen))
}

/// The parameter names of arglist ARGS, `&optional`/`&rest` left out.
fn params(args: Value) -> Vec<Value> {
    list_to_vec(args).into_iter().filter(|p| *p != sym::AND_OPTIONAL && *p != sym::AND_REST).collect()
}

/// Cells for NAMES over the slots of FRAME (slot 1 on), in order.
fn named_slots(frame: Value, names: &[Value]) -> Vec<Cell> {
    if frame.is_nil() {
        return Vec::new();
    }
    let slots = frame_slots(frame);
    names.iter().zip(slots.iter_mut().skip(1)).map(|(n, s)| Cell { name: *n, slot: s as *mut Value }).collect()
}

fn closure_is_lexical(f: Value) -> bool {
    let c = f.as_closure().unwrap();
    if c.template.is_null() {
        return !c.slots[2].is_nil();
    }
    let t = unsafe { &*(c.template as *const crate::nodes::template::Template) };
    t.lexical()
}

/// A closure's captured environment as cells (its alist's own conses when
/// it was made from an alist).
fn closure_cells(f: Value) -> Vec<Cell> {
    let c = f.as_closure().unwrap();
    if c.env_ready || c.template.is_null() {
        return alist_cells(c.slots[2]);
    }
    crate::nodes::template::closure_env_cells(f).1.into_iter().map(|(name, slot)| Cell { name, slot: slot as *mut Value }).collect()
}

fn alist_cells(alist: Value) -> Vec<Cell> {
    list_to_vec(alist)
        .into_iter()
        .filter(|b| b.is_cons())
        .map(|b| Cell { name: b.car(), slot: &mut b.cons_ref().cdr as *mut Value })
        .collect()
}

/// The alist of lexical environment ENV (a frame chain) at the record at
/// LEVEL: named by the innermost enclosing records that made its frames.
fn environment_cells(records: &[Option<Frame>], level: usize, env: Value) -> Vec<Cell> {
    if env == Value::UNBOUND || env.is_nil() {
        return Vec::new();
    }
    for outer in (1..level).rev() {
        let Some(frame) = records[outer] else { continue };
        if made_frame(records, outer, &frame) != Some(env) && !closure_frame_is(&frame, env, records, outer) {
            continue;
        }
        let none: [Entry; 0] = [];
        let specials: Vec<Entry> =
            rt().specpdl.iter().enumerate().filter(|(_, b)| b.level.max(0) as usize == outer).map(|(i, _)| Entry::Dynamic(i)).collect();
        let dynamic = if frame.evaluated() { &none[..] } else { &specials[..] };
        return own_environment(records, outer, &frame, dynamic).map(|(_, c)| c).unwrap_or_default();
    }
    Vec::new()
}

/// Whether the closure called at record FRAME (LEVEL) runs with ENV as its
/// environment without a parameter frame of its own.
fn closure_frame_is(frame: &Frame, env: Value, records: &[Option<Frame>], level: usize) -> bool {
    if !frame.evaluated() {
        return false;
    }
    let f = indirect_function(frame.head);
    let Some(c) = f.as_closure() else { return false };
    c.frame == env && records.get(level + 1).copied().flatten().is_some_and(|r| r.env == env)
}

/// The value binding I of the specpdl has now: the old value the next
/// binding of the same variable saved, else the variable's current value.
fn value_after(specpdl: &[SpecBinding], i: usize) -> Value {
    let b = &specpdl[i];
    if let Some(later) = specpdl[i + 1..].iter().find(|l| l.symbol == b.symbol && l.kind == b.kind && l.buffer == b.buffer) {
        return later.old;
    }
    current_value(b)
}

fn current_value(b: &SpecBinding) -> Value {
    use crate::runtime::buffer::locals;
    match b.kind {
        LetKind::Plain => crate::runtime::specpdl::value_cell(b.symbol),
        LetKind::Default => locals::default_value(b.symbol),
        LetKind::Local => locals::local_value_in(b.buffer, b.symbol),
    }
}

fn set_current_value(b: &SpecBinding, v: Value) {
    use crate::runtime::buffer::locals;
    match b.kind {
        LetKind::Plain => {
            let d = b.symbol.sym();
            d.value = v;
            d.value_version = d.value_version.wrapping_add(1);
        }
        LetKind::Default => locals::set_default(b.symbol, v),
        LetKind::Local => locals::set_in_buffer(b.buffer, b.symbol, v),
    }
}

/// `backtrace_eval_unrewind`: swaps the current and saved values of the
/// dynamic bindings at or above LEVEL, newest first (or back, oldest first).
fn unrewind(level: usize, back: bool) {
    let specpdl = &mut rt().specpdl;
    let mut idx: Vec<usize> = (0..specpdl.len()).filter(|&i| specpdl[i].level.max(0) as usize >= level).collect();
    if !back {
        idx.reverse();
    }
    for i in idx {
        let b = &specpdl[i];
        if b.kind == LetKind::Local && !crate::runtime::buffer::is_buffer(b.buffer) {
            continue;
        }
        let now = current_value(b);
        let old = b.old;
        set_current_value(b, old);
        specpdl[i].old = now;
    }
}

fn backtrace_eval(a: &[Value]) -> LResult {
    let (exp, n) = (a[0], wholenum(a[1])?);
    let frames = starting_at(a[2]);
    let Some(&(level, frame)) = frames.get(n) else { return Err(not_found()) };
    let records = records_by_level();
    let env = (1..=level).rev().filter_map(|l| records[l]).map(|f| f.env).find(|e| *e != Value::UNBOUND).unwrap_or(Value::NIL);
    let cells = if env.is_nil() { Vec::new() } else { environment_cells(&records, level + 1, env) };
    let _ = frame;
    let lexical = if cells.is_empty() {
        Value::bool(!env.is_nil() || !value_cell(intern("lexical-binding")).is_nil())
    } else {
        list(&cells.iter().map(|c| cons(c.name, c.value())).collect::<Vec<_>>())
    };
    unrewind(level, false);
    let result = crate::builtins::eval::eval(&[exp, lexical]);
    unrewind(level, true);
    if lexical.is_cons() {
        for (c, b) in cells.iter().zip(list_to_vec(lexical)) {
            unsafe { *c.slot = b.cdr() };
        }
    }
    result
}
