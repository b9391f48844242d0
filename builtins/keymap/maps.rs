//! Keymap objects and the operations on one keymap (keymap.c's first half):
//! `make-keymap` (a char-table for all unmodified characters),
//! `make-sparse-keymap`, `keymapp` (through symbols' functions, and
//! autoloaded keymaps), parents (`keymap-parent`, `set-keymap-parent` with
//! its cycle check), `keymap-prompt`, one-event lookup (`access_keymap`:
//! meta characters through `meta-prefix-char`, `t` default bindings,
//! embedded and inherited maps merged into a new keymap), the indirections
//! of `keymap--get-keyelt` (menu items, `:filter`), storing a binding
//! (`store_in_keymap`: vectors, char-tables, character ranges, REMOVE),
//! `copy-keymap`, `map-keymap` / `map-keymap-internal`, and the key-sequence
//! walks of `define-key` and `lookup-key`.
use super::events::{
    apply_modifiers, event_convert_list, lucid_event_type_list_p, parse_modifiers_pair, reorder_modifiers, CHAR_MODIFIER_MASK, META,
};
use super::{call_prim, check_depth, flush_where_is_cache, map_char_table_with, meta_prefix_char, syms};
use crate::builtins::data::types::{aref, aset, is_character};
use crate::builtins::fns::lists::{f_delq, f_nth};
use crate::builtins::fns::seq::{f_copy_sequence, f_substring};
use crate::builtins::prelude::*;
use crate::runtime::symbol::indirect_function;

/// The callback of a keymap walk: (EVENT, DEFINITION).
pub type KeyFn<'a> = &'a mut dyn FnMut(Value, Value) -> LResult<()>;

/// `Fmake_char_table (Qkeymap, Qnil)`.
fn make_keymap_char_table() -> LResult {
    call_prim(crate::builtins::alloc::SUBRS, "make-char-table", &[syms().keymap, Value::NIL])
}

fn set_char_table_range(table: Value, range: Value, value: Value) -> LResult {
    call_prim(crate::builtins::chartab::SUBRS, "set-char-table-range", &[table, range, value])
}

fn f_make_keymap(a: &[Value]) -> LResult {
    let tail = if a[0].is_nil() { Value::NIL } else { list1(a[0]) };
    Ok(cons(syms().keymap, cons(make_keymap_char_table()?, tail)))
}

/// `make-sparse-keymap`: (keymap) or (keymap PROMPT).
pub fn make_sparse_keymap(prompt: Value) -> Value {
    if prompt.is_nil() {
        list1(syms().keymap)
    } else {
        list2(syms().keymap, prompt)
    }
}

fn f_make_sparse_keymap(a: &[Value]) -> LResult {
    Ok(make_sparse_keymap(a[0]))
}

/// keymap.c `get_keymap`: OBJECT as a keymap (a symbol stands for its
/// function), else nil or, with ERROR_IF_NOT, `(wrong-type-argument keymapp
/// OBJECT)`.  A symbol autoloaded as a keymap is loaded when AUTOLOAD, and
/// returned as it is when neither AUTOLOAD nor ERROR_IF_NOT.
pub fn get_keymap(object: Value, error_if_not: bool, autoload: bool) -> LResult {
    let k = syms().keymap;
    loop {
        if object.is_nil() {
            break;
        }
        if object.is_cons() && object.car() == k {
            return Ok(object);
        }
        let tem = indirect_function(object);
        if tem.is_cons() {
            if tem.car() == k {
                return Ok(tem);
            }
            if (autoload || !error_if_not) && tem.car() == sym::AUTOLOAD && object.is_symbol() {
                let kind = f_nth(&[Value::fixnum(4), tem])?;
                if kind == k {
                    if autoload {
                        crate::builtins::eval::autoload_do_load(tem, object, Value::NIL)?;
                        continue;
                    }
                    return Ok(object);
                }
            }
        }
        break;
    }
    if error_if_not {
        return Err(wrong_type(intern("keymapp"), object));
    }
    Ok(Value::NIL)
}

/// `KEYMAPP`: whether OBJECT is a keymap (autoloaded ones included).
pub fn keymapp(object: Value) -> LResult<bool> {
    Ok(!get_keymap(object, false, false)?.is_nil())
}

fn f_keymapp(a: &[Value]) -> LResult {
    Ok(Value::bool(keymapp(a[0])?))
}

/// keymap.c `keymap_parent`: the tail of KEYMAP that is its parent.
pub fn keymap_parent(keymap: Value, autoload: bool) -> LResult {
    let keymap = get_keymap(keymap, true, autoload)?;
    let mut list = keymap.cdr();
    while list.is_cons() {
        if keymapp(list)? {
            return Ok(list);
        }
        list = list.cdr();
    }
    get_keymap(list, false, autoload)
}

fn f_keymap_parent(a: &[Value]) -> LResult {
    keymap_parent(a[0], true)
}

/// Whether MAP is MAPS or one of its ancestors.
fn keymap_memberp(map: Value, mut maps: Value) -> LResult<bool> {
    if map.is_nil() {
        return Ok(false);
    }
    while keymapp(maps)? && map != maps {
        maps = keymap_parent(maps, false)?;
    }
    Ok(map == maps)
}

fn f_set_keymap_parent(a: &[Value]) -> LResult {
    flush_where_is_cache();
    let keymap = get_keymap(a[0], true, true)?;
    let mut parent = a[1];
    if !parent.is_nil() {
        parent = get_keymap(parent, true, false)?;
        if keymap_memberp(keymap, parent)? {
            return Err(error("Cyclic keymap inheritance"));
        }
    }
    let mut prev = keymap;
    loop {
        let list = prev.cdr();
        if !list.is_cons() || keymapp(list)? {
            prev.cons_ref().cdr = parent;
            return Ok(parent);
        }
        prev = list;
    }
}

fn keymap_prompt(map: Value, depth: usize) -> LResult {
    check_depth(depth)?;
    let mut map = get_keymap(map, false, false)?;
    while map.is_cons() {
        let tem = map.car();
        if tem.is_string() {
            return Ok(tem);
        }
        if keymapp(tem)? {
            let p = keymap_prompt(tem, depth + 1)?;
            if !p.is_nil() {
                return Ok(p);
            }
        }
        map = map.cdr();
    }
    Ok(Value::NIL)
}

