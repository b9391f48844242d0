//! The active keymaps (keymap.c's middle part): the global map
//! (`use-global-map`, `current-global-map`), each buffer's local map
//! (`use-local-map`, `current-local-map`), the minor-mode maps of
//! `emulation-mode-map-alists`, `minor-mode-overriding-map-alist` and
//! `minor-mode-map-alist` (`current-minor-mode-maps`), the `keymap` and
//! `local-map` properties at point or at a click position
//! (intervals.c's `get_local_map`), the overriding maps
//! (`current-active-maps`), and the lookups through all of them:
//! `key-binding`, `minor-mode-key-binding` and `command-remapping`.
use super::maps::{event_head, get_keymap, keymapp, lookup_key};
use super::{root, set_root, syms, var, Root};
use crate::builtins::fns::lists::{f_nth, get};
use crate::builtins::prelude::*;
use crate::runtime::buffer::markers::as_marker;
use crate::runtime::buffer::{as_buffer, current, current_buffer};
use crate::runtime::specpdl::value_cell;
use crate::runtime::symbol::indirect_function;

/// keymap.c `current_minor_maps`: the MODE-VARIABLE, KEYMAP pairs of the
/// active minor modes, flattened (rooted, as callers run Lisp meanwhile):
/// emulation alists first, then the overriding alist, then
/// `minor-mode-map-alist` (skipping modes the overriding alist has).
pub fn current_minor_maps() -> RootedVec {
    let mut out = RootedVec::new();
    let mut emulation = var("emulation-mode-map-alists");
    let lists = [var("minor-mode-overriding-map-alist"), var("minor-mode-map-alist")];
    let mut list_number: i32 = 0;
    while list_number < 2 {
        let mut alist;
        if emulation.is_cons() {
            alist = emulation.car();
            emulation = emulation.cdr();
            if alist.is_symbol() {
                alist = value_cell(alist);
            }
            list_number = -1;
        } else {
            alist = lists[list_number as usize];
        }
        while alist.is_cons() {
            let assoc = alist.car();
            alist = alist.cdr();
            if !assoc.is_cons() || !assoc.car().is_symbol() {
                continue;
            }
            let variable = assoc.car();
            let val = value_cell(variable);
            if val == Value::UNBOUND || val.is_nil() {
                continue;
            }
            if list_number == 1 && lists[0].iter().any(|e| e.is_cons() && e.car() == variable) {
                continue;
            }
            let map = indirect_function(assoc.cdr());
            if !map.is_nil() {
                out.push(variable);
                out.push(map);
            }
        }
        list_number += 1;
    }
    out
}

/// keymap.c `click_position`: POSITION (a number or marker; point for
/// anything else), which must be in the accessible region.
fn click_position(position: Value) -> LResult<usize> {
    let b = current();
    let pos = if let Some(n) = position.as_fixnum() {
        n
    } else if let Some(m) = as_marker(position) {
        m.position().ok_or_else(|| error("Marker does not point anywhere"))? as i64
    } else {
        b.pt as i64
    };
    if !(b.begv as i64 <= pos && pos <= b.zv as i64) {
        return Err(args_out_of_range(current_buffer(), position));
    }
    Ok(pos as usize)
}

/// intervals.c `get_local_map`: the keymap the TYPE property (`keymap` or
/// `local-map`) of BUFFER gives at POSITION (the character after it, else
/// what an insertion there would inherit), ignoring narrowing; for
/// `local-map`, the buffer's local map when there is none.
pub fn get_local_map(position: usize, buffer: Value, ty: Value) -> LResult {
    use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
    let Some(b) = as_buffer(buffer) else { return Ok(Value::NIL) };
    let position = position.clamp(b.begv, b.zv);
    let (old_begv, old_zv) = (b.begv, b.zv);
    let count = specpdl_depth();
    specbind(intern("inhibit-quit"), Value::T)?;
    b.begv = 1;
    b.zv = b.z();
    let lispy = Value::fixnum(position as i64);
    let r = crate::builtins::textprop::get_char_property(lispy, ty, buffer).and_then(|p| {
        if p.is_nil() {
            crate::builtins::textprop::f_get_pos_property(&[lispy, ty, buffer])
        } else {
            Ok(p)
        }
    });
    if let Some(b) = as_buffer(buffer) {
        b.begv = old_begv.min(b.z());
        b.zv = old_zv.min(b.z());
    }
    unbind_to(count);
    let prop = get_keymap(r?, false, false)?;
    if prop.is_cons() {
        return Ok(prop);
    }
    if ty == syms().keymap {
        return Ok(Value::NIL);
    }
    Ok(as_buffer(buffer).map_or(Value::NIL, |b| b.keymap))
}

/// The text property PROP of STRING at (POS . STRING) click data.
fn string_property(pos: Value, prop: Value, string: Value) -> LResult {
    crate::builtins::textprop::get_text_property(pos, prop, string)
}

