//! Loading Lisp source: decoding a file's bytes as Emacs does for `.el`
//! files (UTF-8, invalid bytes kept as raw-byte characters), deciding
//! `lexical-binding` from the file's first-line cookie, and evaluating each
//! top-level form in turn.

use super::error::{signal_list, LResult};
use super::reader::Reader;
use super::specpdl::{specbind, specpdl_depth, unbind_to};
use super::string::{encode_char, make_string, make_string_from_bytes, raw_byte_char};
use super::symbol::intern;
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

/// Whether the first line of TEXT has a `lexical-binding: t` (non-nil) cookie.
pub fn lexical_cookie(text: &[u8]) -> bool {
    let line = text.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let line = String::from_utf8_lossy(line);
    let Some(start) = line.find("-*-") else { return false };
    let Some(len) = line[start + 3..].find("-*-") else { return false };
    let vars = &line[start + 3..start + 3 + len];
    for part in vars.split(';') {
        if let Some((k, v)) = part.split_once(':') {
            if k.trim() == "lexical-binding" {
                return v.trim() != "nil";
            }
        }
    }
    false
}

/// Evaluates every form of SOURCE (a Lisp string) in turn.
pub fn eval_source(source: Value, lexical: bool) -> LResult<Value> {
    let mut reader = Reader::new(source);
    let lexical_value = Value::bool(lexical);
    let mut last = Value::NIL;
    while let Some(form) = reader.read_next()? {
        super::rt().extra_roots.push(form);
        let r = if super::rt().eager_macroexpansion { eval_eagerly(form, lexical_value) } else { eval(form, lexical_value) };
        super::rt().extra_roots.pop();
        last = r?;
    }
    Ok(last)
}

/// Evaluates a top-level form of a file being loaded the way GNU Emacs's
/// `readevalloop` does: macros are expanded eagerly, once, before evaluation;
/// a `progn` has each of its forms expanded and evaluated in turn, so that a
/// macro defined by one form is available to the next.
fn eval_eagerly(form: Value, lexical: Value) -> LResult<Value> {
    let expanded = super::macroexpand::macroexpand(form, Value::NIL)?;
    if expanded.is_cons() && expanded.car() == sym::PROGN {
        let forms = super::heap::RootedVec::from_list(expanded.cdr());
        let mut last = Value::NIL;
        for f in forms.iter() {
            last = eval_eagerly(*f, lexical)?;
        }
        return Ok(last);
    }
    let full = (super::rt().hooks.macroexpand_all)(expanded)?;
    eval(full, lexical)
}

/// `load` of a source file at PATH: binds `lexical-binding`, `load-file-name`
/// and `load-in-progress` around evaluating its forms.  A compiled `.elc`
/// file is read the same way (its forms are `defalias`es of byte-code
/// objects and `byte-code` calls); as in GNU Emacs, its forms are not
/// macroexpanded eagerly, since the compiler did that already.
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
    let eager = std::mem::replace(&mut super::rt().eager_macroexpansion, !path.ends_with(".elc"));
    let r = (|| {
        specbind(sym::LEXICAL_BINDING, Value::bool(lexical))?;
        specbind(sym::LOAD_FILE_NAME, make_string(path))?;
        specbind(intern("load-in-progress"), Value::T)?;
        eval_source(source, lexical)
    })();
    unbind_to(depth);
    super::rt().eager_macroexpansion = eager;
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