fn f_keymap_prompt(a: &[Value]) -> LResult {
    keymap_prompt(a[0], 0)
}

/// `EVENT_HEAD`: the car of an event with parameters, else the event.
pub fn event_head(event: Value) -> Value {
    if event.is_cons() {
        event.car()
    } else {
        event
    }
}

/// The index access_keymap and store_in_keymap look up for event IDX:
/// symbols with canonical modifiers, fixnums cut to the meta bit.
fn canonical_index(idx: Value) -> LResult {
    if idx.is_symbol() {
        return reorder_modifiers(idx);
    }
    if let Some(n) = idx.as_fixnum() {
        return Ok(Value::fixnum(n & (META | (META - 1))));
    }
    Ok(idx)
}

/// keymap.c `access_keymap_1`: the binding of event IDX in MAP (a keymap or
/// a list of keymaps), None when there is none (Emacs's `Qunbound`).
/// T_OK accepts `t` default bindings, NOINHERIT stops at the parent.
pub fn access_keymap_1(map: Value, idx: Value, t_ok: bool, noinherit: bool, autoload: bool, depth: usize) -> LResult<Option<Value>> {
    check_depth(depth)?;
    let mut map = map;
    let mut idx = canonical_index(event_head(idx))?;
    if let Some(n) = idx.as_fixnum().filter(|n| n & META != 0) {
        let mut mpc = meta_prefix_char();
        if mpc.as_fixnum().is_some_and(|m| m & META != 0) {
            mpc = Value::fixnum(27);
            crate::runtime::specpdl::set_variable(syms().meta_prefix_char, mpc)?;
        }
        let binding = access_keymap_1(map, mpc, t_ok, noinherit, autoload, depth + 1)?;
        let meta_map = get_keymap(binding.unwrap_or(Value::NIL), false, autoload)?;
        if meta_map.is_cons() {
            map = meta_map;
            idx = Value::fixnum(n & !META);
        } else if t_ok {
            idx = Value::T;
        } else {
            return Ok(binding.filter(|b| b.is_nil()));
        }
    }
    scan_keymap(map, idx, t_ok, noinherit, autoload, depth)
}

/// The binding ELEMENT (an element of a keymap's list) gives to IDX: Some
/// when it binds IDX (nil included), None when it says nothing.
fn element_binding(binding: Value, idx: Value) -> LResult<Option<Value>> {
    if let Some(v) = binding.as_vector() {
        let i = idx.as_fixnum().filter(|&i| i >= 0 && (i as usize) < v.len());
        return Ok(i.map(|i| v[i as usize]));
    }
    if binding.as_char_table().is_some() {
        if let Some(i) = idx.as_fixnum().filter(|i| i & CHAR_MODIFIER_MASK == 0) {
            let v = aref(binding, Value::fixnum(i))?;
            return Ok(Some(v).filter(|v| !v.is_nil()));
        }
    }
    Ok(None)
}

/// The loop of `access_keymap_1` over MAP's elements for canonical IDX.
fn scan_keymap(map: Value, idx: Value, mut t_ok: bool, noinherit: bool, autoload: bool, depth: usize) -> LResult<Option<Value>> {
    let k = syms().keymap;
    let mut t_binding: Option<Value> = None;
    let mut retval: Option<Value> = None;
    let mut retval_tail = Value::NIL;
    let mut tail = if map.is_cons() && map.car() == k { map.cdr() } else { map };
    loop {
        if !tail.is_cons() {
            tail = get_keymap(tail, false, autoload)?;
            if !tail.is_cons() {
                break;
            }
        }
        let binding = tail.car();
        let submap = get_keymap(binding, false, autoload)?;
        let mut val: Option<Value> = None;
        if binding == k {
            if noinherit || retval == Some(Value::NIL) {
                break;
            }
            if let Some(r) = retval {
                let found = access_keymap_1(tail, idx, t_ok, false, autoload, depth + 1)?;
                let parent_entry = get_keymap(found.unwrap_or(Value::NIL), false, autoload)?;
                if keymapp(parent_entry)? {
                    if retval_tail.is_cons() {
                        retval_tail.cons_ref().cdr = parent_entry;
                    } else {
                        retval_tail = cons(r, parent_entry);
                        retval = Some(cons(k, retval_tail));
                    }
                }
                break;
            }
        } else if submap.is_cons() {
            val = access_keymap_1(submap, idx, t_ok, noinherit, autoload, depth + 1)?;
        } else if binding.is_cons() {
            let key = binding.car();
            if key == idx {
                val = Some(binding.cdr());
            } else if t_ok && key.is_t() {
                t_binding = Some(binding.cdr());
                t_ok = false;
            }
        } else {
            val = element_binding(binding, idx)?;
        }
        if let Some(v) = val {
            let v = get_keyelt(if v.is_t() { Value::NIL } else { v }, autoload)?;
            let unset = retval.is_none_or(|r| r.is_nil());
            if !keymapp(v)? {
                if unset {
                    retval = Some(v);
                }
                if !v.is_nil() {
                    break;
                }
            } else if unset {
                retval = Some(v);
            } else if retval_tail.is_cons() {
                retval_tail.cons_ref().cdr = list1(v);
                retval_tail = retval_tail.cdr();
            } else {
                retval_tail = list1(v);
                retval = Some(cons(k, cons(retval.unwrap_or(Value::NIL), retval_tail)));
            }
        }
        tail = tail.cdr();
    }
    match retval {
        Some(r) => Ok(Some(r)),
        None => match t_binding {
            Some(b) => Ok(Some(get_keyelt(b, autoload)?)),
            None => Ok(None),
        },
    }
}

/// keymap.c `access_keymap`: as `access_keymap_1`, nil for no binding.
pub fn access_keymap(map: Value, idx: Value, t_ok: bool, noinherit: bool, autoload: bool) -> LResult {
    Ok(access_keymap_1(map, idx, t_ok, noinherit, autoload, 0)?.unwrap_or(Value::NIL))
}

