//! Loading and evaluating Lisp source: decoding a file's bytes as Emacs does
//! for `.el` files (UTF-8, invalid bytes kept as raw-byte characters),
//! reading `lexical-binding` from a text's first-line cookie, and lread.c's
//! `readevalloop` — the one loop that evaluates successive top-level forms,
//! whether `load` reads them from a file or `eval-buffer` and `eval-region`
//! from a buffer (`FormSource`) — with eager macro expansion.

use super::alloc::list1;
use super::error::{conditions_match, pending, signal, signal_list, ExitKind, Handler, LResult};
use super::reader::Reader;
use super::specpdl::{specbind, specpdl_depth, unbind_to, value_cell};
use super::string::{encode_char, make_string, make_string_from_bytes, raw_byte_char, StringBuilder};
use super::symbol::{get, intern};
use super::value::Value;
use super::{eval, sym};

/// Decodes bytes as `utf-8-emacs` would: valid UTF-8 as characters, any
/// other byte as a raw-byte character.  ASCII text gives a unibyte string.
pub fn decode_source(bytes: &[u8]) -> Value {
    if bytes.is_ascii() {
        return make_string_from_bytes(bytes.to_vec(), false);
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend_from_slice(s.as_bytes());
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.extend_from_slice(good);
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                for b in &bad[..n] {
                    encode_char(raw_byte_char(*b), &mut out);
                }
                rest = &bad[n..];
            }
        }
    }
    make_string_from_bytes(out, true)
}

/// What the first line of a Lisp text says about `lexical-binding`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Cookie {
    None,
    Lex,
    Dyn,
}

/// lread.c `lisp_file_lexical_cookie` over the characters of a text: after
/// an optional `#!` line, a first line starting with `;` whose `-*- ... -*-`
/// file variables set `lexical-binding` (any value but `nil` is lexical).
/// Names and values are kept as bytes (the low byte of each character) and
/// up to 99 of them, as Emacs does.
pub fn lexical_cookie_of(chars: impl Iterator<Item = u32>) -> Cookie {
    let mut it = chars.peekable();
    let mut next = || it.next().map_or(-1i64, |c| c as i64);
    let mut ch = next();
    if ch == '#' as i64 {
        ch = next();
        if ch != '!' as i64 {
            return Cookie::None;
        }
        while ch != '\n' as i64 && ch != -1 {
            ch = next();
        }
        if ch == '\n' as i64 {
            ch = next();
        }
    }
    if ch != ';' as i64 {
        return Cookie::None;
    }
    let mut st = MarkerState::default();
    loop {
        ch = next();
        st.update(ch);
        if st.in_vars || ch == '\n' as i64 || ch == -1 {
            break;
        }
    }
    while st.in_vars {
        let mut var = field(&mut next, &mut st, &mut ch, b':');
        if !st.in_vars || ch == '\n' as i64 || ch == -1 {
            break;
        }
        trim_blanks(&mut var);
        let mut val = field(&mut next, &mut st, &mut ch, b';');
        if !st.in_vars {
            // The value ended with the closing `-*-`: drop it.
            val.truncate(val.len().saturating_sub(3));
        }
        trim_blanks(&mut val);
        if var == b"lexical-binding" {
            return if val == b"nil" { Cookie::Dyn } else { Cookie::Lex };
        }
    }
    Cookie::None
}

/// Reads one field of a `-*-` line (after blanks, up to STOP, a newline,
/// the end or the closing `-*-`), keeping its first 99 bytes; CH is left on
/// the character that ended it.
fn field(next: &mut impl FnMut() -> i64, st: &mut MarkerState, ch: &mut i64, stop: u8) -> Vec<u8> {
    *ch = next();
    while *ch == ' ' as i64 || *ch == '\t' as i64 {
        *ch = next();
    }
    let mut out = Vec::new();
    st.state = 0;
    while *ch != stop as i64 && *ch != '\n' as i64 && *ch != -1 && st.in_vars {
        if out.len() < 99 {
            out.push(*ch as u8);
        }
        st.update(*ch);
        *ch = next();
    }
    out
}

/// Recognizes the `-*-` that opens and closes file variables.
#[derive(Default)]
struct MarkerState {
    /// 0: nothing, 1: after `-`, 2: after `-*`.
    state: u8,
    in_vars: bool,
}

impl MarkerState {
    fn update(&mut self, ch: i64) {
        self.state = match (self.state, ch) {
            (0, 45) => 1,
            (1, 42) => 2,
            (2, 45) => {
                self.in_vars = !self.in_vars;
                0
            }
            _ => 0,
        };
    }
}

fn trim_blanks(v: &mut Vec<u8>) {
    while v.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
        v.pop();
    }
}

/// Whether TEXT (a file's bytes) asks for lexical binding in its cookie.
pub fn lexical_cookie(text: &[u8]) -> bool {
    let s = String::from_utf8_lossy(text);
    lexical_cookie_of(s.chars().map(|c| c as u32)) == Cookie::Lex
}

