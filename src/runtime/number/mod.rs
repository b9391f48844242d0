//! Numbers: the numeric tower shared by the evaluator's fast paths and the
//! arithmetic builtins (`tower`: `Num`, argument coercion, conversions,
//! `integer-width`; `arith`: Emacs's arithmetic and comparison semantics and
//! the inlined two-argument fast paths), number syntax (`parse`), float
//! formatting (`format`) and direct bindings to the C math library (`libm`).

pub mod arith;
pub mod format;
pub mod libm;
pub mod parse;
pub mod tower;

pub use arith::*;
pub use format::*;
pub use parse::{string_to_number, Scanned};
pub use tower::*;

#[cfg(test)]
mod tests;
#[cfg(test)]
pub mod testutil;
