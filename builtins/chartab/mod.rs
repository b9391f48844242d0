//! Primitives of GNU Emacs's chartab.c: `char-table-subtype`,
//! `char-table-parent`, `set-char-table-parent`, `char-table-extra-slot`,
//! `set-char-table-extra-slot`, `char-table-range`, `set-char-table-range`,
//! `map-char-table` and `optimize-char-table` (`make-char-table` is in
//! alloc.rs, `aref`/`aset` in data/types.rs).
//!
//! A char-table is stored flat: sorted (FROM, TO, VALUE) ranges, a character
//! outside every range holding nil, plus the set of sub-char-tables Emacs's
//! four-level trie would hold (see `object::CharTable`).  `map-char-table`
//! follows Emacs's trie walk over the runs of equal raw values, which gives
//! the same calls, in the same order, with the same (shared, mutated) range
//! cons, including the way Emacs consults parent tables for runs of nil;
//! `optimize-char-table` walks the recorded sub-tables as Emacs does.
//! Unicode property tables (compressed blocks, decoders and encoders, and
//! the `*-unicode-property-*` primitives) are in `uniprop`.
pub mod uniprop;

use crate::builtins::data::types::{
    char_table_get_cached, char_table_get_local, char_table_ref, char_table_set_range, char_table_set_values, expect_char, is_character,
    remove_subtables, CHARTAB_CHARS, CHARTAB_SIZE,
};
use crate::builtins::prelude::*;
use crate::runtime::equality::equal;

fn expect_char_table(v: Value) -> LResult<&'static mut CharTable> {
    v.as_char_table().ok_or_else(|| wrong_type(sym::CHAR_TABLE_P, v))
}

/// The run of equal raw values containing character C in TABLE's own
/// ranges: (start, end, raw value), nil for characters in no range.
fn segment_at(t: &CharTable, c: u32) -> (u32, u32, Value) {
    let i = t.ranges.partition_point(|r| r.1 < c);
    match t.ranges.get(i) {
        Some(r) if r.0 <= c => (r.0, r.1, r.2),
        next => {
            let start = if i > 0 { t.ranges[i - 1].1 + 1 } else { 0 };
            let end = next.map_or(MAX_CHAR, |r| r.0 - 1);
            (start, end, Value::NIL)
        }
    }
}

/// TABLE's value for C without consulting its parent (its own value, else
/// its default): `CHAR_TABLE_REF` with the parent link cut when CACHED
/// (ASCII characters then read the `ascii` slot), else the contents'
/// value as `char_table_ref_and_range` reads it.
fn ref_without_parent(table: Value, c: u32, cached: bool) -> Value {
    let Some(t) = table.as_char_table() else { return Value::NIL };
    let v = if cached { char_table_get_cached(t, c) } else { char_table_get_local(t, c) };
    if v.is_nil() {
        t.default
    } else {
        v
    }
}

fn f_char_table_subtype(a: &[Value]) -> LResult {
    Ok(expect_char_table(a[0])?.purpose)
}

fn f_char_table_parent(a: &[Value]) -> LResult {
    Ok(expect_char_table(a[0])?.parent)
}

fn f_set_char_table_parent(a: &[Value]) -> LResult {
    let (table, parent) = (a[0], a[1]);
    expect_char_table(table)?;
    if !parent.is_nil() {
        expect_char_table(parent)?;
        let mut p = parent;
        while let Some(t) = p.as_char_table() {
            if p == table {
                return Err(error("Attempt to make a chartable be its own parent"));
            }
            p = t.parent;
        }
    }
    expect_char_table(table)?.parent = parent;
    Ok(parent)
}

/// The index N of an extra slot of TABLE, checked.
fn extra_slot_index(table: Value, n: Value) -> LResult<usize> {
    let t = expect_char_table(table)?;
    let i = expect_fixnum(n)?;
    if i < 0 || i as usize >= t.extras.len() {
        return Err(args_out_of_range(table, n));
    }
    Ok(i as usize)
}

fn f_char_table_extra_slot(a: &[Value]) -> LResult {
    let i = extra_slot_index(a[0], a[1])?;
    Ok(expect_char_table(a[0])?.extras[i])
}

fn f_set_char_table_extra_slot(a: &[Value]) -> LResult {
    let i = extra_slot_index(a[0], a[1])?;
    expect_char_table(a[0])?.extras[i] = a[2];
    Ok(a[2])
}

/// The characters of a (FROM . TO) RANGE, checked car first.
fn range_chars(range: Value) -> LResult<(u32, u32)> {
    let from = expect_char(range.car())?;
    let to = expect_char(range.cdr())?;
    Ok((from, to))
}

