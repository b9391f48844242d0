//! Lisp hash tables with Emacs's entry order: entries live in a slot vector,
//! a new entry takes the most recently freed slot (else the next unused one),
//! and iteration (`maphash`, printing) walks the slots in order, exactly as
//! GNU Emacs 30's `key_and_value` array does.  Tests `eq`, `eql`, `equal` and
//! user tests from `define-hash-table-test`.  Lookup goes through an
//! open-addressing index of slot numbers (linear probing, tombstones), so
//! adding an entry allocates nothing but the occasional index growth.

use super::equality::{eql, equal};
use super::error::LResult;
use super::heap::Marker;
use super::symbol_pos;
use super::value::Value;

/// Index cells: no entry / a removed entry.
const EMPTY: u32 = u32::MAX;
const TOMBSTONE: u32 = u32::MAX - 1;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum HashTest {
    Eq,
    Eql,
    Equal,
    /// A user test: (NAME EQUAL-FN HASH-FN).
    User,
}

pub struct HashTable {
    pub test: HashTest,
    /// For user tests: the test's name, equality function and hash function.
    pub user_test: [Value; 3],
    pub weakness: Value,
    /// Created with `:purecopy t` (printed back as such).
    pub purecopy: bool,
    /// The allocation size `hash-table-size` reports: the initial size
    /// (`:size`), grown as GNU Emacs grows it when a new entry finds no
    /// free slot (0 -> 6, then x4 up to 64, then x2).
    pub size: usize,
    slots: Vec<Option<(Value, Value, u64)>>,
    free: Vec<usize>,
    /// Slot numbers, by hash (power-of-two length, or empty).
    index: Vec<u32>,
    /// Index cells holding `TOMBSTONE`.
    tombstones: usize,
    count: usize,
}

impl HashTable {
    pub fn new(test: HashTest) -> HashTable {
        HashTable {
            test,
            user_test: [Value::NIL; 3],
            weakness: Value::NIL,
            purecopy: false,
            size: 0,
            slots: Vec::new(),
            free: Vec::new(),
            index: Vec::new(),
            tombstones: 0,
            count: 0,
        }
    }

    pub fn trace(&self, m: &mut Marker) {
        self.user_test.iter().for_each(|v| m.mark(*v));
        m.mark(self.weakness);
        for (k, v, _) in self.slots.iter().flatten() {
            m.mark(*k);
            m.mark(*v);
        }
    }

    /// Whether the collector may drop entries (a non-nil `:weakness`).
    pub fn is_weak(&self) -> bool {
        !self.weakness.is_nil()
    }

    /// What the collector marks of a weak table before its entries are settled.
    pub fn trace_strong_parts(&self, m: &mut Marker) {
        self.user_test.iter().for_each(|v| m.mark(*v));
        m.mark(self.weakness);
    }

    /// Whether an entry whose key and value are (not) otherwise reachable
    /// stays, by this table's weakness.
    pub fn weak_entry_kept(&self, key_live: bool, value_live: bool) -> bool {
        if !self.weakness.is_symbol() {
            return true;
        }
        match self.weakness.symbol_name() {
            "key" => key_live,
            "value" => value_live,
            "key-or-value" => key_live || value_live,
            "key-and-value" | "t" => key_live && value_live,
            _ => true,
        }
    }

