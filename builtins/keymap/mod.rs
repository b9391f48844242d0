//! GNU Emacs's keymap.c, with the parts of keyboard.c it relies on.
//!
//! A keymap is Lisp data: `(keymap [CHAR-TABLE | VECTOR | (EVENT . DEF) |
//! PROMPT-STRING | EMBEDDED-KEYMAP]... . PARENT)`, or a symbol whose function
//! is one.  `maps` owns the objects and the one-event and key-sequence
//! operations (`define-key`, `lookup-key`, `map-keymap`, `copy-keymap`...),
//! `active` the global, buffer-local, minor-mode and overriding maps and the
//! lookups through them (`key-binding`, `command-remapping`...), `describe`
//! the descriptions and searches (`key-description`, `accessible-keymaps`,
//! `where-is-internal`, `describe-vector`...), `events` the modifier
//! parsing of event types.  This file holds what they share: the values
//! keymap.c keeps in static variables (rooted here), the per-thread symbols,
//! the calls into other files' primitives, and the variables of keymap.c
//! and of keyboard.c's keymap-related part.
pub mod active;
pub mod describe;
pub mod events;
pub mod listing;
pub mod maps;

use crate::builtins::prelude::*;
use std::cell::{Cell, RefCell};

/// The static Lisp values of keymap.c (staticpro'd there), as slots of one
/// permanent vector.
#[derive(Copy, Clone)]
pub enum Root {
    /// `current_global_map`.
    GlobalMap = 0,
    /// `where_is_cache`: nil, or a hash table from definitions to sequences.
    WhereIsCache = 1,
    /// `where_is_cache_keymaps`: the keymaps the cache was built for (t: none).
    WhereIsCacheKeymaps = 2,
    /// `command_remapping_vector`: [remap COMMAND], reused by `command-remapping`.
    RemapVector = 3,
    /// The subr object `map_char_table_with` passes to `map-char-table`.
    Trampoline = 4,
    /// The unicode `lowercase` table `lookup-key` uses for menu-bar keys.
    UnicodeCaseTable = 5,
}
const ROOT_SLOTS: usize = 6;

thread_local! {
    static ROOTS: Cell<Value> = const { Cell::new(Value::NIL) };
    static ITEM_FNS: RefCell<Vec<ItemFn>> = const { RefCell::new(Vec::new()) };
}

fn roots() -> &'static mut Vec<Value> {
    let mut v = ROOTS.with(|r| r.get());
    if v.is_nil() {
        v = heap().alloc_obj(Obj::Vector(vec![Value::NIL; ROOT_SLOTS]));
        heap().permanent.push(v);
        ROOTS.with(|r| r.set(v));
        let slots = v.as_vector().expect("roots vector");
        slots[Root::WhereIsCacheKeymaps as usize] = Value::T;
        slots[Root::RemapVector as usize] = make_vector(vec![intern("remap"), intern("remap")]);
        slots[Root::Trampoline as usize] = heap().alloc_obj(Obj::Subr(&TRAMPOLINE));
    }
    v.as_vector().expect("roots vector")
}

pub fn root(r: Root) -> Value {
    roots()[r as usize]
}

pub fn set_root(r: Root, v: Value) {
    roots()[r as usize] = v;
}

/// Flushes the `where-is-internal` reverse-map cache (every change to a
/// keymap does).
pub fn flush_where_is_cache() {
    set_root(Root::WhereIsCache, Value::NIL);
    set_root(Root::WhereIsCacheKeymaps, Value::T);
}

/// Symbols keymap code compares against, interned once per thread.
pub struct Syms {
    pub keymap: Value,
    pub menu_item: Value,
    pub remap: Value,
    pub menu_bar: Value,
    pub local_map: Value,
    pub meta_prefix_char: Value,
    pub filter: Value,
}

thread_local! {
    static SYMS: Cell<Option<&'static Syms>> = const { Cell::new(None) };
}

pub fn syms() -> &'static Syms {
    if let Some(s) = SYMS.with(|s| s.get()) {
        return s;
    }
    let s: &'static Syms = Box::leak(Box::new(Syms {
        keymap: intern("keymap"),
        menu_item: intern("menu-item"),
        remap: intern("remap"),
        menu_bar: intern("menu-bar"),
        local_map: intern("local-map"),
        meta_prefix_char: intern("meta-prefix-char"),
        filter: intern(":filter"),
    }));
    SYMS.with(|c| c.set(Some(s)));
    s
}

/// Calls primitive NAME of another file's subr table directly (as C calls
/// `Fset_char_table_range` & co., whatever Lisp did to the symbols).
pub fn call_prim(table: &'static [SubrDef], name: &str, args: &[Value]) -> LResult {
    match table.iter().find(|d| d.name == name) {
        Some(def) => crate::runtime::subr::call_subr(def, intern(name), args),
        None => Err(error(&format!("Missing primitive {name}"))),
    }
}

