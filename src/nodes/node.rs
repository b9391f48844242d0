//! The AST node: a cell holding a `Copy` kind that rewrites itself.
//!
//! A node starts `Uninit` with its source form and static scope; on first
//! execution it builds the kind its form calls for (a special form, a variable
//! access resolved to a lexical slot or a special variable, a call, a macro
//! expansion) and replaces itself through `specialize::rewrite`.  Kinds are
//! `Copy` and hold only `'static` references into the node arena, so replacing a
//! kind while an outer activation of the same node is running is safe: that
//! activation keeps working on its own copy.  Node trees are never freed (they
//! are shared by every closure made from the same lambda); every `Value` a node
//! holds is registered as a permanent GC root.

use super::scope::ScopeRef;
use super::template::Template;
use crate::runtime::heap::heap;
use crate::runtime::value::Value;
use crate::specialize::Rewritable;
use std::cell::Cell;

pub type N = &'static Node;
pub type Body = &'static [N];

pub struct Node {
    kind: Cell<Kind>,
    /// The execute function of the current kind (see `dispatch`): set together
    /// with the kind, so a node always runs the code of the kind it holds.
    handler: Cell<super::dispatch::Handler>,
    pub id: u32,
    pub form: Value,
}

/// Where a variable lives: a lexical slot (frames up, slot index) or a symbol's cell.
#[derive(Copy, Clone, Debug)]
pub enum VarRef {
    Lex { depth: u32, index: u32 },
    Dyn(Value),
}

