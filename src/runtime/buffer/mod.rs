//! Buffers: the text Lisp edits, with point, narrowing, markers, text
//! properties and buffer-local variables, as GNU Emacs's buffer.c,
//! insdel.c, marker.c and the buffer-local half of data.c define them.
//!
//! A buffer is a heap object (`Obj::Host` of type "buffer"); its text lives
//! behind `text::BufferText` (Enoki's gap buffer or a host's storage).  The
//! per-thread `State` (current buffer, the buffer list, the buffer-local
//! variable tables) is itself a heap object kept alive forever, so the
//! collector traces everything buffers hold through ordinary `trace` calls.
//! Positions are 1-based character positions, as in Lisp.

pub mod diff;
pub mod edit;
pub mod intervals;
pub mod locals;
pub mod markers;
pub mod save;
pub mod text;
pub mod textprop;
pub mod undo;

use crate::host::Host;
use crate::runtime::alloc::cons;
use crate::runtime::error::{error, signal_list, wrong_type, LResult};
use crate::runtime::heap::{heap, Marker as GcMarker};
use crate::runtime::object::{HostObject, Obj};
use crate::runtime::string::{make_string, LispString};
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;
use intervals::Intervals;
use markers::TableRef;
use std::cell::Cell;
use text::{BufferText, GapText};

/// A buffer's text: Enoki's gap buffer, or storage a host supplied.
pub enum Text {
    Gap(GapText),
    Host(Box<dyn BufferText>),
}

macro_rules! text_dispatch {
    ($self:ident, $t:ident => $e:expr) => {
        match $self {
            Text::Gap($t) => $e,
            Text::Host($t) => $e,
        }
    };
}

impl Text {
    #[inline]
    pub fn len_chars(&self) -> usize {
        text_dispatch!(self, t => t.len_chars())
    }
    #[inline]
    pub fn len_bytes(&self) -> usize {
        text_dispatch!(self, t => t.len_bytes())
    }
    #[inline]
    pub fn multibyte(&self) -> bool {
        text_dispatch!(self, t => t.multibyte())
    }
    #[inline]
    pub fn char_to_byte(&self, pos: usize) -> usize {
        text_dispatch!(self, t => t.char_to_byte(pos))
    }
    #[inline]
    pub fn byte_to_char(&self, b: usize) -> usize {
        text_dispatch!(self, t => t.byte_to_char(b))
    }
    #[inline]
    pub fn char_at(&self, pos: usize) -> u32 {
        text_dispatch!(self, t => t.char_at(pos))
    }
    pub fn copy_bytes(&self, from: usize, to: usize, out: &mut Vec<u8>) {
        text_dispatch!(self, t => t.copy_bytes(from, to, out))
    }
    pub fn find_newline(&self, start: usize, end: usize, count: i64) -> (usize, i64) {
        text_dispatch!(self, t => t.find_newline(start, end, count))
    }
    pub fn insert(&mut self, pos: usize, bytes: &[u8], nchars: usize) {
        text_dispatch!(self, t => t.insert(pos, bytes, nchars))
    }
    pub fn delete(&mut self, from: usize, to: usize) {
        text_dispatch!(self, t => t.delete(from, to))
    }
    pub fn reset(&mut self, bytes: Vec<u8>, nchars: usize, multibyte: bool) {
        text_dispatch!(self, t => t.reset(bytes, nchars, multibyte))
    }
    pub fn replace(&mut self, from: usize, to: usize, bytes: &[u8], nchars: usize) {
        text_dispatch!(self, t => t.replace(from, to, bytes, nchars))
    }
}

