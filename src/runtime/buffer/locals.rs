//! Buffer-local variables, as data.c's `Lisp_Buffer_Local_Value` machinery
//! and buffer.c's per-buffer slots define them.
//!
//! A variable that has ever been made buffer-local ("localized") has an
//! entry here: whether it becomes local when set (`local_if_set`), whether
//! it is one of the built-in per-buffer variables (a *slot*: `fill-column`,
//! `buffer-read-only` ...; some slots are local in every buffer), and its
//! default value.  The symbol's value cell always holds the binding seen in
//! the current buffer, so reading any variable costs nothing extra; buffer
//! switches swap the current buffer's local bindings in and out.  The
//! default value lives in the value cell while the current buffer has no
//! local binding, and in the entry (`Blv::default`) while it has one.
//!
//! `let` of a localized variable binds the current buffer's local value
//! (`LetKind::Local`) or the default (`LetKind::Default`), exactly as
//! eval.c's SPECPDL_LET_LOCAL / SPECPDL_LET_DEFAULT do.

use super::{as_buffer, current, current_buffer, state, Buffer, State};
use crate::runtime::alloc::{cons, list};
use crate::runtime::heap::Marker as GcMarker;
use crate::runtime::specpdl::LetKind;
use crate::runtime::string::make_string;
use crate::runtime::symbol::{get, intern};
use crate::runtime::value::Value;
use std::collections::HashMap;

pub struct Blv {
    pub local_if_set: bool,
    /// The per-buffer slot, for built-in per-buffer variables.
    pub slot: Option<usize>,
    pub default: Value,
}

pub struct SlotDef {
    pub sym: Value,
    /// Local in every buffer (buffer.c's index -1).
    pub always: bool,
}

#[derive(Default)]
pub struct Tables {
    bits: Vec<u64>,
    blv: HashMap<u32, Blv>,
    pub slots: Vec<SlotDef>,
}

impl Tables {
    pub fn trace(&self, m: &mut GcMarker) {
        for (&i, b) in self.blv.iter() {
            m.mark(Value::symbol_from_index(i));
            m.mark(b.default);
        }
    }
}

/// The built-in per-buffer variables, in `struct buffer` order, with
/// whether they are local in every buffer.
const SLOTS: &[(&str, bool)] = &[
    ("buffer-file-name", true),
    ("default-directory", true),
    ("buffer-backed-up", true),
    ("buffer-saved-size", true),
    ("buffer-auto-save-file-name", true),
    ("buffer-read-only", true),
    ("major-mode", true),
    ("local-minor-modes", true),
    ("mode-name", true),
    ("mode-line-format", false),
    ("header-line-format", false),
    ("tab-line-format", false),
    ("local-abbrev-table", false),
    ("tab-width", false),
    ("fill-column", false),
    ("left-margin", false),
    ("auto-fill-function", false),
    ("truncate-lines", false),
    ("word-wrap", false),
    ("ctl-arrow", false),
    ("bidi-display-reordering", false),
    ("bidi-paragraph-direction", false),
    ("bidi-paragraph-separate-re", false),
    ("bidi-paragraph-start-re", false),
    ("selective-display", false),
    ("selective-display-ellipses", false),
    ("overwrite-mode", false),
    ("abbrev-mode", false),
    ("buffer-display-table", false),
    ("mark-active", true),
    ("enable-multibyte-characters", true),
    ("buffer-file-coding-system", false),
    ("buffer-file-format", true),
    ("buffer-auto-save-file-format", true),
    ("cache-long-scans", false),
    ("point-before-scroll", true),
    ("buffer-file-truename", true),
    ("buffer-invisibility-spec", true),
    ("buffer-display-count", true),
    ("left-margin-width", false),
    ("right-margin-width", false),
    ("left-fringe-width", false),
    ("right-fringe-width", false),
    ("fringes-outside-margins", false),
    ("scroll-bar-width", false),
    ("scroll-bar-height", false),
    ("vertical-scroll-bar", false),
    ("horizontal-scroll-bar", false),
    ("indicate-empty-lines", false),
    ("indicate-buffer-boundaries", false),
    ("fringe-indicator-alist", false),
    ("fringe-cursor-alist", false),
    ("buffer-display-time", true),
    ("scroll-up-aggressively", false),
    ("scroll-down-aggressively", false),
    ("cursor-type", false),
    ("line-spacing", false),
    ("text-conversion-style", false),
    ("cursor-in-non-selected-windows", false),
    ("buffer-undo-list", true),
];

