//! Argument checks shared by the buffer primitives, as Emacs's
//! `fix_position`, `CHECK_FIXNUM_COERCE_MARKER`, `validate_region` and
//! `decode_buffer` do them, with the same error data.
use crate::builtins::prelude::*;
use crate::runtime::buffer::markers::as_marker;
use crate::runtime::buffer::{self, current, current_buffer, Buffer};

/// A marker's position, or `(error "Marker does not point anywhere")`.
pub fn marker_position(v: Value) -> LResult<Option<i64>> {
    match as_marker(v) {
        Some(m) => match m.position() {
            Some(p) => Ok(Some(p as i64)),
            None => Err(error("Marker does not point anywhere")),
        },
        None => Ok(None),
    }
}

/// `fix_position`: a fixnum, a marker's position, or a bignum clipped to
/// the fixnum range; otherwise `(wrong-type-argument integer-or-marker-p V)`.
pub fn fix_position(v: Value) -> LResult<i64> {
    if let Some(n) = v.as_fixnum() {
        return Ok(n);
    }
    if let Some(p) = marker_position(v)? {
        return Ok(p);
    }
    if let Some(b) = v.as_bignum() {
        return Ok(if b.sign() == num_bigint::Sign::Minus { MOST_NEGATIVE_FIXNUM } else { MOST_POSITIVE_FIXNUM });
    }
    Err(wrong_type(sym::INTEGER_OR_MARKER_P, v))
}

/// `CHECK_FIXNUM_COERCE_MARKER`, which is `fix_position` in Emacs 30
/// (bignums clip to the fixnum range).
pub fn fixnum_coerce_marker(v: Value) -> LResult<i64> {
    fix_position(v)
}

/// `validate_region`: START and END ordered and inside the accessible
/// region of the current buffer, else `(args-out-of-range BUFFER START END)`.
pub fn validate_region(start: Value, end: Value) -> LResult<(usize, usize)> {
    let (mut b, mut e) = (fix_position(start)?, fix_position(end)?);
    if e < b {
        std::mem::swap(&mut b, &mut e);
    }
    let buf = current();
    if !(buf.begv as i64 <= b && e <= buf.zv as i64) {
        return Err(args_out_of_range3(current_buffer(), start, end));
    }
    Ok((b as usize, e as usize))
}

/// `decode_buffer`: nil is the current buffer, else a buffer (live or not).
pub fn decode_buffer(v: Value) -> LResult<(Value, &'static mut Buffer)> {
    buffer::decode_buffer(v)
}

/// A buffer or buffer name naming a live buffer (`Fget_buffer` + checks):
/// `(error "No buffer named X")` or `(error "Selecting deleted buffer")`.
pub fn live_buffer(v: Value) -> LResult<(Value, &'static mut Buffer)> {
    let b = buffer::get_buffer(v)?;
    if b.is_nil() {
        return Err(buffer::no_such_buffer(v));
    }
    let bb = buffer::expect_buffer(b)?;
    if !bb.live() {
        return Err(error("Selecting deleted buffer"));
    }
    Ok((b, bb))
}

/// A position argument as `usize` after range checking by the caller.
pub fn upos(n: i64) -> usize {
    n.max(0) as usize
}

/// `error` with a message formatted as C's `error` does it (through
/// `format-message`, so quotes follow `text-quoting-style`).
pub fn error_message(fmt: &str, args: &[Value]) -> Flow {
    let mut v = vec![make_string(fmt)];
    v.extend_from_slice(args);
    match crate::builtins::editfns::styled_format(&v, true) {
        Ok(msg) => error_value(msg),
        Err(f) => f,
    }
}
