//! Case tables (casetab.c's data model): a case table is a char-table of
//! purpose `case-table` mapping characters to lower case, with three extra
//! slots UP, CANONICALIZE and EQUIVALENCES.  This module owns the standard
//! case table (generated from GNU Emacs 30.1: Enoki's one source of case
//! mappings), the current buffer's case tables (kept per buffer by
//! `syntax::perbuf`), completing a case table's missing extra tables as
//! `set-case-table` does (and rescanning one flagged as modified before
//! casing, `refresh_current`), and the character functions the rest of
//! Enoki uses: `downcase_char`, `upcase_char`, `canon_char`, `is_upper`,
//! `is_lower`, and `Translator` (a table with its ASCII entries cached).

#[rustfmt::skip]
mod tables;

use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::heap::heap;
use crate::runtime::object::{CharTable, Obj};
use crate::runtime::string::MAX_CHAR;
use crate::runtime::sym;
use crate::runtime::symbol::intern;
use crate::runtime::syntax::char_table_ref;
use crate::runtime::value::Value;

// Rooted slots: the standard tables, then the current buffer's.
const STD_DOWN: usize = 0;
const STD_UP: usize = 1;
const STD_CANON: usize = 2;
const STD_EQV: usize = 3;
const CUR_DOWN: usize = 4;
const CUR_UP: usize = 5;
const CUR_CANON: usize = 6;
const CUR_EQV: usize = 7;

thread_local! {
    static ROOTS: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

fn roots() -> &'static mut Vec<Value> {
    if ROOTS.with(|r| r.get()).is_null() {
        init();
    }
    unsafe { &mut *ROOTS.with(|r| r.get()) }
}

fn new_case_table() -> CharTable {
    CharTable::new(intern("case-table"), Value::NIL, vec![Value::NIL; 3])
}

fn table_from_runs(runs: &[(u32, u32, i32)]) -> CharTable {
    let mut t = new_case_table();
    for &(from, to, delta) in runs {
        for c in from..=to {
            t.ranges.push((c, c, Value::fixnum(c as i64 + delta as i64)));
        }
    }
    t
}

fn alloc(t: CharTable) -> Value {
    heap().alloc_obj(Obj::CharTable(Box::new(t)))
}

/// Builds the standard case table (once per thread).
pub fn init() {
    if !ROOTS.with(|r| r.get()).is_null() {
        return;
    }
    crate::runtime::syntax::init();
    let v: &'static mut Vec<Value> = Box::leak(Box::new(vec![Value::NIL; 8]));
    heap().rooted.push(v as *const Vec<Value>);
    ROOTS.with(|r| r.set(v as *mut Vec<Value>));
    let up = alloc(table_from_runs(tables::UP));
    let canon = alloc(table_from_runs(tables::CANON));
    let eqv = alloc(table_from_runs(tables::EQV));
    let mut down = table_from_runs(tables::DOWN);
    down.extras = vec![up, canon, eqv];
    if let Some(c) = canon.as_char_table() {
        c.extras[2] = eqv;
    }
    let down = alloc(down);
    v[STD_DOWN] = down;
    v[STD_UP] = up;
    v[STD_CANON] = canon;
    v[STD_EQV] = eqv;
    v[CUR_DOWN] = down;
    v[CUR_UP] = up;
    v[CUR_CANON] = canon;
    v[CUR_EQV] = eqv;
}

pub fn standard_case_table() -> Value {
    roots()[STD_DOWN]
}

/// The standard (down, up, canonicalize, equivalences) tables.
pub fn standard_tables() -> [Value; 4] {
    let r = roots();
    [r[STD_DOWN], r[STD_UP], r[STD_CANON], r[STD_EQV]]
}

/// Current table I (0 down, 1 up, 2 canon, 3 eqv) of the current buffer.
fn cur(i: usize) -> Value {
    use crate::runtime::syntax::perbuf;
    match perbuf::current_buffer() {
        Some(b) => perbuf::get(b, perbuf::CASE_DOWN + i, perbuf::defaults),
        None => roots()[CUR_DOWN + i],
    }
}

