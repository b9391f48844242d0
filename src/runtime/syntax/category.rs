//! Character categories as the regexp engine needs them (`\cC`, `\CC`) and
//! word boundaries between characters of different scripts
//! (`word_boundary_p`), from GNU Emacs 30.1's standard category table and
//! `char-script-table` (generated: `gen_categories.el`).

#[rustfmt::skip]
#[path = "categories.rs"]
mod data;

use crate::runtime::specpdl::value_cell;
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;

/// `CHAR_HAS_CATEGORY`: whether C is in category CAT (a mnemonic character).
pub fn has_category(c: u32, cat: u8) -> bool {
    let r = data::CATEGORY_RANGES;
    let i = r.partition_point(|e| (e.2, e.1) < (cat, c));
    matches!(r.get(i), Some(e) if e.2 == cat && e.0 <= c)
}

/// Whether C has any category (a non-empty category set).
fn has_any_category(c: u32) -> bool {
    // Categories are few; scan the mnemonics in use.
    (0x20u8..0x7f).any(|cat| has_category(c, cat))
}

fn script_of(c: u32) -> Option<u16> {
    let r = data::SCRIPT_RANGES;
    let i = r.partition_point(|e| e.1 < c);
    match r.get(i) {
        Some(e) if e.0 <= c => Some(e.2),
        _ => None,
    }
}

/// The name of C's script in `char-script-table`.
pub fn script_name(c: u32) -> Option<&'static str> {
    script_of(c).and_then(|i| data::SCRIPTS.get(i as usize).copied())
}

fn category_list(name: &str, default: &[(Option<u8>, Option<u8>)]) -> Vec<(Option<u8>, Option<u8>)> {
    let v = value_cell(intern(name));
    if v == Value::UNBOUND {
        return default.to_vec();
    }
    let cat = |x: Value| x.as_fixnum().filter(|n| (0x20..0x7f).contains(n)).map(|n| n as u8);
    let mut out = Vec::new();
    let mut l = v;
    let mut guard = 0;
    while l.is_cons() && guard < 100_000 {
        let e = l.car();
        if e.is_cons() {
            let (a, d) = (e.car(), e.cdr());
            // Elements with a non-category, non-nil side never match.
            let ok = |x: Value| x.is_nil() || cat(x).is_some();
            if ok(a) && ok(d) {
                out.push((cat(a), cat(d)));
            }
        }
        l = l.cdr();
        guard += 1;
    }
    out
}

/// `word_boundary_p`: is there a word boundary between the word
/// constituents C1 and C2?
pub fn word_boundary_p(c1: u32, c2: u32) -> bool {
    let same_script = script_of(c1) == script_of(c2);
    let (list, default_result) = if same_script {
        (category_list("word-separating-categories", &[(Some(b'H'), Some(b'K'))]), false)
    } else {
        (
            category_list(
                "word-combining-categories",
                &[(None, Some(b'^')), (Some(b'^'), None), (Some(b'C'), Some(b'H')), (Some(b'C'), Some(b'K'))],
            ),
            true,
        )
    };
    if !has_any_category(c1) || !has_any_category(c2) {
        return default_result;
    }
    for (a, d) in list {
        let left = match a {
            None => true,
            Some(k) => has_category(c1, k) && !has_category(c2, k),
        };
        let right = match d {
            None => true,
            Some(k) => !has_category(c1, k) && has_category(c2, k),
        };
        if left && right {
            return !default_result;
        }
    }
    default_result
}

/// The default values of `word-combining-categories` and
/// `word-separating-categories` after GNU Emacs's start-up.
pub fn default_word_category_lists() -> (&'static str, &'static str) {
    (data::WORD_COMBINING, data::WORD_SEPARATING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_scripts() {
        crate::runtime::init_thread();
        crate::builtins::install();
        assert!(has_category('a' as u32, b'a'));
        assert!(has_category('a' as u32, b'l'));
        assert!(!has_category('a' as u32, b'g'));
        assert!(has_category('α' as u32, b'g'));
        assert!(has_category('日' as u32, b'C'));
        assert_eq!(script_name('a' as u32), Some("latin"));
        assert!(word_boundary_p('α' as u32, 'a' as u32 + 0x100));
    }
}