/// `current-active-maps`: the keymaps a key is looked up in, highest
/// precedence first; OLP obeys the overriding maps; POSITION is a click
/// position (a posn list), a buffer position or marker.
pub fn current_active_maps(olp: Value, position: Value) -> LResult {
    let mut keymaps = list1(root(Root::GlobalMap));
    let olm = var("overriding-local-map");
    if !olp.is_nil() && var("overriding-terminal-local-map").is_nil() && !olm.is_nil() {
        keymaps = cons(olm, keymaps);
    }
    if !keymaps.cdr().is_nil() {
        return Ok(keymaps);
    }
    let buffer = current_buffer();
    let pt = click_position(position)?;
    let s = syms();
    let mut local_map = get_local_map(pt, buffer, s.local_map)?;
    let mut keymap = get_local_map(pt, buffer, s.keymap)?;
    let otlp = var("overriding-terminal-local-map");
    if position.is_cons() {
        let mut string = f_nth(&[Value::fixnum(4), position])?;
        if string.is_nil() {
            let pos = f_nth(&[Value::fixnum(5), position])?;
            if pos.as_fixnum().is_some_and(|p| p >= 1 && p <= current().z() as i64) {
                let p = pos.as_fixnum_unchecked() as usize;
                local_map = get_local_map(p, buffer, s.local_map)?;
                keymap = get_local_map(p, buffer, s.keymap)?;
            }
        }
        if string.is_cons() && string.car().is_string() {
            let pos = string.cdr();
            string = string.car();
            if pos.as_fixnum().is_some_and(|p| p >= 0 && (p as usize) < string.string_ref().nchars) {
                let map = string_property(pos, s.local_map, string)?;
                if !map.is_nil() {
                    local_map = map;
                }
                let map = string_property(pos, s.keymap, string)?;
                if !map.is_nil() {
                    keymap = map;
                }
            }
        }
    }
    if !local_map.is_nil() {
        keymaps = cons(local_map, keymaps);
    }
    for pair in current_minor_maps().chunks(2).rev() {
        keymaps = cons(pair[1], keymaps);
    }
    if !keymap.is_nil() {
        keymaps = cons(keymap, keymaps);
    }
    if !olp.is_nil() && !otlp.is_nil() {
        keymaps = cons(otlp, keymaps);
    }
    Ok(keymaps)
}

fn f_current_active_maps(a: &[Value]) -> LResult {
    current_active_maps(a[0], a[1])
}

/// keyboard.h `EVENT_START` of an event with parameters.
fn event_start(event: Value) -> Value {
    let head = event_head(event);
    if head == intern("touchscreen-begin") || head == intern("touchscreen-end") {
        event.cdr_safe().car_safe().cdr_safe()
    } else {
        event.cdr_safe().car_safe()
    }
}

/// `key-binding`: KEY's binding in the active maps (from the clicked
/// position for a mouse event), remapped unless NO-REMAP.
pub fn key_binding(key: Value, accept_default: Value, no_remap: Value, position: Value) -> LResult {
    let mut position = position;
    if position.is_nil() {
        if let Some(v) = key.as_vector() {
            if v.is_empty() {
                return Ok(Value::NIL);
            }
            let event = v[if v[0].is_symbol() && v.len() > 1 { 1 } else { 0 }];
            if event.is_cons() && event.cdr().is_cons() {
                let kind = get(event_head(event), intern("event-kind"))?;
                if kind == intern("mouse-click") {
                    position = event_start(event);
                }
            }
        }
    }
    let maps = current_active_maps(Value::T, position)?;
    let value = lookup_key(maps, key, accept_default)?;
    if value.is_nil() || value.is_fixnum() {
        return Ok(Value::NIL);
    }
    if no_remap.is_nil() && value.is_symbol() {
        let remapped = command_remapping(value, position, Value::NIL)?;
        if !remapped.is_nil() {
            return Ok(remapped);
        }
    }
    Ok(value)
}

fn f_key_binding(a: &[Value]) -> LResult {
    key_binding(a[0], a[1], a[2], a[3])
}

/// `command-remapping`: the binding of [remap COMMAND] in KEYMAPS (the
/// active maps when nil), nil if none.
pub fn command_remapping(command: Value, position: Value, keymaps: Value) -> LResult {
    if !command.is_symbol() {
        return Ok(Value::NIL);
    }
    let v = root(Root::RemapVector);
    if let Some(slots) = v.as_vector() {
        slots[1] = command;
    }
    let found = if keymaps.is_nil() { key_binding(v, Value::NIL, Value::T, position)? } else { lookup_key(keymaps, v, Value::NIL)? };
    Ok(if found.is_fixnum() { Value::NIL } else { found })
}

fn f_command_remapping(a: &[Value]) -> LResult {
    command_remapping(a[0], a[1], a[2])
}

