//! chartab.c's Unicode character property ("uniprop") tables: char-tables
//! whose purpose is `char-code-property-table` and that have 5 extra slots
//! (NAME, DECODER, ENCODER, DESCRIBER, VALUE-VECTOR), as the uni-*.el files
//! of GNU Emacs's library define them.  It owns:
//!
//! - the compressed 128-character blocks: an entry of a depth-2
//!   sub-char-table may hold a string starting with byte 1 (a "simple"
//!   block: a start index, then one value per character, 0 meaning nil) or
//!   byte 2 (a run-length block: values, each optionally followed by a
//!   character 128+N repeating it N times).  Every access that goes through
//!   such an entry in Emacs (`aref`/`aset` past ASCII, `char-table-range`,
//!   `set-char-table-range`, `map-char-table`, resetting the `ascii` slot)
//!   first replaces it by the depth-3 sub-table it stands for, so the
//!   printed table shows which blocks were touched.  Strings in any other
//!   position are ordinary values (Emacs's own code would misbehave there);
//! - the decoder (extra slot 1 = 0: index into the value vector in extra
//!   slot 4) and the encoders (extra slot 2: 0 character, 1 run-length
//!   index, 2 numeric index that grows the vector);
//! - `unicode-property-table-internal` (loading "international/FILE" through
//!   `load` when `char-code-property-alist` names a file),
//!   `get-unicode-property-internal`, `put-unicode-property-internal` and
//!   the variable `char-code-property-alist`.
use super::segment_at;
use crate::builtins::data::types::{char_table_set_range, char_table_set_values, expect_char};
use crate::builtins::prelude::*;
use crate::runtime::specpdl::symbol_value;

/// Characters of one compressible block (an entry of a depth-2 sub-table).
const BLOCK: u32 = 128;
/// Characters of an entry of a depth-1 sub-table (a depth-2 sub-table).
const BLOCK2: u32 = 4096;

/// `UNIPROP_TABLE_P`: purpose `char-code-property-table`, 5 extra slots.
pub fn is_uniprop(t: &CharTable) -> bool {
    t.extras.len() == 5 && t.purpose == intern("char-code-property-table")
}

/// `UNIPROP_COMPRESSED_FORM_P`: a non-empty string whose first byte is 1 or 2.
pub fn compressed_form(v: Value) -> bool {
    v.is_string() && {
        let s = v.string_ref();
        s.nchars > 0 && matches!(s.data.first(), Some(1 | 2))
    }
}

/// The compressed string held by the entry for the block starting at LO,
/// when that entry is one of a depth-2 sub-table (not itself a sub-table).
fn compressed_block(t: &CharTable, lo: u32) -> Option<Value> {
    if !t.subtables.contains(&(2, lo & !(BLOCK2 - 1))) {
        return None;
    }
    t.block_value(2, lo).filter(|v| compressed_form(*v))
}

/// Uncompresses the block holding character C if TABLE is a uniprop table
/// and the block is still compressed (`sub_char_table_ref` and friends).
pub fn uncompress_at(t: &mut CharTable, c: u32) {
    if c > MAX_CHAR || !is_uniprop(t) {
        return;
    }
    let lo = c & !(BLOCK - 1);
    if let Some(s) = compressed_block(t, lo) {
        uncompress(t, lo, s);
    }
}

/// The first compressed block of a uniprop table whose start lies in
/// FROM..=TO (or whose characters include FROM).
fn first_compressed_in(t: &CharTable, from: u32, to: u32) -> Option<u32> {
    let to = to.min(MAX_CHAR);
    let mut q = from & !(BLOCK2 - 1);
    while q <= to {
        if t.subtables.contains(&(2, q)) {
            let mut lo = q.max(from & !(BLOCK - 1));
            while lo < q + BLOCK2 && lo <= to {
                if compressed_block(t, lo).is_some() {
                    return Some(lo);
                }
                lo += BLOCK;
            }
        }
        q += BLOCK2;
    }
    None
}

