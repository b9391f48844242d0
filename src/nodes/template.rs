//! Lambda templates and interpreted closures.  A `Template` is what a
//! `(function (lambda ...))` site knows statically — its parsed argument list,
//! docstring, interactive form, defining scope and (lazily built) body nodes —
//! and every closure made at that site shares it.  Closures made elsewhere
//! (read as `#[...]`, `make-interpreted-closure`) get a template on first call,
//! built from their ENV alist.  Calling binds parameters exactly as GNU Emacs's
//! `funcall_lambda` does, with a fast path for well-formed argument lists.

use super::build::build_body;
use super::exec::exec_body;
use super::node::*;
use super::scope::{self, ScopeRef};
use crate::runtime::alloc::{cons, list, list_to_vec};
use crate::runtime::error::{invalid_function, wrong_number_of_arguments, LResult};
use crate::runtime::frame::{alloc_frame, frame_from, frame_slots, mark_captured, release_frame};
use crate::runtime::heap::heap;
use crate::runtime::object::{make_vector, Closure, Obj};
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use crate::runtime::sym;
use crate::runtime::value::Value;
use std::cell::Cell;

pub struct Template {
    pub args: Value,
    pub body: Value,
    pub doc: Value,
    /// `(:documentation FORM)`: evaluated when a closure is made.
    pub doc_form: Option<N>,
    pub iform: Value,
    /// Well-formed `REQ... [&optional OPT...] [&rest R]`: (required, optional, rest).
    pub simple: Option<(u32, u32, bool)>,
    /// Parameter symbols in binding order (for the simple form).
    pub params: &'static [Value],
    pub def_scope: ScopeRef,
    pub body_scope: ScopeRef,
    body_nodes: Cell<Option<Body>>,
    /// Defined by the prelude, standing for a compiled GNU Emacs function:
    /// arity errors report `(REQUIRED . REQUIRED+OPTIONAL)` instead of the function.
    pub library: bool,
}

impl Template {
    /// The template of `(lambda ARGS [DOC] [(interactive ...)] . BODY)` in SCOPE,
    /// parsed as `Ffunction` does.
    pub fn from_lambda(lambda: Value, scope: ScopeRef) -> &'static Template {
        let cdr = lambda.cdr_safe();
        let args = cdr.car_safe();
        let mut body = cdr.cdr_safe();
        let mut doc = Value::NIL;
        let mut doc_form = None;
        if body.is_cons() {
            let d = body.car();
            if d.is_string() {
                if !body.cdr().is_nil() {
                    doc = d;
                    body = body.cdr();
                }
            } else if d.is_cons() && d.car() == sym::K_DOCUMENTATION {
                doc_form = Some(Node::lazy(d.cdr().car_safe(), scope));
                body = body.cdr();
            }
        }
        let mut iform = Value::NIL;
        if body.is_cons() && body.car().is_cons() && body.car().car() == sym::INTERACTIVE {
            iform = body.car();
            body = body.cdr();
        }
        if body.is_nil() {
            body = list(&[Value::NIL]);
        }
        Template::new(args, body, doc, doc_form, iform, scope)
    }

    fn new(args: Value, body: Value, doc: Value, doc_form: Option<N>, iform: Value, def_scope: ScopeRef) -> &'static Template {
        let (simple, params) = parse_simple(args);
        let bound: Vec<Value> = if simple.is_some() {
            params.clone()
        } else {
            args.iter().filter(|p| p.is_symbol() && *p != sym::AND_OPTIONAL && *p != sym::AND_REST).collect()
        };
        let body_scope = if def_scope.is_some() && !bound.is_empty() { scope::child(def_scope, bound) } else { def_scope };
        for v in [args, body, doc, iform] {
            hold(v);
        }
        let library = crate::runtime::rt().defining_library;
        leak(Template {
            args,
            body,
            doc,
            doc_form,
            iform,
            simple,
            params: leak_slice(params),
            def_scope,
            body_scope,
            body_nodes: Cell::new(None),
            library,
        })
    }

    pub fn lexical(&self) -> bool {
        self.def_scope.is_some()
    }

    /// The body's nodes (built on first use).
    #[inline]
    pub fn body(&self) -> LResult<Body> {
        match self.body_nodes.get() {
            Some(b) => Ok(b),
            None => self.body_nodes(self.body_scope),
        }
    }

    fn body_nodes(&self, scope: ScopeRef) -> LResult<Body> {
        if let Some(b) = self.body_nodes.get() {
            return Ok(b);
        }
        let b = build_body(self.body, scope)?;
        self.body_nodes.set(Some(b));
        Ok(b)
    }
}

