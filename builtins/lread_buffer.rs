//! Reading Lisp from buffers, as lread.c does it: `read` with a buffer
//! (from point, moving it) or a marker (moving the marker) as its stream,
//! and `eval-buffer` and `eval-region`, which feed `runtime::load`'s
//! `readevalloop` the forms of a buffer.  The reader works on strings, so a
//! buffer is read through a snapshot of its text from the reading position
//! to the end of the accessible region; the snapshot and its reader are
//! kept while the buffer is unchanged and reading goes on where it stopped,
//! so successive reads cost linear time in all.  Syntax errors carry the
//! buffer's line and column, as `invalid_syntax` reports them.

use crate::builtins::prelude::*;
use crate::runtime::buffer::markers::{as_marker, make_marker_at};
use crate::runtime::buffer::save::{save_current_buffer, save_excursion, save_restriction};
use crate::runtime::buffer::{as_buffer, current, current_buffer, locals, set_buffer, Buffer};
use crate::runtime::error::{pending, ExitKind, Handler};
use crate::runtime::load::{lexical_cookie_of, readevalloop, Cookie, FormSource};
use crate::runtime::reader::Reader;
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
use crate::runtime::subr::SubrFn;

/// A reader over a snapshot of a buffer's text from position `base`, valid
/// while the buffer's text and accessible region stay as they were.
struct Snapshot {
    buffer: Value,
    key: (i64, usize, usize, bool),
    base: usize,
    reader: Reader,
}

thread_local! {
    static CACHE: std::cell::RefCell<Option<Snapshot>> = const { std::cell::RefCell::new(None) };
    static ROOTS: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// Rooted slots for the cached snapshot: its buffer and its text.
fn roots() -> &'static mut Vec<Value> {
    if ROOTS.with(|r| r.get()).is_null() {
        let v: &'static mut Vec<Value> = Box::leak(Box::new(vec![Value::NIL; 2]));
        heap().rooted.push(v as *const Vec<Value>);
        ROOTS.with(|r| r.set(v as *mut Vec<Value>));
    }
    unsafe { &mut *ROOTS.with(|r| r.get()) }
}

fn key_of(b: &Buffer) -> (i64, usize, usize, bool) {
    (b.modiff, b.begv, b.zv, b.multibyte())
}

/// A reader positioned at POS of BUF (POS < ZV): the cached one if it
/// stopped there, else a new one over a fresh snapshot.
fn reader_at(buf: Value, b: &Buffer, pos: usize) -> Snapshot {
    if let Some(s) = CACHE.with(|c| c.borrow_mut().take()) {
        if s.buffer == buf && s.key == key_of(b) && s.base + s.reader.offset() == pos {
            return s;
        }
    }
    let text = b.substring(pos, b.zv);
    let r = roots();
    r[0] = buf;
    r[1] = text;
    Snapshot { buffer: buf, key: key_of(b), base: pos, reader: Reader::new(text) }
}

/// Reads the next form of BUF from POS: the form (None if only blanks
/// and comments remain) and the position reading stopped at, or the error
/// with the position where it happened.
fn read_buffer_at(buf: Value, pos: usize) -> (LResult<Option<Value>>, usize) {
    let Some(b) = as_buffer(buf).filter(|b| b.live()) else {
        return (Ok(None), pos);
    };
    if pos >= b.zv {
        return (Ok(None), pos);
    }
    let mut snap = reader_at(buf, b, pos);
    // Syntax errors are re-signalled with the buffer's line and column:
    // hold them back from `handler-bind` until then.
    let depth = rt().handlers.len();
    rt().handlers.push(Handler::CondCase(Value::T));
    let r = snap.reader.read_next();
    rt().handlers.truncate(depth);
    let end = snap.base + snap.reader.offset();
    if r.is_ok() {
        CACHE.with(|c| *c.borrow_mut() = Some(snap));
    }
    (r, end)
}

/// Re-signals the pending reader error; an `invalid-read-syntax` gets the
/// line and column of POS in BUF (only the message when WHERE is false).
fn resignal(flow: Flow, buf: Value, pos: usize, where_: bool) -> Flow {
    let p = pending();
    if p.kind != ExitKind::Signal {
        return flow;
    }
    if p.a != sym::INVALID_READ_SYNTAX || !p.b.is_cons() {
        return signal(p.a, p.b);
    }
    let msg = p.b.car();
    if !where_ {
        return signal(p.a, list1(msg));
    }
    let (line, col) = line_and_column(buf, pos);
    signal(p.a, list3(msg, Value::fixnum(line), Value::fixnum(col)))
}

