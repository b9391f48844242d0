//! The keymap listings keymap.c writes into buffers: `describe-vector` and
//! `help--describe-vector` (a vector or char-table of bindings, runs of
//! equal definitions shown as ranges, shadowed and suppressed entries
//! left out or marked, key descriptions fontified with `help-key-binding`),
//! and `describe-buffer-bindings`, which has `help--describe-map-tree`
//! (help.el) list each active map under its heading.
use super::active::current_minor_maps;
use super::describe::{key_description, push_key_description, shadow_lookup};
use super::maps::{get_keyelt, lookup_key};
use super::{call_prim, syms, var};
use crate::builtins::data::types::aref;
use crate::builtins::prelude::*;
use crate::runtime::buffer::{as_buffer, current, current_buffer, set_buffer};
use crate::runtime::equality::equal;
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};

/// `insert1`: inserts string S (with its properties) at point.
fn insert1(s: Value) -> LResult<()> {
    call_prim(crate::builtins::editfns::buffer::SUBRS, "insert", &[s]).map(|_| ())
}

fn insert_str(s: &str) -> LResult<()> {
    insert1(make_string(s))
}

fn indent_to_16() -> LResult<()> {
    call_prim(crate::builtins::buffer::indent::SUBRS, "indent-to", &[Value::fixnum(16), Value::fixnum(1)]).map(|_| ())
}

/// How `describe_vector` shows one definition.
#[derive(Clone, Copy)]
enum Describer {
    /// `describe_vector_princ`: indent to column 16, FUN, newline.
    Princ(Value),
    /// `describe_vector_basic`: just FUN.
    Basic(Value),
}

impl Describer {
    fn describe(self, elt: Value) -> LResult<()> {
        match self {
            Describer::Princ(fun) => {
                indent_to_16()?;
                funcall(fun, &[elt])?;
                call_prim(crate::builtins::print::SUBRS, "terpri", &[]).map(|_| ())
            }
            Describer::Basic(fun) => funcall(fun, &[elt]).map(|_| ()),
        }
    }
}

/// keymap.c `describe_key_maybe_fontify`.
fn describe_key_maybe_fontify(key: Value, prefix: Value, keymap_p: bool) -> LResult {
    let desc = key_description(key, prefix)?;
    if keymap_p {
        let face = intern("help-key-binding");
        let props = list2(intern("font-lock-face"), face);
        let n = Value::fixnum(desc.string_ref().nchars as i64);
        call_prim(crate::builtins::textprop::SUBRS, "add-text-properties", &[Value::fixnum(0), n, props, desc])?;
    }
    Ok(desc)
}

/// chartab.c `char_table_ref_and_range` for Enoki's flat tables: the value
/// at C (its own, else the default; parents are not consulted) and the run
/// of `eq` values around C within FROM..=TO.
fn char_table_ref_and_range(table: Value, c: u32, from: u32, to: u32) -> (Value, u32, u32) {
    let Some(t) = table.as_char_table() else { return (Value::NIL, c, c) };
    crate::builtins::chartab::uniprop::uncompress_run(t, from, to);
    let value_at = |t: &CharTable, ch: u32| {
        let v = t.own_value(ch);
        if v.is_nil() {
            t.default
        } else {
            v
        }
    };
    let val = value_at(t, c);
    // Segment boundaries: the starts and ends of the table's ranges.
    let mut lo = c;
    while lo > from {
        let i = t.ranges.partition_point(|r| r.1 < lo);
        let seg_start = match t.ranges.get(i) {
            Some(r) if r.0 <= lo => r.0,
            _ => {
                if i > 0 {
                    t.ranges[i - 1].1 + 1
                } else {
                    0
                }
            }
        };
        if seg_start <= from {
            lo = from;
            break;
        }
        if value_at(t, seg_start - 1) != val {
            lo = seg_start;
            break;
        }
        lo = seg_start - 1;
    }
    let mut hi = c;
    while hi < to {
        let i = t.ranges.partition_point(|r| r.1 < hi);
        let seg_end = match t.ranges.get(i) {
            Some(r) if r.0 <= hi => r.1,
            Some(r) => r.0 - 1,
            None => MAX_CHAR,
        };
        if seg_end >= to {
            hi = to;
            break;
        }
        if value_at(t, seg_end + 1) != val {
            hi = seg_end;
            break;
        }
        hi = seg_end + 1;
    }
    (val, lo, hi)
}

