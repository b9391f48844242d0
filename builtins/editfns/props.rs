//! A string's text properties as a sorted list of non-overlapping intervals
//! (START END PLIST), the representation `LispString::props` holds, with
//! `add_text_properties` semantics (existing properties get the new value,
//! new ones are prepended to the plist, as GNU Emacs's `add_properties`).
//! Used by `format` and `propertize`.
use crate::builtins::prelude::*;

pub struct Intervals {
    /// (start, end, plist), sorted, non-overlapping, non-empty ranges.
    pub items: Vec<(usize, usize, Value)>,
}

impl Intervals {
    pub fn new() -> Intervals {
        Intervals { items: Vec::new() }
    }

    /// The intervals of string S with non-nil plists (plists copied).
    pub fn of_string(s: Value) -> Intervals {
        let mut items = Vec::new();
        for iv in s.string_ref().props.iter() {
            let (Some(a), Some(b)) = (iv.car_safe().as_fixnum(), iv.cdr_safe().car_safe().as_fixnum()) else { continue };
            let plist = iv.cdr_safe().cdr_safe().car_safe();
            if a >= 0 && a < b && !plist.is_nil() {
                items.push((a as usize, b as usize, copy_plist(plist)));
            }
        }
        items.sort_by_key(|e| e.0);
        Intervals { items }
    }

    /// Splits the interval containing POS (if any) so that POS is a boundary.
    fn split_at(&mut self, pos: usize) {
        if let Some(i) = self.items.iter().position(|e| e.0 < pos && pos < e.1) {
            let (a, b, p) = self.items[i];
            self.items[i] = (a, pos, p);
            self.items.insert(i + 1, (pos, b, copy_plist(p)));
        }
    }

    /// Adds the properties of PLIST to chars START..END.
    pub fn add(&mut self, start: usize, end: usize, plist: Value) {
        if start >= end || plist.is_nil() {
            return;
        }
        self.split_at(start);
        self.split_at(end);
        let mut out = Vec::with_capacity(self.items.len() + 2);
        let mut pos = start;
        for &(a, b, p) in self.items.iter() {
            if b <= start || a >= end {
                out.push((a, b, p));
                continue;
            }
            if pos < a {
                out.push((pos, a, merge_plist(Value::NIL, plist)));
            }
            out.push((a, b, merge_plist(p, plist)));
            pos = b;
        }
        if pos < end {
            out.push((pos, end, merge_plist(Value::NIL, plist)));
        }
        out.sort_by_key(|e| e.0);
        self.items = out;
    }

    pub fn to_value(&self) -> Value {
        let v: Vec<Value> = self.items.iter().map(|&(a, b, p)| list3(Value::fixnum(a as i64), Value::fixnum(b as i64), p)).collect();
        list(&v)
    }
}

impl Default for Intervals {
    fn default() -> Self {
        Intervals::new()
    }
}

pub fn copy_plist(p: Value) -> Value {
    list(&p.iter().collect::<Vec<_>>())
}

/// `add_properties`: each property of NEW is set in (a copy of) OLD,
/// replacing an existing value or prepended when absent.
fn merge_plist(old: Value, new: Value) -> Value {
    let mut items: Vec<Value> = old.iter().collect();
    let mut l = new;
    while l.is_cons() {
        let k = l.car();
        let v = l.cdr().car_safe();
        match (0..items.len()).step_by(2).find(|&i| items[i] == k) {
            Some(i) if i + 1 < items.len() => items[i + 1] = v,
            Some(_) => items.push(v),
            None => {
                items.insert(0, v);
                items.insert(0, k);
            }
        }
        l = l.cdr().cdr_safe();
    }
    list(&items)
}

/// Sets string S's properties from INTERVALS.
pub fn set_string_props(s: Value, iv: &Intervals) {
    s.string_ref().props = if iv.items.is_empty() { Value::NIL } else { iv.to_value() };
}
