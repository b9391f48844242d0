//! Building a node's real kind from its form, on first execution: variables
//! resolve to lexical slots or special variables, special forms parse their
//! arguments into child nodes (created lazily), macros expand, and everything
//! else becomes a call.  Argument-count errors of special forms are reported
//! exactly as GNU Emacs's `eval_sub` does.

use super::node::*;
use super::scope::{self, ScopeRef};
use super::template::Template;
use crate::runtime::alloc::list2;
use crate::runtime::buffer::save::SaveKind;
use crate::runtime::error::{signal, wrong_type, LResult};
use crate::runtime::string::make_string;
use crate::runtime::sym;
use crate::runtime::symbol::is_keyword;
use crate::runtime::value::Value;

pub use crate::runtime::symbol::indirect_function;

/// The kind FORM calls for in SCOPE.
pub fn build(form: Value, scope: ScopeRef) -> LResult<Kind> {
    if form.is_symbol() {
        return Ok(build_variable(form, scope));
    }
    if !form.is_cons() {
        return Ok(Kind::Const(form));
    }
    let head = form.car();
    if head.is_symbol() {
        let f = indirect_function(head);
        if f.is_cons() && f.car() == sym::AUTOLOAD {
            // As eval_sub: load the definition before the arguments are
            // evaluated or the macro is expanded, then build afresh.
            crate::builtins::eval::autoload_function(f, head)?;
            return build(form, scope);
        }
        if let Some(def) = f.as_subr() {
            if def.is_special_form() {
                let kind = build_special(def.name, head, form, scope)?;
                if head.sym().function == f {
                    return Ok(kind);
                }
                return Ok(aliased(head, form, kind, scope));
            }
        } else if f.is_cons() && f.car() == sym::MACRO {
            return super::macros::build_macro(head, f.cdr(), form, scope);
        }
        if let Some((op, target)) = intrinsic_op(head, form) {
            return build_intrinsic(op, head, target, form, scope, MAX_EAGER_NESTING);
        }
        let cell = head.sym().function;
        let target = if cell.is_symbol() && !cell.is_nil() { cell.sym().function } else { cell };
        let spreads = target.as_subr().is_some_and(|d| d.name == "apply") && list_length(form.cdr()).is_ok_and(|n| n >= 2);
        if (spreads || target.as_subr().is_some_and(|d| d.name == "funcall")) && crate::specialize::specializing() {
            if let Some(kind) = build_funcall_const(head, target, form, scope, spreads)? {
                return Ok(kind);
            }
        }
        let args = build_list(form.cdr(), scope)?;
        return Ok(Kind::Call(leak(CallNode { function: head, args, scope, megamorphic: std::cell::Cell::new(false), funcall: None })));
    }
    if head.is_cons() && head.car() == sym::LAMBDA {
        let t = Template::from_lambda(head, scope);
        return Ok(Kind::CallLambda(t, build_list(form.cdr(), scope)?));
    }
    let args = build_list(form.cdr(), scope)?;
    Ok(Kind::Call(leak(CallNode { function: hold(head), args, scope, megamorphic: std::cell::Cell::new(false), funcall: None })))
}

/// `(funcall #'F ARGS...)` (or `'F`, or `apply` with SPREAD) with a symbol
/// F: a call node for F in `funcall` mode, so it gets an inline cache like a
/// direct call.
fn build_funcall_const(head: Value, subr: Value, form: Value, scope: ScopeRef, spread: bool) -> LResult<Option<Kind>> {
    let args = form.cdr();
    let first = args.car_safe();
    let quoted = first.is_cons() && (first.car() == sym::FUNCTION || first.car() == sym::QUOTE);
    if !quoted || !first.cdr().is_cons() || !first.cdr().cdr().is_nil() || list_length(args).is_err() {
        return Ok(None);
    }
    let f = first.cdr().car();
    if !f.is_symbol() || f.is_nil() || indirect_function(first.car()).as_subr().is_none_or(|d| !d.is_special_form()) {
        return Ok(None);
    }
    let new_call = |function, args| CallNode { function, args, scope, megamorphic: std::cell::Cell::new(false), funcall: None };
    let whole = leak(new_call(head, build_list(args, scope)?));
    let site = leak(FuncallSite { call: whole, subr, cell: &head.sym().function as *const Value, spread });
    let mut call = new_call(hold(f), build_list(args.cdr(), scope)?);
    call.funcall = Some(site);
    Ok(Some(Kind::Call(leak(call))))
}