/// `char-table-range`: the default for nil, the (inherited) value of a
/// character, or for (FROM . TO) the value of FROM (its own, else the
/// table's default; parents are not consulted).
fn f_char_table_range(a: &[Value]) -> LResult {
    let (table, range) = (a[0], a[1]);
    let t = expect_char_table(table)?;
    if range.is_nil() {
        return Ok(t.default);
    }
    if is_character(range) {
        return Ok(char_table_ref(table, range.as_fixnum_unchecked() as u32));
    }
    if range.is_cons() {
        let (from, to) = range_chars(range)?;
        uniprop::uncompress_run(t, from, to);
        return Ok(ref_without_parent(table, from, false));
    }
    Err(error("Invalid RANGE argument to ‘char-table-range’"))
}

/// `set-char-table-range`: t sets every character (not the default), nil
/// the default, a character or (FROM . TO) those characters.
fn f_set_char_table_range(a: &[Value]) -> LResult {
    let (table, range, value) = (a[0], a[1], a[2]);
    let t = expect_char_table(table)?;
    if range.is_t() {
        char_table_set_range(t, 0, MAX_CHAR, value);
    } else if range.is_nil() {
        t.default = value;
    } else if is_character(range) {
        let c = range.as_fixnum_unchecked() as u32;
        char_table_set_range(t, c, c, value);
    } else if range.is_cons() {
        let (from, to) = range_chars(range)?;
        char_table_set_range(t, from, to, value);
    } else {
        return Err(error("Invalid RANGE argument to ‘set-char-table-range’"));
    }
    Ok(value)
}

// ---------------------------------------------------------------------------
// map-char-table

/// chartab.c `map_sub_char_table` over the characters of TOP from RANGE's
/// car to its cdr, VAL being the value of the run in progress; calls
/// FUNCTION for each finished run of `eq` non-nil values and returns the
/// value of the run still in progress (RANGE's car is its start).
fn map_sub(function: Value, top: Value, val: Value, range: Value) -> LResult {
    let mut val = val;
    let mut from = range.car().as_fixnum_unchecked();
    let to = range.cdr().as_fixnum_unchecked();
    let max_char = to.min(MAX_CHAR as i64);
    if from > max_char {
        return Ok(val);
    }
    let Some(t) = top.as_char_table() else { return Ok(val) };
    let mut c = segment_at(t, from.max(0) as u32).0 as i64;
    while c <= max_char {
        let Some(t) = top.as_char_table() else { break };
        let (_, end, raw) = segment_at(t, c as u32);
        if uniprop::uncompress_in_run(t, raw, c.max(from).max(0) as u32, (end as i64).min(max_char) as u32) {
            continue;
        }
        let this = if raw.is_nil() { t.default } else { raw };
        if val != this {
            let mut different = true;
            if val.is_nil() && !t.parent.is_nil() {
                let parent = t.parent;
                val = ref_without_parent(parent, from as u32, true);
                range.cons_ref().cdr = Value::fixnum(c - 1);
                val = map_sub(function, parent, val, range)?;
                if val == this {
                    different = false;
                }
            }
            if !val.is_nil() && different {
                range.cons_ref().cdr = Value::fixnum(c - 1);
                call_with_range(function, range, uniprop::decode_if_uniprop(top, val))?;
            }
            val = this;
            from = c;
            range.cons_ref().car = Value::fixnum(c);
        }
        range.cons_ref().cdr = Value::fixnum(to);
        c = end as i64 + 1;
    }
    Ok(val)
}

/// Calls FUNCTION with RANGE's car when it covers one character, else with
/// RANGE itself (the same cons each time, as in Emacs).
fn call_with_range(function: Value, range: Value, val: Value) -> LResult<()> {
    let key = if range.car() == range.cdr() { range.car() } else { range };
    funcall(function, &[key, val]).map(|_| ())
}