/// `menu_item_eval_property`: evaluates SEXPR dynamically with redisplay
/// inhibited; an error gives nil.
fn menu_item_eval_property(sexpr: Value) -> LResult {
    use crate::runtime::error::{conditions_match, pending, ExitKind, Handler};
    use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
    let count = specpdl_depth();
    specbind(intern("inhibit-redisplay"), Value::T)?;
    let rt = rt();
    rt.handlers.push(Handler::CondCase(sym::ERROR));
    let depth = rt.handlers.len();
    let r = crate::runtime::eval(sexpr, Value::NIL);
    crate::runtime::rt().handlers.truncate(depth - 1);
    unbind_to(count);
    let Err(flow) = r else { return r };
    let p = pending();
    let conditions = if p.a.is_symbol() { get(p.a, sym::ERROR_CONDITIONS) } else { Value::NIL };
    if p.kind == ExitKind::Signal && conditions_match(sym::ERROR, conditions) {
        return Ok(Value::NIL);
    }
    Err(flow)
}

/// keymap.c `get_keyelt`: the definition a keymap slot's OBJECT stands
/// for, past menu strings, help strings and `menu-item` wrappers (whose
/// `:filter` is applied when AUTOLOAD).
pub fn get_keyelt(object: Value, autoload: bool) -> LResult {
    let s = syms();
    let mut object = object;
    loop {
        if !object.is_cons() {
            return Ok(object);
        }
        if object.car() == s.menu_item {
            if !object.cdr().is_cons() {
                return Ok(object);
            }
            object = object.cdr().cdr();
            let mut tem = object;
            if object.is_cons() {
                object = object.car();
            }
            while tem.is_cons() && tem.cdr().is_cons() {
                if tem.car() == s.filter && autoload {
                    let filter = tem.cdr().car();
                    let form = list2(filter, list2(sym::QUOTE, object));
                    object = menu_item_eval_property(form)?;
                    break;
                }
                tem = tem.cdr();
            }
        } else if object.car().is_string() {
            object = object.cdr();
        } else {
            return Ok(object);
        }
    }
}

fn f_keymap_get_keyelt(a: &[Value]) -> LResult {
    get_keyelt(a[0], !a[1].is_nil())
}

/// `CHECK_CHARACTER_CDR`.
fn check_character_cdr(c: Value) -> LResult<()> {
    check(is_character(c.cdr()), sym::CHARACTERP, c.cdr())
}

/// A character range (FROM . TO) as an event, with its characters.
fn char_range(idx: Value) -> Option<(i64, i64)> {
    if idx.is_cons() && is_character(idx.car()) {
        Some((idx.car().as_fixnum_unchecked(), idx.cdr().as_fixnum().unwrap_or(-1)))
    } else {
        None
    }
}

/// keymap.c `store_in_keymap`: binds IDX (an event, or a character range)
/// to DEF in KEYMAP itself (not its parents), or removes the binding.
pub fn store_in_keymap(keymap: Value, idx: Value, def: Value, remove: bool) -> LResult {
    flush_where_is_cache();
    let k = syms().keymap;
    if idx == k {
        return Err(error(&crate::builtins::editfns::format::quoted_message("`keymap' is reserved for embedded parent maps")));
    }
    if !keymap.is_cons() || keymap.car() != k {
        return Err(error("attempt to define a key in a non-keymap"));
    }
    let idx = if idx.is_cons() && is_character(idx.car()) {
        check_character_cdr(idx)?;
        idx
    } else {
        canonical_index(event_head(idx))?
    };
    let range = char_range(idx);
    let mut insertion_point = keymap;
    let mut tail = keymap.cdr();
    while tail.is_cons() {
        let elt = tail.car();
        if let Some(v) = elt.as_vector() {
            let len = v.len() as i64;
            if let Some(i) = idx.as_fixnum().filter(|&i| i >= 0 && i < len) {
                v[i as usize] = def;
                return Ok(def);
            }
            if let Some((from, to)) = range {
                let end = to.min(len - 1);
                for i in from..=end {
                    v[i as usize] = def;
                }
                if end == to {
                    return Ok(def);
                }
            }
            insertion_point = tail;
        } else if elt.as_char_table().is_some() {
            let sdef = if remove {
                Value::NIL
            } else if def.is_nil() {
                Value::T
            } else {
                def
            };
            if idx.as_fixnum().is_some_and(|i| i >= 0 && i & CHAR_MODIFIER_MASK == 0) {
                aset(elt, idx, sdef)?;
                return Ok(def);
            }
            if range.is_some() {
                set_char_table_range(elt, idx, sdef)?;
                return Ok(def);
            }
            insertion_point = tail;
        } else if elt.is_cons() {
            if elt.car() == k {
                // A sub keymap: bindings found there are updated in place.
                tail = elt;
                insertion_point = elt;
            } else if idx == elt.car() {
                if remove {
                    f_delq(&[elt, insertion_point])?;
                } else {
                    elt.cons_ref().cdr = def;
                }
                return Ok(def);
            } else if let (Some((from, to)), true) = (range, is_character(elt.car())) {
                let c = elt.car().as_fixnum_unchecked();
                if from <= c && to >= c {
                    if remove {
                        insertion_point = f_delq(&[elt, insertion_point])?;
                    } else {
                        elt.cons_ref().cdr = def;
                    }
                    if from == to {
                        return Ok(def);
                    }
                }
            }
        } else if elt == k {
            break;
        }
        tail = tail.cdr();
    }
    if !remove {
        let elt = if range.is_some() {
            let t = make_keymap_char_table()?;
            set_char_table_range(t, idx, if def.is_nil() { Value::T } else { def })?;
            t
        } else {
            cons(idx, def)
        };
        insertion_point.cons_ref().cdr = cons(elt, insertion_point.cdr());
    }
    Ok(def)
}

// ---------------------------------------------------------------------------
// copy-keymap

