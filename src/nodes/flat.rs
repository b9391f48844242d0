//! The fast paths of pure intrinsic trees: an intrinsic node whose operands
//! are constants, variables or pure intrinsic nodes themselves (see
//! `IntrinsicNode::height`).  The root checks once that the whole tree fits
//! under `max-lisp-eval-depth` (each nested form counts one level in GNU
//! Emacs); operands are then read in place and the operations done on the
//! spot, with no depth counting, handlers or backtrace records.  Anything
//! unusual — a guard failing, an operand of another type, an overflow, a
//! void variable, too little depth left — returns to the root's general
//! handler (`intrinsics::run`), which evaluates the operands again through
//! their own nodes (the fast paths have no visible effects: they only read,
//! or allocate a fresh cons or float) and does everything else, rewrites
//! and errors included, exactly.

use super::exec::{depth_room, frame_slot};
use super::intrinsics::{run, IntrinsicNode, Op, Spec, OPS, SPECS};
use super::node::*;
use crate::runtime::error::LResult;
use crate::runtime::specpdl::value_cell;
use crate::runtime::value::Value;

/// The handler of the root of a pure tree.
pub fn run_flat<const OP: u8, const SPEC: u8>(n: N, env: Value) -> LResult {
    match fast::<OP, SPEC, true>(n, env) {
        Some(v) => Ok(v),
        None => run::<OP, SPEC, true>(n, env),
    }
}

/// The value of node A if it is a constant, a variable or a pure tree and
/// its fast path succeeds, with room for LEVELS more `lisp-eval-depth`
/// levels above it (the forms around it that did not count theirs).
#[inline(always)]
pub fn pure_value(a: N, env: Value, levels: u8) -> Option<Value> {
    let height = match *a.kind_ref() {
        Kind::Intrinsic(i, _) if i.height > 0 => i.height,
        Kind::Const(_) | Kind::LexRef { .. } | Kind::DynRef(_) => 0,
        _ => return None,
    };
    if !depth_room(levels + height) {
        return None;
    }
    leaf(a, env)
}

type FastFn = fn(N, Value) -> Option<Value>;

/// The fast path of a pure operand node, by operation and variant.
static OPERAND_FAST: [[FastFn; 3]; 29] = {
    macro_rules! row {
        ($($op:ident)*) => {
            [$([
                fast::<{ Op::$op as u8 }, { Spec::Fixnum as u8 }, false>,
                fast::<{ Op::$op as u8 }, { Spec::Float as u8 }, false>,
                fast::<{ Op::$op as u8 }, { Spec::Generic as u8 }, false>,
            ],)*]
        };
    }
    row!(Add Sub Mul Lt Gt Le Ge NumEq Add1 Sub1 Car Cdr Eq Null Consp Aref Aset Cons CarSafe CdrSafe Logand Rem Div Ne Mod Ash Length Nth Gethash)
};

/// An operand's value, if it can be had without signalling.
#[inline(always)]
fn leaf(a: N, env: Value) -> Option<Value> {
    match *a.kind_ref() {
        Kind::Const(v) => Some(v),
        Kind::LexRef { depth, index } => Some(*frame_slot(env, depth, index)),
        Kind::DynRef(s) => {
            let v = value_cell(s);
            (v != Value::UNBOUND).then_some(v)
        }
        Kind::Intrinsic(i, spec) if i.height > 0 && i.op.pure() => OPERAND_FAST[i.op as usize][spec as usize](a, env),
        _ => None,
    }
}

