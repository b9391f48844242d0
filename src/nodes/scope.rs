//! Static scopes: what the evaluator knows, when it builds a node, about the
//! lexical variables around it.  A `Scope` describes one runtime frame (its
//! variables in slot order, slot 0 being the parent link); a variable access is
//! resolved once to (frames up, slot).  `None` as a `ScopeRef` means dynamic
//! binding mode (`lexical-binding` nil), where every variable is special.
//! Locally special variables (a body-level `(defvar X)`) are recorded so that
//! later `let`s in the same body bind X dynamically, as Emacs does.

use super::node::leak;
use crate::runtime::value::Value;

pub type ScopeRef = Option<&'static Scope>;

pub struct Scope {
    pub parent: ScopeRef,
    /// Variables of this scope's frame, slot i+1 for vars[i].
    pub vars: &'static [Value],
    /// False for the root of lexical mode, which has no frame.
    pub has_frame: bool,
    /// Symbols declared locally special in this scope (by `(defvar X)`).
    pub specials: &'static [Value],
}

/// The root scope of lexical binding mode (environment `(t)`).
pub fn lexical_root() -> ScopeRef {
    thread_local! {
        static ROOT: &'static Scope = leak(Scope { parent: None, vars: &[], has_frame: false, specials: &[] });
    }
    Some(ROOT.with(|r| *r))
}

/// Resolves SYM to (depth, slot) if it is lexically bound in SCOPE.
pub fn lookup(scope: ScopeRef, sym: Value) -> Option<(u32, u32)> {
    let mut depth = 0;
    let mut s = scope;
    while let Some(sc) = s {
        if sc.has_frame {
            if let Some(i) = sc.vars.iter().rposition(|v| *v == sym) {
                return Some((depth, i as u32 + 1));
            }
            depth += 1;
        }
        s = sc.parent;
    }
    None
}

/// Whether binding SYM in SCOPE must be dynamic (special globally or locally).
pub fn binds_dynamically(scope: ScopeRef, sym: Value) -> bool {
    let Some(mut sc) = scope else { return true };
    if sym.sym().special {
        return true;
    }
    loop {
        if sc.specials.contains(&sym) {
            return true;
        }
        match sc.parent {
            Some(p) => sc = p,
            None => return false,
        }
    }
}

/// A new frame scope with VARS inside PARENT.
pub fn child(parent: ScopeRef, vars: Vec<Value>) -> ScopeRef {
    Some(leak(Scope { parent, vars: super::node::leak_slice(vars), has_frame: true, specials: &[] }))
}

/// The same frame as SCOPE, with SYM declared locally special from here on.
pub fn with_local_special(scope: ScopeRef, sym: Value) -> ScopeRef {
    let sc = scope?;
    let mut specials = sc.specials.to_vec();
    specials.push(sym);
    Some(leak(Scope { parent: sc.parent, vars: sc.vars, has_frame: sc.has_frame, specials: super::node::leak_slice(specials) }))
}

/// Same frame, only the first N variables visible (for `let*` initializers).
pub fn prefix(scope: &'static Scope, n: usize) -> ScopeRef {
    Some(leak(Scope { parent: scope.parent, vars: &scope.vars[..n], has_frame: true, specials: scope.specials }))
}

/// The lexical variables visible from SCOPE paired with their (depth, slot),
/// innermost first, each name once (the order of Emacs's environment alist).
pub fn visible_vars(scope: ScopeRef) -> Vec<(Value, u32, u32)> {
    let mut out: Vec<(Value, u32, u32)> = Vec::new();
    let mut depth = 0;
    let mut s = scope;
    while let Some(sc) = s {
        if sc.has_frame {
            for (i, v) in sc.vars.iter().enumerate().rev() {
                if !out.iter().any(|(w, _, _)| w == v) {
                    out.push((*v, depth, i as u32 + 1));
                }
            }
            depth += 1;
        }
        s = sc.parent;
    }
    out
}
