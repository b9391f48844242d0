//! Primitives of GNU Emacs's textprop.c: reading text properties of
//! strings and buffers (`text-properties-at`, `get-text-property`,
//! `get-char-property`, `get-pos-property`), finding where they change
//! (`next-property-change` & co., `text-property-any`/`-not-all`) and
//! changing them (`put-text-property`, `add-text-properties`,
//! `set-text-properties`, `remove-text-properties`...), plus
//! `object-intervals`.  The interval algorithms live in
//! `runtime::buffer::{intervals, textprop}`; buffers have no overlays yet,
//! so the char-property functions see text properties only.
use crate::builtins::buffer::args::fixnum_coerce_marker;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::with_buffer;
use crate::runtime::buffer::intervals::{string_intervals, textget, Intervals};
use crate::runtime::buffer::textprop::{self as tp, SetType, Target};
use crate::runtime::buffer::{self, as_buffer, current, current_buffer, syms, Buffer};
use std::borrow::Cow;

/// A string or a buffer whose properties are read.
#[derive(Copy, Clone)]
enum Obj {
    Str(Value),
    Buf(Value),
}

fn resolve(object: Value) -> LResult<Obj> {
    if object.is_nil() {
        return Ok(Obj::Buf(current_buffer()));
    }
    if object.is_string() {
        return Ok(Obj::Str(object));
    }
    if as_buffer(object).is_some() {
        return Ok(Obj::Buf(object));
    }
    Err(wrong_type(syms().buffer_or_string_p, object))
}

/// The intervals of an object with its coordinates: valid positions
/// LO..=HI and BASE (the position of interval offset 0).
struct View {
    ivs: Cow<'static, Intervals>,
    base: usize,
    lo: usize,
    hi: usize,
    is_string: bool,
}

impl View {
    fn of(o: Obj) -> View {
        match o {
            Obj::Str(s) => View { ivs: Cow::Owned(string_intervals(s)), base: 0, lo: 0, hi: s.string_ref().nchars, is_string: true },
            Obj::Buf(b) => {
                let bb: &'static Buffer = as_buffer(b).expect("buffer");
                View { ivs: Cow::Borrowed(&bb.intervals), base: 1, lo: bb.begv, hi: bb.zv, is_string: false }
            }
        }
    }
    fn n(&self) -> usize {
        self.ivs.ivs.len()
    }
    fn start(&self, i: usize) -> usize {
        self.ivs.start_of(i) + self.base
    }
    fn end(&self, i: usize) -> usize {
        self.start(i) + self.ivs.ivs[i].len
    }
    fn plist(&self, i: usize) -> Value {
        self.ivs.ivs[i].plist
    }
    /// The object's end for `next-property-change` limits.
    fn limit_end(&self) -> usize {
        self.hi
    }
}

/// `validate_interval_range` for a single position POS: checks the range,
/// then the interval containing POS (None without text or intervals).
fn validate_point(v: &View, pos_arg: Value) -> LResult<(i64, Option<usize>)> {
    let p = fixnum_coerce_marker(pos_arg)?;
    if !(v.lo as i64 <= p && p <= v.hi as i64) {
        return Err(args_out_of_range(pos_arg, pos_arg));
    }
    if v.lo == v.hi || v.ivs.is_null() {
        return Ok((p, None));
    }
    let (i, _) = v.ivs.find(p as usize - v.base);
    Ok((p, Some(i)))
}

/// `validate_interval_range` for a range: (start, end) ordered, or None
/// when they are equal (a point given to a range function) or there is
/// no text.
fn validate_range(o: Obj, start: Value, end: Value) -> LResult<Option<(usize, usize)>> {
    let (mut b, mut e) = (fixnum_coerce_marker(start)?, fixnum_coerce_marker(end)?);
    if b == e {
        return Ok(None);
    }
    if b > e {
        std::mem::swap(&mut b, &mut e);
    }
    let (lo, hi) = match o {
        Obj::Str(s) => (0, s.string_ref().nchars),
        Obj::Buf(buf) => {
            let bb = as_buffer(buf).expect("buffer");
            (bb.begv, bb.zv)
        }
    };
    if !(lo as i64 <= b && e <= hi as i64) {
        return Err(args_out_of_range(start, end));
    }
    if lo == hi {
        return Ok(None);
    }
    Ok(Some((b as usize, e as usize)))
}