/// Uncompresses, in a uniprop table, the first compressed block in the run
/// FROM..=TO of one raw value RAW (a compressed string); whether it did.
pub fn uncompress_in_run(t: &mut CharTable, raw: Value, from: u32, to: u32) -> bool {
    if !compressed_form(raw) || !is_uniprop(t) {
        return false;
    }
    match first_compressed_in(t, from, to) {
        Some(lo) => {
            if let Some(s) = compressed_block(t, lo) {
                uncompress(t, lo, s);
            }
            true
        }
        None => false,
    }
}

/// `uniprop_table_uncompress`: replaces the compressed block at LO (string
/// S) by the depth-3 sub-table of its 128 values.
fn uncompress(t: &mut CharTable, lo: u32, s: Value) {
    let values = decode_block(&s.string_ref().data);
    if lo == 0 && matches!(t.ascii, AsciiSlot::Fresh) {
        // The `ascii` slot keeps the string it held until it is reset.
        t.ascii = AsciiSlot::Value(s);
    }
    t.subtables.insert((3, lo));
    char_table_set_values(t, lo, lo + BLOCK - 1, Value::NIL);
    let mut i = 0usize;
    while i < values.len() {
        let v = values[i];
        let mut j = i;
        while j + 1 < values.len() && values[j + 1] == v {
            j += 1;
        }
        if !v.is_nil() {
            char_table_set_values(t, lo + i as u32, lo + j as u32, v);
        }
        i = j + 1;
    }
}

/// One character of internal (multibyte) text at DATA[*P], advancing *P,
/// as `string_char_advance` reads it.
fn next_char(data: &[u8], p: &mut usize) -> u32 {
    match data.get(*p..).filter(|r| !r.is_empty()) {
        Some(rest) => {
            let (c, len) = decode_char(rest);
            *p += len;
            c
        }
        None => {
            // Emacs reads the string's terminating NUL.
            *p += 1;
            0
        }
    }
}

/// The 128 values a compressed block's bytes DATA stand for.
fn decode_block(data: &[u8]) -> [Value; 128] {
    let mut out = [Value::NIL; 128];
    let end = data.len();
    let mut p = 1;
    match data.first() {
        Some(1) => {
            let mut idx = next_char(data, &mut p) as usize;
            while p < end && idx < out.len() {
                let v = next_char(data, &mut p);
                out[idx] = if v > 0 { Value::fixnum(v as i64) } else { Value::NIL };
                idx += 1;
            }
        }
        Some(2) => {
            let mut idx = 0usize;
            while p < end {
                let v = next_char(data, &mut p);
                let mut count = 1;
                if p < end {
                    let mut q = p;
                    let n = next_char(data, &mut q);
                    if n >= 128 {
                        count = n - 128;
                        p = q;
                    }
                }
                for _ in 0..count {
                    if let Some(slot) = out.get_mut(idx) {
                        *slot = Value::fixnum(v as i64);
                    }
                    idx += 1;
                }
            }
        }
        _ => {}
    }
    out
}

/// chartab.c `char_table_set_range`'s uncompressing of the blocks that
/// FROM..TO (FROM /= TO) covers only partly.
pub fn uncompress_for_range(t: &mut CharTable, from: u32, to: u32) {
    if !is_uniprop(t) || from > MAX_CHAR {
        return;
    }
    let first = from & !(BLOCK - 1);
    if first <= to && (from > first || first + (BLOCK - 1) > to) {
        uncompress_at(t, first);
    }
    let last = to & !(BLOCK - 1);
    if last > first && last + (BLOCK - 1) > to {
        uncompress_at(t, last);
    }
}