/// keymap.c `copy_keymap_item`: ELT with the conses of its menu wrappers
/// and any keymap it holds copied.
fn copy_keymap_item(elt: Value, depth: usize) -> LResult {
    let s = syms();
    if !elt.is_cons() {
        return Ok(elt);
    }
    let mut elt = elt;
    let mut tem = elt;
    let mut res = elt;
    if tem.car() == s.menu_item {
        elt = cons(tem.car(), tem.cdr());
        res = elt;
        tem = elt.cdr();
        if tem.is_cons() {
            elt.cons_ref().cdr = cons(tem.car(), tem.cdr());
            elt = elt.cdr();
            tem = elt.cdr();
        }
        if tem.is_cons() {
            elt.cons_ref().cdr = cons(tem.car(), tem.cdr());
            elt = elt.cdr();
            let binding = elt.car();
            if binding.is_cons() && binding.car() == s.keymap {
                elt.cons_ref().car = copy_keymap_1(binding, depth)?;
            }
        }
    } else if tem.car().is_string() {
        elt = cons(tem.car(), tem.cdr());
        res = elt;
        tem = elt.cdr();
        if tem.is_cons() && tem.car().is_string() {
            elt.cons_ref().cdr = cons(tem.car(), tem.cdr());
            elt = elt.cdr();
            tem = elt.cdr();
        }
        if tem.is_cons() && tem.car() == s.keymap {
            elt.cons_ref().cdr = copy_keymap_1(tem, depth)?;
        }
    } else if tem.car() == s.keymap {
        res = copy_keymap_1(elt, depth)?;
    }
    Ok(res)
}

/// keymap.c `copy_keymap_1`: KEYMAP's own part copied (sub keymaps too),
/// sharing its parent.
fn copy_keymap_1(keymap: Value, depth: usize) -> LResult {
    if depth > 100 {
        return Err(error("Possible infinite recursion when copying keymap"));
    }
    check_depth(depth)?;
    let k = syms().keymap;
    let keymap = get_keymap(keymap, true, false)?;
    let copy = list1(k);
    let mut tail = copy;
    let mut rest = keymap.cdr();
    while rest.is_cons() && rest.car() != k {
        let mut elt = rest.car();
        if elt.as_char_table().is_some() {
            elt = f_copy_sequence(&[elt])?;
            let table = elt;
            map_char_table_with(table, &mut |key, val| {
                let item = copy_keymap_item(val, depth + 1)?;
                set_char_table_range(table, key, item).map(|_| ())
            })?;
        } else if elt.as_vector().is_some() {
            elt = f_copy_sequence(&[elt])?;
            let len = elt.as_vector().map_or(0, |v| v.len());
            for i in 0..len {
                let item = elt.as_vector().and_then(|v| v.get(i).copied()).unwrap_or(Value::NIL);
                let item = copy_keymap_item(item, depth + 1)?;
                if let Some(slot) = elt.as_vector().and_then(|v| v.get_mut(i)) {
                    *slot = item;
                }
            }
        } else if elt.is_cons() {
            elt = if elt.car() == k { copy_keymap_1(elt, depth + 1)? } else { cons(elt.car(), copy_keymap_item(elt.cdr(), depth + 1)?) };
        }
        tail.cons_ref().cdr = list1(elt);
        tail = tail.cdr();
        rest = rest.cdr();
    }
    tail.cons_ref().cdr = rest;
    Ok(copy)
}

fn f_copy_keymap(a: &[Value]) -> LResult {
    copy_keymap_1(a[0], 0)
}

// ---------------------------------------------------------------------------
// map-keymap

/// Calls F with KEY and VAL (`t` standing for an explicit nil).
fn map_keymap_item(f: KeyFn, key: Value, val: Value) -> LResult<()> {
    f(key, if val.is_t() { Value::NIL } else { val })
}

/// keymap.c `map_keymap_internal`: F on each binding of MAP's own part;
/// returns the tail where its parent (or an embedded keymap) starts.
pub fn map_keymap_internal(map: Value, f: KeyFn) -> LResult {
    let k = syms().keymap;
    let mut tail = if map.is_cons() && map.car() == k { map.cdr() } else { map };
    while tail.is_cons() && tail.car() != k {
        let binding = tail.car();
        if keymapp(binding)? {
            break;
        } else if binding.is_cons() {
            map_keymap_item(f, binding.car(), binding.cdr())?;
        } else if let Some(v) = binding.as_vector() {
            let len = v.len();
            for c in 0..len {
                let val = binding.as_vector().and_then(|v| v.get(c).copied()).unwrap_or(Value::NIL);
                map_keymap_item(f, Value::fixnum(c as i64), val)?;
            }
        } else if binding.as_char_table().is_some() {
            map_char_table_with(binding, &mut |key, val| {
                if val.is_nil() {
                    return Ok(());
                }
                let key = if key.is_cons() { cons(key.car(), key.cdr()) } else { key };
                map_keymap_item(f, key, val)
            })?;
        }
        tail = tail.cdr();
    }
    Ok(tail)
}

/// keymap.c `map_keymap`: F on every binding of MAP, its embedded keymaps
/// and its parents.
pub fn map_keymap(map: Value, f: KeyFn, autoload: bool) -> LResult<()> {
    map_keymap_depth(map, f, autoload, 0)
}

fn map_keymap_depth(map: Value, f: KeyFn, autoload: bool, depth: usize) -> LResult<()> {
    check_depth(depth)?;
    let mut map = get_keymap(map, true, autoload)?;
    while map.is_cons() {
        if keymapp(map.car())? {
            map_keymap_depth(map.car(), f, autoload, depth + 1)?;
            map = map.cdr();
        } else {
            map = map_keymap_internal(map, f)?;
        }
        if !map.is_cons() {
            map = get_keymap(map, false, autoload)?;
        }
    }
    Ok(())
}

fn f_map_keymap_internal(a: &[Value]) -> LResult {
    let (function, keymap) = (a[0], a[1]);
    let keymap = get_keymap(keymap, true, true)?;
    map_keymap_internal(keymap, &mut |k, v| funcall(function, &[k, v]).map(|_| ()))
}