/// An intrinsic node for a call of builtin TARGET (in HEAD's function cell).
/// Operands that are variables, constants or quoted forms are resolved now,
/// so the node knows whether it is flat (see `intrinsics::run`).
/// How deep intrinsic operands of an intrinsic are built at once (deeper
/// ones are built lazily, as usual).
const MAX_EAGER_NESTING: u32 = 8;

/// The intrinsic operation and builtin a call FORM of HEAD stands for, if any
/// (HEAD's function cell holding a builtin, directly or through one alias).
fn intrinsic_op(head: Value, form: Value) -> Option<(super::intrinsics::Op, Value)> {
    if !crate::specialize::specializing() {
        return None;
    }
    let cell = head.sym().function;
    let target = if cell.is_symbol() && !cell.is_nil() { cell.sym().function } else { cell };
    let def = target.as_subr()?;
    let op = super::intrinsics::op_for(def.name, list_length(form.cdr()).ok()?)?;
    Some((op, target))
}

/// An intrinsic node for a call of builtin TARGET (in HEAD's function cell).
/// Operands that are variables, constants, quoted forms or (up to NESTING
/// levels) intrinsic calls themselves are built now, so the node knows its
/// height as a pure tree (see `intrinsics::IntrinsicNode::height`).
fn build_intrinsic(op: super::intrinsics::Op, head: Value, target: Value, form: Value, scope: ScopeRef, nesting: u32) -> LResult<Kind> {
    let mut v = Vec::new();
    for a in form.cdr().iter() {
        v.push(match operand_kind(a, scope, nesting)? {
            Some(k) => {
                let node = Node::new(a, k);
                if let Kind::Intrinsic(i, _) = k {
                    use crate::specialize::assumptions::depend;
                    depend(i.call.function, crate::runtime::symbol::CellKind::Function, node.id);
                }
                node
            }
            None => Node::lazy(a, scope),
        });
    }
    let args = leak_slice(v);
    let call = leak(CallNode { function: head, args, scope, megamorphic: std::cell::Cell::new(false), funcall: None });
    let height = super::intrinsics::tree_height(args);
    let node = leak(super::intrinsics::IntrinsicNode { op, args, call, subr: target, cell: &head.sym().function as *const Value, height });
    Ok(super::intrinsics::initial_kind(node))
}

/// The final kind of an operand form that needs no evaluation machinery,
/// or of an intrinsic call operand (built now while NESTING allows).
fn operand_kind(a: Value, scope: ScopeRef, nesting: u32) -> LResult<Option<Kind>> {
    if a.is_symbol() {
        return Ok(Some(build_variable(a, scope)));
    }
    if !a.is_cons() {
        return Ok(Some(Kind::Const(a)));
    }
    let head = a.car();
    let quoted = head == sym::QUOTE && a.cdr().is_cons() && a.cdr().cdr().is_nil();
    let special = indirect_function(sym::QUOTE).as_subr().is_some_and(|d| d.is_special_form());
    if quoted && special {
        return Ok(Some(Kind::Const(a.cdr().car())));
    }
    if nesting == 0 || !head.is_symbol() {
        return Ok(None);
    }
    let f = indirect_function(head);
    if f.as_subr().is_none_or(|d| d.is_special_form()) {
        return Ok(None);
    }
    let Some((op, target)) = intrinsic_op(head, a) else { return Ok(None) };
    build_intrinsic(op, head, target, a, scope, nesting - 1).map(Some)
}