/// C variables that `Fmake_variable_buffer_local` makes local when set.
const LOCAL_IF_SET: &[(&str, bool)] = &[
    ("case-fold-search", true),
    ("indent-tabs-mode", true),
    ("deactivate-mark", false),
    ("lexical-binding", false),
    ("case-symbols-as-words", false),
    ("comment-end-can-be-escaped", false),
    ("fontification-functions", false),
    ("wrap-prefix", false),
    ("line-prefix", false),
    ("display-line-numbers", false),
    ("display-fill-column-indicator", false),
];

fn slot_default(name: &str) -> Value {
    let t = Value::T;
    match name {
        "default-directory" => make_string(&working_directory()),
        "buffer-saved-size" | "buffer-display-count" | "left-margin" | "left-margin-width" | "right-margin-width" => Value::fixnum(0),
        "major-mode" => intern("fundamental-mode"),
        "mode-name" => make_string("Fundamental"),
        "mode-line-format" => make_string("%-"),
        "tab-width" => Value::fixnum(8),
        "fill-column" => Value::fixnum(70),
        "ctl-arrow" | "bidi-display-reordering" | "selective-display-ellipses" | "enable-multibyte-characters" => t,
        "buffer-auto-save-file-format" | "cache-long-scans" | "buffer-invisibility-spec" => t,
        "vertical-scroll-bar" | "horizontal-scroll-bar" | "cursor-type" | "cursor-in-non-selected-windows" => t,
        "buffer-file-coding-system" => intern("utf-8-unix"),
        _ => Value::NIL,
    }
}

fn working_directory() -> String {
    let mut d = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "/".into());
    if !d.ends_with('/') {
        d.push('/');
    }
    d
}

fn tables() -> &'static mut Tables {
    &mut state().locals
}

/// Whether S (a base variable) has buffer-local machinery.
#[inline]
pub fn is_localized(s: Value) -> bool {
    let Some(st) = super::state_if_ready() else {
        return false;
    };
    let i = s.symbol_index() as usize;
    st.locals.bits.get(i >> 6).is_some_and(|w| (w >> (i & 63)) & 1 != 0)
}

fn blv(s: Value) -> Option<&'static mut Blv> {
    tables().blv.get_mut(&s.symbol_index())
}

fn add_blv(s: Value, b: Blv) -> &'static mut Blv {
    let t = tables();
    let i = s.symbol_index() as usize;
    if t.bits.len() <= i >> 6 {
        t.bits.resize((i >> 6) + 1, 0);
    }
    t.bits[i >> 6] |= 1 << (i & 63);
    t.blv.entry(s.symbol_index()).or_insert(b)
}

#[inline]
fn set_cell(s: Value, v: Value) {
    let d = s.sym();
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
}

/// Sets up the per-buffer slots and the C variables that are local when set.
pub fn init_tables(_s: &mut State) {
    for (k, &(name, always)) in SLOTS.iter().enumerate() {
        let sym = intern(name);
        let d = sym.sym();
        d.special = true;
        let v = slot_default(name);
        d.value = v;
        tables().slots.push(SlotDef { sym, always });
        add_blv(sym, Blv { local_if_set: true, slot: Some(k), default: v });
    }
    intern("enable-multibyte-characters").sym().constant = true;
    for &(name, default) in LOCAL_IF_SET {
        let sym = intern(name);
        let d = sym.sym();
        d.special = true;
        if d.value == Value::UNBOUND {
            d.value = Value::bool(default);
        }
        make_variable_buffer_local(sym);
    }
}

/// `*scratch*` in `emacs --batch` is in `lisp-interaction-mode`.
pub fn init_scratch(scratch: Value) {
    let Some(b) = as_buffer(scratch) else { return };
    let _ = b;
    set_local_value(intern("major-mode"), intern("lisp-interaction-mode"));
    set_local_value(intern("mode-name"), make_string("Lisp Interaction"));
    let lb = crate::runtime::sym::LEXICAL_BINDING;
    make_local_variable(lb);
    set_cell(lb, Value::T);
}

/// Stores V as the current buffer's value of slot variable S.
fn set_local_value(s: Value, v: Value) {
    set_cell(s, v);
}

/// Whether enable-multibyte-characters' default is non-nil.
pub fn default_multibyte() -> bool {
    let s = intern("enable-multibyte-characters");
    match blv(s) {
        Some(b) => !b.default.is_nil(),
        None => true,
    }
}

