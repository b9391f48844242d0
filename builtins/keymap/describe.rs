//! Describing and searching keymaps (keymap.c's last part):
//! `key-description` (meta-prefix-char folded into M-), `single-key-description`
//! (`push_key_description`'s modifier prefixes and names like RET, SPC,
//! <f1>), `text-char-description`, `accessible-keymaps` (the breadth-first
//! walk of prefix maps with its cycle check) and `where-is-internal` (its
//! reverse-map cache, remapping, `:advertised-binding`, shadowing and
//! `where-is-preferred-modifier`).
use super::events::{
    event_convert_list, lucid_event_type_list_p, parse_modifiers_pair, parse_solitary_modifier, ALT, CHAR_MODIFIER_MASK, CTRL, HYPER, META,
    SHIFT, SUPER,
};
use super::maps::{event_head, get_keyelt, get_keymap, keymapp, lookup_key, map_keymap};
use super::{meta_prefix_char, root, set_root, syms, Root};
use crate::builtins::data::types::{aref, aset, is_character};
use crate::builtins::fns::hash::{f_gethash, f_make_hash_table, f_puthash};
use crate::builtins::fns::lists::{f_member, f_memq, f_nreverse, f_rassq, f_reverse, get, length};
use crate::builtins::fns::seq::{f_concat, f_copy_sequence, f_vconcat};
use crate::builtins::prelude::*;
use crate::runtime::equality::equal;

/// keymap.c `push_key_description`: the description of character event CH
/// as internal bytes.
pub fn push_key_description(ch: i64, p: &mut Vec<u8>) {
    let mut c = ch & (META | (META - 1));
    let c2 = c & !(ALT | CTRL | HYPER | META | SHIFT | SUPER);
    if !is_character(Value::fixnum(c2)) {
        p.extend_from_slice(format!("[{c}]").as_bytes());
        return;
    }
    let tab_as_ci = c2 == 9 && c & META != 0;
    if c & ALT != 0 {
        p.extend_from_slice(b"A-");
        c -= ALT;
    }
    if c & CTRL != 0 || (c2 < 32 && c2 != 27 && c2 != 9 && c2 != 13) || tab_as_ci {
        p.extend_from_slice(b"C-");
        c &= !CTRL;
    }
    for (bit, s) in [(HYPER, b"H-"), (META, b"M-"), (SHIFT, b"S-"), (SUPER, b"s-")] {
        if c & bit != 0 {
            p.extend_from_slice(s);
            c -= bit;
        }
    }
    if c < 32 {
        if c == 27 {
            p.extend_from_slice(b"ESC");
        } else if tab_as_ci {
            p.push(b'i');
        } else if c == 9 {
            p.extend_from_slice(b"TAB");
        } else if c == 13 {
            p.extend_from_slice(b"RET");
        } else if c > 0 && c <= 26 {
            p.push((c + 0o140) as u8);
        } else {
            p.push((c + 0o100) as u8);
        }
    } else if c == 127 {
        p.extend_from_slice(b"DEL");
    } else if c == 32 {
        p.extend_from_slice(b"SPC");
    } else if c < 128 {
        p.push(c as u8);
    } else {
        encode_char(c as u32, p);
    }
}

/// A symbol event's description: NAME with its modifier prefix ("C-M-")
/// kept outside the angle brackets.
fn symbol_description(key: Value) -> Value {
    let name = key.sym().name.string_ref();
    let data = &name.data;
    let len = data.len();
    let mut i = 0;
    while i + 3 < len && data[i + 1] == b'-' && b"CMSsHA\0".contains(&data[i]) {
        i += 2;
    }
    let mut buf = Vec::with_capacity(len + 2);
    buf.extend_from_slice(&data[..i]);
    buf.push(b'<');
    buf.extend_from_slice(&data[i..]);
    buf.push(b'>');
    // build_string stops at a NUL byte.
    if let Some(nul) = buf.iter().position(|&b| b == 0) {
        buf.truncate(nul);
    }
    let multibyte = name.multibyte && !buf.is_ascii();
    make_string_from_bytes(buf, multibyte)
}

