//! Intrinsic nodes: calls of the most common builtins (`+ - * < > <= >= = 1+ 1-
//! car cdr eq null not consp aref aset`) executed inline instead of through
//! the generic call path.  Each is guarded by the function cell it was built
//! from (if `+` is redefined, the node rewrites itself back to a plain call),
//! and arithmetic specializes on what it sees: a fixnum variant with an
//! overflow check, a float variant, then a generic one (`Spec`), each change
//! going through `specialize::rewrite` with a trace event.

use super::exec::{exec, with_depth};
use super::node::*;
use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::number as num;
use crate::runtime::sym;
use crate::runtime::value::Value;
use crate::specialize::rewrite;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Lt,
    Gt,
    Le,
    Ge,
    NumEq,
    Add1,
    Sub1,
    Car,
    Cdr,
    Eq,
    Null,
    Consp,
    Aref,
    Aset,
    Cons,
    CarSafe,
    CdrSafe,
    Logand,
    Rem,
    Div,
    Ne,
    Mod,
    Ash,
    Length,
    Nth,
    Gethash,
}

/// What an arithmetic or comparison intrinsic has seen so far.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Spec {
    Fixnum,
    Float,
    Generic,
}

pub struct IntrinsicNode {
    pub op: Op,
    pub args: Body,
    /// The call this node stands for (the deoptimized form).
    pub call: &'static CallNode,
    /// The function-cell value the node relies on (the builtin's subr object).
    pub subr: Value,
    /// The head symbol's function cell (symbols never move).
    pub cell: *const Value,
    /// Height as a pure tree: 1 when every operand is a constant or a
    /// variable, 1 + the largest operand height when operands are also
    /// pure intrinsic nodes, 0 when some operand is anything else (see
    /// `flat`).  A pure tree runs no Lisp code and cannot signal on its
    /// fast paths.
    pub height: u8,
}

/// Pure trees taller than this are not treated as one.
const MAX_HEIGHT: u8 = 16;

/// The pure-tree height of an intrinsic with operands ARGS (see `height`).
pub fn tree_height(args: Body) -> u8 {
    let mut h = 0;
    for a in args {
        match a.kind() {
            Kind::Const(_) | Kind::LexRef { .. } | Kind::DynRef(_) => {}
            Kind::Intrinsic(i, _) if i.height > 0 && i.op.pure() => h = h.max(i.height),
            _ => return 0,
        }
    }
    if h >= MAX_HEIGHT {
        0
    } else {
        h + 1
    }
}

impl Op {
    /// Whether a node of this operation, given plain operands, has no effect
    /// but its value (so it may be an operand of a pure tree): not `aset`
    /// (a store), not `gethash` (a user hash test runs Lisp).
    pub fn pure(self) -> bool {
        !matches!(self, Op::Aset | Op::Gethash)
    }
}

impl IntrinsicNode {
    /// Operand K (the operation's arity fixes how many there are).
    #[inline(always)]
    pub fn arg(&self, k: usize) -> N {
        debug_assert!(k < self.args.len());
        unsafe { self.args.get_unchecked(k) }
    }
}

/// `+`, `-` and `*` are inlined with up to this many operands (folded left,
/// as `arith_driver` accumulates).
pub const MAX_NARY: usize = 6;