fn f_map_keymap(a: &[Value]) -> LResult {
    let (function, keymap) = (a[0], a[1]);
    if !a[2].is_nil() {
        return funcall(intern("map-keymap-sorted"), &[function, keymap]);
    }
    map_keymap(keymap, &mut |k, v| funcall(function, &[k, v]).map(|_| ()), true)?;
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// Key sequences: define-key, lookup-key

/// `CHECK_VECTOR_OR_STRING`: KEY's length, or `(wrong-type-argument arrayp KEY)`.
pub fn check_vector_or_string(key: Value) -> LResult<usize> {
    if key.is_string() {
        return Ok(key.string_ref().nchars);
    }
    match key.as_vector() {
        Some(v) => Ok(v.len()),
        None => Err(wrong_type(sym::ARRAYP, key)),
    }
}

/// keymap.c `possibly_translate_key_sequence`: a KEY like ["C-c a"] parsed
/// with `key-parse` (when `key-valid-p` accepts it); its new length.
fn possibly_translate_key_sequence(key: Value, length: &mut usize) -> LResult {
    let Some(first) = key.as_vector().filter(|v| v.len() == 1).map(|v| v[0]).filter(|e| e.is_string()) else {
        return Ok(key);
    };
    let valid_p = intern("key-valid-p");
    if valid_p.sym().function.is_nil() {
        let msg = make_string("`key-valid-p' is not defined, so this syntax can't be used: %s");
        return Err(signal_list(sym::ERROR, &[msg, key]));
    }
    if funcall(valid_p, &[first])?.is_nil() {
        return Ok(key);
    }
    let parsed = funcall(intern("key-parse"), &[first])?;
    *length = check_vector_or_string(parsed)?;
    if *length == 0 {
        return Err(signal_list(sym::ERROR, &[make_string("Invalid `key-parse' syntax: %S"), parsed]));
    }
    Ok(parsed)
}

/// `message_with_string ("Key sequence contains invalid event %s", C, 1)`:
/// C must be a string (else `wrong-type-argument stringp`); in batch the
/// message goes to standard error.
fn invalid_event_message(c: Value) -> LResult<()> {
    check(c.is_string(), sym::STRINGP, c)?;
    let mut data = b"Key sequence contains invalid event ".to_vec();
    let s = c.string_ref();
    let msg = if s.multibyte {
        data.extend_from_slice(&s.data);
        make_string_from_bytes(data, true)
    } else if s.is_ascii() {
        data.extend_from_slice(&s.data);
        make_string_from_bytes(data, false)
    } else {
        for &b in &s.data {
            encode_char(raw_byte_char(b), &mut data);
        }
        make_string_from_bytes(data, true)
    };
    crate::builtins::editfns::message_to_stderr(Some(msg));
    Ok(())
}

/// keymap.c `silly_event_symbol_error`: binding [RET] (or [C-M-TAB]...)
/// is an error that says which character vector to use instead.
fn silly_event_symbol_error(c: Value) -> LResult<()> {
    let (base, modifiers) = parse_modifiers_pair(c)?;
    let name = base.sym().name.string_ref();
    let replacement = match &name.data[..] {
        b"DEL" => "\\d",
        b"TAB" => "\\t",
        b"RET" => "\\r",
        b"ESC" => "\\e",
        b"SPC" => " ",
        _ => return Ok(()),
    };
    let mut mods = String::new();
    for (bit, s) in [
        (super::events::ALT, "\\A-"),
        (super::events::CTRL, "\\C-"),
        (super::events::HYPER, "\\H-"),
        (META, "\\M-"),
        (super::events::SHIFT, "\\S-"),
        (super::events::SUPER, "\\s-"),
    ] {
        if modifiers & bit != 0 {
            mods.push_str(s);
        }
    }
    let c = reorder_modifiers(c)?;
    let cname = c.sym().name.string_ref().to_string_lossy();
    Err(error(&format!("To bind the key {cname}, use [?{mods}{replacement}], not [{cname}]")))
}

/// The event at IDX of key sequence KEY.
fn key_event(key: Value, idx: usize) -> LResult {
    aref(key, Value::fixnum(idx as i64))
}

/// Converts the XEmacs-style keyboard macro DEF (a vector of event lists).
fn convert_lucid_macro(def: Value) -> LResult {
    let Some(v) = def.as_vector() else { return Ok(def) };
    if v.is_empty() || !v[0].is_cons() {
        return Ok(def);
    }
    let mut items = v.clone();
    for i in (0..items.len()).rev() {
        if items[i].is_cons() && lucid_event_type_list_p(items[i]) {
            items[i] = event_convert_list(items[i])?;
        }
    }
    Ok(make_vector(items))
}

fn f_define_key(a: &[Value]) -> LResult {
    define_key(a[0], a[1], a[2], !a[3].is_nil())
}

/// `define-key`: binds key sequence KEY to DEF in KEYMAP, making missing
/// prefix keys into sparse keymaps; meta characters become `meta-prefix-char`
/// followed by the character.
pub fn define_key(keymap: Value, key: Value, def: Value, remove: bool) -> LResult {
    let mut keymap = get_keymap(keymap, true, true)?;
    let mut length = check_vector_or_string(key)?;
    if length == 0 {
        return Ok(Value::NIL);
    }
    let multibyte = key.is_string() && key.string_ref().multibyte;
    let meta_bit = if key.as_vector().is_some() || multibyte { META } else { 0x80 };
    let def = convert_lucid_macro(def)?;
    let key = possibly_translate_key_sequence(key, &mut length)?;
    let mut metized = false;
    let mut idx = 0usize;
    loop {
        let mut c = key_event(key, idx)?;
        if c.is_cons() {
            if lucid_event_type_list_p(c) {
                c = event_convert_list(c)?;
            } else if is_character(c.car()) {
                check_character_cdr(c)?;
            }
        }
        if c.is_symbol() {
            silly_event_symbol_error(c)?;
        }
        if c.as_fixnum().is_some_and(|n| n & meta_bit != 0) && !metized {
            c = meta_prefix_char();
            metized = true;
        } else {
            if let Some(n) = c.as_fixnum() {
                c = Value::fixnum(n & !meta_bit);
            }
            metized = false;
            idx += 1;
        }
        if !c.is_fixnum() && !c.is_symbol() && (!c.is_cons() || (c.car().is_fixnum() && idx != length)) {
            invalid_event_message(c)?;
        }
        if idx == length {
            return store_in_keymap(keymap, c, def, remove);
        }
        let mut cmd = access_keymap(keymap, c, false, true, true)?;
        if cmd.is_nil() {
            cmd = make_sparse_keymap(Value::NIL);
            store_in_keymap(keymap, c, cmd, false)?;
        }
        keymap = get_keymap(cmd, false, true)?;
        if !keymap.is_cons() {
            return Err(non_prefix_error(key, idx, metized && c == meta_prefix_char()));
        }
    }
}

/// "Key sequence K starts with non-prefix key P", P being KEY's first IDX
/// events (and an ESC the meta character was turned into).
fn non_prefix_error(key: Value, idx: usize, trailing_esc: bool) -> Flow {
    let full = match super::describe::key_description(key, Value::NIL) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let prefix = match f_substring(&[key, Value::fixnum(0), Value::fixnum(idx as i64)])
        .and_then(|p| super::describe::key_description(p, Value::NIL))
    {
        Ok(d) => d,
        Err(e) => return e,
    };
    let esc = if !trailing_esc {
        ""
    } else if idx == 0 {
        "ESC"
    } else {
        " ESC"
    };
    let mut data = b"Key sequence ".to_vec();
    data.extend_from_slice(&full.string_ref().data);
    data.extend_from_slice(b" starts with non-prefix key ");
    data.extend_from_slice(&prefix.string_ref().data);
    data.extend_from_slice(esc.as_bytes());
    let multibyte = full.string_ref().multibyte && !data.is_ascii();
    crate::runtime::error::error_value(make_string_from_bytes(data, multibyte))
}

/// keymap.c `lookup_key_1`: KEY's binding in KEYMAP (a keymap or a list of
/// keymaps), or the number of its events that reach a non-prefix binding.
fn lookup_key_1(keymap: Value, key: Value, accept_default: Value) -> LResult {
    let t_ok = !accept_default.is_nil();
    let mut keymap = keymap;
    if !keymap.is_cons() && !keymap.is_nil() {
        keymap = get_keymap(keymap, true, true)?;
    }
    let mut length = check_vector_or_string(key)?;
    if length == 0 {
        return Ok(keymap);
    }
    let key = possibly_translate_key_sequence(key, &mut length)?;
    let unibyte_string = key.is_string() && !key.string_ref().multibyte;
    let mut idx = 0usize;
    loop {
        let mut c = key_event(key, idx)?;
        idx += 1;
        if c.is_cons() && lucid_event_type_list_p(c) {
            c = event_convert_list(c)?;
        }
        if let Some(n) = c.as_fixnum().filter(|n| unibyte_string && n & 0x80 != 0) {
            c = Value::fixnum((n | META) & !0x80);
        }
        if !c.is_fixnum() && !c.is_symbol() && !c.is_cons() && !c.is_string() {
            invalid_event_message(c)?;
        }
        let cmd = access_keymap(keymap, c, t_ok, false, true)?;
        if idx == length {
            return Ok(cmd);
        }
        keymap = get_keymap(cmd, false, true)?;
        if !keymap.is_cons() {
            return Ok(Value::fixnum(idx as i64));
        }
    }
}

/// `lookup-key`: KEY's binding in KEYMAP; a number when a proper prefix of
/// KEY is bound to a non-prefix.  A `menu-bar` key that is not found is
/// tried again with its symbols downcased, then with spaces made dashes.
pub fn lookup_key(keymap: Value, key: Value, accept_default: Value) -> LResult {
    let found = lookup_key_1(keymap, key, accept_default)?;
    if !found.is_nil() && !found.is_number() {
        return Ok(found);
    }
    if !key.as_vector().is_some_and(|v| !v.is_empty() && v[0] == syms().menu_bar) {
        return Ok(found);
    }
    menu_bar_lookup(keymap, key, accept_default, found)
}

/// The backwards-compatible part of `lookup-key` for menu-bar keys.
fn menu_bar_lookup(keymap: Value, key: Value, accept_default: Value, found: Value) -> LResult {
    let mut table = super::root(super::Root::UnicodeCaseTable);
    if table.is_nil() {
        table = call_prim(crate::builtins::chartab::SUBRS, "unicode-property-table-internal", &[intern("lowercase")]).unwrap_or(Value::NIL);
        if table.as_char_table().is_none() {
            return Ok(found);
        }
        super::set_root(super::Root::UnicodeCaseTable, table);
    }
    let current = call_prim(crate::builtins::casetab::SUBRS, "current-case-table", &[])?;
    let mut found = found;
    for t in [table, current] {
        let len = key.as_vector().map_or(0, |v| v.len());
        let v = make_vector(vec![Value::NIL; len]);
        for i in 0..len {
            let item = key.as_vector().and_then(|k| k.get(i).copied()).unwrap_or(Value::NIL);
            let item = if item.is_symbol() { downcase_symbol(item, t)? } else { item };
            if let Some(slot) = v.as_vector().and_then(|n| n.get_mut(i)) {
                *slot = item;
            }
        }
        found = lookup_key_1(keymap, v, accept_default)?;
        if !found.is_nil() && !found.is_number() {
            break;
        }
        let slots = v.as_vector().expect("new key vector");
        for slot in slots.iter_mut() {
            if !slot.is_symbol() {
                continue;
            }
            let name = slot.sym().name.string_ref();
            if !name.data.contains(&b' ') {
                continue;
            }
            let data: Vec<u8> = name.data.iter().map(|&b| if b == b' ' { b'-' } else { b }).collect();
            *slot = intern_string(make_string_from_bytes(data, true));
        }
        found = lookup_key_1(keymap, v, accept_default)?;
        if !found.is_nil() && !found.is_number() {
            break;
        }
    }
    Ok(found)
}

/// ITEM's name downcased: with `downcase` when unibyte, else character by
/// character through case table TABLE; interned.
fn downcase_symbol(item: Value, table: Value) -> LResult {
    let name = item.sym().name;
    let s = name.string_ref();
    if !s.multibyte {
        let d = call_prim(crate::builtins::casefiddle::SUBRS, "downcase", &[name])?;
        return Ok(intern_string(d));
    }
    let mut data = Vec::with_capacity(s.data.len());
    for c in s.chars() {
        let conv = crate::builtins::data::types::char_table_ref(table, c);
        let c = conv.as_fixnum().map_or(c, |n| n as u32);
        encode_char(c, &mut data);
    }
    Ok(intern_string(make_string_from_bytes(data, true)))
}

fn f_lookup_key(a: &[Value]) -> LResult {
    lookup_key(a[0], a[1], a[2])
}

/// The (base . mask) of an event, for callers outside this module.
pub fn event_modifiers(event: Value) -> LResult<(Value, i64)> {
    parse_modifiers_pair(event)
}

/// Applies modifier MASK to BASE (re-exported for `describe`).
pub fn modified_event(mask: i64, base: Value) -> LResult {
    apply_modifiers(mask, base)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("make-keymap", 0, 1, f_make_keymap, "Construct and return a new keymap, of the form (keymap CHARTABLE . ALIST)."),
    SubrDef::new("make-sparse-keymap", 0, 1, f_make_sparse_keymap, "Construct and return a new sparse keymap."),
    SubrDef::new("keymapp", 1, 1, f_keymapp, "Return t if OBJECT is a keymap."),
    SubrDef::new("keymap-parent", 1, 1, f_keymap_parent, "Return the parent keymap of KEYMAP."),
    SubrDef::new("set-keymap-parent", 2, 2, f_set_keymap_parent, "Modify KEYMAP to set its parent map to PARENT."),
    SubrDef::new("keymap-prompt", 1, 1, f_keymap_prompt, "Return the prompt-string of a keymap MAP."),
    SubrDef::new(
        "keymap--get-keyelt",
        2,
        2,
        f_keymap_get_keyelt,
        "Given OBJECT which was found in a slot in a keymap,\ntrace indirect definitions to get the actual definition of that slot.",
    ),
    SubrDef::new("copy-keymap", 1, 1, f_copy_keymap, "Return a copy of the keymap KEYMAP."),
    SubrDef::new("map-keymap-internal", 2, 2, f_map_keymap_internal, "Call FUNCTION once for each event binding in KEYMAP."),
    SubrDef::new(
        "map-keymap",
        2,
        3,
        f_map_keymap,
        "Call FUNCTION once for each event binding in KEYMAP.\n\nusage: (map-keymap FUNCTION KEYMAP)",
    ),
    SubrDef::new("define-key", 3, 4, f_define_key, "In KEYMAP, define key sequence KEY as DEF."),
    SubrDef::new("lookup-key", 2, 3, f_lookup_key, "Look up key sequence KEY in KEYMAP.  Return the definition."),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};

    fn s(x: &str) -> Value {
        make_string(x)
    }

    #[test]
    fn define_and_lookup_sparse() {
        setup();
        // (let ((m (make-sparse-keymap))) (define-key m "\C-xa" 'foo) m) -> (keymap (24 keymap (97 . foo)))
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, s("\x18a"), intern("foo"), false).unwrap();
        let prefix = lookup_key(m, s("\x18"), Value::NIL).unwrap();
        let expected = list2(intern("keymap"), cons(n(97), intern("foo")));
        assert!(crate::runtime::equality::equal(prefix, expected).unwrap());
        assert_eq!(lookup_key(m, s("\x18a"), Value::NIL).unwrap(), intern("foo"));
        // Too long: the number of events reaching a non-prefix binding.
        assert_eq!(lookup_key(m, s("\x18ab"), Value::NIL).unwrap(), n(2));
        assert_eq!(lookup_key(m, s("z"), Value::NIL).unwrap(), Value::NIL);
    }

    #[test]
    fn meta_goes_through_esc() {
        setup();
        // (define-key m [?\M-x] 'foo) -> (keymap (27 keymap (120 . foo)))
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, make_vector(vec![n(120 | META)]), intern("foo"), false).unwrap();
        assert_eq!(m.cdr().car().car(), n(27));
        // "\M-x" as a unibyte string is the same key.
        let unibyte = make_string_from_bytes(vec![0xF8], false);
        assert_eq!(lookup_key(m, unibyte, Value::NIL).unwrap(), intern("foo"));
        assert_eq!(lookup_key(m, make_vector(vec![n(27), n(120)]), Value::NIL).unwrap(), intern("foo"));
    }

    #[test]
    fn non_prefix_error() {
        setup();
        // (define-key m "ab" 'x) (define-key m "abc" 'y)
        // -> (error "Key sequence a b c starts with non-prefix key a b")
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, s("ab"), intern("x"), false).unwrap();
        assert!(define_key(m, s("abc"), intern("y"), false).is_err());
        let (sym_, data) = err_data();
        assert_eq!(sym_, sym::ERROR);
        assert_eq!(data[0].string_ref().to_string_lossy(), "Key sequence a b c starts with non-prefix key a b");
    }

    #[test]
    fn full_keymaps_use_char_tables() {
        setup();
        let m = f_make_keymap(&[Value::NIL]).unwrap();
        assert!(m.cdr().car().as_char_table().is_some());
        define_key(m, s("a"), intern("foo"), false).unwrap();
        define_key(m, s("b"), Value::NIL, false).unwrap();
        // An explicit nil is stored as t in the char-table.
        assert_eq!(aref(m.cdr().car(), n(98)).unwrap(), Value::T);
        assert_eq!(lookup_key(m, s("a"), Value::NIL).unwrap(), intern("foo"));
        assert_eq!(lookup_key(m, s("b"), Value::NIL).unwrap(), Value::NIL);
        // A range.
        define_key(m, make_vector(vec![cons(n(48), n(57))]), intern("digit"), false).unwrap();
        assert_eq!(lookup_key(m, s("5"), Value::NIL).unwrap(), intern("digit"));
    }

    #[test]
    fn parents_and_cycles() {
        setup();
        let m = make_sparse_keymap(Value::NIL);
        let p = make_sparse_keymap(Value::NIL);
        define_key(p, s("a"), intern("pa"), false).unwrap();
        f_set_keymap_parent(&[m, p]).unwrap();
        assert_eq!(keymap_parent(m, true).unwrap(), p);
        assert_eq!(lookup_key(m, s("a"), Value::NIL).unwrap(), intern("pa"));
        // A nil binding shadows the parent; REMOVE uncovers it again.
        define_key(m, s("a"), Value::NIL, false).unwrap();
        assert_eq!(lookup_key(m, s("a"), Value::NIL).unwrap(), Value::NIL);
        define_key(m, s("a"), Value::NIL, true).unwrap();
        assert_eq!(lookup_key(m, s("a"), Value::NIL).unwrap(), intern("pa"));
        // (set-keymap-parent p m) -> (error "Cyclic keymap inheritance")
        assert!(f_set_keymap_parent(&[p, m]).is_err());
        assert_eq!(err_data().0, sym::ERROR);
    }

    #[test]
    fn defaults_and_errors() {
        setup();
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, make_vector(vec![Value::T]), intern("dflt"), false).unwrap();
        assert_eq!(lookup_key(m, s("q"), Value::NIL).unwrap(), Value::NIL);
        assert_eq!(lookup_key(m, s("q"), Value::T).unwrap(), intern("dflt"));
        // (define-key m [RET] 'x) -> (error "To bind the key RET, use [?\\r], not [RET]")
        assert!(define_key(m, make_vector(vec![intern("RET")]), intern("x"), false).is_err());
        assert_eq!(err_data().1[0].string_ref().to_string_lossy(), "To bind the key RET, use [?\\r], not [RET]");
        // (define-key m 5 'x) -> (wrong-type-argument arrayp 5)
        assert!(define_key(m, n(5), intern("x"), false).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::ARRAYP, n(5)]));
        // (keymapp 'foo) with foo autoloaded as a keymap -> t, not loaded.
        let f = intern("km-test-autoload");
        crate::runtime::symbol::set_function(f, list(&[sym::AUTOLOAD, s("nofile"), Value::NIL, Value::NIL, intern("keymap")]));
        assert!(keymapp(f).unwrap());
    }

    #[test]
    fn keyelt_and_copy() {
        setup();
        let item = list(&[intern("menu-item"), s("Item"), intern("cmd")]);
        assert_eq!(get_keyelt(item, false).unwrap(), intern("cmd"));
        assert_eq!(get_keyelt(cons(s("Str"), intern("cmd")), false).unwrap(), intern("cmd"));
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, s("ab"), intern("x"), false).unwrap();
        let c = f_copy_keymap(&[m]).unwrap();
        define_key(m, s("ac"), intern("y"), false).unwrap();
        assert_eq!(lookup_key(c, s("ac"), Value::NIL).unwrap(), Value::NIL);
        assert_eq!(lookup_key(c, s("ab"), Value::NIL).unwrap(), intern("x"));
    }

    #[test]
    fn map_keymap_order() {
        // map-keymap calls back through `funcall`: the evaluator is needed.
        let _ = crate::engine::Engine::new();
        let m = f_make_keymap(&[Value::NIL]).unwrap();
        define_key(m, s("a"), intern("x"), false).unwrap();
        define_key(m, s("b"), intern("x"), false).unwrap();
        define_key(m, make_vector(vec![intern("f1")]), intern("y"), false).unwrap();
        let mut seen = Vec::new();
        map_keymap(
            m,
            &mut |k, v| {
                seen.push((k, v));
                Ok(())
            },
            false,
        )
        .unwrap();
        // The char-table comes first; a run of equal definitions is a range.
        assert_eq!(seen.len(), 2);
        assert_eq!((seen[0].0.car(), seen[0].0.cdr(), seen[0].1), (n(97), n(98), intern("x")));
        assert_eq!(seen[1], (intern("f1"), intern("y")));
    }

    #[test]
    fn menu_bar_keys_match_loosely() {
        setup();
        // lookup-key retries menu-bar keys downcased, then with dashes for
        // spaces, once a Unicode lowercase table exists (charprop.el).
        let mut t = CharTable::new(intern("foo"), Value::NIL, vec![]);
        crate::builtins::data::types::char_table_set_range(&mut t, 201, 201, n(233));
        super::super::set_root(super::super::Root::UnicodeCaseTable, heap().alloc_obj(Obj::CharTable(Box::new(t))));
        let m = make_sparse_keymap(Value::NIL);
        let menu_bar = intern("menu-bar");
        define_key(m, make_vector(vec![menu_bar, intern("foo-bar")]), intern("x"), false).unwrap();
        for name in ["Foo-Bar", "Foo Bar", "foo bar"] {
            let key = make_vector(vec![menu_bar, intern(name)]);
            assert_eq!(lookup_key(m, key, Value::NIL).unwrap(), intern("x"), "{name}");
        }
        assert!(lookup_key(m, make_vector(vec![menu_bar, intern("Qux")]), Value::NIL).unwrap().is_nil());
        // A multibyte name goes through the table character by character.
        define_key(m, make_vector(vec![menu_bar, intern("\u{e9}dit")]), intern("y"), false).unwrap();
        assert_eq!(lookup_key(m, make_vector(vec![menu_bar, intern("\u{c9}dit")]), Value::NIL).unwrap(), intern("y"));
    }

    #[test]
    fn key_parse_syntax() {
        let mut e = crate::engine::Engine::new();
        let m = make_sparse_keymap(Value::NIL);
        let key = make_vector(vec![s("C-c a")]);
        // Without keymap.el: (error "`key-valid-p' is not defined, so this syntax can't be used: %s" ["C-c a"])
        crate::runtime::symbol::set_function(intern("key-valid-p"), Value::NIL);
        assert!(define_key(m, key, intern("x"), false).is_err());
        let (err, data) = err_data();
        assert_eq!(err, sym::ERROR);
        assert_eq!(data[0].string_ref().to_string_lossy(), "`key-valid-p' is not defined, so this syntax can't be used: %s");
        assert_eq!(data[1], key);
        e.eval_str("(fset 'key-valid-p (lambda (k) (equal k \"C-c a\"))) (fset 'key-parse (lambda (_) (vector 3 97)))").unwrap();
        define_key(m, key, intern("x"), false).unwrap();
        assert_eq!(lookup_key(m, make_vector(vec![n(3), n(97)]), Value::NIL).unwrap(), intern("x"));
        assert_eq!(lookup_key(m, key, Value::NIL).unwrap(), intern("x"));
        // A string key-valid-p rejects is an event of its own.
        assert_eq!(lookup_key(m, make_vector(vec![s("bad")]), Value::NIL).unwrap(), Value::NIL);
        e.eval_str("(fset 'key-parse (lambda (_) []))").unwrap();
        assert!(define_key(m, key, intern("x"), false).is_err());
        assert_eq!(err_data().1[0].string_ref().to_string_lossy(), "Invalid `key-parse' syntax: %S");
    }
}