/// A special form reached through an alias (HEAD's function cell holds a
/// symbol): the special form's node, guarded by HEAD's cell, since a later
/// `fset` of HEAD makes the same form mean something else.
fn aliased(head: Value, form: Value, kind: Kind, scope: ScopeRef) -> Kind {
    let inner = Node::new(form, kind);
    Kind::Aliased(leak(AliasNode { symbol: head, cell: head.sym().function, inner, scope }))
}

fn build_variable(s: Value, scope: ScopeRef) -> Kind {
    if s.is_nil() || s.is_t() || is_keyword(s) {
        return Kind::Const(s);
    }
    match scope::lookup(scope, s) {
        Some((depth, index)) => Kind::LexRef { depth, index },
        None => Kind::DynRef(s),
    }
}

/// Lazy nodes for the elements of a form list; a dotted tail is an error
/// (`wrong-type-argument listp`) as in Emacs.
pub fn build_list(list: Value, scope: ScopeRef) -> LResult<Body> {
    let mut v = Vec::new();
    let mut l = list;
    while l.is_cons() {
        v.push(Node::lazy(l.car(), scope));
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    Ok(leak_slice(v))
}

/// Like `build_list` for a body: a `(defvar X)` form makes X locally special
/// for the forms after it.
pub fn build_body(list: Value, mut scope: ScopeRef) -> LResult<Body> {
    let mut v = Vec::new();
    let mut l = list;
    while l.is_cons() {
        let f = l.car();
        v.push(Node::lazy(f, scope));
        if scope.is_some()
            && f.is_cons()
            && f.car() == sym::DEFVAR
            && f.cdr().is_cons()
            && f.cdr().cdr().is_nil()
            && f.cdr().car().is_symbol()
        {
            scope = scope::with_local_special(scope, f.cdr().car());
        }
        l = l.cdr();
    }
    if !l.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    Ok(leak_slice(v))
}

fn list_length(l: Value) -> LResult<usize> {
    let mut n = 0;
    let mut x = l;
    while x.is_cons() {
        n += 1;
        x = x.cdr();
    }
    if !x.is_nil() {
        return Err(wrong_type(sym::LISTP, l));
    }
    Ok(n)
}

fn arity_error(name: &str, n: usize) -> Kind {
    Kind::Signal(sym::WRONG_NUMBER_OF_ARGUMENTS, hold(list2(crate::runtime::symbol::intern(name), Value::fixnum(n as i64))))
}

fn min_args(name: &str) -> usize {
    match name {
        "if" | "defconst" | "condition-case" => 2,
        "prog1" | "quote" | "function" | "defvar" | "let" | "let*" | "while" | "catch" | "unwind-protect" => 1,
        _ => 0,
    }
}

/// Builds the node kind of special form NAME applied to FORM's arguments.
/// HEAD is the form's head symbol, which `eval_sub` names in a too-few-arguments error.
fn build_special(name: &'static str, head: Value, form: Value, scope: ScopeRef) -> LResult<Kind> {
    let args = form.cdr();
    let n = list_length(args)?;
    if n < min_args(name) {
        return Ok(Kind::Signal(sym::WRONG_NUMBER_OF_ARGUMENTS, hold(list2(head, Value::fixnum(n as i64)))));
    }
    let a1 = args.car_safe();
    let rest = args.cdr_safe();
    Ok(match name {
        "quote" => {
            if n != 1 {
                return Ok(arity_error("quote", n));
            }
            Kind::Const(a1)
        }
        "function" => {
            if n != 1 {
                return Ok(arity_error("function", n));
            }
            if a1.is_cons() && a1.car() == sym::LAMBDA {
                Kind::Lambda(Template::from_lambda(a1, scope))
            } else {
                Kind::Const(a1)
            }
        }
        "progn" => Kind::Progn(build_body(args, scope)?),
        "save-excursion" => Kind::Save(SaveKind::Excursion, build_body(args, scope)?),
        "save-restriction" => Kind::Save(SaveKind::Restriction, build_body(args, scope)?),
        "save-current-buffer" => Kind::Save(SaveKind::CurrentBuffer, build_body(args, scope)?),
        "interactive" => Kind::Const(Value::NIL),
        "if" => Kind::If(Node::lazy(a1, scope), Node::lazy(rest.car(), scope), build_body(rest.cdr(), scope)?),
        "and" => Kind::And(build_list(args, scope)?),
        "or" => Kind::Or(build_list(args, scope)?),
        "prog1" => Kind::Prog1(Node::lazy(a1, scope), build_body(rest, scope)?),
        "while" => Kind::While(Node::lazy(a1, scope), build_body(rest, scope)?),
        "cond" => build_cond(args, scope)?,
        "setq" => build_setq(args, n, scope),
        "let" | "let*" => super::binding::build_let(name == "let*", a1, rest, scope)?,
        "catch" => Kind::Catch(Node::lazy(a1, scope), build_body(rest, scope)?),
        "unwind-protect" => Kind::UnwindProtect(Node::lazy(a1, scope), build_body(rest, scope)?),
        "condition-case" => super::control::build_condition_case(a1, rest, scope)?,
        "defvar" | "defconst" => build_defvar(name == "defconst", args, n, scope)?,
        _ => Kind::Signal(sym::ERROR, hold(crate::runtime::alloc::list1(make_string("Unknown special form")))),
    })
}

fn build_cond(clauses: Value, scope: ScopeRef) -> LResult<Kind> {
    let mut v = Vec::new();
    for c in clauses.iter() {
        if c.is_nil() {
            continue;
        }
        if !c.is_cons() {
            // Emacs: (cond 1) signals (wrong-type-argument listp 1) when reached.
            v.push(Clause { test: Node::new(c, Kind::Signal(sym::WRONG_TYPE_ARGUMENT, hold(list2(sym::LISTP, c)))), body: &[] });
            continue;
        }
        let body = if c.cdr().is_list() {
            build_body(c.cdr(), scope)?
        } else {
            // Emacs: a clause (TEST . 5) that succeeds gives (progn . 5), i.e. nil.
            leak_slice(vec![Node::new(c.cdr(), Kind::Const(Value::NIL))])
        };
        v.push(Clause { test: Node::lazy(c.car(), scope), body });
    }
    Ok(Kind::Cond(leak_slice(v)))
}

fn build_setq(args: Value, n: usize, scope: ScopeRef) -> Kind {
    if n % 2 == 1 {
        return arity_error("setq", n);
    }
    let mut pairs = Vec::new();
    let mut l = args;
    while l.is_cons() {
        let var = l.car();
        let value = Node::lazy(l.cdr().car(), scope);
        let target = match scope::lookup(scope, var) {
            Some((depth, index)) if var.is_symbol() => VarRef::Lex { depth, index },
            _ => VarRef::Dyn(hold(var)),
        };
        pairs.push((target, value));
        l = l.cdr().cdr();
    }
    if pairs.is_empty() {
        return Kind::Const(Value::NIL);
    }
    Kind::Setq(leak_slice(pairs))
}

fn build_defvar(constant: bool, args: Value, n: usize, scope: ScopeRef) -> LResult<Kind> {
    let s = args.car();
    if !s.is_symbol() {
        return Ok(Kind::Signal(sym::WRONG_TYPE_ARGUMENT, hold(list2(sym::SYMBOLP, s))));
    }
    if n > 3 {
        return Ok(Kind::Signal(sym::ERROR, hold(crate::runtime::alloc::list1(make_string("Too many arguments")))));
    }
    let value = if n >= 2 { Some(Node::lazy(args.cdr().car(), scope)) } else { None };
    let doc = if n == 3 { hold(args.cdr().cdr().car()) } else { Value::NIL };
    Ok(Kind::Defvar(leak(DefvarNode { symbol: s, value, constant, doc })))
}

/// Signals the error a `Kind::Signal` node carries.
pub fn signal_kind(error: Value, data: Value) -> crate::runtime::error::Flow {
    signal(error, data)
}