pub struct Buffer {
    /// The name (a string), or nil once killed.
    pub name: Value,
    pub text: Text,
    /// Point and the accessible region, 1-based character positions.
    pub pt: usize,
    pub begv: usize,
    pub zv: usize,
    pub markers: TableRef,
    pub intervals: Intervals,
    /// Modification counters (`buffer-modified-tick` & co.).
    pub modiff: i64,
    pub chars_modiff: i64,
    pub save_modiff: i64,
    /// The tick of the last auto-save (`autosaved` state).
    pub autosave_modiff: i64,
    /// Lisp buffer-local bindings (symbol, value), oldest first.
    pub locals: Vec<(Value, Value)>,
    /// Values of the built-in per-buffer variables, by slot.
    pub slot_vals: Vec<Value>,
    /// Which slots have a local value here (always true for always-local ones).
    pub slot_set: Vec<bool>,
    /// The mark (a marker), created on demand.
    pub mark: Value,
    pub inhibit_hooks: bool,
    /// `last_name`: the name before the buffer was killed or renamed.
    pub last_name: Value,
    /// This buffer's labeled restrictions (editfns.c's entry for it in
    /// `labeled_restrictions`): a list of (LABEL BEGV-MARKER ZV-MARKER),
    /// innermost first, whose last element is labeled with the uninterned
    /// `outermost-restriction`; nil when none is in effect.
    pub labeled: Value,
    /// The buffer's local keymap (`use-local-map`, `current-local-map`):
    /// a keymap or nil, reset by `kill-all-local-variables`.
    pub keymap: Value,
}

impl Buffer {
    #[inline]
    pub fn z(&self) -> usize {
        self.text.len_chars() + 1
    }
    pub fn live(&self) -> bool {
        !self.name.is_nil()
    }
    /// The character at POS (BEG <= POS < Z).
    #[inline]
    pub fn char_at(&self, pos: usize) -> u32 {
        self.text.char_at(pos - 1)
    }
    /// The byte position (1-based) of character position POS.
    pub fn pos_to_byte(&self, pos: usize) -> usize {
        self.text.char_to_byte(pos - 1) + 1
    }
    pub fn byte_to_pos(&self, b: usize) -> usize {
        self.text.byte_to_char(b - 1) + 1
    }
    pub fn multibyte(&self) -> bool {
        self.text.multibyte()
    }
    /// Chars FROM..TO as a new string (no properties).
    pub fn substring(&self, from: usize, to: usize) -> Value {
        let mut bytes = Vec::new();
        self.text.copy_bytes(from - 1, to - 1, &mut bytes);
        let multibyte = self.multibyte();
        heap().alloc_string(LispString::new(bytes, to - from, multibyte))
    }
    pub fn text_string_lossy(&self) -> String {
        let mut bytes = Vec::new();
        self.text.copy_bytes(0, self.text.len_chars(), &mut bytes);
        LispString::new(bytes, self.text.len_chars(), self.multibyte()).to_string_lossy()
    }
    pub fn name_lossy(&self) -> String {
        if self.name.is_string() {
            self.name.string_ref().to_string_lossy()
        } else {
            String::new()
        }
    }
}

impl HostObject for Buffer {
    fn type_name(&self) -> &'static str {
        "buffer"
    }
    fn print(&self) -> String {
        if self.live() {
            format!("#<buffer {}>", self.name_lossy())
        } else {
            "#<killed buffer>".to_string()
        }
    }
    fn trace(&self, m: &mut GcMarker) {
        m.mark(self.name);
        m.mark(self.last_name);
        m.mark(self.mark);
        m.mark(self.labeled);
        m.mark(self.keymap);
        self.intervals.trace(m);
        for (s, v) in self.locals.iter() {
            m.mark(*s);
            m.mark(*v);
        }
        self.slot_vals.iter().for_each(|v| m.mark(*v));
    }
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }
}

/// The buffer V is (live or killed), if it is one.
pub fn as_buffer(v: Value) -> Option<&'static mut Buffer> {
    if !v.is_obj() {
        return None;
    }
    match v.obj_ref() {
        Obj::Host(h) if h.type_name() == "buffer" => h.as_any_mut()?.downcast_mut::<Buffer>(),
        _ => None,
    }
}

pub fn is_buffer(v: Value) -> bool {
    as_buffer(v).is_some()
}

