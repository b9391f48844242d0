//! fileio.c's `insert-file-contents` and `write-region`, for the coding
//! systems of `coding` (UTF-8, raw-text, no-conversion, and detection of
//! ASCII/UTF-8 text with its line ends).
//!
//! `insert-file-contents` does VISIT (the buffer's file name, unmodified
//! state and `buffer-saved-size`; a missing file is visited before the
//! error), BEG and END byte offsets, and REPLACE (only the part that
//! differs from the buffer is replaced, and point keeps its place, as
//! `restore_window_points` does); it sets `last-coding-system-used`, and
//! calls `format-decode` when defined and the functions of
//! `after-insert-file-functions`.  `write-region` writes a region, the
//! whole buffer or a string, appending or at an offset, honoring
//! MUSTBENEW, VISIT (t or another file name) and
//! `write-region-annotate-functions` /
//! `write-region-post-annotation-function`, choosing the coding system as
//! `choose_write_coding_system` does.
//!
//! Not done: `set-auto-coding-function` and `file-coding-system-alist`
//! (Enoki has neither `set-auto-coding` nor `find-operation-coding-system`,
//! so a file's `coding:` cookie and name do not choose its coding system),
//! `select-safe-coding-system-function`, `after-insert-file-set-coding`
//! (which sets `buffer-file-coding-system` in Emacs) when undefined, file
//! formats (`buffer-file-format`), file locking and visited-file modtimes.

use super::coding::{coding_arg, decode, encode, Coding, Eol, Kind};
use super::ops::write_all;
use super::{c_name, call_handler, errno, expand_file_name, handler_for, report_file_errno, report_file_error, var};
use crate::builtins::prelude::*;
use crate::runtime::buffer::{self, current, current_buffer};
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to};

/// `file_offset`: a file position argument (a nonnegative integer or
/// integral float), else `(wrong-type-argument file-offset V)`.
fn file_offset(v: Value) -> LResult<i64> {
    if let Some(n) = v.as_fixnum() {
        if n >= 0 {
            return Ok(n);
        }
    } else if v.is_float() {
        let d = v.float_value();
        if (0.0..9.223372036854776e18).contains(&d) && d.fract() == 0.0 {
            return Ok(d as i64);
        }
    }
    Err(wrong_type(intern("file-offset"), v))
}

/// Emacs's READ_BUF_SIZE (MAX_ALLOCA): the size assumed for a file that
/// says it is empty, and the first guess for a pipe.
const READ_BUF_SIZE: i64 = 16 * 1024;

/// Closes a descriptor when dropped.
struct Fd(i32);

impl Drop for Fd {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(self.0) };
    }
}

/// Reads from FD at BEG up to LIMIT bytes (to the end when None).
fn read_range(fd: i32, beg: i64, limit: Option<i64>, file: Value) -> LResult<Vec<u8>> {
    // SAFETY: FD is open.
    if beg != 0 && unsafe { libc::lseek(fd, beg, libc::SEEK_SET) } < 0 {
        return Err(report_file_error("Setting file position", file));
    }
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let want = match limit {
            Some(l) if (out.len() as i64) >= l => break,
            Some(l) => buf.len().min((l - out.len() as i64) as usize),
            None => buf.len(),
        };
        // SAFETY: BUF is writable for WANT bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), want) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return Err(report_file_error("Read error", file));
        }
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
    Ok(out)
}

/// The coding system `insert-file-contents` reads with:
/// `coding-system-for-read`, else detection; raw-text in a unibyte buffer.
fn read_coding() -> LResult<Coding> {
    let v = var("coding-system-for-read");
    let c = if v.is_nil() { Coding::new("undecided", Kind::Detect, Eol::Undecided) } else { coding_arg(v)? };
    Ok(if current().multibyte() { c } else { c.raw_text() })
}

/// Sets the buffer-local variable NAME in the current buffer.
fn set_local(name: &str, v: Value) -> LResult<()> {
    set_variable(intern(name), v)
}