/// `repr(u8)`: the discriminant is a plain leading byte, so matching a kind
/// is one load and compare (no niche decoding).
#[derive(Copy, Clone)]
#[repr(u8)]
pub enum Kind {
    /// Not yet executed; builds its real kind from `form` on first execution.
    Uninit(ScopeRef),
    Const(Value),
    LexRef {
        depth: u32,
        index: u32,
    },
    DynRef(Value),
    Setq(&'static [(VarRef, N)]),
    /// `(function (lambda ...))`: makes a closure from a shared template.
    Lambda(&'static Template),
    Progn(Body),
    /// `save-current-buffer`, `save-excursion`, `save-restriction`.
    Save(crate::runtime::buffer::save::SaveKind, Body),
    If(N, N, Body),
    Cond(&'static [Clause]),
    And(Body),
    Or(Body),
    Prog1(N, Body),
    While(N, Body),
    Let(&'static LetNode),
    Catch(N, Body),
    UnwindProtect(N, Body),
    ConditionCase(&'static CondCaseNode),
    Defvar(&'static DefvarNode),
    /// A call of the function in a symbol's function cell.
    Call(&'static CallNode),
    /// A call through an inline cache of the functions seen (`inline_cache`).
    CallCached(&'static super::inline_cache::CallIc),
    /// `((lambda ARGS . BODY) ARGS...)`.
    CallLambda(&'static Template, Body),
    /// A macro call, expanded once and re-expanded when the macro's cell changes.
    Macro(&'static MacroNode),
    /// A special form called through an alias, guarded by the alias's cell.
    Aliased(&'static AliasNode),
    /// A form that always signals (e.g. a special form with too few arguments).
    Signal(Value, Value),
    /// An inlined builtin call, specialized on the operand types seen.
    Intrinsic(&'static super::intrinsics::IntrinsicNode, super::intrinsics::Spec),
}

#[derive(Copy, Clone)]
pub struct Clause {
    pub test: N,
    /// Empty when the clause has no body (its value is the test's value).
    pub body: Body,
}

pub struct LetNode {
    pub star: bool,
    pub vars: &'static [Value],
    pub inits: Body,
    /// Per variable: its lexical slot index (from 1) or 0 when bound dynamically.
    pub slots: &'static [u32],
    /// Number of lexical slots (0: no frame is made).
    pub nlex: u32,
    pub body: Body,
    /// The scope the `let` itself was built in (for rebuilding).
    pub scope: ScopeRef,
}

pub struct CondCaseNode {
    /// The handlers' condition specs, as the runtime's handler stack wants them.
    pub specs: Value,
    pub var: Value,
    /// The slot of VAR in the handler frame (lexical), or 0 (dynamic / none).
    pub var_lexical: bool,
    pub body: N,
    /// (conditions, handler body); conditions is a symbol or list.
    pub handlers: &'static [(Value, Body)],
    pub success: Option<Body>,
}

pub struct DefvarNode {
    pub symbol: Value,
    pub value: Option<N>,
    pub constant: bool,
    pub doc: Value,
}

pub struct CallNode {
    pub function: Value,
    pub args: Body,
    pub scope: ScopeRef,
    /// Set when the call saw too many functions to cache (see `inline_cache`).
    pub megamorphic: Cell<bool>,
    /// Set for `(funcall #'FUNCTION ARGS...)`: this node calls FUNCTION with
    /// `funcall`'s semantics (see `inline_cache::exec_funcall`).
    pub funcall: Option<&'static FuncallSite>,
}

/// A `(funcall #'F ...)` or `(funcall 'F ...)` form (or the same with
/// `apply`) called as a cached call of F.
pub struct FuncallSite {
    /// The whole form as a plain call of `funcall` (if `funcall` is redefined).
    pub call: &'static CallNode,
    /// `funcall`'s subr, and the head symbol's function cell (the guard).
    pub subr: Value,
    pub cell: *const Value,
    /// An `(apply #'F ARGS... LIST)` form: LIST's elements are spread.
    pub spread: bool,
}

pub struct AliasNode {
    pub symbol: Value,
    /// The function-cell value the inner node was built for (the guard).
    pub cell: Value,
    pub inner: N,
    pub scope: ScopeRef,
}

pub struct MacroNode {
    pub symbol: Value,
    /// The `(macro . FUNCTION)` the expansion came from (the guard).
    pub definition: Value,
    pub expansion: N,
    pub scope: ScopeRef,
    /// Whether the expansion may be kept (code being loaded, which GNU Emacs
    /// expands eagerly, once); otherwise the macro runs on every execution.
    pub cached: bool,
    /// Set when just expanded (the first execution must not expand again).
    pub fresh: Cell<bool>,
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Registers V as held by a node tree (so the collector keeps it).  Roots of
/// node trees and values a node makes itself are held; sub-forms are reachable
/// from their root.
pub fn hold(v: Value) -> Value {
    if v.is_cons()
        || v.is_string()
        || v.is_obj()
        || v.is_float()
        || v.is_symbol() && v.sym().interned == crate::runtime::symbol::Interned::No
    {
        heap().permanent.push(v);
    }
    v
}

pub fn leak<T>(x: T) -> &'static T {
    Box::leak(Box::new(x))
}

pub fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

impl Node {
    pub fn new(form: Value, kind: Kind) -> N {
        let id = NEXT_ID.with(|c| {
            let id = c.get();
            c.set(id.wrapping_add(1));
            id
        });
        // The form is part of a larger form that is held where the tree is
        // rooted (a template's body, a macro expansion, a form being evaluated).
        leak(Node { kind: Cell::new(kind), handler: Cell::new(super::dispatch::handler_for(&kind)), id, form })
    }
    /// A node for FORM in SCOPE, built on first execution.
    pub fn lazy(form: Value, scope: ScopeRef) -> N {
        Node::new(form, Kind::Uninit(scope))
    }
    #[inline(always)]
    pub fn kind(&self) -> Kind {
        self.kind.get()
    }
    /// The current kind, for matching and copying fields out at once.  The
    /// reference must not be held across anything that can execute Lisp
    /// (which may rewrite this node): callers copy the fields they need.
    #[inline(always)]
    pub fn kind_ref(&self) -> &Kind {
        unsafe { &*self.kind.as_ptr() }
    }
    /// The execute function of the node's current kind.
    #[inline(always)]
    pub fn handler(&self) -> super::dispatch::Handler {
        self.handler.get()
    }
}

impl Rewritable for Node {
    type Kind = Kind;
    fn current_kind(&self) -> Kind {
        self.kind.get()
    }
    fn install_kind(&self, new: Kind) {
        self.kind.set(new);
        self.handler.set(super::dispatch::handler_for(&new));
    }
    fn node_id(&self) -> u32 {
        self.id
    }
    fn kind_name(kind: &Kind) -> &'static str {
        kind.name()
    }
    fn source_position(&self) -> String {
        let head = self.form.car_safe();
        if head.is_symbol() {
            format!("({} ...)", head.symbol_name())
        } else if self.form.is_symbol() {
            self.form.symbol_name().to_string()
        } else {
            "-".to_string()
        }
    }
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Uninit(_) => "uninit",
            Kind::Const(_) => "const",
            Kind::LexRef { .. } => "lexical-ref",
            Kind::DynRef(_) => "special-ref",
            Kind::Setq(_) => "setq",
            Kind::Lambda(_) => "lambda",
            Kind::Progn(_) => "progn",
            Kind::Save(..) => "save",
            Kind::If(..) => "if",
            Kind::Cond(_) => "cond",
            Kind::And(_) => "and",
            Kind::Or(_) => "or",
            Kind::Prog1(..) => "prog1",
            Kind::While(..) => "while",
            Kind::Let(l) if l.star => "let*",
            Kind::Let(_) => "let",
            Kind::Catch(..) => "catch",
            Kind::UnwindProtect(..) => "unwind-protect",
            Kind::ConditionCase(_) => "condition-case",
            Kind::Defvar(_) => "defvar",
            Kind::Call(_) => "call",
            Kind::CallCached(ic) => ic.kind_name(),
            Kind::CallLambda(..) => "call-lambda",
            Kind::Macro(_) => "macro",
            Kind::Signal(..) => "signal",
            Kind::Aliased(_) => "aliased-special-form",
            Kind::Intrinsic(i, spec) => super::intrinsics::kind_name(i.op, *spec),
        }
    }
}