/// `single-key-description`.
pub fn single_key_description(key: Value, no_angles: Value) -> LResult {
    let mut key = key;
    if key.is_cons() && lucid_event_type_list_p(key) {
        key = event_convert_list(key)?;
    }
    if key.is_cons() && key.car().is_fixnum() && key.cdr().is_fixnum() {
        let from = single_key_description(key.car(), no_angles)?;
        let to = single_key_description(key.cdr(), no_angles)?;
        return f_concat(&[from, make_string(".."), to]);
    }
    let key = event_head(key);
    if let Some(n) = key.as_fixnum() {
        let mut p = Vec::new();
        push_key_description(n, &mut p);
        return Ok(make_string_from_bytes(p, true));
    }
    if key.is_symbol() {
        if no_angles.is_nil() {
            return Ok(symbol_description(key));
        }
        return Ok(key.sym().name);
    }
    if key.is_string() {
        return f_copy_sequence(&[key]);
    }
    Err(error("KEY must be an integer, cons, symbol, or string"))
}

fn f_single_key_description(a: &[Value]) -> LResult {
    single_key_description(a[0], a[1])
}

/// The events of key sequence LIST (a string, vector or list) of LEN
/// events; unibyte strings' meta bytes become meta characters.
fn sequence_events(list: Value, len: usize) -> LResult<Vec<Value>> {
    if !(list.is_nil() || list.is_string() || list.as_vector().is_some() || list.is_cons()) {
        return Err(wrong_type(sym::ARRAYP, list));
    }
    let mut out = Vec::with_capacity(len);
    if list.is_string() {
        let s = list.string_ref();
        for c in s.chars().take(len) {
            let mut c = c as i64;
            if !s.multibyte && c & 0o200 != 0 {
                c ^= 0o200 | META;
            }
            out.push(Value::fixnum(c));
        }
    } else if let Some(v) = list.as_vector() {
        out.extend(v.iter().take(len).copied());
    } else {
        out.extend(list.iter().take(len));
    }
    Ok(out)
}

/// `key-description`: KEYS (after PREFIX) as "C-x 4 f", an ESC before a
/// character shown as its M- form.
pub fn key_description(keys: Value, prefix: Value) -> LResult {
    let nkeys = length(keys)?;
    let nprefix = length(prefix)?;
    let sep = make_string(" ");
    let mpc = meta_prefix_char();
    let mut args: Vec<Value> = Vec::new();
    let mut add_meta = false;
    for (list, len) in [(prefix, nprefix), (keys, nkeys)] {
        for mut key in sequence_events(list, len)? {
            if add_meta {
                if !key.is_fixnum() || key == mpc || key.as_fixnum_unchecked() & META != 0 {
                    args.push(single_key_description(mpc, Value::NIL)?);
                    args.push(sep);
                    if key == mpc {
                        continue;
                    }
                } else {
                    key = Value::fixnum(key.as_fixnum_unchecked() | META);
                }
                add_meta = false;
            } else if key == mpc {
                add_meta = true;
                continue;
            }
            args.push(single_key_description(key, Value::NIL)?);
            args.push(sep);
        }
    }
    if add_meta {
        args.push(single_key_description(mpc, Value::NIL)?);
        return f_concat(&args);
    }
    if args.is_empty() {
        return Ok(make_string_from_bytes(Vec::new(), false));
    }
    args.pop();
    f_concat(&args)
}

fn f_key_description(a: &[Value]) -> LResult {
    key_description(a[0], a[1])
}

/// `text-char-description`: ^C for control characters, ^? for DEL.
fn f_text_char_description(a: &[Value]) -> LResult {
    check(is_character(a[0]), sym::CHARACTERP, a[0])?;
    let c = a[0].as_fixnum_unchecked() as u32;
    if c >= 128 {
        let mut data = Vec::new();
        encode_char(c, &mut data);
        return Ok(make_string_from_bytes(data, true));
    }
    let desc: Vec<u8> = if c < 32 {
        vec![b'^', (c + 64) as u8]
    } else if c == 127 {
        b"^?".to_vec()
    } else {
        vec![c as u8]
    };
    Ok(make_string_from_bytes(desc, false))
}

// ---------------------------------------------------------------------------
// accessible-keymaps

/// `nconc2 (tail, list1 (x))`: appends X at the end of list TAIL.
fn append_at_end(tail: Value, x: Value) {
    let mut t = tail;
    while t.cdr().is_cons() {
        t = t.cdr();
    }
    t.cons_ref().cdr = list1(x);
}