/// What `describe_vector` is asked to do besides VECTOR.
struct Listing {
    prefix: Value,
    describer: Describer,
    partial: bool,
    shadow: Value,
    entire_map: Value,
    keymap_p: bool,
    mention_shadow: bool,
}

/// keymap.c `describe_vector`: inserts a line per run of equal definitions.
fn describe_vector(vector: Value, o: &Listing) -> LResult<()> {
    let mut prefix = o.prefix;
    let mut elt_prefix = Value::NIL;
    if !o.keymap_p {
        if !prefix.is_nil() && crate::builtins::fns::lists::length(prefix)? > 0 {
            let d = key_description(prefix, Value::NIL)?;
            elt_prefix = crate::builtins::fns::seq::f_concat(&[d, make_string(" ")])?;
        }
        prefix = Value::NIL;
    }
    let kludge = make_vector(vec![Value::NIL]);
    let suppress = if o.partial { intern("suppress-keymap") } else { Value::NIL };
    let is_table = vector.as_char_table().is_some();
    let (mut stop, to) = if is_table {
        (0x3F_FF80i64, MAX_CHAR as i64 + 1)
    } else {
        let n = vector.as_vector().map_or(0, |v| v.len() as i64);
        (n, n)
    };
    let check_ranges = var("describe-bindings-check-shadowing-in-ranges");
    let mut first = true;
    let mut i: i64 = 0;
    loop {
        if i == stop {
            if i == to {
                break;
            }
            stop = to;
        }
        let starting_i = i;
        let mut range_beg = i;
        let val = if is_table {
            let (v, lo, hi) = char_table_ref_and_range(vector, i as u32, i as u32, (stop - 1) as u32);
            range_beg = lo as i64;
            i = hi as i64;
            v
        } else {
            aref(vector, Value::fixnum(i))?
        };
        describe_entry(
            vector,
            o,
            val,
            starting_i,
            range_beg,
            &mut i,
            stop,
            prefix,
            elt_prefix,
            kludge,
            suppress,
            check_ranges,
            &mut first,
        )?;
        i += 1;
    }
    if let Some(t) = vector.as_char_table() {
        let d = t.default;
        if !d.is_nil() {
            if !elt_prefix.is_nil() {
                insert1(elt_prefix)?;
            }
            insert_str("default")?;
            o.describer.describe(d)?;
        }
    }
    Ok(())
}

