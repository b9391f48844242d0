//! Building the objects whose syntax is a bracketed list of elements: hash
//! tables and records (`#s(...)`), strings with properties (`#("..." ...)`),
//! closures (`#[...]`), char-tables (`#^[...]`, `#^^[...]`); and the `#N=`
//! substitution that ties placeholders to the objects they stand for.

use super::read::Ctx;
use crate::runtime::alloc::{cons, list2, list3};
use crate::runtime::error::{args_out_of_range, error, signal, wrong_type, LResult};
use crate::runtime::hashtable::{HashTable, HashTest};
use crate::runtime::heap::heap;
use crate::runtime::object::{AsciiSlot, CharTable, Closure, Obj};
use crate::runtime::string::{make_string, MAX_CHAR};
use crate::runtime::sym;
use crate::runtime::symbol::intern;
use crate::runtime::symbol_pos;
use crate::runtime::value::Value;
use std::collections::HashSet;

/// Entries of a (sub-)char-table at each depth, and characters per entry.
const CHARTAB_SIZE: [usize; 4] = [64, 16, 32, 128];
const CHARTAB_CHARS: [i64; 4] = [1 << 16, 1 << 12, 1 << 7, 1];
/// defalt, parent, purpose, ascii, then the 64 depth-0 entries.
const CHAR_TABLE_STANDARD_SLOTS: usize = 4 + 64;

/// `plist-get` as lread.c uses it: stops quietly at a malformed tail.
pub fn plist_get(plist: Value, prop: Value) -> Value {
    let mut tail = plist;
    let mut steps = 0usize;
    while tail.is_cons() && steps < (1 << 26) {
        let next = tail.cdr();
        if !next.is_cons() {
            break;
        }
        if tail.car() == prop {
            return next.car();
        }
        tail = next.cdr();
        steps += 1;
    }
    Value::NIL
}

/// `(error MESSAGE . ARG)` or `(error MESSAGE ARG)` as `signal_error` makes it.
fn signal_error(msg: &str, arg: Value) -> crate::runtime::error::Flow {
    let data = if is_proper_list(arg) { arg } else { crate::runtime::alloc::list1(arg) };
    signal(sym::ERROR, cons(make_string(msg), data))
}

fn is_proper_list(mut v: Value) -> bool {
    let mut slow = v;
    let mut n = 0u64;
    while v.is_cons() {
        v = v.cdr();
        n += 1;
        if n.is_multiple_of(2) {
            slow = slow.cdr();
            if slow == v && v.is_cons() {
                return false;
            }
        }
    }
    v.is_nil()
}

/// `length` of a list for the reader: `wrong-type-argument listp` on a
/// dotted tail, `circular-list` on a cycle.
fn list_length(list: Value) -> LResult<usize> {
    let mut v = list;
    let mut slow = list;
    let mut n = 0usize;
    while v.is_cons() {
        v = v.cdr();
        n += 1;
        if n.is_multiple_of(2) {
            slow = slow.cdr();
            if slow == v && v.is_cons() {
                return Err(signal(sym::CIRCULAR_LIST, crate::runtime::alloc::list1(list)));
            }
        }
    }
    if !v.is_nil() {
        return Err(wrong_type(sym::LISTP, v));
    }
    Ok(n)
}

/// The hash-table test named TEST: eq, eql, equal, or one made by `define-hash-table-test`.
fn hash_test(test: Value) -> LResult<(HashTest, [Value; 3])> {
    if test.is_nil() || test == sym::EQL {
        return Ok((HashTest::Eql, [Value::NIL; 3]));
    }
    if test == sym::EQ {
        return Ok((HashTest::Eq, [Value::NIL; 3]));
    }
    if test == sym::EQUAL {
        return Ok((HashTest::Equal, [Value::NIL; 3]));
    }
    if !test.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, test));
    }
    let prop = plist_get(test.sym().plist, intern("hash-table-test"));
    if !prop.is_cons() || !prop.cdr().is_cons() {
        return Err(signal_error("Invalid hash table test", test));
    }
    Ok((HashTest::User, [test, prop.car(), prop.cdr().car()]))
}

fn hash_weakness(w: Value) -> LResult<Value> {
    if w.is_nil() || w == sym::KEY || w == sym::VALUE || w == sym::KEY_OR_VALUE || w == sym::KEY_AND_VALUE {
        return Ok(w);
    }
    if w.is_t() {
        return Ok(sym::KEY_AND_VALUE);
    }
    Err(signal_error("Invalid hash table weakness", w))
}