/// keymap.c `append_key`: SEQ with KEY added, as a new vector.
fn append_key(seq: Value, key: Value) -> LResult {
    f_vconcat(&[seq, list1(key)])
}

/// `accessible_keymaps_1`: records the prefix map bound to KEY in the map
/// reached by THISSEQ, unless it is already known for a prefix of THISSEQ.
fn accessible_keymaps_1(key: Value, cmd: Value, maps: Value, tail: Value, thisseq: Value, is_metized: bool) -> LResult<()> {
    let is_metized = is_metized && key.is_fixnum();
    let cmd = get_keymap(get_keyelt(cmd, false)?, false, false)?;
    if cmd.is_nil() {
        return Ok(());
    }
    let mut maps = maps;
    loop {
        let tem = f_rassq(&[cmd, maps])?;
        if tem.is_nil() {
            break;
        }
        let prefix = tem.car();
        let lim = length(prefix)?;
        if lim <= length(thisseq)? {
            let mut i = 0;
            while i < lim && aref(prefix, Value::fixnum(i as i64))? == aref(thisseq, Value::fixnum(i as i64))? {
                i += 1;
            }
            if i >= lim {
                return Ok(());
            }
        }
        maps = f_memq(&[tem, maps])?.cdr_safe();
    }
    if is_metized {
        let last = Value::fixnum(length(thisseq)? as i64 - 1);
        let tem = f_copy_sequence(&[thisseq])?;
        aset(tem, last, Value::fixnum(key.as_fixnum_unchecked() | META))?;
        tail.cons_ref().cdr = cons(cons(tem, cmd), tail.cdr());
    } else {
        let tem = append_key(thisseq, key)?;
        append_at_end(tail, cons(tem, cmd));
    }
    Ok(())
}

/// A string key prefix as a vector of events.
fn prefix_vector(prefix: Value) -> Value {
    let s = prefix.string_ref();
    let items: Vec<Value> = s
        .chars()
        .map(|c| {
            let mut c = c as i64;
            if c < 256 && c & 0o200 != 0 {
                c ^= 0o200 | META;
            }
            Value::fixnum(c)
        })
        .collect();
    make_vector(items)
}

/// `accessible-keymaps`: (KEYS . MAP) for KEYMAP and every prefix map
/// reachable from it (from PREFIX's map when given), shortest KEYS first.
pub fn accessible_keymaps(keymap: Value, prefix: Value) -> LResult {
    let prefixlen = length(prefix)?;
    let maps = if !prefix.is_nil() {
        let tem = lookup_key(keymap, prefix, Value::T)?;
        let tem = get_keymap(tem, false, false)?;
        if tem.is_nil() {
            return Ok(Value::NIL);
        }
        let prefix = if prefix.is_string() { prefix_vector(prefix) } else { prefix };
        list1(cons(prefix, tem))
    } else {
        list1(cons(zero_vector(), get_keymap(keymap, true, false)?))
    };
    let mpc = meta_prefix_char();
    let mut tail = maps;
    while tail.is_cons() {
        let entry = tail.car();
        let thismap = crate::builtins::data::types::cdr(entry)?;
        let thisseq = crate::builtins::data::types::car(entry)?;
        let last = length(thisseq)? as i64 - 1;
        let is_metized = last >= 0 && last >= prefixlen as i64 && aref(thisseq, Value::fixnum(last))? == mpc;
        if thismap.is_cons() {
            map_keymap(thismap, &mut |key, cmd| accessible_keymaps_1(key, cmd, maps, tail, thisseq, is_metized), false)?;
        }
        tail = tail.cdr();
    }
    Ok(maps)
}

fn f_accessible_keymaps(a: &[Value]) -> LResult {
    accessible_keymaps(a[0], a[1])
}

// ---------------------------------------------------------------------------
// where-is-internal

/// keymap.c `preferred_sequence_p`: 0 if SEQ has non-character events or
/// modifiers other than meta and the preferred one PREF, 2 if it uses PREF,
/// else 1.
fn preferred_sequence_p(seq: Value, pref: i64) -> LResult<i32> {
    let len = length(seq)?;
    let mut result = 1;
    for i in 0..len {
        let elt = aref(seq, Value::fixnum(i as i64))?;
        let Some(n) = elt.as_fixnum() else { return Ok(0) };
        let modifiers = n & (CHAR_MODIFIER_MASK & !META);
        if modifiers == pref {
            result = 2;
        } else if modifiers != 0 {
            return Ok(0);
        }
    }
    Ok(result)
}

