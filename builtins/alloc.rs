//! Primitives of GNU Emacs's alloc.c: (being written).
#[allow(unused_imports)]
use crate::builtins::prelude::*;

pub static SUBRS: &[SubrDef] = &[];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {}
