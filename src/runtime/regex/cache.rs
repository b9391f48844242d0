//! The compiled-pattern cache (search.c's `searchbufs`): the last 20
//! patterns, keyed by text, multibyteness, translate table, POSIX mode,
//! `search-spaces-regexp`, and the syntax table when the code depends on it.
//! `with_regexp` compiles or reuses a pattern and runs a match with the
//! environment of the current buffer (syntax table, case table, point).

use super::analyze::ClassEnv;
use super::compile::{CompileEnv, CompileError};
use super::exec::MatchEnv;
use super::tables::{Syntax, Translate};
use super::Regexp;
use crate::runtime::casetab;
use crate::runtime::heap::heap;
use crate::runtime::specpdl::value_cell;
use crate::runtime::string::LispString;
use crate::runtime::symbol::{intern, Interned};
use crate::runtime::syntax::category;
use crate::runtime::value::Value;
use std::cell::{OnceCell, RefCell};

const CACHE_SIZE: usize = 20;

struct Entry {
    pattern: Vec<u8>,
    multibyte: bool,
    translate: Value,
    posix: bool,
    /// The syntax table the code was compiled for, or t if it does not matter.
    syntax_table: Value,
    whitespace: Option<Vec<u8>>,
    /// Boxed: entries move within the cache on every use.
    re: Option<Box<Regexp>>,
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

thread_local! {
    /// Symbols by name (the address and length of the name), and the same symbols in
    /// a GC root so that they stay valid even if uninterned.
    static SYMBOLS: RefCell<Vec<((*const u8, usize), Value)>> = const { RefCell::new(Vec::new()) };
    static SYMBOL_ROOTS: std::cell::Cell<*mut Vec<Value>> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

fn root_symbol(v: Value) {
    let mut p = SYMBOL_ROOTS.with(|r| r.get());
    if p.is_null() {
        let roots: &'static mut Vec<Value> = Box::leak(Box::new(Vec::new()));
        heap().rooted.push(roots as *const Vec<Value>);
        p = roots as *mut Vec<Value>;
        SYMBOL_ROOTS.with(|r| r.set(p));
    }
    // SAFETY: the rooted vector lives for the thread (leaked) and is only
    // touched from here and by the collector at safepoints.
    unsafe { (*p).push(v) };
}

/// The interned symbol NAME (interned again if it was uninterned).
fn symbol(name: &'static str) -> Value {
    SYMBOLS.with(|s| {
        let mut s = s.borrow_mut();
        let key = (name.as_ptr(), name.len());
        if let Some(e) = s.iter_mut().find(|e| e.0 == key) {
            if e.1.sym().interned == Interned::InitialObarray {
                return e.1;
            }
            e.1 = intern(name);
            root_symbol(e.1);
            return e.1;
        }
        let v = intern(name);
        root_symbol(v);
        s.push((key, v));
        v
    })
}

/// The characters of a pattern string (its bytes if unibyte).
pub fn pattern_chars(s: &LispString) -> Vec<u32> {
    s.chars().collect()
}

/// The current value of a variable (nil when void).  The symbols are
/// interned once per thread, as the C code's built-in symbols are.
pub fn var(name: &'static str) -> Value {
    let v = value_cell(symbol(name));
    if v == Value::UNBOUND {
        Value::NIL
    } else {
        v
    }
}

/// The search environment of the current buffer: its syntax table, and
/// its case tables (the canonicalize table when folding case; the down
/// and up tables, looked up only when a `[:upper:]` or `[:lower:]` class
/// needs them).
pub struct Env {
    syntax_table: Value,
    syntax: OnceCell<Syntax>,
    pub translator: Option<Translate>,
    down: OnceCell<Translate>,
    up: OnceCell<Translate>,
}

impl Env {
    /// CASE_FOLD: use the current case table's canonicalize table.
    pub fn current(case_fold: bool) -> Env {
        Env {
            syntax_table: crate::runtime::syntax::current_table(),
            syntax: OnceCell::new(),
            translator: if case_fold { Some(Translate::new(casetab::current_canon_table())) } else { None },
            down: OnceCell::new(),
            up: OnceCell::new(),
        }
    }

    /// The syntax table (its cache is looked up on first use: many
    /// patterns never ask for a syntax class).
    pub fn syntax(&self) -> &Syntax {
        self.syntax.get_or_init(|| Syntax::new(self.syntax_table))
    }

    /// `uppercasep`: C is not its own lower case.
    pub fn is_upper(&self, c: u32) -> bool {
        self.down.get_or_init(|| Translate::new(casetab::current_case_table())).tr(c) != c
    }

    /// `lowercasep`: C is its own lower case but not its own upper case.
    pub fn is_lower(&self, c: u32) -> bool {
        let up = self.up.get_or_init(|| Translate::new(casetab::current_tables()[1]));
        !self.is_upper(c) && up.tr(c) != c
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
    let translate = env.translator.as_ref().map(|t| t.table()).unwrap_or(Value::NIL);
    let ws_val = var("search-spaces-regexp");
    let whitespace: Option<&LispString> = if ws_val.is_string() { Some(&*ws_val.string_ref()) } else { None };
    let ws_key = whitespace.map(|w| w.data.clone());
    let cur_syntax = env.syntax_table;
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
        c[..=i].rotate_right(1);
        c[0].re.take()
    });
    let tr = |c: u32| env.translator.as_ref().map(|t| t.tr(c)).unwrap_or(c);
    let syntax = |c: u32| env.syntax().class(c);
    let is_lower = |c: u32| env.is_lower(c);
    let is_upper = |c: u32| env.is_upper(c);
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
            let re = Box::new(Regexp::new(&chars, ps.multibyte, posix, wchars.as_deref(), &cenv)?);
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
        translate: env.translator.as_ref(),
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
