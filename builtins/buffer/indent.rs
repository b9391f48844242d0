//! Columns, as GNU Emacs's indent.c computes them: `current-column`,
//! `move-to-column`, `indent-to` and `current-indentation`.  A tab advances
//! to the next multiple of `tab-width`, control characters take 2 columns
//! (`^X`) or 4 (`\030`) depending on `ctl-arrow`, raw bytes 4, and other
//! characters their `char-width`.  (Invisible text and display properties,
//! which need a display, are not consulted.)
use super::cmds::find_newline;
use crate::builtins::prelude::*;
use crate::runtime::buffer::edit::{del_range, insert_chars};
use crate::runtime::buffer::{current, syms};
use crate::runtime::specpdl::value_cell;

fn tab_width() -> i64 {
    match value_cell(syms().tab_width).as_fixnum() {
        Some(n) if n > 0 && n <= 1000 => n,
        _ => 8,
    }
}

/// The width of character C at column COL (tabs depend on the column).
fn char_columns(c: u32, col: i64, tab: i64, ctl_arrow: bool, multibyte: bool) -> i64 {
    if c == '\t' as u32 {
        return (col + tab) / tab * tab - col;
    }
    if multibyte && c >= 0x80 {
        if char_is_raw_byte(c) {
            return 4;
        }
        return crate::builtins::character::char_width(c) as i64;
    }
    if ctl_arrow && (c < 0x20 || c == 0x7F) {
        2
    } else if !(0x20..0x7F).contains(&c) {
        4
    } else {
        1
    }
}

/// Result of `scan_for_column`.
struct Scan {
    col: i64,
    pos: usize,
    prev_pos: usize,
    prev_col: i64,
}

/// `scan_for_column`: from the start of point's line up to END (or until
/// column GOAL is reached).
fn scan_for_column(end: usize, goal: i64) -> Scan {
    let b = current();
    let tab = tab_width();
    let ctl_arrow = !value_cell(intern("ctl-arrow")).is_nil();
    let multibyte = b.multibyte();
    let (mut scan, _) = find_newline(b.pt, b.begv, -1);
    let (mut col, mut prev_col, mut prev_pos) = (0i64, 0i64, scan);
    while scan < end {
        if col >= goal {
            break;
        }
        prev_col = col;
        prev_pos = scan;
        let c = b.char_at(scan);
        if c == '\n' as u32 {
            break;
        }
        if c == '\r' as u32 && value_cell(intern("selective-display")).is_t() {
            break;
        }
        col += char_columns(c, col, tab, ctl_arrow, multibyte);
        scan += 1;
    }
    remember_column(col);
    Scan { col, pos: scan, prev_pos, prev_col }
}

/// Records COL as the column of point (indent.c's `last_known_column`).
fn remember_column(col: i64) {
    let b = current();
    crate::runtime::buffer::state().column_cache = (b.pt as i64, b.modiff, col);
}

/// `current_column`, through the column cache as Emacs does (the cache
/// is keyed on point and the modification tick only).
pub fn current_column() -> i64 {
    let b = current();
    let (p, m, c) = crate::runtime::buffer::state().column_cache;
    if p == b.pt as i64 && m == b.modiff {
        return c;
    }
    scan_for_column(b.pt, i64::MAX).col
}

fn f_current_column(_a: &[Value]) -> LResult {
    Ok(make_int(current_column()))
}

/// `indent-to` COLUMN with at least MINIMUM spaces.
pub fn indent_to(column: i64, minimum: i64) -> LResult<i64> {
    let tab = tab_width();
    let mut fromcol = current_column();
    let mincol = fromcol.saturating_add(minimum).max(column);
    if fromcol == mincol {
        return Ok(mincol);
    }
    if !value_cell(syms().indent_tabs_mode).is_nil() {
        let n = mincol / tab - fromcol / tab;
        if n > 0 {
            insert_chars(&crate::builtins::alloc::filled_vec(n as usize, '\t' as u32)?, true, false)?;
            fromcol = (mincol / tab) * tab;
        }
    }
    let spaces = mincol - fromcol;
    if spaces > 0 {
        insert_chars(&crate::builtins::alloc::filled_vec(spaces as usize, ' ' as u32)?, true, false)?;
    }
    remember_column(mincol);
    Ok(mincol)
}

fn f_indent_to(a: &[Value]) -> LResult {
    let column = expect_fixnum(a[0])?;
    let minimum = if a[1].is_nil() { 0 } else { expect_fixnum(a[1])? };
    Ok(make_int(indent_to(column, minimum)?))
}

fn f_current_indentation(_a: &[Value]) -> LResult {
    let b = current();
    let tab = tab_width();
    let (mut p, _) = find_newline(b.pt, b.begv, -1);
    let mut col = 0;
    while p < b.zv {
        let c = b.char_at(p);
        if c == ' ' as u32 {
            col += 1;
        } else if c == '\t' as u32 {
            col = (col + tab) / tab * tab;
        } else {
            break;
        }
        p += 1;
    }
    Ok(make_int(col))
}

fn f_move_to_column(a: &[Value]) -> LResult {
    let (column, force) = (a[0], a[1]);
    let goal = match column.as_fixnum() {
        Some(n) if n >= 0 => n,
        _ => return Err(wrong_type(sym::WHOLENUMP, column)),
    };
    let zv = current().zv;
    let s = scan_for_column(zv, goal);
    let mut col = s.col;
    current().pt = s.pos;
    if !force.is_nil() && col > goal {
        let b = current();
        let c = b.char_at(s.prev_pos);
        if c == '\t' as u32 && s.prev_col < goal && s.prev_pos < b.pt {
            b.pt = s.prev_pos;
            insert_chars(&crate::builtins::alloc::filled_vec((goal - s.prev_col) as usize, ' ' as u32)?, true, false)?;
            let pt = current().pt;
            del_range(pt, pt + 1, true, false)?;
            let goal_pt = current().pt;
            indent_to(col, 0)?;
            current().pt = goal_pt;
            col = goal;
        }
    }
    if col < goal && force.is_t() {
        col = goal;
        indent_to(col, 0)?;
    }
    remember_column(col);
    Ok(make_int(col))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("current-column", 0, 0, f_current_column, "Return the horizontal position of point.  Beginning of line is column 0."),
    SubrDef::new("indent-to", 1, 2, f_indent_to, "Indent from point with tabs and spaces until COLUMN is reached."),
    SubrDef::new("current-indentation", 0, 0, f_current_indentation, "Return the indentation of the current line."),
    SubrDef::new("move-to-column", 1, 2, f_move_to_column, "Move point to column COLUMN in the current line."),
];
