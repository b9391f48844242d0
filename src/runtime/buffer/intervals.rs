//! Text-property intervals, as GNU Emacs's intervals.c keeps them, for
//! strings and buffers alike.  Emacs stores a balanced tree whose in-order
//! sequence of intervals is observable (`object-intervals`, and printed
//! strings show one `START END PLIST` group per interval); Enoki keeps that
//! sequence directly as a vector of (length, plist), and every operation
//! splits, merges and deletes intervals exactly where Emacs's tree code does.
//! An empty vector is Emacs's NULL tree (text that never had properties).
//!
//! Positions here are 0-based offsets from the start of the object; buffer
//! code converts its 1-based positions.  A string's intervals live in
//! `LispString::props` as a list of `(START END PLIST)` covering the string,
//! including nil-plist intervals (the printer skips those).

use super::syms;
use crate::runtime::alloc::{cons, list, list3};
use crate::runtime::symbol::get;
use crate::runtime::value::Value;

#[derive(Copy, Clone, Debug)]
pub struct Iv {
    pub len: usize,
    pub plist: Value,
}

/// The interval sequence.  `ivs` may be read freely; changes of lengths or
/// of the sequence go through the methods here, which keep `starts` (the
/// offset of each interval, rebuilt lazily from the first changed index)
/// valid, so that finding an interval is a binary search.
#[derive(Clone, Default, Debug)]
pub struct Intervals {
    pub ivs: Vec<Iv>,
    starts: std::cell::RefCell<Vec<usize>>,
    /// `starts` is valid below this index.
    valid: std::cell::Cell<usize>,
}

/// `Fcopy_sequence` of a plist (a fresh list with the same elements).
pub fn copy_plist(p: Value) -> Value {
    if !p.is_cons() {
        return p;
    }
    let items: Vec<Value> = p.iter().collect();
    list(&items)
}

/// `TMEM`: SYM is in SET when SET is a list, or SET is non-nil otherwise.
fn tmem(sym: Value, set: Value) -> bool {
    if set.is_cons() {
        set.iter().any(|x| x == sym)
    } else {
        !set.is_nil()
    }
}

fn assq(key: Value, alist: Value) -> Value {
    for e in alist.iter() {
        if e.is_cons() && e.car() == key {
            return e;
        }
    }
    Value::NIL
}

/// `plist_get` (eq keys; stops at a malformed tail).
pub fn plist_get(plist: Value, prop: Value) -> Value {
    let mut l = plist;
    while l.is_cons() && l.cdr().is_cons() {
        if l.car() == prop {
            return l.cdr().car();
        }
        l = l.cdr().cdr();
    }
    Value::NIL
}

/// `textget`: PROP's value in PLIST, through `category` symbols,
/// `char-property-alias-alist` and `default-text-properties`.
pub fn textget(plist: Value, prop: Value) -> Value {
    lookup_char_property(plist, prop, true)
}

pub fn lookup_char_property(plist: Value, prop: Value, textprop: bool) -> Value {
    let s = syms();
    let mut fallback = Value::NIL;
    let mut tail = plist;
    while tail.is_cons() {
        let tem = tail.car();
        let rest = tail.cdr();
        if tem == prop {
            return rest.car_safe();
        }
        if tem == s.category {
            let cat = rest.car_safe();
            if cat.is_symbol() {
                fallback = get(cat, prop);
            }
        }
        tail = rest.cdr_safe();
    }
    if !fallback.is_nil() {
        return fallback;
    }
    let alias = assq(prop, var(s.char_property_alias_alist));
    if alias.is_cons() {
        let mut t = alias.cdr();
        while fallback.is_nil() && t.is_cons() {
            fallback = plist_get(plist, t.car());
            t = t.cdr();
        }
    }
    let defaults = var(s.default_text_properties);
    if textprop && fallback.is_nil() && defaults.is_cons() {
        fallback = plist_get(defaults, prop);
    }
    fallback
}