/// Where `readevalloop` gets its forms: the successive forms of a text
/// (`Reader`), or of a buffer (`eval-buffer`, `eval-region`).
pub trait FormSource {
    /// The next form, or None when only whitespace and comments remain.
    fn next_form(&mut self) -> LResult<Option<Value>>;
}

impl FormSource for Reader {
    fn next_form(&mut self) -> LResult<Option<Value>> {
        self.read_next()
    }
}

/// Evaluates each form FORMS yields, lexically when LEXICAL, calling
/// ON_VALUE with each value.  Macros are expanded eagerly while
/// `eager_macroexpansion` is on (`readevalloop`), else as evaluation
/// meets them.  Returns the last value.
pub fn eval_forms(forms: &mut dyn FormSource, lexical: bool, on_value: &mut dyn FnMut(Value) -> LResult<()>) -> LResult<Value> {
    let lexical_value = Value::bool(lexical);
    let mut last = Value::NIL;
    while let Some(form) = forms.next_form()? {
        super::rt().extra_roots.push(form);
        let r = if super::rt().eager_macroexpansion { eval_eagerly(form, lexical_value) } else { eval(form, lexical_value) };
        super::rt().extra_roots.pop();
        last = r?;
        on_value(last)?;
    }
    Ok(last)
}

/// Evaluates every form of SOURCE (a Lisp string) in turn.
pub fn eval_source(source: Value, lexical: bool) -> LResult<Value> {
    eval_forms(&mut Reader::new(source), lexical, &mut |_| Ok(()))
}

/// lread.c `readevalloop`: evaluates the forms of FORMS with
/// `standard-input` bound to READCHARFUN (when given) and
/// `load-convert-to-unibyte` to UNIBYTE, lexically when `lexical-binding`
/// is non-nil as the loop starts, expanding macros eagerly when EAGER (not
/// for `.elc` files, as lread.c); ON_VALUE gets
/// each value (eval-buffer's PRINTFLAG).
pub fn readevalloop(
    forms: &mut dyn FormSource,
    readcharfun: Option<Value>,
    unibyte: bool,
    eager: bool,
    on_value: &mut dyn FnMut(Value) -> LResult<()>,
) -> LResult<()> {
    let depth = specpdl_depth();
    let eager = std::mem::replace(&mut super::rt().eager_macroexpansion, eager);
    let r = (|| {
        if let Some(r) = readcharfun {
            specbind(sym::STANDARD_INPUT, r)?;
        }
        specbind(intern("load-convert-to-unibyte"), Value::bool(unibyte))?;
        let lb = value_cell(sym::LEXICAL_BINDING);
        let lexical = !(lb.is_nil() || lb == Value::UNBOUND);
        eval_forms(forms, lexical, on_value)
    })();
    unbind_to(depth);
    super::rt().eager_macroexpansion = eager;
    r.map(|_| ())
}

/// Evaluates a top-level form of a file being loaded the way GNU Emacs's
/// `readevalloop` does: macros are expanded eagerly, once, before evaluation;
/// a `progn` has each of its forms expanded and evaluated in turn, so that a
/// macro defined by one form is available to the next.
fn eval_eagerly(form: Value, lexical: Value) -> LResult<Value> {
    let expanded = expand_for_load(|| super::macroexpand::macroexpand(form, Value::NIL))?;
    if expanded.is_cons() && expanded.car() == sym::PROGN {
        let forms = super::heap::RootedVec::from_list(expanded.cdr());
        let mut last = Value::NIL;
        for f in forms.iter() {
            last = eval_eagerly(*f, lexical)?;
        }
        return Ok(last);
    }
    let full = expand_for_load(|| (super::rt().hooks.macroexpand_all)(expanded))?;
    eval(full, lexical)
}

/// `internal-macroexpand-for-load`'s `condition-case`: an error while
/// expanding becomes `(error "Eager macro-expansion failure: ERR")`.
fn expand_for_load(f: impl FnOnce() -> LResult<Value>) -> LResult<Value> {
    let rt = super::rt();
    rt.handlers.push(Handler::CondCase(sym::ERROR));
    let depth = rt.handlers.len();
    let r = f();
    super::rt().handlers.truncate(depth - 1);
    let Err(flow) = r else { return r };
    let p = pending();
    let conditions = if p.a.is_symbol() { get(p.a, sym::ERROR_CONDITIONS) } else { Value::NIL };
    if p.kind != ExitKind::Signal || !conditions_match(sym::ERROR, conditions) {
        return Err(flow);
    }
    let mut msg = StringBuilder::new();
    msg.push_str("Eager macro-expansion failure: ");
    super::printer::print_object(p.error_object(), true, &mut msg)?;
    Err(signal(sym::ERROR, list1(msg.build())))
}