/// keymap.c `shadow_lookup`: `lookup-key` that gives nil for too-long
/// keys and, with REMAP, applies command remapping.
pub fn shadow_lookup(keymaps: Value, key: Value, accept_default: Value, remap: bool) -> LResult {
    let value = lookup_key(keymaps, key, accept_default)?;
    if value.as_fixnum().is_some_and(|n| n >= 0) {
        return Ok(Value::NIL);
    }
    if !value.is_nil() && remap && value.is_symbol() {
        let r = super::active::command_remapping(value, Value::NIL, keymaps)?;
        return Ok(if r.is_nil() { value } else { r });
    }
    Ok(value)
}

/// The prefixes whose maps `where-is-internal` skips when it ignores menus.
fn mouse_events() -> [Value; 11] {
    ["menu-bar", "tab-bar", "tool-bar", "tab-line", "header-line", "mode-line", "mouse-1", "mouse-2", "mouse-3", "mouse-4", "mouse-5"]
        .map(intern)
}

/// keymap.c `where_is_internal`: the sequences (longest first) binding
/// DEFINITION in KEYMAPS, shadowed ones included; with NOMENUS and not
/// NOINDIRECT through the reverse-map cache.
fn where_is_internal(definition: Value, keymaps: Value, noindirect: bool, nomenus: bool) -> LResult {
    let use_cache = nomenus && !noindirect;
    if use_cache {
        if !equal(keymaps, root(Root::WhereIsCacheKeymaps))? {
            set_root(Root::WhereIsCache, Value::NIL);
        }
        if root(Root::WhereIsCache).is_nil() {
            set_root(Root::WhereIsCache, f_make_hash_table(&[])?);
            set_root(Root::WhereIsCacheKeymaps, Value::T);
        } else {
            return f_gethash(&[definition, root(Root::WhereIsCache), Value::NIL]);
        }
    } else {
        set_root(Root::WhereIsCache, Value::NIL);
    }
    let mut maps = Value::NIL;
    for km in keymaps.iter() {
        let found = accessible_keymaps(get_keymap(km, true, false)?, Value::NIL)?;
        maps = if maps.is_nil() {
            found
        } else {
            if found.is_cons() {
                append_list(maps, found);
            }
            maps
        };
    }
    let mpc = meta_prefix_char();
    let mouse = mouse_events();
    let mut sequences = Value::NIL;
    for entry in maps.iter() {
        let this = crate::builtins::data::types::car(entry)?;
        let map = crate::builtins::data::types::cdr(entry)?;
        let last = length(this)? as i64 - 1;
        let last_is_meta = last >= 0 && aref(this, Value::fixnum(last))? == mpc;
        if nomenus && last >= 0 {
            let first = aref(this, Value::fixnum(0))?;
            if first.is_symbol() && mouse.contains(&parse_modifiers_pair(first)?.0) {
                continue;
            }
        }
        if map.is_cons() {
            map_keymap(
                map,
                &mut |key, binding| {
                    if let Some(seq) = where_is_match(definition, noindirect, this, last, last_is_meta, key, binding)? {
                        sequences = cons(seq, sequences);
                    }
                    Ok(())
                },
                false,
            )?;
        }
    }
    if use_cache {
        set_root(Root::WhereIsCacheKeymaps, keymaps);
        return f_gethash(&[definition, root(Root::WhereIsCache), Value::NIL]);
    }
    Ok(sequences)
}

/// `nconc2 (maps, more)` for a non-empty MAPS.
fn append_list(maps: Value, more: Value) {
    let mut t = maps;
    while t.cdr().is_cons() {
        t = t.cdr();
    }
    t.cons_ref().cdr = more;
}