fn var(s: Value) -> Value {
    let v = crate::runtime::specpdl::value_cell(s);
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// `intervals_equal_1` on two plists (nil plists are default intervals).
pub fn plists_equal(p0: Value, p1: Value, use_equal: bool) -> bool {
    if p0.is_nil() && p1.is_nil() {
        return true;
    }
    if p0.is_nil() || p1.is_nil() {
        return false;
    }
    let (mut i0, mut i1) = (p0, p1);
    while i0.is_cons() && i1.is_cons() {
        let sym = i0.car();
        i0 = i0.cdr();
        if !i0.is_cons() {
            return false;
        }
        let mut v = p1;
        while v.is_cons() && v.car() != sym {
            v = v.cdr();
            if !v.is_cons() {
                return false;
            }
            v = v.cdr();
        }
        if v.is_nil() {
            return false;
        }
        if !v.is_cons() {
            return false;
        }
        v = v.cdr();
        if !v.is_cons() {
            return false;
        }
        let same = if use_equal { crate::runtime::equality::equal(v.car(), i0.car()).unwrap_or(false) } else { v.car() == i0.car() };
        if !same {
            return false;
        }
        i0 = i0.cdr();
        i1 = i1.cdr();
        if !i1.is_cons() {
            return false;
        }
        i1 = i1.cdr();
    }
    i0.is_nil() && i1.is_nil()
}

/// `merge_properties`: each property of SOURCE absent from TARGET is
/// prepended to TARGET.
pub fn merge_properties(source: Value, target: Value) -> Value {
    if source.is_nil() && target.is_nil() {
        return target;
    }
    let mut out = target;
    let mut o = source;
    while o.is_cons() {
        let sym = o.car();
        o = o.cdr();
        if !o.is_cons() {
            break;
        }
        let mut val = out;
        while val.is_cons() && val.car() != sym {
            val = val.cdr();
            if !val.is_cons() {
                break;
            }
            val = val.cdr();
        }
        if val.is_nil() {
            out = cons(sym, cons(o.car(), out));
        }
        o = o.cdr();
    }
    out
}

/// `merge_properties_sticky`: the properties text inserted between
/// intervals with plists PLEFT and PRIGHT inherits.
pub fn merge_properties_sticky(pleft: Value, pright: Value) -> Value {
    let s = syms();
    let nonsticky = var(s.text_property_default_nonsticky);
    let lfront = textget(pleft, s.front_sticky);
    let lrear = textget(pleft, s.rear_nonsticky);
    let rfront = textget(pright, s.front_sticky);
    let rrear = textget(pright, s.rear_nonsticky);
    let (mut props, mut front, mut rear) = (Vec::new(), Vec::new(), Vec::new());
    let mut t1 = pright;
    while t1.is_cons() {
        let sym = t1.car();
        let next = t1.cdr().cdr_safe();
        if sym == s.rear_nonsticky || sym == s.front_sticky {
            t1 = next;
            continue;
        }
        let rval = t1.cdr().car_safe();
        let mut t2 = pleft;
        while t2.is_cons() && t2.car() != sym {
            t2 = t2.cdr().cdr_safe();
        }
        let lpresent = !t2.is_nil();
        let lval = if t2.is_nil() { Value::NIL } else { t2.cdr_safe().car_safe() };
        let tmp = assq(sym, nonsticky);
        let mut use_left = lpresent && !(tmem(sym, lrear) || (tmp.is_cons() && !tmp.cdr().is_nil()));
        let mut use_right = tmem(sym, rfront) || (tmp.is_cons() && tmp.cdr().is_nil());
        if use_left && use_right {
            if lval.is_nil() {
                use_left = false;
            } else if rval.is_nil() {
                use_right = false;
            }
        }
        if use_left {
            props.push((sym, lval));
            if tmem(sym, lfront) {
                front.push(sym);
            }
            if tmem(sym, lrear) {
                rear.push(sym);
            }
        } else if use_right {
            props.push((sym, rval));
            if tmem(sym, rfront) {
                front.push(sym);
            }
            if tmem(sym, rrear) {
                rear.push(sym);
            }
        }
        t1 = next;
    }
    let mut t2 = pleft;
    while t2.is_cons() {
        let sym = t2.car();
        let next = t2.cdr().cdr_safe();
        if sym == s.rear_nonsticky || sym == s.front_sticky {
            t2 = next;
            continue;
        }
        let mut t1 = pright;
        while t1.is_cons() && t1.car() != sym {
            t1 = t1.cdr().cdr_safe();
        }
        if !t1.is_nil() {
            t2 = next;
            continue;
        }
        let lval = t2.cdr().car_safe();
        let tmp = assq(sym, nonsticky);
        if !(tmem(sym, lrear) || (tmp.is_cons() && !tmp.cdr().is_nil())) {
            props.push((sym, lval));
            if tmem(sym, lfront) {
                front.push(sym);
            }
        } else if tmem(sym, rfront) || (tmp.is_cons() && tmp.cdr().is_nil()) {
            front.push(sym);
            if tmem(sym, rrear) {
                rear.push(sym);
            }
        }
        t2 = next;
    }
    let mut flat = Vec::with_capacity(props.len() * 2 + 4);
    for (k, v) in props {
        flat.push(k);
        flat.push(v);
    }
    let mut out = list(&flat);
    if !rear.is_empty() {
        out = cons(s.rear_nonsticky, cons(list(&rear), out));
    }
    let cat = textget(out, s.category);
    let cat_front_sticky = !cat.is_nil() && cat.is_symbol() && get(cat, s.front_sticky).is_t();
    if !front.is_empty() && !cat_front_sticky {
        out = cons(s.front_sticky, cons(list(&front), out));
    }
    out
}

impl Intervals {
    pub fn from_ivs(ivs: Vec<Iv>) -> Intervals {
        Intervals { ivs, starts: Default::default(), valid: Default::default() }
    }
    pub fn is_null(&self) -> bool {
        self.ivs.is_empty()
    }
    pub fn total(&self) -> usize {
        match self.ivs.last() {
            Some(last) => self.start_of(self.ivs.len() - 1) + last.len,
            None => 0,
        }
    }
    /// One default interval covering LEN characters (`create_root_interval`).
    pub fn root(len: usize) -> Intervals {
        Intervals::from_ivs(vec![Iv { len, plist: Value::NIL }])
    }

    /// Records that lengths or intervals changed from index IDX on.
    fn touch(&self, idx: usize) {
        if idx < self.valid.get() {
            self.valid.set(idx);
        }
    }

    /// Makes `starts` valid for every interval.
    fn index(&self) -> std::cell::Ref<'_, Vec<usize>> {
        let n = self.ivs.len();
        let v = self.valid.get();
        if v < n || self.starts.borrow().len() != n {
            let mut st = self.starts.borrow_mut();
            // Entries below the first change are still right.
            let from = v.min(n).min(st.len());
            st.resize(n, 0);
            for k in from..n {
                st[k] = if k == 0 { 0 } else { st[k - 1] + self.ivs[k - 1].len };
            }
            self.valid.set(n);
        }
        self.starts.borrow()
    }

    /// `find_interval`: the index and start of the interval containing POS
    /// (the last interval when POS is the end).  The tree must not be null.
    pub fn find(&self, pos: usize) -> (usize, usize) {
        let st = self.index();
        if st.is_empty() {
            return (0, 0);
        }
        let k = st.partition_point(|&s| s <= pos).saturating_sub(1);
        (k, st[k])
    }

    pub fn start_of(&self, idx: usize) -> usize {
        if idx >= self.ivs.len() {
            return self.ivs.iter().map(|i| i.len).sum();
        }
        self.index()[idx]
    }

    /// `split_interval_right`: interval IDX keeps its first OFFSET chars; the
    /// rest becomes a new interval (nil plist) at IDX + 1, which is returned.
    pub fn split_right(&mut self, idx: usize, offset: usize) -> usize {
        let rest = self.ivs[idx].len - offset;
        self.ivs[idx].len = offset;
        self.ivs.insert(idx + 1, Iv { len: rest, plist: Value::NIL });
        self.touch(idx);
        idx + 1
    }

    /// `split_interval_left`: a new interval (nil plist) for the first OFFSET
    /// chars of interval IDX is inserted at IDX (and returned); the original
    /// moves to IDX + 1.
    pub fn split_left(&mut self, idx: usize, offset: usize) -> usize {
        self.ivs[idx].len -= offset;
        self.ivs.insert(idx, Iv { len: offset, plist: Value::NIL });
        self.touch(idx);
        idx
    }

    /// `copy_properties` from interval SRC to interval DST.
    pub fn copy_properties(&mut self, src: usize, dst: usize) {
        let p = self.ivs[src].plist;
        if p.is_nil() && self.ivs[dst].plist.is_nil() {
            return;
        }
        self.ivs[dst].plist = copy_plist(p);
    }

    /// `merge_interval_right`: IDX is absorbed by its successor (whose
    /// properties stay); returns the successor's new index.
    pub fn merge_right(&mut self, idx: usize) -> usize {
        let absorb = self.ivs[idx].len;
        self.ivs[idx + 1].len += absorb;
        self.ivs.remove(idx);
        self.touch(idx);
        idx
    }

    /// `merge_interval_left`: IDX is absorbed by its predecessor.
    pub fn merge_left(&mut self, idx: usize) -> usize {
        let absorb = self.ivs[idx].len;
        self.ivs[idx - 1].len += absorb;
        self.ivs.remove(idx);
        self.touch(idx - 1);
        idx - 1
    }

    /// `adjust_intervals_for_insertion`: LENGTH chars were inserted at
    /// offset POSITION; decides, by stickiness, which interval they join.
    pub fn adjust_for_insertion(&mut self, position: usize, length: usize) {
        if self.is_null() || length == 0 {
            return;
        }
        let total = self.total();
        let (mut position, mut eobp) = (position, false);
        if position >= total {
            position = total;
            eobp = true;
        }
        let (mut i, mut istart) = self.find(position);
        if !(position == istart || eobp) && self.middle_insertion_splits(i) {
            let t = self.split_right(i, position - istart);
            self.copy_properties(i, t);
            i = t;
            istart = position;
        }
        if position == istart || eobp {
            let (prev, cur) = if position == 0 {
                (None, Some(i))
            } else if eobp {
                (Some(i), None)
            } else {
                (Some(i - 1), Some(i))
            };
            let grow = prev.or(cur).unwrap_or(0);
            self.ivs[grow].len += length;
            self.touch(grow);
            let pleft = prev.map(|p| self.ivs[p].plist).unwrap_or(Value::NIL);
            let pright = cur.map(|c| self.ivs[c].plist).unwrap_or(Value::NIL);
            let newp = merge_properties_sticky(pleft, pright);
            match prev {
                None => {
                    let c = cur.unwrap_or(0);
                    if !plists_equal(self.ivs[c].plist, newp, false) {
                        let n = self.split_left(c, length);
                        self.ivs[n].plist = newp;
                    }
                }
                Some(p) => {
                    if !plists_equal(self.ivs[p].plist, newp, false) {
                        let pstart = self.start_of(p);
                        let n = self.split_right(p, position - pstart);
                        self.ivs[n].plist = newp;
                        if cur.is_some() && plists_equal(self.ivs[n].plist, self.ivs[n + 1].plist, false) {
                            self.merge_right(n);
                        }
                    }
                }
            }
        } else {
            self.ivs[i].len += length;
            self.touch(i);
        }
    }

    /// Whether text inserted inside interval I must not simply take its
    /// properties (some property of I is not sticky on both sides).
    fn middle_insertion_splits(&self, i: usize) -> bool {
        let s = syms();
        let plist = self.ivs[i].plist;
        let rear = textget(plist, s.rear_nonsticky);
        if !rear.is_cons() && !rear.is_nil() {
            return !plist.is_nil();
        }
        let front = textget(plist, s.front_sticky);
        if !front.is_cons() && !front.is_nil() {
            return false;
        }
        let nonsticky = var(s.text_property_default_nonsticky);
        let mut tail = plist;
        while tail.is_cons() {
            let prop = tail.car();
            if front.is_cons() && front.iter().any(|x| x == prop) {
                tail = tail.cdr().cdr_safe();
                continue;
            }
            if rear.is_cons() && rear.iter().any(|x| x == prop) {
                return true;
            }
            let tmp = assq(prop, nonsticky);
            if tmp.is_cons() {
                // (Emacs tests the cons itself, which is never nil.)
                return true;
            }
            tail = tail.cdr().cdr_safe();
        }
        false
    }

    /// `adjust_intervals_for_deletion`: LENGTH chars at offset START are gone.
    pub fn adjust_for_deletion(&mut self, start: usize, length: usize) {
        if self.is_null() || length == 0 {
            return;
        }
        let total = self.total();
        if length >= total {
            self.ivs.clear();
            self.touch(0);
            return;
        }
        if self.ivs.len() == 1 {
            self.ivs[0].len -= length;
            self.touch(0);
            return;
        }
        let start = start.min(total);
        let mut left = length;
        while left > 0 {
            let (i, istart) = self.find(start);
            let avail = istart + self.ivs[i].len - start;
            let amount = left.min(avail);
            self.ivs[i].len -= amount;
            if self.ivs[i].len == 0 {
                self.ivs.remove(i);
            }
            self.touch(i);
            left -= amount;
            if amount == 0 || self.ivs.is_empty() {
                break;
            }
            if left > 0 && left == self.total() {
                self.ivs.clear();
                self.touch(0);
                return;
            }
        }
    }

    /// `offset_intervals`: LENGTH > 0 inserted or < 0 deleted at START.
    pub fn offset(&mut self, start: usize, length: isize) {
        if self.is_null() || length == 0 {
            return;
        }
        if length > 0 {
            self.adjust_for_insertion(start, length as usize);
        } else {
            self.adjust_for_deletion(start, length.unsigned_abs());
        }
    }

    /// `copy_intervals`: the intervals of START..START+LENGTH as a new tree.
    pub fn copy_range(&self, start: usize, length: usize) -> Intervals {
        if self.is_null() || length == 0 {
            return Intervals::default();
        }
        let (mut i, istart) = self.find(start);
        if (start - istart + 1 + length) < self.ivs[i].len && self.ivs[i].plist.is_nil() {
            return Intervals::default();
        }
        let mut out = Vec::new();
        let mut got = self.ivs[i].len - (start - istart);
        out.push(Iv { len: got.min(length), plist: copy_plist(self.ivs[i].plist) });
        while got < length && i + 1 < self.ivs.len() {
            i += 1;
            let l = self.ivs[i].len;
            let take = l.min(length - got);
            out.push(Iv { len: take, plist: copy_plist(self.ivs[i].plist) });
            got += l;
        }
        Intervals::from_ivs(out)
    }

    /// `graft_intervals_into_buffer`: the LENGTH chars just inserted at
    /// offset POSITION (the tree already adjusted by `offset`) get the
    /// intervals SOURCE (or, when it is null and not INHERIT, no properties).
    /// TEXT_LEN is the whole text's length after the insertion.
    /// HOOK sees the `set_properties` calls (undo records of buffers).
    pub fn graft(&mut self, source: &Intervals, position: usize, length: usize, text_len: usize, inherit: bool, hook: Option<SetHook>) {
        if source.is_null() {
            if !inherit && !self.is_null() && length > 0 {
                let (i, _) = self.find(position);
                set_text_properties_1_hook(self, position, position + length, Value::NIL, i, hook);
            }
            return;
        }
        if text_len == length {
            self.ivs = source.ivs.iter().map(|iv| Iv { len: iv.len, plist: copy_plist(iv.plist) }).collect();
            self.touch(0);
            return;
        }
        if self.is_null() {
            *self = Intervals::root(text_len);
        }
        let (mut under, ustart) = self.find(position);
        if position > ustart {
            let e = self.split_left(under, position - ustart);
            self.copy_properties(under + 1, e);
            under = e + 1;
        }
        let mut over = 0;
        let mut over_used = 0;
        while over < source.ivs.len() && under < self.ivs.len() {
            let olen = source.ivs[over].len - over_used;
            let this = if olen < self.ivs[under].len {
                let t = self.split_left(under, olen);
                self.copy_properties(t + 1, t);
                t
            } else {
                under
            };
            let op = source.ivs[over].plist;
            if inherit {
                self.ivs[this].plist = merge_properties(op, self.ivs[this].plist);
            } else if !(op.is_nil() && self.ivs[this].plist.is_nil()) {
                self.ivs[this].plist = copy_plist(op);
            }
            if self.ivs[this].len == olen {
                over += 1;
                over_used = 0;
            } else {
                over_used += self.ivs[this].len;
            }
            under = this + 1;
        }
    }

    pub fn trace(&self, m: &mut crate::runtime::heap::Marker) {
        for iv in self.ivs.iter() {
            m.mark(iv.plist);
        }
    }

    /// The intervals as Lisp data: `((START END PLIST) ...)` from BASE.
    pub fn to_list(&self, base: usize) -> Value {
        let mut items = Vec::with_capacity(self.ivs.len());
        let mut pos = base;
        for iv in self.ivs.iter() {
            items.push(list3(Value::fixnum(pos as i64), Value::fixnum((pos + iv.len) as i64), iv.plist));
            pos += iv.len;
        }
        list(&items)
    }
}

