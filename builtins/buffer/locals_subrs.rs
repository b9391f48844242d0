//! The buffer-local variable primitives of GNU Emacs's data.c:
//! `make-local-variable`, `make-variable-buffer-local`,
//! `kill-local-variable`, `local-variable-p`, `local-variable-if-set-p`,
//! `variable-binding-locus`, and the default-value accessors
//! (`default-value`, `default-boundp`, `set-default`) that see through
//! buffer-local bindings.  The machinery is `runtime::buffer::locals`.
use crate::builtins::prelude::*;
use crate::runtime::buffer::{self, current, current_buffer, locals};
use crate::runtime::specpdl::{default_value, indirect_variable, set_default};

fn base_var(v: Value) -> LResult<Value> {
    Ok(indirect_variable(expect_symbol(v)?))
}

fn f_make_local_variable(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    if s.sym().constant {
        return Err(setting_constant(a[0]));
    }
    locals::make_local_variable(s);
    Ok(a[0])
}

fn f_make_variable_buffer_local(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    if locals::is_slot_var(s) {
        return Ok(a[0]);
    }
    if s.sym().constant {
        return Err(setting_constant(a[0]));
    }
    locals::make_variable_buffer_local(s);
    Ok(a[0])
}

fn f_kill_local_variable(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    locals::kill_local_variable(s);
    Ok(a[0])
}

fn f_local_variable_p(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    let (_, b) = buffer::decode_buffer(a[1])?;
    Ok(Value::bool(locals::local_variable_p(s, b)))
}

fn f_local_variable_if_set_p(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    let (_, b) = buffer::decode_buffer(a[1])?;
    Ok(Value::bool(locals::local_variable_if_set_p(s, b)))
}

fn f_variable_binding_locus(a: &[Value]) -> LResult {
    let s = base_var(a[0])?;
    Ok(if locals::local_variable_p(s, current()) { current_buffer() } else { Value::NIL })
}

fn f_default_value(a: &[Value]) -> LResult {
    let s = expect_symbol(a[0])?;
    let v = default_value(s);
    if v == Value::UNBOUND {
        return Err(void_variable(s));
    }
    Ok(v)
}

fn f_default_boundp(a: &[Value]) -> LResult {
    let s = expect_symbol(a[0])?;
    Ok(Value::bool(default_value(s) != Value::UNBOUND))
}

fn f_set_default(a: &[Value]) -> LResult {
    let s = expect_symbol(a[0])?;
    set_default(s, a[1])?;
    Ok(a[1])
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("make-local-variable", 1, 1, f_make_local_variable, "Make VARIABLE have a separate value in the current buffer."),
    SubrDef::new("make-variable-buffer-local", 1, 1, f_make_variable_buffer_local, "Make VARIABLE become buffer-local whenever it is set."),
    SubrDef::new(
        "kill-local-variable",
        1,
        1,
        f_kill_local_variable,
        "Make VARIABLE no longer have a separate value in the current buffer.",
    ),
    SubrDef::new("local-variable-p", 1, 2, f_local_variable_p, "Non-nil if VARIABLE has a local binding in buffer BUFFER."),
    SubrDef::new(
        "local-variable-if-set-p",
        1,
        2,
        f_local_variable_if_set_p,
        "Non-nil if VARIABLE is local in buffer BUFFER when set there.",
    ),
    SubrDef::new(
        "variable-binding-locus",
        1,
        1,
        f_variable_binding_locus,
        "Return a value indicating where VARIABLE's current binding comes from.",
    ),
    SubrDef::new("default-value", 1, 1, f_default_value, "Return SYMBOL's default value."),
    SubrDef::new("default-boundp", 1, 1, f_default_boundp, "Return t if SYMBOL has a non-void default value."),
    SubrDef::new("set-default", 2, 2, f_set_default, "Set SYMBOL's default value to VALUE.  SYMBOL and VALUE are evaluated."),
];

pub fn init() {}
