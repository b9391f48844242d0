//! The buffer half of GNU Emacs's casefiddle.c: `upcase-region`,
//! `downcase-region`, `capitalize-region`, `upcase-initials-region` and the
//! word commands.  Characters change in place (keeping their text
//! properties); a character whose special casing has several characters
//! (ß -> SS) is replaced by them, as `casify_region` does.  The casing
//! itself (case table, syntax, special casings) is `casefiddle::CaseCtx`.
use crate::builtins::buffer::args::validate_region;
use crate::builtins::casefiddle::{CaseAction, CaseCtx};
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
    let mut ctx = CaseCtx::new(flag, true)?;
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

/// `casify_pnc_region`: with REGION-NONCONTIGUOUS-P, each (BEG . END) of
/// what `region-extract-function` returns for `bounds`.
fn casify_pnc_region(flag: CaseAction, beg: Value, end: Value, noncontiguous: Value) -> LResult {
    if noncontiguous.is_nil() {
        casify_region(flag, beg, end)?;
        return Ok(Value::NIL);
    }
    let f = crate::runtime::specpdl::value_cell(intern("region-extract-function"));
    let mut bounds = funcall(f, &[intern("bounds")])?;
    let (mut slow, mut n) = (bounds, 0u64);
    while bounds.is_cons() {
        let b = bounds.car();
        if !b.is_cons() {
            return Err(wrong_type(sym::CONSP, b));
        }
        casify_region(flag, b.car(), b.cdr())?;
        bounds = bounds.cdr();
        n += 1;
        if n % 2 == 0 {
            slow = slow.cdr();
            if slow == bounds {
                return Err(signal(sym::CIRCULAR_LIST, list1(bounds)));
            }
        }
    }
    if !bounds.is_nil() {
        return Err(wrong_type(sym::LISTP, bounds));
    }
    Ok(Value::NIL)
}

fn f_upcase_region(a: &[Value]) -> LResult {
    casify_pnc_region(CaseAction::Up, a[0], a[1], a[2])
}
fn f_downcase_region(a: &[Value]) -> LResult {
    casify_pnc_region(CaseAction::Down, a[0], a[1], a[2])
}
fn f_capitalize_region(a: &[Value]) -> LResult {
    casify_pnc_region(CaseAction::Capitalize, a[0], a[1], a[2])
}
fn f_upcase_initials_region(a: &[Value]) -> LResult {
    casify_pnc_region(CaseAction::CapitalizeUp, a[0], a[1], a[2])
}

/// The end of COUNT words from point (backward when negative), or the
/// accessible edge in that direction: syntax.c's `scan_words`, reached
/// through `forward-word` (called directly, not through its symbol), with
/// point put back.
fn word_end(count: i64) -> LResult<usize> {
    let forward_word = crate::builtins::syntax::SUBRS.iter().find(|s| s.name == "forward-word");
    let Some(forward_word) = forward_word else {
        return Err(error("forward-word is missing"));
    };
    let pt = current().pt;
    let r = (forward_word.func)(&[Value::fixnum(count)]);
    let end = current().pt;
    current().pt = pt;
    r.map(|_| end)
}

fn casify_word(flag: CaseAction, arg: Value) -> LResult {
    let n = expect_fixnum(arg)?;
    let farend = word_end(n)?;
    let pt = current().pt;
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

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("region-extract-function", Value::NIL);
}