/// One entry of `describe_vector`'s loop: VAL found at STARTING_I (I is the
/// last index of its run, updated when equal neighbours extend it).
#[allow(clippy::too_many_arguments)]
fn describe_entry(
    vector: Value,
    o: &Listing,
    val: Value,
    starting_i: i64,
    range_beg: i64,
    i: &mut i64,
    stop: i64,
    prefix: Value,
    elt_prefix: Value,
    kludge: Value,
    suppress: Value,
    check_ranges: Value,
    first: &mut bool,
) -> LResult<()> {
    let is_table = vector.as_char_table().is_some();
    let definition = get_keyelt(val, false)?;
    if definition.is_nil() {
        return Ok(());
    }
    if definition.is_symbol() && o.partial && !crate::builtins::fns::lists::get(definition, suppress)?.is_nil() {
        return Ok(());
    }
    set_kludge(kludge, starting_i);
    let mut this_shadowed = false;
    let mut shadowed_by = Value::NIL;
    if !o.shadow.is_nil() {
        shadowed_by = shadow_lookup(o.shadow, kludge, Value::T, false)?;
        if !shadowed_by.is_nil() && shadowed_by != definition {
            if !o.mention_shadow {
                return Ok(());
            }
            this_shadowed = true;
        }
    }
    if !o.entire_map.is_nil() && lookup_key(o.entire_map, kludge, Value::T)? != definition {
        return Ok(());
    }
    if *first {
        insert_str("\n")?;
        *first = false;
    }
    if !elt_prefix.is_nil() {
        insert1(elt_prefix)?;
    }
    insert1(describe_key_maybe_fontify(kludge, prefix, o.keymap_p)?)?;
    if !is_table {
        while *i + 1 < stop {
            let next = get_keyelt(aref(vector, Value::fixnum(*i + 1))?, false)?;
            if next.is_nil() || !equal(next, definition)? {
                break;
            }
            *i += 1;
        }
    }
    if !check_ranges.is_nil()
        && is_table
        && *i != starting_i
        && (check_ranges != intern("ignore-self-insert") || definition != intern("self-insert-command"))
    {
        let key = make_vector(vec![Value::NIL]);
        // The bound is re-read each time, as the C loop does.
        let mut j = range_beg + 1;
        while j <= *i {
            set_kludge(key, j);
            let tem = shadow_lookup(o.shadow, key, Value::T, false)?;
            if !equal(tem, shadowed_by)? {
                *i = j - 1;
            }
            j += 1;
        }
    }
    if *i != starting_i {
        insert_str(" .. ")?;
        set_kludge(kludge, *i);
        if !elt_prefix.is_nil() {
            insert1(elt_prefix)?;
        }
        insert1(describe_key_maybe_fontify(kludge, prefix, o.keymap_p)?)?;
    }
    o.describer.describe(definition)?;
    if this_shadowed {
        current().pt -= 1;
        if shadowed_by.is_symbol() {
            let name = shadowed_by.sym().name.string_ref().to_string_lossy();
            let q = crate::builtins::editfns::format::quoted_message;
            insert_str(&format!("{}{name}{}", q("  (currently shadowed by `"), q("')")))?;
        } else {
            insert_str("  (currently shadowed)")?;
        }
        current().pt += 1;
    }
    Ok(())
}

fn set_kludge(kludge: Value, n: i64) {
    if let Some(v) = kludge.as_vector() {
        v[0] = Value::fixnum(n);
    }
}

/// `CHECK_VECTOR_OR_CHAR_TABLE`.
fn check_vector_or_char_table(v: Value) -> LResult<()> {
    check(v.as_vector().is_some() || v.as_char_table().is_some(), intern("vector-or-char-table-p"), v)
}

/// Runs F with `standard-output` bound to the current buffer.
fn to_current_buffer(f: impl FnOnce() -> LResult<()>) -> LResult {
    let count = specpdl_depth();
    specbind(intern("standard-output"), current_buffer())?;
    let r = f();
    unbind_to(count);
    r.map(|_| Value::NIL)
}

fn f_describe_vector(a: &[Value]) -> LResult {
    let describer = if a[1].is_nil() { intern("princ") } else { a[1] };
    let vector = a[0];
    to_current_buffer(|| {
        check_vector_or_char_table(vector)?;
        let o = Listing {
            prefix: Value::NIL,
            describer: Describer::Princ(describer),
            partial: false,
            shadow: Value::NIL,
            entire_map: Value::NIL,
            keymap_p: false,
            mention_shadow: false,
        };
        describe_vector(vector, &o)
    })
}

fn f_help_describe_vector(a: &[Value]) -> LResult {
    let (vector, prefix, describer, partial, shadow, entire_map, mention_shadow) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    to_current_buffer(|| {
        check_vector_or_char_table(vector)?;
        let o = Listing {
            prefix,
            describer: Describer::Basic(describer),
            partial: !partial.is_nil(),
            shadow,
            entire_map,
            keymap_p: true,
            mention_shadow: !mention_shadow.is_nil(),
        };
        describe_vector(vector, &o)
    })
}

