//! Primitives of GNU Emacs's data.c that read and write symbols' cells:
//! value (`symbol-value`, `set`, `boundp`, `makunbound`; the default-value
//! accessors are with the buffer-local primitives in `builtins::buffer`),
//! function (`symbol-function`, `fset`, `defalias`, `indirect-function`...) and
//! plist.  Writing a cell bumps its version, which invalidates specializations.
#[allow(unused_imports)]
use crate::builtins::prelude::*;
use crate::runtime::specpdl::{indirect_variable, set_variable, symbol_value, value_cell};

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("add-variable-watcher", 2, 2, add_variable_watcher, "Cause WATCH-FUNCTION to be called when SYMBOL is about to be set."),
    SubrDef::new("remove-variable-watcher", 2, 2, remove_variable_watcher, "Undo the effect of `add-variable-watcher'."),
    SubrDef::new("get-variable-watchers", 1, 1, get_variable_watchers, "Return a list of SYMBOL's active watchers."),
    SubrDef::new("symbol-value", 1, 1, symbol_value_subr, "Return SYMBOL's value.  Error if that is void."),
    SubrDef::new("set", 2, 2, set, "Set SYMBOL's value to NEWVAL, and return NEWVAL."),
    SubrDef::new("boundp", 1, 1, boundp, "Return t if SYMBOL's value is not void."),
    SubrDef::new("makunbound", 1, 1, makunbound, "Empty out the value cell of SYMBOL, making it void as a variable."),
    SubrDef::new("indirect-variable", 1, 1, indirect_variable_subr, "Return the variable at the end of OBJECT's variable chain."),
    SubrDef::new("symbol-function", 1, 1, symbol_function, "Return SYMBOL's function definition, or nil if that is void."),
    SubrDef::new("fboundp", 1, 1, fboundp, "Return t if SYMBOL's function definition is not void."),
    SubrDef::new("fmakunbound", 1, 1, fmakunbound, "Make SYMBOL's function definition be nil."),
    SubrDef::new("fset", 2, 2, fset, "Set SYMBOL's function definition to DEFINITION, and return DEFINITION."),
    SubrDef::new("defalias", 2, 3, defalias, "Set SYMBOL's function definition to DEFINITION."),
    SubrDef::new("indirect-function", 1, 2, indirect_function_subr, "Return the function at the end of OBJECT's function chain."),
    SubrDef::new("symbol-plist", 1, 1, symbol_plist, "Return SYMBOL's property list."),
    SubrDef::new("setplist", 2, 2, setplist, "Set SYMBOL's property list to NEWPLIST, and return NEWPLIST."),
    SubrDef::new("symbol-name", 1, 1, symbol_name, "Return SYMBOL's name, a string."),
];

fn symbol_value_subr(args: &[Value]) -> LResult {
    symbol_value(expect_symbol(args[0])?)
}

fn set(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    set_variable(s, args[1])?;
    Ok(args[1])
}

fn boundp(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    Ok(Value::bool(value_cell(s) != Value::UNBOUND))
}

fn makunbound(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    if indirect_variable(s).sym().constant {
        return Err(setting_constant(s));
    }
    crate::runtime::specpdl::set_variable_as(s, Value::UNBOUND, "makunbound")?;
    Ok(s)
}

fn indirect_variable_subr(args: &[Value]) -> LResult {
    let v = args[0];
    Ok(if v.is_symbol() { indirect_variable(v) } else { v })
}

fn symbol_function(args: &[Value]) -> LResult {
    Ok(expect_symbol(args[0])?.sym().function)
}

fn fboundp(args: &[Value]) -> LResult {
    Ok(Value::bool(!expect_symbol(args[0])?.sym().function.is_nil()))
}

fn fmakunbound(args: &[Value]) -> LResult {
    let s = expect_symbol(args[0])?;
    if s.is_nil() || s.is_t() {
        return Err(setting_constant(s));
    }
    set_function(s, Value::NIL);
    Ok(s)
}

/// Stores DEF in S's function cell (bumping its version).
pub fn set_function(s: Value, def: Value) {
    crate::runtime::symbol::set_function(s, def);
}

fn fset(args: &[Value]) -> LResult {
    let (s, def) = (expect_symbol(args[0])?, args[1]);
    if s.is_nil() && !def.is_nil() {
        return Err(setting_constant(s));
    }
    // Emacs refuses to create a cycle of symbol aliases.
    let mut f = def;
    let mut hops = 0;
    while f.is_symbol() && !f.is_nil() && hops < 10_000 {
        if f == s {
            return Err(signal_list(sym::CYCLIC_FUNCTION_INDIRECTION, &[s]));
        }
        f = f.sym().function;
        hops += 1;
    }
    set_function(s, def);
    Ok(def)
}

fn defalias(args: &[Value]) -> LResult {
    let (s, def, doc) = (expect_symbol(args[0])?, args[1], args[2]);
    let hook = get(s, sym::DEFALIAS_FSET_FUNCTION);
    if !hook.is_nil() {
        funcall(hook, &[s, def])?;
    } else {
        // data.c's defalias: the definition joins `current-load-list'.
        crate::builtins::lread::load::loadhist_attach(cons(intern("defun"), s))?;
        fset(&[s, def])?;
    }
    if !doc.is_nil() {
        put(s, sym::FUNCTION_DOCUMENTATION, doc);
    }
    Ok(s)
}

fn indirect_function_subr(args: &[Value]) -> LResult {
    Ok(indirect_function(args[0]))
}

fn symbol_plist(args: &[Value]) -> LResult {
    Ok(expect_symbol(args[0])?.sym().plist)
}

fn setplist(args: &[Value]) -> LResult {
    expect_symbol(args[0])?.sym().plist = args[1];
    Ok(args[1])
}

fn symbol_name(args: &[Value]) -> LResult {
    Ok(expect_symbol(args[0])?.sym().name)
}

fn watchers_symbol() -> Value {
    intern("watchers")
}

fn add_variable_watcher(args: &[Value]) -> LResult {
    let s = expect_symbol(indirect_variable(expect_symbol(args[0])?))?;
    if s.sym().constant {
        return Err(signal_list(intern("trapping-constant"), &[s]));
    }
    s.sym().watched = true;
    let watchers = get(s, watchers_symbol());
    let mut present = false;
    for w in watchers.iter() {
        if crate::runtime::equality::equal(w, args[1])? {
            present = true;
        }
    }
    if !present {
        put(s, watchers_symbol(), cons(args[1], watchers));
    }
    Ok(Value::NIL)
}

fn remove_variable_watcher(args: &[Value]) -> LResult {
    let s = expect_symbol(indirect_variable(expect_symbol(args[0])?))?;
    let mut kept = Vec::new();
    for w in get(s, watchers_symbol()).iter() {
        if !crate::runtime::equality::equal(w, args[1])? {
            kept.push(w);
        }
    }
    if kept.is_empty() {
        s.sym().watched = false;
    }
    put(s, watchers_symbol(), list(&kept));
    Ok(Value::NIL)
}

fn get_variable_watchers(args: &[Value]) -> LResult {
    let s = indirect_variable(expect_symbol(args[0])?);
    Ok(if s.sym().watched { get(s, watchers_symbol()) } else { Value::NIL })
}

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {}