/// Gives a new buffer its per-buffer slot values (`reset_buffer`).
pub fn init_buffer_slots(b: &mut Buffer, name: Value) {
    let t = tables();
    let n = t.slots.len();
    b.slot_vals = vec![Value::NIL; n];
    b.slot_set = vec![false; n];
    let st = state();
    let cur_dir = if st.current.is_nil() { None } else { Some(local_value_in(st.current, st.syms.default_directory)) };
    for k in 0..n {
        let def = &t.slots[k];
        if !def.always {
            continue;
        }
        b.slot_set[k] = true;
        let s = def.sym;
        let mut v = default_value(s);
        if s == st.syms.buffer_undo_list {
            let space = name.is_string() && name.string_ref().data.first() == Some(&b' ');
            v = if space { Value::T } else { Value::NIL };
        } else if s == st.syms.default_directory {
            if let Some(d) = cur_dir {
                v = d;
            }
        }
        b.slot_vals[k] = if v == Value::UNBOUND { Value::NIL } else { v };
    }
}

/// Writes the current buffer's local bindings back to it and loads defaults.
pub fn swap_out(buf: Value) {
    let Some(b) = as_buffer(buf) else { return };
    let t = tables();
    for k in 0..b.slot_set.len() {
        if b.slot_set[k] {
            let s = t.slots[k].sym;
            b.slot_vals[k] = s.sym().value;
            let d = t.blv.get(&s.symbol_index()).map(|x| x.default).unwrap_or(Value::NIL);
            set_cell(s, d);
        }
    }
    for (s, v) in b.locals.iter_mut() {
        *v = s.sym().value;
        let d = t.blv.get(&s.symbol_index()).map(|x| x.default).unwrap_or(Value::UNBOUND);
        set_cell(*s, d);
    }
}

/// Loads BUF's local bindings into the value cells (saving the defaults).
pub fn swap_in(buf: Value) {
    let Some(b) = as_buffer(buf) else { return };
    let t = tables();
    for k in 0..b.slot_set.len() {
        if b.slot_set[k] {
            let s = t.slots[k].sym;
            if let Some(e) = t.blv.get_mut(&s.symbol_index()) {
                e.default = s.sym().value;
            }
            set_cell(s, b.slot_vals[k]);
        }
    }
    for &(s, v) in b.locals.iter() {
        if let Some(e) = t.blv.get_mut(&s.symbol_index()) {
            e.default = s.sym().value;
        }
        set_cell(s, v);
    }
}

/// Whether buffer B has a local binding for localized variable S.
pub fn has_local(b: &Buffer, s: Value) -> bool {
    match blv(s) {
        Some(e) => match e.slot {
            Some(k) => b.slot_set.get(k).copied().unwrap_or(false),
            None => b.locals.iter().any(|(x, _)| *x == s),
        },
        None => false,
    }
}

fn current_has_local(s: Value) -> bool {
    super::current_opt().is_some_and(|b| has_local(b, s))
}

/// S's value in buffer BUF (Qunbound when void): `buffer_local_value`.
pub fn local_value_in(buf: Value, s: Value) -> Value {
    let s = crate::runtime::specpdl::indirect_variable(s);
    if buf == current_buffer() || !is_localized(s) {
        return s.sym().value;
    }
    let Some(b) = as_buffer(buf) else {
        return s.sym().value;
    };
    if let Some(e) = blv(s) {
        if let Some(k) = e.slot {
            if b.slot_set.get(k).copied().unwrap_or(false) {
                return b.slot_vals[k];
            }
            return default_value(s);
        }
    }
    match b.locals.iter().find(|(x, _)| *x == s) {
        Some(&(_, v)) => v,
        None => default_value(s),
    }
}

/// The default value of S (a base variable), Qunbound when void.
pub fn default_value(s: Value) -> Value {
    if is_localized(s) && current_has_local(s) {
        return blv(s).map(|e| e.default).unwrap_or(Value::UNBOUND);
    }
    s.sym().value
}

/// Sets the default value of base variable S (constant check done).
pub fn set_default(s: Value, v: Value) {
    if is_localized(s) && current_has_local(s) {
        if let Some(e) = blv(s) {
            e.default = v;
        }
        return;
    }
    set_cell(s, v);
}

/// `set_internal` for a localized base variable S in the current buffer.
/// BIND is true for `let` bindings (which never create local bindings).
pub fn set_internal(s: Value, v: Value, bind: bool) {
    if current_has_local(s) {
        set_cell(s, v);
        return;
    }
    let local_if_set = blv(s).is_some_and(|e| e.local_if_set);
    if bind || !local_if_set || let_shadows_buffer_binding(s) {
        set_cell(s, v);
        return;
    }
    make_local_binding(s);
    set_cell(s, v);
}

