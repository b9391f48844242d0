//! Dynamic (special) variables: shallow binding through the symbol's value cell,
//! with the specpdl saving old values.  Every `let` of a special variable pushes
//! a `SpecBinding`; whoever bound restores with `unbind_to` on every exit path
//! (normal return, throw and signal all return through the binder).  Also the
//! variable-cell accessors that honour `defvaralias` and constant symbols.
//!
//! Buffer-local variables keep the current buffer's binding in the value
//! cell (see `buffer::locals`), so reads are unchanged; setting and binding
//! a localized variable goes through `buffer::locals`, and a binding records
//! whether it bound a buffer's local value or the default (eval.c's
//! SPECPDL_LET_LOCAL / SPECPDL_LET_DEFAULT).

use super::buffer::locals;
use super::error::{setting_constant, void_variable, LResult};
use super::heap::Marker;
use super::rt;
use super::value::Value;

/// What a binding bound: a plain value cell, the local value of a buffer,
/// or the default value of a buffer-local variable.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum LetKind {
    Plain,
    Local,
    Default,
}

pub struct SpecBinding {
    pub symbol: Value,
    pub old: Value,
    pub kind: LetKind,
    /// The buffer current when a Local or Default binding was made.
    pub buffer: Value,
    /// The `lisp-eval-depth` level the binding was made at: the backtrace
    /// frame it belongs to (`backtrace--locals`).
    pub level: i64,
}

impl SpecBinding {
    pub fn trace(&self, m: &mut Marker) {
        m.mark(self.symbol);
        m.mark(self.old);
        m.mark(self.buffer);
    }
}

/// Follows `defvaralias` links to the symbol whose cell holds the value.
#[inline(always)]
pub fn indirect_variable(s: Value) -> Value {
    if s.sym().alias.is_nil() {
        s
    } else {
        follow_variable_alias(s)
    }
}

