//! Primitives of GNU Emacs's marker.c (and `make-marker` from alloc.c):
//! creating markers, pointing them at positions, reading their position,
//! buffer and insertion type.  Installs the arithmetic hook through which
//! markers count as their positions in `+`, `<` & co.
use crate::builtins::prelude::*;
use crate::runtime::buffer::markers::{as_marker, make_marker, LispMarker};
use crate::runtime::buffer::{self, as_buffer, current_buffer};

fn expect_marker(v: Value) -> LResult<&'static mut LispMarker> {
    as_marker(v).ok_or_else(|| wrong_type(sym::MARKERP, v))
}

fn f_make_marker(_a: &[Value]) -> LResult {
    Ok(make_marker())
}

fn f_marker_buffer(a: &[Value]) -> LResult {
    Ok(expect_marker(a[0])?.buffer())
}

fn f_marker_position(a: &[Value]) -> LResult {
    Ok(match expect_marker(a[0])?.position() {
        Some(p) => Value::fixnum(p as i64),
        None => Value::NIL,
    })
}

fn f_marker_last_position(a: &[Value]) -> LResult {
    Ok(Value::fixnum(expect_marker(a[0])?.last_position() as i64))
}

/// `set_marker_internal`: points MARKER at POSITION in BUFFER (nil: the
/// current buffer), clipped to the whole buffer, or RESTRICTED to its
/// accessible region.
pub fn set_marker(marker: Value, position: Value, buf: Value, restricted: bool) -> LResult {
    let (bv, b) = if buf.is_nil() {
        (current_buffer(), Some(buffer::current()))
    } else {
        let b = buffer::expect_buffer(buf)?;
        (buf, if b.live() { Some(b) } else { None })
    };
    let m = expect_marker(marker)?;
    let nowhere = position.is_nil() || as_marker(position).is_some_and(|p| p.buffer().is_nil()) || b.is_none();
    let Some(b) = b.filter(|_| !nowhere) else {
        m.detach();
        return Ok(marker);
    };
    let charpos = if let Some(n) = position.as_fixnum() {
        n
    } else if let Some(p) = as_marker(position) {
        p.position().unwrap_or(0) as i64
    } else {
        return Err(wrong_type(sym::INTEGER_OR_MARKER_P, position));
    };
    let (lo, hi) = if restricted { (b.begv, b.zv) } else { (1, b.z()) };
    let charpos = charpos.clamp(lo as i64, hi as i64) as usize;
    m.attach(marker, bv, charpos);
    Ok(marker)
}

fn f_set_marker(a: &[Value]) -> LResult {
    set_marker(a[0], a[1], a[2], false)
}

fn f_copy_marker(a: &[Value]) -> LResult {
    let (marker, typ) = (a[0], a[1]);
    if !marker.is_nil() && !marker.is_fixnum() && as_marker(marker).is_none() {
        return Err(wrong_type(sym::INTEGER_OR_MARKER_P, marker));
    }
    let new = make_marker();
    let buf = match as_marker(marker) {
        Some(m) => m.buffer(),
        None => Value::NIL,
    };
    set_marker(new, marker, buf, false)?;
    if let Some(m) = as_marker(new) {
        m.set_insertion_type(!typ.is_nil());
    }
    Ok(new)
}

fn f_marker_insertion_type(a: &[Value]) -> LResult {
    Ok(Value::bool(expect_marker(a[0])?.insertion_type()))
}

fn f_set_marker_insertion_type(a: &[Value]) -> LResult {
    expect_marker(a[0])?.set_insertion_type(!a[1].is_nil());
    Ok(a[1])
}

/// The arithmetic hook: a marker's position, or its error.
fn marker_number(v: Value) -> Option<LResult<i64>> {
    let m = as_marker(v)?;
    Some(match m.position() {
        Some(p) => Ok(p as i64),
        None => Err(error("Marker does not point anywhere")),
    })
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("make-marker", 0, 0, f_make_marker, "Return a newly allocated marker which does not point at any place."),
    SubrDef::new("marker-buffer", 1, 1, f_marker_buffer, "Return the buffer that MARKER points into, or nil if none."),
    SubrDef::new("marker-position", 1, 1, f_marker_position, "Return the position of MARKER, or nil if it points nowhere."),
    SubrDef::new("marker-last-position", 1, 1, f_marker_last_position, "Return last position of MARKER in its buffer."),
    SubrDef::new("set-marker", 2, 3, f_set_marker, "Position MARKER before character number POSITION in BUFFER."),
    SubrDef::new("copy-marker", 0, 2, f_copy_marker, "Return a new marker pointing at the same place as MARKER."),
    SubrDef::new(
        "marker-insertion-type",
        1,
        1,
        f_marker_insertion_type,
        "Return insertion type of MARKER: t if it stays after inserted text.",
    ),
    SubrDef::new("set-marker-insertion-type", 2, 2, f_set_marker_insertion_type, "Set the insertion-type of MARKER to TYPE."),
];

pub fn init() {
    crate::runtime::number::set_marker_hook(marker_number);
    let _ = as_buffer;
}