/// The intrinsic for a call of NAME with NARGS arguments, if there is one.
pub fn op_for(name: &str, nargs: usize) -> Option<Op> {
    Some(match (name, nargs) {
        ("+", 2..=MAX_NARY) => Op::Add,
        ("-", 2..=MAX_NARY) => Op::Sub,
        ("*", 2..=MAX_NARY) => Op::Mul,
        ("<", 2) => Op::Lt,
        (">", 2) => Op::Gt,
        ("<=", 2) => Op::Le,
        (">=", 2) => Op::Ge,
        ("=", 2) => Op::NumEq,
        ("1+", 1) => Op::Add1,
        ("1-", 1) => Op::Sub1,
        ("car", 1) => Op::Car,
        ("cdr", 1) => Op::Cdr,
        ("eq", 2) => Op::Eq,
        ("null", 1) | ("not", 1) => Op::Null,
        ("consp", 1) => Op::Consp,
        ("aref", 2) => Op::Aref,
        ("aset", 3) => Op::Aset,
        ("cons", 2) => Op::Cons,
        ("car-safe", 1) => Op::CarSafe,
        ("cdr-safe", 1) => Op::CdrSafe,
        ("logand", 2) => Op::Logand,
        ("%", 2) => Op::Rem,
        ("/", 2) => Op::Div,
        ("/=", 2) => Op::Ne,
        ("mod", 2) => Op::Mod,
        ("ash", 2) => Op::Ash,
        ("length", 1) => Op::Length,
        ("nth", 2) => Op::Nth,
        ("gethash", 2 | 3) => Op::Gethash,
        _ => return None,
    })
}

fn arithmetic(op: Op) -> bool {
    matches!(
        op,
        Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Lt
            | Op::Gt
            | Op::Le
            | Op::Ge
            | Op::NumEq
            | Op::Add1
            | Op::Sub1
            | Op::Logand
            | Op::Rem
            | Op::Div
            | Op::Ne
            | Op::Mod
            | Op::Ash
    )
}

/// The first kind of an intrinsic node for OP.
pub fn initial_kind(node: &'static IntrinsicNode) -> Kind {
    Kind::Intrinsic(node, if arithmetic(node.op) { Spec::Fixnum } else { Spec::Generic })
}

pub fn kind_name(op: Op, spec: Spec) -> &'static str {
    macro_rules! names {
        ($($op:ident => $f:expr, $fl:expr, $g:expr;)*) => {
            match (op, spec) {
                $((Op::$op, Spec::Fixnum) => $f, (Op::$op, Spec::Float) => $fl, (Op::$op, Spec::Generic) => $g,)*
            }
        };
    }
    names! {
        Add => "+:fixnum", "+:float", "+:generic";
        Sub => "-:fixnum", "-:float", "-:generic";
        Mul => "*:fixnum", "*:float", "*:generic";
        Lt => "<:fixnum", "<:float", "<:generic";
        Gt => ">:fixnum", ">:float", ">:generic";
        Le => "<=:fixnum", "<=:float", "<=:generic";
        Ge => ">=:fixnum", ">=:float", ">=:generic";
        NumEq => "=:fixnum", "=:float", "=:generic";
        Add1 => "1+:fixnum", "1+:float", "1+:generic";
        Sub1 => "1-:fixnum", "1-:float", "1-:generic";
        Car => "car", "car", "car";
        Cdr => "cdr", "cdr", "cdr";
        Eq => "eq", "eq", "eq";
        Null => "null", "null", "null";
        Consp => "consp", "consp", "consp";
        Aref => "aref", "aref", "aref";
        Aset => "aset", "aset", "aset";
        Cons => "cons", "cons", "cons";
        CarSafe => "car-safe", "car-safe", "car-safe";
        CdrSafe => "cdr-safe", "cdr-safe", "cdr-safe";
        Logand => "logand:fixnum", "logand:float", "logand:generic";
        Rem => "%:fixnum", "%:float", "%:generic";
        Div => "/:fixnum", "/:float", "/:generic";
        Ne => "/=:fixnum", "/=:float", "/=:generic";
        Mod => "mod:fixnum", "mod:float", "mod:generic";
        Ash => "ash:fixnum", "ash:float", "ash:generic";
        Length => "length", "length", "length";
        Nth => "nth", "nth", "nth";
        Gethash => "gethash", "gethash", "gethash";
    }
}