/// `text-properties-at` on OBJ.
fn properties_at(o: Obj, position: Value) -> LResult {
    let v = View::of(o);
    let (p, i) = validate_point(&v, position)?;
    let Some(i) = i else { return Ok(Value::NIL) };
    if p as usize == v.end(i) {
        return Ok(Value::NIL);
    }
    Ok(v.plist(i))
}

fn f_text_properties_at(a: &[Value]) -> LResult {
    properties_at(resolve(a[1])?, a[0])
}

/// `get-text-property`.
pub fn get_text_property(position: Value, prop: Value, object: Value) -> LResult {
    Ok(textget(properties_at(resolve(object)?, position)?, prop))
}

fn f_get_text_property(a: &[Value]) -> LResult {
    get_text_property(a[0], a[1], a[2])
}

/// `get-char-property` (no overlays: the text property).
pub fn get_char_property(position: Value, prop: Value, object: Value) -> LResult {
    let p = crate::builtins::buffer::args::fix_position(position)?;
    let o = resolve(object)?;
    if let Obj::Buf(b) = o {
        let bb = as_buffer(b).expect("buffer");
        if !(bb.begv as i64 <= p && p <= bb.zv as i64) {
            return Err(signal_list(sym::ARGS_OUT_OF_RANGE, &[position]));
        }
    }
    Ok(textget(properties_at(o, Value::fixnum(p))?, prop))
}

fn f_get_char_property(a: &[Value]) -> LResult {
    get_char_property(a[0], a[1], a[2])
}

fn f_get_char_property_and_overlay(a: &[Value]) -> LResult {
    Ok(cons(get_char_property(a[0], a[1], a[2])?, Value::NIL))
}

/// `text_property_stickiness`: 1 if PROP at POS would be inherited from
/// the following char, -1 from the preceding one, 0 from neither.
fn text_property_stickiness(prop: Value, pos: i64, buffer: Value) -> LResult<i64> {
    let s = syms();
    let bb = as_buffer(buffer).expect("buffer");
    let nonsticky = crate::runtime::specpdl::value_cell(s.text_property_default_nonsticky);
    let defalt = nonsticky.iter().find(|e| e.is_cons() && e.car() == prop).unwrap_or(Value::NIL);
    let ignore_prev = pos <= bb.begv as i64;
    let prev_pos = Value::fixnum(pos - 1);
    let mut rear_sticky = true;
    if ignore_prev || (defalt.is_cons() && !defalt.cdr().is_nil()) {
        rear_sticky = false;
    } else {
        let rns = get_text_property(prev_pos, s.rear_nonsticky, buffer)?;
        let hit = if rns.is_cons() { rns.iter().any(|x| x == prop) } else { !rns.is_nil() };
        if hit {
            rear_sticky = false;
        }
    }
    let fs = get_text_property(Value::fixnum(pos), s.front_sticky, buffer)?;
    let front_sticky = fs.is_t() || (fs.is_cons() && fs.iter().any(|x| x == prop));
    Ok(match (rear_sticky, front_sticky) {
        (true, false) => -1,
        (false, true) => 1,
        (false, false) => 0,
        (true, true) => {
            if ignore_prev || get_text_property(prev_pos, prop, buffer)?.is_nil() {
                1
            } else {
                -1
            }
        }
    })
}

pub fn f_get_pos_property(a: &[Value]) -> LResult {
    let (position, prop, object) = (a[0], a[1], a[2]);
    let p = fixnum_coerce_marker(position)?;
    let object = if object.is_nil() { current_buffer() } else { object };
    if as_buffer(object).is_none() {
        return get_text_property(Value::fixnum(p), prop, object);
    }
    let st = text_property_stickiness(prop, p, object)?;
    let bb = as_buffer(object).expect("buffer");
    if st > 0 {
        get_text_property(Value::fixnum(p), prop, object)
    } else if st < 0 && p > bb.begv as i64 {
        get_text_property(Value::fixnum(p - 1), prop, object)
    } else {
        Ok(Value::NIL)
    }
}