/// The line (from 1, counted from the accessible start) and the column of
/// POS in BUF, as `invalid_syntax` computes them.
fn line_and_column(buf: Value, pos: usize) -> (i64, i64) {
    let Some(b) = as_buffer(buf) else { return (1, 0) };
    let lines = (b.begv..pos.min(b.zv)).filter(|&p| b.char_at(p) == '\n' as u32).count() as i64;
    let col = save_current_buffer(|| {
        set_buffer(buf);
        let b = current();
        let saved = b.pt;
        b.pt = pos.clamp(b.begv, b.zv);
        let col = crate::builtins::buffer::indent::current_column();
        current().pt = saved;
        Ok(col)
    })
    .unwrap_or(0);
    (lines + 1, col)
}

/// The `end-of-file` error, with the file being loaded if any.
fn end_of_file() -> Flow {
    let f = value_cell(intern("load-true-file-name"));
    signal(sym::END_OF_FILE, if f.is_string() { list1(f) } else { Value::NIL })
}

/// `read` from buffer BUF: from its point, which moves past the form.
pub fn read_from_buffer(buf: Value) -> LResult {
    let pos = as_buffer(buf).map_or(1, |b| b.pt);
    let (r, end) = read_buffer_at(buf, pos);
    if let Some(b) = as_buffer(buf).filter(|b| b.live()) {
        b.pt = end.clamp(b.begv, b.zv);
    }
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => {
            if let Some(b) = as_buffer(buf).filter(|b| b.live()) {
                b.pt = b.zv;
            }
            Err(end_of_file())
        }
        Err(flow) => Err(resignal(flow, buf, end, true)),
    }
}

/// `read` from MARKER: from its position in its buffer, moving the marker.
pub fn read_from_marker(marker: Value) -> LResult {
    let Some(m) = as_marker(marker) else { return Err(wrong_type(intern("markerp"), marker)) };
    let Some(pos) = m.position() else { return Err(error("Marker does not point anywhere")) };
    let buf = m.buffer();
    let (r, end) = read_buffer_at(buf, pos);
    let zv = as_buffer(buf).map_or(end, |b| b.zv);
    if let Some(m) = as_marker(marker) {
        let stop = if matches!(r, Ok(None)) { zv.max(pos) } else { end };
        m.attach(marker, buf, stop);
    }
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(end_of_file()),
        Err(flow) => Err(resignal(flow, buf, end, false)),
    }
}

/// Moves BUF's point past blanks and comments, as `readevalloop` does
/// before each form; false at the end of the accessible region.
fn skip_blanks(buf: Value) -> bool {
    let Some(b) = as_buffer(buf).filter(|b| b.live()) else { return false };
    while b.pt < b.zv {
        match b.char_at(b.pt) {
            0x3B => {
                while b.pt < b.zv && b.char_at(b.pt) != '\n' as u32 {
                    b.pt += 1;
                }
            }
            0x20 | 0x09 | 0x0A | 0x0C | 0x0D | 0xA0 => b.pt += 1,
            _ => return true,
        }
    }
    false
}

/// A subr's function, called directly as Emacs's C code calls it.
fn subr(table: &'static [SubrDef], name: &str) -> LResult<SubrFn> {
    table.iter().find(|s| s.name == name).map(|s| s.func).ok_or_else(|| error("Missing primitive"))
}

/// The forms of a buffer for `readevalloop`: read at the buffer's point
/// (`eval-buffer`), or, for `eval-region`, each from START with the buffer
/// current and narrowed to END, point and narrowing put back before the
/// form is evaluated.
struct BufferForms {
    buffer: Value,
    readfun: Value,
    start: Value,
    end: Value,
    done: bool,
}