/// The fast path of node N; the ROOT of a tree checks the depth for all of it.
#[inline(always)]
fn fast<const OP: u8, const SPEC: u8, const ROOT: bool>(n: N, env: Value) -> Option<Value> {
    let Kind::Intrinsic(i, _) = *n.kind_ref() else { return None };
    if unsafe { *i.cell } != i.subr || ROOT && !depth_room(i.height) {
        return None;
    }
    let op = OPS[OP as usize];
    let spec = SPECS[SPEC as usize];
    if spec == Spec::Float && is_arithmetic(op) {
        return float_op(op, i, env);
    }
    let a = leaf(i.arg(0), env)?;
    match op {
        Op::Car | Op::Cdr => {
            if a.is_cons() {
                Some(if op == Op::Car { a.car() } else { a.cdr() })
            } else {
                a.is_nil().then_some(a)
            }
        }
        Op::CarSafe => Some(a.car_safe()),
        Op::CdrSafe => Some(a.cdr_safe()),
        Op::Null => Some(Value::bool(a.is_nil())),
        Op::Consp => Some(Value::bool(a.is_cons())),
        Op::Eq => Some(crate::runtime::symbol_pos::eq_value(a, leaf(i.arg(1), env)?)),
        Op::Cons => Some(crate::runtime::alloc::cons(a, leaf(i.arg(1), env)?)),
        Op::Aref => {
            let (items, k) = (a.as_vector()?, leaf(i.arg(1), env)?.as_fixnum()?);
            items.get(usize::try_from(k).ok()?).copied()
        }
        Op::Aset => {
            let (items, k) = (a.as_vector()?, leaf(i.arg(1), env)?.as_fixnum()?);
            let x = leaf(i.arg(2), env)?;
            *items.get_mut(usize::try_from(k).ok()?)? = x;
            Some(x)
        }
        Op::Add1 | Op::Sub1 => unary(op, spec, a),
        Op::Length => length(a),
        Op::Nth => nth(a, leaf(i.arg(1), env)?),
        Op::Gethash => None,
        _ if i.args.len() > 2 => {
            let mut acc = binary(op, spec, a, leaf(i.arg(1), env)?)?;
            for k in 2..i.args.len() {
                acc = binary(op, spec, acc, leaf(i.arg(k), env)?)?;
            }
            Some(acc)
        }
        _ => binary(op, spec, a, leaf(i.arg(1), env)?),
    }
}

/// `1+`/`1-` in variant SPEC, if the operand fits it (no overflow).
#[inline(always)]
pub fn unary(op: Op, spec: Spec, a: Value) -> Option<Value> {
    let d = if op == Op::Add1 { 1 } else { -1 };
    match spec {
        Spec::Fixnum if a.is_fixnum() => {
            let r = a.as_fixnum_unchecked() + d;
            Value::fixnum_fits(r).then(|| Value::fixnum(r))
        }
        Spec::Float if a.is_float() => Some(crate::runtime::alloc::make_float(a.float_value() + d as f64)),
        _ => None,
    }
}

/// Operations whose float variant `float_op` computes.
#[inline(always)]
fn is_arithmetic(op: Op) -> bool {
    matches!(op, Op::Add | Op::Sub | Op::Mul | Op::Add1 | Op::Sub1 | Op::Lt | Op::Gt | Op::Le | Op::Ge | Op::NumEq | Op::Ne)
}

/// The float variant of an arithmetic or comparison node on the spot:
/// operands that are float-variant arithmetic nodes give their results
/// unboxed (`operand_f64`), so only the tree's final result is boxed.
#[inline(always)]
fn float_op(op: Op, i: &IntrinsicNode, env: Value) -> Option<Value> {
    let r = match op {
        Op::Lt | Op::Gt | Op::Le | Op::Ge | Op::NumEq | Op::Ne => {
            let (x, y) = (operand_f64(i.arg(0), env)?, operand_f64(i.arg(1), env)?);
            return compare(op, x, y).map(Value::bool);
        }
        _ => float_arith(op, i, env)?,
    };
    Some(crate::runtime::alloc::make_float(r))
}

/// The unboxed result of float arithmetic node I (`+ - * 1+ 1-`).
#[inline(always)]
fn float_arith(op: Op, i: &IntrinsicNode, env: Value) -> Option<f64> {
    let x = operand_f64(i.arg(0), env)?;
    match op {
        Op::Add1 => return Some(x + 1.0),
        Op::Sub1 => return Some(x - 1.0),
        _ => {}
    }
    let mut acc = x;
    for k in 1..i.args.len() {
        let y = operand_f64(i.arg(k), env)?;
        acc = match op {
            Op::Add => acc + y,
            Op::Sub => acc - y,
            _ => acc * y,
        };
    }
    Some(acc)
}

