//! The printer: the printed representation of every Lisp object, byte for
//! byte as GNU Emacs 30.1's print.c produces it (`prin1`, `princ`,
//! `prin1-to-string`, `format`'s `%S`/`%s`).
//!
//! This module holds the public entry points, the print options read from the
//! `print-*` variables, and the output destinations (`Out`): the print buffer
//! (a `StringBuilder`, Emacs's printing into a buffer), standard output, and a
//! Lisp function called with each character.  `core` is the iterative printing
//! machine (an explicit stack, so arbitrarily deep data never overflows the
//! native stack), `atoms` prints numbers, symbols, strings and bool-vectors,
//! `circle` numbers shared structure for `print-circle`, and `chartab` lays
//! char-tables out the way Emacs stores them.

mod atoms;
mod chartab;
mod circle;
mod core;
mod graphic;
pub mod printbuf;
#[cfg(test)]
mod tests;

use super::error::LResult;
use super::object::Obj;
use super::specpdl::value_cell;
use super::string::{encode_char, StringBuilder};
use super::sym;
use super::symbol::intern;
use super::value::Value;

pub use self::core::print;
pub use atoms::float_to_string_with_format;
pub use circle::{preprocess as circle_preprocess, reset_index as circle_reset_index};

/// Where printed text goes (Emacs's PRINTCHARFUN after `print_prepare`).
pub enum Out<'a> {
    /// Emacs's print buffer (printing into a multibyte buffer, or into the
    /// ` prin1` buffer of `prin1-to-string`): `print-escape-nonascii` is in
    /// effect, as `print_prepare` binds it.
    Buf(&'a mut StringBuilder),
    /// Standard output in batch mode (PRINTCHARFUN t).
    Stdout,
    /// A Lisp function called with each character.
    Func(Value),
    /// The print buffer of a buffer or marker stream: `print_prepare` with
    /// PRINTCHARFUN nil.  The caller has bound `print-escape-nonascii` (or
    /// `print-escape-multibyte`) as Emacs does, and inserts the text into
    /// the buffer when printing ends.
    Insert(&'a mut StringBuilder),
}

impl Out<'_> {
    /// Emacs's `printchar`: one character.
    pub fn printchar(&mut self, c: u32) -> LResult<()> {
        match self {
            Out::Buf(b) | Out::Insert(b) => {
                if c >= 0x80 {
                    b.to_multibyte();
                    encode_char(c, &mut b.data);
                } else {
                    b.data.push(c as u8);
                }
                b.nchars += 1;
                Ok(())
            }
            Out::Stdout => {
                super::output::write_stdout_char(c);
                Ok(())
            }
            Out::Func(f) => super::funcall(*f, &[Value::fixnum(c as i64)]).map(|_| ()),
        }
    }

    /// Emacs's `strout`/`print_c_string` of ASCII text.
    pub fn strout(&mut self, s: &str) -> LResult<()> {
        match self {
            Out::Buf(b) | Out::Insert(b) if s.is_ascii() => {
                b.data.extend_from_slice(s.as_bytes());
                b.nchars += s.len();
                Ok(())
            }
            Out::Stdout if s.is_ascii() => {
                super::output::write_stdout(s.as_bytes(), false);
                Ok(())
            }
            _ => {
                for c in s.chars() {
                    self.printchar(c as u32)?;
                }
                Ok(())
            }
        }
    }

    /// Successive `printchar`s of ASCII characters.
    pub fn printchars(&mut self, s: &[u8]) -> LResult<()> {
        match self {
            Out::Buf(b) | Out::Insert(b) => {
                b.data.extend_from_slice(s);
                b.nchars += s.len();
                Ok(())
            }
            Out::Stdout => {
                super::output::write_stdout_ascii_chars(s);
                Ok(())
            }
            Out::Func(_) => s.iter().try_for_each(|&c| self.printchar(c as u32)),
        }
    }

    /// `strout` of internal multibyte text (a Lisp string's bytes).
    fn strout_multibyte(&mut self, data: &[u8], nchars: usize) -> LResult<()> {
        match self {
            Out::Buf(b) | Out::Insert(b) => {
                if nchars != data.len() {
                    b.to_multibyte();
                }
                b.data.extend_from_slice(data);
                b.nchars += nchars;
                Ok(())
            }
            Out::Stdout => {
                super::output::write_stdout(data, true);
                Ok(())
            }
            Out::Func(_) => {
                let mut i = 0;
                while i < data.len() {
                    let (c, n) = super::string::decode_char(&data[i..]);
                    self.printchar(c)?;
                    i += n.max(1);
                }
                Ok(())
            }
        }
    }

    fn is_buf(&self) -> bool {
        matches!(self, Out::Buf(_))
    }
    fn calls_lisp(&self) -> bool {
        matches!(self, Out::Func(_))
    }
    /// The print buffer, for Lisp code run while printing into it.
    fn print_buffer(&mut self) -> Option<&mut StringBuilder> {
        match self {
            Out::Buf(b) | Out::Insert(b) => Some(b),
            _ => None,
        }
    }
}

/// The print variables, read once per print operation.
#[derive(Clone)]
pub struct Opts {
    pub length: Option<i64>,
    pub level: Option<i64>,
    pub circle: bool,
    pub quoted: bool,
    pub escape_newlines: bool,
    pub escape_control: bool,
    pub escape_nonascii: bool,
    /// `print-escape-nonascii` was nil but printing into a buffer binds it.
    pub forced_nonascii: bool,
    pub escape_multibyte: bool,
    pub gensym: bool,
    pub integers_as_chars: bool,
    pub continuous: bool,
    pub float_format: Value,
    pub unreadable_fn: Value,
    pub charset_prop_t: bool,
    /// `print-symbols-bare`: symbols with position print as their symbol.
    pub symbols_bare: bool,
}

