//! Emacs's equality predicates: `eq` (identity), `eql` (plus numbers by value,
//! floats by bit pattern) and `equal` (structural), with `equal`'s depth limit
//! signalling `circular-list` on runaway recursion as Emacs does.

use super::error::{signal, LResult};
use super::object::Obj;
use super::rt;
use super::sym;
use super::value::Value;

pub fn eq(a: Value, b: Value) -> bool {
    a == b
}

pub fn eql(a: Value, b: Value) -> bool {
    if a == b {
        return true;
    }
    if a.is_float() && b.is_float() {
        return a.float_value().to_bits() == b.float_value().to_bits();
    }
    if let (Some(x), Some(y)) = (a.as_bignum(), b.as_bignum()) {
        return x == y;
    }
    false
}

pub fn equal(a: Value, b: Value) -> LResult<bool> {
    equal_rec(a, b, 0, false)
}

pub fn equal_including_properties(a: Value, b: Value) -> LResult<bool> {
    equal_rec(a, b, 0, true)
}

fn equal_rec(mut a: Value, mut b: Value, depth: usize, props: bool) -> LResult<bool> {
    if depth > 10_000 || super::stack_exhausted() {
        return Err(signal(sym::CIRCULAR_LIST, super::alloc::list1(a)));
    }
    let mut steps = 0usize;
    loop {
        if eql(a, b) {
            return Ok(true);
        }
        if a.tag() != b.tag() {
            return Ok(false);
        }
        if a.is_cons() {
            if !equal_rec(a.car(), b.car(), depth + 1, props)? {
                return Ok(false);
            }
            a = a.cdr();
            b = b.cdr();
            steps += 1;
            if steps > (1 << 26) {
                return Err(signal(sym::CIRCULAR_LIST, super::alloc::list1(a)));
            }
            continue;
        }
        if a.is_string() {
            let (x, y) = (a.string_ref(), b.string_ref());
            if x.nchars != y.nchars || x.data != y.data {
                return Ok(false);
            }
            if props {
                return Ok(super::buffer::intervals::string_props_equal(a, b));
            }
            return Ok(true);
        }
        if a.is_obj() {
            return equal_objs(a, b, depth, props);
        }
        return Ok(false);
    }
}

fn equal_objs(a: Value, b: Value, depth: usize, props: bool) -> LResult<bool> {
    let env_a;
    let env_b;
    let (xs, ys): (&[Value], &[Value]) = match (a.obj_ref(), b.obj_ref()) {
        (Obj::Vector(x), Obj::Vector(y)) | (Obj::Record(x), Obj::Record(y)) => (x, y),
        (Obj::BoolVector(x), Obj::BoolVector(y)) => return Ok(x == y),
        (Obj::Closure(_), Obj::Closure(_)) => {
            env_a = closure_slots(a);
            env_b = closure_slots(b);
            (&env_a, &env_b)
        }
        (Obj::CharTable(x), Obj::CharTable(y)) => {
            if x.ranges.len() != y.ranges.len() || x.extras.len() != y.extras.len() {
                return Ok(false);
            }
            for (p, q) in x.ranges.iter().zip(y.ranges.iter()) {
                if p.0 != q.0 || p.1 != q.1 || !equal_rec(p.2, q.2, depth + 1, props)? {
                    return Ok(false);
                }
            }
            let (xa, ya) = ([x.purpose, x.parent, x.default], [y.purpose, y.parent, y.default]);
            for (p, q) in xa.iter().chain(x.extras.iter()).zip(ya.iter().chain(y.extras.iter())) {
                if !equal_rec(*p, *q, depth + 1, props)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        (Obj::Host(x), Obj::Host(y)) if x.type_name() == "marker" && y.type_name() == "marker" => {
            return Ok(super::buffer::markers::markers_equal(a, b));
        }
        _ => return Ok(false),
    };
    if xs.len() != ys.len() {
        return Ok(false);
    }
    for (x, y) in xs.iter().zip(ys.iter()) {
        if !equal_rec(*x, *y, depth + 1, props)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A closure's Lisp-visible slots, with BODY and ENV as GNU Emacs shows them.
pub fn closure_slots(f: Value) -> Vec<Value> {
    let (body, env) = (rt().hooks.closure_view)(f);
    let mut slots = f.as_closure().map(|c| c.slots.clone()).unwrap_or_default();
    slots[1] = body;
    slots[2] = env;
    slots
}

/// A closure's ENV slot as Lisp sees it.
pub fn closure_env(f: Value) -> Value {
    (rt().hooks.closure_view)(f).1
}
