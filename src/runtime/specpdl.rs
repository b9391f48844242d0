//! Dynamic (special) variables: shallow binding through the symbol's value cell,
//! with the specpdl saving old values.  Every `let` of a special variable pushes
//! a `SpecBinding`; whoever bound restores with `unbind_to` on every exit path
//! (normal return, throw and signal all return through the binder).  Also the
//! variable-cell accessors that honour `defvaralias` and constant symbols.

use super::error::{setting_constant, void_variable, LResult};
use super::heap::Marker;
use super::rt;
use super::value::Value;

pub struct SpecBinding {
    pub symbol: Value,
    pub old: Value,
}

impl SpecBinding {
    pub fn trace(&self, m: &mut Marker) {
        m.mark(self.symbol);
        m.mark(self.old);
    }
}

/// Follows `defvaralias` links to the symbol whose cell holds the value.
#[inline]
pub fn indirect_variable(mut s: Value) -> Value {
    let mut hops = 0;
    while !s.sym().alias.is_nil() && hops < 100 {
        s = s.sym().alias;
        hops += 1;
    }
    s
}

/// The current value of special or global variable SYM, or `void-variable`.
#[inline]
pub fn symbol_value(s: Value) -> LResult {
    let v = indirect_variable(s).sym().value;
    if v == Value::UNBOUND {
        Err(void_variable(s))
    } else {
        Ok(v)
    }
}

/// The value cell, `Value::UNBOUND` when void.
#[inline]
pub fn value_cell(s: Value) -> Value {
    indirect_variable(s).sym().value
}

/// `set`: assigns SYM's current (dynamic or global) value.
pub fn set_variable(s: Value, v: Value) -> LResult<()> {
    let target = indirect_variable(s);
    let d = target.sym();
    if d.constant {
        // `(set :kw :kw)` is allowed, as in Emacs.
        if !(super::symbol::is_keyword(target) && v == target) {
            return Err(setting_constant(s));
        }
    }
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
    Ok(())
}

pub fn specpdl_depth() -> usize {
    rt().specpdl.len()
}

/// Dynamically binds SYM to V until `unbind_to`.
pub fn specbind(s: Value, v: Value) -> LResult<()> {
    let target = indirect_variable(s);
    let d = target.sym();
    if d.constant {
        return Err(setting_constant(s));
    }
    rt().specpdl.push(SpecBinding { symbol: target, old: d.value });
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
    Ok(())
}

/// Restores every dynamic binding made since the specpdl had DEPTH entries.
pub fn unbind_to(depth: usize) {
    let r = rt();
    while r.specpdl.len() > depth {
        let b = r.specpdl.pop().unwrap();
        let d = b.symbol.sym();
        d.value = b.old;
        d.value_version = d.value_version.wrapping_add(1);
    }
}