fn truthy(s: Value) -> bool {
    let v = value_cell(s);
    !(v.is_nil() || v == Value::UNBOUND)
}
fn var(s: Value) -> Value {
    let v = value_cell(s);
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// Symbols of the print variables that have no `sym::` constant.
#[derive(Copy, Clone)]
pub struct PrintSyms {
    pub continuous_numbering: Value,
    pub number_table: Value,
    pub charset_text_property: Value,
    pub charset: Value,
    pub unreadable_callback_buffer: Value,
}

thread_local! {
    static SYMS: std::cell::Cell<Option<PrintSyms>> = const { std::cell::Cell::new(None) };
}

pub fn print_syms() -> PrintSyms {
    SYMS.with(|c| {
        if let Some(s) = c.get() {
            return s;
        }
        let s = PrintSyms {
            continuous_numbering: intern("print-continuous-numbering"),
            number_table: intern("print-number-table"),
            charset_text_property: intern("print-charset-text-property"),
            charset: intern("charset"),
            unreadable_callback_buffer: intern("print--unreadable-callback-buffer"),
        };
        c.set(Some(s));
        s
    })
}

impl Opts {
    pub fn from_vars(into_buffer: bool) -> Opts {
        let ps = print_syms();
        let length = var(sym::PRINT_LENGTH).as_fixnum().filter(|n| *n >= 0);
        let escape_nonascii = truthy(sym::PRINT_ESCAPE_NONASCII);
        Opts {
            length,
            level: var(sym::PRINT_LEVEL).as_fixnum(),
            circle: truthy(sym::PRINT_CIRCLE),
            quoted: truthy(sym::PRINT_QUOTED),
            escape_newlines: truthy(sym::PRINT_ESCAPE_NEWLINES),
            escape_control: truthy(sym::PRINT_ESCAPE_CONTROL_CHARACTERS),
            escape_nonascii: escape_nonascii || into_buffer,
            forced_nonascii: into_buffer && !escape_nonascii,
            escape_multibyte: truthy(sym::PRINT_ESCAPE_MULTIBYTE),
            gensym: truthy(sym::PRINT_GENSYM),
            integers_as_chars: truthy(sym::PRINT_INTEGERS_AS_CHARACTERS),
            continuous: truthy(ps.continuous_numbering),
            float_format: var(sym::FLOAT_OUTPUT_FORMAT),
            unreadable_fn: var(sym::PRINT_UNREADABLE_FUNCTION),
            charset_prop_t: var(ps.charset_text_property).is_t(),
            symbols_bare: truthy(sym::PRINT_SYMBOLS_BARE),
        }
    }
}

/// Appends the printed representation of V (prin1 when ESCAPE, princ
/// otherwise) to OUT, as Emacs prints into its ` prin1` buffer; OUT becomes
/// multibyte when a non-ASCII character is printed.
pub fn print_object(v: Value, escape: bool, out: &mut StringBuilder) -> LResult<()> {
    printbuf::nested(out, |out| print(v, escape, &mut Out::Buf(out)))
}

/// `(prin1-to-string V (not ESCAPE))`: a unibyte string when the text is
/// ASCII, multibyte otherwise.
pub fn prin1_to_string(v: Value, escape: bool) -> LResult<Value> {
    let mut b = StringBuilder::new();
    print_object(v, escape, &mut b)?;
    Ok(b.build())
}

/// The printed representation as Rust text, for `Debug` and diagnostics.
/// Never fails and never calls into Lisp: errors (an over-deep structure)
/// and callbacks give a placeholder instead.
pub fn prin1_to_string_lossy(v: Value) -> String {
    let mut b = StringBuilder::new();
    let mut opts = Opts::from_vars(true);
    opts.unreadable_fn = Value::NIL;
    let saved = super::rt().pending;
    let r = self::core::print_with_opts(v, true, &mut Out::Buf(&mut b), opts);
    super::rt().pending = saved;
    let s = super::string::LispString::new(b.data, b.nchars, b.multibyte);
    match r {
        Ok(()) => s.to_string_lossy(),
        Err(_) => format!("{}#<print error>", s.to_string_lossy()),
    }
}

/// Emacs's `print_string`: the text of string S as `princ` outputs it.
pub fn print_string(s: Value, out: &mut Out) -> LResult<()> {
    let opts = Opts::from_vars(out.is_buf());
    atoms::print_string(s, out, &opts)
}

/// Emacs's FUNCTIONP: what `print-unreadable-function` and `terpri` test.
pub fn functionp(mut f: Value) -> bool {
    if f.is_symbol() && !f.is_nil() {
        let mut hops = 0;
        while f.is_symbol() && !f.is_nil() && hops < 100 {
            f = f.sym().function;
            hops += 1;
        }
        if f.is_cons() && f.car() == intern("autoload") {
            // (autoload FILE DOC INTERACTIVE TYPE): a function unless TYPE is set.
            let mut t = f;
            for _ in 0..4 {
                t = t.cdr_safe();
            }
            return t.car_safe().is_nil();
        }
    }
    if f.is_obj() {
        return match f.obj_ref() {
            Obj::Subr(s) => !s.is_special_form(),
            Obj::Closure(_) => true,
            _ => false,
        };
    }
    f.is_cons() && f.car() == sym::LAMBDA
}