impl BufferForms {
    /// Reads one form at the buffer's point, through READ-FUNCTION,
    /// `load-read-function` or the reader itself.
    fn read_one(&mut self) -> LResult<Option<Value>> {
        if !skip_blanks(self.buffer) {
            return Ok(None);
        }
        if !self.readfun.is_nil() {
            let v = funcall(self.readfun, &[self.buffer])?;
            if as_buffer(self.buffer).is_some_and(|b| b.pt == b.zv) {
                self.done = true;
            }
            return Ok(Some(v));
        }
        let lrf = value_cell(intern("load-read-function"));
        if !lrf.is_nil() && lrf != Value::UNBOUND {
            return funcall(lrf, &[self.buffer]).map(Some);
        }
        read_from_buffer(self.buffer).map(Some)
    }

    /// `eval-region`'s step: go to START, narrow to END, read one form.
    fn read_in_region(&mut self) -> LResult<Option<Value>> {
        let buffer = self.buffer;
        save_current_buffer(|| {
            set_buffer(buffer);
            save_excursion(|| {
                save_restriction(|| {
                    crate::builtins::editfns::buffer::goto_char(self.start)?;
                    if !self.end.is_nil() {
                        let narrow = subr(crate::builtins::editfns::buffer::SUBRS, "narrow-to-region")?;
                        narrow(&[Value::fixnum(current().begv as i64), self.end])?;
                        if self.end.as_fixnum().is_some() {
                            self.end = make_marker_at(buffer, current().zv, false);
                        }
                    }
                    let form = self.read_one()?;
                    if form.is_some() && !self.done {
                        self.start = make_marker_at(buffer, current().pt, false);
                    }
                    Ok(form)
                })
            })
        })
    }
}

impl FormSource for BufferForms {
    fn next_form(&mut self) -> LResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        if !as_buffer(self.buffer).is_some_and(|b| b.live()) {
            return Err(error("Reading from killed buffer"));
        }
        if self.start.is_nil() {
            self.read_one()
        } else {
            self.read_in_region()
        }
    }
}

/// `readevalloop` over BUFFER's forms: with PRINTFLAG each value goes on
/// `values` and is printed (`prin1` when `standard-output` is t, else `print`).
fn eval_buffer_forms(forms: &mut BufferForms, filename: Value, printflag: bool, unibyte: Value) -> LResult<()> {
    if !filename.is_nil() {
        expect_string(filename)?;
    }
    let prin1 = subr(crate::builtins::print::SUBRS, "prin1")?;
    let print = subr(crate::builtins::print::SUBRS, "print")?;
    let mut on_value = |v: Value| -> LResult<()> {
        if !printflag {
            return Ok(());
        }
        let values = intern("values");
        set_variable(values, cons(v, value_cell(values)))?;
        if value_cell(sym::STANDARD_OUTPUT).is_t() {
            prin1(&[v, Value::NIL, Value::NIL])?;
        } else {
            print(&[v, Value::NIL])?;
        }
        Ok(())
    };
    let readcharfun = forms.buffer;
    readevalloop(forms, Some(readcharfun), !unibyte.is_nil(), true, &mut on_value)
}

/// Characters of BUF from its accessible start (none if it was killed).
fn buffer_chars(buf: Value) -> impl Iterator<Item = u32> {
    let range = as_buffer(buf).filter(|b| b.live()).map_or(0..0, |b| b.begv..b.zv);
    range.map(move |p| as_buffer(buf).map_or(0, |b| b.char_at(p)))
}

/// `(eval-buffer &optional BUFFER PRINTFLAG FILENAME UNIBYTE DO-ALLOW-PRINT)`.
fn f_eval_buffer(a: &[Value]) -> LResult {
    let (buffer, printflag, filename, unibyte, allow_print) = (a[0], a[1], a[2], a[3], a[4]);
    let buf = if buffer.is_nil() { current_buffer() } else { crate::runtime::buffer::get_buffer(buffer)? };
    if buf.is_nil() {
        return Err(error("No such buffer"));
    }
    let stdout = if printflag.is_nil() && allow_print.is_nil() { intern("symbolp") } else { printflag };
    let filename = if filename.is_nil() { locals::local_value_in(buf, intern("buffer-file-name")) } else { filename };
    let filename = if filename == Value::UNBOUND { Value::NIL } else { filename };
    let depth = specpdl_depth();
    let r = (|| {
        let list = intern("eval-buffer-list");
        specbind(list, cons(buf, value_cell(list)))?;
        specbind(sym::STANDARD_OUTPUT, stdout)?;
        save_excursion(|| {
            let to_begv = || {
                if let Some(b) = as_buffer(buf).filter(|b| b.live()) {
                    b.pt = b.begv;
                }
            };
            to_begv();
            let inner = specpdl_depth();
            let r = (|| {
                specbind(sym::LEXICAL_BINDING, Value::bool(lexical_cookie_of(buffer_chars(buf)) == Cookie::Lex))?;
                to_begv();
                let mut forms = BufferForms { buffer: buf, readfun: Value::NIL, start: Value::NIL, end: Value::NIL, done: false };
                eval_buffer_forms(&mut forms, filename, !printflag.is_nil(), unibyte)
            })();
            unbind_to(inner);
            r
        })
    })();
    unbind_to(depth);
    r.map(|_| Value::NIL)
}

