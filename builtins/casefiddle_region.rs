//! The buffer half of GNU Emacs's casefiddle.c: `upcase-region`,
//! `downcase-region`, `capitalize-region`, `upcase-initials-region` and the
//! word commands.  Characters change in place (keeping their text
//! properties); a character whose special casing has several characters
//! (ß -> SS) is replaced by them, as `casify_region` does.
use crate::builtins::buffer::args::validate_region;
use crate::builtins::casefiddle::{is_word_char, CaseAction, CaseCtx};
use crate::builtins::editfns::buffer::modify_text;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{buffer_string, char_to_byte8, replace_chars_in_place, signal_after_change};
use crate::runtime::buffer::{current, undo};

/// Replaces the char at POS of the current buffer by CHARS (several),
/// as `replace_range_2` without marker adjustment.
fn expand_char(pos: usize, chars: &[u32]) {
    let b = current();
    let mut bytes = Vec::new();
    for &c in chars {
        encode_char(c, &mut bytes);
    }
    b.text.delete(pos - 1, pos);
    b.text.insert(pos - 1, &bytes, chars.len());
    let added = chars.len() as isize - 1;
    b.zv = (b.zv as isize + added) as usize;
    b.intervals.offset(pos - 1, added);
}

/// `casify_region`: returns the end of the region after the change.
fn casify_region(flag: CaseAction, beg: Value, end: Value) -> LResult<usize> {
    let (start, end) = validate_region(beg, end)?;
    if start == end {
        return Ok(end);
    }
    modify_text(start, end)?;
    let mut ctx = CaseCtx::new(flag);
    let deleted = buffer_string(start, end, true);
    undo::record_delete(current(), start, deleted);
    let (mut first, mut last) = (0usize, 0usize);
    let mut added: isize = 0;
    if !current().multibyte() {
        undo::record_insert(current(), start, end - start);
        for pos in start..end {
            let ch = raw_byte_char(current().char_at(pos) as u8);
            let cased = ctx.case_single(ch);
            if cased == ch {
                continue;
            }
            last = pos + 1;
            if first == 0 {
                first = pos;
            }
            replace_chars_in_place(pos, &[char_to_byte8(cased) as u32]);
        }
    } else {
        let mut opoint = current().pt;
        let mut pos = start;
        let mut size = end - start;
        while size > 0 {
            let b = current();
            let ch = b.char_at(pos);
            let next = if size > 1 { Some(b.char_at(pos + 1)) } else { None };
            size -= 1;
            let Some(out) = ctx.case_character(ch, next) else {
                pos += 1;
                continue;
            };
            last = pos + out.len();
            if first == 0 {
                first = pos;
            }
            if out.len() == 1 {
                replace_chars_in_place(pos, &out);
            } else {
                expand_char(pos, &out);
                added += out.len() as isize - 1;
                if opoint > pos {
                    opoint = (opoint as isize + out.len() as isize - 1) as usize;
                }
            }
            pos += out.len();
        }
        current().pt = opoint;
        undo::record_insert(current(), start, ((end - start) as isize + added) as usize);
    }
    if first > 0 {
        let span = last - first;
        signal_after_change(first, (span as isize - added) as usize, span)?;
    }
    Ok((end as isize + added) as usize)
}

fn f_upcase_region(a: &[Value]) -> LResult {
    casify_region(CaseAction::Up, a[0], a[1])?;
    Ok(Value::NIL)
}
fn f_downcase_region(a: &[Value]) -> LResult {
    casify_region(CaseAction::Down, a[0], a[1])?;
    Ok(Value::NIL)
}
fn f_capitalize_region(a: &[Value]) -> LResult {
    casify_region(CaseAction::Capitalize, a[0], a[1])?;
    Ok(Value::NIL)
}
fn f_upcase_initials_region(a: &[Value]) -> LResult {
    casify_region(CaseAction::CapitalizeUp, a[0], a[1])?;
    Ok(Value::NIL)
}

/// `scan_words`: the position after COUNT words from FROM (backward when
/// negative), or None if the buffer ends first.
fn scan_words(from: usize, count: i64) -> Option<usize> {
    let b = current();
    let mut pos = from;
    let mut count = count;
    while count > 0 {
        loop {
            if pos >= b.zv {
                return None;
            }
            if is_word_char(b.char_at(pos)) {
                break;
            }
            pos += 1;
        }
        while pos < b.zv && is_word_char(b.char_at(pos)) {
            pos += 1;
        }
        count -= 1;
    }
    while count < 0 {
        loop {
            if pos <= b.begv {
                return None;
            }
            if is_word_char(b.char_at(pos - 1)) {
                break;
            }
            pos -= 1;
        }
        while pos > b.begv && is_word_char(b.char_at(pos - 1)) {
            pos -= 1;
        }
        count += 1;
    }
    Some(pos)
}

fn casify_word(flag: CaseAction, arg: Value) -> LResult {
    let n = expect_fixnum(arg)?;
    let b = current();
    let farend = scan_words(b.pt, n).unwrap_or(if n <= 0 { b.begv } else { b.zv });
    let pt = b.pt;
    let newpt = casify_region(flag, Value::fixnum(pt as i64), Value::fixnum(farend as i64))?;
    current().pt = newpt;
    Ok(Value::NIL)
}

fn f_upcase_word(a: &[Value]) -> LResult {
    casify_word(CaseAction::Up, a[0])
}
fn f_downcase_word(a: &[Value]) -> LResult {
    casify_word(CaseAction::Down, a[0])
}
fn f_capitalize_word(a: &[Value]) -> LResult {
    casify_word(CaseAction::Capitalize, a[0])
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("upcase-region", 2, 3, f_upcase_region, "Convert the region to upper case.  In programs, wants two arguments."),
    SubrDef::new("downcase-region", 2, 3, f_downcase_region, "Convert the region to lower case.  In programs, wants two arguments."),
    SubrDef::new("capitalize-region", 2, 3, f_capitalize_region, "Convert the region to capitalized form."),
    SubrDef::new("upcase-initials-region", 2, 3, f_upcase_initials_region, "Upcase the initial of each word in the region."),
    SubrDef::new("upcase-word", 1, 1, f_upcase_word, "Convert to upper case from point to end of word, moving over."),
    SubrDef::new("downcase-word", 1, 1, f_downcase_word, "Convert to lower case from point to end of word, moving over."),
    SubrDef::new("capitalize-word", 1, 1, f_capitalize_word, "Capitalize from point to the end of word, moving over."),
];

pub fn init() {}
