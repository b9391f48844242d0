//! GNU Emacs 30's obarray layout (lread.c): 2^BITS buckets, each a chain of
//! symbols that a new symbol joins at the front; a symbol's bucket is
//! `knuth_hash` of fns.c's `hash_string` of its name; the table doubles
//! (re-chaining every symbol, bucket by bucket) once it holds more symbols
//! than buckets.  Enoki's obarrays use this very layout, so `mapatoms` walks
//! a fresh obarray's symbols in Emacs's order and `internal--obarray-buckets`
//! shows Emacs's buckets.

/// `obarray_default_bits`: the size of `(obarray-make)` and of a cleared obarray.
pub const DEFAULT_BITS: u32 = 3;
/// The initial obarray's size (`make_obarray (15)` in `init_obarray_once`).
pub const INITIAL_BITS: u32 = 15;
/// `obarray_max_bits` on a 64-bit machine.
pub const MAX_BITS: u32 = 31;

/// `sxhash_combine`.
#[inline]
fn combine(x: u64, y: u64) -> u64 {
    (x << 4).wrapping_add(x >> 60).wrapping_add(y)
}

/// fns.c's `hash_string` (64-bit, little-endian loads).
pub fn hash_string(s: &[u8]) -> u64 {
    let len = s.len();
    let mut hash = len as u64;
    let word = |at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    if len >= 8 {
        let step = 8.max(len >> 3);
        let mut p = 0;
        while p + 8 <= len {
            hash = combine(hash, word(p));
            p += step;
        }
        return combine(hash, word(len - 8));
    }
    let (mut tail, mut p) = (0u64, 0);
    if len - p >= 4 {
        tail = (tail << 32) + u32::from_le_bytes([s[p], s[p + 1], s[p + 2], s[p + 3]]) as u64;
        p += 4;
    }
    if len - p >= 2 {
        tail = (tail << 16) + u16::from_le_bytes([s[p], s[p + 1]]) as u64;
        p += 2;
    }
    if p < len {
        tail = (tail << 8) + s[p] as u64;
    }
    combine(hash, tail)
}

/// `knuth_hash (reduce_emacs_uint_to_hash_hash (HASH), BITS)`.
fn bucket_of(hash: u64, bits: u32) -> usize {
    let h = (hash ^ (hash >> 32)) as u32;
    (h.wrapping_mul(2_654_435_769) as u64 >> (32 - bits)) as usize
}

/// An obarray's buckets of symbols T (chains listed front first).
pub struct ObTable<T: Copy + PartialEq> {
    bits: u32,
    buckets: Vec<Vec<T>>,
    count: usize,
}

impl<T: Copy + PartialEq> ObTable<T> {
    pub fn new(bits: u32) -> ObTable<T> {
        ObTable { bits, buckets: vec![Vec::new(); 1 << bits], count: 0 }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The symbol named NAME (NAME_OF gives a symbol's name).
    pub fn get(&self, name: &[u8], name_of: impl Fn(T) -> &'static [u8]) -> Option<T> {
        let b = &self.buckets[bucket_of(hash_string(name), self.bits)];
        b.iter().copied().find(|&s| name_of(s) == name)
    }

    /// Adds SYM (named NAME, not present yet) at the front of its chain.
    pub fn insert(&mut self, name: &[u8], sym: T, name_of: impl Fn(T) -> &'static [u8]) {
        self.buckets[bucket_of(hash_string(name), self.bits)].insert(0, sym);
        self.count += 1;
        if self.count > self.buckets.len() && self.bits < MAX_BITS {
            self.grow(name_of);
        }
    }

    /// `grow_obarray`: each old bucket's chain, front to back, is pushed
    /// onto the front of its new chain.
    fn grow(&mut self, name_of: impl Fn(T) -> &'static [u8]) {
        self.bits += 1;
        let old = std::mem::replace(&mut self.buckets, vec![Vec::new(); 1 << self.bits]);
        for chain in old {
            for s in chain {
                self.buckets[bucket_of(hash_string(name_of(s)), self.bits)].insert(0, s);
            }
        }
    }

    /// Removes SYM (named NAME) if it is in the table; whether it was.
    pub fn remove(&mut self, name: &[u8], sym: T) -> bool {
        let b = &mut self.buckets[bucket_of(hash_string(name), self.bits)];
        match b.iter().position(|&s| s == sym) {
            Some(i) => {
                b.remove(i);
                self.count -= 1;
                true
            }
            None => false,
        }
    }

    /// `obarray-clear`: empty, back to the default size.
    pub fn clear(&mut self) {
        *self = ObTable::new(DEFAULT_BITS);
    }

    /// The symbols in `DOOBARRAY` order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.buckets.iter().flat_map(|b| b.iter().copied())
    }

    /// Every bucket's chain (empty ones included).
    pub fn buckets(&self) -> &[Vec<T>] {
        &self.buckets
    }
}

/// `obarray-make`'s bits for size hint N: `elogb (N) + 1`.
pub fn bits_for_size(n: u64) -> u32 {
    if n == 0 {
        0
    } else {
        64 - n.leading_zeros()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_string_short_and_long() {
        // Hand-checked against fns.c's algorithm: "" hashes to its length
        // combined with a zero tail.
        assert_eq!(hash_string(b""), 0);
        assert_eq!(hash_string(b"a"), combine(1, 97));
        let s = b"long-symbol-name";
        let w = |i: usize| u64::from_le_bytes(s[i..i + 8].try_into().unwrap());
        assert_eq!(hash_string(s), combine(combine(combine(16, w(0)), w(8)), w(8)));
    }

    #[test]
    fn bits_for_sizes() {
        assert_eq!(bits_for_size(0), 0);
        assert_eq!(bits_for_size(1), 1);
        assert_eq!(bits_for_size(8), 4);
        assert_eq!(bits_for_size(100), 7);
    }
}