#[cold]
#[inline(never)]
fn follow_variable_alias(mut s: Value) -> Value {
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

/// What storing V into the variable whose symbol is D stores, as
/// `store_symval_forwarding`: t or nil for a `DEFVAR_BOOL` variable, an
/// integer (or an error) for a `DEFVAR_INT` one.  Making a forwarded
/// variable void (`makunbound`) turns it into a plain variable.
#[inline]
fn stored(d: &mut super::symbol::Symbol, v: Value) -> LResult<Value> {
    use super::symbol::Forward;
    match d.forward {
        Forward::None => Ok(v),
        _ if v == Value::UNBOUND => {
            d.forward = Forward::None;
            Ok(v)
        }
        Forward::Lisp => Ok(v),
        Forward::Bool => Ok(Value::bool(!v.is_nil())),
        Forward::Int => store_int(v),
    }
}

/// A `DEFVAR_INT` store: an integer that fits `intmax_t`.
#[cold]
fn store_int(v: Value) -> LResult<Value> {
    if v.is_fixnum() {
        return Ok(v);
    }
    match v.as_bignum() {
        Some(b) if i64::try_from(b).is_ok() => Ok(v),
        Some(_) => Err(super::error::signal(super::sym::OVERFLOW_ERROR, super::alloc::list1(v))),
        None => Err(super::error::wrong_type(super::sym::INTEGERP, v)),
    }
}

/// `set`: assigns SYM's current (dynamic or global) value.
pub fn set_variable(s: Value, v: Value) -> LResult<()> {
    set_variable_as(s, v, "set")
}

/// Calls S's variable watchers (if any) with NEWVAL and OPERATION (`set`,
/// `let`, `unlet`, `makunbound`, `defvaralias`), as `notify_variable_watchers`.
/// Watchers are muted while they run, so they may set the variable.
pub fn notify_watchers(s: Value, newval: Value, operation: &str) -> LResult<()> {
    let d = s.sym();
    if !d.watched {
        return Ok(());
    }
    let watchers = super::symbol::get(s, super::symbol::intern("watchers"));
    let newval = if newval == Value::UNBOUND { Value::NIL } else { newval };
    let op = super::symbol::intern(operation);
    let local = operation != "makunbound"
        && locals::is_localized(s)
        && super::buffer::current_opt().is_some_and(|b| locals::local_variable_if_set_p(s, b));
    let place = if local { super::buffer::current_buffer() } else { Value::NIL };
    d.watched = false;
    let mut r = Ok(());
    for w in super::heap::RootedVec::from_list(watchers).iter() {
        if let Err(e) = super::funcall(*w, &[s, newval, op, place]) {
            r = Err(e);
            break;
        }
    }
    s.sym().watched = true;
    r
}

/// `set` as OPERATION (`set` or `makunbound`) for the watchers.
pub fn set_variable_as(s: Value, v: Value, operation: &str) -> LResult<()> {
    let target = indirect_variable(s);
    let d = target.sym();
    if d.constant {
        // `(set :kw :kw)` is allowed, as in Emacs.
        if !(super::symbol::is_keyword(target) && v == target) {
            return Err(setting_constant(s));
        }
    }
    if d.watched {
        if operation == "makunbound" && d.forward != super::symbol::Forward::None {
            // Emacs stores void through the forwarding first, which watchers see as a `set`.
            notify_watchers(target, v, "set")?;
        }
        notify_watchers(target, v, operation)?;
    }
    let v = stored(d, v)?;
    if locals::is_localized(target) {
        locals::set_internal(target, v, false);
        return Ok(());
    }
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
    Ok(())
}

/// The default value of S (the value outside buffers with a local one),
/// `Value::UNBOUND` when void.
pub fn default_value(s: Value) -> Value {
    let target = indirect_variable(s);
    if locals::is_localized(target) {
        locals::default_value(target)
    } else {
        target.sym().value
    }
}

/// `set-default`: assigns S's default value.
pub fn set_default(s: Value, v: Value) -> LResult<()> {
    let target = indirect_variable(s);
    let d = target.sym();
    if d.constant && !(super::symbol::is_keyword(target) && v == target) {
        return Err(setting_constant(s));
    }
    if d.watched {
        notify_watchers(target, v, "set")?;
    }
    let v = stored(d, v)?;
    if locals::is_localized(target) {
        locals::set_default(target, v);
    } else {
        d.value = v;
        d.value_version = d.value_version.wrapping_add(1);
    }
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
    if d.watched {
        notify_watchers(target, v, "let")?;
    }
    let v = stored(d, v)?;
    if locals::is_localized(target) {
        let (kind, buffer, old) = locals::specbind(target, v);
        let level = rt().lisp_eval_depth;
        rt().specpdl.push(SpecBinding { symbol: target, old, kind, buffer, level });
        return Ok(());
    }
    let r = rt();
    r.specpdl.push(SpecBinding { symbol: target, old: d.value, kind: LetKind::Plain, buffer: Value::NIL, level: r.lisp_eval_depth });
    d.value = v;
    d.value_version = d.value_version.wrapping_add(1);
    Ok(())
}

/// Restores every dynamic binding made since the specpdl had DEPTH entries.
pub fn unbind_to(depth: usize) {
    let r = rt();
    while r.specpdl.len() > depth {
        let Some(b) = r.specpdl.pop() else { break };
        if b.symbol.sym().watched {
            // Emacs runs the watchers on unbinding too (a forwarded variable's
            // are told of a `set` first); an error there is dropped.
            if b.symbol.sym().forward != super::symbol::Forward::None {
                let _ = notify_watchers(b.symbol, b.old, "set");
            }
            let _ = notify_watchers(b.symbol, b.old, "unlet");
        }
        if b.kind != LetKind::Plain || locals::is_localized(b.symbol) {
            // A plain binding of a variable made buffer-local meanwhile
            // restores the default, as eval.c's unbind_to does.
            locals::unbind(b.symbol, b.kind, b.buffer, b.old);
            continue;
        }
        let d = b.symbol.sym();
        d.value = b.old;
        d.value_version = d.value_version.wrapping_add(1);
    }
}
