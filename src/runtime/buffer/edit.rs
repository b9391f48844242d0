//! Changing buffer text, as insdel.c does: every insertion and deletion
//! checks read-only-ness (`buffer-read-only`, `read-only` text properties),
//! runs the change hooks, moves markers and point, adjusts the accessible
//! region and the text-property intervals, and counts the modification.
//! Everything works on the current buffer, as in Emacs.

use super::intervals::{string_intervals, textget, Intervals};
use super::{as_buffer, current, current_buffer, set_buffer, syms, Buffer};
use crate::runtime::alloc::{list1, list2, list3};
use crate::runtime::error::{signal, LResult};
use crate::runtime::heap::RootedVec;
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
use crate::runtime::string::{char_is_raw_byte, encode_char, raw_byte_char, raw_byte_value, LispString};
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;

fn var(s: Value) -> Value {
    let v = value_cell(s);
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// `modiff_incr`: the counter grows by about log2 of the change size.
pub fn modiff_incr(counter: &mut i64, len: usize) {
    let incr = if len == 0 { 1 } else { (usize::BITS - 1 - len.leading_zeros()) as i64 + 1 };
    *counter += incr;
}

/// `(buffer-read-only BUFFER)` unless something inhibits it.
fn buffer_read_only_error() -> crate::runtime::error::Flow {
    signal(syms().buffer_read_only, list1(current_buffer()))
}

fn text_read_only(v: Value) -> crate::runtime::error::Flow {
    let ro = intern("text-read-only");
    if v.is_string() {
        signal(ro, list1(v))
    } else {
        signal(ro, Value::NIL)
    }
}

/// `barf-if-buffer-read-only` at POS.
pub fn barf_if_read_only(pos: usize) -> LResult<()> {
    let s = syms();
    if !var(s.buffer_read_only).is_nil() && var(s.inhibit_read_only).is_nil() {
        let b = current();
        let prop = if pos >= b.begv && pos < b.z() { textget(super::textprop::plist_at(b, pos), s.inhibit_read_only) } else { Value::NIL };
        if prop.is_nil() {
            return Err(buffer_read_only_error());
        }
    }
    Ok(())
}

fn memq(x: Value, l: Value) -> bool {
    l.iter().any(|e| e == x)
}

fn tmem(sym: Value, set: Value) -> bool {
    if set.is_cons() {
        memq(sym, set)
    } else {
        !set.is_nil()
    }
}

/// `verify_interval_modification` for START..END of B: signals for
/// read-only text, records the `insert-behind-hooks` and
/// `insert-in-front-hooks` of an insertion (run after it) and runs the
/// `modification-hooks` of changed text.
fn verify_intervals(b: &Buffer, start: usize, end: usize) -> LResult<()> {
    let t = &b.intervals;
    if t.is_null() {
        // (Emacs skips this function then, leaving the hooks recorded.)
        return Ok(());
    }
    let st = super::state();
    st.insert_behind_hooks = Value::NIL;
    st.insert_in_front_hooks = Value::NIL;
    let s = syms();
    let inhibit = var(s.inhibit_read_only);
    let (start, end) = (start.min(end), start.max(end));
    let plist = |k: usize| t.ivs[k].plist;
    if start == end {
        let (i, istart) = t.find(start - 1);
        let istart = istart + 1;
        let prev = if start == b.begv {
            None
        } else if istart == start {
            i.checked_sub(1)
        } else {
            Some(i)
        };
        let cur = if start == b.zv { None } else { Some(i) };
        if inhibit.is_nil() || inhibit.is_cons() {
            let front_blocks = |k: usize| {
                let tem = textget(plist(k), s.front_sticky);
                tmem(s.read_only, tem) || (super::intervals::plist_get(plist(k), s.read_only).is_nil() && tmem(s.category, tem))
            };
            let rear_blocks = |k: usize| {
                let tem = textget(plist(k), s.rear_nonsticky);
                !tmem(s.read_only, tem) && (!super::intervals::plist_get(plist(k), s.read_only).is_nil() || !tmem(s.category, tem))
            };
            if cur != prev {
                if let Some(k) = cur {
                    let after = textget(plist(k), s.read_only);
                    if !after.is_nil() && !memq(after, inhibit) && front_blocks(k) {
                        return Err(text_read_only(after));
                    }
                }
                if let Some(k) = prev {
                    let before = textget(plist(k), s.read_only);
                    if !before.is_nil() && !memq(before, inhibit) && rear_blocks(k) {
                        return Err(text_read_only(before));
                    }
                }
            } else if let Some(k) = cur {
                let after = textget(plist(k), s.read_only);
                if !after.is_nil() && !memq(after, inhibit) && (front_blocks(k) || rear_blocks(k)) {
                    return Err(text_read_only(after));
                }
            }
        }
        if let Some(k) = prev {
            st.insert_behind_hooks = textget(plist(k), intern("insert-behind-hooks"));
        }
        if let Some(k) = cur {
            st.insert_in_front_hooks = textget(plist(k), intern("insert-in-front-hooks"));
        }
        return Ok(());
    }
    let buffer_ro = !var(s.buffer_read_only).is_nil() && inhibit.is_nil();
    let run_hooks = var(s.inhibit_modification_hooks).is_nil();
    let mod_sym = intern("modification-hooks");
    let (mut i, istart) = t.find(start - 1);
    let mut pos = istart + 1;
    let mut p;
    let mut hooks = RootedVec::new();
    let mut prev_hooks = Value::NIL;
    loop {
        let pl = t.ivs[i].plist;
        let ro = textget(pl, s.read_only);
        let implied = ro.is_nil() || (!inhibit.is_nil() && !inhibit.is_cons());
        let express = !textget(pl, s.inhibit_read_only).is_nil() || (!ro.is_nil() && inhibit.is_cons() && memq(ro, inhibit));
        if !implied && !express {
            return Err(text_read_only(ro));
        } else if !express && buffer_ro {
            return Err(buffer_read_only_error());
        }
        if run_hooks {
            let h = textget(pl, mod_sym);
            if !h.is_nil() && h != prev_hooks {
                hooks.push(h);
                prev_hooks = h;
            }
        }
        p = pos + t.ivs[i].len;
        pos = p;
        i += 1;
        if i >= t.ivs.len() || pos >= end {
            break;
        }
    }
    if p < end && buffer_ro {
        return Err(buffer_read_only_error());
    }
    let args = [Value::fixnum(start as i64), Value::fixnum(end as i64)];
    for k in 0..hooks.len() {
        call_mod_hooks(hooks[k], &args)?;
    }
    Ok(())
}

/// `call_mod_hooks`: each function of the list LIST called with ARGS.
fn call_mod_hooks(list: Value, args: &[Value]) -> LResult<()> {
    let mut l = list;
    while !l.is_nil() {
        crate::runtime::funcall(l.car_safe(), args)?;
        l = l.cdr_safe();
    }
    Ok(())
}

/// `report_interval_modification`: the insertion hooks recorded before an
/// insertion of START..END run now.
fn report_interval_modification(start: usize, end: usize) -> LResult<()> {
    let st = super::state();
    let (behind, front) = (st.insert_behind_hooks, st.insert_in_front_hooks);
    let args = [Value::fixnum(start as i64), Value::fixnum(end as i64)];
    if !behind.is_nil() {
        call_mod_hooks(behind, &args)?;
    }
    if !front.is_nil() && front != behind {
        call_mod_hooks(front, &args)?;
    }
    Ok(())
}

/// `prepare_to_modify_buffer` for a change of START..END in the current buffer.
pub fn prepare_to_modify(start: usize, end: usize) -> LResult<()> {
    let s = syms();
    if !var(s.buffer_read_only).is_nil() {
        barf_if_read_only(start)?;
    }
    verify_intervals(current(), start, end)?;
    if !var(s.inhibit_modification_hooks).is_nil() {
        return Ok(());
    }
    signal_before_change(start, end)?;
    set_variable(intern("deactivate-mark"), Value::T)?;
    Ok(())
}

/// Runs HOOK (a hook variable) with ARGS, with modification hooks inhibited;
/// an error resets the hook to nil, as insdel.c does.
fn run_change_hook(hook: Value, args: &[Value]) -> LResult<()> {
    let v = var(hook);
    if v.is_nil() {
        return Ok(());
    }
    let depth = specpdl_depth();
    specbind(syms().inhibit_modification_hooks, Value::T)?;
    let mut call = vec![hook];
    call.extend_from_slice(args);
    let r = crate::runtime::funcall(intern("run-hook-with-args"), &call);
    unbind_to(depth);
    if r.is_err() {
        let saved = crate::runtime::error::pending();
        let _ = set_variable(hook, Value::NIL);
        return Err(saved.restore());
    }
    Ok(())
}

fn signal_before_change(start: usize, end: usize) -> LResult<()> {
    let s = syms();
    let b = current();
    if b.modiff <= b.save_modiff {
        run_change_hook(s.first_change_hook, &[])?;
    }
    run_change_hook(s.before_change_functions, &[Value::fixnum(start as i64), Value::fixnum(end as i64)])
}

/// `signal_after_change`: LENINS chars now at START replaced LENDEL chars.
pub fn signal_after_change(start: usize, lendel: usize, lenins: usize) -> LResult<()> {
    let s = syms();
    if !var(s.inhibit_modification_hooks).is_nil() {
        return Ok(());
    }
    let args = [Value::fixnum(start as i64), Value::fixnum((start + lenins) as i64), Value::fixnum(lendel as i64)];
    let st = super::state();
    let saved = (st.insert_behind_hooks, st.insert_in_front_hooks);
    run_change_hook(s.after_change_functions, &args)?;
    let st = super::state();
    (st.insert_behind_hooks, st.insert_in_front_hooks) = saved;
    if lendel == 0 {
        let depth = specpdl_depth();
        specbind(s.inhibit_modification_hooks, Value::T)?;
        let r = report_interval_modification(start, start + lenins);
        unbind_to(depth);
        r?;
    }
    Ok(())
}

/// The bytes of chars FROM..TO of string S converted to a buffer of the
/// given representation (`copy_text`).
pub fn convert_for_buffer(st: &LispString, from: usize, to: usize, multibyte: bool) -> Vec<u8> {
    let (bf, bt) = (st.byte_offset(from), st.byte_offset(to));
    let src = &st.data[bf..bt];
    if st.multibyte == multibyte {
        return src.to_vec();
    }
    let mut out = Vec::with_capacity(src.len() * 2);
    if multibyte {
        for &byte in src {
            encode_char(raw_byte_char(byte), &mut out);
        }
    } else {
        let sub = LispString::new(src.to_vec(), to - from, true);
        for c in sub.chars() {
            out.push(char_to_byte8(c));
        }
    }
    out
}

/// `CHAR_TO_BYTE8`.
pub fn char_to_byte8(c: u32) -> u8 {
    if char_is_raw_byte(c) {
        raw_byte_value(c)
    } else {
        (c & 0xFF) as u8
    }
}

/// Inserts BYTES (NCHARS chars, already in the buffer's representation)
/// at point with the intervals SOURCE (null: plain text), then moves point
/// after it (`insert_1_both` / `insert_from_string_1`).
fn insert_raw(bytes: &[u8], nchars: usize, source: &Intervals, inherit: bool, before_markers: bool) -> LResult<()> {
    if nchars == 0 {
        return Ok(());
    }
    let opoint = current().pt;
    prepare_to_modify(opoint, opoint)?;
    let b = current();
    let pt = b.pt;
    super::undo::record_insert(b, pt, nchars);
    modiff_incr(&mut b.modiff, nchars);
    b.chars_modiff = b.modiff;
    b.text.insert(pt - 1, bytes, nchars);
    b.markers.borrow_mut().adjust_insert(pt, nchars, before_markers);
    b.zv += nchars;
    b.intervals.offset(pt - 1, nchars as isize);
    let len = b.z() - 1;
    let mut record = super::textprop::record_set_properties;
    b.intervals.graft(source, pt - 1, nchars, len, inherit, Some(&mut record));
    b.pt += nchars;
    signal_after_change(opoint, 0, current().pt - opoint)
}

/// Inserts chars FROM..TO of string S at point (`insert_from_string`).
pub fn insert_from_string(s: Value, from: usize, to: usize, inherit: bool, before_markers: bool) -> LResult<()> {
    let st = s.string_ref();
    if to <= from {
        return Ok(());
    }
    let bytes = convert_for_buffer(st, from, to, current().multibyte());
    let ivs = string_intervals(s);
    let ivs = if ivs.is_null() || (from == 0 && to == st.nchars) { ivs } else { ivs.copy_range(from, to - from) };
    insert_raw(&bytes, to - from, &ivs, inherit, before_markers)
}

/// Inserts the characters CHARS at point (`insert` of character arguments).
pub fn insert_chars(chars: &[u32], inherit: bool, before_markers: bool) -> LResult<()> {
    let mb = current().multibyte();
    let mut bytes = Vec::with_capacity(chars.len());
    for &c in chars {
        if mb {
            encode_char(c, &mut bytes);
        } else {
            bytes.push(char_to_byte8(c));
        }
    }
    insert_raw(&bytes, chars.len(), &Intervals::default(), inherit, before_markers)
}

/// Inserts internal-encoding text already in the buffer's representation.
pub fn insert_bytes(bytes: &[u8], nchars: usize, inherit: bool) -> LResult<()> {
    insert_raw(bytes, nchars, &Intervals::default(), inherit, false)
}

/// Chars FROM..TO of the current buffer as a string, with properties when
/// PROPS (`make_buffer_string_both`).
pub fn buffer_string(from: usize, to: usize, props: bool) -> Value {
    let b = current();
    let s = b.substring(from, to);
    if props && !b.intervals.is_null() && to > from {
        // Only when some property changes in the range or the first char
        // has properties (`make_buffer_string_both`).
        let t = &b.intervals;
        let (i, istart) = t.find(from - 1);
        let first = t.ivs[i].plist;
        let mut j = i + 1;
        let mut pos = istart + t.ivs[i].len;
        while j < t.ivs.len() && pos < to - 1 && super::intervals::plists_equal(t.ivs[i].plist, t.ivs[j].plist, false) {
            pos += t.ivs[j].len;
            j += 1;
        }
        let changes = j < t.ivs.len() && pos < to - 1;
        if changes || !first.is_nil() {
            let c = t.copy_range(from - 1, to - from);
            super::intervals::set_string_intervals(s, &c);
        }
    }
    s
}

/// `del_range_1`: deletes FROM..TO (clipped to the accessible region)
/// of the current buffer; returns the deleted text when RET_STRING.
pub fn del_range(from: usize, to: usize, prepare: bool, ret_string: bool) -> LResult<Value> {
    let b = current();
    let (from, to) = (from.max(b.begv), to.min(b.zv));
    if from >= to {
        return Ok(if ret_string { buffer_string(from, from, false) } else { Value::NIL });
    }
    if prepare {
        prepare_to_modify(from, to)?;
    }
    let b = current();
    let (from, to) = (from.max(b.begv), to.min(b.zv));
    if from >= to {
        return Ok(Value::NIL);
    }
    let undo_on = !super::undo::disabled(b);
    let deleted = if ret_string || undo_on { buffer_string(from, to, true) } else { Value::NIL };
    let n = to - from;
    let b = current();
    super::undo::record_delete(b, from, deleted);
    b.markers.borrow_mut().adjust_delete(from, to);
    b.text.delete(from - 1, to - 1);
    modiff_incr(&mut b.modiff, n);
    b.chars_modiff = b.modiff;
    if from < b.pt {
        b.pt -= b.pt.min(to) - from;
    }
    b.zv -= n;
    b.intervals.offset(from - 1, -(n as isize));
    signal_after_change(from, n, 0)?;
    Ok(deleted)
}

/// Replaces the chars FROM..TO of the current buffer with CHARS, keeping
/// text properties position by position when the length is unchanged, as
/// `casify_region` and `subst-char-in-region` do.  No hooks are run here.
pub fn replace_chars_in_place(from: usize, chars: &[u32]) {
    let b = current();
    let mb = b.multibyte();
    let to = from + chars.len();
    let mut bytes = Vec::with_capacity(chars.len());
    for &c in chars {
        if mb {
            encode_char(c, &mut bytes);
        } else {
            bytes.push(char_to_byte8(c));
        }
    }
    b.text.replace(from - 1, to - 1, &bytes, chars.len());
}

/// Runs F with BUF temporarily current.
pub fn with_buffer<T>(buf: Value, f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let old = current_buffer();
    set_buffer(buf);
    let r = f();
    if as_buffer(old).is_some_and(|b| b.live()) {
        set_buffer(old);
    }
    r
}

/// A host-side insertion of TEXT at 0-based index POS of BUFFER.
pub fn host_insert(buffer: Value, pos: usize, text: &str) -> LResult<()> {
    let Some(b) = as_buffer(buffer) else {
        return Ok(());
    };
    if !b.live() {
        return Ok(());
    }
    let s = crate::runtime::string::make_string(text);
    with_buffer(buffer, || {
        let b = current();
        let opt = b.pt;
        let (obegv, ozv) = (b.begv, b.zv);
        let target = (pos + 1).min(b.z());
        b.begv = 1;
        b.zv = b.z();
        b.pt = target;
        let n = s.string_ref().nchars;
        let r = insert_from_string(s, 0, n, false, false);
        let b = current();
        b.pt = if opt > target { opt + n } else { opt };
        b.begv = if obegv > target { obegv + n } else { obegv };
        b.zv = if ozv >= target { ozv + n } else { ozv };
        r
    })
}

/// A host-side deletion of chars FROM..TO (0-based) of BUFFER.
pub fn host_delete(buffer: Value, from: usize, to: usize) -> LResult<()> {
    let Some(b) = as_buffer(buffer) else {
        return Ok(());
    };
    if !b.live() {
        return Ok(());
    }
    with_buffer(buffer, || {
        let b = current();
        let (from, to) = ((from + 1).min(b.z()), (to + 1).min(b.z()));
        if from >= to {
            return Ok(());
        }
        let (obegv, ozv) = (b.begv, b.zv);
        b.begv = 1;
        b.zv = b.z();
        let r = del_range(from, to, true, false);
        let b = current();
        let shift = |p: usize| {
            if p > to {
                p - (to - from)
            } else if p > from {
                from
            } else {
                p
            }
        };
        b.begv = shift(obegv);
        b.zv = shift(ozv);
        r.map(|_| ())
    })
}

/// Data for `args-out-of-range` errors about a region.
pub fn region_error(a: Value, b: Value) -> crate::runtime::error::Flow {
    signal(crate::runtime::sym::ARGS_OUT_OF_RANGE, list3(current_buffer(), a, b))
}

pub fn pos_error(a: Value) -> crate::runtime::error::Flow {
    signal(crate::runtime::sym::ARGS_OUT_OF_RANGE, list2(a, a))
}