/// The printed name of buffer V for marker printing.
pub fn buffer_name_lossy(v: Value) -> String {
    as_buffer(v).map(|b| b.name_lossy()).unwrap_or_default()
}

/// Symbols the buffer code uses, interned once per thread.
pub struct Syms {
    pub category: Value,
    pub front_sticky: Value,
    pub rear_nonsticky: Value,
    pub char_property_alias_alist: Value,
    pub default_text_properties: Value,
    pub text_property_default_nonsticky: Value,
    pub read_only: Value,
    pub inhibit_read_only: Value,
    pub buffer_read_only: Value,
    pub buffer_or_string_p: Value,
    pub permanent_local: Value,
    pub enable_multibyte_characters: Value,
    pub buffer_undo_list: Value,
    pub default_directory: Value,
    pub major_mode: Value,
    pub mode_name: Value,
    pub fundamental_mode: Value,
    pub tab_width: Value,
    pub indent_tabs_mode: Value,
    pub case_fold_search: Value,
    pub autosaved: Value,
    pub kill_buffer_hook: Value,
    pub kill_buffer_query_functions: Value,
    pub buffer_list_update_hook: Value,
    pub before_change_functions: Value,
    pub after_change_functions: Value,
    pub first_change_hook: Value,
    pub inhibit_modification_hooks: Value,
    pub change_major_mode_hook: Value,
    pub permanent_local_hook: Value,
    pub face: Value,
}

impl Syms {
    fn new() -> Syms {
        Syms {
            category: intern("category"),
            front_sticky: intern("front-sticky"),
            rear_nonsticky: intern("rear-nonsticky"),
            char_property_alias_alist: intern("char-property-alias-alist"),
            default_text_properties: intern("default-text-properties"),
            text_property_default_nonsticky: intern("text-property-default-nonsticky"),
            read_only: intern("read-only"),
            inhibit_read_only: intern("inhibit-read-only"),
            buffer_read_only: intern("buffer-read-only"),
            buffer_or_string_p: intern("buffer-or-string-p"),
            permanent_local: intern("permanent-local"),
            enable_multibyte_characters: intern("enable-multibyte-characters"),
            buffer_undo_list: intern("buffer-undo-list"),
            default_directory: intern("default-directory"),
            major_mode: intern("major-mode"),
            mode_name: intern("mode-name"),
            fundamental_mode: intern("fundamental-mode"),
            tab_width: intern("tab-width"),
            indent_tabs_mode: intern("indent-tabs-mode"),
            case_fold_search: intern("case-fold-search"),
            autosaved: intern("autosaved"),
            kill_buffer_hook: intern("kill-buffer-hook"),
            kill_buffer_query_functions: intern("kill-buffer-query-functions"),
            buffer_list_update_hook: intern("buffer-list-update-hook"),
            before_change_functions: intern("before-change-functions"),
            after_change_functions: intern("after-change-functions"),
            first_change_hook: intern("first-change-hook"),
            inhibit_modification_hooks: intern("inhibit-modification-hooks"),
            change_major_mode_hook: intern("change-major-mode-hook"),
            permanent_local_hook: intern("permanent-local-hook"),
            face: intern("face"),
        }
    }
}

/// The per-thread buffer state.
pub struct State {
    pub current: Value,
    current_ptr: *mut Buffer,
    /// Live buffers, in `buffer-list` order.
    pub list: Vec<Value>,
    pub locals: locals::Tables,
    pub syms: Syms,
    pub host: Option<Box<dyn Host>>,
    /// `point_before_last_command_or_undo` and its buffer (undo records).
    pub undo_point: i64,
    pub undo_buffer: Value,
    /// The buffer the (only, batch-mode) window shows: `*scratch*` at first.
    pub window_buffer: Value,
    /// indent.c's column cache: (point, modiff, column); point -1 or 0
    /// when invalidated (buffer switch, narrowing).
    pub column_cache: (i64, i64, i64),
    /// The `insert-behind-hooks` / `insert-in-front-hooks` found before
    /// the last insertion (textprop.c's interval_insert_*_hooks).
    pub insert_behind_hooks: Value,
    pub insert_in_front_hooks: Value,
    /// The buffer of the minibuffer window (` *Minibuf-0*`), never killed.
    pub minibuf: Value,
}