/// `#s(hash-table PLIST...)`: PLIST holds the elements after `hash-table`.
pub fn hash_table_from_plist(plist_elems: &[Value]) -> LResult<Value> {
    let plist = crate::runtime::alloc::list(plist_elems);
    let test = plist_get(plist, sym::TEST);
    let weakness = plist_get(plist, sym::WEAKNESS);
    let data = plist_get(plist, sym::DATA);
    if !data.is_list() {
        return Err(error("Hash table data is not a list"));
    }
    let len = list_length(data)?;
    if len % 2 == 1 {
        return Err(error("Hash table data length is odd"));
    }
    let (kind, user) = hash_test(test)?;
    let weakness = hash_weakness(weakness)?;
    let mut h = HashTable::new(kind);
    h.size = len / 2;
    h.user_test = user;
    h.weakness = weakness;
    h.purecopy = !plist_get(plist, crate::runtime::symbol::intern("purecopy")).is_nil();
    let table = heap().alloc_obj(Obj::HashTable(Box::new(h)));
    let mut d = data;
    while d.is_cons() && d.cdr().is_cons() {
        let (k, v) = (d.car(), d.cdr().car());
        if let Some(t) = table.as_hash_table() {
            t.put(k, v)?;
        }
        d = d.cdr().cdr();
    }
    Ok(table)
}

impl Ctx {
    /// `#("STRING" START END PLIST ...)`.
    pub fn string_props(&mut self, elems: &[Value]) -> LResult<Value> {
        let Some(&s) = elems.first().filter(|s| s.is_string()) else {
            return Err(self.invalid_str("#"));
        };
        let mut props: Vec<(i64, i64, Value)> = Vec::new();
        let mut rest = &elems[1..];
        while let Some(&beg) = rest.first() {
            if rest.len() < 3 {
                return Err(self.invalid_str("Invalid string property list"));
            }
            set_text_properties(&mut props, s, beg, rest[1], rest[2])?;
            rest = &rest[3..];
        }
        let mut out = Value::NIL;
        let mut merged: Vec<(i64, i64, Value)> = Vec::new();
        for (b, e, p) in props.into_iter().filter(|i| !i.2.is_nil()) {
            match merged.last_mut() {
                Some(last) if last.1 == b && last.2 == p => last.1 = e,
                _ => merged.push((b, e, p)),
            }
        }
        for (b, e, p) in merged.into_iter().rev() {
            out = cons(list3(Value::fixnum(b), Value::fixnum(e), p), out);
        }
        s.string_ref().props = out;
        Ok(s)
    }

    /// `#[ARGS CODE CONSTANTS-OR-ENV ...]`: an interpreted closure (CODE a
    /// list), or a byte-code function object (CODE a string).
    pub fn closure_from_elems(&mut self, mut v: Vec<Value>) -> LResult<Value> {
        let n = v.len();
        let ok = (3..=6).contains(&n)
            && (v[0].is_fixnum() || v[0].is_list())
            && ((v[1].is_string() && v[2].as_vector().is_some() && n > 3 && v[3].as_fixnum().is_some_and(|d| d >= 0))
                || (v[1].is_cons() && v[2].is_list()));
        if !ok {
            return Err(self.invalid_str("Invalid byte-code object"));
        }
        if v[1].is_string() {
            if v[1].string_ref().multibyte {
                v[1] = string_as_unibyte(v[1]);
            }
            return Ok(heap().alloc_obj(Obj::ByteCode(v)));
        }
        let c = Closure { slots: v, frame: Value::NIL, template: std::ptr::null(), env_ready: true };
        Ok(heap().alloc_obj(Obj::Closure(Box::new(c))))
    }

    /// `#^[DEFAULT PARENT PURPOSE ASCII ENTRIES(64) EXTRAS...]`.
    pub fn char_table_from_elems(&mut self, v: Vec<Value>) -> LResult<Value> {
        if v.len() < CHAR_TABLE_STANDARD_SLOTS {
            return Err(self.invalid_str("Invalid size char-table"));
        }
        let mut ranges: Vec<(u32, u32, Value)> = Vec::new();
        let mut subtables = std::collections::BTreeSet::new();
        for (i, &x) in v[4..CHAR_TABLE_STANDARD_SLOTS].iter().enumerate() {
            self.add_char_table_entry(&mut ranges, &mut subtables, 0, i as i64 * CHARTAB_CHARS[0], x, 0);
        }
        let mut t = CharTable::new(v[2], v[0], v[CHAR_TABLE_STANDARD_SLOTS..].to_vec());
        t.parent = v[1];
        t.ranges = ranges;
        t.subtables = subtables;
        t.ascii = self.read_ascii_slot(v[3], v[4]);
        Ok(heap().alloc_obj(Obj::CharTable(Box::new(t))))
    }