/// Called by `set_properties` before an interval's plist is replaced:
/// (interval start offset, length, old plist, new properties).
pub type SetHook<'a> = &'a mut dyn FnMut(usize, usize, Value, Value);

/// `set_properties`: the interval's plist becomes a copy of PROPERTIES.
fn set_properties(t: &mut Intervals, idx: usize, properties: Value, hook: &mut Option<SetHook>) {
    if let Some(h) = hook.as_mut() {
        h(t.start_of(idx), t.ivs[idx].len, t.ivs[idx].plist, properties);
    }
    t.ivs[idx].plist = copy_plist(properties);
}

/// `set_text_properties_1`: replaces the properties of START..END (offsets)
/// with PROPERTIES; I is the index of the interval containing START.
pub fn set_text_properties_1(t: &mut Intervals, start: usize, end: usize, properties: Value, i: usize) {
    set_text_properties_1_hook(t, start, end, properties, i, None)
}

/// `set_text_properties_1` calling HOOK for each `set_properties` (undo).
pub fn set_text_properties_1_hook(t: &mut Intervals, start: usize, end: usize, properties: Value, i: usize, mut hook: Option<SetHook>) {
    if end <= start {
        return;
    }
    let mut len = end - start;
    let mut i = i;
    let mut prev_changed: Option<usize> = None;
    let istart = t.start_of(i);
    if istart != start {
        let unchanged = i;
        i = t.split_right(unchanged, start - istart);
        if t.ivs[i].len > len {
            t.copy_properties(unchanged, i);
            let n = t.split_left(i, len);
            set_properties(t, n, properties, &mut hook);
            return;
        }
        set_properties(t, i, properties, &mut hook);
        if t.ivs[i].len == len {
            return;
        }
        prev_changed = Some(i);
        len -= t.ivs[i].len;
        i += 1;
    }
    while len > 0 && i < t.ivs.len() {
        if t.ivs[i].len >= len {
            if t.ivs[i].len > len {
                i = t.split_left(i, len);
            }
            set_properties(t, i, properties, &mut hook);
            if prev_changed.is_some() {
                t.merge_left(i);
            }
            return;
        }
        len -= t.ivs[i].len;
        set_properties(t, i, properties, &mut hook);
        if prev_changed.is_none() {
            prev_changed = Some(i);
        } else {
            i = t.merge_left(i);
            prev_changed = Some(i);
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------
// Strings' intervals.

/// The intervals of string S (from `LispString::props`), gaps between the
/// listed ranges filled with default intervals.  Empty when S has none.
pub fn string_intervals(s: Value) -> Intervals {
    let st = s.string_ref();
    if st.props.is_nil() || st.nchars == 0 {
        return Intervals::default();
    }
    let mut ranges: Vec<(usize, usize, Value)> = Vec::new();
    for iv in st.props.iter() {
        let (Some(a), Some(b)) = (iv.car_safe().as_fixnum(), iv.cdr_safe().car_safe().as_fixnum()) else {
            continue;
        };
        let (a, b) = (a.max(0) as usize, (b.max(0) as usize).min(st.nchars));
        if a < b {
            ranges.push((a, b, iv.cdr_safe().cdr_safe().car_safe()));
        }
    }
    ranges.sort_by_key(|r| r.0);
    let mut ivs = Vec::with_capacity(ranges.len() + 2);
    let mut pos = 0;
    for (a, b, p) in ranges {
        let a = a.max(pos);
        if a >= b {
            continue;
        }
        if a > pos {
            ivs.push(Iv { len: a - pos, plist: Value::NIL });
        }
        ivs.push(Iv { len: b - a, plist: p });
        pos = b;
    }
    if ivs.is_empty() {
        return Intervals::default();
    }
    if pos < st.nchars {
        ivs.push(Iv { len: st.nchars - pos, plist: Value::NIL });
    }
    Intervals::from_ivs(ivs)
}

/// Stores T as string S's intervals.
pub fn set_string_intervals(s: Value, t: &Intervals) {
    s.string_ref().props = if t.is_null() { Value::NIL } else { t.to_list(0) };
}

/// `compare_string_intervals`: whether strings A and B (same text) have the
/// same properties at every position (values compared with `equal`).
pub fn string_props_equal(a: Value, b: Value) -> bool {
    let (x, y) = (string_intervals(a), string_intervals(b));
    let end = a.string_ref().nchars;
    let at = |t: &Intervals, k: usize| t.ivs.get(k).map(|i| (i.len, i.plist));
    let (mut i1, mut i2) = (0usize, 0usize);
    let (mut e1, mut e2) = (at(&x, 0).map(|p| p.0).unwrap_or(end), at(&y, 0).map(|p| p.0).unwrap_or(end));
    let mut pos = 0;
    while pos < end {
        let p1 = at(&x, i1).map(|p| p.1).unwrap_or(Value::NIL);
        let p2 = at(&y, i2).map(|p| p.1).unwrap_or(Value::NIL);
        if !plists_equal(p1, p2, true) {
            return false;
        }
        let next = e1.min(e2);
        if next <= pos {
            break;
        }
        pos = next;
        if e1 == pos {
            i1 += 1;
            e1 += at(&x, i1).map(|p| p.0).unwrap_or(end);
        }
        if e2 == pos {
            i2 += 1;
            e2 += at(&y, i2).map(|p| p.0).unwrap_or(end);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::symbol::intern;

    use crate::builtins::testutil::setup;

    fn shape(t: &Intervals) -> Vec<(usize, bool)> {
        t.ivs.iter().map(|iv| (iv.len, !iv.plist.is_nil())).collect()
    }

    #[test]
    fn insertion_and_deletion_follow_emacs_splits() {
        setup();
        // "abcd" with (f 1) on the second char: ((0 1 nil) (1 2 (f 1)) (2 4 nil)).
        let f = list(&[intern("f"), Value::fixnum(1)]);
        let mut t = Intervals::root(4);
        let (i, _) = t.find(1);
        set_text_properties_1(&mut t, 1, 2, f, i);
        assert_eq!(shape(&t), vec![(1, false), (1, true), (2, false)]);
        // Plain text inserted after the property (Emacs: (2 4 nil) is new).
        t.offset(2, 2);
        t.graft(&Intervals::default(), 2, 2, 6, false, None);
        assert_eq!(shape(&t), vec![(1, false), (1, true), (2, false), (2, false)]);
        // At the beginning: the inserted text gets an interval of its own.
        t.offset(0, 2);
        t.graft(&Intervals::default(), 0, 2, 8, false, None);
        assert_eq!(shape(&t), vec![(2, false), (1, false), (1, true), (2, false), (2, false)]);
        // Deleting the whole text empties the tree; most of it leaves the rest.
        let mut u = t.clone();
        u.adjust_for_deletion(0, 8);
        assert!(u.is_null());
        t.adjust_for_deletion(1, 5);
        assert_eq!(t.total(), 3);
    }

    #[test]
    fn sticky_properties_merge_as_in_emacs() {
        setup();
        let face = intern("face");
        let bold = intern("bold");
        let left = list(&[face, bold]);
        // Rear-sticky by default: text after "bold" inherits it.
        assert!(plists_equal(merge_properties_sticky(left, Value::NIL), left, false));
        // rear-nonsticky t on the left: nothing is inherited.
        let nonsticky = list(&[face, bold, intern("rear-nonsticky"), Value::T]);
        assert!(merge_properties_sticky(nonsticky, Value::NIL).is_nil());
    }

    #[test]
    fn string_intervals_fill_gaps_with_default_intervals() {
        setup();
        let s = crate::runtime::string::make_string("abcdef");
        let plist = list(&[intern("a"), Value::fixnum(1)]);
        s.string_ref().props = list(&[list3(Value::fixnum(2), Value::fixnum(4), plist)]);
        let t = string_intervals(s);
        assert_eq!(shape(&t), vec![(2, false), (2, true), (2, false)]);
        let c = t.copy_range(1, 4);
        assert_eq!(shape(&c), vec![(1, false), (2, true), (1, false)]);
    }
}