fn set_cur(i: usize, v: Value) {
    use crate::runtime::syntax::perbuf;
    match perbuf::current_buffer() {
        Some(b) => perbuf::set(b, perbuf::CASE_DOWN + i, v, perbuf::defaults),
        None => roots()[CUR_DOWN + i] = v,
    }
}
/// The current buffer's case (down-case) table.
pub fn current_case_table() -> Value {
    cur(0)
}
/// The current buffer's canonicalize table (the translate table of case-folding searches).
pub fn current_canon_table() -> Value {
    cur(2)
}
pub fn current_eqv_table() -> Value {
    cur(3)
}
/// The current buffer's up-case table (what `upcase` of a character reads).
pub fn current_up_table() -> Value {
    cur(1)
}

/// `case-table-p`.
pub fn is_case_table(v: Value) -> bool {
    let Some(t) = v.as_char_table() else {
        return false;
    };
    if t.purpose != intern("case-table") || t.extras.len() < 3 {
        return false;
    }
    let ok = |x: Value| x.is_nil() || x.as_char_table().is_some();
    let (up, canon, eqv) = (t.extras[0], t.extras[1], t.extras[2]);
    ok(up) && ((canon.is_nil() && eqv.is_nil()) || (canon.as_char_table().is_some() && ok(eqv)))
}

fn fixnat(v: Value) -> Option<u32> {
    v.as_fixnum().filter(|n| *n >= 0).map(|n| n as u32)
}

/// The value `map-char-table` gives C in T: its own entry, else its
/// default, else its parent's (recursively).
fn mapped_value(t: &CharTable, c: u32) -> Value {
    let mut t = t;
    for _ in 0..10_000 {
        let v = t.own_value(c);
        if !v.is_nil() {
            return v;
        }
        if !t.default.is_nil() {
            return t.default;
        }
        match t.parent.as_char_table() {
            Some(p) => t = p,
            None => break,
        }
    }
    Value::NIL
}

/// The runs (FROM, TO, natural number) of TABLE as `map-char-table` sees
/// them (own entries, else the default, else the parents'), in increasing
/// order: the characters casetab.c's `set_identity`, `shuffle` and
/// `set_canon` act on.
fn each_fixnat(table: Value) -> Vec<(u32, u32, u32)> {
    let Some(t) = table.as_char_table() else { return Vec::new() };
    let mut bounds = vec![0u32];
    let mut tv = Some(&*t);
    for _ in 0..10_000 {
        let Some(x) = tv else { break };
        for r in &x.ranges {
            bounds.push(r.0);
            bounds.push(r.1.saturating_add(1));
        }
        tv = x.parent.as_char_table().map(|p| &*p);
    }
    bounds.retain(|b| *b <= MAX_CHAR);
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = Vec::new();
    for (i, &from) in bounds.iter().enumerate() {
        let to = bounds.get(i + 1).map_or(MAX_CHAR, |b| b - 1);
        if let Some(n) = fixnat(mapped_value(t, from)) {
            out.push((from, to, n));
        }
    }
    out
}

fn aref(table: Value, c: u32) -> Value {
    char_table_ref(table, c)
}

fn aset(table: Value, c: u32, v: Value) {
    if let Some(t) = table.as_char_table() {
        set_char(t, c, v);
    }
}

/// A natural number as a character index (`CHECK_CHARACTER`).
fn check_char(n: u32) -> LResult<u32> {
    if n <= MAX_CHAR {
        Ok(n)
    } else {
        Err(wrong_type(sym::CHARACTERP, Value::fixnum(n as i64)))
    }
}

/// `Faref` of a char-table with a Lisp index: a fixnum, and a character.
fn aref_checked(table: Value, idx: Value) -> LResult<Value> {
    match idx.as_fixnum() {
        None => Err(wrong_type(sym::FIXNUMP, idx)),
        Some(n) if (0..=MAX_CHAR as i64).contains(&n) => Ok(aref(table, n as u32)),
        Some(_) => Err(wrong_type(sym::CHARACTERP, idx)),
    }
}

