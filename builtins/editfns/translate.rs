//! `translate-region-internal` of editfns.c: maps each character of a
//! region of the current buffer through a string (the Nth character is
//! the mapping of code N) or a `translation-table` char-table, whose
//! values may also be strings of characters given as a vector, or lists of
//! ([FROM-CHAR ...] . TO) rules for sequences.  A replacement of the same
//! byte length changes the text in place (`record_change`, after-change
//! hooks per character, text properties kept); any other is a
//! `replace_range` of that stretch.
use super::buffer::modify_text;
use crate::builtins::buffer::args::validate_region;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{
    buffer_string, char_to_byte8, modiff_incr, prepare_to_modify, region_error, replace_chars_in_place, signal_after_change,
};
use crate::runtime::buffer::intervals::set_text_properties_1_hook;
use crate::runtime::buffer::{current, undo};
use crate::runtime::syntax::char_table_ref;

/// The mapping of TABLE, with the limit of the codes it translates.
enum Table {
    /// The string's characters (bytes in a unibyte buffer), and whether it
    /// was multibyte.
    Str(Vec<u32>, bool),
    Chars(Value),
}

/// What one character becomes.
enum Mapped {
    Same,
    /// One character: the value compared with the old one, and the one
    /// written.
    Char(u32, u32),
    /// A vector or a list of sequence rules from the char-table.
    Many(Value),
}

fn table_of(table: Value, multibyte: bool) -> LResult<(Table, usize)> {
    const TRANSLATABLE: usize = MAX_CHAR as usize + 1;
    if table.is_string() {
        let s = table.string_ref();
        let (chars, smb): (Vec<u32>, bool) =
            if multibyte { (s.chars().collect(), s.multibyte) } else { (s.chars().map(|c| char_to_byte8(c) as u32).collect(), false) };
        let nbytes = if multibyte { s.data.len() } else { chars.len() };
        return Ok((Table::Str(chars, smb), nbytes.min(TRANSLATABLE)));
    }
    match table.as_char_table() {
        Some(t) if t.purpose == intern("translation-table") => Ok((Table::Chars(table), TRANSLATABLE)),
        _ => Err(error("Not a translation table")),
    }
}

fn map_char(table: &Table, oc: u32, multibyte: bool) -> Mapped {
    match table {
        Table::Str(chars, true) => chars.get(oc as usize).map_or(Mapped::Same, |&nc| Mapped::Char(nc, nc)),
        Table::Str(bytes, false) => {
            let nc = bytes.get(oc as usize).copied().unwrap_or(oc);
            let written = if nc >= 0x80 && multibyte { 0x3F_FF00 + nc } else { nc };
            Mapped::Char(nc, written)
        }
        Table::Chars(t) => {
            let val = char_table_ref(*t, oc);
            match val.as_fixnum() {
                Some(n) if (0..=MAX_CHAR as i64).contains(&n) => Mapped::Char(n as u32, n as u32),
                _ if val.as_vector().is_some() || val.is_cons() => Mapped::Many(val),
                _ => Mapped::Same,
            }
        }
    }
}

fn encoded_len(c: u32, multibyte: bool) -> usize {
    if multibyte {
        char_bytes(c)
    } else {
        1
    }
}

/// `check_translation`: the first rule ([FROM-CHAR ...] . TO) of RULES
/// whose FROM-CHARs are the buffer's text at POS (before END).
fn check_translation(pos: usize, end: usize, rules: Value) -> Option<Value> {
    let b = current();
    let limit = end.min(b.z());
    for rule in rules.iter() {
        let from = rule.car_safe();
        let Some(want) = from.as_vector() else {
            continue;
        };
        if want.len() > end.saturating_sub(pos) || pos + want.len() > limit {
            continue;
        }
        let hit = want.iter().enumerate().all(|(i, w)| w.as_fixnum() == Some(current().char_at(pos + i) as i64));
        if hit {
            return Some(rule);
        }
    }
    None
}

/// insdel.c `replace_range` of FROM..TO by the string NEW (no
/// inheritance, markers adjusted): hooks, undo, markers, properties.
fn replace_range(from: usize, to: usize, new: Value) -> LResult<usize> {
    prepare_to_modify(from, to)?;
    let b = current();
    if from < b.begv || to > b.zv || to < from {
        return Err(region_error(Value::fixnum(from as i64), Value::fixnum(to as i64)));
    }
    let s = new.string_ref();
    let nchars = s.nchars;
    let mut bytes = Vec::with_capacity(s.data.len());
    for c in s.chars() {
        if b.multibyte() {
            encode_char(c, &mut bytes);
        } else {
            bytes.push(char_to_byte8(c));
        }
    }
    let old = to - from;
    if !undo::disabled(b) {
        let deletion = buffer_string(from, to, true);
        undo::record_insert(current(), from + old, nchars);
        undo::record_delete(current(), from, deletion);
    }
    let b = current();
    b.text.replace(from - 1, to - 1, &bytes, nchars);
    b.markers.borrow_mut().adjust_replace(from, old, nchars);
    b.intervals.offset(from - 1, -(old as isize));
    b.intervals.offset(from - 1, nchars as isize);
    if !b.intervals.is_null() && nchars > 0 {
        let (i, _) = b.intervals.find(from - 1);
        set_text_properties_1_hook(&mut b.intervals, from - 1, from - 1 + nchars, Value::NIL, i, None);
    }
    b.zv = b.zv + nchars - old;
    if from < b.pt {
        b.pt = b.pt + from + nchars - b.pt.min(to);
    }
    modiff_incr(&mut b.modiff, old + nchars);
    b.chars_modiff = b.modiff;
    signal_after_change(from, old, nchars)?;
    Ok(nchars)
}

