//! `Value`: the 64-bit tagged word that every Lisp object is.
//!
//! The low three bits are the tag.  Fixnums take two tag patterns (`x00`), so they
//! hold exactly Emacs's 62-bit range.  Symbols are indices into the symbol table
//! (so `nil` is the constant word 1 and checks are one compare); conses, floats,
//! strings and the remaining "vectorlike" objects are pointers into the GC heap.
//! A `Value` is `Copy` and carries no lifetime: the collector keeps what it points
//! at alive as long as it is reachable from a root (see `heap`).

use super::object::Obj;
use super::string::LispString;

#[derive(Copy, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(pub u64);

pub const TAG_MASK: u64 = 7;
pub const TAG_SYMBOL: u64 = 1;
pub const TAG_CONS: u64 = 2;
pub const TAG_FLOAT: u64 = 3;
pub const TAG_STRING: u64 = 5;
pub const TAG_OBJ: u64 = 6;
pub const TAG_SPECIAL: u64 = 7;

pub const MOST_POSITIVE_FIXNUM: i64 = (1 << 61) - 1;
pub const MOST_NEGATIVE_FIXNUM: i64 = -(1 << 61);

/// The two words of a cons cell, laid out as the heap stores them.
#[repr(C)]
pub struct Cons {
    pub car: Value,
    pub cdr: Value,
}

impl Value {
    pub const NIL: Value = Value(TAG_SYMBOL);
    pub const T: Value = Value((1 << 3) | TAG_SYMBOL);
    /// Marks a void value cell; never visible to Lisp code.
    pub const UNBOUND: Value = Value(TAG_SPECIAL);

    #[inline(always)]
    pub const fn fixnum(n: i64) -> Value {
        Value((n as u64) << 2)
    }
    #[inline(always)]
    pub fn fixnum_fits(n: i64) -> bool {
        (MOST_NEGATIVE_FIXNUM..=MOST_POSITIVE_FIXNUM).contains(&n)
    }
    #[inline(always)]
    pub const fn symbol_from_index(i: u32) -> Value {
        Value(((i as u64) << 3) | TAG_SYMBOL)
    }
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::T
        } else {
            Value::NIL
        }
    }
    #[inline(always)]
    pub fn from_ptr(p: *const u8, tag: u64) -> Value {
        Value(p as u64 | tag)
    }

    #[inline(always)]
    pub fn tag(self) -> u64 {
        self.0 & TAG_MASK
    }
    #[inline(always)]
    pub fn is_fixnum(self) -> bool {
        self.0 & 3 == 0
    }
    #[inline(always)]
    pub fn as_fixnum_unchecked(self) -> i64 {
        (self.0 as i64) >> 2
    }
    #[inline(always)]
    pub fn as_fixnum(self) -> Option<i64> {
        if self.is_fixnum() {
            Some(self.as_fixnum_unchecked())
        } else {
            None
        }
    }
    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self.0 == Value::NIL.0
    }
    #[inline(always)]
    pub fn is_t(self) -> bool {
        self.0 == Value::T.0
    }
    #[inline(always)]
    pub fn is_symbol(self) -> bool {
        self.tag() == TAG_SYMBOL
    }
    #[inline(always)]
    pub fn symbol_index(self) -> u32 {
        (self.0 >> 3) as u32
    }
    #[inline(always)]
    pub fn is_cons(self) -> bool {
        self.tag() == TAG_CONS
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.tag() == TAG_FLOAT
    }
    #[inline(always)]
    pub fn is_string(self) -> bool {
        self.tag() == TAG_STRING
    }
    #[inline(always)]
    pub fn is_obj(self) -> bool {
        self.tag() == TAG_OBJ
    }
    #[inline(always)]
    pub fn is_list(self) -> bool {
        self.is_cons() || self.is_nil()
    }
    #[inline(always)]
    pub fn untagged(self) -> *mut u8 {
        (self.0 & !TAG_MASK) as *mut u8
    }

    /// The cons cell this value points to.  Caller checked `is_cons`.
    #[inline(always)]
    pub fn cons_ref(self) -> &'static mut Cons {
        debug_assert!(self.is_cons());
        unsafe { &mut *(self.untagged() as *mut Cons) }
    }
    #[inline(always)]
    pub fn car(self) -> Value {
        self.cons_ref().car
    }
    #[inline(always)]
    pub fn cdr(self) -> Value {
        self.cons_ref().cdr
    }
    #[inline(always)]
    pub fn float_value(self) -> f64 {
        debug_assert!(self.is_float());
        unsafe { *(self.untagged() as *const f64) }
    }
    #[inline(always)]
    pub fn string_ref(self) -> &'static mut LispString {
        debug_assert!(self.is_string());
        unsafe { &mut *(self.untagged() as *mut LispString) }
    }
    #[inline(always)]
    pub fn obj_ref(self) -> &'static mut Obj {
        debug_assert!(self.is_obj());
        unsafe { &mut *(self.untagged() as *mut Obj) }
    }
    /// `car` of a cons or nil, `None` for anything else.
    #[inline(always)]
    pub fn car_safe(self) -> Value {
        if self.is_cons() {
            self.car()
        } else {
            Value::NIL
        }
    }
    #[inline(always)]
    pub fn cdr_safe(self) -> Value {
        if self.is_cons() {
            self.cdr()
        } else {
            Value::NIL
        }
    }
    /// Element K (>= 0) of this list, walking at most K cdrs: `Ok` with the
    /// element (nil past the end), `Err` with the improper tail reached.
    #[inline]
    pub fn nth_element(self, k: i64) -> Result<Value, Value> {
        let mut l = self;
        for _ in 0..k {
            if !l.is_cons() {
                break;
            }
            l = l.cdr();
        }
        if l.is_cons() {
            Ok(l.car())
        } else if l.is_nil() {
            Ok(l)
        } else {
            Err(l)
        }
    }
    pub fn is_number(self) -> bool {
        self.is_fixnum() || self.is_float() || self.is_bignum()
    }
    pub fn is_integer(self) -> bool {
        self.is_fixnum() || self.is_bignum()
    }
    pub fn is_bignum(self) -> bool {
        self.is_obj() && matches!(self.obj_ref(), Obj::Bignum(_))
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", super::printer::prin1_to_string_lossy(*self))
    }
}

/// Iterates the cars of a list, stopping at the first non-cons tail.
pub struct ListIter(pub Value);

impl Iterator for ListIter {
    type Item = Value;
    #[inline]
    fn next(&mut self) -> Option<Value> {
        if self.0.is_cons() {
            let c = self.0.cons_ref();
            self.0 = c.cdr;
            Some(c.car)
        } else {
            None
        }
    }
}

impl Value {
    pub fn iter(self) -> ListIter {
        ListIter(self)
    }
}
