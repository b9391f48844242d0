//! Emacs's equality predicates: `eq` (identity), `eql` (plus numbers by value,
//! floats by bit pattern) and `equal` (structural), with `equal`'s depth limit
//! signalling `circular-list` on runaway recursion as Emacs does.  All three
//! see a symbol with position as its bare symbol while
//! `symbols-with-pos-enabled` is non-nil; otherwise two of them are `equal`
//! when their symbols and positions are.

use super::error::{signal, LResult};
use super::object::{AsciiSlot, CharTable, Obj, CHARTAB_BLOCK, CHARTAB_ENTRIES};
use super::rt;
use super::sym;
use super::symbol_pos;
use super::value::Value;

/// lisp.h `EQ`: identity, except that a symbol with position is its bare
/// symbol while `symbols-with-pos-enabled` is non-nil (see `symbol_pos`).
#[inline(always)]
pub fn eq(a: Value, b: Value) -> bool {
    symbol_pos::eq(a, b)
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
    (a.is_obj() || b.is_obj()) && symbol_pos::eq_slow(a, b)
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
        // Only reached while `symbols-with-pos-enabled' is nil (else `eql'
        // compared the bare symbols): the symbol and the position must agree.
        (Obj::SymbolWithPos { sym: s, pos: p }, Obj::SymbolWithPos { sym: t, pos: q }) => return Ok(s == t && p == q),
        (Obj::Closure(_), Obj::Closure(_)) => {
            env_a = closure_slots(a);
            env_b = closure_slots(b);
            (&env_a, &env_b)
        }
        (Obj::CharTable(x), Obj::CharTable(y)) => return equal_char_tables(x, y, depth, props),
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

/// One slot of a char-table's trie as `internal_equal` sees it: a value,
/// a sub-char-table of the table (its depth and first character), or the
/// detached ASCII sub-table left in the `ascii` slot.
enum TrieSlot<'a> {
    V(Value),
    Sub(&'a CharTable, usize, u32),
    Detached(&'a [Value; 128]),
}

impl<'a> TrieSlot<'a> {
    /// The entry at DEPTH for the block from LO of table T.
    fn block(t: &'a CharTable, depth: usize, lo: u32) -> TrieSlot<'a> {
        match t.block_value(depth, lo) {
            Some(v) => TrieSlot::V(v),
            None => TrieSlot::Sub(t, depth + 1, lo),
        }
    }

    /// Entry I of this sub-table.
    fn child(&self, i: usize) -> TrieSlot<'a> {
        match *self {
            TrieSlot::V(v) => TrieSlot::V(v),
            TrieSlot::Detached(a) => TrieSlot::V(a[i]),
            TrieSlot::Sub(t, d, lo) => TrieSlot::block(t, d, lo + i as u32 * CHARTAB_BLOCK[d]),
        }
    }

    /// The table's `ascii` slot (chartab.c `char_table_ascii` when fresh).
    fn ascii(t: &'a CharTable) -> TrieSlot<'a> {
        match &t.ascii {
            AsciiSlot::Value(v) => TrieSlot::V(*v),
            AsciiSlot::Sub(a) => TrieSlot::Detached(a),
            AsciiSlot::Fresh => {
                let mut slot = TrieSlot::block(t, 0, 0);
                while matches!(slot, TrieSlot::Sub(_, d, _) if d < 3) {
                    slot = slot.child(0);
                }
                slot
            }
        }
    }
}

/// `internal_equal` on two slots: values compare with `equal`, a
/// sub-char-table never equals a value, and two sub-tables (always of the
/// same depth and first character here) compare entry by entry.
fn equal_trie_slots(a: &TrieSlot, b: &TrieSlot, depth: usize, props: bool) -> LResult<bool> {
    match (a, b) {
        (TrieSlot::V(x), TrieSlot::V(y)) => equal_rec(*x, *y, depth + 1, props),
        (TrieSlot::V(_), _) | (_, TrieSlot::V(_)) => Ok(false),
        _ => {
            let d = if let TrieSlot::Sub(_, d, _) = a { *d } else { 3 };
            for i in 0..CHARTAB_ENTRIES[d] {
                if !equal_trie_slots(&a.child(i), &b.child(i), depth + 1, props)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Char-tables are `equal` as Emacs compares them, slot by slot as
/// vectorlike objects: DEFALT PARENT PURPOSE ASCII, the 64 top-level slots
/// (sub-char-tables included, so where sub-tables exist matters, not just
/// the characters' values), then the extra slots (whose number must agree).
fn equal_char_tables(x: &CharTable, y: &CharTable, depth: usize, props: bool) -> LResult<bool> {
    if x.extras.len() != y.extras.len() {
        return Ok(false);
    }
    for (p, q) in [(x.default, y.default), (x.parent, y.parent), (x.purpose, y.purpose)] {
        if !equal_rec(p, q, depth + 1, props)? {
            return Ok(false);
        }
    }
    if !equal_trie_slots(&TrieSlot::ascii(x), &TrieSlot::ascii(y), depth, props)? {
        return Ok(false);
    }
    for i in 0..CHARTAB_ENTRIES[0] {
        let lo = i as u32 * CHARTAB_BLOCK[0];
        if !equal_trie_slots(&TrieSlot::block(x, 0, lo), &TrieSlot::block(y, 0, lo), depth, props)? {
            return Ok(false);
        }
    }
    for (p, q) in x.extras.iter().zip(y.extras.iter()) {
        if !equal_rec(*p, *q, depth + 1, props)? {
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