fn f_insert_file_contents(a: &[Value]) -> LResult {
    let (filename, visit, beg, end, replace) = (a[0], a[1], a[2], a[3], a[4]);
    if !var("buffer-read-only").is_nil() {
        crate::runtime::buffer::edit::barf_if_read_only(current().pt)?;
    }
    expect_string(filename)?;
    let filename = expand_file_name(filename, Value::NIL)?;
    let empty_undo = !visit.is_nil() && var("buffer-undo-list").is_nil() && current().z() == 1;
    if let Some(h) = handler_for(filename, "insert-file-contents")? {
        let val = call_handler(h, "insert-file-contents", &[filename, visit, beg, end, replace])?;
        let b = current();
        let count = if val.is_cons() && val.cdr().is_cons() { val.cdr().car().as_fixnum() } else { None };
        let inserted = count.filter(|&n| n >= 0 && n <= (b.zv - b.pt) as i64).unwrap_or(0) as usize;
        finish_visit(visit, false, filename, true, empty_undo)?;
        after_insert(inserted, visit, replace)?;
        return Ok(val);
    }
    if !visit.is_nil() {
        if !beg.is_nil() || !end.is_nil() {
            return Err(error("Attempt to visit less than an entire file"));
        }
        if current().z() > 1 && replace.is_nil() {
            return Err(error("Cannot do file visiting in a non-empty buffer"));
        }
    }
    let beg_offset = if beg.is_nil() { 0 } else { file_offset(beg)? };
    let end_offset = if end.is_nil() { None } else { Some(file_offset(end)?) };
    let path = c_name(filename);
    // SAFETY: PATH is NUL-terminated.
    let raw = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if raw < 0 {
        let err = errno();
        if visit.is_nil() {
            return Err(report_file_errno("Opening input file", filename, err));
        }
        visit_missing(filename, visit, replace, empty_undo)?;
        return Err(report_file_errno("Opening input file", filename, err));
    }
    let fd = Fd(raw);
    // SAFETY: zeroed is a valid stat; FD is open.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd.0, &mut st) } != 0 {
        return Err(report_file_error("Input file status", filename));
    }
    let kind = st.st_mode & libc::S_IFMT;
    let regular = kind == libc::S_IFREG || kind == libc::S_IFDIR;
    let mut replace = replace;
    let mut erase_first = false;
    if !regular {
        if !replace.is_nil() {
            if replace != intern("if-regular") {
                return Err(signal_list(sym::FILE_ERROR, &[make_string("not a regular file"), filename]));
            }
            replace = Value::NIL;
            erase_first = true;
        }
        if !beg.is_nil() {
            let msg = make_string("cannot use a start position in a non-seekable file/device");
            return Err(signal_list(sym::FILE_ERROR, &[msg, filename]));
        }
    }
    let coding = read_coding()?;
    // SAFETY: FD is open.
    let seekable = regular || unsafe { libc::lseek(fd.0, 0, libc::SEEK_CUR) } != -1;
    let replacing = !replace.is_nil() && current().begv < current().zv;
    // REPLACE reads the file from BEG to its end, whatever END says: Emacs
    // takes its optimized path (which honors END) only when the coding
    // context's uninitialized `dst_multibyte` happens to be zero.
    let limit = if replacing { None } else { end_offset.map(|e| e - beg_offset) };
    let (inserted, coding_used) = if replacing {
        let bytes = read_range(fd.0, beg_offset, limit, filename)?;
        drop(fd);
        let decoded = decode(&bytes, coding, current().multibyte(), filename)?;
        (replace_contents(&decoded)?, decoded.coding)
    } else {
        let end_or_size = end_offset.unwrap_or(if !regular {
            i64::MAX
        } else if st.st_size == 0 {
            READ_BUF_SIZE
        } else {
            st.st_size
        });
        let total = if seekable || end_offset.is_some() { end_or_size.saturating_sub(beg_offset) } else { READ_BUF_SIZE };
        let old_deactivate = var("deactivate-mark");
        if visit.is_nil() && total > 0 {
            let pt = current().pt;
            crate::runtime::buffer::edit::prepare_to_modify(pt, pt)?;
        }
        if erase_first {
            let b = current();
            crate::runtime::buffer::edit::del_range(b.begv, b.zv, true, false)?;
        }
        if !regular && seekable && end_offset.is_none() {
            return Err(error("Maximum buffer size exceeded"));
        }
        let bytes = if limit.is_some_and(|l| l <= 0) { Vec::new() } else { read_range(fd.0, beg_offset, limit, filename)? };
        drop(fd);
        if !visit.is_nil() && replace.is_nil() && matches!(coding.kind, Kind::RawText | Kind::NoConversion) && current().multibyte() {
            funcall(intern("set-buffer-multibyte"), &[Value::NIL])?;
        }
        let decoded = decode(&bytes, coding, current().multibyte(), filename)?;
        let n = insert_decoded(&decoded)?;
        set_variable(intern("deactivate-mark"), if n == 0 { old_deactivate } else { Value::T })?;
        if n > 0 && total > 0 && (visit.is_nil() || !replace.is_nil()) {
            crate::runtime::buffer::edit::signal_after_change(current().pt, 0, n)?;
        }
        (n, decoded.coding)
    };
    finish_visit(visit, true, filename, regular, empty_undo)?;
    set_variable(intern("last-coding-system-used"), coding_used.symbol())?;
    let inserted = after_insert(inserted, visit, replace)?;
    Ok(list2(filename, Value::fixnum(inserted as i64)))
}