/// `(help--describe-map-tree MAP PARTIAL SHADOW PREFIX TITLE NOMENU
/// TRANSL ALWAYS-TITLE MENTION-SHADOW BUFFER)`.
#[allow(clippy::too_many_arguments)]
fn describe_map_tree(
    map: Value,
    partial: bool,
    shadow: Value,
    prefix: Value,
    title: &str,
    nomenu: Value,
    transl: bool,
    always_title: bool,
    buffer: Value,
) -> LResult<()> {
    let args = [
        map,
        Value::bool(partial),
        shadow,
        prefix,
        make_string_from_bytes(title.as_bytes().to_vec(), false),
        nomenu,
        Value::bool(transl),
        Value::bool(always_title),
        Value::NIL,
        buffer,
    ];
    funcall(intern("help--describe-map-tree"), &args).map(|_| ())
}

/// The "Keyboard translations" table `describe-buffer-bindings` starts
/// with when `keyboard-translate-table` is a string and PREFIX is given.
fn describe_translations(prefix: Value) -> LResult<()> {
    let table = var("keyboard-translate-table");
    if !table.is_string() || prefix.is_nil() {
        return Ok(());
    }
    let mut heading = true;
    let n = table.string_ref().nchars;
    for c in 0..n {
        let t = table.string_ref().data.get(c).copied().unwrap_or(c as u8);
        if t as usize == c {
            continue;
        }
        if heading {
            insert_str("Keyboard translations:\n\nYou type        Translation\n--------        -----------\n")?;
            heading = false;
        }
        let mut buf = Vec::new();
        push_key_description(t as i64, &mut buf);
        insert1(make_string_from_bytes(buf, true))?;
        indent_to_16()?;
        let mut buf = Vec::new();
        push_key_description(c as i64, &mut buf);
        insert1(make_string_from_bytes(buf, true))?;
        insert_str("\n")?;
    }
    insert_str("\n")
}

fn f_describe_buffer_bindings(a: &[Value]) -> LResult {
    let (buffer, prefix, menus) = (a[0], a[1], a[2]);
    let nomenu = Value::bool(menus.is_nil());
    if as_buffer(buffer).is_none() {
        return Err(wrong_type(intern("bufferp"), buffer));
    }
    let outbuf = current_buffer();
    describe_translations(prefix)?;
    let ktm = var("key-translation-map");
    if !ktm.is_nil() {
        describe_map_tree(ktm, false, Value::NIL, prefix, "Key translations", nomenu, true, false, buffer)?;
    }
    let mut shadow = Value::NIL;
    let otlm = var("overriding-terminal-local-map");
    let mut start1 = Value::NIL;
    if !otlm.is_nil() {
        describe_map_tree(otlm, true, shadow, prefix, "\x0c\nOverriding Bindings", nomenu, false, false, buffer)?;
        shadow = cons(otlm, shadow);
    } else {
        start1 = var("overriding-local-map");
    }
    if !start1.is_nil() {
        describe_map_tree(start1, true, shadow, prefix, "\x0c\nOverriding Bindings", nomenu, false, false, buffer)?;
        shadow = cons(start1, shadow);
    } else {
        shadow = describe_mode_maps(buffer, outbuf, prefix, nomenu, shadow)?;
    }
    let global = super::root(super::Root::GlobalMap);
    describe_map_tree(global, true, shadow, prefix, "\x0c\nGlobal Bindings", nomenu, false, true, buffer)?;
    let lfkm = var("local-function-key-map");
    if !lfkm.is_nil() {
        describe_map_tree(lfkm, false, Value::NIL, prefix, "\x0c\nFunction key map translations", nomenu, true, false, buffer)?;
    }
    let idm = var("input-decode-map");
    if !idm.is_nil() {
        describe_map_tree(idm, false, Value::NIL, prefix, "\x0c\nInput decoding map translations", nomenu, true, false, buffer)?;
    }
    Ok(Value::NIL)
}