/// `char_table_ref_and_range`'s walk for `char-table-range` with (FROM .
/// TO): from FROM on, every block the run of characters sharing FROM's
/// value (nil meaning the default) reaches up to TO is uncompressed.
pub fn uncompress_run(t: &mut CharTable, from: u32, to: u32) {
    if !is_uniprop(t) {
        return;
    }
    uncompress_at(t, from);
    let or_default = |t: &CharTable, v: Value| if v.is_nil() { t.default } else { v };
    let val = or_default(t, t.own_value(from));
    let mut pos = from;
    loop {
        let (_, end, raw) = segment_at(t, pos);
        if or_default(t, raw) != val {
            break;
        }
        if uncompress_in_run(t, raw, pos, end.min(to)) {
            continue;
        }
        if end >= to || end >= MAX_CHAR {
            break;
        }
        pos = end + 1;
        uncompress_at(t, pos);
    }
}

/// Resets the `ascii` slot as `char_table_ascii` computes it (uncompressing
/// the block of characters 0..127 of a uniprop table).
pub fn reset_ascii(t: &mut CharTable) {
    uncompress_at(t, 0);
    t.ascii = AsciiSlot::Fresh;
}

// ---------------------------------------------------------------------------
// Decoding and encoding values

/// Whether TABLE has a decoder `uniprop_get_decoder` knows (extra slot 1 is 0).
pub fn has_decoder(t: &CharTable) -> bool {
    t.extras.get(1).and_then(|v| v.as_fixnum()) == Some(0)
}

/// `uniprop_decode_value_run_length`: VALUE as an index into the vector in
/// TABLE's extra slot 4 (nil counts as index 0, as its bits read as 0).
pub fn decode_value(t: &CharTable, value: Value) -> Value {
    let Some(vec) = t.extras.get(4).and_then(|v| v.as_vector()) else { return value };
    let index = if value.is_nil() { Some(0) } else { value.as_fixnum() };
    match index.and_then(|i| usize::try_from(i).ok()).and_then(|i| vec.get(i)) {
        Some(v) => *v,
        None => value,
    }
}

/// VALUE decoded with TABLE's decoder, if it has one.
pub fn decode_if_uniprop(table: Value, value: Value) -> Value {
    match table.as_char_table() {
        Some(t) if is_uniprop(t) && has_decoder(t) => decode_value(t, value),
        _ => value,
    }
}

/// The position of VALUE (by `eq`) in TABLE's value vector, and its length.
fn value_index(t: &CharTable, value: Value) -> (usize, usize) {
    let vec = t.extras.get(4).and_then(|v| v.as_vector()).map(|v| v.as_slice()).unwrap_or(&[]);
    (vec.iter().position(|x| *x == value).unwrap_or(vec.len()), vec.len())
}

/// VALUE encoded by TABLE's encoder (extra slot 2), if it has one.
fn encode_value(table: Value, value: Value) -> LResult {
    let Some(t) = table.as_char_table() else { return Ok(value) };
    match t.extras.get(2).and_then(|v| v.as_fixnum()) {
        Some(0) => {
            if !value.is_nil() && !crate::builtins::data::types::is_character(value) {
                return Err(wrong_type(sym::INTEGERP, value));
            }
            Ok(value)
        }
        Some(1) => {
            let (i, size) = value_index(t, value);
            if i == size {
                return Err(wrong_type(make_string("Unicode property value"), value));
            }
            Ok(Value::fixnum(i as i64))
        }
        Some(2) => {
            if !value.is_fixnum() {
                return Err(wrong_type(sym::FIXNUMP, value));
            }
            let (i, size) = value_index(t, value);
            let index = Value::fixnum(i as i64);
            if i == size {
                // Emacs appends the index, not the value.
                let old = t.extras[4];
                let grown = crate::builtins::fns::seq::f_vconcat(&[old, make_vector(vec![index])])?;
                if let Some(t) = table.as_char_table() {
                    t.extras[4] = grown;
                }
            }
            Ok(index)
        }
        _ => Ok(value),
    }
}

// ---------------------------------------------------------------------------
// The primitives

/// `Fassq` on the value of `char-code-property-alist`.
fn property_entry(prop: Value) -> LResult {
    let alist = symbol_value(intern("char-code-property-alist"))?;
    crate::builtins::fns::lists::f_assq(&[prop, alist])
}