/// Visiting a file that cannot be opened: the coding system is decided
/// and the visit completed, before the caller signals.
fn visit_missing(filename: Value, visit: Value, replace: Value, empty_undo: bool) -> LResult<()> {
    let cs = var("coding-system-for-read");
    if !cs.is_nil() {
        coding_arg(cs)?;
        set_local("buffer-file-coding-system", cs)?;
    }
    let coding = read_coding()?;
    if replace.is_nil() && matches!(coding.kind, Kind::RawText | Kind::NoConversion) && current().multibyte() {
        funcall(intern("set-buffer-multibyte"), &[Value::NIL])?;
    }
    finish_visit(visit, true, filename, true, empty_undo)?;
    set_variable(intern("last-coding-system-used"), coding.symbol())?;
    after_insert(0, visit, replace)?;
    Ok(())
}

/// Inserts DECODED at point, leaving point before it, without running
/// the change hooks (the caller runs them as Emacs does).
fn insert_decoded(decoded: &super::coding::Decoded) -> LResult<usize> {
    if decoded.nchars == 0 {
        return Ok(0);
    }
    let opoint = current().pt;
    let depth = specpdl_depth();
    let r = (|| {
        specbind(intern("inhibit-modification-hooks"), Value::T)?;
        crate::runtime::buffer::edit::insert_bytes(&decoded.bytes, decoded.nchars, false)
    })();
    unbind_to(depth);
    r?;
    let b = current();
    b.pt = opoint.clamp(b.begv, b.zv);
    Ok(decoded.nchars)
}

