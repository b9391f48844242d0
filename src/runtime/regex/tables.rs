//! Lookups of the char-tables searching consults for every character it
//! compares (the case-folding translate table, the syntax table, the case
//! table's down and up tables), cached for characters 0..255.
//!
//! A char-table can be changed by Lisp at any time (`aset`,
//! `set-char-table-range`, `set-char-table-parent` ...) and has no
//! modification counter, so a cache is kept with a snapshot of everything
//! the entries of characters 0..255 depend on: for each table of the parent
//! chain, its parent, default, `ascii` slot and the ranges that start below
//! 256, and the car of every cons entry (syntax entries are conses).  Each
//! search compares the snapshot with the live tables and refills the cache
//! when anything differs.  The comparison is in two tiers: what ASCII
//! characters depend on is compared when a search starts (a couple of
//! kilobytes of memory compared, far less than a char-table lookup per
//! character), the rest of Latin-1 only when the search meets a character
//! #x80..#xFF.  The snapshot compares raw words only, so it needs no GC
//! roots: equal words in a live table mean the same live objects.

use crate::runtime::casetab;
use crate::runtime::object::AsciiSlot;
use crate::runtime::syntax;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Characters below this have their lookups cached.
pub const LOW: usize = 256;
/// The first tier: what is checked when a search starts.
const ASCII: u32 = 128;

/// Parent chains longer than this are not cached (looked up every time).
const MAX_CHAIN: usize = 16;

/// Cache entries kept per kind of lookup (buffers may use several tables).
const ENTRIES: usize = 4;

type Range = (u32, u32, Value);

// The byte comparison of range slices below relies on this layout having
// no padding (every byte initialized).
const _: () = assert!(std::mem::size_of::<Range>() == 16);

fn same_ranges(a: &[Range], b: &[Range]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // SAFETY: `Range` is 16 bytes of plain integers without padding (checked
    // above), so viewing the slices as initialized bytes is sound.
    let bytes = |s: &[Range]| unsafe { std::slice::from_raw_parts(s.as_ptr() as *const u8, std::mem::size_of_val(s)) };
    bytes(a) == bytes(b)
}

enum AsciiSnap {
    Fresh,
    Value(Value),
    Sub(Box<[Value; 128]>),
}

impl AsciiSnap {
    fn of(slot: &AsciiSlot) -> AsciiSnap {
        match slot {
            AsciiSlot::Fresh => AsciiSnap::Fresh,
            AsciiSlot::Value(v) => AsciiSnap::Value(*v),
            AsciiSlot::Sub(a) => AsciiSnap::Sub(a.clone()),
        }
    }
    fn matches(&self, slot: &AsciiSlot) -> bool {
        match (self, slot) {
            (AsciiSnap::Fresh, AsciiSlot::Fresh) => true,
            (AsciiSnap::Value(a), AsciiSlot::Value(b)) => a == b,
            (AsciiSnap::Sub(a), AsciiSlot::Sub(b)) => a[..] == b[..],
            _ => false,
        }
    }
}

/// One table of a parent chain, as far as characters 0..255 see it.
struct Link {
    table: Value,
    parent: Value,
    default: Value,
    ascii: AsciiSnap,
    /// The ranges that start below 128 (`ascii_ranges` of them), then
    /// those that start in 128..255.
    ranges: Vec<Range>,
    ascii_ranges: usize,
}

/// What the lookups of characters 0..255 in a table depend on.
struct Snapshot {
    links: Vec<Link>,
    /// Cons entries the derived values were read from, with their cars,
    /// for ASCII characters and for the others.
    conses: [Vec<(Value, Value)>; 2],
}

fn conses_same(list: &[(Value, Value)]) -> bool {
    list.iter().all(|&(c, car)| c.is_cons() && c.car() == car)
}

impl Snapshot {
    /// The snapshot of TABLE's chain, or None if it is too long to cache.
    fn take(table: Value) -> Option<Snapshot> {
        let mut links = Vec::new();
        let mut tv = table;
        while let Some(t) = tv.as_char_table() {
            if links.len() == MAX_CHAIN {
                return None;
            }
            let k = t.ranges.partition_point(|r| r.0 < LOW as u32);
            let ascii_ranges = t.ranges.partition_point(|r| r.0 < ASCII);
            links.push(Link {
                table: tv,
                parent: t.parent,
                default: t.default,
                ascii: AsciiSnap::of(&t.ascii),
                ranges: t.ranges[..k].to_vec(),
                ascii_ranges,
            });
            if !t.default.is_nil() {
                break;
            }
            tv = t.parent;
        }
        Some(Snapshot { links, conses: [Vec::new(), Vec::new()] })
    }