fn f_minor_mode_key_binding(a: &[Value]) -> LResult {
    let (key, accept_default) = (a[0], a[1]);
    let mut found = RootedVec::new();
    let minors = current_minor_maps();
    for pair in minors.chunks(2) {
        let (mode, map) = (pair[0], pair[1]);
        if map.is_nil() {
            continue;
        }
        let binding = lookup_key(map, key, accept_default)?;
        if binding.is_nil() || binding.is_fixnum() {
            continue;
        }
        if keymapp(binding)? {
            found.push(cons(mode, binding));
        } else if found.is_empty() {
            return Ok(list1(cons(mode, binding)));
        }
    }
    Ok(list(&found))
}

fn f_use_global_map(a: &[Value]) -> LResult {
    let keymap = get_keymap(a[0], true, true)?;
    set_root(Root::GlobalMap, keymap);
    Ok(Value::NIL)
}

fn f_use_local_map(a: &[Value]) -> LResult {
    let keymap = if a[0].is_nil() { Value::NIL } else { get_keymap(a[0], true, true)? };
    current().keymap = keymap;
    Ok(Value::NIL)
}

fn f_current_local_map(_: &[Value]) -> LResult {
    Ok(current().keymap)
}

fn f_current_global_map(_: &[Value]) -> LResult {
    Ok(root(Root::GlobalMap))
}

fn f_current_minor_mode_maps(_: &[Value]) -> LResult {
    let maps: Vec<Value> = current_minor_maps().chunks(2).map(|p| p[1]).collect();
    Ok(list(&maps))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("current-active-maps", 0, 2, f_current_active_maps, "Return a list of the currently active keymaps."),
    SubrDef::new("key-binding", 1, 4, f_key_binding, "Return the binding for command KEY in current keymaps."),
    SubrDef::new("minor-mode-key-binding", 1, 2, f_minor_mode_key_binding, "Find the visible minor mode bindings of KEY."),
    SubrDef::new("command-remapping", 1, 3, f_command_remapping, "Return the remapping for command COMMAND."),
    SubrDef::new("use-global-map", 1, 1, f_use_global_map, "Select KEYMAP as the global keymap."),
    SubrDef::new(
        "use-local-map",
        1,
        1,
        f_use_local_map,
        "Select KEYMAP as the local keymap.\nIf KEYMAP is nil, that means no local keymap.",
    ),
    SubrDef::new("current-local-map", 0, 0, f_current_local_map, "Return current buffer's local keymap, or nil if it has none."),
    SubrDef::new("current-global-map", 0, 0, f_current_global_map, "Return the current global keymap."),
    SubrDef::new(
        "current-minor-mode-maps",
        0,
        0,
        f_current_minor_mode_maps,
        "Return a list of keymaps for the minor modes of the current buffer.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::keymap::maps::{define_key, make_sparse_keymap};
    use crate::builtins::testutil::setup;

    #[test]
    fn global_local_and_minor_maps() {
        setup();
        let g = make_sparse_keymap(Value::NIL);
        let l = make_sparse_keymap(Value::NIL);
        let mm = make_sparse_keymap(Value::NIL);
        define_key(g, make_string("a"), intern("ga"), false).unwrap();
        define_key(l, make_string("a"), intern("la"), false).unwrap();
        define_key(mm, make_string("b"), intern("mb"), false).unwrap();
        f_use_global_map(&[g]).unwrap();
        f_use_local_map(&[l]).unwrap();
        assert_eq!(f_current_local_map(&[]).unwrap(), l);
        let mode = intern("km-test-mode");
        defvar_lisp("km-test-mode", Value::T);
        crate::runtime::specpdl::set_variable(intern("minor-mode-map-alist"), list1(cons(mode, mm))).unwrap();
        assert_eq!(list_to_vec(current_active_maps(Value::NIL, Value::NIL).unwrap()), vec![mm, l, g]);
        assert_eq!(key_binding(make_string("a"), Value::NIL, Value::NIL, Value::NIL).unwrap(), intern("la"));
        assert_eq!(key_binding(make_string("b"), Value::NIL, Value::NIL, Value::NIL).unwrap(), intern("mb"));
        let found = f_minor_mode_key_binding(&[make_string("b"), Value::NIL]).unwrap();
        assert_eq!(found.car().car(), mode);
        // Remapping applies unless NO-REMAP.
        define_key(g, make_vector(vec![intern("remap"), intern("la")]), intern("other"), false).unwrap();
        assert_eq!(key_binding(make_string("a"), Value::NIL, Value::NIL, Value::NIL).unwrap(), intern("other"));
        assert_eq!(key_binding(make_string("a"), Value::NIL, Value::T, Value::NIL).unwrap(), intern("la"));
        assert_eq!(command_remapping(intern("la"), Value::NIL, Value::NIL).unwrap(), intern("other"));
        assert_eq!(command_remapping(make_string("x"), Value::NIL, Value::NIL).unwrap(), Value::NIL);
        f_use_local_map(&[Value::NIL]).unwrap();
        assert!(f_current_local_map(&[]).unwrap().is_nil());
    }
}
