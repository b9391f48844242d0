//! `substitute-in-file-name` and `file-name-concat`, after fileio.c.
//!
//! `substitute-in-file-name` discards everything before an embedded
//! absolute name ("//" or "/~"), then has environment variables
//! substituted by `substitute-env-in-file-name` when that function is
//! defined (GNU Emacs's env.el, always preloaded there).  When it is not
//! (Enoki without the Emacs Lisp library), the same substitution is done
//! here the way env.el's `substitute-env-vars` does it with undefined
//! variables left alone: `$VAR` (letters, digits, `_`), `${VAR}` (any
//! characters but braces) and `$$` for a dollar sign.  Variables are looked
//! up in `process-environment` when Enoki has it, else in the process's
//! environment, and decoded as UTF-8.

use super::names::{egetenv_bytes, file_name_absolute_p, specified_string};
use super::{call_handler, decode_file, encode_file, handler_for, invalid_handler};
use crate::builtins::prelude::*;

/// `search_embedded_absfilename`: where an absolute file name starts right
/// after a slash in NM ("//foo", "/~", "/~user").
fn embedded_absolute(nm: &[u8]) -> Option<usize> {
    (1..nm.len()).find(|&p| nm[p - 1] == b'/' && file_name_absolute_p(&nm[p..]))
}

fn f_substitute_in_file_name(a: &[Value]) -> LResult {
    substitute_in_file_name(a[0])
}

/// `substitute-in-file-name`.
pub fn substitute_in_file_name(filename: Value) -> LResult {
    let s = expect_string(filename)?;
    let multibyte = s.multibyte;
    if let Some(h) = handler_for(filename, "substitute-in-file-name")? {
        let r = call_handler(h, "substitute-in-file-name", &[filename])?;
        return if r.is_string() { Ok(r) } else { Err(invalid_handler()) };
    }
    let nm = s.data.clone();
    if let Some(p) = embedded_absolute(&nm) {
        return substitute_in_file_name(specified_string(&nm[p..], multibyte));
    }
    let substituter = intern("substitute-env-in-file-name");
    let result = if !substituter.sym().function.is_nil() {
        let tmp = funcall(substituter, &[filename])?;
        expect_string(tmp)?;
        tmp
    } else {
        substitute_env_vars(filename)
    };
    if result == filename {
        return Ok(filename);
    }
    let x = result.string_ref().data.clone();
    let mut start = 0;
    while let Some(p) = embedded_absolute(&x[start..]) {
        start += p;
    }
    if start != 0 {
        return Ok(specified_string(&x[start..], multibyte));
    }
    Ok(result)
}

/// Whether C may be part of a `$VAR` name (`[[:alnum:]_]`).
fn var_char(c: u32, multibyte: bool) -> bool {
    c == '_' as u32 || (c < 0x80 || multibyte) && crate::runtime::regex::charclass::is_alnum(c)
}

/// The characters of a string, raw bytes of a unibyte one as raw-byte
/// characters.
fn chars_of(s: &LispString) -> Vec<u32> {
    if s.multibyte {
        s.chars().collect()
    } else {
        s.data.iter().map(|&b| raw_byte_char(b)).collect()
    }
}

/// The value of the environment variable named by CHARS, decoded.
fn env_value(chars: &[u32], multibyte: bool) -> Option<Value> {
    let name = string_from(chars, multibyte);
    egetenv_bytes(&encode_file(name)).map(|v| decode_file(&v))
}

fn string_from(chars: &[u32], multibyte: bool) -> Value {
    let mut b = if multibyte { StringBuilder::multibyte() } else { StringBuilder::new() };
    for &c in chars {
        b.push(c);
    }
    b.build()
}