/// keymap.c `where_is_internal_1`: the sequence THIS + KEY when BINDING is
/// DEFINITION (a cons compared with `equal`); while the cache is being
/// filled, every binding is recorded there instead (None returned).
fn where_is_match(
    definition: Value,
    noindirect: bool,
    this: Value,
    last: i64,
    last_is_meta: bool,
    key: Value,
    binding: Value,
) -> LResult<Option<Value>> {
    let binding = if noindirect { binding } else { get_keyelt(binding, false)? };
    let cache = root(Root::WhereIsCache);
    if !(!cache.is_nil() || binding == definition || (definition.is_cons() && equal(binding, definition)?)) {
        return Ok(None);
    }
    let sequence = if key.is_fixnum() && last_is_meta {
        let s = f_copy_sequence(&[this])?;
        aset(s, Value::fixnum(last), Value::fixnum(key.as_fixnum_unchecked() | META))?;
        s
    } else {
        let key = if key.is_cons() { cons(key.car(), key.cdr()) } else { key };
        append_key(this, key)?
    };
    if !cache.is_nil() {
        let seqs = f_gethash(&[binding, cache, Value::NIL])?;
        f_puthash(&[binding, cons(sequence, seqs), cache])?;
        return Ok(None);
    }
    Ok(Some(sequence))
}

/// The keymaps `where-is-internal` searches for KEYMAP.
fn where_is_keymaps(keymap: Value) -> LResult {
    if keymap.is_cons() && keymapp(keymap.car())? {
        Ok(keymap)
    } else if !keymap.is_nil() {
        Ok(list2(keymap, root(Root::GlobalMap)))
    } else {
        super::active::current_active_maps(Value::NIL, Value::NIL)
    }
}