    /// Whether what ASCII characters see of TABLE's chain is unchanged.
    fn ascii_valid(&self, table: Value) -> bool {
        let mut tv = table;
        for (i, l) in self.links.iter().enumerate() {
            let Some(t) = tv.as_char_table() else { return false };
            if l.table != tv || l.parent != t.parent || l.default != t.default || !l.ascii.matches(&t.ascii) {
                return false;
            }
            let k = l.ascii_ranges;
            if t.ranges.len() < k || !same_ranges(&t.ranges[..k], &l.ranges[..k]) || t.ranges.get(k).is_some_and(|r| r.0 < ASCII) {
                return false;
            }
            let last = i + 1 == self.links.len();
            if last && t.default.is_nil() && t.parent.as_char_table().is_some() {
                return false;
            }
            tv = t.parent;
        }
        if self.links.is_empty() && table.as_char_table().is_some() {
            return false;
        }
        conses_same(&self.conses[0])
    }

    /// Given `ascii_valid`: whether what characters 128..255 see is
    /// unchanged too.
    fn latin_valid(&self, table: Value) -> bool {
        let mut tv = table;
        for l in &self.links {
            let Some(t) = tv.as_char_table() else { return false };
            let (k0, k) = (l.ascii_ranges, l.ranges.len());
            if t.ranges.len() < k || !same_ranges(&t.ranges[k0..k], &l.ranges[k0..]) || t.ranges.get(k).is_some_and(|r| r.0 < LOW as u32) {
                return false;
            }
            tv = t.parent;
        }
        conses_same(&self.conses[1])
    }
}

/// The derived values of characters 0..255 of one table, with what they
/// were derived from (None: computed for one search only).
pub struct Low {
    pub values: [u32; LOW],
    snap: Option<Snapshot>,
    /// Set when the Latin-1 tier was found changed: refill next time.
    stale: Cell<bool>,
}

/// Shared: a search keeps the values it was given even if the cache moves on.
pub type LowValues = Rc<Low>;

/// The kinds of lookups cached.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Kind {
    /// `casetab::translate`: a character's translation.
    Translate,
    /// `syntax::code_with_flags`: a character's syntax code and flags.
    Syntax,
}

thread_local! {
    static CACHES: RefCell<[Vec<(Value, LowValues)>; 2]> = const { RefCell::new([Vec::new(), Vec::new()]) };
}

fn fill(kind: Kind, table: Value, mut snap: Option<Snapshot>) -> LowValues {
    let mut values = [0u32; LOW];
    for (c, slot) in values.iter_mut().enumerate() {
        let c = c as u32;
        *slot = match kind {
            Kind::Translate => casetab::translate(table, c),
            Kind::Syntax => {
                let e = syntax::entry(table, c);
                if let Some(snap) = &mut snap {
                    let list = &mut snap.conses[(c >= ASCII) as usize];
                    if e.is_cons() && !list.iter().any(|&(x, _)| x == e) {
                        list.push((e, e.car()));
                    }
                }
                syntax::code_with_flags(table, c)
            }
        };
    }
    Rc::new(Low { values, snap, stale: Cell::new(false) })
}

fn lookup(kind: Kind, table: Value) -> LowValues {
    CACHES.with(|c| {
        let mut c = c.borrow_mut();
        let list = &mut c[kind as usize];
        if let Some(i) = list.iter().position(|e| e.0 == table) {
            let low = &list[i].1;
            if !low.stale.get() && low.snap.as_ref().is_some_and(|s| s.ascii_valid(table)) {
                if i != 0 {
                    let e = list.remove(i);
                    list.insert(0, e);
                }
                return list[0].1.clone();
            }
            list.remove(i);
        }
        let Some(snap) = Snapshot::take(table) else {
            return fill(kind, table, None);
        };
        let low = fill(kind, table, Some(snap));
        list.insert(0, (table, low.clone()));
        list.truncate(ENTRIES);
        low
    })
}

/// Values for characters 0..255 of one table, as one search sees them:
/// ASCII characters' checked when the search starts, the others' checked
/// on first use.
struct View {
    table: Value,
    low: LowValues,
    /// 0: Latin-1 tier not checked yet, 1: valid, 2: changed.
    latin: Cell<u8>,
}

impl View {
    fn new(kind: Kind, table: Value) -> View {
        View { table, low: lookup(kind, table), latin: Cell::new(0) }
    }

    /// The cached value of C, if it may be used.
    #[inline]
    fn get(&self, c: u32) -> Option<u32> {
        if c < ASCII || (c < LOW as u32 && self.latin_ok()) {
            Some(self.low.values[c as usize])
        } else {
            None
        }
    }

    #[inline]
    fn latin_ok(&self) -> bool {
        match self.latin.get() {
            1 => true,
            2 => false,
            _ => self.check_latin(),
        }
    }

