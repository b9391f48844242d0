//! Primitives of GNU Emacs's data.c, split by concern: type predicates and
//! conses (`types`), symbol cells (`cells`), and arithmetic (`arith`).
pub mod arith;
pub mod cells;
pub mod types;