fn f_where_is_internal(a: &[Value]) -> LResult {
    let (mut definition, keymap, firstonly, noindirect, no_remap) = (a[0], a[1], a[2], a[3], a[4]);
    let non_ascii = intern("non-ascii");
    let nomenus = !firstonly.is_nil() && firstonly != non_ascii;
    let pref = parse_solitary_modifier(super::var("where-is-preferred-modifier"));
    let keymaps = where_is_keymaps(keymap)?;
    let tem = super::active::command_remapping(definition, Value::NIL, keymaps)?;
    if no_remap.is_nil() && !tem.is_nil() {
        definition = tem;
    }
    if definition.is_symbol() && !firstonly.is_nil() {
        let mut tem = get(definition, intern(":advertised-binding"))?;
        if !tem.is_nil() {
            while tem.is_cons() {
                if shadow_lookup(keymaps, tem.car(), Value::NIL, false)? == definition {
                    return Ok(tem.car());
                }
                tem = tem.cdr();
            }
            if shadow_lookup(keymaps, tem, Value::NIL, false)? == definition {
                return Ok(tem);
            }
        }
    }
    let mut sequences = f_reverse(&[where_is_internal(definition, keymaps, !noindirect.is_nil(), nomenus)?])?;
    let mut remapped_sequences = Value::NIL;
    let mut remapped = false;
    let mut found = Value::NIL;
    let remap = syms().remap;
    loop {
        if !sequences.is_cons() {
            if remapped {
                break;
            }
            sequences = remapped_sequences;
            remapped = true;
            if !sequences.is_cons() {
                break;
            }
        }
        let sequence = sequences.car();
        sequences = sequences.cdr();
        if !equal(shadow_lookup(keymaps, sequence, Value::NIL, remapped)?, definition)? {
            continue;
        }
        if no_remap.is_nil() && !remapped {
            if let Some(function) = sequence.as_vector().filter(|v| v.len() == 2 && v[0] == remap).map(|v| v[1]).filter(|f| f.is_symbol()) {
                let seqs = where_is_internal(function, keymaps, !noindirect.is_nil(), nomenus)?;
                let rev = f_reverse(&[seqs])?;
                remapped_sequences = if rev.is_cons() {
                    append_list(rev, remapped_sequences);
                    rev
                } else {
                    remapped_sequences
                };
                continue;
            }
        }
        if let Some(n) = sequence.as_vector().map(|v| v.len()).filter(|&n| n > 0) {
            let last = Value::fixnum(n as i64 - 1);
            if aref(sequence, last)?.is_string() {
                aset(sequence, last, make_string("(any string)"))?;
            }
        }
        let non_key = match sequence.as_vector() {
            Some(v) if v.len() == 1 && v[0].is_symbol() => !get(v[0], intern("non-key-event"))?.is_nil(),
            _ => false,
        };
        if f_member(&[sequence, found])?.is_nil() && !non_key {
            found = cons(sequence, found);
        }
        if firstonly == non_ascii {
            return Ok(sequence);
        }
        if !firstonly.is_nil() && preferred_sequence_p(sequence, pref)? == 2 {
            return Ok(sequence);
        }
    }
    let found = f_nreverse(&[found])?;
    if firstonly.is_nil() {
        return Ok(found);
    }
    if pref != 0 {
        for b in found.iter() {
            if preferred_sequence_p(b, pref)? != 0 {
                return Ok(b);
            }
        }
    }
    Ok(found.car_safe())
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("key-description", 1, 2, f_key_description, "Return a pretty description of key-sequence KEYS."),
    SubrDef::new("single-key-description", 1, 2, f_single_key_description, "Return a pretty description of a character event KEY."),
    SubrDef::new("text-char-description", 1, 1, f_text_char_description, "Return the description of CHARACTER in standard Emacs notation."),
    SubrDef::new("accessible-keymaps", 1, 2, f_accessible_keymaps, "Find all keymaps accessible via prefix characters from KEYMAP."),
    SubrDef::new("where-is-internal", 1, 5, f_where_is_internal, "Return list of keys that invoke DEFINITION."),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::keymap::maps::{define_key, make_sparse_keymap};
    use crate::builtins::testutil::{err_data, n, setup};

    fn text(v: Value) -> String {
        v.string_ref().to_string_lossy()
    }

    #[test]
    fn descriptions() {
        setup();
        // (key-description [?\C-x ?4 ?\M-f f1 C-M-f2 ?\s ?\t ?\r ?\e ?\d])
        let keys = make_vector(vec![n(24), n(52), n(102 | META), intern("f1"), intern("C-M-f2"), n(32), n(9), n(13), n(27), n(127)]);
        assert_eq!(text(key_description(keys, Value::NIL).unwrap()), "C-x 4 M-f <f1> C-M-<f2> SPC TAB RET M-DEL");
        assert_eq!(text(key_description(make_vector(vec![n(27)]), Value::NIL).unwrap()), "ESC");
        assert_eq!(text(single_key_description(cons(n(97), n(122)), Value::NIL).unwrap()), "a..z");
        assert_eq!(text(single_key_description(n(9 | META), Value::NIL).unwrap()), "C-M-i");
        assert_eq!(text(single_key_description(intern("C-M-f1"), Value::T).unwrap()), "C-M-f1");
        assert_eq!(text(f_text_char_description(&[n(3)]).unwrap()), "^C");
        // (key-description 5) -> (wrong-type-argument sequencep 5)
        assert!(key_description(n(5), Value::NIL).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(5)]));
        assert!(single_key_description(make_float(1.5), Value::NIL).is_err());
    }

    #[test]
    fn accessible_and_where_is() {
        setup();
        let m = make_sparse_keymap(Value::NIL);
        define_key(m, make_string("ab"), intern("x"), false).unwrap();
        define_key(m, make_vector(vec![n(99 | META)]), intern("y"), false).unwrap();
        // (accessible-keymaps m): [] then [27] then [97].
        let seqs: Vec<Value> = accessible_keymaps(m, Value::NIL).unwrap().iter().map(|e| e.car()).collect();
        assert_eq!(seqs.len(), 3);
        assert_eq!(seqs[1].as_vector().unwrap().clone(), vec![n(27)]);
        // (where-is-internal 'y (list m)) -> ([134217827])
        let found = f_where_is_internal(&[intern("y"), list1(m), Value::NIL, Value::NIL, Value::NIL]).unwrap();
        assert_eq!(found.car().as_vector().unwrap().clone(), vec![n(99 | META)]);
        let first = f_where_is_internal(&[intern("x"), list1(m), Value::T, Value::NIL, Value::NIL]).unwrap();
        assert_eq!(first.as_vector().unwrap().clone(), vec![n(97), n(98)]);
    }

    #[test]
    fn key_description_bytes() {
        let mut p = Vec::new();
        push_key_description(0, &mut p);
        assert_eq!(p, b"C-@");
        p.clear();
        push_key_description(-1, &mut p);
        assert_eq!(p, b"A-C-H-M-S-s-\xC1\xBF");
    }
}
