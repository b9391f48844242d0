//! Primitives of GNU Emacs's buffer.c: creating, naming, listing, selecting
//! and killing buffers, the modified flag and ticks, `erase-buffer`,
//! `set-buffer-multibyte`, `kill-all-local-variables` and
//! `buffer-local-variables`.  The buffer-local variable primitives of data.c
//! are in `locals`, the motion commands of cmds.c in `cmds`, the column
//! functions of indent.c in `indent`.
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{del_range, modiff_incr};
use crate::runtime::buffer::{self, as_buffer, current, current_buffer, locals, set_buffer, syms};
use crate::runtime::specpdl::value_cell;

pub mod args;
pub mod cmds;
pub mod fields;
pub mod indent;
pub mod locals_subrs;
mod multibyte;

use args::decode_buffer;

fn f_buffer_live_p(a: &[Value]) -> LResult {
    Ok(Value::bool(as_buffer(a[0]).is_some_and(|b| b.live())))
}

fn f_buffer_list(_a: &[Value]) -> LResult {
    Ok(buffer::buffer_list())
}

fn f_get_buffer(a: &[Value]) -> LResult {
    buffer::get_buffer(a[0])
}

fn f_get_buffer_create(a: &[Value]) -> LResult {
    let b = buffer::get_buffer(a[0])?;
    if !b.is_nil() {
        return Ok(b);
    }
    let name = a[0].string_ref();
    if name.nchars == 0 {
        return Err(error("Empty string for buffer name is not allowed"));
    }
    let copy = make_string_from_bytes(name.data.clone(), name.multibyte);
    let buf = buffer::create_buffer(copy, !a[1].is_nil());
    if let Some(b) = as_buffer(buf) {
        b.last_name = copy;
    }
    run_buffer_list_update_hook(buf)?;
    Ok(buf)
}

/// Runs `buffer-list-update-hook` unless BUF inhibits buffer hooks.
fn run_buffer_list_update_hook(buf: Value) -> LResult<()> {
    if as_buffer(buf).is_some_and(|b| b.inhibit_hooks) {
        return Ok(());
    }
    let hook = syms().buffer_list_update_hook;
    let v = value_cell(hook);
    if v == Value::UNBOUND || v.is_nil() {
        return Ok(());
    }
    funcall(intern("run-hooks"), &[hook])?;
    Ok(())
}

fn string_equal(a: Value, b: Value) -> bool {
    a.is_string() && b.is_string() && {
        let (x, y) = (a.string_ref(), b.string_ref());
        x.nchars == y.nchars && x.chars().eq(y.chars())
    }
}

fn get_buffer_str(name: Value) -> bool {
    buffer::get_buffer_by_name(&name.string_ref().data).is_some() || {
        // Names compare as `string-equal` (multibyte/unibyte alike).
        buffer::state().list.iter().any(|&b| as_buffer(b).is_some_and(|x| string_equal(x.name, name)))
    }
}

fn concat_str(a: Value, suffix: &str) -> Value {
    crate::builtins::fns::seq::concat_strings(&[a, make_string(suffix)]).unwrap_or(a)
}

/// `generate-new-buffer-name`.
pub fn generate_new_buffer_name(name: Value, ignore: Value) -> LResult<Value> {
    expect_string(name)?;
    if (!ignore.is_nil() && string_equal(name, ignore)) || !get_buffer_str(name) {
        return Ok(name);
    }
    let genbase = if name.string_ref().data.first() != Some(&b' ') {
        name
    } else {
        let r = crate::builtins::fns::misc::random_u64() % 1_000_000;
        let g = concat_str(name, &format!("-{r}"));
        if !get_buffer_str(g) {
            return Ok(g);
        }
        g
    };
    let mut count = 2u64;
    loop {
        let t = concat_str(genbase, &format!("<{count}>"));
        if string_equal(t, ignore) || !get_buffer_str(t) {
            return Ok(t);
        }
        count += 1;
    }
}

fn f_generate_new_buffer_name(a: &[Value]) -> LResult {
    generate_new_buffer_name(a[0], a[1])
}

fn f_buffer_name(a: &[Value]) -> LResult {
    Ok(decode_buffer(a[0])?.1.name)
}