struct Registry(Box<State>);

impl HostObject for Registry {
    fn type_name(&self) -> &'static str {
        "buffer-registry"
    }
    fn print(&self) -> String {
        "#<buffer-registry>".to_string()
    }
    fn trace(&self, m: &mut GcMarker) {
        m.mark(self.0.current);
        m.mark(self.0.undo_buffer);
        m.mark(self.0.window_buffer);
        m.mark(self.0.insert_behind_hooks);
        m.mark(self.0.insert_in_front_hooks);
        m.mark(self.0.minibuf);
        self.0.list.iter().for_each(|b| m.mark(*b));
        self.0.locals.trace(m);
    }
}

thread_local! {
    static STATE: Cell<*mut State> = const { Cell::new(std::ptr::null_mut()) };
}

/// The buffer state of this thread (created with `*scratch*` on first use).
#[inline]
pub fn state() -> &'static mut State {
    let p = STATE.with(|s| s.get());
    if p.is_null() {
        return init_state();
    }
    unsafe { &mut *p }
}

/// The buffer state if it exists already (never creates it).
#[inline]
pub fn state_if_ready() -> Option<&'static mut State> {
    let p = STATE.with(|s| s.get());
    if p.is_null() {
        None
    } else {
        Some(unsafe { &mut *p })
    }
}

/// The current buffer, unless the state is still being set up.
pub fn current_opt() -> Option<&'static mut Buffer> {
    let p = state().current_ptr;
    if p.is_null() {
        None
    } else {
        Some(unsafe { &mut *p })
    }
}

pub fn syms() -> &'static Syms {
    &state().syms
}

#[cold]
fn init_state() -> &'static mut State {
    let st = Box::new(State {
        current: Value::NIL,
        current_ptr: std::ptr::null_mut(),
        list: Vec::new(),
        locals: locals::Tables::default(),
        syms: Syms::new(),
        host: None,
        undo_point: 0,
        undo_buffer: Value::NIL,
        window_buffer: Value::NIL,
        column_cache: (0, 0, 0),
        insert_behind_hooks: Value::NIL,
        insert_in_front_hooks: Value::NIL,
        minibuf: Value::NIL,
    });
    let mut reg = Box::new(Registry(st));
    let p: *mut State = &mut *reg.0;
    let v = heap().alloc_obj(Obj::Host(reg));
    heap().permanent.push(v);
    STATE.with(|s| s.set(p));
    let s = unsafe { &mut *p };
    locals::init_tables(s);
    let scratch = create_buffer(make_string("*scratch*"), false);
    s.current = scratch;
    s.window_buffer = scratch;
    s.current_ptr = as_buffer(scratch).map(|b| b as *mut Buffer).unwrap_or(std::ptr::null_mut());
    locals::swap_in(scratch);
    s.minibuf = create_buffer(make_string(" *Minibuf-0*"), false);
    create_buffer(make_string("*Messages*"), false);
    locals::init_scratch(scratch);
    s
}

pub fn set_host(h: Option<Box<dyn Host>>) -> Option<Box<dyn Host>> {
    std::mem::replace(&mut state().host, h)
}

/// The current buffer object.
#[inline]
pub fn current_buffer() -> Value {
    state().current
}

/// The current buffer.
#[inline]
pub fn current() -> &'static mut Buffer {
    unsafe { &mut *state().current_ptr }
}

/// Makes BUF (live) the current buffer, swapping buffer-local bindings.
pub fn set_buffer(buf: Value) {
    let s = state();
    if s.current == buf {
        return;
    }
    let Some(b) = as_buffer(buf) else { return };
    locals::swap_out(s.current);
    s.column_cache.0 = -1;
    s.current = buf;
    s.current_ptr = b as *mut Buffer;
    locals::swap_in(buf);
}