    /// The `ascii` slot as read: the table's own entry for 0..127 when it is
    /// that very object (or when it is no value the reader can keep), else a
    /// value or a detached depth-3 sub-table, as Emacs keeps what it read.
    fn read_ascii_slot(&self, ascii: Value, first: Value) -> AsciiSlot {
        let mut own = first;
        for _ in 0..2 {
            if self.subtables.contains_key(&own.0) {
                own = own.as_vector().and_then(|v| v.first().copied()).unwrap_or(Value::NIL);
            }
        }
        if ascii == own {
            return AsciiSlot::Fresh;
        }
        match self.subtables.get(&ascii.0) {
            Some(&(3, 0)) => match ascii.as_vector() {
                Some(items) if items.len() == 128 && items.iter().all(|x| !self.subtables.contains_key(&x.0)) => {
                    let mut a = Box::new([Value::NIL; 128]);
                    a.copy_from_slice(items);
                    AsciiSlot::Sub(a)
                }
                _ => AsciiSlot::Fresh,
            },
            Some(_) => AsciiSlot::Fresh,
            None => AsciiSlot::Value(ascii),
        }
    }

    /// Adds entry X of a depth-DEPTH (sub-)table, covering the characters
    /// from FROM; a sub-char-table in its place (at the depth and first
    /// character it should have) is recorded in SUBTABLES.
    fn add_char_table_entry(
        &self,
        ranges: &mut Vec<(u32, u32, Value)>,
        subtables: &mut std::collections::BTreeSet<(u8, u32)>,
        depth: usize,
        from: i64,
        x: Value,
        nest: usize,
    ) {
        if let Some(&(sub_depth, min_char)) = self.subtables.get(&x.0) {
            if nest < 4 {
                if let Some(items) = x.as_vector() {
                    let items = items.clone();
                    if sub_depth == depth + 1 && min_char == from {
                        subtables.insert((sub_depth as u8, min_char as u32));
                    }
                    for (j, &y) in items.iter().enumerate() {
                        self.add_char_table_entry(
                            ranges,
                            subtables,
                            sub_depth,
                            min_char + j as i64 * CHARTAB_CHARS[sub_depth],
                            y,
                            nest + 1,
                        );
                    }
                    return;
                }
            }
        }
        if x.is_nil() || from > MAX_CHAR as i64 {
            return;
        }
        let to = (from + CHARTAB_CHARS[depth] - 1).min(MAX_CHAR as i64);
        let (from, to) = (from as u32, to as u32);
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == from && last.2 == x => last.1 = to,
            _ => ranges.push((from, to, x)),
        }
    }

    /// `#^^[DEPTH MIN-CHAR ENTRIES...]`, kept as a vector of its entries
    /// until the char-table that holds it is built.
    pub fn sub_char_table_from_elems(&mut self, v: Vec<Value>) -> LResult<Value> {
        if v.len() < 2 {
            return Err(error("Invalid size of sub-char-table"));
        }
        let depth = match v[0].as_fixnum() {
            Some(d @ 1..=3) => d as usize,
            _ => return Err(error("Invalid depth in sub-char-table")),
        };
        if CHARTAB_SIZE[depth] != v.len() - 2 {
            return Err(error("Invalid size in sub-char-table"));
        }
        let min_char = match v[1].as_fixnum() {
            Some(c) if (0..=MAX_CHAR as i64).contains(&c) => c,
            _ => return Err(error("Invalid minimum character in sub-char-table")),
        };
        let vec = crate::runtime::object::make_vector(v[2..].to_vec());
        self.subtables.insert(vec.0, (depth, min_char));
        Ok(vec)
    }
}

/// `string-as-unibyte`: the internal bytes, raw-byte characters as single bytes.
fn string_as_unibyte(s: Value) -> Value {
    let st = s.string_ref();
    let mut out = Vec::with_capacity(st.data.len());
    let mut i = 0;
    while i < st.data.len() {
        let n = crate::runtime::string::char_len_at(st.data[i]);
        let (c, _) = crate::runtime::string::decode_char(&st.data[i..]);
        if crate::runtime::string::char_is_raw_byte(c) {
            out.push(crate::runtime::string::raw_byte_value(c));
        } else {
            out.extend_from_slice(&st.data[i..(i + n).min(st.data.len())]);
        }
        i += n;
    }
    super::read::specified_string(out, false)
}

