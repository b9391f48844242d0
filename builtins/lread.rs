//! Primitives of GNU Emacs's lread.c: `read`, `read-positioning-symbols`,
//! `read-from-string`, the obarray functions (`intern`, `intern-soft`,
//! `unintern`, `mapatoms`, `obarrayp`, `obarray-make`, `obarray-clear`) and
//! `lread--substitute-object-in-subtree`, `load` and `get-load-suffixes`
//! (in `load`), plus the reader's variables (`obarray`, `standard-input`,
//! `read-circle`, `load-file-name`...).
//! Obarrays are objects (see `runtime::reader`'s obarray module): the
//! standard one stands for the symbol table, others hold their own symbols;
//! old-style vector obarrays are accepted as Emacs 30 accepts them.

use crate::builtins::prelude::*;
use crate::runtime::reader;
use crate::runtime::specpdl::value_cell;
use crate::runtime::symbol_pos;

#[path = "lread_load.rs"]
pub mod load;

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("load", 1, 5, load::f_load, "Execute a file of Lisp code named FILE."),
    SubrDef::new("locate-file-internal", 2, 4, load::f_locate_file_internal, "Search for FILENAME through PATH."),
    SubrDef::new("get-load-suffixes", 0, 0, load::f_get_load_suffixes, "Return the list of suffixes that `load' tries."),
    SubrDef::new("read", 0, 1, f_read, "Read one Lisp expression as text from STREAM, return as Lisp object."),
    SubrDef::new("read-from-string", 1, 3, f_read_from_string, "Read one Lisp expression which is represented as text by STRING."),
    SubrDef::new(
        "read-positioning-symbols",
        0,
        1,
        f_read_positioning_symbols,
        "Read one Lisp expression as text from STREAM, return as Lisp object.",
    ),
    SubrDef::new("intern", 1, 2, f_intern, "Return the canonical symbol whose name is STRING."),
    SubrDef::new("intern-soft", 1, 2, f_intern_soft, "Return the canonical symbol named NAME, or nil if none exists."),
    SubrDef::new("unintern", 1, 2, f_unintern, "Delete the symbol named NAME, if any, from OBARRAY."),
    SubrDef::new("mapatoms", 1, 2, f_mapatoms, "Call FUNCTION on every symbol in OBARRAY."),
    SubrDef::new("obarrayp", 1, 1, f_obarrayp, "Return t iff OBJECT is an obarray."),
    SubrDef::new("obarray-make", 0, 1, f_obarray_make, "Return a new obarray of size SIZE."),
    SubrDef::new("internal--obarray-buckets", 1, 1, f_obarray_buckets, "Symbols in each bucket of OBARRAY.  Internal use only."),
    SubrDef::new("obarray-clear", 1, 1, f_obarray_clear, "Remove all symbols from OBARRAY."),
    SubrDef::new(
        "lread--substitute-object-in-subtree",
        3,
        3,
        f_substitute_object_in_subtree,
        "In OBJECT, replace every occurrence of PLACEHOLDER with OBJECT.",
    ),
];

/// lread.c `check_obarray` on OBARRAY, nil meaning the value of `obarray`:
/// the obarray object to use.
fn check_obarray(obarray: Value) -> LResult<Value> {
    let ob = if obarray.is_nil() { value_cell(intern("obarray")) } else { obarray };
    reader::check_obarray(ob)
}

/// `read`'s STREAM: nil means `standard-input`; t and `read-char' mean
/// the minibuffer (Err with its answer: `read-minibuffer` is called).
fn read_stream(stream: Value) -> Result<Value, LResult> {
    let mut stream = stream;
    if stream.is_nil() {
        stream = value_cell(sym::STANDARD_INPUT);
        if stream == Value::UNBOUND {
            stream = Value::T;
        }
    }
    if stream.is_t() || stream == intern("read-char") {
        return Err(funcall(intern("read-minibuffer"), &[make_string("Lisp expression: ")]));
    }
    Ok(stream)
}

fn f_read(args: &[Value]) -> LResult {
    let stream = match read_stream(args[0]) {
        Ok(s) => s,
        Err(answer) => return answer,
    };
    if stream.is_string() {
        return reader::read_from_string(stream, 0, None).map(|(v, _)| v);
    }
    if crate::runtime::buffer::as_buffer(stream).is_some() {
        return crate::builtins::lread_buffer::read_from_buffer(stream);
    }
    if crate::runtime::buffer::markers::is_marker(stream) {
        return crate::builtins::lread_buffer::read_from_marker(stream);
    }
    reader::read_from_function(stream)
}

/// `read-positioning-symbols`: `read`, with every symbol but nil read as
/// a symbol with position.  Positions count the characters read: from 0
/// for a string, a function or a marker, from point for a buffer.
fn f_read_positioning_symbols(args: &[Value]) -> LResult {
    let stream = match read_stream(args[0]) {
        Ok(s) => s,
        Err(answer) => return answer,
    };
    if let Some(b) = crate::runtime::buffer::as_buffer(stream) {
        let origin = b.pt as i64;
        return reader::with_symbol_positions(origin, || crate::builtins::lread_buffer::read_from_buffer(stream));
    }
    if crate::runtime::buffer::markers::is_marker(stream) {
        return reader::with_symbol_positions(0, || crate::builtins::lread_buffer::read_from_marker(stream));
    }
    reader::read_positioning_symbols(stream)
}

