//! The rewrite machinery.  Every node replacement in the evaluator goes through
//! `rewrite`, which swaps the node's kind in place (safe while the node is
//! executing: kinds are `Copy` and executors work on their own copy) and records
//! a trace event.  `--trace-rewrites` prints the events as they happen;
//! `--rewrite-stats` prints a histogram at exit; `--no-specialize` keeps nodes
//! generic (the evaluator asks `specializing()` before choosing a variant).

pub mod assumptions;
pub mod trace;

use std::cell::Cell;

thread_local! {
    static SPECIALIZE: Cell<bool> = const { Cell::new(true) };
}

/// Whether nodes may take specialized forms (false under `--no-specialize`).
#[inline]
pub fn specializing() -> bool {
    SPECIALIZE.with(|c| c.get())
}

pub fn set_specializing(on: bool) {
    SPECIALIZE.with(|c| c.set(on));
}

/// Something whose kind can be rewritten.
pub trait Rewritable {
    type Kind: Copy;
    fn current_kind(&self) -> Self::Kind;
    /// Installs NEW (and whatever the node derives from its kind, such as its
    /// execute function).
    fn install_kind(&self, new: Self::Kind);
    fn node_id(&self) -> u32;
    fn kind_name(kind: &Self::Kind) -> &'static str;
    fn source_position(&self) -> String;
}

/// Replaces NODE's kind with NEW, recording why.
#[inline]
pub fn rewrite<N: Rewritable>(node: &N, new: N::Kind, reason: &'static str) {
    if trace::enabled() {
        let from = N::kind_name(&node.current_kind());
        let to = N::kind_name(&new);
        trace::rewrite_event(node.node_id(), from, to, reason, &node.source_position());
    }
    node.install_kind(new);
}