/// A Rust callback for the entries `map-char-table` finds.
type ItemFn = *mut (dyn FnMut(Value, Value) -> LResult<()> + 'static);

static TRAMPOLINE: SubrDef =
    SubrDef::new("keymap--map-char-table-item", 2, 2, f_trampoline, "Internal: a keymap walk's char-table callback.");

fn f_trampoline(a: &[Value]) -> LResult {
    let top = ITEM_FNS.with(|s| s.borrow().last().copied());
    if let Some(f) = top {
        // SAFETY: the pointer is to a callback of a `map_char_table_with`
        // frame that is still running (it pops the pointer before returning).
        unsafe { (*f)(a[0], a[1])? };
    }
    Ok(Value::NIL)
}

/// chartab.c `map_char_table` with a C function: F is called with each run
/// of characters of TABLE sharing a non-nil value (a character, or a
/// (FROM . TO) cons that the walk reuses and mutates), and the value.
pub fn map_char_table_with(table: Value, f: &mut dyn FnMut(Value, Value) -> LResult<()>) -> LResult<()> {
    // SAFETY: the lifetime is erased only while this frame runs: the
    // pointer is popped below before F can go away.
    let p: ItemFn = unsafe { std::mem::transmute::<*mut (dyn FnMut(Value, Value) -> LResult<()> + '_), ItemFn>(f) };
    ITEM_FNS.with(|s| s.borrow_mut().push(p));
    let r = call_prim(crate::builtins::chartab::SUBRS, "map-char-table", &[root(Root::Trampoline), table]);
    ITEM_FNS.with(|s| s.borrow_mut().pop());
    r.map(|_| ())
}

/// Signals the error deep keymap recursion gets instead of overflowing the
/// native stack (Emacs has no limit there and crashes).
pub fn check_depth(depth: usize) -> LResult<()> {
    if depth > 10_000 || crate::runtime::stack_exhausted() {
        return Err(signal(sym::EXCESSIVE_LISP_NESTING, list1(Value::fixnum(depth as i64))));
    }
    Ok(())
}

/// The value of `meta-prefix-char`.
pub fn meta_prefix_char() -> Value {
    let v = crate::runtime::specpdl::value_cell(syms().meta_prefix_char);
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// A variable's value, nil when void (`find_symbol_value` callers here
/// treat unbound as nil).
pub fn var(name: &str) -> Value {
    let v = crate::runtime::specpdl::value_cell(intern(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// Defines keymap.c's and keyboard.c's keymap variables.
pub fn init() {
    put(intern("keymap"), intern("char-table-extra-slots"), Value::fixnum(0));
    roots();
    set_root(Root::GlobalMap, Value::NIL);
    // keymap.c
    defvar_lisp("minibuffer-local-map", list1(intern("keymap")));
    defvar_lisp("minor-mode-map-alist", Value::NIL);
    defvar_lisp("minor-mode-overriding-map-alist", Value::NIL);
    defvar_lisp("emulation-mode-map-alists", Value::NIL);
    defvar_lisp("where-is-preferred-modifier", Value::NIL);
    defvar_lisp("describe-bindings-check-shadowing-in-ranges", Value::NIL);
    // keyboard.c
    defvar_lisp("meta-prefix-char", Value::fixnum(27));
    defvar_lisp("overriding-local-map", Value::NIL);
    defvar_lisp("overriding-terminal-local-map", Value::NIL);
    defvar_lisp("overriding-local-map-menu-flag", Value::NIL);
    defvar_lisp("keyboard-translate-table", Value::NIL);
    let special = list1(intern("keymap"));
    defvar_lisp("special-event-map", special);
    let function_key_map = list1(intern("keymap"));
    defvar_lisp("function-key-map", function_key_map);
    defvar_lisp("key-translation-map", list1(intern("keymap")));
    defvar_lisp("input-decode-map", list1(intern("keymap")));
    // init_kboard: an empty map inheriting from `function-key-map'.
    let local = list1(intern("keymap"));
    local.cons_ref().cdr = function_key_map;
    defvar_lisp("local-function-key-map", local);
    // keys_of_keyboard.
    for (event, def) in [
        ("delete-frame", "handle-delete-frame"),
        ("ns-put-working-text", "ns-put-working-text"),
        ("ns-unput-working-text", "ns-unput-working-text"),
        ("iconify-frame", "ignore"),
        ("make-frame-visible", "ignore"),
        ("save-session", "handle-save-session"),
        ("dbus-event", "dbus-handle-event"),
        ("thread-event", "thread-handle-event"),
        ("file-notify", "file-notify-handle-event"),
        ("config-changed-event", "ignore"),
        ("focus-in", "handle-focus-in"),
        ("focus-out", "handle-focus-out"),
        ("move-frame", "handle-move-frame"),
    ] {
        let _ = maps::store_in_keymap(special, intern(event), intern(def), false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::setup;

    #[test]
    fn variables_and_roots() {
        setup();
        assert_eq!(meta_prefix_char(), Value::fixnum(27));
        assert!(root(Root::GlobalMap).is_nil());
        assert!(root(Root::WhereIsCacheKeymaps).is_t());
        // special-event-map: the last binding keys_of_keyboard makes comes first.
        let m = var("special-event-map");
        assert_eq!(m.cdr().car().car(), intern("move-frame"));
    }
}
