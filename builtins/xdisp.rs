//! The message log of GNU Emacs's xdisp.c: every `message` is appended to
//! the `*Messages*` buffer (`messages-buffer-name`) before it is shown,
//! repeated lines collapse into "LINE [N times]", a "...done" line replaces
//! the "..." line it completes, and the log keeps at most `message-log-max`
//! lines (no log when that is nil).  In batch mode the message itself then
//! goes to standard error unless `inhibit-message` is set (`message3`).
//!
//! Difference from Emacs: the log is written with modification hooks
//! inhibited throughout, where Emacs lets `before-change-functions` of the
//! `*Messages*` buffer see the insertion of the message text itself.
use crate::builtins::buffer::cmds::find_newline;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{convert_for_buffer, del_range, insert_bytes, with_buffer};
use crate::runtime::buffer::markers::{as_marker, make_marker_at};
use crate::runtime::buffer::{create_buffer, current, current_buffer, get_buffer_by_name};
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to, value_cell};

pub fn init() {
    defvar_lisp("message-log-max", Value::fixnum(1000));
    defvar_lisp("messages-buffer-name", make_string("*Messages*"));
}

/// `message3`: logs string M, then shows it (standard error in batch).
pub fn message3(m: Value) -> LResult<()> {
    if m.is_string() {
        message_dolog(m)?;
    }
    crate::builtins::editfns::message_to_stderr(Some(m).filter(|m| m.is_string()));
    Ok(())
}

/// `message_dolog` for a whole message line: appends M and a newline to the
/// message log, restoring that buffer's point and restriction.
pub fn message_dolog(m: Value) -> LResult<()> {
    let max = value_cell(intern("message-log-max"));
    if max.is_nil() || max == Value::UNBOUND {
        return Ok(());
    }
    let log = messages_buffer()?;
    with_buffer(log, || {
        crate::runtime::buffer::undo::set_undo_list(Value::T);
        let b = current();
        let (point_at_end, zv_at_end) = (b.pt == b.z(), b.zv == b.z());
        let buf = current_buffer();
        let saved = [b.pt, b.begv, b.zv].map(|p| make_marker_at(buf, p, false));
        let b = current();
        (b.begv, b.zv, b.pt) = (1, b.z(), b.z());
        let depth = specpdl_depth();
        specbind(intern("inhibit-modification-hooks"), Value::T)?;
        let done = insert_line(m, max);
        unbind_to(depth);
        done?;
        let pos = |v: Value| as_marker(v).and_then(|m| m.position()).unwrap_or(1);
        let b = current();
        b.begv = pos(saved[1]);
        b.zv = if zv_at_end { b.z() } else { pos(saved[2]) };
        b.pt = if point_at_end { b.z() } else { pos(saved[0]) };
        saved.iter().filter_map(|&m| as_marker(m)).for_each(|m| m.detach());
        Ok(())
    })
}

/// The log buffer, created (and put in `messages-buffer-mode` when that
/// is defined) if need be.
fn messages_buffer() -> LResult<Value> {
    let name_sym = intern("messages-buffer-name");
    let mut name = value_cell(name_sym);
    if !name.is_string() {
        name = make_string("*Messages*");
        crate::runtime::specpdl::set_variable(name_sym, name)?;
    }
    if let Some(b) = get_buffer_by_name(&name.string_ref().data) {
        return Ok(b);
    }
    let b = create_buffer(name, false);
    let mode = intern("messages-buffer-mode");
    if mode.sym().function.is_nil() {
        return Ok(b);
    }
    with_buffer(b, || crate::runtime::funcall(mode, &[]))?;
    Ok(b)
}

/// Appends M (without its properties) as a line at point, the end, then
/// folds duplicates and trims to MAX lines (when MAX is a natural number).
fn insert_line(m: Value, max: Value) -> LResult<()> {
    let st = m.string_ref();
    insert_bytes(&convert_for_buffer(st, 0, st.nchars, current().multibyte()), st.nchars, true)?;
    insert_bytes(b"\n", 1, true)?;
    let z = current().z();
    let (this_bol, _) = find_newline(z, 1, -2);
    if this_bol > 1 {
        let (prev_bol, _) = find_newline(this_bol, 1, -2);
        let dups = duplicate_count(prev_bol, this_bol);
        if dups > 0 {
            del_range(prev_bol, this_bol, false, false)?;
            if dups > 1 {
                let b = current();
                b.pt = b.z() - 1;
                let note = format!(" [{dups} times]");
                insert_before_markers(note.as_bytes())?;
            }
        }
    }
    if let Some(n) = max.as_fixnum().filter(|&n| n >= 0) {
        let z = current().z();
        let (keep_from, _) = find_newline(z, 1, -n - 1);
        del_range(1, keep_from, false, false)?;
    }
    Ok(())
}

fn insert_before_markers(bytes: &[u8]) -> LResult<()> {
    let chars: Vec<u32> = bytes.iter().map(|&b| b as u32).collect();
    crate::runtime::buffer::edit::insert_chars(&chars, true, true)
}

/// `message_log_check_duplicate`: how the line at THIS_BOL (the last one)
/// repeats the one at PREV_BOL: 0 not at all, 1 it completes a "..." line,
/// N+1 the previous line is it with " [N times]" (or N = 1 for an exact
/// repeat).
fn duplicate_count(prev_bol: usize, this_bol: usize) -> i64 {
    let b = current();
    let (mut p1, mut p2) = (Vec::new(), Vec::new());
    b.text.copy_bytes(prev_bol - 1, this_bol - 1, &mut p1);
    b.text.copy_bytes(this_bol - 1, b.z() - 1, &mut p2);
    let len = p2.len().saturating_sub(1);
    let mut seen_dots = false;
    for i in 0..len {
        if i >= 3 && p1.get(i - 3..i) == Some(b"...") {
            seen_dots = true;
        }
        if p1.get(i) != p2.get(i) {
            return seen_dots as i64;
        }
    }
    let rest = p1.get(len..).unwrap_or(&[]);
    if rest.first() == Some(&b'\n') {
        return 2;
    }
    let Some(digits) = rest.strip_prefix(b" [") else { return 0 };
    let end = digits.iter().position(|c| !c.is_ascii_digit()).unwrap_or(digits.len());
    let n: i64 = std::str::from_utf8(&digits[..end]).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    if n > 0 && n < i64::MAX && digits[end..].starts_with(b" times]\n") {
        n + 1
    } else {
        0
    }
}
