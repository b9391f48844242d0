//! Buffers and markers as output streams of the print functions: print.c's
//! `print_prepare` and `print_finish` for a PRINTCHARFUN that is a buffer
//! or a marker.
//!
//! The stream's buffer becomes current while printing (the buffer that was
//! current is current again afterwards, on every exit); a marker stream
//! first moves point to the marker.  The text goes into a print buffer and
//! is inserted at point when printing ends, without text properties and
//! with the change hooks run once; a marker then moves to the end of the
//! text, and point, if it was at or after the marker, moves by the length
//! inserted.  As print_prepare does, printing into a multibyte buffer binds
//! `print-escape-nonascii` to t and into a unibyte one
//! `print-escape-multibyte`.  Errors: "Selecting deleted buffer" for a
//! killed buffer, "Marker does not point anywhere", and "Marker is outside
//! the accessible part of the buffer" (with the marker) for a marker
//! outside the narrowing.

use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{convert_for_buffer, insert_bytes, signal_after_change};
use crate::runtime::buffer::markers::as_marker;
use crate::runtime::buffer::{as_buffer, current, current_buffer, set_buffer};
use crate::runtime::printer::{printbuf, Out};
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to, value_cell};

/// Whether V is a buffer or a marker (a stream this module handles).
pub fn is_buffer_stream(v: Value) -> bool {
    as_buffer(v).is_some() || as_marker(v).is_some()
}

fn live(b: Value) -> bool {
    as_buffer(b).is_some_and(|b| b.live())
}

/// Emacs's signal_error: (error STRING . ARG), ARG made a list if it isn't one.
pub fn signal_error(msg: &str, arg: Value) -> Flow {
    let mut l = arg;
    let mut n = 0usize;
    while l.is_cons() && n < 1 << 26 {
        l = l.cdr();
        n += 1;
    }
    let data = if l.is_nil() && n < 1 << 26 { arg } else { list1(arg) };
    signal(sym::ERROR, cons(make_string(msg), data))
}

/// Prints to the buffer or marker STREAM: F writes the text (it is given
/// the buffer's state after print_prepare), which is then inserted.
pub fn with_buffer_stream<T>(stream: Value, f: impl FnOnce(&mut Out) -> LResult<T>) -> LResult<T> {
    let old = current_buffer();
    let count = specpdl_depth();
    let r = print_to_buffer(stream, f);
    unbind_to(count);
    if live(old) {
        set_buffer(old);
    }
    std::hint::black_box((old, stream));
    r
}

fn truthy(s: Value) -> bool {
    let v = value_cell(s);
    !(v.is_nil() || v == Value::UNBOUND)
}

/// print_prepare for a buffer or marker: makes its buffer current and, for
/// a marker, moves point there.  Returns (old point, marker position).
fn prepare(stream: Value) -> LResult<Option<(usize, usize)>> {
    if let Some(b) = as_buffer(stream) {
        if !b.live() {
            return Err(error("Selecting deleted buffer"));
        }
        set_buffer(stream);
        return Ok(None);
    }
    let Some(m) = as_marker(stream) else {
        return Ok(None);
    };
    let buffer = m.buffer();
    let Some(pos) = m.position().filter(|_| live(buffer)) else {
        return Err(error("Marker does not point anywhere"));
    };
    set_buffer(buffer);
    let b = current();
    if pos < b.begv || pos > b.zv {
        return Err(signal_error("Marker is outside the accessible part of the buffer", stream));
    }
    let old_point = b.pt;
    b.pt = pos;
    Ok(Some((old_point, pos)))
}

fn print_to_buffer<T>(stream: Value, f: impl FnOnce(&mut Out) -> LResult<T>) -> LResult<T> {
    let points = prepare(stream)?;
    if current().multibyte() {
        if !truthy(sym::PRINT_ESCAPE_NONASCII) {
            specbind(sym::PRINT_ESCAPE_NONASCII, Value::T)?;
        }
    } else if !truthy(sym::PRINT_ESCAPE_MULTIBYTE) {
        specbind(sym::PRINT_ESCAPE_MULTIBYTE, Value::T)?;
    }
    let mut text = StringBuilder::new();
    let value = printbuf::nested(&mut text, |t| -> LResult<T> {
        let v = f(&mut Out::Insert(t))?;
        insert_text(t)?;
        Ok(v)
    })?;
    finish_point(stream, points);
    Ok(value)
}

/// Inserts the print buffer's TEXT at point in the current buffer.
fn insert_text(text: &StringBuilder) -> LResult<()> {
    let b = current();
    if text.nchars == 0 {
        // insert_1_both does nothing, but print_finish signals the change.
        return signal_after_change(b.pt, 0, 0);
    }
    let s = LispString::new(text.data.clone(), text.nchars, text.multibyte);
    let bytes = convert_for_buffer(&s, 0, text.nchars, b.multibyte());
    insert_bytes(&bytes, text.nchars, false)
}

/// print_finish for a marker: the marker goes to point, and point back to
/// where it was, moved by the text inserted if it was at or after the
/// marker.
fn finish_point(stream: Value, points: Option<(usize, usize)>) {
    let Some((old_point, start)) = points else {
        return;
    };
    let buffer = current_buffer();
    let b = current();
    let pt = b.pt;
    if let Some(m) = as_marker(stream) {
        m.attach(stream, buffer, pt);
    }
    let moved = if old_point >= start { old_point as i64 + (pt as i64 - start as i64) } else { old_point as i64 };
    b.pt = (moved.max(b.begv as i64) as usize).min(b.zv);
}

/// `terpri`'s ENSURE for a buffer or marker stream, after print_prepare:
/// whether point is not at the beginning of a line (Fbolp).
pub fn needs_newline() -> bool {
    let b = current();
    !(b.pt == b.begv || b.char_at(b.pt - 1) == '\n' as u32)
}

#[cfg(test)]
mod tests {
    fn eval(src: &str) -> String {
        let mut e = crate::Engine::new();
        match e.eval_str(src) {
            Ok(v) => e.print(v),
            Err(err) => format!("ERR {}", e.print(err.data())),
        }
    }

    #[test]
    fn buffers_and_markers_receive_printed_text() {
        // Expectations from GNU Emacs 30.1.
        assert_eq!(
            eval("(with-temp-buffer (insert \"hello\") (goto-char 3) (prin1 'XY (current-buffer)) (list (buffer-string) (point)))"),
            "(\"heXYllo\" 5)"
        );
        assert_eq!(
            eval("(with-temp-buffer (insert \"abcdef\") (let ((m (copy-marker 3))) (goto-char 5) (prin1 'XY m) (list (buffer-string) (marker-position m) (point))))"),
            "(\"abXYcdef\" 5 7)"
        );
        assert_eq!(
            eval("(with-temp-buffer (set-buffer-multibyte nil) (prin1 \"é\" (current-buffer)) (buffer-string))"),
            "\"\\\"\\\\x00e9\\\"\""
        );
        assert_eq!(eval("(condition-case e (prin1 1 (make-marker)) (error e))"), "(error \"Marker does not point anywhere\")");
        assert_eq!(
            eval("(let ((b (generate-new-buffer \" ps\"))) (kill-buffer b) (condition-case e (terpri b) (error e)))"),
            "(error \"Selecting deleted buffer\")"
        );
        assert_eq!(
            eval("(with-temp-buffer (insert \"a\") (list (terpri (current-buffer) t) (terpri (current-buffer) t) (buffer-string)))"),
            "(t nil \"a\n\")"
        );
    }
}