fn f_buffer_last_name(a: &[Value]) -> LResult {
    Ok(decode_buffer(a[0])?.1.last_name)
}

fn f_buffer_file_name(a: &[Value]) -> LResult {
    let (b, _) = decode_buffer(a[0])?;
    Ok(locals::local_value_in(b, intern("buffer-file-name")))
}

fn f_buffer_base_buffer(a: &[Value]) -> LResult {
    decode_buffer(a[0])?;
    Ok(Value::NIL)
}

fn f_buffer_modified_p(a: &[Value]) -> LResult {
    let (_, b) = decode_buffer(a[0])?;
    Ok(if b.save_modiff < b.modiff {
        if b.autosave_modiff == b.modiff {
            syms().autosaved
        } else {
            Value::T
        }
    } else {
        Value::NIL
    })
}

fn f_force_mode_line_update(a: &[Value]) -> LResult {
    Ok(a[0])
}

/// `restore-buffer-modified-p`.
pub fn restore_modified(flag: Value) -> Value {
    let b = current();
    if flag.is_nil() {
        b.save_modiff = b.modiff;
    } else {
        if b.save_modiff >= b.modiff {
            let old = b.modiff;
            modiff_incr(&mut b.modiff, 1);
            b.save_modiff = old;
        }
        if flag == syms().autosaved {
            b.autosave_modiff = b.modiff;
        }
    }
    flag
}

fn f_set_buffer_modified_p(a: &[Value]) -> LResult {
    restore_modified(a[0]);
    Ok(Value::NIL)
}

fn f_restore_buffer_modified_p(a: &[Value]) -> LResult {
    Ok(restore_modified(a[0]))
}

fn f_buffer_modified_tick(a: &[Value]) -> LResult {
    Ok(make_int(decode_buffer(a[0])?.1.modiff))
}

fn f_set_buffer_modified_tick(a: &[Value]) -> LResult {
    let t = expect_fixnum(a[0])?;
    decode_buffer(a[1])?.1.modiff = t;
    Ok(Value::NIL)
}

fn f_buffer_chars_modified_tick(a: &[Value]) -> LResult {
    Ok(make_int(decode_buffer(a[0])?.1.chars_modiff))
}

fn f_rename_buffer(a: &[Value]) -> LResult {
    let (newname, unique) = (a[0], a[1]);
    let b = current();
    let oldname = b.name;
    expect_string(newname)?;
    if newname.string_ref().nchars == 0 {
        return Err(error("Empty string is invalid as a buffer name"));
    }
    let mut newname = newname;
    let tem = buffer::get_buffer(newname)?;
    if !tem.is_nil() {
        if unique.is_nil() && tem == current_buffer() {
            return Ok(b.name);
        }
        if !unique.is_nil() {
            newname = generate_new_buffer_name(newname, oldname)?;
        } else {
            return Err(args::error_message("Buffer name `%s' is in use", &[newname]));
        }
    }
    let b = current();
    b.last_name = oldname;
    b.name = newname;
    if let Some(h) = buffer::state().host.as_mut() {
        h.buffer_renamed(&oldname.string_ref().to_string_lossy(), &newname.string_ref().to_string_lossy());
    }
    run_buffer_list_update_hook(current_buffer())?;
    Ok(current().name)
}

fn candidate(b: Value, buffer: Value) -> bool {
    b != buffer && as_buffer(b).is_some_and(|x| x.live() && x.name.string_ref().data.first() != Some(&b' '))
}

/// `other-buffer`: buffers not shown in the (batch-mode) window first.
pub fn other_buffer(buffer: Value, visible_ok: bool) -> LResult<Value> {
    let st = buffer::state();
    let mut notsogood = Value::NIL;
    for &b in st.list.iter() {
        if candidate(b, buffer) {
            if visible_ok || b != st.window_buffer {
                return Ok(b);
            } else if notsogood.is_nil() {
                notsogood = b;
            }
        }
    }
    if !notsogood.is_nil() {
        return Ok(notsogood);
    }
    f_get_buffer_create(&[make_string("*scratch*"), Value::NIL])
}

fn f_other_buffer(a: &[Value]) -> LResult {
    other_buffer(a[0], !a[1].is_nil())
}