/// `map-char-table`: FUNCTION on each run of characters sharing a non-nil
/// value (nil runs inherit from the parents), in increasing order.
fn f_map_char_table(a: &[Value]) -> LResult {
    let (function, table) = (a[0], a[1]);
    let decoder = expect_char_table(table).map(|t| uniprop::is_uniprop(t) && uniprop::has_decoder(t))?;
    let range = cons(Value::fixnum(0), Value::fixnum(MAX_CHAR as i64));
    let mut tv = table;
    let mut val = tv.as_char_table().map_or(Value::NIL, |t| char_table_get_cached(t, 0));
    val = map_sub(function, tv, val, range)?;
    while val.is_nil() {
        let Some(parent) = tv.as_char_table().map(|t| t.parent).filter(|p| !p.is_nil()) else { break };
        let from = range.car().as_fixnum_unchecked();
        val = ref_without_parent(parent, from.max(0) as u32, true);
        val = map_sub(function, parent, val, range)?;
        tv = parent;
    }
    if !val.is_nil() {
        // The decoder is TABLE's, applied with the last table walked.
        if let Some(last) = tv.as_char_table().filter(|_| decoder) {
            val = uniprop::decode_value(last, val);
        }
        call_with_range(function, range, val)?;
    }
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// optimize-char-table

/// Whether THIS and ELT count as equal under TEST (nil: `equal`, `eq`, or a
/// function called with THIS and ELT).
fn same_under(test: Value, this: Value, elt: Value) -> LResult<bool> {
    if test.is_nil() {
        return equal(this, elt);
    }
    if test == sym::EQ {
        return Ok(this == elt);
    }
    Ok(!funcall(test, &[this, elt])?.is_nil())
}

/// Whether the entry of TABLE's trie starting at LO is a depth-DEPTH
/// sub-char-table: Emacs made one there, or its characters differ.
fn is_subtable(t: &CharTable, depth: usize, lo: u32) -> bool {
    t.subtables.contains(&(depth as u8, lo)) || segment_at(t, lo).1 < lo + (CHARTAB_CHARS[depth - 1] - 1)
}

/// Replaces the depth-DEPTH sub-table at LO by the single value V.
fn collapse(table: Value, depth: usize, lo: u32, v: Value) {
    if let Some(t) = table.as_char_table() {
        remove_subtables(t, depth, lo);
        char_table_set_values(t, lo, lo + (CHARTAB_CHARS[depth - 1] - 1), v);
    }
}

/// chartab.c `optimize_sub_char_table` on the depth-DEPTH sub-table whose
/// first character is MIN: Some(value) when it can become that one value
/// (the caller then collapses it), None when it stays a table.
fn optimize_sub(table: Value, depth: usize, min: u32, test: Value) -> LResult<Option<Value>> {
    let width = CHARTAB_CHARS[depth];
    // Each entry after optimizing it: Some(value), or None for a sub-table.
    let entry = |i: u32| -> LResult<Option<Value>> {
        let lo = min + i * width;
        let Some(t) = table.as_char_table() else { return Ok(None) };
        if depth < 3 && is_subtable(t, depth + 1, lo) {
            let r = optimize_sub(table, depth + 1, lo, test)?;
            if let Some(v) = r {
                collapse(table, depth + 1, lo, v);
            }
            return Ok(r);
        }
        Ok(Some(char_table_get_local(t, lo)))
    };
    let elt = entry(0)?;
    let mut optimizable = elt.is_some();
    for i in 1..CHARTAB_SIZE[depth] {
        let this = entry(i)?;
        if optimizable {
            optimizable = match (this, elt) {
                (Some(x), Some(e)) => same_under(test, x, e)?,
                _ => false,
            };
        }
    }
    Ok(if optimizable { elt } else { None })
}

/// `optimize-char-table`: merges sub-tables whose entries are equivalent
/// under TEST (default `equal`) into one shared value.
fn f_optimize_char_table(a: &[Value]) -> LResult {
    let (table, test) = (a[0], a[1]);
    expect_char_table(table)?;
    for i in 0..CHARTAB_SIZE[0] {
        let lo = i * CHARTAB_CHARS[0];
        let Some(t) = table.as_char_table() else { break };
        if is_subtable(t, 1, lo) {
            if let Some(v) = optimize_sub(table, 1, lo, test)? {
                collapse(table, 1, lo, v);
            }
        }
    }
    // Emacs resets the `ascii' cache, in case it got optimized away.
    if let Some(t) = table.as_char_table() {
        uniprop::reset_ascii(t);
    }
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("char-table-subtype", 1, 1, f_char_table_subtype, "Return the subtype of char-table CHAR-TABLE.  The value is a symbol."),
    SubrDef::new("char-table-parent", 1, 1, f_char_table_parent, "Return the parent char-table of CHAR-TABLE."),
    SubrDef::new("set-char-table-parent", 2, 2, f_set_char_table_parent, "Set the parent char-table of CHAR-TABLE to PARENT."),
    SubrDef::new("char-table-extra-slot", 2, 2, f_char_table_extra_slot, "Return the value of CHAR-TABLE's extra-slot number N."),
    SubrDef::new("set-char-table-extra-slot", 3, 3, f_set_char_table_extra_slot, "Set CHAR-TABLE's extra-slot number N to VALUE."),
    SubrDef::new("char-table-range", 2, 2, f_char_table_range, "Return the value in CHAR-TABLE for a range of characters RANGE."),
    SubrDef::new(
        "set-char-table-range",
        3,
        3,
        f_set_char_table_range,
        "Set the value in CHAR-TABLE for a range of characters RANGE to VALUE.",
    ),
    SubrDef::new("map-char-table", 2, 2, f_map_char_table, "Call FUNCTION for each character in CHAR-TABLE that has non-nil value."),
    SubrDef::new("optimize-char-table", 1, 2, f_optimize_char_table, "Optimize CHAR-TABLE."),
    SubrDef::new(
        "unicode-property-table-internal",
        1,
        1,
        uniprop::f_unicode_property_table_internal,
        "Return a char-table for Unicode character property PROP.",
    ),
    SubrDef::new(
        "get-unicode-property-internal",
        2,
        2,
        uniprop::f_get_unicode_property_internal,
        "Return an element of CHAR-TABLE for character CH.",
    ),
    SubrDef::new(
        "put-unicode-property-internal",
        3,
        3,
        uniprop::f_put_unicode_property_internal,
        "Set an element of CHAR-TABLE for character CH to VALUE.",
    ),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    uniprop::init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};
    fn new_table(init: Value) -> Value {
        let mut t = CharTable::new(intern("pc"), init, vec![Value::NIL; 2]);
        char_table_set_range(&mut t, 0, MAX_CHAR, init);
        heap().alloc_obj(Obj::CharTable(Box::new(t)))
    }

    #[test]
    fn ranges_and_defaults() {
        setup();
        let ct = new_table(Value::NIL);
        let v = intern("v");
        // (set-char-table-range ct '(?a . ?c) 'v) -> v; (char-table-range ct ?b) -> v
        assert_eq!(f_set_char_table_range(&[ct, cons(n(97), n(99)), v]).ok(), Some(v));
        assert_eq!(f_char_table_range(&[ct, n(98)]).ok(), Some(v));
        assert_eq!(f_char_table_range(&[ct, n(100)]).ok(), Some(Value::NIL));
        // (set-char-table-range ct nil 'd): the default, seen through nil entries.
        let d = intern("d");
        f_set_char_table_range(&[ct, Value::NIL, d]).unwrap();
        assert_eq!(f_char_table_range(&[ct, Value::NIL]).ok(), Some(d));
        assert_eq!(f_char_table_range(&[ct, cons(n(100), n(200))]).ok(), Some(d));
        // (char-table-range ct "a") -> (error "Invalid RANGE argument to ‘char-table-range’")
        assert!(f_char_table_range(&[ct, make_string("a")]).is_err());
        assert_eq!(err_data().0, sym::ERROR);
        // (set-char-table-range ct '(?a . x) 'v) -> (wrong-type-argument characterp x)
        let x = intern("x");
        assert!(f_set_char_table_range(&[ct, cons(n(97), x), v]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CHARACTERP, x]));
    }

    #[test]
    fn parents_and_extra_slots() {
        setup();
        let (c, p) = (new_table(Value::NIL), new_table(intern("from-parent")));
        assert_eq!(f_set_char_table_parent(&[c, p]).ok(), Some(p));
        assert_eq!(char_table_ref(c, 97), intern("from-parent"));
        // (set-char-table-parent p c) -> (error "Attempt to make a chartable be its own parent")
        assert!(f_set_char_table_parent(&[p, c]).is_err());
        assert_eq!(err_data().0, sym::ERROR);
        // Extra slots: index checked against the table's count.
        assert_eq!(f_set_char_table_extra_slot(&[c, n(1), n(5)]).ok(), Some(n(5)));
        assert_eq!(f_char_table_extra_slot(&[c, n(1)]).ok(), Some(n(5)));
        assert!(f_char_table_extra_slot(&[c, n(2)]).is_err());
        assert_eq!(err_data(), (sym::ARGS_OUT_OF_RANGE, vec![c, n(2)]));
        assert!(f_char_table_subtype(&[n(1)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CHAR_TABLE_P, n(1)]));
    }

    #[test]
    fn optimize_merges_equal_blocks() {
        setup();
        // (dotimes (i 128) (aset ct i (list 1))) (optimize-char-table ct):
        // chars 0..127 then share one list; with `eq' nothing changes.
        let ct = new_table(Value::NIL);
        let t = ct.as_char_table().unwrap();
        for i in 0..128 {
            char_table_set_range(t, i, i, list1(n(1)));
        }
        f_optimize_char_table(&[ct, sym::EQ]).unwrap();
        assert_ne!(char_table_ref(ct, 0), char_table_ref(ct, 5));
        f_optimize_char_table(&[ct, Value::NIL]).unwrap();
        assert_eq!(char_table_ref(ct, 0), char_table_ref(ct, 127));
        assert_eq!(ct.as_char_table().unwrap().ranges.len(), 1);
    }

    #[test]
    fn segments() {
        setup();
        let ct = new_table(Value::NIL);
        let t = ct.as_char_table().unwrap();
        char_table_set_range(t, 10, 20, n(1));
        assert_eq!(segment_at(t, 0), (0, 9, Value::NIL));
        assert_eq!(segment_at(t, 15), (10, 20, n(1)));
        assert_eq!(segment_at(t, 21), (21, MAX_CHAR, Value::NIL));
    }
}