/// The handler of an intrinsic node: one function per operation, variant and
/// depth mode (`FLAT`), so each runs only its own operation's code.
pub fn handler(i: &IntrinsicNode, spec: Spec) -> super::dispatch::Handler {
    macro_rules! pick {
        ($($op:ident)*) => {
            match i.op {
                $(Op::$op => match (spec, i.height > 0) {
                    (Spec::Fixnum, false) => run::<{ Op::$op as u8 }, { Spec::Fixnum as u8 }, false>,
                    (Spec::Fixnum, true) => super::flat::run_flat::<{ Op::$op as u8 }, { Spec::Fixnum as u8 }>,
                    (Spec::Float, false) => run::<{ Op::$op as u8 }, { Spec::Float as u8 }, false>,
                    (Spec::Float, true) => super::flat::run_flat::<{ Op::$op as u8 }, { Spec::Float as u8 }>,
                    (Spec::Generic, false) => run::<{ Op::$op as u8 }, { Spec::Generic as u8 }, false>,
                    (Spec::Generic, true) => super::flat::run_flat::<{ Op::$op as u8 }, { Spec::Generic as u8 }>,
                },)*
            }
        };
    }
    pick!(Add Sub Mul Lt Gt Le Ge NumEq Add1 Sub1 Car Cdr Eq Null Consp Aref Aset Cons CarSafe CdrSafe Logand Rem Div Ne Mod Ash Length Nth Gethash)
}

pub const OPS: [Op; 29] = [
    Op::Add,
    Op::Sub,
    Op::Mul,
    Op::Lt,
    Op::Gt,
    Op::Le,
    Op::Ge,
    Op::NumEq,
    Op::Add1,
    Op::Sub1,
    Op::Car,
    Op::Cdr,
    Op::Eq,
    Op::Null,
    Op::Consp,
    Op::Aref,
    Op::Aset,
    Op::Cons,
    Op::CarSafe,
    Op::CdrSafe,
    Op::Logand,
    Op::Rem,
    Op::Div,
    Op::Ne,
    Op::Mod,
    Op::Ash,
    Op::Length,
    Op::Nth,
    Op::Gethash,
];
pub const SPECS: [Spec; 3] = [Spec::Fixnum, Spec::Float, Spec::Generic];

/// Runs intrinsic node N.  A `FLAT` node (all arguments constants or
/// variables) cannot run Lisp code while its operands are fetched, so instead
/// of counting a `lisp-eval-depth` level it only checks there is room for one;
/// its slow paths (which may signal) do count it, so errors happen at exactly
/// the depth GNU Emacs's `eval_sub` would be at.
pub fn run<const OP: u8, const SPEC: u8, const FLAT: bool>(n: N, env: Value) -> LResult {
    let Kind::Intrinsic(i, _) = *n.kind_ref() else { return super::dispatch::stale(n, env) };
    let cell = unsafe { *i.cell };
    if cell != i.subr && crate::runtime::symbol::indirect_function(cell) != i.subr {
        return redefined(n, i, env);
    }
    if FLAT && i.height == 1 && super::exec::depth_room(1) {
        operate::<OP, SPEC, true>(n, i, env)
    } else {
        with_depth(n.form, env, || operate::<OP, SPEC, false>(n, i, env))
    }
}

#[cold]
fn redefined(n: N, i: &'static IntrinsicNode, env: Value) -> LResult {
    rewrite(n, Kind::Call(i.call), "intrinsic-redefined");
    exec(n, env)
}

/// Runs F (a slow path that may signal or call Lisp) at the node's own depth:
/// UNCOUNTED means the fast path did not count it.
#[inline(always)]
fn slow<const UNCOUNTED: bool>(n: N, env: Value, f: impl FnOnce() -> LResult) -> LResult {
    if UNCOUNTED {
        with_depth(n.form, env, f)
    } else {
        f()
    }
}

/// Evaluates operand A.  When the node's level is UNCOUNTED (a flat node),
/// operands are constants, lexical variables or special variables; a void
/// special variable signals from a counted level, as in Emacs.
#[inline(always)]
fn operand<const UNCOUNTED: bool>(a: N, env: Value) -> LResult {
    if UNCOUNTED {
        if let Kind::DynRef(s) = *a.kind_ref() {
            let v = crate::runtime::specpdl::value_cell(s);
            if v != Value::UNBOUND {
                return Ok(v);
            }
            return with_depth(a.form, env, || crate::runtime::specpdl::symbol_value(s));
        }
    }
    exec(a, env)
}