/// The `keymap` property, minor-mode and major-mode (or `local-map`
/// property) parts of `describe-buffer-bindings`; returns the shadow list.
fn describe_mode_maps(buffer: Value, outbuf: Value, prefix: Value, nomenu: Value, mut shadow: Value) -> LResult {
    set_buffer(buffer);
    let minors = current_minor_maps();
    set_buffer(outbuf);
    let pt = as_buffer(buffer).map_or(1, |b| b.pt);
    let start1 = super::active::get_local_map(pt, buffer, syms().keymap)?;
    if !start1.is_nil() {
        describe_map_tree(start1, true, shadow, prefix, "\x0c\n`keymap' Property Bindings", nomenu, false, false, buffer)?;
        shadow = cons(start1, shadow);
    }
    for pair in minors.chunks(2) {
        let (mode, map) = (pair[0], pair[1]);
        let name = mode.sym().name.string_ref().to_string_lossy();
        describe_map_tree(map, true, shadow, prefix, &format!("\x0c\n`{name}' Minor Mode Bindings"), nomenu, false, false, buffer)?;
        shadow = cons(map, shadow);
    }
    let start1 = super::active::get_local_map(pt, buffer, syms().local_map)?;
    if !start1.is_nil() {
        if as_buffer(buffer).is_some_and(|b| b.keymap == start1) {
            let mode = call_prim(crate::builtins::buffer::SUBRS, "buffer-local-value", &[intern("major-mode"), buffer])?;
            let title = call_prim(
                crate::builtins::editfns::SUBRS,
                "format",
                &[make_string_from_bytes(b"\x0c\n`%s' Major Mode Bindings".to_vec(), false), mode],
            )?;
            let args = [start1, Value::T, shadow, prefix, title, nomenu, Value::NIL, Value::NIL, Value::NIL, buffer];
            funcall(intern("help--describe-map-tree"), &args)?;
        } else {
            describe_map_tree(start1, true, shadow, prefix, "\x0c\n`local-map' Property Bindings", nomenu, false, false, buffer)?;
        }
        shadow = cons(start1, shadow);
    }
    Ok(shadow)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("describe-vector", 1, 2, f_describe_vector, "Insert a description of contents of VECTOR."),
    SubrDef::new(
        "help--describe-vector",
        7,
        7,
        f_help_describe_vector,
        "Insert in the current buffer a description of the contents of VECTOR.",
    ),
    SubrDef::new(
        "describe-buffer-bindings",
        1,
        3,
        f_describe_buffer_bindings,
        "Insert the list of all defined keys and their definitions.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};

    #[test]
    fn describes_vectors() {
        // describe-vector calls `princ` through `funcall`.
        let _ = crate::engine::Engine::new();
        // (with-temp-buffer (describe-vector [a a b nil c c c]) (buffer-string))
        // -> "\nC-@ .. C-a\ta\nC-b\t\tb\nC-d .. C-f\tc\n"
        let buf = crate::runtime::buffer::create_buffer(make_string(" km-test"), true);
        let old = current_buffer();
        set_buffer(buf);
        let v = make_vector(["a", "a", "b", "nil", "c", "c", "c"].iter().map(|s| intern(s)).collect());
        f_describe_vector(&[v, Value::NIL]).unwrap();
        let b = current();
        let text = b.substring(1, b.z()).string_ref().to_string_lossy();
        set_buffer(old);
        assert_eq!(text, "\nC-@ .. C-a\ta\nC-b\t\tb\nC-d .. C-f\tc\n");
        assert!(f_describe_vector(&[n(5), Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![intern("vector-or-char-table-p"), n(5)]));
    }

    #[test]
    fn char_table_runs() {
        setup();
        let mut t = CharTable::new(intern("foo"), Value::NIL, vec![]);
        crate::builtins::data::types::char_table_set_range(&mut t, 97, 122, intern("low"));
        let table = heap().alloc_obj(Obj::CharTable(Box::new(t)));
        assert_eq!(char_table_ref_and_range(table, 100, 100, MAX_CHAR), (intern("low"), 100, 122));
        assert_eq!(char_table_ref_and_range(table, 0, 0, MAX_CHAR), (Value::NIL, 0, 96));
        assert_eq!(char_table_ref_and_range(table, 123, 123, 200), (Value::NIL, 123, 200));
    }
}