    /// Removes, as `remhash` does, the entries the weakness does not keep
    /// when LIVE tells which objects are reachable.
    pub fn remove_unkept(&mut self, live: impl Fn(Value) -> bool) {
        let gone: Vec<usize> = (0..self.slots.len())
            .filter(|&i| matches!(self.slots[i], Some((k, v, _)) if !self.weak_entry_kept(live(k), live(v))))
            .collect();
        for i in gone {
            let Some((_, _, h)) = self.slots[i] else { continue };
            let mut p = self.home(h);
            while self.index[p] != i as u32 {
                p = (p + 1) & (self.index.len() - 1);
            }
            self.index[p] = TOMBSTONE;
            self.tombstones += 1;
            self.slots[i] = None;
            self.free.push(i);
            self.count -= 1;
        }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    fn hash(&self, key: Value) -> LResult<u64> {
        Ok(match self.test {
            HashTest::Eq => symbol_pos::strip_if_enabled(key).0.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            HashTest::Eql => sxhash_eql(key),
            HashTest::Equal => sxhash_equal(key, 0),
            HashTest::User => {
                let h = super::funcall(self.user_test[2], &[key])?;
                if let Some(n) = h.as_fixnum() {
                    n as u64
                } else {
                    sxhash_equal(h, 0)
                }
            }
        })
    }

    fn same(&self, a: Value, b: Value) -> LResult<bool> {
        Ok(match self.test {
            HashTest::Eq => symbol_pos::eq(a, b),
            HashTest::Eql => eql(a, b),
            HashTest::Equal => equal(a, b)?,
            HashTest::User => !super::funcall(self.user_test[1], &[a, b])?.is_nil(),
        })
    }

    /// The first index cell to probe for hash H.
    fn home(&self, h: u64) -> usize {
        home_cell(h, self.index.len())
    }

    /// The index cell and slot of KEY (hash H), if present.  (A user test's
    /// function may change the table; each probe rereads the index.)
    fn find_cell(&self, key: Value, h: u64) -> LResult<Option<(usize, usize)>> {
        if self.index.is_empty() {
            return Ok(None);
        }
        let mut p = self.home(h);
        for _ in 0..self.index.len() {
            let Some(&e) = self.index.get(p) else { return Ok(None) };
            if e == EMPTY {
                return Ok(None);
            }
            if e != TOMBSTONE {
                if let Some(Some((k, _, kh))) = self.slots.get(e as usize) {
                    if *kh == h && self.same(*k, key)? {
                        return Ok(Some((p, e as usize)));
                    }
                }
            }
            p = (p + 1) & (self.index.len() - 1);
        }
        Ok(None)
    }

    fn find(&self, key: Value, h: u64) -> LResult<Option<usize>> {
        Ok(self.find_cell(key, h)?.map(|(_, i)| i))
    }

    /// Adds slot I (hash H) to the index, growing it when three quarters full.
    fn index_insert(&mut self, i: usize, h: u64) {
        if (self.count + self.tombstones + 1) * 4 > self.index.len() * 3 {
            self.rebuild_index();
        }
        let mut p = self.home(h);
        while self.index[p] != EMPTY && self.index[p] != TOMBSTONE {
            p = (p + 1) & (self.index.len() - 1);
        }
        if self.index[p] == TOMBSTONE {
            self.tombstones -= 1;
        }
        self.index[p] = i as u32;
    }

    /// Rebuilds the index for the live slots, sized for growth.
    fn rebuild_index(&mut self) {
        let cap = ((self.count + 1) * 2).next_power_of_two().max(8);
        self.index = vec![EMPTY; cap];
        self.tombstones = 0;
        for (i, slot) in self.slots.iter().enumerate() {
            if let Some((_, _, h)) = slot {
                let mut p = home_cell(*h, cap);
                while self.index[p] != EMPTY {
                    p = (p + 1) & (cap - 1);
                }
                self.index[p] = i as u32;
            }
        }
    }

    pub fn get(&self, key: Value) -> LResult<Option<Value>> {
        let h = self.hash(key)?;
        Ok(self.find(key, h)?.map(|i| self.slots[i].unwrap().1))
    }

    pub fn put(&mut self, key: Value, value: Value) -> LResult<()> {
        let h = self.hash(key)?;
        if let Some(i) = self.find(key, h)? {
            self.slots[i].as_mut().unwrap().1 = value;
            return Ok(());
        }
        let i = match self.free.pop() {
            Some(i) => i,
            None => {
                if self.slots.len() >= self.size {
                    self.size = grown_size(self.size);
                }
                self.slots.push(None);
                self.slots.len() - 1
            }
        };
        // Index first: a rebuild inside `index_insert` must not see slot I
        // yet, or I would be indexed twice.
        self.index_insert(i, h);
        self.slots[i] = Some((key, value, h));
        self.count += 1;
        Ok(())
    }

    pub fn remove(&mut self, key: Value) -> LResult<()> {
        let h = self.hash(key)?;
        if let Some((p, i)) = self.find_cell(key, h)? {
            self.slots[i] = None;
            self.index[p] = TOMBSTONE;
            self.tombstones += 1;
            self.free.push(i);
            self.count -= 1;
        }
        Ok(())
    }

    pub fn clear(&mut self) {
        self.slots.clear();
        self.free.clear();
        self.index.clear();
        self.tombstones = 0;
        self.count = 0;
    }

    /// The index's layout, for `internal--hash-table-buckets`: for each
    /// index cell that is the home cell of some entry (in cell order), that
    /// entry group's (KEY, HASH) pairs in probe order.
    pub fn buckets(&self) -> Vec<Vec<(Value, u64)>> {
        let mut groups: Vec<Vec<(Value, u64)>> = vec![Vec::new(); self.index.len()];
        let n = self.index.len();
        // Walk from just after an empty cell so every probe run is seen
        // from its start, in probe order.
        let start = self.index.iter().position(|&e| e == EMPTY).map_or(0, |p| p + 1);
        for step in 0..n {
            let e = self.index[(start + step) % n];
            if let Some(Some((k, _, h))) = (e < TOMBSTONE).then(|| self.slots.get(e as usize)).flatten() {
                groups[self.home(*h)].push((*k, *h));
            }
        }
        groups.into_iter().filter(|g| !g.is_empty()).collect()
    }

    /// The number of index cells (`internal--hash-table-index-size`).
    pub fn index_size(&self) -> usize {
        self.index.len()
    }

    /// The entries in Emacs's iteration order.
    pub fn entries(&self) -> Vec<(Value, Value)> {
        self.slots.iter().flatten().map(|(k, v, _)| (*k, *v)).collect()
    }

    pub fn copy(&self) -> HashTable {
        HashTable {
            test: self.test,
            user_test: self.user_test,
            weakness: self.weakness,
            purecopy: self.purecopy,
            size: self.size,
            slots: self.slots.clone(),
            free: self.free.clone(),
            index: self.index.clone(),
            tombstones: self.tombstones,
            count: self.count,
        }
    }
}

/// fns.c `maybe_resize_hash_table`'s new size for a full table of SIZE.
/// The home cell of hash H among CELLS (a power of two, at least 8): the top
/// bits of H after a full 64-bit finalizer (murmur3's fmix64).  Hash codes
/// arrive with structure (fixnums are shifted, `eq` hashes are addresses,
/// `eql` ones already multiplied), which a lone multiplication would turn
/// into clusters of neighbouring keys.
#[inline]
fn home_cell(h: u64, cells: usize) -> usize {
    let mut x = h ^ (h >> 33);
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    (x >> (64 - cells.trailing_zeros())) as usize
}

fn grown_size(size: usize) -> usize {
    if size == 0 {
        return 6;
    }
    let base = size.max(6);
    if base <= 64 {
        base * 4
    } else {
        base.saturating_mul(2)
    }
}

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x100_0000_01B3)
}