/// Parses the common argument-list shape; anything else takes the slow path.
fn parse_simple(args: Value) -> (Option<(u32, u32, bool)>, Vec<Value>) {
    let (mut req, mut opt, mut rest) = (0u32, 0u32, false);
    let mut mode = 0; // 0 required, 1 optional, 2 rest
    let mut params = Vec::new();
    let mut l = args;
    while l.is_cons() {
        let p = l.car();
        if !p.is_symbol() {
            return (None, Vec::new());
        }
        if p == sym::AND_OPTIONAL {
            if mode != 0 {
                return (None, Vec::new());
            }
            mode = 1;
        } else if p == sym::AND_REST {
            if mode == 2 {
                return (None, Vec::new());
            }
            mode = 2;
        } else {
            match mode {
                0 => req += 1,
                1 => opt += 1,
                _ => {
                    if rest {
                        return (None, Vec::new());
                    }
                    rest = true;
                }
            }
            params.push(p);
        }
        l = l.cdr();
    }
    if !l.is_nil() || mode == 2 && !rest {
        return (None, Vec::new());
    }
    (Some((req, opt, rest)), params)
}

/// Makes the closure of template T in environment ENV (the `function` special form).
pub fn make_closure(t: &'static Template, env: Value) -> LResult {
    let doc = match t.doc_form {
        Some(n) => super::exec::exec(n, env)?,
        None => t.doc,
    };
    let iform_value = if t.iform.is_nil() {
        Value::NIL
    } else {
        let spec = t.iform.cdr();
        if spec.cdr_safe().is_nil() {
            spec.car_safe()
        } else {
            make_vector(vec![spec.car(), spec.cdr()])
        }
    };
    let mut slots = vec![t.args, t.body, Value::NIL];
    if !t.iform.is_nil() {
        slots.extend([Value::NIL, doc, iform_value]);
    } else if !doc.is_nil() {
        slots.extend([Value::NIL, doc]);
    }
    let lexical = t.lexical();
    if lexical {
        mark_captured(env);
    }
    Ok(heap().alloc_obj(Obj::Closure(Box::new(Closure {
        slots,
        frame: if lexical { env } else { Value::NIL },
        template: t as *const Template as *const (),
        env_ready: !lexical,
    }))))
}

/// The template of closure F, building one from its slots if it has none.
pub fn template_of(f: Value, c: &mut Closure) -> &'static Template {
    if !c.template.is_null() {
        return unsafe { &*(c.template as *const Template) };
    }
    let env = c.slots[2];
    let (scope, frame) = scope_from_alist(env);
    let t = Template::new(c.slots[0], c.slots[1], Value::NIL, None, Value::NIL, scope);
    let c = f.as_closure().unwrap();
    c.frame = frame;
    c.template = t as *const Template as *const ();
    t
}

/// A scope and frame holding an environment alist's bindings (nil: dynamic).
pub fn scope_from_alist(env: Value) -> (ScopeRef, Value) {
    if env.is_nil() {
        return (None, Value::NIL);
    }
    let mut vars = Vec::new();
    let mut vals = vec![Value::NIL];
    let mut specials = Vec::new();
    for b in env.iter() {
        if b.is_cons() && b.car().is_symbol() {
            vars.push(b.car());
            vals.push(b.cdr());
        } else if b.is_symbol() && !b.is_t() {
            specials.push(b);
        }
    }
    vars.reverse();
    vals[1..].reverse();
    let mut scope = if vars.is_empty() { scope::lexical_root() } else { scope::child(scope::lexical_root(), vars) };
    for s in specials {
        scope = scope::with_local_special(scope, s);
    }
    let frame = if vals.len() > 1 { frame_from(&vals) } else { Value::NIL };
    (scope, frame)
}

/// Calls closure F with ARGS (no `lisp-eval-depth` count: callers do that).
pub fn call_closure(f: Value, args: &[Value]) -> LResult {
    let t = template_of(f, f.as_closure().unwrap());
    let captured = f.as_closure().unwrap().frame;
    let depth = specpdl_depth();
    let r = match t.simple {
        Some(shape) => bind_simple(f, t, shape, args, captured),
        None => bind_general(f, t, args, captured),
    }
    .and_then(|env| {
        let r = t.body_nodes(t.body_scope).and_then(|body| exec_body(body, env));
        if env != captured {
            release_frame(env);
        }
        r
    });
    unbind_to(depth);
    r
}