/// Operand A as an unboxed float: a float constant or variable, or a pure
/// float-variant arithmetic node computed without boxing its result.
#[inline(always)]
fn operand_f64(a: N, env: Value) -> Option<f64> {
    if let Kind::Intrinsic(i, Spec::Float) = *a.kind_ref() {
        if i.height > 0 && matches!(i.op, Op::Add | Op::Sub | Op::Mul | Op::Add1 | Op::Sub1) {
            return FLOAT_OPERAND(a, env);
        }
        return None;
    }
    let v = leaf(a, env)?;
    v.is_float().then(|| v.float_value())
}

/// The unboxed result of a pure float arithmetic operand node (guarded by
/// its function cell like every intrinsic).
static FLOAT_OPERAND: fn(N, Value) -> Option<f64> = |a, env| {
    let Kind::Intrinsic(i, _) = *a.kind_ref() else { return None };
    if unsafe { *i.cell } != i.subr {
        return None;
    }
    float_arith(i.op, i, env)
};

/// The comparison OP of X and Y (None if OP compares nothing).
#[inline(always)]
fn compare<T: PartialOrd>(op: Op, x: T, y: T) -> Option<bool> {
    Some(match op {
        Op::Lt => x < y,
        Op::Gt => x > y,
        Op::Le => x <= y,
        Op::Ge => x >= y,
        Op::NumEq => x == y,
        Op::Ne => x != y,
        _ => return None,
    })
}

/// `length` of a vector (lists, strings and the rest go to the builtin).
#[inline(always)]
pub fn length(v: Value) -> Option<Value> {
    v.as_vector().map(|items| Value::fixnum(items.len() as i64))
}

/// `nth` of a small fixnum index K >= 0 on a list, when the walk meets no
/// improper tail (those, and large indexes — a circular list would make the
/// walk long — go to the builtin).
#[inline(always)]
pub fn nth(k: Value, list: Value) -> Option<Value> {
    let k = k.as_fixnum().filter(|k| (0..4096).contains(k))?;
    list.nth_element(k).ok()
}

/// VALUES (two or more) folded left with OP in variant SPEC, if they fit it.
pub fn fold(op: Op, spec: Spec, mut values: impl Iterator<Item = Value>) -> Option<Value> {
    let first = values.next()?;
    values.try_fold(first, |acc, v| binary(op, spec, acc, v))
}

/// A binary arithmetic or comparison operation in variant SPEC, if the
/// operands fit it (no overflow, no division by zero).
#[inline(always)]
pub fn binary(op: Op, spec: Spec, a: Value, b: Value) -> Option<Value> {
    match spec {
        Spec::Fixnum if a.is_fixnum() && b.is_fixnum() => {
            let (x, y) = (a.as_fixnum_unchecked(), b.as_fixnum_unchecked());
            let r = match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x.checked_mul(y)?,
                Op::Logand => x & y,
                Op::Rem if y != 0 => x % y,
                Op::Div if y != 0 => x / y,
                Op::Mod if y != 0 => {
                    let r = x % y;
                    if r != 0 && (r < 0) != (y < 0) {
                        r + y
                    } else {
                        r
                    }
                }
                Op::Ash if (0..62).contains(&y) => {
                    let r = x << y;
                    if r >> y != x {
                        return None;
                    }
                    r
                }
                Op::Ash if y < 0 => x >> (-y).min(63),
                _ => return compare(op, x, y).map(Value::bool),
            };
            Value::fixnum_fits(r).then(|| Value::fixnum(r))
        }
        Spec::Float if a.is_float() && b.is_float() => {
            let (x, y) = (a.float_value(), b.float_value());
            let r = match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Div => x / y,
                _ => return compare(op, x, y).map(Value::bool),
            };
            Some(crate::runtime::alloc::make_float(r))
        }
        _ => None,
    }
}
