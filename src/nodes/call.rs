//! Function calls.  A call node looks up its function cell on every execution
//! (before evaluating the arguments, as `eval_sub` does), so redefinition is
//! always seen; if the cell now holds a macro or special form the node rebuilds
//! itself.  `funcall_value` is the one dispatcher on function objects: subrs,
//! interpreted closures, `(lambda ...)` lists, symbols (through their cells).

use super::build::indirect_function;
use super::exec::{enter_depth, exec};
use super::node::*;
use super::template::{call_closure, Template};
use crate::runtime::backtrace::set_args;
use crate::runtime::error::{invalid_function, void_function, LResult};
use crate::runtime::heap::RootedVec;
use crate::runtime::rt;
use crate::runtime::subr::call_subr;
use crate::runtime::sym;
use crate::runtime::value::Value;
use crate::specialize::rewrite;

/// Evaluates ARGS and calls F with them, keeping the values on the native stack
/// (where the collector sees them) when there are few.
#[inline]
pub fn with_args(args: Body, env: Value, f: impl FnOnce(&[Value]) -> LResult) -> LResult {
    if args.len() <= 8 {
        let mut buf = [Value::NIL; 8];
        for (i, a) in args.iter().enumerate() {
            buf[i] = exec(a, env)?;
        }
        let r = f(&buf[..args.len()]);
        std::hint::black_box(&buf);
        r
    } else {
        let mut v = RootedVec::with_capacity(args.len());
        for a in args {
            let x = exec(a, env)?;
            v.push(x);
        }
        f(&v)
    }
}

/// Runs a generic call node: a named function is first offered to the inline
/// cache (which rewrites the node), unless the call went megamorphic.
pub fn exec_call(n: N, c: &'static CallNode, env: Value) -> LResult {
    if c.funcall.is_some() {
        return super::inline_cache::exec_funcall(n, c, None, env);
    }
    if c.function.is_symbol() && !c.megamorphic.get() && crate::specialize::specializing() {
        return super::inline_cache::miss(n, c, None, env);
    }
    exec_call_generic(n, c, env)
}

/// A call through the function cell, with no caching.
pub fn exec_call_generic(n: N, c: &'static CallNode, env: Value) -> LResult {
    crate::runtime::heap::heap().maybe_gc();
    let name = c.function;
    let f = if name.is_symbol() { indirect_function(name) } else { name };
    if let Some(def) = f.as_subr() {
        if def.is_special_form() {
            return rebuild(n, c, env);
        }
        return with_args(c.args, env, |a| {
            set_args(name, a);
            call_subr(def, name, a)
        });
    }
    if f.as_closure().is_some() {
        return with_args(c.args, env, |a| {
            set_args(name, a);
            call_closure(f, a)
        });
    }
    if f.is_cons() && f.car() == sym::MACRO {
        return rebuild(n, c, env);
    }
    if f.is_nil() && name.is_symbol() {
        return Err(void_function(name));
    }
    if !name.is_symbol() && name.is_cons() && name.car() == sym::LAMBDA {
        // ((lambda ...) ...) is built as CallLambda; other lists are not functions here.
        return Err(invalid_function(name));
    }
    with_args(c.args, env, |a| {
        set_args(name, a);
        funcall_object(f, name, a)
    })
}

fn rebuild(n: N, c: &'static CallNode, env: Value) -> LResult {
    rewrite(n, Kind::Uninit(c.scope), "function-became-special");
    exec(n, env)
}

pub fn exec_call_lambda(t: &'static Template, args: Body, env: Value) -> LResult {
    crate::runtime::heap::heap().maybe_gc();
    let f = super::template::make_closure(t, env)?;
    with_args(args, env, |a| {
        set_args(f, a);
        call_closure(f, a)
    })
}

/// Calls function object F (ORIGINAL is what errors report) without counting depth.
pub fn funcall_object(f: Value, original: Value, args: &[Value]) -> LResult {
    if let Some(def) = f.as_subr() {
        if def.is_special_form() {
            return Err(invalid_function(f));
        }
        return call_subr(def, original, args);
    }
    if f.as_closure().is_some() {
        return call_closure(f, args);
    }
    if f.as_byte_code().is_some() {
        return crate::bytecode::funcall_byte_code(f, args);
    }
    if f.is_cons() {
        let head = f.car();
        if head == sym::LAMBDA {
            return call_lambda_list(f, args);
        }
        if head == sym::AUTOLOAD {
            // eval.c funcall_general: load, then call ORIGINAL's new definition.
            let g = crate::builtins::eval::autoload_function(f, original)?;
            return funcall_object(g, original, args);
        }
    }
    if f.is_nil() && original.is_symbol() {
        return Err(void_function(original));
    }
    // A symbol with position is a symbol while `symbols-with-pos-enabled`.
    let bare = crate::runtime::symbol_pos::strip_if_enabled(f);
    if bare != f {
        return funcall_value(bare, args);
    }
    Err(invalid_function(original))
}

/// `funcall` semantics: F may be a symbol (its function cell is used).
pub fn funcall_value(f: Value, args: &[Value]) -> LResult {
    if f.is_symbol() {
        let g = indirect_function(f);
        if g.is_nil() {
            return Err(void_function(f));
        }
        if let Some(def) = g.as_subr() {
            if def.is_special_form() {
                return Err(invalid_function(g));
            }
            return call_subr(def, g, args);
        }
        return funcall_object(g, f, args);
    }
    if let Some(def) = f.as_subr() {
        if def.is_special_form() {
            return Err(invalid_function(f));
        }
        return call_subr(def, f, args);
    }
    funcall_object(f, f, args)
}

/// `Ffuncall`: one level of `lisp-eval-depth`, then `funcall_value`.
pub fn funcall_counted(f: Value, args: &[Value]) -> LResult {
    crate::runtime::heap::heap().maybe_gc();
    enter_depth()?;
    crate::runtime::backtrace::record_call(f, args);
    let r = funcall_value(f, args);
    rt().lisp_eval_depth -= 1;
    r
}

thread_local! {
    static LAMBDA_LISTS: std::cell::RefCell<std::collections::HashMap<u64, &'static Template>> = std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Calls a `(lambda ARGS . BODY)` list: dynamic binding, as GNU Emacs does.
fn call_lambda_list(f: Value, args: &[Value]) -> LResult {
    if !f.cdr().is_cons() {
        return Err(invalid_function(f));
    }
    let t = LAMBDA_LISTS.with(|m| {
        *m.borrow_mut().entry(f.0).or_insert_with(|| {
            hold(f);
            Template::from_lambda(f, None)
        })
    });
    let c = super::template::make_closure(t, Value::NIL)?;
    call_closure(c, args)
}