/// Gives the current buffer a local binding of S starting at its current
/// (default) value.
fn make_local_binding(s: Value) {
    let b = current();
    let cur = s.sym().value;
    let Some(e) = blv(s) else { return };
    e.default = cur;
    match e.slot {
        Some(k) => {
            if let Some(f) = b.slot_set.get_mut(k) {
                *f = true;
            }
            b.slot_vals[k] = cur;
        }
        None => b.locals.push((s, cur)),
    }
}

/// `let_shadows_buffer_binding_p`: a `let` of S's default is in effect
/// that was made in the current buffer.
pub fn let_shadows_buffer_binding(s: Value) -> bool {
    let cur = current_buffer();
    crate::runtime::rt().specpdl.iter().rev().any(|b| b.kind == LetKind::Default && b.symbol == s && b.buffer == cur)
}

/// `make-variable-buffer-local` on base variable S (constant check done by
/// the caller for non-slot variables).
pub fn make_variable_buffer_local(s: Value) {
    if let Some(e) = blv(s) {
        e.local_if_set = true;
        return;
    }
    if s.sym().value == Value::UNBOUND {
        set_cell(s, Value::NIL);
    }
    add_blv(s, Blv { local_if_set: true, slot: None, default: s.sym().value });
}

/// Whether S is a built-in per-buffer variable.
pub fn is_slot_var(s: Value) -> bool {
    is_localized(s) && blv(s).is_some_and(|e| e.slot.is_some())
}

/// `make-local-variable` on base variable S in the current buffer.
pub fn make_local_variable(s: Value) {
    if blv(s).is_none() {
        add_blv(s, Blv { local_if_set: false, slot: None, default: s.sym().value });
    }
    if current_has_local(s) {
        return;
    }
    if blv(s).is_some_and(|e| e.slot.is_some_and(|k| tables().slots[k].always)) {
        return;
    }
    if let_shadows_buffer_binding(s) && blv(s).is_some_and(|e| e.slot.is_none()) {
        let msg = format!("Making {} buffer-local while locally let-bound!", s.sym().name.string_ref().to_string_lossy());
        crate::runtime::output::write_stderr(format!("{msg}\n").as_bytes(), false);
    }
    make_local_binding(s);
}

/// `kill-local-variable` on base variable S in the current buffer.
pub fn kill_local_variable(s: Value) {
    if !is_localized(s) || !current_has_local(s) {
        return;
    }
    let Some(e) = blv(s) else { return };
    let def = e.default;
    let b = current();
    match e.slot {
        Some(k) => {
            if tables().slots[k].always {
                return;
            }
            b.slot_set[k] = false;
        }
        None => b.locals.retain(|(x, _)| *x != s),
    }
    set_cell(s, def);
}

/// `local-variable-p`.
pub fn local_variable_p(s: Value, b: &Buffer) -> bool {
    is_localized(s) && has_local(b, s)
}

/// `local-variable-if-set-p`.
pub fn local_variable_if_set_p(s: Value, b: &Buffer) -> bool {
    if !is_localized(s) {
        return false;
    }
    match blv(s) {
        Some(e) if e.local_if_set || e.slot.is_some() => true,
        _ => has_local(b, s),
    }
}

/// `buffer-local-variables` of buffer BUF.
pub fn buffer_local_variables(buf: Value) -> Value {
    let Some(b) = as_buffer(buf) else {
        return Value::NIL;
    };
    let is_cur = buf == current_buffer();
    let mut lisp = Vec::new();
    for &(s, v) in b.locals.iter() {
        let v = if is_cur { s.sym().value } else { v };
        lisp.push(if v == Value::UNBOUND { s } else { cons(s, v) });
    }
    let mut result = list(&lisp);
    let t = tables();
    for k in 0..b.slot_set.len() {
        if !b.slot_set[k] {
            continue;
        }
        let s = t.slots[k].sym;
        let v = if is_cur { s.sym().value } else { b.slot_vals[k] };
        if v == Value::UNBOUND {
            continue;
        }
        result = cons(cons(s, v), result);
    }
    result
}

/// Sets S's value in buffer BUF where BUF has a local binding (used when
/// a `let` of a local binding ends in a buffer that is not current).
pub fn set_in_buffer(buf: Value, s: Value, v: Value) {
    if buf == current_buffer() {
        set_cell(s, v);
        return;
    }
    let Some(b) = as_buffer(buf) else { return };
    if let Some(e) = blv(s) {
        if let Some(k) = e.slot {
            b.slot_vals[k] = v;
            return;
        }
    }
    if let Some(slot) = b.locals.iter_mut().find(|(x, _)| *x == s) {
        slot.1 = v;
    }
}