fn f_kill_buffer(a: &[Value]) -> LResult {
    let arg = a[0];
    let buf = if arg.is_nil() { current_buffer() } else { buffer::get_buffer(arg)? };
    if buf.is_nil() {
        return Err(buffer::no_such_buffer(arg));
    }
    let b = buffer::expect_buffer(buf)?;
    if !b.live() {
        return Ok(Value::NIL);
    }
    let s = syms();
    let inhibit = b.inhibit_hooks;
    let go_on = crate::runtime::buffer::save::save_excursion(|| {
        set_buffer(buf);
        if !inhibit {
            let ok = funcall(intern("run-hook-with-args-until-failure"), &[s.kill_buffer_query_functions])?;
            if ok.is_nil() {
                return Ok(false);
            }
        }
        if !as_buffer(buf).is_some_and(|b| b.live()) {
            return Ok(true);
        }
        if !inhibit {
            let v = value_cell(s.kill_buffer_hook);
            if v != Value::UNBOUND && !v.is_nil() {
                funcall(intern("run-hooks"), &[s.kill_buffer_hook])?;
            }
        }
        Ok(true)
    })?;
    if !go_on {
        return Ok(Value::NIL);
    }
    if !as_buffer(buf).is_some_and(|b| b.live()) {
        return Ok(Value::T);
    }
    // The minibuffer window's buffer is never killed.
    if buf == buffer::state().minibuf {
        return Ok(Value::NIL);
    }
    if buf == buffer::state().window_buffer {
        buffer::state().window_buffer = other_buffer(buf, false)?;
    }
    if buf == current_buffer() {
        let other = other_buffer(buf, false)?;
        set_buffer(other);
        if buf == current_buffer() {
            return Ok(Value::NIL);
        }
    }
    kill_buffer_internal(buf);
    run_buffer_list_update_hook(buf)?;
    Ok(Value::T)
}

/// Removes BUF (live, not current) for good: unlinks it, detaches its
/// markers, drops its text, properties and local variables.
pub fn kill_buffer_internal(buf: Value) {
    let st = buffer::state();
    st.list.retain(|&x| x != buf);
    let Some(b) = as_buffer(buf) else { return };
    let name = b.name_lossy();
    locals::reset_locals(buf, true);
    let b = current_or(buf);
    b.markers.borrow_mut().kill();
    b.markers = crate::runtime::buffer::markers::new_table();
    b.intervals = Default::default();
    b.last_name = b.name;
    b.name = Value::NIL;
    b.text = buffer::Text::Gap(crate::runtime::buffer::text::GapText::new());
    b.pt = 1;
    b.begv = 1;
    b.zv = 1;
    b.mark = Value::NIL;
    for k in 0..b.slot_set.len() {
        b.slot_vals[k] = Value::NIL;
    }
    if let Some(h) = st.host.as_mut() {
        h.buffer_killed(&name);
    }
}

fn current_or(buf: Value) -> &'static mut buffer::Buffer {
    as_buffer(buf).unwrap_or_else(current)
}

fn f_bury_buffer_internal(a: &[Value]) -> LResult {
    buffer::expect_buffer(a[0])?;
    buffer::bury(a[0]);
    run_buffer_list_update_hook(a[0])?;
    Ok(Value::NIL)
}

fn f_set_buffer_major_mode(a: &[Value]) -> LResult {
    let b = buffer::expect_buffer(a[0])?;
    if !b.live() {
        return Err(error("Attempt to set major mode for a dead buffer"));
    }
    let function = if b.name.string_ref().data == b"*scratch*" {
        value_cell(intern("initial-major-mode"))
    } else {
        crate::runtime::specpdl::default_value(syms().major_mode)
    };
    if function.is_nil() || function == Value::UNBOUND {
        return Ok(Value::NIL);
    }
    let buf = a[0];
    crate::runtime::buffer::save::save_current_buffer(|| {
        set_buffer(buf);
        funcall(function, &[])
    })?;
    Ok(Value::NIL)
}

fn f_current_buffer(_a: &[Value]) -> LResult {
    Ok(current_buffer())
}

fn f_set_buffer(a: &[Value]) -> LResult {
    let b = buffer::get_buffer(a[0])?;
    if b.is_nil() {
        return Err(buffer::no_such_buffer(a[0]));
    }
    if !buffer::expect_buffer(b)?.live() {
        return Err(error("Selecting deleted buffer"));
    }
    set_buffer(b);
    Ok(b)
}