fn limit_arg(limit: Value) -> LResult<Option<i64>> {
    if limit.is_nil() {
        Ok(None)
    } else {
        Ok(Some(fixnum_coerce_marker(limit)?))
    }
}

/// `next-property-change`.
fn next_property_change(position: Value, object: Value, limit: Value) -> LResult {
    let o = resolve(object)?;
    if !limit.is_nil() && !limit.is_t() {
        fixnum_coerce_marker(limit)?;
    }
    let v = View::of(o);
    let (_, i) = validate_point(&v, position)?;
    if limit.is_t() {
        let next = i.and_then(|i| (i + 1 < v.n()).then_some(i + 1));
        return Ok(Value::fixnum(match next {
            None => v.limit_end() as i64,
            Some(n) => v.start(n) as i64,
        }));
    }
    let Some(i) = i else { return Ok(limit) };
    let lim = limit_arg(limit)?;
    let mut next = i + 1;
    while next < v.n()
        && crate::runtime::buffer::intervals::plists_equal(v.plist(i), v.plist(next), false)
        && lim.is_none_or(|l| (v.start(next) as i64) < l)
    {
        next += 1;
    }
    let bound = lim.unwrap_or(v.limit_end() as i64);
    if next >= v.n() || v.start(next) as i64 >= bound {
        return Ok(limit);
    }
    Ok(Value::fixnum(v.start(next) as i64))
}

fn f_next_property_change(a: &[Value]) -> LResult {
    next_property_change(a[0], a[1], a[2])
}

fn f_next_single_property_change(a: &[Value]) -> LResult {
    let (position, prop, object, limit) = (a[0], a[1], a[2], a[3]);
    let o = resolve(object)?;
    let lim = limit_arg(limit)?;
    let v = View::of(o);
    let (_, i) = validate_point(&v, position)?;
    let Some(i) = i else { return Ok(limit) };
    let here = textget(v.plist(i), prop);
    let mut next = i + 1;
    while next < v.n() && here == textget(v.plist(next), prop) && lim.is_none_or(|l| (v.start(next) as i64) < l) {
        next += 1;
    }
    let bound = lim.unwrap_or(v.limit_end() as i64);
    if next >= v.n() || v.start(next) as i64 >= bound {
        return Ok(limit);
    }
    Ok(Value::fixnum(v.start(next) as i64))
}

fn f_previous_property_change(a: &[Value]) -> LResult {
    let (position, object, limit) = (a[0], a[1], a[2]);
    let o = resolve(object)?;
    let lim = limit_arg(limit)?;
    let v = View::of(o);
    let (p, i) = validate_point(&v, position)?;
    let Some(i) = interval_before(&v, p, i) else { return Ok(limit) };
    let plists_equal = crate::runtime::buffer::intervals::plists_equal;
    Ok(scan_backward(&v, i, lim, limit, |k| plists_equal(v.plist(k), v.plist(i), false)))
}

fn f_previous_single_property_change(a: &[Value]) -> LResult {
    let (position, prop, object, limit) = (a[0], a[1], a[2], a[3]);
    let o = resolve(object)?;
    let lim = limit_arg(limit)?;
    let v = View::of(o);
    let (p, i) = validate_point(&v, position)?;
    let Some(i) = interval_before(&v, p, i) else { return Ok(limit) };
    let here = textget(v.plist(i), prop);
    Ok(scan_backward(&v, i, lim, limit, |k| here == textget(v.plist(k), prop)))
}

/// The interval holding the character before position P (I holds P itself).
fn interval_before(v: &View, p: i64, i: Option<usize>) -> Option<usize> {
    match i {
        Some(i) if v.start(i) as i64 == p => i.checked_sub(1),
        other => other,
    }
}

/// Walks back from interval I over the intervals SAME accepts (and that end
/// after LIM): the end of the first one that differs, or LIMIT if none does
/// before the bound.
fn scan_backward(v: &View, i: usize, lim: Option<i64>, limit: Value, same: impl Fn(usize) -> bool) -> Value {
    let mut prev = i.checked_sub(1);
    while let Some(k) = prev {
        if !(same(k) && lim.is_none_or(|l| v.end(k) as i64 > l)) {
            break;
        }
        prev = k.checked_sub(1);
    }
    let bound = lim.unwrap_or(if v.is_string { 0 } else { v.lo as i64 });
    match prev {
        Some(k) if v.end(k) as i64 > bound => Value::fixnum(v.end(k) as i64),
        _ => limit,
    }
}

