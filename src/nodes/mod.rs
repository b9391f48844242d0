//! The evaluator: a self-specializing AST over Lisp forms.  Nodes are created
//! lazily from forms (`node`, `build`), executed by `exec`, and rewrite
//! themselves through `crate::specialize`.  Lexical variables live in chained
//! frames resolved statically (`scope`); closures share per-site templates
//! (`template`).  `install` plugs the evaluator into the runtime's hooks so
//! builtins (`funcall`, `eval`, `mapcar` ...) can call back into Lisp.

pub mod binding;
pub mod build;
pub mod call;
pub mod control;
pub mod dispatch;
pub mod exec;
pub mod flat;
pub mod freevars;
pub mod inline_cache;
pub mod intrinsics;
pub mod macros;
pub mod node;
pub mod scope;
pub mod template;

use crate::runtime::error::LResult;
use crate::runtime::value::Value;
use crate::runtime::{rt, EvalHooks};

/// Installs the evaluator as the runtime's `funcall`/`eval`.
pub fn install() {
    rt().hooks = EvalHooks {
        funcall: call::funcall_counted,
        eval: eval_form,
        closure_view: template::closure_view,
        macroexpand_all: macros::macroexpand_all,
    };
}

/// `(eval FORM LEXICAL)`: LEXICAL nil means dynamic binding, t lexical binding
/// with an empty environment, and an alist a given lexical environment.
pub fn eval_form(form: Value, lexical: Value) -> LResult {
    let (scope, frame) = if lexical.is_nil() {
        (None, Value::NIL)
    } else if lexical.is_cons() {
        template::scope_from_alist(lexical)
    } else {
        (scope::lexical_root(), Value::NIL)
    };
    let n = node::Node::lazy(form, scope);
    let r = exec::exec(n, frame);
    if lexical.is_cons() && !frame.is_nil() {
        write_back(lexical, frame);
    }
    r
}

/// Stores the final values of the frame `scope_from_alist` made from ALIST
/// back into the alist's bindings, as Emacs's evaluator assigns to them in
/// place (its frames *are* the alist).
fn write_back(alist: Value, frame: Value) {
    let slots = crate::runtime::frame::frame_slots(frame);
    let bindings: Vec<Value> = alist.iter().filter(|b| b.is_cons() && b.car().is_symbol()).collect();
    // The frame holds the bindings in reverse order, after the parent link.
    for (b, v) in bindings.iter().rev().zip(slots.iter().skip(1)) {
        b.cons_ref().cdr = *v;
    }
}
