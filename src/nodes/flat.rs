//! The fast paths of flat intrinsic nodes (every operand a constant or a
//! variable): operands are read in place and the operation done on the
//! spot, in a function that calls nothing, so it needs no stack frame.
//! Anything unusual — a guard failing, an operand of another type, an
//! overflow, a void variable, no room for one more `lisp-eval-depth`
//! level — returns to the node's general handler (`intrinsics::run`),
//! which reads the operands again (reading them has no effects) and does
//! everything else, rewrites and errors included.

use super::exec::{depth_room, frame_slot};
use super::intrinsics::{run, Op, Spec, OPS, SPECS};
use super::node::*;
use crate::runtime::error::LResult;
use crate::runtime::specpdl::value_cell;
use crate::runtime::value::Value;

/// The handler of a flat intrinsic node.
pub fn run_flat<const OP: u8, const SPEC: u8>(n: N, env: Value) -> LResult {
    match fast::<OP, SPEC>(n, env) {
        Some(v) => Ok(v),
        None => run::<OP, SPEC, true>(n, env),
    }
}

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
        _ => None,
    }
}

#[inline(always)]
fn fast<const OP: u8, const SPEC: u8>(n: N, env: Value) -> Option<Value> {
    let Kind::Intrinsic(i, _) = *n.kind_ref() else { return None };
    if unsafe { *i.cell } != i.subr || !depth_room() {
        return None;
    }
    let op = OPS[OP as usize];
    let spec = SPECS[SPEC as usize];
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
        Op::Eq => Some(Value::bool(a == leaf(i.arg(1), env)?)),
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
        _ => binary(op, spec, a, leaf(i.arg(1), env)?),
    }
}

#[inline(always)]
fn unary(op: Op, spec: Spec, a: Value) -> Option<Value> {
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

#[inline(always)]
fn binary(op: Op, spec: Spec, a: Value, b: Value) -> Option<Value> {
    match spec {
        Spec::Fixnum if a.is_fixnum() && b.is_fixnum() => {
            let (x, y) = (a.as_fixnum_unchecked(), b.as_fixnum_unchecked());
            let r = match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x.checked_mul(y)?,
                Op::Logand => x & y,
                Op::Rem if y != 0 => x % y,
                Op::Lt => return Some(Value::bool(x < y)),
                Op::Gt => return Some(Value::bool(x > y)),
                Op::Le => return Some(Value::bool(x <= y)),
                Op::Ge => return Some(Value::bool(x >= y)),
                Op::NumEq => return Some(Value::bool(x == y)),
                _ => return None,
            };
            Value::fixnum_fits(r).then(|| Value::fixnum(r))
        }
        Spec::Float if a.is_float() && b.is_float() => {
            let (x, y) = (a.float_value(), b.float_value());
            let r = match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Lt => return Some(Value::bool(x < y)),
                Op::Gt => return Some(Value::bool(x > y)),
                Op::Le => return Some(Value::bool(x <= y)),
                Op::Ge => return Some(Value::bool(x >= y)),
                Op::NumEq => return Some(Value::bool(x == y)),
                _ => return None,
            };
            Some(crate::runtime::alloc::make_float(r))
        }
        _ => None,
    }
}