/// env.el's `substitute-env-vars` with undefined variables left as they
/// are: the same string when nothing was replaced.
fn substitute_env_vars(string: Value) -> Value {
    let s = string.string_ref();
    let mut multibyte = s.multibyte;
    let chars = chars_of(s);
    let mut out: Vec<u32> = Vec::with_capacity(chars.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' as u32 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        if next == Some('$' as u32) {
            out.push('$' as u32);
            changed = true;
            i += 2;
            continue;
        }
        let (name, end) = if next == Some('{' as u32) {
            let close = chars[i + 2..].iter().position(|&c| c == '{' as u32 || c == '}' as u32);
            match close {
                Some(k) if k > 0 && chars[i + 2 + k] == '}' as u32 => (&chars[i + 2..i + 2 + k], i + 3 + k),
                _ => (&chars[0..0], i),
            }
        } else {
            let n = chars[i + 1..].iter().take_while(|&&c| var_char(c, s.multibyte)).count();
            (&chars[i + 1..i + 1 + n], i + 1 + n)
        };
        if name.is_empty() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        match env_value(name, s.multibyte) {
            Some(v) => {
                let vs = v.string_ref();
                multibyte |= vs.multibyte;
                out.extend(chars_of(vs));
                changed = true;
            }
            None => out.extend_from_slice(&chars[i..end]),
        }
        i = end;
    }
    if changed {
        string_from(&out, multibyte)
    } else {
        string
    }
}

fn f_file_name_concat(args: &[Value]) -> LResult {
    let mut elements: Vec<Value> = Vec::with_capacity(args.len());
    let mut multibytes = 0usize;
    for &arg in args {
        if arg.is_nil() {
            continue;
        }
        let s = expect_string(arg)?;
        if s.nchars == 0 {
            continue;
        }
        if s.multibyte && s.nchars != s.data.len() {
            multibytes += 1;
        }
        elements.push(arg);
    }
    // Unibyte non-ASCII parts join multibyte ones as raw bytes.  (Emacs
    // converts them also when there is no multibyte part but some empty
    // one, and then overruns its result; Enoki keeps the bytes.)
    let convert = multibytes != 0 && (multibytes != args.len() || elements.len() != args.len());
    let mut data = Vec::new();
    for (i, &arg) in elements.iter().enumerate() {
        let s = arg.string_ref();
        if convert && !s.multibyte && !s.data.is_ascii() {
            s.data.iter().for_each(|&b| encode_char(raw_byte_char(b), &mut data));
        } else {
            data.extend_from_slice(&s.data);
        }
        if i + 1 < elements.len() && data.last() != Some(&b'/') {
            data.push(b'/');
        }
    }
    Ok(specified_string(&data, multibytes != 0))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("substitute-in-file-name", 1, 1, f_substitute_in_file_name, "Substitute environment variables referred to in FILENAME."),
    SubrDef::new("file-name-concat", 1, MANY, f_file_name_concat, "Append COMPONENTS to DIRECTORY and return the resulting string."),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn subst(s: &str) -> String {
        let r = substitute_in_file_name(make_string(s));
        r.ok().map(|v| v.string_ref().to_string_lossy()).unwrap_or_else(|| "<error>".into())
    }

    #[test]
    fn variables_are_substituted_as_env_el_does() {
        crate::runtime::init_thread();
        crate::builtins::install();
        let env = list(&[make_string("ENOKI_A=/x/y"), make_string("ENOKI_B=b c"), make_string("ENOKI_UNSET")]);
        intern("process-environment").sym().value = env;
        assert_eq!(subst("$ENOKI_A/z"), "/x/y/z");
        assert_eq!(subst("a/${ENOKI_B}/z"), "a/b c/z");
        assert_eq!(subst("$ENOKI_UNSET/z"), "$ENOKI_UNSET/z");
        assert_eq!(subst("$$ENOKI_A"), "$ENOKI_A");
        // A substituted absolute name discards what came before it.
        assert_eq!(subst("/p/$ENOKI_A"), "/x/y");
        assert_eq!(subst("/p//q"), "/q");
        assert_eq!(subst("/p/~/q"), "~/q");
        intern("process-environment").sym().value = Value::UNBOUND;
    }
}