    #[cold]
    fn check_latin(&self) -> bool {
        let ok = match &self.low.snap {
            Some(s) => s.latin_valid(self.table),
            None => true,
        };
        if !ok {
            self.low.stale.set(true);
        }
        self.latin.set(if ok { 1 } else { 2 });
        ok
    }
}

/// A translate table (the canonicalize table of case-folding searches)
/// with the translations of characters 0..255 at hand.
pub struct Translate {
    view: View,
}

impl Translate {
    pub fn new(table: Value) -> Translate {
        Translate { view: View::new(Kind::Translate, table) }
    }
    pub fn table(&self) -> Value {
        self.view.table
    }
    /// The cached translations (which `latin_ok` says may be used for
    /// characters 128..255).
    pub fn low(&self) -> &LowValues {
        &self.view.low
    }
    /// Whether the cached translations of characters 128..255 are current.
    #[inline]
    pub fn latin_ok(&self) -> bool {
        self.view.latin_ok()
    }
    #[inline]
    pub fn tr(&self, c: u32) -> u32 {
        match self.view.get(c) {
            Some(v) => v,
            None => casetab::translate(self.view.table, c),
        }
    }
}

/// A syntax table with the codes and flags of characters 0..255 at hand.
pub struct Syntax {
    view: View,
}

impl Syntax {
    pub fn new(table: Value) -> Syntax {
        Syntax { view: View::new(Kind::Syntax, table) }
    }
    pub fn current() -> Syntax {
        Syntax::new(syntax::current_table())
    }
    pub fn table(&self) -> Value {
        self.view.table
    }
    /// CODE+FLAGS of C (`syntax_property_with_flags`).
    #[inline]
    pub fn flags(&self, c: u32) -> u32 {
        match self.view.get(c) {
            Some(v) => v,
            None => syntax::code_with_flags(self.view.table, c),
        }
    }
    /// The syntax class of C (`SYNTAX`).
    #[inline]
    pub fn class(&self, c: u32) -> u8 {
        (self.flags(c) & 0xff) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_str(src: &str) -> Result<Value, crate::engine::LispError> {
        crate::Engine::new().eval_str(src)
    }

    use crate::builtins::testutil::setup;

    #[test]
    fn translate_follows_changes_to_the_table() {
        setup();
        let canon = casetab::current_canon_table();
        assert_eq!(Translate::new(canon).tr('A' as u32), 'a' as u32);
        assert_eq!(Translate::new(canon).tr(0xC9), 0xE9);
        let t = canon.as_char_table().unwrap();
        let saved = t.ranges.clone();
        casetab::set_char(t, 'A' as u32, Value::fixnum('q' as i64));
        assert_eq!(Translate::new(canon).tr('A' as u32), 'q' as u32);
        t.ranges = saved.clone();
        assert_eq!(Translate::new(canon).tr('A' as u32), 'a' as u32);
        // A Latin-1 change is seen by the next search, and by one already
        // started that has not looked at Latin-1 characters yet.
        let started = Translate::new(canon);
        assert_eq!(started.tr('b' as u32), 'b' as u32);
        casetab::set_char(t, 0xC9, Value::fixnum('z' as i64));
        assert_eq!(started.tr(0xC9), 'z' as u32);
        assert_eq!(Translate::new(canon).tr(0xC9), 'z' as u32);
        assert_eq!(Translate::new(canon).tr(0xC8), 0xE8);
        t.ranges = saved;
        assert_eq!(Translate::new(canon).tr(0xC9), 0xE9);
    }

    #[test]
    fn syntax_follows_parent_and_entry_changes() {
        setup();
        let table = eval_str("(make-syntax-table)").unwrap();
        let s = Syntax::new(table);
        assert_eq!(s.class('a' as u32), syntax::SWORD);
        eval_str("(setq regex-tables-test-st (make-syntax-table))").unwrap();
        let st = eval_str("regex-tables-test-st").unwrap();
        assert_eq!(Syntax::new(st).class('-' as u32), syntax::class(st, '-' as u32));
        eval_str("(modify-syntax-entry ?- \"w\" regex-tables-test-st)").unwrap();
        assert_eq!(Syntax::new(st).class('-' as u32), syntax::SWORD);
        eval_str("(set-char-table-parent regex-tables-test-st nil)").unwrap();
        assert_eq!(Syntax::new(st).class('a' as u32), syntax::class(st, 'a' as u32));
        // An entry cons changed in place.
        eval_str("(modify-syntax-entry ?% \"< 1\" regex-tables-test-st)").unwrap();
        assert_eq!(Syntax::new(st).flags('%' as u32), syntax::code_with_flags(st, '%' as u32));
        eval_str("(setcar (aref regex-tables-test-st ?%) 2)").unwrap();
        assert_eq!(Syntax::new(st).class('%' as u32), syntax::SWORD);
    }
}
