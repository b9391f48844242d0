//! The motion and deletion commands of GNU Emacs's cmds.c
//! (`forward-char`, `backward-char`, `forward-line`, `beginning-of-line`,
//! `end-of-line`, `delete-char`) and the newline scanning they share with
//! `pos-bol` / `pos-eol` (search.c's `find_newline`).
use crate::builtins::prelude::*;
use crate::runtime::buffer::current;
use crate::runtime::buffer::edit::del_range;

/// `find_newline` in the current buffer: from START towards END (END >=
/// START when COUNT > 0, <= START when COUNT < 0), the position just after
/// the COUNTth newline, or END; plus how many newlines were found (signed).
pub fn find_newline(start: usize, end: usize, count: i64) -> (usize, i64) {
    let (pos, found) = current().text.find_newline(start - 1, end - 1, count);
    (pos + 1, found)
}

/// `scan_newline_from_point`.
pub fn scan_newline_from_point(count: i64) -> (usize, i64) {
    let b = current();
    if count <= 0 {
        find_newline(b.pt, b.begv, count - 1)
    } else {
        find_newline(b.pt, b.zv, count)
    }
}

/// `find_before_next_newline` from FROM with limit BEGV/ZV.
pub fn find_before_next_newline(from: usize, cnt: i64) -> usize {
    let b = current();
    let end = if cnt > 0 { b.zv } else { b.begv };
    let (pos, counted) = find_newline(from, end, cnt);
    if counted == cnt && cnt != 0 {
        pos - 1
    } else {
        pos
    }
}

const BUF_BYTES_MAX: i64 = i64::MAX / 4;

/// The line count of an N argument to `pos-bol` & co. (nil means DEFAULT).
pub fn line_count(n: Value, default: i64, offset: i64) -> LResult<i64> {
    if n.is_nil() {
        return Ok(default);
    }
    if let Some(k) = n.as_fixnum() {
        return Ok((k + offset).clamp(-BUF_BYTES_MAX, BUF_BYTES_MAX));
    }
    if let Some(b) = n.as_bignum() {
        return Ok(if b.sign() == num_bigint::Sign::Minus { -BUF_BYTES_MAX } else { BUF_BYTES_MAX });
    }
    Err(wrong_type(sym::INTEGERP, n))
}

/// `bol`: the position `pos-bol` returns.
pub fn bol(n: Value) -> LResult<usize> {
    let count = line_count(n, 0, -1)?;
    Ok(scan_newline_from_point(count).0)
}

/// `eol`: the position `pos-eol` returns.
pub fn eol(n: Value) -> LResult<usize> {
    let count = line_count(n, 1, 0)?;
    Ok(find_before_next_newline(current().pt, count - (count <= 0) as i64))
}

fn move_point(n: Value, forward: bool) -> LResult {
    let n = if n.is_nil() { 1 } else { expect_fixnum(n)? };
    let b = current();
    let new_point = b.pt as i64 + if forward { n } else { -n };
    if new_point < b.begv as i64 {
        b.pt = b.begv;
        return Err(signal(sym::BEGINNING_OF_BUFFER, Value::NIL));
    }
    if new_point > b.zv as i64 {
        b.pt = b.zv;
        return Err(signal(sym::END_OF_BUFFER, Value::NIL));
    }
    b.pt = new_point as usize;
    Ok(Value::NIL)
}

fn f_forward_char(a: &[Value]) -> LResult {
    move_point(a[0], true)
}

fn f_backward_char(a: &[Value]) -> LResult {
    move_point(a[0], false)
}

fn f_forward_line(a: &[Value]) -> LResult {
    let n = a[0];
    let opoint = current().pt;
    let (count, excessive) = if n.is_nil() {
        (1, false)
    } else if let Some(k) = n.as_fixnum().filter(|k| (-BUF_BYTES_MAX..=BUF_BYTES_MAX).contains(k)) {
        (k, false)
    } else if let Some(b) = n.as_bignum() {
        (if b.sign() == num_bigint::Sign::Minus { -BUF_BYTES_MAX } else { BUF_BYTES_MAX }, true)
    } else if n.is_fixnum() {
        (if n.as_fixnum_unchecked() < 0 { -BUF_BYTES_MAX } else { BUF_BYTES_MAX }, true)
    } else {
        return Err(wrong_type(sym::INTEGERP, n));
    };
    let (pos, counted) = scan_newline_from_point(count);
    let b = current();
    b.pt = pos;
    let mut shortage = count - (count <= 0) as i64 - counted;
    if shortage != 0 {
        let adj = if count <= 0 { -1 } else { (b.begv < b.zv && b.pt != opoint && b.char_at(b.pt - 1) != '\n' as u32) as i64 };
        shortage -= adj;
    }
    if excessive {
        return crate::runtime::number::arith::add2(make_int(shortage - count), n);
    }
    Ok(make_int(shortage))
}

fn f_beginning_of_line(a: &[Value]) -> LResult {
    let n = if a[0].is_nil() { Value::fixnum(1) } else { Value::fixnum(expect_fixnum(a[0])?) };
    let pos = crate::builtins::editfns::buffer::line_beginning_position(n)?;
    current().pt = pos;
    Ok(Value::NIL)
}

fn f_end_of_line(a: &[Value]) -> LResult {
    let n = if a[0].is_nil() { Value::fixnum(1) } else { Value::fixnum(expect_fixnum(a[0])?) };
    let pos = crate::builtins::editfns::buffer::line_end_position(n)?;
    current().pt = pos;
    Ok(Value::NIL)
}

fn f_delete_char(a: &[Value]) -> LResult {
    let n = expect_fixnum(a[0])?;
    if !a[1].is_nil() {
        return funcall(intern("kill-forward-chars"), &[a[0]]);
    }
    let b = current();
    let pos = b.pt as i64 + n;
    if n < 0 {
        if pos < b.begv as i64 {
            return Err(signal(sym::BEGINNING_OF_BUFFER, Value::NIL));
        }
        del_range(pos as usize, b.pt, true, false)?;
    } else {
        if pos > b.zv as i64 {
            return Err(signal(sym::END_OF_BUFFER, Value::NIL));
        }
        del_range(b.pt, pos as usize, true, false)?;
    }
    Ok(Value::NIL)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("forward-char", 0, 1, f_forward_char, "Move point N characters forward (backward if N is negative)."),
    SubrDef::new("backward-char", 0, 1, f_backward_char, "Move point N characters backward (forward if N is negative)."),
    SubrDef::new("forward-line", 0, 1, f_forward_line, "Move N lines forward (backward if N is negative)."),
    SubrDef::new("beginning-of-line", 0, 1, f_beginning_of_line, "Move point to beginning of current line (in the logical order)."),
    SubrDef::new("end-of-line", 0, 1, f_end_of_line, "Move point to end of current line (in the logical order)."),
    SubrDef::new("delete-char", 1, 2, f_delete_char, "Delete the following N characters (previous if N is negative)."),
];
