//! Macro calls and full macro expansion.  A macro call site expands once and
//! caches the expansion's node tree, guarded by the macro definition it used:
//! when the head symbol's function no longer resolves to that definition, the
//! site expands again.  `macroexpand_all` walks code the way `macroexpand-all`
//! does (macroexpansion itself is `runtime::macroexpand`); it is used to show interpreted closures' bodies as Emacs does.

use super::exec::exec;
use super::node::*;
use super::scope::ScopeRef;
use crate::runtime::alloc::{cons, list};
use crate::runtime::error::LResult;
use crate::runtime::heap::RootedVec;
use crate::runtime::macroexpand::{expand_call, macroexpand};
use crate::runtime::sym;
use crate::runtime::symbol::indirect_function;
use crate::runtime::value::Value;
use crate::specialize::rewrite;

/// Expands macro call FORM (head HEAD, macro function FUNCTION) in SCOPE.
pub fn build_macro(head: Value, function: Value, form: Value, scope: ScopeRef) -> LResult<Kind> {
    let expansion = expand_call(function, form.cdr(), scope.is_some())?;
    let macro_def = indirect_function(head);
    hold(macro_def);
    let cached = crate::runtime::rt().eager_macroexpansion;
    Ok(Kind::Macro(leak(MacroNode {
        symbol: head,
        definition: macro_def,
        expansion: Node::lazy(hold(expansion), scope),
        scope,
        cached,
        fresh: std::cell::Cell::new(true),
    })))
}

pub fn exec_macro(n: N, m: &'static MacroNode, env: Value) -> LResult {
    if indirect_function(m.symbol) != m.definition {
        rewrite(n, Kind::Uninit(m.scope), "macro-redefined");
        return exec(n, env);
    }
    if m.cached || m.fresh.replace(false) {
        return exec(m.expansion, env);
    }
    // Outside `load`, GNU Emacs runs the macro at every evaluation: do the same,
    // and keep the node tree when the expansion is the same code again.
    let expansion = expand_call(m.definition.cdr(), n.form.cdr(), m.scope.is_some())?;
    if same_code(m.expansion.form, expansion) {
        return exec(m.expansion, env);
    }
    let next = MacroNode {
        symbol: m.symbol,
        definition: m.definition,
        expansion: Node::lazy(hold(expansion), m.scope),
        scope: m.scope,
        cached: false,
        fresh: std::cell::Cell::new(false),
    };
    let next = leak(next);
    rewrite(n, Kind::Macro(next), "macro-expanded-differently");
    exec(next.expansion, env)
}

/// Whether two expansions are the same code: `equal`, except that distinct
/// uninterned symbols (fresh from `make-symbol`) match if consistently renamed.
fn same_code(a: Value, b: Value) -> bool {
    use crate::runtime::symbol::Interned;
    let mut renaming: Vec<(Value, Value)> = Vec::new();
    let mut stack = vec![(a, b)];
    let mut steps = 0;
    while let Some((x, y)) = stack.pop() {
        steps += 1;
        if steps > 100_000 {
            return false;
        }
        if x == y {
            continue;
        }
        if x.is_cons() && y.is_cons() {
            stack.push((x.cdr(), y.cdr()));
            stack.push((x.car(), y.car()));
            continue;
        }
        if x.is_symbol() && y.is_symbol() && x.sym().interned == Interned::No && y.sym().interned == Interned::No {
            match renaming.iter().find(|(p, q)| *p == x || *q == y) {
                Some((p, q)) if *p == x && *q == y => continue,
                Some(_) => return false,
                None => {
                    renaming.push((x, y));
                    continue;
                }
            }
        }
        if (x.is_string() && y.is_string() || x.is_float() || x.is_bignum()) && crate::runtime::equality::equal(x, y).unwrap_or(false) {
            continue;
        }
        return false;
    }
    true
}

/// Expands every form of LIST fully.
pub fn macroexpand_all_list(l: Value) -> LResult {
    let mut out = RootedVec::new();
    for f in l.iter() {
        let e = macroexpand_all(f)?;
        out.push(e);
    }
    Ok(list(&out))
}

/// `macroexpand-all` of FORM.
pub fn macroexpand_all(form: Value) -> LResult {
    if !form.is_cons() {
        return Ok(form);
    }
    let form = macroexpand(form, Value::NIL)?;
    if !form.is_cons() {
        return Ok(form);
    }
    let head = form.car();
    let args = form.cdr();
    if head == sym::QUOTE {
        return Ok(form);
    }
    if head == sym::FUNCTION {
        let f = args.car_safe();
        if f.is_cons() && f.car() == sym::LAMBDA {
            let lambda = cons(sym::LAMBDA, cons(f.cdr().car_safe(), macroexpand_all_list(f.cdr().cdr_safe())?));
            return Ok(list(&[sym::FUNCTION, lambda]));
        }
        return Ok(form);
    }
    if head == sym::COND {
        let clauses = RootedVec::from_list(args);
        let mut out = RootedVec::new();
        for c in clauses.iter() {
            out.push(if c.is_cons() { macroexpand_all_list(*c)? } else { *c });
        }
        return Ok(cons(head, list(&out)));
    }
    if head == sym::CONDITION_CASE {
        let var = args.car_safe();
        let body = macroexpand_all(args.cdr_safe().car_safe())?;
        let mut handlers = RootedVec::new();
        for h in args.cdr_safe().cdr_safe().iter() {
            handlers.push(if h.is_cons() { cons(h.car(), macroexpand_all_list(h.cdr())?) } else { h });
        }
        return Ok(cons(head, cons(var, cons(body, list(&handlers)))));
    }
    if head == sym::LET || head == sym::LET_STAR {
        let mut bindings = RootedVec::new();
        for b in args.car_safe().iter() {
            bindings.push(if b.is_cons() { cons(b.car(), macroexpand_all_list(b.cdr())?) } else { b });
        }
        let body = macroexpand_all_list(args.cdr_safe())?;
        return Ok(cons(head, cons(list(&bindings), body)));
    }
    if head.is_cons() && head.car() == sym::LAMBDA {
        let lambda = cons(sym::LAMBDA, cons(head.cdr().car_safe(), macroexpand_all_list(head.cdr().cdr_safe())?));
        return Ok(cons(lambda, macroexpand_all_list(args)?));
    }
    Ok(cons(head, macroexpand_all_list(args)?))
}