pub fn sxhash_eql(v: Value) -> u64 {
    if v.is_float() {
        let f = v.float_value();
        return mix(7, f.to_bits());
    }
    if let Some(b) = v.as_bignum() {
        return b.iter_u64_digits().fold(11, mix);
    }
    symbol_pos::strip_if_enabled(v).0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A hash consistent with `equal` (bounded depth, like Emacs's sxhash).
pub fn sxhash_equal(v: Value, depth: u32) -> u64 {
    if depth > 3 {
        return 0;
    }
    if v.is_string() {
        let s = v.string_ref();
        return s.chars().fold(13, |h, c| mix(h, c as u64));
    }
    if v.is_cons() {
        let mut h = 17;
        let mut l = v;
        let mut n = 0;
        while l.is_cons() && n < 7 {
            h = mix(h, sxhash_equal(l.car(), depth + 1));
            l = l.cdr();
            n += 1;
        }
        if !l.is_cons() && !l.is_nil() {
            h = mix(h, sxhash_equal(l, depth + 1));
        }
        return h;
    }
    if let Some(items) = v.as_vector().or_else(|| v.as_record()) {
        let mut h = mix(19, items.len() as u64);
        for x in items.iter().take(7) {
            h = mix(h, sxhash_equal(*x, depth + 1));
        }
        return h;
    }
    if let Some(b) = v.as_bool_vector() {
        return b.iter().fold(23, |h, x| mix(h, *x as u64));
    }
    if v.is_obj() && v.as_closure().is_some() {
        return 29;
    }
    sxhash_eql(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_grows_as_in_emacs() {
        crate::runtime::init_thread();
        // (let ((h (make-hash-table))) (dotimes (i 97) (puthash i 1 h)) (hash-table-size h)) -> 192
        let mut h = HashTable::new(HashTest::Eql);
        let mut seen = Vec::new();
        for i in 0..97 {
            h.put(Value::fixnum(i), Value::T).ok();
            if seen.last() != Some(&h.size) {
                seen.push(h.size);
            }
        }
        assert_eq!(seen, vec![6, 24, 96, 192]);
        // A freed slot is reused without growing.
        let mut h = HashTable::new(HashTest::Eql);
        h.size = 2;
        h.put(Value::fixnum(1), Value::T).ok();
        h.put(Value::fixnum(2), Value::T).ok();
        h.remove(Value::fixnum(1)).ok();
        h.put(Value::fixnum(3), Value::T).ok();
        assert_eq!(h.size, 2);
    }

    #[test]
    fn every_entry_is_indexed_once_across_rebuilds() {
        crate::runtime::init_thread();
        let mut h = HashTable::new(HashTest::Eql);
        for i in 0..1000 {
            h.put(Value::fixnum(i), Value::T).ok();
            let indexed: usize = h.buckets().iter().map(|b| b.len()).sum();
            assert_eq!(indexed, h.count(), "after {} puts", i + 1);
        }
        for i in (0..1000).step_by(3) {
            h.remove(Value::fixnum(i)).ok();
        }
        assert_eq!(h.buckets().iter().map(|b| b.len()).sum::<usize>(), h.count());
    }

    #[test]
    fn symbols_with_position_as_keys() {
        crate::runtime::init_thread();
        let a = crate::runtime::symbol::intern("a");
        let p = symbol_pos::make(a, Value::fixnum(3));
        let flag = symbol_pos::enabled_symbol();
        // (let ((h (make-hash-table :test 'eq))) (puthash 'a 1 h)
        //   (list (gethash (position-symbol 'a 3) h)
        //         (let ((symbols-with-pos-enabled t)) (gethash (position-symbol 'a 3) h))))
        //   -> (nil 1)
        for test in [HashTest::Eq, HashTest::Eql, HashTest::Equal] {
            let mut h = HashTable::new(test);
            h.put(a, Value::fixnum(1)).ok();
            assert_eq!(h.get(p).ok(), Some(None));
            flag.sym().value = Value::T;
            assert_eq!(h.get(p).ok(), Some(Some(Value::fixnum(1))));
            flag.sym().value = Value::NIL;
        }
    }
}