/// Whether byte B starts a character of multibyte text (`CHAR_HEAD_P`).
fn char_head(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// REPLACE: replaces the accessible text with DECODED, keeping the parts
/// at either end that are already the same; returns the characters
/// inserted.  Point keeps its place, scaled within the replaced part.
fn replace_contents(decoded: &super::coding::Decoded) -> LResult<usize> {
    let b = current();
    let (begv, zv, oldpt) = (b.begv, b.zv, b.pt);
    let bb = b.pos_to_byte(begv);
    let mut text = Vec::new();
    b.text.copy_bytes(begv - 1, zv - 1, &mut text);
    let new = &decoded.bytes;
    let mb = b.multibyte();
    let mut start = 0;
    while start < new.len() && start < text.len() && text[start] == new[start] {
        start += 1;
    }
    if start == new.len() {
        if start < text.len() {
            let from = b.byte_to_pos(bb + start);
            let depth = specpdl_depth();
            specbind(intern("buffer-file-name"), Value::NIL)?;
            let r = crate::runtime::buffer::edit::del_range(from, zv, true, false);
            unbind_to(depth);
            r?;
        }
        return Ok(0);
    }
    // Past the end counts as a character head (Emacs reads the byte
    // after the text there).
    let head = |i: usize| text.get(i).is_none_or(|&b| char_head(b));
    if mb {
        while start > 0 && !head(start) {
            start -= 1;
        }
    }
    let (mut end_text, mut end_new) = (text.len(), new.len());
    while end_new > 0 && end_text > start && text[end_text - 1] == new[end_new - 1] {
        end_text -= 1;
        end_new -= 1;
    }
    if mb {
        while end_text < text.len() && !head(end_text) {
            end_text += 1;
            end_new += 1;
        }
    }
    let overlap = start as i64 - (end_text as i64 + new.len() as i64 - text.len() as i64);
    if overlap > 0 {
        end_text += overlap as usize;
        end_new += overlap as usize;
    }
    let from = b.byte_to_pos(bb + start);
    let to = b.byte_to_pos(bb + end_text);
    let middle = &new[start..end_new.max(start)];
    let nchars = if mb { count_chars(middle) } else { middle.len() };
    let depth = specpdl_depth();
    let r = (|| {
        specbind(intern("buffer-file-name"), Value::NIL)?;
        crate::runtime::buffer::edit::del_range(from, to, true, false)?;
        current().pt = from;
        crate::runtime::buffer::edit::insert_bytes(middle, nchars, false)
    })();
    unbind_to(depth);
    r?;
    set_variable(intern("deactivate-mark"), Value::T)?;
    let newpt = point_after_replace(oldpt, from, to, nchars);
    let b = current();
    b.pt = newpt.clamp(b.begv, b.zv);
    Ok(nchars)
}

/// Where point at OLDPT ends up when FROM..TO became NEW chars: a point
/// marker's move, then `restore_window_points`' proportional placement
/// inside the replaced part.
fn point_after_replace(oldpt: usize, from: usize, to: usize, new: usize) -> usize {
    if oldpt > from && oldpt <= to && new > 0 {
        let growth = new as f64 / (to - from) as f64;
        return from + (growth * (oldpt - from) as f64) as usize;
    }
    if oldpt <= from {
        oldpt
    } else if oldpt >= to {
        oldpt - (to - from) + new
    } else {
        from
    }
}

/// What a visit records once the text is in: the buffer's file name
/// (unless a handler did the work), an unmodified state and
/// `buffer-saved-size`; a non-regular file is then an error.
fn finish_visit(visit: Value, own: bool, filename: Value, regular: bool, empty_undo: bool) -> LResult<()> {
    if visit.is_nil() {
        return Ok(());
    }
    if empty_undo {
        set_local("buffer-undo-list", Value::NIL)?;
    }
    if own {
        set_local("buffer-file-name", filename)?;
    }
    let b = current();
    b.save_modiff = b.modiff;
    b.autosave_modiff = b.modiff;
    let size = b.z() as i64 - 1;
    set_local("buffer-saved-size", Value::fixnum(size))?;
    if !regular {
        return Err(signal_list(sym::FILE_ERROR, &[make_string("not a regular file"), filename]));
    }
    Ok(())
}

/// Checks a hook's answer: a count of characters that fits after point.
fn inserted_chars(v: Value) -> LResult<usize> {
    let b = current();
    match v.as_fixnum() {
        Some(n) if n >= 0 && n <= (b.zv - b.pt) as i64 => Ok(n as usize),
        _ => Err(wrong_type(intern("inserted-chars"), v)),
    }
}

/// The calls after inserting: `after-insert-file-set-coding` and
/// `format-decode` when defined, then `after-insert-file-functions`, with
/// modification hooks inhibited and no undo recorded for them.
fn after_insert(mut inserted: usize, visit: Value, replace: Value) -> LResult<usize> {
    let set_coding = intern("after-insert-file-set-coding");
    if !set_coding.sym().function.is_nil() {
        let v = funcall(set_coding, &[Value::fixnum(inserted as i64), visit])?;
        if !v.is_nil() {
            inserted = inserted_chars(v)?;
        }
    }
    let hooks = var("after-insert-file-functions");
    let format_decode = intern("format-decode");
    let has_format = !format_decode.sym().function.is_nil();
    if inserted == 0 || (!has_format && hooks.is_nil()) {
        return Ok(inserted);
    }
    let depth = specpdl_depth();
    let old_undo = var("buffer-undo-list");
    let r = (|| {
        specbind(intern("inhibit-point-motion-hooks"), Value::T)?;
        specbind(intern("inhibit-modification-hooks"), Value::T)?;
        set_local("buffer-undo-list", Value::T)?;
        if has_format {
            inserted = call_after_insert(format_decode, &[Value::NIL], inserted, visit, replace)?;
        }
        let funcs = crate::runtime::heap::RootedVec::from_list(hooks);
        for f in funcs.iter() {
            inserted = call_after_insert(*f, &[], inserted, Value::NIL, replace)?;
        }
        Ok(inserted)
    })();
    let _ = set_local("buffer-undo-list", old_undo);
    unbind_to(depth);
    r
}

/// Calls one after-insert function F (format-decode gets (nil N VISIT),
/// a hook function (N)), as Finsert_file_contents does with and without
/// REPLACE.
fn call_after_insert(f: Value, prefix: &[Value], inserted: usize, visit: Value, replace: Value) -> LResult<usize> {
    let is_format = !prefix.is_empty();
    let args = |n: usize| {
        let mut v = prefix.to_vec();
        v.push(Value::fixnum(n as i64));
        if is_format {
            v.push(visit);
        }
        v
    };
    if replace.is_nil() {
        let v = funcall(f, &args(inserted))?;
        if v.is_nil() && !is_format {
            return Ok(inserted);
        }
        return inserted_chars(v);
    }
    let b = current();
    let (opoint, oinserted, ochars) = (b.pt, b.zv - b.begv, b.chars_modiff);
    b.pt = b.begv;
    let v = funcall(f, &args(oinserted))?;
    if v.is_nil() && !is_format {
        return Ok(inserted);
    }
    let n = inserted_chars(v)?;
    let b = current();
    if ochars == b.chars_modiff {
        b.pt = opoint.clamp(b.begv, b.zv);
        Ok(inserted)
    } else {
        Ok(n)
    }
}

/// `choose_write_coding_system` for the current buffer (without
/// `file-coding-system-alist` and `select-safe-coding-system-function`).
fn write_coding() -> LResult<Coding> {
    let csw = var("coding-system-for-write");
    if !csw.is_nil() {
        return Ok(coding_arg(csw)?.inherit_eol(None));
    }
    let bfcs = intern("buffer-file-coding-system");
    let local = !funcall(intern("local-variable-p"), &[bfcs, Value::NIL])?.is_nil();
    let mut force_raw = false;
    let mut using_default = false;
    let mut val = var("buffer-file-coding-system");
    if val.is_nil() || !local {
        val = Value::NIL;
        force_raw = !current().multibyte();
    }
    if val.is_nil() {
        val = var("buffer-file-coding-system");
        using_default = true;
    }
    let parsed = Coding::from_symbol(val);
    if !val.is_nil() && !force_raw {
        let c = parsed.ok_or_else(|| super::coding::unsupported(val))?;
        force_raw = matches!(c.kind, Kind::RawText | Kind::NoConversion);
    }
    let mut c = if force_raw {
        match parsed {
            Some(c) => c.raw_text(),
            None if val.is_nil() => Coding::new("no-conversion", Kind::NoConversion, Eol::Unix),
            None => Coding::new("raw-text", Kind::RawText, super::coding::eol_of_name(val)),
        }
    } else {
        parsed.ok_or_else(|| super::coding::unsupported(val))?
    };
    if !using_default {
        let dflt = crate::runtime::specpdl::default_value(bfcs);
        c = c.inherit_eol(Coding::from_symbol(dflt).or(Some(Coding::new("raw-text", Kind::RawText, super::coding::eol_of_name(dflt)))));
    }
    if c.kind == Kind::Detect {
        return Err(super::coding::unsupported(c.symbol()));
    }
    Ok(c.inherit_eol(None))
}

/// The bytes `write-region` writes for string TEXT to FILENAME (used by
/// `make-temp-file-internal`); sets `last-coding-system-used`.
pub fn encode_string_for_write(text: Value, _filename: Value) -> LResult<Vec<u8>> {
    let coding = write_coding()?;
    set_variable(intern("last-coding-system-used"), coding.symbol())?;
    let s = text.string_ref();
    Ok(encode(&s.data, s.multibyte, coding))
}

/// `build_annotations`: the annotations of `write-region-annotate-functions`
/// merged in position order; BUFFERS collects the buffers the functions
/// made current, and the region is reset to the last one's when they did.
fn build_annotations(start: Value, end: Value, buffers: &mut Value) -> LResult<(Value, Value, Value)> {
    let mut annotations = Value::NIL;
    let (mut start, mut end) = (start, end);
    let mut funcs = var("write-region-annotate-functions");
    let mut used_global = false;
    while funcs.is_cons() {
        let f = funcs.car();
        if f == Value::T && !used_global {
            used_global = true;
            let global = crate::runtime::specpdl::default_value(intern("write-region-annotate-functions"));
            let global = if global == Value::UNBOUND { Value::NIL } else { global };
            funcs = funcall(intern("append"), &[global, funcs.cdr()])?;
            continue;
        }
        let given = current_buffer();
        set_variable(intern("write-region-annotations-so-far"), annotations)?;
        let res = funcall(f, &[start, end])?;
        if current_buffer() != given {
            *buffers = cons(current_buffer(), *buffers);
            let b = current();
            start = Value::fixnum(b.begv as i64);
            end = Value::fixnum(b.zv as i64);
            annotations = Value::NIL;
        }
        funcall(intern("length"), &[res])?;
        annotations = merge_annotations(annotations, res)?;
        funcs = funcs.cdr();
    }
    Ok((annotations, start, end))
}

/// fns.c `merge` of two lists with `car-less-than-car` (stable: on a tie
/// the element of A comes first).
fn merge_annotations(a: Value, b: Value) -> LResult {
    let (x, y) = (RootedVec::from_list(a), RootedVec::from_list(b));
    let mut out = RootedVec::new();
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if less_than_car(y[j], x[i])? {
            out.push(y[j]);
            j += 1;
        } else {
            out.push(x[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&x[i..]);
    out.extend_from_slice(&y[j..]);
    Ok(list(&out))
}

fn less_than_car(a: Value, b: Value) -> LResult<bool> {
    Ok(!f_car_less_than_car(&[a, b])?.is_nil())
}

fn f_car_less_than_car(a: &[Value]) -> LResult {
    let car = |v: Value| if v.is_cons() || v.is_nil() { Ok(v.car_safe()) } else { Err(wrong_type(sym::LISTP, v)) };
    funcall(intern("<"), &[car(a[0])?, car(a[1])?])
}

/// The text to write: chars FROM..TO of the current buffer or a string,
/// with the annotations that fall in the range spliced in (`a_write`).
fn text_with_annotations(string: Option<Value>, from: usize, to: usize, annotations: Value, coding: Coding) -> Vec<u8> {
    let mut out = Vec::new();
    let chunk = |from: usize, to: usize, out: &mut Vec<u8>| {
        if to <= from {
            return;
        }
        match string {
            Some(s) => {
                let st = s.string_ref();
                let (bf, bt) = (st.byte_offset(from), st.byte_offset(to));
                out.extend(encode(&st.data[bf..bt], st.multibyte, coding));
            }
            None => {
                let b = current();
                let mut bytes = Vec::new();
                b.text.copy_bytes(from - 1, to - 1, &mut bytes);
                out.extend(encode(&bytes, b.multibyte(), coding));
            }
        }
    };
    let mut pos = from;
    let mut annot = annotations;
    while annot.is_cons() {
        let a = annot.car();
        let at = a.car_safe().as_fixnum().unwrap_or(pos as i64 - 1);
        if !(at >= pos as i64 && at <= to as i64) {
            break;
        }
        let at = at as usize;
        chunk(pos, at, &mut out);
        pos = at;
        let s = a.cdr_safe();
        if s.is_string() {
            let st = s.string_ref();
            out.extend(encode(&st.data, st.multibyte, coding));
        }
        annot = annot.cdr();
    }
    chunk(pos, to, &mut out);
    out
}

fn f_write_region(a: &[Value]) -> LResult {
    let (start, end, filename, append, visit, lockname, mustbenew) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    let visiting = visit == Value::T || visit.is_string();
    let region =
        if !start.is_nil() && !start.is_string() { Some(crate::builtins::buffer::args::validate_region(start, end)?) } else { None };
    let filename = expand_file_name(filename, Value::NIL)?;
    let excl = mustbenew == intern("excl");
    if !mustbenew.is_nil() && !excl {
        query_overwrite(filename)?;
    }
    let visit_file = if visit.is_string() { expand_file_name(visit, Value::NIL)? } else { filename };
    let lockname = if lockname.is_nil() { visit_file } else { lockname };
    let handler = match handler_for(filename, "write-region")? {
        Some(h) => Some(h),
        None if visit.is_string() => handler_for(visit, "write-region")?,
        None => None,
    };
    if let Some(h) = handler {
        let val = call_handler(h, "write-region", &[start, end, filename, append, visit, lockname, mustbenew])?;
        if visiting {
            mark_saved(visit_file)?;
        }
        return Ok(val);
    }
    // `Vwrite_region_annotation_buffers`, on the stack (a GC root).
    let mut buffers = list1(current_buffer());
    let r = crate::runtime::buffer::save::save_restriction(|| {
        crate::builtins::editfns::restrict::remove_in_current_buffer();
        if start.is_nil() {
            crate::builtins::editfns::restrict::widen()?;
        }
        write_region_body(start, region, filename, append, excl, &mut buffers)
    });
    let post = run_post_annotation(buffers);
    r?;
    post?;
    if visiting {
        mark_saved(visit_file)?;
    }
    Ok(Value::NIL)
}

/// The writing part of `write_region`, inside its `save-restriction`.
fn write_region_body(
    start: Value,
    region: Option<(usize, usize)>,
    filename: Value,
    append: Value,
    excl: bool,
    buffers: &mut Value,
) -> LResult<()> {
    let given = current_buffer();
    let mut annotations = Value::NIL;
    let mut range = region;
    if !start.is_string() {
        let (s, e) = region.map_or((Value::NIL, Value::NIL), |(s, e)| (Value::fixnum(s as i64), Value::fixnum(e as i64)));
        let (an, s2, e2) = build_annotations(s, e, buffers)?;
        annotations = an;
        if current_buffer() != given {
            range = Some((s2.as_fixnum().unwrap_or(1) as usize, e2.as_fixnum().unwrap_or(1) as usize));
        }
    }
    let coding = write_coding()?;
    set_variable(intern("last-coding-system-used"), coding.symbol())?;
    let data = if start.is_string() {
        text_with_annotations(Some(start), 0, start.string_ref().nchars, annotations, coding)
    } else {
        let b = current();
        let (from, to) = range.unwrap_or((b.begv, b.zv));
        let (from, to) = (from.clamp(1, b.z()), to.clamp(1, b.z()));
        text_with_annotations(None, from, to.max(from), annotations, coding)
    };
    let mut flags = libc::O_WRONLY | libc::O_CREAT | libc::O_CLOEXEC;
    flags |= if excl {
        libc::O_EXCL
    } else if !append.is_nil() {
        0
    } else {
        libc::O_TRUNC
    };
    let offset = if append.is_number() { Some(file_offset(append)?) } else { None };
    if offset.is_none() && !append.is_nil() {
        flags |= libc::O_APPEND;
    }
    let path = c_name(filename);
    // SAFETY: PATH is NUL-terminated.
    let raw = unsafe { libc::open(path.as_ptr(), flags, 0o666 as libc::c_uint) };
    if raw < 0 {
        return Err(report_file_error("Opening output file", filename));
    }
    let fd = Fd(raw);
    if let Some(off) = offset {
        // SAFETY: FD is open.
        if unsafe { libc::lseek(fd.0, off, libc::SEEK_SET) } < 0 {
            return Err(report_file_error("Lseek error", filename));
        }
    }
    let mut result = write_all(fd.0, &data);
    if result.is_ok() && var("write-region-inhibit-fsync").is_nil() {
        // SAFETY: FD is open.
        while unsafe { libc::fsync(fd.0) } != 0 {
            let e = errno();
            if e != libc::EINTR {
                if e != libc::EINVAL {
                    result = Err(e);
                }
                break;
            }
        }
    }
    let fdn = fd.0;
    std::mem::forget(fd);
    // SAFETY: FDN is ours and closed once.
    if unsafe { libc::close(fdn) } < 0 && result.is_ok() {
        result = Err(errno());
    }
    result.map_err(|e| report_file_errno("Write error", filename, e))
}

/// MUSTBENEW other than `excl`: asks before overwriting an existing file.
fn query_overwrite(filename: Value) -> LResult<()> {
    if let Ok(st) = super::stat_path(&c_name(filename), true) {
        if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
            return Err(signal_list(sym::FILE_ERROR, &[make_string("File is a directory"), filename]));
        }
        let prompt = funcall(intern("format"), &[make_string("File %s already exists; %s anyway? "), filename, make_string("overwrite")])?;
        if funcall(intern("y-or-n-p"), &[prompt])?.is_nil() {
            return Err(signal_list(intern("file-already-exists"), &[make_string("File already exists"), filename]));
        }
    }
    Ok(())
}

/// Calls `write-region-post-annotation-function` in each buffer that was
/// current while annotating (BUFFERS).
fn run_post_annotation(buffers: Value) -> LResult<()> {
    crate::runtime::buffer::save::save_current_buffer(|| {
        let mut l = buffers;
        while l.is_cons() {
            let buf = l.car();
            l = l.cdr();
            if buffer::as_buffer(buf).is_some_and(|b| b.live()) {
                buffer::set_buffer(buf);
                let f = var("write-region-post-annotation-function");
                if !f.is_nil() && !funcall(intern("functionp"), &[f])?.is_nil() {
                    funcall(f, &[])?;
                }
            }
        }
        Ok(())
    })
}

/// What a visiting `write-region` records: the buffer is unmodified and
/// visits FILE.
fn mark_saved(file: Value) -> LResult<()> {
    let b = current();
    b.save_modiff = b.modiff;
    let size = b.z() as i64 - 1;
    set_local("buffer-saved-size", Value::fixnum(size))?;
    set_local("buffer-file-name", file)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("insert-file-contents", 1, 5, f_insert_file_contents, "Insert contents of file FILENAME after point."),
    SubrDef::new("write-region", 3, 7, f_write_region, "Write current region into specified file."),
    SubrDef::new("car-less-than-car", 2, 2, f_car_less_than_car, "Return t if (car A) is numerically less than (car B)."),
];