fn f_next_char_property_change(a: &[Value]) -> LResult {
    let (position, limit) = (a[0], a[1]);
    fixnum_coerce_marker(position)?;
    let mut temp = current().zv as i64;
    if !limit.is_nil() {
        let l = fixnum_coerce_marker(limit)?;
        if l < temp {
            temp = l;
        }
    }
    next_property_change(position, Value::NIL, Value::fixnum(temp))
}

fn f_previous_char_property_change(a: &[Value]) -> LResult {
    let (position, limit) = (a[0], a[1]);
    fixnum_coerce_marker(position)?;
    let mut temp = current().begv as i64;
    if !limit.is_nil() {
        let l = fixnum_coerce_marker(limit)?;
        if l > temp {
            temp = l;
        }
    }
    f_previous_property_change(&[position, Value::NIL, Value::fixnum(temp)])
}

pub fn f_next_single_char_property_change(a: &[Value]) -> LResult {
    let (position, prop, object, limit) = (a[0], a[1], a[2], a[3]);
    if object.is_string() {
        let r = f_next_single_property_change(&[position, prop, object, limit])?;
        if r.is_nil() {
            if limit.is_nil() {
                return Ok(Value::fixnum(object.string_ref().nchars as i64));
            }
            expect_fixnum(limit)?;
            return Ok(limit);
        }
        return Ok(r);
    }
    if !object.is_nil() {
        buffer::expect_buffer(object)?;
    }
    let buf = if object.is_nil() { current_buffer() } else { object };
    crate::runtime::buffer::save::save_current_buffer(|| {
        buffer::set_buffer(buf);
        let mut position = Value::fixnum(fixnum_coerce_marker(position)?);
        let initial = get_char_property(position, prop, object)?;
        let zv = current().zv as i64;
        let limit = if limit.is_nil() { Value::fixnum(zv) } else { Value::fixnum(fixnum_coerce_marker(limit)?) };
        let l = limit.as_fixnum_unchecked();
        if position.as_fixnum_unchecked() >= l {
            position = limit;
            if l > zv {
                position = Value::fixnum(zv);
            }
            return Ok(position);
        }
        loop {
            position = f_next_char_property_change(&[position, limit])?;
            if position.as_fixnum_unchecked() >= l {
                position = limit;
                break;
            }
            let value = get_char_property(position, prop, object)?;
            if value != initial {
                break;
            }
            if position.as_fixnum_unchecked() >= current().zv as i64 {
                break;
            }
        }
        Ok(position)
    })
}

pub fn f_previous_single_char_property_change(a: &[Value]) -> LResult {
    let (position, prop, object, limit) = (a[0], a[1], a[2], a[3]);
    if object.is_string() {
        let r = f_previous_single_property_change(&[position, prop, object, limit])?;
        if r.is_nil() {
            if limit.is_nil() {
                return Ok(Value::fixnum(0));
            }
            expect_fixnum(limit)?;
            return Ok(limit);
        }
        return Ok(r);
    }
    if !object.is_nil() {
        buffer::expect_buffer(object)?;
    }
    let buf = if object.is_nil() { current_buffer() } else { object };
    crate::runtime::buffer::save::save_current_buffer(|| {
        buffer::set_buffer(buf);
        let mut position = Value::fixnum(fixnum_coerce_marker(position)?);
        let begv = current().begv as i64;
        let limit = if limit.is_nil() { Value::fixnum(begv) } else { Value::fixnum(fixnum_coerce_marker(limit)?) };
        let l = limit.as_fixnum_unchecked();
        let p = position.as_fixnum_unchecked();
        if p <= l {
            position = limit;
            if l < begv {
                position = Value::fixnum(begv);
            }
            return Ok(position);
        }
        let initial = get_char_property(Value::fixnum(p - (p >= 0) as i64), prop, object)?;
        loop {
            position = f_previous_char_property_change(&[position, limit])?;
            if position.as_fixnum_unchecked() <= l {
                position = limit;
                break;
            }
            let value = get_char_property(Value::fixnum(position.as_fixnum_unchecked() - 1), prop, object)?;
            if value != initial {
                break;
            }
        }
        Ok(position)
    })
}

