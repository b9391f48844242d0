//! Constructors for common Lisp data (conses, lists, floats, integers that
//! normalise between fixnum and bignum) on top of the heap's allocators.

use super::heap::heap;
use super::object::Obj;
use super::value::Value;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

#[inline]
pub fn cons(car: Value, cdr: Value) -> Value {
    heap().alloc_cons(car, cdr)
}
#[inline]
pub fn make_float(f: f64) -> Value {
    heap().alloc_float(f)
}
pub fn list(items: &[Value]) -> Value {
    list_with_tail(items, Value::NIL)
}
pub fn list_with_tail(items: &[Value], tail: Value) -> Value {
    let mut r = tail;
    for &v in items.iter().rev() {
        r = cons(v, r);
    }
    r
}
pub fn list1(a: Value) -> Value {
    cons(a, Value::NIL)
}
pub fn list2(a: Value, b: Value) -> Value {
    cons(a, cons(b, Value::NIL))
}
pub fn list3(a: Value, b: Value, c: Value) -> Value {
    cons(a, cons(b, cons(c, Value::NIL)))
}

/// An integer: a fixnum when it fits, a bignum otherwise.
#[inline]
pub fn make_int(n: i64) -> Value {
    if Value::fixnum_fits(n) {
        Value::fixnum(n)
    } else {
        heap().alloc_obj(Obj::Bignum(BigInt::from(n)))
    }
}
pub fn make_int_i128(n: i128) -> Value {
    if let Ok(n) = i64::try_from(n) {
        make_int(n)
    } else {
        heap().alloc_obj(Obj::Bignum(BigInt::from(n)))
    }
}
/// A bignum normalised back to a fixnum when in range.
pub fn make_integer(b: BigInt) -> Value {
    if let Some(n) = b.to_i64() {
        if Value::fixnum_fits(n) {
            return Value::fixnum(n);
        }
    }
    heap().alloc_obj(Obj::Bignum(b))
}

/// Collects a proper or dotted list's elements (the tail is ignored).
pub fn list_to_vec(l: Value) -> Vec<Value> {
    l.iter().collect()
}