fn f_barf_if_buffer_read_only(a: &[Value]) -> LResult {
    let pos = if a[0].is_nil() { current().pt as i64 } else { expect_fixnum(a[0])? };
    crate::runtime::buffer::edit::barf_if_read_only(pos.max(0) as usize)?;
    Ok(Value::NIL)
}

fn f_erase_buffer(_a: &[Value]) -> LResult {
    crate::builtins::editfns::restrict::remove_in_current_buffer();
    let b = current();
    b.begv = 1;
    b.zv = b.z();
    let z = b.z();
    del_range(1, z, true, false)?;
    crate::runtime::specpdl::set_variable(intern("buffer-saved-size"), Value::fixnum(0))?;
    Ok(Value::NIL)
}

fn f_kill_all_local_variables(a: &[Value]) -> LResult {
    let hook = syms().change_major_mode_hook;
    let v = value_cell(hook);
    if v != Value::UNBOUND && !v.is_nil() {
        funcall(intern("run-hooks"), &[hook])?;
    }
    locals::reset_locals(current_buffer(), !a[0].is_nil());
    Ok(Value::NIL)
}

fn f_buffer_local_variables(a: &[Value]) -> LResult {
    let (b, _) = decode_buffer(a[0])?;
    Ok(locals::buffer_local_variables(b))
}

fn f_buffer_local_value(a: &[Value]) -> LResult {
    let s = expect_symbol(a[0])?;
    let b = buffer::expect_buffer(a[1])?;
    let _ = b;
    let v = locals::local_value_in(a[1], s);
    if v == Value::UNBOUND {
        return Err(void_variable(s));
    }
    Ok(v)
}

fn f_buffer_enable_undo(a: &[Value]) -> LResult {
    let buf = if a[0].is_nil() { current_buffer() } else { buffer::get_buffer(a[0])? };
    if buf.is_nil() {
        return Err(buffer::no_such_buffer(a[0]));
    }
    let u = syms().buffer_undo_list;
    if locals::local_value_in(buf, u).is_t() {
        crate::runtime::buffer::edit::with_buffer(buf, || {
            crate::runtime::specpdl::set_variable(u, Value::NIL)?;
            Ok(())
        })?;
    }
    Ok(Value::NIL)
}