/// Sets one character of a char-table to V (`char_table_set`: the
/// character's sub-char-tables now exist and the ASCII cache is fresh).
pub fn set_char(t: &mut CharTable, c: u32, v: Value) {
    const CHARS: [u32; 3] = [1 << 12, 1 << 7, 1];
    for (d, chars) in CHARS.iter().enumerate() {
        t.subtables.insert((d as u8 + 1, c & !(chars - 1)));
    }
    if c < 128 {
        t.ascii = crate::runtime::object::AsciiSlot::Fresh;
    }
    let i = t.ranges.partition_point(|r| r.1 < c);
    match t.ranges.get(i).copied() {
        Some((a, b, old)) if a <= c => {
            let mut repl = Vec::with_capacity(3);
            if a < c {
                repl.push((a, c - 1, old));
            }
            if !v.is_nil() {
                repl.push((c, c, v));
            }
            if c < b {
                repl.push((c + 1, b, old));
            }
            t.ranges.splice(i..=i, repl);
        }
        _ => {
            if !v.is_nil() {
                t.ranges.insert(i, (c, c, v));
            }
        }
    }
}

/// `set_identity` then `shuffle` of SOURCE into TABLE (a fresh case
/// table): TABLE gets one cycle for each class of characters SOURCE maps
/// together.
fn fill_cycles(table: Value, source: Value) -> LResult<()> {
    let runs = each_fixnat(source);
    for &(from, to, _) in &runs {
        for c in from..=to {
            aset(table, c, Value::fixnum(c as i64));
        }
    }
    for &(from, to, elt) in &runs {
        let elt = check_char(elt)?;
        for c in from..=to {
            let tem = aref(table, elt);
            aset(table, elt, Value::fixnum(c as i64));
            aset(table, c, tem);
        }
    }
    Ok(())
}

/// `set_canon` over TABLE: each character mapped to a natural number ELT
/// gets TABLE's value for UP's value for ELT in CANON.
fn fill_canon(table: Value, up: Value, canon: Value) -> LResult<()> {
    for (from, to, elt) in each_fixnat(table) {
        let u = aref_checked(up, Value::fixnum(elt as i64))?;
        let v = aref_checked(table, u)?;
        if let Some(t) = canon.as_char_table() {
            for c in from..=to {
                set_char(t, c, v);
            }
        }
    }
    Ok(())
}

/// `set-case-table` (STANDARD: `set-standard-case-table`): checks TABLE,
/// completes its missing UP, CANONICALIZE and EQUIVALENCES tables as
/// casetab.c's `set_case_table` does, and installs the four tables as the
/// current buffer's (or the standard) case tables.
pub fn set_case_table(table: Value, standard: bool) -> LResult<Value> {
    if !is_case_table(table) {
        return Err(wrong_type(intern("case-table-p"), table));
    }
    let Some(t) = table.as_char_table() else { return Ok(table) };
    let (mut up, mut canon, mut eqv) = (t.extras[0], t.extras[1], t.extras[2]);
    if up.is_nil() {
        up = alloc(new_case_table());
        fill_cycles(up, table)?;
        t.extras[0] = up;
    }
    if canon.is_nil() {
        canon = alloc(new_case_table());
        t.extras[1] = canon;
        fill_canon(table, up, canon)?;
    }
    if eqv.is_nil() {
        eqv = alloc(new_case_table());
        fill_cycles(eqv, canon)?;
        t.extras[2] = eqv;
    }
    if let Some(c) = canon.as_char_table() {
        if c.extras.len() >= 3 {
            c.extras[2] = eqv;
        }
    }
    if standard {
        keep_buffers_tables();
        let r = roots();
        r[STD_DOWN] = table;
        r[STD_UP] = up;
        r[STD_CANON] = canon;
        r[STD_EQV] = eqv;
    } else {
        for (i, v) in [table, up, canon, eqv].into_iter().enumerate() {
            set_cur(i, v);
        }
    }
    Ok(table)
}

/// Gives every live buffer its own record of its case tables before the
/// standard ones change: a buffer keeps the tables it was created with.
fn keep_buffers_tables() {
    use crate::runtime::syntax::perbuf;
    if perbuf::current_buffer().is_none() {
        return;
    }
    for b in crate::runtime::buffer::buffer_list().iter() {
        perbuf::get(b, perbuf::CASE_DOWN, perbuf::defaults);
    }
}

/// casefiddle.c's `prepare_casing_context` check: a current case table
/// whose CANONICALIZE slot was cleared (as `set-case-syntax-pair` does
/// after changing it) is rescanned with `set-case-table`.
pub fn refresh_current() -> LResult<()> {
    let table = cur(0);
    if table.as_char_table().is_some_and(|t| t.extras.get(1).is_none_or(|x| x.is_nil())) {
        set_case_table(table, false)?;
    }
    Ok(())
}

