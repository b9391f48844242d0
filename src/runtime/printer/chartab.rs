//! Char-tables as Emacs prints them: `#^[DEFALT PARENT PURPOSE ASCII C0..C63
//! EXTRAS...]`, where each of the 64 top-level slots covers 65536 characters
//! and holds either one value (the whole block is uniform) or a sub-char-table
//! `#^^[DEPTH MIN-CHAR ...]` (16 slots of 4096 chars, then 32 of 128, then 128
//! single characters).  Enoki stores char-tables as ranges plus the set of
//! sub-tables Emacs's trie would hold, so the layout is rebuilt here: a block
//! is a sub-table when one is recorded there (Emacs keeps sub-tables that
//! became uniform, until `optimize-char-table`) or when its values differ.

use super::super::object::{AsciiSlot, CharTable};
use super::super::value::Value;

const CHARS: [u32; 4] = [65536, 4096, 128, 1];
const SIZE: [usize; 4] = [64, 16, 32, 128];

pub enum Item {
    V(Value),
    Sub(SubTable),
}

pub struct SubTable {
    pub depth: u8,
    pub min_char: u32,
    pub items: Vec<Item>,
}

impl Clone for Item {
    fn clone(&self) -> Item {
        match self {
            Item::V(v) => Item::V(*v),
            Item::Sub(s) => Item::Sub(SubTable { depth: s.depth, min_char: s.min_char, items: s.items.clone() }),
        }
    }
}

/// The value stored for every character of [LO, HI], if they all agree.
fn uniform(t: &CharTable, lo: u32, hi: u32) -> Option<Value> {
    let start = t.ranges.partition_point(|r| r.1 < lo);
    let mut pos = lo;
    let mut seen: Option<Value> = None;
    let agree = |v: Value, seen: &mut Option<Value>| match seen {
        None => {
            *seen = Some(v);
            true
        }
        Some(s) => *s == v,
    };
    for r in &t.ranges[start..] {
        if r.0 > hi {
            break;
        }
        if r.0 > pos && !agree(Value::NIL, &mut seen) {
            return None;
        }
        if !agree(r.2, &mut seen) {
            return None;
        }
        pos = r.1.saturating_add(1);
        if pos > hi {
            break;
        }
    }
    if pos <= hi && !agree(Value::NIL, &mut seen) {
        return None;
    }
    Some(seen.unwrap_or(Value::NIL))
}

fn block(t: &CharTable, depth: usize, lo: u32) -> Item {
    let hi = lo + CHARS[depth] - 1;
    let listed = depth < 3 && t.subtables.contains(&(depth as u8 + 1, lo));
    match uniform(t, lo, hi) {
        Some(v) if !listed => Item::V(v),
        _ => Item::Sub(sub_table(t, depth + 1, lo)),
    }
}

fn sub_table(t: &CharTable, depth: usize, min_char: u32) -> SubTable {
    let items = (0..SIZE[depth]).map(|i| block(t, depth, min_char + i as u32 * CHARS[depth])).collect();
    SubTable { depth: depth as u8, min_char, items }
}

/// The printed slots of char-table V: DEFALT PARENT PURPOSE ASCII, the 64
/// top-level blocks, then the extra slots.
pub fn layout(v: Value) -> Vec<Item> {
    let Some(t) = v.as_char_table() else { return Vec::new() };
    let contents: Vec<Item> = (0..SIZE[0]).map(|i| block(t, 0, i as u32 * CHARS[0])).collect();
    let ascii = match &t.ascii {
        AsciiSlot::Fresh => ascii_slot(&contents),
        AsciiSlot::Value(v) => Item::V(*v),
        AsciiSlot::Sub(a) => Item::Sub(SubTable { depth: 3, min_char: 0, items: a.iter().map(|x| Item::V(*x)).collect() }),
    };
    let mut items = vec![Item::V(t.default), Item::V(t.parent), Item::V(t.purpose), ascii];
    items.extend(contents);
    items.extend(t.extras.iter().map(|x| Item::V(*x)));
    items
}

/// Emacs's `char_table_ascii`: the sub-table (or value) for characters 0..127.
fn ascii_slot(contents: &[Item]) -> Item {
    let mut cur = &contents[0];
    for _ in 0..2 {
        match cur {
            Item::Sub(s) => cur = &s.items[0],
            Item::V(_) => return cur.clone(),
        }
    }
    cur.clone()
}

/// Every value the table's printed form contains, in printing order (the
/// ASCII slot's copy of the table's own first sub-table is not repeated).
pub fn leaf_values(v: Value) -> Vec<Value> {
    let mut out = Vec::new();
    let items = layout(v);
    let own_ascii = v.as_char_table().is_some_and(|t| matches!(t.ascii, AsciiSlot::Fresh));
    for (i, it) in items.iter().enumerate() {
        if i == 3 && own_ascii && matches!(it, Item::Sub(_)) {
            continue;
        }
        collect(it, &mut out);
    }
    out
}

fn collect(it: &Item, out: &mut Vec<Value>) {
    match it {
        Item::V(v) => out.push(*v),
        Item::Sub(s) => s.items.iter().for_each(|x| collect(x, out)),
    }
}
