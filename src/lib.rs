//! Enoki: a GNU Emacs Lisp runtime.  `runtime` holds the data model, `nodes` the
//! self-specializing AST evaluator, `specialize` the rewrite machinery,
//! `bytecode` the interpreter of byte-compiled functions, and `builtins` (at
//! the top of the repository) the primitives.

pub mod runtime;

#[path = "../builtins/mod.rs"]
pub mod builtins;
pub mod bytecode;
pub mod engine;
pub mod host;
pub mod nodes;
pub mod specialize;
pub use engine::Engine;