/// Runs F on OBJECT's properties as a change target (a buffer is made
/// current for the duration, as Emacs does).
fn with_target<T>(object: Value, f: impl FnOnce(Target, Obj) -> LResult<T>) -> LResult<T> {
    let o = resolve(object)?;
    match o {
        Obj::Str(s) => f(Target::Str(s), o),
        Obj::Buf(b) => with_buffer(b, || f(Target::Buf, o)),
    }
}

fn add_props(start: Value, end: Value, props: Value, object: Value, set_type: SetType, destructive: bool) -> LResult<bool> {
    with_target(object, |t, o| {
        let props = tp::validate_plist(props)?;
        if props.is_nil() {
            return Ok(false);
        }
        let Some((s, e)) = validate_range(o, start, end)? else {
            return Ok(false);
        };
        tp::add_text_properties(t, s, e, props, set_type, destructive)
    })
}

fn f_add_text_properties(a: &[Value]) -> LResult {
    Ok(Value::bool(add_props(a[0], a[1], a[2], a[3], SetType::Replace, true)?))
}

fn f_put_text_property(a: &[Value]) -> LResult {
    add_props(a[0], a[1], list2(a[2], a[3]), a[4], SetType::Replace, true)?;
    Ok(Value::NIL)
}

fn f_add_face_text_property(a: &[Value]) -> LResult {
    let st = if a[3].is_nil() { SetType::Prepend } else { SetType::Append };
    add_props(a[0], a[1], list2(syms().face, a[2]), a[4], st, false)?;
    Ok(Value::NIL)
}

/// `set-text-properties` (also for Lisp callers of `set_text_properties`).
pub fn set_text_properties(start: Value, end: Value, props: Value, object: Value) -> LResult<bool> {
    with_target(object, |t, o| {
        let whole = match o {
            Obj::Str(s) => start == Value::fixnum(0) && end == Value::fixnum(s.string_ref().nchars as i64),
            Obj::Buf(_) => false,
        };
        let props = tp::validate_plist(props)?;
        if let (Obj::Str(_), true, true) = (o, props.is_nil(), whole) {
            return tp::set_text_properties(t, 0, 0, props, true, true);
        }
        let Some((s, e)) = validate_range(o, start, end)? else {
            return Ok(false);
        };
        tp::set_text_properties(t, s, e, props, false, true)
    })
}

fn f_set_text_properties(a: &[Value]) -> LResult {
    Ok(Value::bool(set_text_properties(a[0], a[1], a[2], a[3])?))
}

fn remove_props(a: &[Value], list_form: bool) -> LResult {
    let (start, end, props, object) = (a[0], a[1], a[2], a[3]);
    let r = with_target(object, |t, o| {
        let Some((s, e)) = validate_range(o, start, end)? else {
            return Ok(false);
        };
        tp::remove_text_properties(t, s, e, props, list_form)
    })?;
    Ok(Value::bool(r))
}

fn f_remove_text_properties(a: &[Value]) -> LResult {
    remove_props(a, false)
}

fn f_remove_list_of_text_properties(a: &[Value]) -> LResult {
    remove_props(a, true)
}

fn property_scan(a: &[Value], want_eq: bool) -> LResult {
    let (start, end, prop, value, object) = (a[0], a[1], a[2], a[3], a[4]);
    let o = resolve(object)?;
    let (cs, ce) = (fixnum_coerce_marker(start)?, fixnum_coerce_marker(end)?);
    if cs == ce {
        return Ok(Value::NIL);
    }
    let r = validate_range(o, start, end)?;
    let v = View::of(o);
    let (s, e) = match r {
        Some(r) if !v.ivs.is_null() => r,
        _ => {
            let found = if want_eq { value.is_nil() } else { !value.is_nil() };
            return Ok(if found { Value::fixnum(cs.min(ce)) } else { Value::NIL });
        }
    };
    let (mut i, _) = v.ivs.find(s - v.base);
    while i < v.n() {
        if v.start(i) >= e {
            break;
        }
        let here = textget(v.plist(i), prop);
        if (here == value) == want_eq {
            return Ok(Value::fixnum(v.start(i).max(s) as i64));
        }
        i += 1;
    }
    Ok(Value::NIL)
}

