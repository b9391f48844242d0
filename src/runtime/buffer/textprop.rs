//! Changing text properties of strings and buffers, as textprop.c does:
//! `add_text_properties_1`, `set_text_properties`, `remove_text_properties`,
//! `remove_list_of_text_properties`, with their interval splitting and
//! merging, undo records and (for buffers) the modification checks and
//! change hooks.  A buffer target is always the current buffer (callers
//! switch to it, as Emacs does).
//!
//! Each operation first decides, without touching anything, whether it
//! changes the text; only then does it run the buffer's modification
//! checks and hooks (which may run Lisp), and then performs the change from
//! scratch on the current intervals, so hooks that edit properties cannot
//! leave it working on stale intervals (Emacs restarts for the same reason).

use super::edit::{modiff_incr, prepare_to_modify, signal_after_change};
use super::intervals::{set_text_properties_1, set_text_properties_1_hook, string_intervals, Intervals};
use super::{current, undo, Buffer};
use crate::runtime::alloc::{cons, list2};
use crate::runtime::error::{error, LResult};
use crate::runtime::value::Value;

/// What the properties belong to: a string, or the current buffer.
#[derive(Copy, Clone)]
pub enum Target {
    Str(Value),
    Buf,
}

impl Target {
    /// The offset of position 0 of the interval list (1 for buffers).
    pub fn base(self) -> usize {
        match self {
            Target::Str(_) => 0,
            Target::Buf => 1,
        }
    }
    pub fn load(self) -> Intervals {
        match self {
            Target::Str(s) => string_intervals(s),
            Target::Buf => std::mem::take(&mut current().intervals),
        }
    }
    pub fn store(self, t: Intervals) {
        match self {
            Target::Str(s) => super::intervals::set_string_intervals(s, &t),
            Target::Buf => current().intervals = t,
        }
    }
    /// Runs F on the intervals, for reading.
    pub fn with_view<R>(self, f: impl FnOnce(&Intervals) -> R) -> R {
        match self {
            Target::Str(s) => f(&string_intervals(s)),
            Target::Buf => f(&current().intervals),
        }
    }
    fn text_len(self) -> usize {
        match self {
            Target::Str(s) => s.string_ref().nchars,
            Target::Buf => current().z() - 1,
        }
    }
    fn is_buffer(self) -> bool {
        matches!(self, Target::Buf)
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum SetType {
    Replace,
    Prepend,
    Append,
}

/// `validate_plist`: a non-list becomes (LIST nil); odd lengths signal.
pub fn validate_plist(l: Value) -> LResult<Value> {
    if l.is_nil() {
        return Ok(l);
    }
    if l.is_cons() {
        let mut tail = l;
        loop {
            tail = tail.cdr();
            if !tail.is_cons() {
                return Err(error("Odd length text property list"));
            }
            tail = tail.cdr();
            if !tail.is_cons() {
                break;
            }
        }
        return Ok(l);
    }
    Ok(list2(l, Value::NIL))
}

fn plist_iter(plist: Value) -> impl Iterator<Item = (Value, Value)> {
    let mut l = plist;
    std::iter::from_fn(move || {
        if !l.is_cons() {
            return None;
        }
        let k = l.car();
        let v = l.cdr().car_safe();
        l = l.cdr().cdr_safe();
        Some((k, v))
    })
}

/// The value of PROP in PLIST, or None (`property_value`'s Qunbound).
fn property_value(plist: Value, prop: Value) -> Option<Value> {
    let mut l = plist;
    while l.is_cons() && l.cdr().is_cons() {
        if l.car() == prop {
            return Some(l.cdr().car());
        }
        l = l.cdr().cdr();
    }
    None
}

/// `interval_has_all_properties`.
pub fn has_all_properties(plist: Value, ivp: Value) -> bool {
    for (sym, val) in plist_iter(plist) {
        let mut found = false;
        let mut t = ivp;
        while t.is_cons() {
            if t.car() == sym {
                if t.cdr().car_safe() != val {
                    return false;
                }
                found = true;
                break;
            }
            t = t.cdr().cdr_safe();
        }
        if !found {
            return false;
        }
    }
    true
}

/// `interval_has_some_properties` (PLIST) / `_list` (LIST of names).
pub fn has_some_properties(names: &[Value], ivp: Value) -> bool {
    names.iter().any(|&sym| {
        let mut t = ivp;
        while t.is_cons() {
            if t.car() == sym {
                return true;
            }
            t = t.cdr().cdr_safe();
        }
        false
    })
}

fn record_change(buffer: bool, t: &Intervals, i: usize, prop: Value, value: Value) {
    if buffer {
        let b: &Buffer = current();
        undo::record_property_change(b, t.start_of(i) + 1, t.ivs[i].len, prop, value);
    }
}

/// `add_properties`: adds PLIST to interval I; true if I changed.
fn add_properties(t: &mut Intervals, i: usize, plist: Value, set_type: SetType, destructive: bool, buffer: bool) -> bool {
    let face = super::syms().face;
    let mut changed = false;
    for (sym1, val1) in plist_iter(plist) {
        let mut found = false;
        let mut t2 = t.ivs[i].plist;
        while t2.is_cons() {
            if t2.car() == sym1 {
                found = true;
                let this_cdr = t2.cdr();
                let cur = this_cdr.car_safe();
                if val1 == cur {
                    break;
                }
                record_change(buffer, t, i, sym1, cur);
                let newv = match set_type {
                    SetType::Replace => val1,
                    _ if cur.is_cons() && (sym1 != face || !crate::runtime::symbol::is_keyword(cur.car())) => {
                        if set_type == SetType::Prepend {
                            cons(val1, cur)
                        } else if destructive {
                            let mut last = cur;
                            while last.cdr().is_cons() {
                                last = last.cdr();
                            }
                            last.cons_ref().cdr = cons(val1, Value::NIL);
                            cur
                        } else {
                            let mut items: Vec<Value> = cur.iter().collect();
                            items.push(val1);
                            crate::runtime::alloc::list(&items)
                        }
                    }
                    SetType::Prepend => list2(val1, cur),
                    SetType::Append => list2(cur, val1),
                };
                if this_cdr.is_cons() {
                    this_cdr.cons_ref().car = newv;
                }
                changed = true;
                break;
            }
            t2 = t2.cdr().cdr_safe();
        }
        if !found {
            record_change(buffer, t, i, sym1, Value::NIL);
            t.ivs[i].plist = cons(sym1, cons(val1, t.ivs[i].plist));
            changed = true;
        }
    }
    changed
}

/// `remove_properties` with a list of property NAMES.
fn remove_properties(t: &mut Intervals, i: usize, names: &[Value], buffer: bool) -> bool {
    let mut changed = false;
    let mut current_plist = t.ivs[i].plist;
    for &sym in names {
        while current_plist.is_cons() && current_plist.car() == sym {
            record_change(buffer, t, i, sym, current_plist.cdr().car_safe());
            current_plist = current_plist.cdr().cdr_safe();
            changed = true;
        }
        // As Emacs: after unlinking an element, scanning continues from
        // the unlinked cell.
        let mut tail2 = current_plist;
        while tail2.is_cons() {
            let this = tail2.cdr_safe().cdr_safe();
            if this.is_cons() && this.car() == sym {
                record_change(buffer, t, i, sym, this.cdr().car_safe());
                let after = this.cdr().cdr_safe();
                if tail2.cdr().is_cons() {
                    tail2.cdr().cons_ref().cdr = after;
                }
                changed = true;
            }
            tail2 = this;
        }
    }
    if changed {
        t.ivs[i].plist = current_plist;
    }
    changed
}

/// `modify_text_properties` for the current buffer: checks, hooks, counts.
fn modify_text_properties(start: usize, end: usize) -> LResult<()> {
    prepare_to_modify(start, end)?;
    let b = current();
    if b.modiff <= b.save_modiff {
        undo::record_first_change();
    }
    modiff_incr(&mut b.modiff, 1);
    let pbs = crate::runtime::symbol::intern("point-before-scroll");
    let d = pbs.sym();
    d.value = Value::NIL;
    Ok(())
}

/// Whether [s, e) (offsets) of T is covered by intervals all of which
/// satisfy OK.
fn all_satisfy(t: &Intervals, s: usize, e: usize, ok: impl Fn(Value) -> bool) -> bool {
    let (mut i, mut pos) = t.find(s);
    loop {
        if !ok(t.ivs[i].plist) {
            return false;
        }
        pos += t.ivs[i].len;
        i += 1;
        if pos >= e || i >= t.ivs.len() {
            return true;
        }
    }
}

/// `add_text_properties_1` on chars START..END (object positions, ordered
/// and validated) of TARGET.  Returns whether anything changed.
pub fn add_text_properties(target: Target, start: usize, end: usize, props: Value, set_type: SetType, destructive: bool) -> LResult<bool> {
    let props = validate_plist(props)?;
    if props.is_nil() || start >= end || target.text_len() == 0 {
        return Ok(false);
    }
    let base = target.base();
    let (s, e) = (start - base, end - base);
    if target.with_view(|t| !t.is_null() && all_satisfy(t, s, e, |p| has_all_properties(props, p))) {
        return Ok(false);
    }
    if target.is_buffer() {
        modify_text_properties(start, end)?;
    }
    let mut t = target.load();
    if t.is_null() {
        t = Intervals::root(target.text_len());
    }
    add_text_properties_core(&mut t, s, e, props, set_type, destructive, target.is_buffer());
    target.store(t);
    if target.is_buffer() {
        signal_after_change(start, end - start, end - start)?;
    }
    Ok(true)
}

fn add_text_properties_core(t: &mut Intervals, s: usize, e: usize, props: Value, set_type: SetType, destructive: bool, buffer: bool) {
    let (mut i, istart) = t.find(s);
    let mut len = e - s;
    if has_all_properties(props, t.ivs[i].plist) {
        let mut got = t.ivs[i].len - (s - istart);
        loop {
            if got >= len {
                return;
            }
            len -= got;
            i += 1;
            got = t.ivs[i].len;
            if !has_all_properties(props, t.ivs[i].plist) {
                break;
            }
        }
    } else if istart != s {
        let unchanged = i;
        i = t.split_right(unchanged, s - istart);
        t.copy_properties(unchanged, i);
    }
    loop {
        if t.ivs[i].len >= len {
            if has_all_properties(props, t.ivs[i].plist) {
                return;
            }
            if t.ivs[i].len == len {
                add_properties(t, i, props, set_type, destructive, buffer);
                return;
            }
            let n = t.split_left(i, len);
            t.copy_properties(n + 1, n);
            add_properties(t, n, props, set_type, destructive, buffer);
            return;
        }
        len -= t.ivs[i].len;
        add_properties(t, i, props, set_type, destructive, buffer);
        i += 1;
        if i >= t.ivs.len() {
            return;
        }
    }
}

/// `set_text_properties` on START..END (validated, ordered object
/// positions).  WHOLE_STRING_ARGS: START and END were literally 0 and the
/// string's length.  COHERENT: run checks and hooks (buffers).
pub fn set_text_properties(
    target: Target,
    start: usize,
    end: usize,
    props: Value,
    whole_string_args: bool,
    coherent: bool,
) -> LResult<bool> {
    let props = validate_plist(props)?;
    if let Target::Str(s) = target {
        if props.is_nil() && whole_string_args {
            if s.string_ref().props.is_nil() {
                return Ok(false);
            }
            s.string_ref().props = Value::NIL;
            return Ok(true);
        }
    }
    if start >= end || target.text_len() == 0 {
        return Ok(false);
    }
    let null = target.with_view(|t| t.is_null());
    if null && props.is_nil() {
        return Ok(false);
    }
    if target.is_buffer() && coherent {
        modify_text_properties(start, end)?;
    }
    let base = target.base();
    let mut t = target.load();
    if t.is_null() {
        t = Intervals::root(target.text_len());
    }
    let (i, _) = t.find(start - base);
    set_text_properties_1_undo(&mut t, start - base, end - base, props, i, target.is_buffer());
    target.store(t);
    if target.is_buffer() && coherent {
        signal_after_change(start, end - start, end - start)?;
    }
    Ok(true)
}

/// The `set_properties` undo recorder for the current buffer.
pub fn record_set_properties(start: usize, len: usize, old: Value, new: Value) {
    for (sym, val) in plist_iter(old) {
        if property_value(new, sym) != Some(val) {
            undo::record_property_change(current(), start + 1, len, sym, val);
        }
    }
    for (sym, _) in plist_iter(new) {
        if property_value(old, sym).is_none() {
            undo::record_property_change(current(), start + 1, len, sym, Value::NIL);
        }
    }
}

/// `set_text_properties_1` with undo records when BUFFER.
fn set_text_properties_1_undo(t: &mut Intervals, s: usize, e: usize, props: Value, i: usize, buffer: bool) {
    if !buffer {
        set_text_properties_1(t, s, e, props, i);
        return;
    }
    let mut record = record_set_properties;
    set_text_properties_1_hook(t, s, e, props, i, Some(&mut record));
}

/// Property names of PLIST (every other element).
fn plist_names(plist: Value) -> Vec<Value> {
    plist_iter(plist).map(|(k, _)| k).collect()
}

/// `remove-text-properties` (names from a plist) or
/// `remove-list-of-text-properties` (LIST_FORM: names from a list).
pub fn remove_text_properties(target: Target, start: usize, end: usize, props: Value, list_form: bool) -> LResult<bool> {
    let names: Vec<Value> = if list_form { props.iter().collect() } else { plist_names(props) };
    if start >= end || target.text_len() == 0 {
        return Ok(false);
    }
    let base = target.base();
    let (s, e) = (start - base, end - base);
    if target.with_view(|t| t.is_null() || all_satisfy(t, s, e, |p| !has_some_properties(&names, p))) {
        return Ok(false);
    }
    if target.is_buffer() {
        modify_text_properties(start, end)?;
    }
    let mut t = target.load();
    remove_core(&mut t, s, e, &names, target.is_buffer());
    target.store(t);
    if target.is_buffer() {
        signal_after_change(start, end - start, end - start)?;
    }
    Ok(true)
}

fn remove_core(t: &mut Intervals, s: usize, e: usize, names: &[Value], buffer: bool) {
    let (mut i, istart) = t.find(s);
    let mut len = e - s;
    if !has_some_properties(names, t.ivs[i].plist) {
        let mut got = t.ivs[i].len - (s - istart);
        loop {
            if got >= len {
                return;
            }
            len -= got;
            i += 1;
            if i >= t.ivs.len() {
                return;
            }
            got = t.ivs[i].len;
            if has_some_properties(names, t.ivs[i].plist) {
                break;
            }
        }
    } else if istart != s {
        let unchanged = i;
        i = t.split_right(unchanged, s - istart);
        t.copy_properties(unchanged, i);
    }
    loop {
        if t.ivs[i].len >= len {
            if !has_some_properties(names, t.ivs[i].plist) {
                return;
            }
            if t.ivs[i].len == len {
                remove_properties(t, i, names, buffer);
                return;
            }
            let n = t.split_left(i, len);
            t.copy_properties(n + 1, n);
            remove_properties(t, n, names, buffer);
            return;
        }
        len -= t.ivs[i].len;
        remove_properties(t, i, names, buffer);
        i += 1;
        if i >= t.ivs.len() {
            return;
        }
    }
}

/// `text_property_list`: ((S E PLIST) ...) for the non-nil intervals of
/// START..END (object positions), in reverse order as Emacs builds it.
pub fn text_property_list(target: Target, start: usize, end: usize, prop: Value) -> Vec<(usize, usize, Value)> {
    target.with_view(|t| property_list_of(t, target, start, end, prop))
}

fn property_list_of(t: &Intervals, target: Target, start: usize, end: usize, prop: Value) -> Vec<(usize, usize, Value)> {
    let mut out = Vec::new();
    if t.is_null() || start >= end || target.text_len() == 0 {
        return out;
    }
    let base = target.base();
    let (e, mut s) = (end - base, start - base);
    let (mut i, mut pos) = t.find(s);
    while s < e {
        let iend = (pos + t.ivs[i].len).min(e);
        let mut plist = t.ivs[i].plist;
        if !prop.is_nil() {
            let mut l = plist;
            while l.is_cons() {
                if l.car() == prop {
                    plist = list2(prop, l.cdr().car_safe());
                    break;
                }
                l = l.cdr().cdr_safe();
            }
        }
        if !plist.is_nil() {
            out.push((s + base, iend + base, plist));
        }
        pos += t.ivs[i].len;
        i += 1;
        if i >= t.ivs.len() {
            break;
        }
        s = pos;
    }
    out.reverse();
    out
}

/// `copy_text_properties`: the properties of START..END of SRC added to
/// DEST from POS, as `add-text-properties` (stuff collected first).
pub fn copy_text_properties(src: Target, start: usize, end: usize, dest: Target, pos: usize) -> LResult<bool> {
    let items = text_property_list(src, start, end, Value::NIL);
    let mut modified = false;
    // text_property_list is reversed; copy_text_properties also conses,
    // so the additions happen in reverse text order.
    for (s, e, plist) in items.iter().copied() {
        let (ds, de) = (s - start + pos, e - start + pos);
        if add_text_properties(dest, ds, de, plist, SetType::Replace, true)? {
            modified = true;
        }
    }
    Ok(modified)
}

/// The plist of the interval at buffer position POS of B (`text-properties-at`).
pub fn plist_at(b: &Buffer, pos: usize) -> Value {
    if b.intervals.is_null() || pos >= b.z() {
        return Value::NIL;
    }
    let (i, _) = b.intervals.find(pos - 1);
    b.intervals.ivs[i].plist
}