#[inline(always)]
fn operate<const OP: u8, const SPEC: u8, const UNCOUNTED: bool>(n: N, i: &'static IntrinsicNode, env: Value) -> LResult {
    let op = OPS[OP as usize];
    let spec = SPECS[SPEC as usize];
    match op {
        Op::Car | Op::Cdr => {
            let v = operand::<UNCOUNTED>(i.arg(0), env)?;
            if v.is_cons() {
                return Ok(if op == Op::Car { v.car() } else { v.cdr() });
            }
            if v.is_nil() {
                return Ok(v);
            }
            slow::<UNCOUNTED>(n, env, || Err(wrong_type(sym::LISTP, v)))
        }
        Op::Null => Ok(Value::bool(operand::<UNCOUNTED>(i.arg(0), env)?.is_nil())),
        Op::CarSafe => Ok(operand::<UNCOUNTED>(i.arg(0), env)?.car_safe()),
        Op::CdrSafe => Ok(operand::<UNCOUNTED>(i.arg(0), env)?.cdr_safe()),
        Op::Consp => Ok(Value::bool(operand::<UNCOUNTED>(i.arg(0), env)?.is_cons())),
        Op::Cons => {
            let a = operand::<UNCOUNTED>(i.arg(0), env)?;
            let b = operand::<UNCOUNTED>(i.arg(1), env)?;
            Ok(crate::runtime::alloc::cons(a, b))
        }
        Op::Eq => {
            let a = operand::<UNCOUNTED>(i.arg(0), env)?;
            Ok(crate::runtime::symbol_pos::eq_value(a, operand::<UNCOUNTED>(i.arg(1), env)?))
        }
        Op::Logand | Op::Rem => {
            let a = operand::<UNCOUNTED>(i.arg(0), env)?;
            let b = operand::<UNCOUNTED>(i.arg(1), env)?;
            if let Some(v) = super::flat::binary(op, spec, a, b) {
                return Ok(v);
            }
            slow::<UNCOUNTED>(n, env, || {
                generalize(n, i, spec, false);
                call_builtin(i, &[a, b])
            })
        }
        Op::Length => {
            let v = operand::<UNCOUNTED>(i.arg(0), env)?;
            match super::flat::length(v) {
                Some(x) => Ok(x),
                None => slow::<UNCOUNTED>(n, env, || call_builtin(i, &[v])),
            }
        }
        Op::Nth => {
            let k = operand::<UNCOUNTED>(i.arg(0), env)?;
            let l = operand::<UNCOUNTED>(i.arg(1), env)?;
            match super::flat::nth(k, l) {
                Some(x) => Ok(x),
                None => slow::<UNCOUNTED>(n, env, || call_builtin(i, &[k, l])),
            }
        }
        Op::Gethash => {
            let mut vals = [Value::NIL; 3];
            for (k, a) in i.args.iter().enumerate() {
                vals[k] = operand::<UNCOUNTED>(a, env)?;
            }
            slow::<UNCOUNTED>(n, env, || call_builtin(i, &vals[..i.args.len()]))
        }
        Op::Aref => {
            let v = operand::<UNCOUNTED>(i.arg(0), env)?;
            let k = operand::<UNCOUNTED>(i.arg(1), env)?;
            if let (Some(items), Some(idx)) = (v.as_vector(), k.as_fixnum()) {
                if let Some(x) = items.get(idx as usize).filter(|_| idx >= 0) {
                    return Ok(*x);
                }
            }
            slow::<UNCOUNTED>(n, env, || call_builtin(i, &[v, k]))
        }
        Op::Aset => {
            let v = operand::<UNCOUNTED>(i.arg(0), env)?;
            let k = operand::<UNCOUNTED>(i.arg(1), env)?;
            let x = operand::<UNCOUNTED>(i.arg(2), env)?;
            if let (Some(items), Some(idx)) = (v.as_vector(), k.as_fixnum()) {
                if let Some(slot) = items.get_mut(idx as usize).filter(|_| idx >= 0) {
                    *slot = x;
                    return Ok(x);
                }
            }
            slow::<UNCOUNTED>(n, env, || call_builtin(i, &[v, k, x]))
        }
        Op::Add1 | Op::Sub1 => {
            let a = operand::<UNCOUNTED>(i.arg(0), env)?;
            unary::<UNCOUNTED>(n, i, op, spec, a)
        }
        _ if i.args.len() > 2 => nary::<UNCOUNTED>(n, i, op, spec, env),
        _ => {
            let a = operand::<UNCOUNTED>(i.arg(0), env)?;
            let b = operand::<UNCOUNTED>(i.arg(1), env)?;
            binary::<UNCOUNTED>(n, i, op, spec, a, b)
        }
    }
}