fn f_text_property_any(a: &[Value]) -> LResult {
    property_scan(a, true)
}

fn f_text_property_not_all(a: &[Value]) -> LResult {
    property_scan(a, false)
}

/// `object-intervals`.
pub fn object_intervals(object: Value) -> LResult {
    if object.is_string() {
        return Ok(string_intervals(object).to_list(0));
    }
    match as_buffer(object) {
        Some(b) => Ok(b.intervals.to_list(0)),
        None => Err(wrong_type(syms().buffer_or_string_p, object)),
    }
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("text-properties-at", 1, 2, f_text_properties_at, "Return the list of properties of the character at POSITION in OBJECT."),
    SubrDef::new("get-text-property", 2, 3, f_get_text_property, "Return the value of POSITION's property PROP, in OBJECT."),
    SubrDef::new("get-char-property", 2, 3, f_get_char_property, "Return the value of POSITION's property PROP, in OBJECT."),
    SubrDef::new(
        "get-char-property-and-overlay",
        2,
        3,
        f_get_char_property_and_overlay,
        "Like `get-char-property', but with extra overlay information.",
    ),
    SubrDef::new("get-pos-property", 2, 3, f_get_pos_property, "Return the value of POSITION's property PROP, in OBJECT."),
    SubrDef::new(
        "next-char-property-change",
        1,
        2,
        f_next_char_property_change,
        "Return the position of next text property or overlay change.",
    ),
    SubrDef::new(
        "previous-char-property-change",
        1,
        2,
        f_previous_char_property_change,
        "Return the position of previous text property or overlay change.",
    ),
    SubrDef::new(
        "next-single-char-property-change",
        2,
        4,
        f_next_single_char_property_change,
        "Return the position of next text property or overlay change for a specific property.",
    ),
    SubrDef::new(
        "previous-single-char-property-change",
        2,
        4,
        f_previous_single_char_property_change,
        "Return the position of previous text property or overlay change for a specific property.",
    ),
    SubrDef::new("next-property-change", 1, 3, f_next_property_change, "Return the position of next property change."),
    SubrDef::new(
        "next-single-property-change",
        2,
        4,
        f_next_single_property_change,
        "Return the position of next property change for a specific property.",
    ),
    SubrDef::new("previous-property-change", 1, 3, f_previous_property_change, "Return the position of previous property change."),
    SubrDef::new(
        "previous-single-property-change",
        2,
        4,
        f_previous_single_property_change,
        "Return the position of previous property change for a specific property.",
    ),
    SubrDef::new("add-text-properties", 3, 4, f_add_text_properties, "Add properties to the text from START to END."),
    SubrDef::new("put-text-property", 4, 5, f_put_text_property, "Set one property of the text from START to END."),
    SubrDef::new("set-text-properties", 3, 4, f_set_text_properties, "Completely replace properties of text from START to END."),
    SubrDef::new("add-face-text-property", 3, 5, f_add_face_text_property, "Add the face property to the text from START to END."),
    SubrDef::new("remove-text-properties", 3, 4, f_remove_text_properties, "Remove some properties from text from START to END."),
    SubrDef::new(
        "remove-list-of-text-properties",
        3,
        4,
        f_remove_list_of_text_properties,
        "Remove some properties from text from START to END.",
    ),
    SubrDef::new("text-property-any", 4, 5, f_text_property_any, "Check text from START to END for property PROPERTY equaling VALUE."),
    SubrDef::new(
        "text-property-not-all",
        4,
        5,
        f_text_property_not_all,
        "Check text from START to END for property PROPERTY not equaling VALUE.",
    ),
];

pub fn init() {
    defvar_lisp("default-text-properties", Value::NIL);
    defvar_lisp("char-property-alias-alist", Value::NIL);
    defvar_lisp("inhibit-point-motion-hooks", Value::T);
    let nonsticky = list2(cons(intern("syntax-table"), Value::T), cons(intern("display"), Value::T));
    defvar_lisp("text-property-default-nonsticky", nonsticky);
    let _ = current;
}