/// `(eval-region START END &optional PRINTFLAG READ-FUNCTION)`.
fn f_eval_region(a: &[Value]) -> LResult {
    let (start, end, printflag, read_function) = (a[0], a[1], a[2], a[3]);
    let cbuf = current_buffer();
    let stdout = if printflag.is_nil() { intern("symbolp") } else { printflag };
    let depth = specpdl_depth();
    let r = (|| {
        specbind(sym::STANDARD_OUTPUT, stdout)?;
        let list = intern("eval-buffer-list");
        specbind(list, cons(cbuf, value_cell(list)))?;
        let filename = locals::local_value_in(cbuf, intern("buffer-file-name"));
        let filename = if filename == Value::UNBOUND { Value::NIL } else { filename };
        let mut forms = BufferForms { buffer: cbuf, readfun: read_function, start, end, done: false };
        eval_buffer_forms(&mut forms, filename, !printflag.is_nil(), Value::NIL)
    })();
    unbind_to(depth);
    r.map(|_| Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("eval-buffer", 0, 5, f_eval_buffer, "Execute the accessible portion of current buffer as Lisp code."),
    SubrDef::new("eval-region", 2, 4, f_eval_region, "Execute the region as Lisp code."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("eval-buffer-list", Value::NIL);
    defvar_lisp("load-read-function", intern("read"));
    defvar_bool("load-convert-to-unibyte", Value::NIL);
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    fn eval_str(engine: &mut Engine, s: &str) -> String {
        match engine.eval_str(s) {
            Ok(v) => engine.print(v),
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn read_moves_point_past_each_form() {
        let mut e = Engine::new();
        // Expectations from GNU Emacs 30.1.
        let r = eval_str(
            &mut e,
            "(with-temp-buffer (insert \"(a b) c \\\"d\\\" ; x\\n 12\") (goto-char 1) \
             (list (read (current-buffer)) (point) (read (current-buffer)) (point) \
             (read (current-buffer)) (point) (read (current-buffer)) (point)))",
        );
        assert_eq!(r, "((a b) 6 c 8 \"d\" 12 12 20)");
        let r = eval_str(&mut e, "(with-temp-buffer (insert \"(a\\n  b . c d)\") (goto-char 1) (list (condition-case e (read (current-buffer)) (error e)) (point)))");
        assert_eq!(r, "((invalid-read-syntax \"expected )\" 2 9) 13)");
        let r = eval_str(&mut e, "(with-temp-buffer (insert \"foo (bar) baz\") (let ((m (copy-marker 4))) (list (read m) (marker-position m) (read m) (marker-position m) (point))))");
        assert_eq!(r, "((bar) 10 baz 14 14)");
    }

    #[test]
    fn eval_region_restores_point_and_narrowing() {
        let mut e = Engine::new();
        let r = eval_str(
            &mut e,
            "(with-temp-buffer (insert \"(setq lrb-p (list (point) (point-min) (point-max) (buffer-narrowed-p)))\") \
             (eval-region 1 (point-max)) lrb-p)",
        );
        assert_eq!(r, "(72 1 72 nil)");
        // A form that inserts text and moves back over it: the text is read next.
        let r = eval_str(
            &mut e,
            "(with-temp-buffer (insert \"(progn (insert \\\" (setq lrb-k 9)\\\") (backward-char 14))\") \
             (setq lrb-k nil) (eval-buffer) (list lrb-k (point)))",
        );
        assert_eq!(r, "(9 54)");
    }
}