/// Calls the builtin itself on evaluated ARGS (the general case).
fn call_builtin(i: &'static IntrinsicNode, args: &[Value]) -> LResult {
    crate::runtime::backtrace::set_args(i.call.function, args);
    let def = i.subr.as_subr().expect("intrinsic subr");
    crate::runtime::subr::call_subr(def, i.call.function, args)
}

#[inline(always)]
fn unary<const UNCOUNTED: bool>(n: N, i: &'static IntrinsicNode, op: Op, spec: Spec, a: Value) -> LResult {
    if let Some(v) = super::flat::unary(op, spec, a) {
        return Ok(v);
    }
    slow::<UNCOUNTED>(n, Value::UNBOUND, || {
        generalize(n, i, spec, a.is_float());
        if op == Op::Add1 {
            num::add1(a)
        } else {
            num::sub1(a)
        }
    })
}

#[inline(always)]
fn binary<const UNCOUNTED: bool>(n: N, i: &'static IntrinsicNode, op: Op, spec: Spec, a: Value, b: Value) -> LResult {
    if let Some(v) = super::flat::binary(op, spec, a, b) {
        return Ok(v);
    }
    slow::<UNCOUNTED>(n, Value::UNBOUND, || {
        generalize(n, i, spec, a.is_float() && b.is_float());
        match op {
            Op::Add => num::add2(a, b),
            Op::Sub => num::sub2(a, b),
            Op::Mul => num::mul2(a, b),
            Op::Lt => num::lt2(a, b),
            Op::Gt => num::gt2(a, b),
            Op::Le => num::le2(a, b),
            Op::Ge => num::ge2(a, b),
            Op::NumEq => num::num_eq2(a, b),
            _ => call_builtin(i, &[a, b]),
        }
    })
}

/// `+`, `-`, `*` with more than two operands: every operand evaluated in
/// order, then folded left in the node's variant; anything the variant does
/// not cover (an operand of another type, an overflow on the way) goes to
/// the builtin with all the values.
fn nary<const UNCOUNTED: bool>(n: N, i: &'static IntrinsicNode, op: Op, spec: Spec, env: Value) -> LResult {
    let mut vals = [Value::NIL; MAX_NARY];
    let count = i.args.len();
    for (k, a) in i.args.iter().enumerate() {
        vals[k] = operand::<UNCOUNTED>(a, env)?;
    }
    let vals = &vals[..count];
    if let Some(v) = super::flat::fold(op, spec, vals.iter().copied()) {
        return Ok(v);
    }
    slow::<UNCOUNTED>(n, env, || {
        generalize(n, i, spec, vals.iter().all(|v| v.is_float()));
        call_builtin(i, vals)
    })
}

/// A guard on the operand types failed: move to the next more general variant.
fn generalize(n: N, i: &'static IntrinsicNode, spec: Spec, floats: bool) {
    let next = match spec {
        Spec::Fixnum if floats => Spec::Float,
        Spec::Generic => return,
        _ => Spec::Generic,
    };
    if let Kind::Intrinsic(..) = n.kind() {
        rewrite(n, Kind::Intrinsic(i, next), if next == Spec::Float { "saw-floats" } else { "saw-other-types" });
    }
}