/// The live buffer named NAME (bytes of the name string).
pub fn get_buffer_by_name(name: &[u8]) -> Option<Value> {
    state().list.iter().copied().find(|&b| as_buffer(b).is_some_and(|x| x.name.is_string() && x.name.string_ref().data == name))
}

/// Makes a new live buffer named NAME (a fresh string the buffer owns) and
/// appends it to the buffer list.
pub fn create_buffer(name: Value, inhibit_hooks: bool) -> Value {
    let s = state();
    let name_text = name.string_ref().to_string_lossy();
    let text = match s.host.as_mut().and_then(|h| h.create_buffer(&name_text)) {
        Some(t) => Text::Host(t),
        None => Text::Gap(GapText::new()),
    };
    let mut text = text;
    let mb = locals::default_multibyte();
    if text.multibyte() != mb && text.len_chars() == 0 {
        text.reset(Vec::new(), 0, mb);
    }
    let b = Buffer {
        name,
        text,
        pt: 1,
        begv: 1,
        zv: 1,
        markers: markers::new_table(),
        intervals: Intervals::default(),
        modiff: 1,
        chars_modiff: 1,
        save_modiff: 1,
        autosave_modiff: 0,
        locals: Vec::new(),
        slot_vals: Vec::new(),
        slot_set: Vec::new(),
        mark: Value::NIL,
        inhibit_hooks,
        last_name: Value::NIL,
        labeled: Value::NIL,
        keymap: Value::NIL,
    };
    let v = heap().alloc_obj(Obj::Host(Box::new(b)));
    if let Some(b) = as_buffer(v) {
        b.zv = b.z();
        locals::init_buffer_slots(b, name);
    }
    s.list.push(v);
    v
}

/// `CHECK_BUFFER`-style: V as a buffer or `(wrong-type-argument bufferp V)`.
pub fn expect_buffer(v: Value) -> LResult<&'static mut Buffer> {
    as_buffer(v).ok_or_else(|| wrong_type(crate::runtime::sym::BUFFERP, v))
}

/// `decode_buffer`: nil means the current buffer.
pub fn decode_buffer(v: Value) -> LResult<(Value, &'static mut Buffer)> {
    if v.is_nil() {
        Ok((current_buffer(), current()))
    } else {
        Ok((v, expect_buffer(v)?))
    }
}

/// A live buffer from a buffer or a name (`get-buffer` then check), as
/// `set-buffer` wants it: `(error "No buffer named X")` otherwise.
pub fn live_buffer_arg(v: Value) -> LResult<Value> {
    let b = get_buffer(v)?;
    if b.is_nil() {
        let name = v.string_ref().to_string_lossy();
        return Err(error(&format!("No buffer named {name}")));
    }
    Ok(b)
}

/// `get-buffer`: a buffer is itself; a string names a live buffer or nil.
pub fn get_buffer(v: Value) -> LResult<Value> {
    if is_buffer(v) {
        return Ok(v);
    }
    if !v.is_string() {
        return Err(wrong_type(crate::runtime::sym::STRINGP, v));
    }
    Ok(get_buffer_by_name(&v.string_ref().data).unwrap_or(Value::NIL))
}

/// `nsberror`: the error for a buffer argument that names no buffer.
pub fn no_such_buffer(v: Value) -> crate::runtime::error::Flow {
    if v.is_string() {
        error(&format!("No buffer named {}", v.string_ref().to_string_lossy()))
    } else {
        signal_list(intern("error"), &[make_string("Invalid buffer argument")])
    }
}

/// Moves BUF to the end of the buffer list (`bury-buffer-internal`).
pub fn bury(buf: Value) {
    let l = &mut state().list;
    if let Some(i) = l.iter().position(|&b| b == buf) {
        l.remove(i);
        l.push(buf);
    }
}

/// The buffer list as a Lisp list.
pub fn buffer_list() -> Value {
    let mut r = Value::NIL;
    for &b in state().list.iter().rev() {
        r = cons(b, r);
    }
    r
}
