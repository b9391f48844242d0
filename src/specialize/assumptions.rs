//! Assumptions: which specialized nodes rely on which symbol cells.  A node
//! that inlines a builtin or caches a macro expansion registers itself on the
//! cell it relies on; when the cell changes (`fset`, `defalias`, `defun`
//! again ...), every registered node is reported as invalidated (and rewrites
//! itself back to a generic form when it next runs, as its guard fails).
//! `--trace-assumptions` prints one line per invalidation (a change of a cell
//! that at least one node relied on):
//!   `assumption <symbol> <cell> <old-version> -> <new-version> nodes <id,id,...>`
//! JSON lines under `ENOKI_TRACE_FORMAT=json`:
//!   `{"event":"assumption","symbol":"+","cell":"function","old":3,"new":4,"nodes":[12,40]}`

use crate::runtime::symbol::{set_cell_changed_hook, CellKind};
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static TRACE: Cell<bool> = const { Cell::new(false) };
    static DEPENDENTS: RefCell<HashMap<(u32, CellKind), Vec<u32>>> = RefCell::new(HashMap::new());
}

/// Turns `--trace-assumptions` on and installs the cell-change hook.
pub fn configure(trace: bool) {
    TRACE.with(|t| t.set(trace));
    set_cell_changed_hook(cell_changed);
}

/// Records that node ID relies on SYMBOL's CELL.
pub fn depend(symbol: Value, cell: CellKind, id: u32) {
    DEPENDENTS.with(|d| d.borrow_mut().entry((symbol.symbol_index(), cell)).or_default().push(id));
}

fn cell_changed(symbol: Value, cell: CellKind, old: u32, new: u32) {
    let nodes = DEPENDENTS.with(|d| d.borrow_mut().remove(&(symbol.symbol_index(), cell))).unwrap_or_default();
    if nodes.is_empty() || !TRACE.with(|t| t.get()) {
        return;
    }
    let name = crate::runtime::printer::prin1_to_string_lossy(symbol);
    let line = if super::trace::json() {
        let ids: Vec<String> = nodes.iter().map(|n| n.to_string()).collect();
        format!(
            "{{\"event\":\"assumption\",\"symbol\":{},\"cell\":\"{}\",\"old\":{old},\"new\":{new},\"nodes\":[{}]}}",
            super::trace::json_str(&name),
            cell.name(),
            ids.join(",")
        )
    } else {
        let ids = nodes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(",");
        format!("assumption {name} {} {old} -> {new} nodes {ids}", cell.name())
    };
    crate::runtime::output::write_stderr_line(&line);
}
