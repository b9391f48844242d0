//! Primitives of GNU Emacs's casetab.c: `case-table-p`,
//! `current-case-table`, `standard-case-table`, `set-case-table` and
//! `set-standard-case-table`.  The tables and the character functions
//! built on them live in `runtime::casetab`.

use crate::builtins::prelude::*;
use crate::runtime::casetab;

fn f_case_table_p(a: &[Value]) -> LResult {
    Ok(Value::bool(casetab::is_case_table(a[0])))
}
fn f_current_case_table(_: &[Value]) -> LResult {
    Ok(casetab::current_case_table())
}
fn f_standard_case_table(_: &[Value]) -> LResult {
    Ok(casetab::standard_case_table())
}
fn f_set_case_table(a: &[Value]) -> LResult {
    casetab::set_case_table(a[0], false)
}
fn f_set_standard_case_table(a: &[Value]) -> LResult {
    casetab::set_case_table(a[0], true)
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("case-table-p", 1, 1, f_case_table_p, "Return t if OBJECT is a case table."),
    SubrDef::new("current-case-table", 0, 0, f_current_case_table, "Return the case table of the current buffer."),
    SubrDef::new("standard-case-table", 0, 0, f_standard_case_table, "Return the standard case table."),
    SubrDef::new("set-case-table", 1, 1, f_set_case_table, "Select a new case table for the current buffer."),
    SubrDef::new("set-standard-case-table", 1, 1, f_set_standard_case_table, "Select a new standard case table for new buffers."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    put(intern("case-table"), intern("char-table-extra-slots"), Value::fixnum(3));
    put(intern("syntax-table"), intern("char-table-extra-slots"), Value::fixnum(0));
    casetab::init();
}
