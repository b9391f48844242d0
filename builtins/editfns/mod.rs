//! Primitives of GNU Emacs's editfns.c that need no buffer: `format` and
//! `format-message` (in `format`, numbers in `numfmt`), `message` (written
//! to standard error as in batch mode), `propertize`, `char-to-string`,
//! `byte-to-string`, `string-to-char`, `char-equal` and `ngettext`.  The
//! buffer primitives of editfns.c belong with the buffer implementation.
use crate::builtins::casefiddle::downcase_char;
use crate::builtins::data::types::expect_char;
use crate::builtins::prelude::*;
use crate::runtime::specpdl::value_cell;

pub mod buffer;
pub mod format;
pub mod numfmt;
pub mod props;
pub mod replace;
pub mod restrict;
pub mod sysinfo;
pub mod translate;
pub mod transpose;

pub use format::styled_format;

/// `char-to-string`: ASCII gives a unibyte string, anything else multibyte.
pub fn char_to_string(c: u32) -> Value {
    let mut data = Vec::with_capacity(5);
    encode_char(c, &mut data);
    let multibyte = data.len() > 1;
    heap().alloc_string(LispString::new(data, 1, multibyte))
}

fn f_format(a: &[Value]) -> LResult {
    styled_format(a, false)
}
fn f_format_message(a: &[Value]) -> LResult {
    styled_format(a, true)
}

/// Writes a batch-mode message (or, for None, just the newline that
/// clearing the echo area writes) to standard error.
pub fn message_to_stderr(m: Option<Value>) {
    use crate::runtime::output;
    let inhibit = value_cell(intern("inhibit-message"));
    if !inhibit.is_nil() && inhibit != Value::UNBOUND {
        return;
    }
    if output::take_need_newline() {
        output::write_stderr(b"\n", false);
    }
    if let Some(s) = m {
        let st = s.string_ref();
        output::write_stderr(&st.data, st.multibyte);
    }
    output::write_stderr(b"\n", false);
}

pub(crate) fn f_message(a: &[Value]) -> LResult {
    let fmt = a[0];
    if fmt.is_nil() || (fmt.is_string() && fmt.string_ref().data.is_empty()) {
        message_to_stderr(None);
        return Ok(fmt);
    }
    let val = styled_format(a, true)?;
    crate::builtins::xdisp::message3(val)?;
    Ok(val)
}

fn f_propertize(a: &[Value]) -> LResult {
    use crate::runtime::buffer::textprop::{add_text_properties, SetType, Target};
    if !(a.len() - 1).is_multiple_of(2) {
        return Err(wrong_number_of_arguments(intern("propertize"), a.len()));
    }
    expect_string(a[0])?;
    let s = crate::builtins::fns::seq::copy_string(a[0]);
    let mut props = Value::NIL;
    for pair in a[1..].chunks(2) {
        props = cons(pair[0], cons(pair[1], props));
    }
    let len = s.string_ref().nchars;
    add_text_properties(Target::Str(s), 0, len, props, SetType::Replace, true)?;
    Ok(s)
}

fn f_char_to_string(a: &[Value]) -> LResult {
    Ok(char_to_string(expect_char(a[0])?))
}

fn f_byte_to_string(a: &[Value]) -> LResult {
    let b = expect_fixnum(a[0])?;
    if !(0..=255).contains(&b) {
        return Err(error("Invalid byte"));
    }
    Ok(make_string_from_bytes(vec![b as u8], false))
}

fn f_string_to_char(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    Ok(Value::fixnum(if s.data.is_empty() {
        0
    } else if s.multibyte {
        decode_char(&s.data).0 as i64
    } else {
        s.data[0] as i64
    }))
}

fn f_char_equal(a: &[Value]) -> LResult {
    let (c1, c2) = (expect_char(a[0])?, expect_char(a[1])?);
    if c1 == c2 {
        return Ok(Value::T);
    }
    let fold = value_cell(intern("case-fold-search"));
    if fold.is_nil() {
        return Ok(Value::NIL);
    }
    Ok(Value::bool(downcase_char(c1) == downcase_char(c2)))
}

fn f_ngettext(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    expect_string(a[1])?;
    if !a[2].is_integer() {
        return Err(wrong_type(sym::INTEGERP, a[2]));
    }
    Ok(if a[2] == Value::fixnum(1) { a[0] } else { a[1] })
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("format", 1, MANY, f_format, "Format a string out of a format-string and arguments."),
    SubrDef::new("format-message", 1, MANY, f_format_message, "Format a string out of a format-string and arguments."),
    SubrDef::new("message", 1, MANY, f_message, "Display a message at the bottom of the screen."),
    SubrDef::new("propertize", 1, MANY, f_propertize, "Return a copy of STRING with text properties added."),
    SubrDef::new("char-to-string", 1, 1, f_char_to_string, "Convert arg CHAR to a string containing that character."),
    SubrDef::new("byte-to-string", 1, 1, f_byte_to_string, "Convert arg BYTE to a unibyte string containing that byte."),
    SubrDef::new("string-to-char", 1, 1, f_string_to_char, "Return the first character in STRING."),
    SubrDef::new("char-equal", 2, 2, f_char_equal, "Return t if two characters match, optionally ignoring case."),
    SubrDef::new("ngettext", 3, 3, f_ngettext, "Return the translation of MSGID (plural MSGID-PLURAL) depending on N."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    sysinfo::init();
    defvar_lisp("text-quoting-style", Value::NIL);
    defvar_bool("inhibit-message", Value::NIL);
    defvar_bool("binary-as-unsigned", Value::NIL);
    // A per-buffer variable of buffer.c; `char-equal` reads it.  Declared
    // here (special, default t) until buffers define it.
    if value_cell(intern("case-fold-search")) == Value::UNBOUND {
        defvar_lisp("case-fold-search", Value::T);
    }
}

#[cfg(test)]
mod tests;