/// fns.c `validate_subarray` for a string of LEN characters.
fn subarray_bounds(s: Value, from: Value, to: Value, len: i64) -> LResult<(usize, usize)> {
    let bound = |v: Value, default: i64| -> LResult<i64> {
        if let Some(n) = v.as_fixnum() {
            Ok(if n < 0 { n + len } else { n })
        } else if v.is_nil() {
            Ok(default)
        } else {
            Err(wrong_type(sym::INTEGERP, v))
        }
    };
    let f = bound(from, 0)?;
    let t = bound(to, len)?;
    if !(0 <= f && f <= t && t <= len) {
        return Err(args_out_of_range3(s, from, to));
    }
    Ok((f as usize, t as usize))
}

fn f_read_from_string(args: &[Value]) -> LResult {
    let s = args[0];
    let st = expect_string(s)?;
    let (from, to) = subarray_bounds(s, args[1], args[2], st.nchars as i64)?;
    let (v, end) = reader::read_from_string(s, from, Some(to))?;
    Ok(cons(v, Value::fixnum(end as i64)))
}

fn f_intern(args: &[Value]) -> LResult {
    let ob = check_obarray(args[1])?;
    let name = args[0];
    expect_string(name)?;
    reader::intern_in(ob, name)
}

fn f_intern_soft(args: &[Value]) -> LResult {
    let ob = check_obarray(args[1])?;
    let name = args[0];
    if symbol_pos::symbolp(name) {
        // A symbol with position (while enabled) stands for its symbol and
        // is returned itself when that symbol is interned.
        let bare = symbol_pos::strip_if_enabled(name);
        let found = reader::obarray_lookup(ob, &bare.sym().name.string_ref().data);
        return Ok(if found == Some(bare) { name } else { Value::NIL });
    }
    let s = expect_string(name)?;
    Ok(reader::obarray_lookup(ob, &s.data).unwrap_or(Value::NIL))
}

fn f_unintern(args: &[Value]) -> LResult {
    let ob = check_obarray(args[1])?;
    let name = symbol_pos::strip_if_enabled(args[0]);
    let key = if name.is_symbol() { &name.sym().name.string_ref().data } else { &expect_string(name)?.data };
    let Some(found) = reader::obarray_lookup(ob, key) else {
        return Ok(Value::NIL);
    };
    if name.is_symbol() && name != found {
        return Ok(Value::NIL);
    }
    Ok(Value::bool(reader::unintern_from(ob, found)))
}

fn f_mapatoms(args: &[Value]) -> LResult {
    let ob = check_obarray(args[1])?;
    let mut all = RootedVec::new();
    all.push(ob);
    all.extend(reader::obarray_symbols(ob));
    for i in 1..all.len() {
        funcall(args[0], &[all[i]])?;
    }
    Ok(Value::NIL)
}

fn f_obarrayp(args: &[Value]) -> LResult {
    Ok(Value::bool(reader::is_obarray(args[0])))
}

/// `obarray-make`: SIZE is only a hint (a natural number below 2^31).
fn f_obarray_make(args: &[Value]) -> LResult {
    let size = args[0];
    let bits = match size.as_fixnum() {
        _ if size.is_nil() => crate::runtime::obtable::DEFAULT_BITS,
        Some(n) if n >= 0 => crate::runtime::obtable::bits_for_size(n as u64),
        _ => return Err(wrong_type(sym::WHOLENUMP, size)),
    };
    if bits > crate::runtime::obtable::MAX_BITS {
        return Err(signal(sym::ARGS_OUT_OF_RANGE, size));
    }
    crate::builtins::alloc::check_alloc(1 << bits, 24)?;
    Ok(reader::make_obarray(bits))
}

/// `internal--obarray-buckets`: each bucket's symbols, front of chain first.
fn f_obarray_buckets(args: &[Value]) -> LResult {
    let ob = check_obarray(args[0])?;
    let buckets = reader::obarray_buckets(ob);
    Ok(list(&buckets.iter().map(|b| list(b)).collect::<Vec<_>>()))
}

fn f_obarray_clear(args: &[Value]) -> LResult {
    if !reader::is_obarray(args[0]) {
        return Err(wrong_type(intern("obarrayp"), args[0]));
    }
    reader::clear_obarray(args[0]);
    Ok(Value::NIL)
}

fn f_substitute_object_in_subtree(args: &[Value]) -> LResult {
    let (object, placeholder, completed) = (args[0], args[1], args[2]);
    if completed.is_t() {
        reader::substitute(object, placeholder, |_| true)?;
    } else if let Some(h) = completed.as_hash_table() {
        let mut err = None;
        let r = reader::substitute(object, placeholder, |v| match h.get(v) {
            Ok(x) => x.is_some(),
            Err(e) => {
                err.get_or_insert(e);
                false
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        r?;
    } else {
        reader::substitute(object, placeholder, |_| false)?;
    }
    Ok(Value::NIL)
}

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("obarray", reader::standard_obarray());
    // `values` is obsolete and, as in Emacs, not special: `let` binds it lexically.
    defvar_lisp("values", Value::NIL).sym().special = false;
    defvar_lisp("standard-input", Value::T);
    defvar_lisp("read-circle", Value::T);
    defvar_lisp("load-file-name", Value::NIL);
    defvar_lisp("load-true-file-name", Value::NIL);
    defvar_lisp("lread--unescaped-character-literals", Value::NIL);
    defvar_lisp("read-symbol-shorthands", Value::NIL);
    defvar_lisp("current-load-list", Value::NIL);
    load::init();
}