/// Calls the subr NAME of TABLE with ARGS.
fn call_named(table: &'static [SubrDef], name: &str, args: &[Value]) -> LResult {
    match table.iter().find(|d| d.name == name) {
        Some(def) => crate::runtime::subr::call_subr(def, intern(name), args),
        None => Err(error("Missing primitive")),
    }
}

/// `save_match_data_load`: `load` with the match data saved around it.
fn load_saving_match_data(file: Value) -> LResult {
    let search = crate::builtins::search::SUBRS;
    let saved = call_named(search, "match-data", &[Value::NIL, Value::NIL, Value::NIL])?;
    let t = Value::T;
    let result = crate::builtins::lread::load::f_load(&[file, t, t, t, t]);
    call_named(search, "set-match-data", &[saved, t])?;
    result
}

/// chartab.c `uniprop_table`: PROP's uniprop table (loading the file
/// "international/FILE" when the alist names one), or nil.
fn uniprop_table(prop: Value) -> LResult {
    let entry = property_entry(prop)?;
    if !entry.is_cons() {
        return Ok(Value::NIL);
    }
    let mut table = entry.cdr();
    if table.is_string() {
        let file = crate::builtins::fns::seq::f_concat(&[make_string("international/"), table])?;
        if load_saving_match_data(file)?.is_nil() {
            return Ok(Value::NIL);
        }
        table = entry.cdr();
    }
    let Some(t) = table.as_char_table().filter(|t| is_uniprop(t)) else { return Ok(Value::NIL) };
    let decoder = t.extras[1];
    let known = match decoder.as_fixnum() {
        Some(i) => i == 0,
        None => decoder.is_nil(),
    };
    if !known {
        return Ok(Value::NIL);
    }
    reset_ascii(t);
    Ok(table)
}

pub(super) fn f_unicode_property_table_internal(a: &[Value]) -> LResult {
    let table = uniprop_table(a[0])?;
    if table.as_char_table().is_some() {
        return Ok(table);
    }
    Ok(property_entry(a[0])?.cdr_safe())
}

/// The checks the two accessors share: a char-table, a character, uniprop.
fn check_access(table: Value, ch: Value) -> LResult<(&'static mut CharTable, u32)> {
    let t = table.as_char_table().ok_or_else(|| wrong_type(sym::CHAR_TABLE_P, table))?;
    let c = expect_char(ch)?;
    if !is_uniprop(t) {
        return Err(error("Invalid Unicode property table"));
    }
    Ok((t, c))
}

pub(super) fn f_get_unicode_property_internal(a: &[Value]) -> LResult {
    let (t, c) = check_access(a[0], a[1])?;
    let val = crate::builtins::data::types::char_table_ref(a[0], c);
    Ok(if has_decoder(t) { decode_value(t, val) } else { val })
}

pub(super) fn f_put_unicode_property_internal(a: &[Value]) -> LResult {
    let (_, c) = check_access(a[0], a[1])?;
    let value = encode_value(a[0], a[2])?;
    if let Some(t) = a[0].as_char_table() {
        char_table_set_range(t, c, c, value);
    }
    Ok(Value::NIL)
}