/// `set-text-properties` on a string being read, over an interval list.
fn set_text_properties(props: &mut Vec<(i64, i64, Value)>, s: Value, beg: Value, end: Value, plist: Value) -> LResult<()> {
    let plist = validate_plist(plist)?;
    let len = s.string_ref().nchars as i64;
    if plist.is_nil() && beg == Value::fixnum(0) && end == Value::fixnum(len) {
        props.clear();
        return Ok(());
    }
    let b0 = beg.as_fixnum().ok_or_else(|| wrong_type(sym::INTEGER_OR_MARKER_P, beg))?;
    let e0 = end.as_fixnum().ok_or_else(|| wrong_type(sym::INTEGER_OR_MARKER_P, end))?;
    if b0 == e0 {
        return Ok(());
    }
    let (b, e) = if b0 > e0 { (e0, b0) } else { (b0, e0) };
    if !(0 <= b && b <= e && e <= len) {
        return Err(args_out_of_range(beg, end));
    }
    if len == 0 || (props.is_empty() && plist.is_nil()) {
        return Ok(());
    }
    let mut next: Vec<(i64, i64, Value)> = Vec::with_capacity(props.len() + 2);
    for &(x, y, p) in props.iter() {
        if y <= b || x >= e {
            next.push((x, y, p));
            continue;
        }
        if x < b {
            next.push((x, b, p));
        }
        if y > e {
            next.push((e, y, p));
        }
    }
    next.push((b, e, plist));
    next.sort_by_key(|i| i.0);
    *props = next;
    Ok(())
}

fn validate_plist(list: Value) -> LResult<Value> {
    if list.is_nil() {
        return Ok(list);
    }
    if list.is_cons() {
        let mut tail = list;
        loop {
            tail = tail.cdr();
            if !tail.is_cons() {
                return Err(error("Odd length text property list"));
            }
            tail = tail.cdr();
            if !tail.is_cons() {
                return Ok(list);
            }
        }
    }
    Ok(list2(list, Value::NIL))
}

/// Replaces every PLACEHOLDER inside OBJECT by OBJECT (lread.c
/// `substitute_object_recurse`, depth first in its order, with an explicit
/// stack).  COMPLETED says which objects may be entry points of cycles and
/// so are visited once.  A symbol with position met while
/// `symbols-with-pos-enabled` is nil is a pseudovector Emacs cannot walk:
/// `(wrong-type-argument sequencep OBJ)`.
pub fn substitute(object: Value, placeholder: Value, mut completed: impl FnMut(Value) -> bool) -> LResult<()> {
    let mut seen: HashSet<u64> = HashSet::new();
    let mut work: Vec<Value> = vec![object];
    let fix = |v: &mut Value, work: &mut Vec<Value>| {
        if *v == placeholder {
            *v = object;
        } else {
            work.push(*v);
        }
    };
    while let Some(v) = work.pop() {
        if v.is_symbol() || v.is_number() || v.is_fixnum() || (v.is_string() && v.string_ref().props.is_nil()) {
            continue;
        }
        if symbol_pos::is_symbol_with_pos(v) && symbol_pos::enabled() {
            continue;
        }
        if seen.contains(&v.0) {
            continue;
        }
        if completed(v) {
            seen.insert(v.0);
        }
        if v.is_cons() {
            let c = v.cons_ref();
            fix(&mut c.cdr, &mut work);
            fix(&mut c.car, &mut work);
        } else if v.is_string() {
            let p = &mut v.string_ref().props;
            fix(p, &mut work);
        } else if v.is_obj() {
            match v.obj_ref() {
                Obj::Vector(items) | Obj::Record(items) => items.iter_mut().rev().for_each(|x| fix(x, &mut work)),
                Obj::Closure(c) => c.slots.iter_mut().rev().for_each(|x| fix(x, &mut work)),
                Obj::CharTable(t) => {
                    t.extras.iter_mut().rev().for_each(|x| fix(x, &mut work));
                    t.ranges.iter_mut().rev().for_each(|r| fix(&mut r.2, &mut work));
                    fix(&mut t.purpose, &mut work);
                    fix(&mut t.parent, &mut work);
                    fix(&mut t.default, &mut work);
                }
                Obj::SymbolWithPos { .. } => return Err(wrong_type(sym::SEQUENCEP, v)),
                _ => {}
            }
        }
    }
    Ok(())
}