/// One character changed in place at POS, as Emacs does when the byte
/// lengths agree.
fn change_in_place(pos: usize, c: u32) -> LResult<()> {
    undo::record_change(current(), pos, 1);
    if current().multibyte() {
        replace_chars_in_place(pos, &[c]);
    } else {
        current().text.replace(pos - 1, pos, &[char_to_byte8(c)], 1);
    }
    signal_after_change(pos, 1, 1)
}

fn f_translate_region_internal(a: &[Value]) -> LResult {
    let (start, end) = validate_region(a[0], a[1])?;
    let multibyte = current().multibyte();
    let (table, translatable) = table_of(a[2], multibyte)?;
    modify_text(start, end)?;
    let (mut pos, mut end_pos) = (start, end);
    let mut changed = 0i64;
    while pos < end_pos && pos < current().z() {
        let oc = current().char_at(pos);
        let oc = if multibyte { oc } else { char_to_byte8(oc) as u32 };
        if oc as usize >= translatable {
            pos += 1;
            continue;
        }
        match map_char(&table, oc, multibyte) {
            Mapped::Char(nc, written) if nc != oc => {
                let from_chars = matches!(table, Table::Chars(_));
                let str_len = if multibyte || from_chars { char_bytes(written) } else { 1 };
                if encoded_len(oc, multibyte) != str_len {
                    replace_range(pos, pos + 1, char_string(written))?;
                } else {
                    change_in_place(pos, written)?;
                }
                changed += 1;
                pos += 1;
            }
            Mapped::Many(val) => {
                let (len, to) = if val.is_cons() {
                    let Some(rule) = check_translation(pos, end_pos, val) else {
                        pos += 1;
                        continue;
                    };
                    (rule.car().as_vector().map_or(0, |v| v.len()), rule.cdr())
                } else {
                    (1, val)
                };
                let string = if to.as_vector().is_some() {
                    funcall(intern("concat"), &[to])?
                } else {
                    funcall(intern("make-string"), &[Value::fixnum(1), to])?
                };
                let n = replace_range(pos, pos + len, string)?;
                pos += n;
                changed += n as i64;
                end_pos = (end_pos + n).saturating_sub(len);
            }
            _ => pos += 1,
        }
    }
    Ok(Value::fixnum(changed))
}

/// The string of character C (multibyte unless ASCII).
fn char_string(c: u32) -> Value {
    super::char_to_string(c)
}

pub static SUBRS: &[SubrDef] = &[SubrDef::new(
    "translate-region-internal",
    3,
    3,
    f_translate_region_internal,
    "Internal use only.\nFrom START to END, translate characters according to TABLE.",
)];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::buffer::edit::insert_chars;

    fn text() -> String {
        let b = current();
        buffer_string(b.begv, b.zv, false).string_ref().to_string_lossy()
    }

    #[test]
    fn strings_and_char_tables_translate_as_emacs() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let chars: Vec<u32> = "hello".chars().map(|c| c as u32).collect();
        insert_chars(&chars, false, false).unwrap();
        let start = current().begv as i64;
        let mut table: Vec<char> = (0..128u8).map(char::from).collect();
        table['l' as usize] = 'L';
        let table: String = table.into_iter().collect();
        let r = f_translate_region_internal(&[Value::fixnum(start), Value::fixnum(start + 5), make_string(&table)]);
        assert_eq!(r.ok(), Some(Value::fixnum(2)));
        assert_eq!(text(), "heLLo");
        let mut t = crate::runtime::object::CharTable::new(intern("translation-table"), Value::NIL, vec![Value::NIL; 2]);
        crate::builtins::data::types::char_table_set_range(&mut t, 'L' as u32, 'L' as u32, Value::fixnum('λ' as i64));
        let ct = heap().alloc_obj(crate::runtime::object::Obj::CharTable(Box::new(t)));
        let r = f_translate_region_internal(&[Value::fixnum(start), Value::fixnum(start + 5), ct]);
        assert_eq!(r.ok(), Some(Value::fixnum(2)));
        assert_eq!(text(), "heλλo");
        assert!(f_translate_region_internal(&[Value::fixnum(start), Value::fixnum(start + 5), Value::NIL]).is_err());
    }
}