/// `reset_buffer_local_variables` (for `kill-all-local-variables` and
/// killing): drops local bindings except permanent ones unless
/// PERMANENT_TOO.  BUF must be current or dead.
pub fn reset_locals(buf: Value, permanent_too: bool) {
    let is_cur = buf == current_buffer();
    if is_cur {
        swap_out(buf);
    }
    let Some(b) = as_buffer(buf) else { return };
    // reset_buffer_local_variables: the major mode's local keymap goes too.
    b.keymap = Value::NIL;
    let syms = &state().syms;
    let t = tables();
    b.locals.retain(|&(s, _)| !permanent_too && !get(s, syms.permanent_local).is_nil());
    for k in 0..b.slot_set.len() {
        let s = t.slots[k].sym;
        if t.slots[k].always {
            if s == syms.major_mode || s == syms.mode_name {
                b.slot_vals[k] = t.blv.get(&s.symbol_index()).map(|e| e.default).unwrap_or(Value::NIL);
            } else if s == intern("local-minor-modes") {
                b.slot_vals[k] = Value::NIL;
            }
            continue;
        }
        if permanent_too || get(s, syms.permanent_local).is_nil() {
            b.slot_set[k] = false;
        }
    }
    if is_cur {
        swap_in(buf);
    }
}

/// The symbols of the per-buffer slots (for tests and `buffer-local-variables`).
pub fn slot_symbols() -> Vec<Value> {
    tables().slots.iter().map(|d| d.sym).collect()
}

/// A `let` binding of localized base variable S to V: records and returns
/// (kind, buffer, old value) for the specpdl, after binding.
pub fn specbind(s: Value, v: Value) -> (LetKind, Value, Value) {
    let cur = current_buffer();
    let old = s.sym().value;
    if current_has_local(s) {
        set_cell(s, v);
        (LetKind::Local, cur, old)
    } else {
        set_default(s, v);
        (LetKind::Default, cur, old)
    }
}

/// Undoes a `let` of localized variable S made with KIND in buffer WHERE.
pub fn unbind(s: Value, kind: LetKind, where_: Value, old: Value) {
    match kind {
        LetKind::Local => {
            if let Some(b) = as_buffer(where_) {
                if b.live() && has_local(b, s) {
                    set_in_buffer(where_, s, old);
                }
            }
        }
        LetKind::Default | LetKind::Plain => set_default(s, old),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to};

    use crate::builtins::testutil::setup;

    #[test]
    fn local_bindings_follow_the_current_buffer() {
        setup();
        let v = intern("locals-test-var");
        v.sym().special = true;
        set_variable(v, Value::fixnum(1)).unwrap();
        let scratch = current_buffer();
        let other = super::super::create_buffer(make_string("locals-test"), false);
        super::super::set_buffer(other);
        make_local_variable(v);
        set_variable(v, Value::fixnum(2)).unwrap();
        assert_eq!(v.sym().value, Value::fixnum(2));
        assert_eq!(default_value(v), Value::fixnum(1));
        super::super::set_buffer(scratch);
        assert_eq!(v.sym().value, Value::fixnum(1));
        assert_eq!(local_value_in(other, v), Value::fixnum(2));
        // A `let` of the local value made in OTHER is undone in OTHER even
        // when another buffer is current by then.
        super::super::set_buffer(other);
        let depth = specpdl_depth();
        specbind(v, Value::fixnum(3)).unwrap();
        super::super::set_buffer(scratch);
        unbind_to(depth);
        assert_eq!(local_value_in(other, v), Value::fixnum(2));
        assert_eq!(v.sym().value, Value::fixnum(1));
    }

    #[test]
    fn automatically_local_variables_and_let_of_the_default() {
        setup();
        let v = intern("locals-test-auto");
        v.sym().special = true;
        make_variable_buffer_local(v);
        assert_eq!(v.sym().value, Value::NIL);
        let depth = specpdl_depth();
        specbind(v, Value::fixnum(5)).unwrap();
        // Setting inside a `let` of the default does not make it local.
        set_variable(v, Value::fixnum(6)).unwrap();
        assert!(!local_variable_p(v, current()));
        unbind_to(depth);
        assert_eq!(v.sym().value, Value::NIL);
        set_variable(v, Value::fixnum(7)).unwrap();
        assert!(local_variable_p(v, current()));
        kill_local_variable(v);
        assert_eq!(v.sym().value, Value::NIL);
    }
}
