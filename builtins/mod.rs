//! The primitives ("subrs"), one file per area named after the GNU Emacs C file
//! that defines them.  Each file declares its subrs once, in a `SUBRS` table of
//! `SubrDef`s (name, arity, implementation, docstring); `install` puts them all
//! in their symbols' function cells.  Builtins use `runtime` only, never `nodes`.

pub mod prelude;
#[cfg(test)]
pub mod testutil;

pub mod alloc;
pub mod buffer;
pub mod casefiddle;
pub mod casefiddle_region;
pub mod casetab;
pub mod character;
pub mod chartab;
pub mod data;
pub mod dired;
pub mod dispnew;
pub mod editfns;
pub mod emacs;
pub mod eval;
pub mod eval_backtrace;
pub mod eval_delayed;
pub mod eval_locals;
pub mod fileio;
pub mod floatfns;
pub mod fns;
pub mod keymap;
pub mod lread;
pub mod lread_buffer;
pub mod lread_events;
pub mod marker;
pub mod print;
pub mod search;
pub mod syntax;
pub mod textprop;
pub mod timefns;
pub mod xdisp;

use crate::runtime::subr::defsubrs;

/// Every subr table, in one list (the primitives inventory is generated from it).
pub fn all_tables() -> Vec<&'static [crate::runtime::subr::SubrDef]> {
    let mut tables = vec![
        alloc::SUBRS,
        casefiddle::SUBRS,
        casetab::SUBRS,
        character::SUBRS,
        chartab::SUBRS,
        data::arith::SUBRS,
        data::cells::SUBRS,
        data::types::SUBRS,
        dispnew::SUBRS,
        editfns::SUBRS,
        editfns::sysinfo::SUBRS,
        editfns::restrict::SUBRS,
        editfns::transpose::SUBRS,
        editfns::translate::SUBRS,
        editfns::replace::SUBRS,
        emacs::SUBRS,
        eval::SUBRS,
        eval_backtrace::SUBRS,
        eval_delayed::SUBRS,
        eval_locals::SUBRS,
        floatfns::SUBRS,
        fns::SUBRS,
        keymap::maps::SUBRS,
        keymap::active::SUBRS,
        keymap::describe::SUBRS,
        keymap::events::SUBRS,
        keymap::listing::SUBRS,
        lread::SUBRS,
        print::SUBRS,
        search::SUBRS,
        syntax::SUBRS,
        buffer::SUBRS,
        buffer::cmds::SUBRS,
        buffer::fields::SUBRS,
        buffer::indent::SUBRS,
        buffer::locals_subrs::SUBRS,
        editfns::buffer::SUBRS,
        marker::SUBRS,
        textprop::SUBRS,
        timefns::SUBRS,
        casefiddle_region::SUBRS,
        lread_buffer::SUBRS,
        lread_events::SUBRS,
        crate::bytecode::SUBRS,
        dired::SUBRS,
    ];
    tables.extend(fileio::tables());
    tables
}

pub fn install() {
    for t in all_tables() {
        defsubrs(t);
    }
    for init in [
        alloc::init,
        casefiddle::init,
        casetab::init,
        character::init,
        chartab::init,
        data::arith::init,
        data::cells::init,
        data::types::init,
        editfns::init,
        emacs::init,
        eval::init,
        eval_backtrace::init,
        floatfns::init,
        fns::init,
        keymap::init,
        lread::init,
        print::init,
        search::init,
        syntax::init,
        editfns::buffer::init,
        marker::init,
        textprop::init,
        timefns::init,
        casefiddle_region::init,
        lread_buffer::init,
        lread_events::init,
        buffer::init,
        xdisp::init,
        fileio::init,
        dired::init,
    ] {
        init();
    }
}