/// `load` of a file at PATH: binds `lexical-binding` (from the file's
/// cookie), `load-file-name` and `load-in-progress` around `readevalloop`
/// over its forms.  A compiled `.elc` file is read the same way (its forms
/// are `defalias`es of byte-code objects and `byte-code` calls); as in GNU
/// Emacs, its forms are not macroexpanded eagerly, since the compiler did
/// that already.
pub fn load_file(path: &str) -> LResult<Value> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(_) => {
            let msg = make_string("Cannot open load file");
            let why = make_string("No such file or directory");
            return Err(signal_list(intern("file-missing"), &[msg, why, make_string(path)]));
        }
    };
    let lexical = lexical_cookie(&bytes);
    let source = decode_source(&bytes);
    super::rt().extra_roots.push(source);
    let depth = specpdl_depth();
    let r = (|| {
        specbind(sym::LEXICAL_BINDING, Value::bool(lexical))?;
        specbind(sym::LOAD_FILE_NAME, make_string(path))?;
        specbind(intern("load-in-progress"), Value::T)?;
        readevalloop(&mut Reader::new(source), None, false, !path.ends_with(".elc"), &mut |_| Ok(()))
    })();
    unbind_to(depth);
    super::rt().extra_roots.pop();
    r.map(|_| Value::T)
}

/// Finds FILE for `load`: as given when it names a directory part, else in
/// each directory of `load-path` (nil meaning `default-directory`), trying
/// SUFFIXES in order.  Compressed (`.gz`) and compiled (`.elc`) files are not
/// considered: Enoki loads source.
pub fn locate_file(file: &str, suffixes: &[&str]) -> Option<String> {
    let try_dir = |dir: &std::path::Path| -> Option<String> {
        suffixes.iter().map(|s| dir.join(format!("{file}{s}"))).find(|p| p.is_file()).map(|p| p.to_string_lossy().into_owned())
    };
    let path = std::path::Path::new(file);
    if path.is_absolute() || file.starts_with("./") || file.starts_with("../") || file.starts_with('~') {
        let expanded = if let Some(rest) = file.strip_prefix("~/") {
            format!("{}/{rest}", std::env::var("HOME").unwrap_or_default())
        } else {
            file.to_string()
        };
        return suffixes.iter().map(|s| format!("{expanded}{s}")).find(|p| std::path::Path::new(p).is_file());
    }
    let load_path = super::specpdl::value_cell(sym::LOAD_PATH);
    for dir in load_path.iter() {
        let d = if dir.is_string() {
            dir.string_ref().to_string_lossy()
        } else {
            let dd = super::specpdl::value_cell(super::symbol::intern("default-directory"));
            if dd.is_string() {
                dd.string_ref().to_string_lossy()
            } else {
                ".".to_string()
            }
        };
        if let Some(found) = try_dir(std::path::Path::new(&d)) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie(s: &str) -> Cookie {
        lexical_cookie_of(s.chars().map(|c| c as u32))
    }

    #[test]
    fn lexical_cookies_as_emacs_reads_them() {
        // Expectations from GNU Emacs 30.1's eval-buffer.
        assert_eq!(cookie(";; -*- lexical-binding: t -*-\n(x)"), Cookie::Lex);
        assert_eq!(cookie("#!/bin/sh\n;; -*- lexical-binding: t -*-\n"), Cookie::Lex);
        assert_eq!(cookie("; -*- mode: lisp; lexical-binding: t; -*-"), Cookie::Lex);
        assert_eq!(cookie(";; -*- lexical-binding: nil -*-"), Cookie::Dyn);
        assert_eq!(cookie(";; -*- lexical-binding:-*-"), Cookie::Lex);
        assert_eq!(cookie(";; -*-lexical-binding: t-*-"), Cookie::Lex);
        assert_eq!(cookie(";; -*- lexical-binding : yes -*-"), Cookie::Lex);
        assert_eq!(cookie("(x) ;; -*- lexical-binding: t -*-"), Cookie::None);
        assert_eq!(cookie(" ;; -*- lexical-binding: t -*-"), Cookie::None);
        assert_eq!(cookie(";; no cookie\n;; -*- lexical-binding: t -*-"), Cookie::None);
        assert_eq!(cookie(""), Cookie::None);
        assert!(lexical_cookie(b";;; f.el -*- lexical-binding: t -*-\n"));
    }

    #[test]
    fn eager_expansion_errors_are_wrapped() {
        let _engine = crate::Engine::new();
        let src = make_string("(defmacro load-test-m () (error \"boom\")) (load-test-m)");
        super::super::rt().extra_roots.push(src);
        let r = readevalloop(&mut Reader::new(src), None, false, true, &mut |_| Ok(()));
        super::super::rt().extra_roots.pop();
        assert!(r.is_err());
        let p = pending();
        assert_eq!(p.a, sym::ERROR);
        assert_eq!(p.b.car().string_ref().to_string_lossy(), "Eager macro-expansion failure: (error \"boom\")");
    }
}