/// The current buffer's (down, up, canonicalize, equivalences) tables, for
/// the buffer code to save with a buffer.
pub fn current_tables() -> [Value; 4] {
    [cur(0), cur(1), cur(2), cur(3)]
}

/// Installs a buffer's saved tables as the current ones (buffer switch).
pub fn set_current_tables(t: [Value; 4]) {
    for (i, v) in t.into_iter().enumerate() {
        set_cur(i, v);
    }
}

/// Makes the standard tables the current buffer's (a new buffer's tables).
pub fn reset_current_to_standard() {
    set_current_tables(standard_tables());
}

/// `downcase`: the current case table's lower-case form of C.
pub fn downcase_char(c: u32) -> u32 {
    fixnat(aref(cur(0), c)).unwrap_or(c)
}
/// `upcase`: the current case table's upper-case form of C.
pub fn upcase_char(c: u32) -> u32 {
    fixnat(aref(cur(1), c)).unwrap_or(c)
}
/// The canonical case-equivalent of C (what case-folding searches compare).
pub fn canon_char(c: u32) -> u32 {
    fixnat(aref(cur(2), c)).unwrap_or(c)
}
/// `uppercasep`: C is not its own lower case.
pub fn is_upper(c: u32) -> bool {
    downcase_char(c) != c
}
/// `lowercasep`: C is its own lower case but not its own upper case.
pub fn is_lower(c: u32) -> bool {
    !is_upper(c) && upcase_char(c) != c
}

/// A translate table's mapping (`char_table_translate`): the value if it
/// is a character, else C.
pub fn translate(table: Value, c: u32) -> u32 {
    fixnat(aref(table, c)).unwrap_or(c)
}

/// A translate table with the ASCII part cached (filled on first use), for
/// the matcher.
pub struct Translator {
    pub table: Value,
    ascii: [std::cell::Cell<u32>; 128],
}

impl Translator {
    pub fn new(table: Value) -> Translator {
        Translator { table, ascii: std::array::from_fn(|_| std::cell::Cell::new(u32::MAX)) }
    }
    #[inline]
    pub fn tr(&self, c: u32) -> u32 {
        if c < 128 {
            let slot = &self.ascii[c as usize];
            let v = slot.get();
            if v != u32::MAX {
                return v;
            }
            let v = translate(self.table, c);
            slot.set(v);
            v
        } else {
            translate(self.table, c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_case_mappings() {
        crate::runtime::init_thread();
        crate::builtins::install();
        assert_eq!(downcase_char('A' as u32), 'a' as u32);
        assert_eq!(upcase_char('é' as u32), 'É' as u32);
        assert_eq!(canon_char('K' as u32), 'k' as u32);
        assert!(is_upper('Q' as u32));
        assert!(is_lower('q' as u32));
        assert!(!is_lower('1' as u32));
    }

    #[test]
    fn set_case_table_completes_the_extra_tables() {
        crate::runtime::init_thread();
        crate::builtins::install();
        // As (let ((tb (make-char-table 'case-table))) (set-char-table-range
        // tb '(?a . ?c) ?a) (set-case-table tb) ...) in GNU Emacs 30.1.
        let tb = alloc(new_case_table());
        for c in 'a' as u32..='c' as u32 {
            aset(tb, c, Value::fixnum('a' as i64));
        }
        assert_eq!(set_case_table(tb, false).ok(), Some(tb));
        let extras = tb.as_char_table().map(|t| t.extras.clone()).unwrap_or_default();
        let up: Vec<u32> = ('a' as u32..='c' as u32).map(|c| translate(extras[0], c)).collect();
        let eqv: Vec<u32> = ('a' as u32..='c' as u32).map(|c| translate(extras[2], c)).collect();
        assert_eq!(up, vec!['c' as u32, 'a' as u32, 'b' as u32]);
        assert_eq!(eqv, vec!['c' as u32, 'a' as u32, 'b' as u32]);
        assert_eq!(downcase_char('b' as u32), 'a' as u32);
        assert_eq!(upcase_char('a' as u32), 'c' as u32);
        assert!(set_case_table(Value::fixnum(1), false).is_err());
        reset_current_to_standard();
    }
}