fn bind_simple(f: Value, t: &'static Template, (req, opt, rest): (u32, u32, bool), args: &[Value], captured: Value) -> LResult<Value> {
    let n = args.len();
    if n < req as usize || (!rest && n > (req + opt) as usize) {
        if t.library {
            let arity = cons(Value::fixnum(req as i64), Value::fixnum((req + opt) as i64));
            return Err(wrong_number_of_arguments(arity, n));
        }
        return Err(wrong_number_of_arguments(f, n));
    }
    let fixed = (req + opt) as usize;
    let value_of = |i: usize| -> Value {
        if i < fixed {
            args.get(i).copied().unwrap_or(Value::NIL)
        } else {
            list(args.get(fixed..).unwrap_or(&[]))
        }
    };
    if t.lexical() {
        if t.params.is_empty() {
            return Ok(captured);
        }
        let f = alloc_frame(captured, t.params.len() + 1);
        let slots = frame_slots(f);
        for (i, slot) in slots[1..].iter_mut().enumerate() {
            *slot = value_of(i);
        }
        return Ok(f);
    }
    for (i, p) in t.params.iter().enumerate() {
        specbind(*p, value_of(i))?;
    }
    Ok(Value::NIL)
}

/// `funcall_lambda`'s parameter loop over ARGLIST (of function F, called on
/// ARGS): BIND gets each parameter and its value (`&rest` ones a list);
/// `invalid-function` for a malformed list, `(wrong-number-of-arguments F
/// N)` for too few or too many arguments.
pub fn bind_arglist(f: Value, arglist: Value, args: &[Value], mut bind: impl FnMut(Value, Value) -> LResult<()>) -> LResult<()> {
    let (mut optional, mut rest, mut previous_rest) = (false, false, false);
    let mut i = 0;
    let mut l = arglist;
    while l.is_cons() {
        let next = l.car();
        l = l.cdr();
        if !next.is_symbol() {
            return Err(invalid_function(f));
        }
        if next == sym::AND_REST {
            if rest || previous_rest {
                return Err(invalid_function(f));
            }
            rest = true;
            previous_rest = true;
            continue;
        }
        if next == sym::AND_OPTIONAL {
            if optional || rest || previous_rest {
                return Err(invalid_function(f));
            }
            optional = true;
            continue;
        }
        let arg = if rest {
            let v = list(&args[i.min(args.len())..]);
            i = args.len();
            v
        } else if i < args.len() {
            i += 1;
            args[i - 1]
        } else if !optional {
            return Err(wrong_number_of_arguments(f, args.len()));
        } else {
            Value::NIL
        };
        bind(next, arg)?;
        previous_rest = false;
    }
    if !l.is_nil() || previous_rest {
        return Err(invalid_function(f));
    }
    if i < args.len() {
        return Err(wrong_number_of_arguments(f, args.len()));
    }
    Ok(())
}

/// `funcall_lambda`'s parameter binding, for argument lists of any shape.
fn bind_general(f: Value, t: &'static Template, args: &[Value], captured: Value) -> LResult<Value> {
    let mut lex: Vec<(Value, Value)> = Vec::new();
    bind_arglist(f, t.args, args, |param, arg| {
        if t.lexical() {
            lex.push((param, arg));
            Ok(())
        } else {
            specbind(param, arg)
        }
    })?;
    if !t.lexical() {
        return Ok(Value::NIL);
    }
    if lex.is_empty() {
        return Ok(captured);
    }
    let mut slots = vec![captured];
    slots.extend(lex.iter().map(|p| p.1));
    Ok(frame_from(&slots))
}

/// `(body, env)` of a closure as GNU Emacs shows it: for closures made by the
/// evaluator, ENV is computed from the captured frame, keeping only the
/// variables the (macroexpanded) body uses, as `cconv-make-interpreted-closure` does.
pub fn closure_view(f: Value) -> (Value, Value) {
    let c = f.as_closure().unwrap();
    if c.env_ready || c.template.is_null() {
        return (c.slots[1], c.slots[2]);
    }
    let (body, cells) = closure_env_cells(f);
    if cells.is_empty() {
        return (body, list(&[Value::T]));
    }
    let env: Vec<Value> = cells.iter().map(|(v, cell)| cons(*v, **cell)).collect();
    (body, list(&env))
}

/// The (macroexpanded) body of an evaluator-made closure F and the captured
/// variables its environment shows (see `closure_view`), each with the frame
/// slot that holds it, innermost first.
pub fn closure_env_cells(f: Value) -> (Value, Vec<(Value, &'static mut Value)>) {
    let c = f.as_closure().unwrap();
    let t = unsafe { &*(c.template as *const Template) };
    let visible = scope::visible_vars(t.def_scope);
    if visible.is_empty() {
        return (c.slots[1], Vec::new());
    }
    let body = super::macros::macroexpand_all_list(t.body).unwrap_or(t.body);
    let mut probe = list_to_vec(body);
    if !t.iform.is_nil() {
        probe.push(t.iform);
    }
    let params = list_to_vec(t.args);
    let free = super::freevars::free_variables(&probe, &params);
    let cells = visible
        .into_iter()
        .filter(|(v, _, _)| free.contains(v))
        .map(|(v, depth, slot)| (v, super::exec::frame_slot(c.frame, depth, slot)))
        .collect();
    (body, cells)
}