/// Defines `char-code-property-alist` (nil, as chartab.c leaves it).
pub fn init() {
    defvar_lisp("char-code-property-alist", Value::NIL);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};

    /// (make-char-table 'char-code-property-table) with extra slots 1, 2, 4
    /// set to DECODER, ENCODER and VALVEC.
    fn uniprop_table(decoder: Value, encoder: Value, valvec: Value) -> Value {
        let extras = vec![intern("p"), decoder, encoder, Value::NIL, valvec];
        let t = CharTable::new(intern("char-code-property-table"), Value::NIL, extras);
        heap().alloc_obj(Obj::CharTable(Box::new(t)))
    }

    fn chars(cs: &[u32]) -> Value {
        let mut s = String::new();
        cs.iter().for_each(|c| s.push(char::from_u32(*c).unwrap_or('?')));
        make_string(&s)
    }

    #[test]
    fn block_formats() {
        setup();
        // (string 2 1 138 2 3 3): 1 ten times, then 2, 3, 3, then nil.
        let rl = decode_block(&chars(&[2, 1, 138, 2, 3, 3]).string_ref().data);
        assert_eq!(rl[9], n(1));
        assert_eq!((rl[10], rl[11], rl[12], rl[13]), (n(2), n(3), n(3), Value::NIL));
        // (string 1 5 1 2 0 3): from index 5 on, 1 2 nil 3.
        let simple = decode_block(&chars(&[1, 5, 1, 2, 0, 3]).string_ref().data);
        assert_eq!((simple[4], simple[5], simple[6], simple[7], simple[8]), (Value::NIL, n(1), n(2), Value::NIL, n(3)));
        // (string 1 126 5 6 7 8): values past index 127 are dropped.
        let tail = decode_block(&chars(&[1, 126, 5, 6, 7, 8]).string_ref().data);
        assert_eq!((tail[126], tail[127]), (n(5), n(6)));
        assert!(compressed_form(chars(&[1])) && !compressed_form(chars(&[3, 1])) && !compressed_form(make_string("")));
    }

    #[test]
    fn access_uncompresses_only_depth_2_entries() {
        setup();
        let tb = uniprop_table(n(0), n(1), make_vector(vec![intern("a"), intern("b"), intern("c")]));
        let t = tb.as_char_table().unwrap();
        let s = chars(&[2, 1, 128 + 127, 2]);
        char_table_set_range(t, 0x100, 0x17f, s);
        assert_eq!(t.own_value(0x150), s);
        // (aref tb #x17f) -> 2, and the block is now a depth-3 sub-table.
        assert_eq!(crate::builtins::data::types::char_table_ref(tb, 0x17f), n(2));
        assert!(t.subtables.contains(&(3, 0x100)));
        // (get-unicode-property-internal tb #x100) -> b; nil decodes as index 0.
        assert_eq!(f_get_unicode_property_internal(&[tb, n(0x100)]).ok(), Some(intern("b")));
        assert_eq!(f_get_unicode_property_internal(&[tb, n(97)]).ok(), Some(intern("a")));
        // (put-unicode-property-internal tb ?a 'z) -> (wrong-type-argument "Unicode property value" z)
        assert!(f_put_unicode_property_internal(&[tb, n(97), intern("z")]).is_err());
        assert_eq!(err_data().1[1], intern("z"));
    }

    #[test]
    fn numeric_encoder_appends_the_index() {
        setup();
        // (put-unicode-property-internal tb #x661 100) on a vector [nil 0 1]
        // stores 3 and makes the vector [nil 0 1 3].
        let tb = uniprop_table(n(0), n(2), make_vector(vec![Value::NIL, n(0), n(1)]));
        f_put_unicode_property_internal(&[tb, n(0x661), n(100)]).unwrap();
        let t = tb.as_char_table().unwrap();
        assert_eq!(t.own_value(0x661), n(3));
        assert_eq!(t.extras[4].as_vector().map(|v| v.len()), Some(4));
        // A non-fixnum: (wrong-type-argument fixnump x).
        assert!(f_put_unicode_property_internal(&[tb, n(0x661), intern("x")]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::FIXNUMP, intern("x")]));
    }

    #[test]
    fn non_uniprop_tables_are_rejected() {
        setup();
        let plain = heap().alloc_obj(Obj::CharTable(Box::new(CharTable::new(intern("foo"), Value::NIL, vec![]))));
        assert!(f_get_unicode_property_internal(&[plain, n(97)]).is_err());
        assert_eq!(err_data().0, sym::ERROR);
        assert!(f_get_unicode_property_internal(&[plain, intern("x")]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CHARACTERP, intern("x")]));
    }
}
