//! The `[:class:]` character classes of Emacs regexps: their names, the
//! range-table bits that stand for them in compiled charsets, and the
//! predicates (`ISALPHA`, `ISGRAPH` ...) for ASCII (fixed rules) and other
//! characters (Unicode general categories, or the syntax table for space,
//! word and punctuation, or the case table for upper/lower).

use super::unicode;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CharClass {
    Alnum,
    Alpha,
    Blank,
    Cntrl,
    Digit,
    Graph,
    Lower,
    Print,
    Punct,
    Space,
    Upper,
    Xdigit,
    Ascii,
    Nonascii,
    Unibyte,
    Multibyte,
    Word,
}

pub const BIT_WORD: u32 = 0x1;
pub const BIT_LOWER: u32 = 0x2;
pub const BIT_PUNCT: u32 = 0x4;
pub const BIT_SPACE: u32 = 0x8;
pub const BIT_UPPER: u32 = 0x10;
pub const BIT_MULTIBYTE: u32 = 0x20;
pub const BIT_ALPHA: u32 = 0x40;
pub const BIT_ALNUM: u32 = 0x80;
pub const BIT_GRAPH: u32 = 0x100;
pub const BIT_PRINT: u32 = 0x200;
pub const BIT_BLANK: u32 = 0x400;

const SWHITESPACE: u8 = 0;
const SWORD: u8 = 2;

impl CharClass {
    pub fn from_name(name: &str) -> Option<CharClass> {
        Some(match name {
            "word" => CharClass::Word,
            "alnum" => CharClass::Alnum,
            "alpha" => CharClass::Alpha,
            "space" => CharClass::Space,
            "digit" => CharClass::Digit,
            "blank" => CharClass::Blank,
            "upper" => CharClass::Upper,
            "lower" => CharClass::Lower,
            "punct" => CharClass::Punct,
            "ascii" => CharClass::Ascii,
            "graph" => CharClass::Graph,
            "print" => CharClass::Print,
            "cntrl" => CharClass::Cntrl,
            "xdigit" => CharClass::Xdigit,
            "unibyte" => CharClass::Unibyte,
            "nonascii" => CharClass::Nonascii,
            "multibyte" => CharClass::Multibyte,
            _ => return None,
        })
    }

    /// `re_wctype_to_bit`: how the class is matched for non-ASCII characters.
    pub fn range_bit(self) -> u32 {
        match self {
            CharClass::Nonascii | CharClass::Multibyte => BIT_MULTIBYTE,
            CharClass::Alpha => BIT_ALPHA,
            CharClass::Alnum => BIT_ALNUM,
            CharClass::Word => BIT_WORD,
            CharClass::Lower => BIT_LOWER,
            CharClass::Upper => BIT_UPPER,
            CharClass::Punct => BIT_PUNCT,
            CharClass::Space => BIT_SPACE,
            CharClass::Graph => BIT_GRAPH,
            CharClass::Print => BIT_PRINT,
            CharClass::Blank => BIT_BLANK,
            _ => 0,
        }
    }
}

/// `re_iswctype` for an ASCII character (at compile time).
pub fn ascii_in_class(
    c: u32,
    cc: CharClass,
    syntax: &dyn Fn(u32) -> u8,
    is_lower: &dyn Fn(u32) -> bool,
    is_upper: &dyn Fn(u32) -> bool,
) -> bool {
    match cc {
        CharClass::Alnum => is_alnum(c),
        CharClass::Alpha => is_alpha(c),
        CharClass::Blank => is_blank(c),
        CharClass::Cntrl => c < 0x20,
        CharClass::Digit => (0x30..=0x39).contains(&c),
        CharClass::Graph => is_graph(c),
        CharClass::Lower => is_lower(c),
        CharClass::Print => is_print(c),
        CharClass::Punct => is_punct(c, syntax),
        CharClass::Space => syntax(c) == SWHITESPACE,
        CharClass::Upper => is_upper(c),
        CharClass::Xdigit => matches!(c, 0x30..=0x39 | 0x41..=0x46 | 0x61..=0x66),
        CharClass::Ascii => c < 0x80,
        CharClass::Nonascii => c >= 0x80,
        CharClass::Unibyte => c < 0x100,
        CharClass::Multibyte => c >= 0x100,
        CharClass::Word => syntax(c) == SWORD,
    }
}

/// The general-category group of C (see `unicode.rs`).
fn category_group(c: u32) -> u8 {
    if c > 0x10FFFF {
        return 5;
    }
    let r = unicode::CLASS_RANGES;
    let i = r.partition_point(|e| e.1 < c);
    r.get(i).map(|e| e.2).unwrap_or(5)
}

pub fn is_alpha(c: u32) -> bool {
    if c < 0x80 {
        (0x61..=0x7a).contains(&c) || (0x41..=0x5a).contains(&c)
    } else {
        category_group(c) == 1
    }
}
pub fn is_alnum(c: u32) -> bool {
    if c < 0x80 {
        is_alpha(c) || (0x30..=0x39).contains(&c)
    } else {
        matches!(category_group(c), 1 | 2)
    }
}
pub fn is_blank(c: u32) -> bool {
    if c < 0x80 {
        c == 0x20 || c == 0x09
    } else {
        category_group(c) == 3
    }
}
pub fn is_graph(c: u32) -> bool {
    if c < 0x100 {
        c > 0x20 && !(0x7f..=0xa0).contains(&c)
    } else {
        !matches!(category_group(c), 3..=5)
    }
}
pub fn is_print(c: u32) -> bool {
    if c < 0x100 {
        c >= 0x20 && !(0x7f..=0x9f).contains(&c)
    } else {
        category_group(c) != 5
    }
}
pub fn is_punct(c: u32, syntax: &dyn Fn(u32) -> u8) -> bool {
    if c < 0x80 {
        c > 0x20 && c < 0x7f && !is_alnum(c)
    } else {
        syntax(c) != SWORD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_groups() {
        assert!(is_alpha(0xE9));
        assert!(is_alnum(0x663)); // ARABIC-INDIC DIGIT THREE
        assert!(!is_alpha(0x663));
        assert!(is_blank(0x3000));
        assert!(!is_graph(0x2028));
        assert!(is_print(0x2028));
        assert!(!is_print(0x378));
        assert!(!is_print(0x110000));
    }
}
