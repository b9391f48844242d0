//! The compiled-pattern cache (search.c's `searchbufs`): the last 20
//! patterns, keyed by text, multibyteness, translate table, POSIX mode,
//! `search-spaces-regexp`, and the syntax table when the code depends on it.
//! `with_regexp` compiles or reuses a pattern and runs a match with the
//! environment of the current buffer (syntax table, case table, point).

use super::analyze::ClassEnv;
use super::compile::{CompileEnv, CompileError};
use super::exec::MatchEnv;
use super::Regexp;
use crate::runtime::casetab::{self, Translator};
use crate::runtime::heap::heap;
use crate::runtime::specpdl::value_cell;
use crate::runtime::string::LispString;
use crate::runtime::symbol::intern;
use crate::runtime::syntax::{category, SyntaxView};
use crate::runtime::value::Value;
use std::cell::RefCell;

const CACHE_SIZE: usize = 20;

struct Entry {
    pattern: Vec<u8>,
    multibyte: bool,
    translate: Value,
    posix: bool,
    /// The syntax table the code was compiled for, or t if it does not matter.
    syntax_table: Value,
    whitespace: Option<Vec<u8>>,
    re: Option<Regexp>,
}

thread_local! {
    static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static ROOTS: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// Keeps the tables the cache refers to alive (identity is part of the key).
fn update_roots(entries: &[Entry]) {
    let mut p = ROOTS.with(|r| r.get());
    if p.is_null() {
        let v: &'static mut Vec<Value> = Box::leak(Box::new(Vec::new()));
        heap().rooted.push(v as *const Vec<Value>);
        p = v as *mut Vec<Value>;
        ROOTS.with(|r| r.set(p));
    }
    let roots = unsafe { &mut *p };
    roots.clear();
    for e in entries {
        roots.push(e.translate);
        roots.push(e.syntax_table);
    }
}

/// The characters of a pattern string (its bytes if unibyte).
pub fn pattern_chars(s: &LispString) -> Vec<u32> {
    s.chars().collect()
}

/// The current value of a variable (nil when void).
pub fn var(name: &str) -> Value {
    let v = value_cell(intern(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// The search environment of the current buffer.
pub struct Env {
    pub syntax: SyntaxView,
    pub translator: Option<Translator>,
}

impl Env {
    /// CASE_FOLD: use the current case table's canonicalize table.
    pub fn current(case_fold: bool) -> Env {
        Env {
            syntax: SyntaxView::current(),
            translator: if case_fold { Some(Translator::new(casetab::current_canon_table())) } else { None },
        }
    }
}

/// Compiles PATTERN (a string) or takes it from the cache, and calls F with
/// it and the matching environment (POINT for `\=`).
pub fn with_regexp<R>(
    pattern: Value,
    env: &Env,
    posix: bool,
    point: Option<usize>,
    f: impl FnOnce(&mut Regexp, &MatchEnv) -> R,
) -> Result<R, CompileError> {
    let ps = pattern.string_ref();
    let translate = env.translator.as_ref().map(|t| t.table).unwrap_or(Value::NIL);
    let ws_val = var("search-spaces-regexp");
    let whitespace: Option<&LispString> = if ws_val.is_string() { Some(&*ws_val.string_ref()) } else { None };
    let ws_key = whitespace.map(|w| w.data.clone());
    let cur_syntax = env.syntax.table;
    let found = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.iter().position(|e| {
            e.re.is_some()
                && e.multibyte == ps.multibyte
                && e.pattern == ps.data
                && e.translate == translate
                && e.posix == posix
                && (e.syntax_table == Value::T || e.syntax_table == cur_syntax)
                && e.whitespace == ws_key
        })?;
        let mut e = c.remove(i);
        let re = e.re.take();
        c.insert(0, e);
        re
    });
    let tr = |c: u32| env.translator.as_ref().map(|t| t.tr(c)).unwrap_or(c);
    let syntax = |c: u32| env.syntax.class(c);
    let is_lower = |c: u32| casetab::is_lower(c);
    let is_upper = |c: u32| casetab::is_upper(c);
    let mut re = match found {
        Some(re) => re,
        None => {
            let cenv = CompileEnv {
                translate: if env.translator.is_some() { Some(&tr) } else { None },
                syntax: &syntax,
                is_lower: &is_lower,
                is_upper: &is_upper,
            };
            let chars = pattern_chars(ps);
            let wchars = whitespace.map(pattern_chars);
            let re = Regexp::new(&chars, ps.multibyte, posix, wchars.as_deref(), &cenv)?;
            CACHE.with(|c| {
                let mut c = c.borrow_mut();
                c.insert(
                    0,
                    Entry {
                        pattern: ps.data.clone(),
                        multibyte: ps.multibyte,
                        translate,
                        posix,
                        syntax_table: if re.used_syntax { cur_syntax } else { Value::T },
                        whitespace: ws_key.clone(),
                        re: None,
                    },
                );
                c.truncate(CACHE_SIZE);
                update_roots(&c);
            });
            re
        }
    };
    let has_category = |c: u32, cat: u8| category::has_category(c, cat);
    let word_boundary = |a: u32, b: u32| category::word_boundary_p(a, b);
    let menv = MatchEnv {
        translate: if env.translator.is_some() { Some(&tr) } else { None },
        class: ClassEnv { syntax: &syntax, is_lower: &is_lower, is_upper: &is_upper, folding: env.translator.is_some() },
        has_category: &has_category,
        word_boundary: &word_boundary,
        point,
    };
    let r = f(&mut re, &menv);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(e) = c
            .iter_mut()
            .find(|e| e.re.is_none() && e.pattern == ps.data && e.multibyte == ps.multibyte && e.translate == translate && e.posix == posix)
        {
            e.re = Some(re);
        }
    });
    Ok(r)
}

/// Forgets compiled patterns that depend on a syntax table (after a syntax
/// table changed: `clear_regexp_cache`).
pub fn clear_syntax_dependent() {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|e| e.syntax_table == Value::T || e.re.is_none());
        update_roots(&c);
    });
}