fn f_get_file_buffer(a: &[Value]) -> LResult {
    let f = expect_string(a[0])?;
    let fname = intern("buffer-file-name");
    for &b in buffer::state().list.iter() {
        let v = locals::local_value_in(b, fname);
        if v.is_string() && v.string_ref().data == f.data {
            return Ok(b);
        }
    }
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("buffer-live-p", 1, 1, f_buffer_live_p, "Return t if OBJECT is a buffer which has not been killed."),
    SubrDef::new("buffer-list", 0, 1, f_buffer_list, "Return a list of all live buffers."),
    SubrDef::new("get-buffer", 1, 1, f_get_buffer, "Return the buffer named BUFFER-OR-NAME."),
    SubrDef::new("get-file-buffer", 1, 1, f_get_file_buffer, "Return the buffer visiting file FILENAME (a string)."),
    SubrDef::new(
        "get-buffer-create",
        1,
        2,
        f_get_buffer_create,
        "Return the buffer specified by BUFFER-OR-NAME, creating a new one if needed.",
    ),
    SubrDef::new(
        "generate-new-buffer-name",
        1,
        2,
        f_generate_new_buffer_name,
        "Return a string that is the name of no existing buffer based on NAME.",
    ),
    SubrDef::new("buffer-name", 0, 1, f_buffer_name, "Return the name of BUFFER, as a string."),
    SubrDef::new("buffer-last-name", 0, 1, f_buffer_last_name, "Return last name of BUFFER, as a string."),
    SubrDef::new("buffer-file-name", 0, 1, f_buffer_file_name, "Return name of file BUFFER is visiting, or nil if none."),
    SubrDef::new("buffer-base-buffer", 0, 1, f_buffer_base_buffer, "Return the base buffer of indirect buffer BUFFER."),
    SubrDef::new("buffer-local-value", 2, 2, f_buffer_local_value, "Return the value of VARIABLE in BUFFER."),
    SubrDef::new("buffer-local-variables", 0, 1, f_buffer_local_variables, "Return an alist of variables that are buffer-local in BUFFER."),
    SubrDef::new(
        "buffer-modified-p",
        0,
        1,
        f_buffer_modified_p,
        "Return non-nil if BUFFER was modified since its file was last read or saved.",
    ),
    SubrDef::new(
        "force-mode-line-update",
        0,
        1,
        f_force_mode_line_update,
        "Force redisplay of the current buffer's mode line and header line.",
    ),
    SubrDef::new(
        "set-buffer-modified-p",
        1,
        1,
        f_set_buffer_modified_p,
        "Mark current buffer as modified or unmodified according to FLAG.",
    ),
    SubrDef::new(
        "restore-buffer-modified-p",
        1,
        1,
        f_restore_buffer_modified_p,
        "Like `set-buffer-modified-p', but doesn't redisplay buffer's mode line.",
    ),
    SubrDef::new(
        "buffer-modified-tick",
        0,
        1,
        f_buffer_modified_tick,
        "Return BUFFER's tick counter, incremented for each change in text.",
    ),
    SubrDef::new("internal--set-buffer-modified-tick", 1, 2, f_set_buffer_modified_tick, "Set BUFFER's tick counter to TICK."),
    SubrDef::new("buffer-chars-modified-tick", 0, 1, f_buffer_chars_modified_tick, "Return BUFFER's character-change tick counter."),
    SubrDef::new("rename-buffer", 1, 2, f_rename_buffer, "Change current buffer's name to NEWNAME (a string)."),
    SubrDef::new("other-buffer", 0, 3, f_other_buffer, "Return most recently selected buffer other than BUFFER."),
    SubrDef::new("buffer-enable-undo", 0, 1, f_buffer_enable_undo, "Start keeping undo information for buffer BUFFER."),
    SubrDef::new("kill-buffer", 0, 1, f_kill_buffer, "Kill the buffer specified by BUFFER-OR-NAME."),
    SubrDef::new("bury-buffer-internal", 1, 1, f_bury_buffer_internal, "Move BUFFER to the end of the buffer list."),
    SubrDef::new("set-buffer-major-mode", 1, 1, f_set_buffer_major_mode, "Set an appropriate major mode for BUFFER."),
    SubrDef::new("current-buffer", 0, 0, f_current_buffer, "Return the current buffer as a Lisp object."),
    SubrDef::new("set-buffer", 1, 1, f_set_buffer, "Make buffer BUFFER-OR-NAME current for editing operations."),
    SubrDef::new(
        "barf-if-buffer-read-only",
        0,
        1,
        f_barf_if_buffer_read_only,
        "Signal a `buffer-read-only' error if the current buffer is read-only.",
    ),
    SubrDef::new("erase-buffer", 0, 0, f_erase_buffer, "Delete the entire contents of the current buffer."),
    SubrDef::new("set-buffer-multibyte", 1, 1, multibyte::f_set_buffer_multibyte, "Set the multibyte flag of the current buffer to FLAG."),
    SubrDef::new(
        "kill-all-local-variables",
        0,
        1,
        f_kill_all_local_variables,
        "Switch to Fundamental mode by killing current buffer's local variables.",
    ),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    for (name, v) in [
        ("kill-buffer-hook", Value::NIL),
        ("kill-buffer-query-functions", Value::NIL),
        ("buffer-list-update-hook", Value::NIL),
        ("before-change-functions", Value::NIL),
        ("after-change-functions", Value::NIL),
        ("first-change-hook", Value::NIL),
        ("inhibit-modification-hooks", Value::NIL),
        ("inhibit-read-only", Value::NIL),
        ("change-major-mode-hook", Value::NIL),
        ("transient-mark-mode", Value::NIL),
        ("mark-even-if-inactive", Value::T),
        ("initial-major-mode", intern("lisp-interaction-mode")),
        ("kill-buffer-delete-auto-save-files", Value::NIL),
        ("delete-auto-save-files", Value::T),
        ("undo-auto--last-boundary-cause", Value::NIL),
    ] {
        defvar_lisp(name, v);
    }
    // Creates the buffer state (*scratch* & co.) now that symbols exist.
    let _ = buffer::state();
    locals_subrs::init();
}
