//! The buffer half of search.c and syntax.c, run against a mock buffer
//! installed through the `SearchBuffer` hooks.  Expectations come from GNU
//! Emacs 30.1: each case was run in `with-temp-buffer` (standard syntax
//! table) as `(list FORM (point) (match-data t))`, the buffer dropped.

use crate::builtins::prelude::*;
use crate::runtime::regex::buffer::{install_buffer_hooks, BufferHooks, SearchBuffer};
use crate::Engine;

struct Mock {
    text: Vec<u32>,
    pt: usize,
}

thread_local! {
    static MOCK: std::cell::Cell<*mut Mock> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

fn mock() -> &'static mut Mock {
    unsafe { &mut *MOCK.with(|m| m.get()) }
}

fn mock_object() -> Value {
    intern("enoki--mock-buffer")
}

impl SearchBuffer for Mock {
    fn object(&self) -> Value {
        mock_object()
    }
    fn char_at(&self, pos: usize) -> u32 {
        self.text[pos - 1]
    }
    fn multibyte(&self) -> bool {
        true
    }
    fn point(&self) -> usize {
        self.pt
    }
    fn set_point(&mut self, pos: usize) {
        self.pt = pos;
    }
    fn begv(&self) -> usize {
        1
    }
    fn zv(&self) -> usize {
        self.text.len() + 1
    }
    fn replace(&mut self, start: usize, end: usize, text: Value) -> LResult<()> {
        let new: Vec<u32> = text.string_ref().chars().collect();
        self.text.splice(start - 1..end - 1, new);
        Ok(())
    }
    fn substring(&self, start: usize, end: usize) -> Value {
        string_from_chars(&self.text[start - 1..end - 1])
    }
}

fn current() -> Option<&'static mut dyn SearchBuffer> {
    Some(mock() as &mut dyn SearchBuffer)
}
fn marker(_: Value) -> Option<(Value, Option<usize>)> {
    None
}
fn is_buffer(v: Value) -> bool {
    v == mock_object()
}
fn make_marker(_: Value, pos: usize) -> Value {
    Value::fixnum(pos as i64)
}
fn current_object() -> Value {
    Value::NIL
}
fn buffer_live(_: Value) -> bool {
    true
}
fn is_initial_buffer(_: Value) -> bool {
    false
}

fn f_point(_: &[Value]) -> LResult {
    Ok(Value::fixnum(mock().pt as i64))
}
fn f_goto_char(a: &[Value]) -> LResult {
    let n = a[0].as_fixnum().unwrap_or(1).clamp(1, mock().text.len() as i64 + 1);
    mock().pt = n as usize;
    Ok(a[0])
}
fn f_buffer_string(_: &[Value]) -> LResult {
    Ok(string_from_chars(&mock().text))
}

static TEST_SUBRS: &[SubrDef] = &[
    SubrDef::new("point", 0, 0, f_point, ""),
    SubrDef::new("goto-char", 1, 1, f_goto_char, ""),
    SubrDef::new("buffer-string", 0, 0, f_buffer_string, ""),
];

const CASES: &[(&str, usize, &str, &str)] = &[
    ("hello world", 1, r#"(looking-at "hel+")"#, "(t 1 (1 5))"),
    ("hello world", 1, r#"(looking-at "world")"#, "(nil 1 (1 5))"),
    ("hello world", 7, r#"(looking-at "world")"#, "(t 7 (7 12))"),
    ("hello world", 1, r#"(re-search-forward "o\\(.\\)")"#, "(7 7 (5 7 6 7))"),
    ("hello world", 1, r#"(re-search-forward "o" nil t 2)"#, "(9 9 (8 9))"),
    ("hello world", 1, r#"(re-search-forward "z" nil t)"#, "(nil 1 (8 9))"),
    ("hello world", 1, r#"(re-search-forward "z" nil 'move)"#, "(nil 12 (8 9))"),
    ("hello world", 1, r#"(condition-case e (re-search-forward "z") (error e))"#, "((search-failed \"z\") 1 (8 9))"),
    ("hello world", 12, r#"(re-search-backward "o")"#, "(8 8 (8 9))"),
    ("hello world", 12, r#"(re-search-backward "o." nil t 2)"#, "(5 5 (5 7))"),
    ("hello world", 12, r#"(re-search-backward "\\bw")"#, "(7 7 (7 8))"),
    (
        "hello world",
        6,
        r#"(condition-case e (re-search-forward "o" 3 t) (error e))"#,
        "((error \"Invalid search bound (wrong side of point)\") 6 (7 8))",
    ),
    ("hello world", 1, r#"(re-search-forward "o" 6 t)"#, "(6 6 (5 6))"),
    ("hello world", 1, r#"(re-search-forward "o" 5 t)"#, "(nil 1 (5 6))"),
    ("hello world", 1, r#"(re-search-forward "o" 5 1)"#, "(nil 5 (5 6))"),
    ("hello world", 1, r#"(search-forward "wor")"#, "(10 10 (7 10))"),
    ("hello world", 1, r#"(search-forward "WOR")"#, "(10 10 (7 10))"),
    ("hello world", 1, r#"(let ((case-fold-search nil)) (search-forward "WOR" nil t))"#, "(nil 1 (7 10))"),
    ("hello world", 12, r#"(search-backward "l" nil t 2)"#, "(4 4 (4 5))"),
    ("hello world", 1, r#"(search-forward "")"#, "(1 1 (1 1))"),
    ("hello world", 1, r#"(search-forward "o" nil t -1)"#, "(nil 1 (1 1))"),
    ("hello world", 12, r#"(search-forward "o" nil t -1)"#, "(8 8 (8 9))"),
    ("aaa", 1, r#"(re-search-forward "a*")"#, "(4 4 (1 4))"),
    ("aaa", 4, r#"(re-search-backward "a*")"#, "(4 4 (4 4))"),
    ("aaa", 4, r#"(re-search-backward "a+")"#, "(3 3 (3 4))"),
    ("abc\ndef", 1, r#"(re-search-forward "^d")"#, "(6 6 (5 6))"),
    ("abc\ndef", 1, r#"(re-search-forward "c$")"#, "(4 4 (3 4))"),
    ("abc\ndef", 5, r#"(looking-at "^d")"#, "(t 5 (5 6))"),
    ("abc\ndef", 3, r#"(looking-at "\\=c")"#, "(t 3 (3 4))"),
    ("abc\ndef", 1, r#"(re-search-forward "\\=b" nil t)"#, "(nil 1 (3 4))"),
    ("abc\ndef", 2, r#"(re-search-forward "\\=b" nil t)"#, "(3 3 (2 3))"),
    ("abc def", 1, "(list (forward-word) (point) (forward-word 1) (point) (forward-word) (point))", "((t 4 t 8 nil 8) 8 (2 3))"),
    ("abc def", 8, "(list (forward-word -1) (point) (backward-word) (point) (backward-word) (point))", "((t 5 t 1 nil 1) 1 (2 3))"),
    (
        "  abc def  ",
        1,
        r#"(list (skip-chars-forward " ") (point) (skip-chars-forward "a-z") (point) (skip-chars-forward "^f") (point))"#,
        "((2 3 3 6 3 9) 9 (2 3))",
    ),
    ("  abc def  ", 12, r#"(list (skip-chars-backward " ") (point) (skip-chars-backward "a-z" 8) (point))"#, "((-2 10 -2 8) 8 (2 3))"),
    (
        "  abc def  ",
        1,
        r#"(list (skip-syntax-forward " ") (point) (skip-syntax-forward "w") (point) (skip-syntax-forward "^w") (point))"#,
        "((2 3 3 6 1 7) 7 (2 3))",
    ),
    ("  abc def  ", 12, r#"(list (skip-syntax-backward " ") (point) (skip-syntax-backward "w_") (point))"#, "((-2 10 -3 7) 7 (2 3))"),
    ("foo123bar", 1, r#"(list (skip-chars-forward "[:alpha:]") (point) (skip-chars-forward "[:digit:]") (point))"#, "((3 4 3 7) 7 (2 3))"),
    (
        "hello world",
        1,
        r#"(progn (re-search-forward "w\\(or\\)") (replace-match "WOR") (list (point) (buffer-string)))"#,
        "((10 \"hello WORld\") 10 (7 10 7 10))",
    ),
    (
        "hello world",
        1,
        r#"(progn (re-search-forward "w\\(or\\)") (replace-match "[\\1]" t) (list (point) (buffer-string)))"#,
        "((11 \"hello [or]ld\") 11 (7 11 7 11))",
    ),
    (
        "hello world",
        1,
        r#"(progn (re-search-forward "hello") (replace-match "bye") (list (point) (buffer-string)))"#,
        "((4 \"bye world\") 4 (1 4))",
    ),
    (
        "hello world",
        7,
        r#"(progn (re-search-backward "hel") (goto-char 9) (replace-match "X") (list (point) (buffer-string)))"#,
        "((2 \"Xlo world\") 2 (1 2))",
    ),
    (
        "hello world",
        1,
        r#"(progn (looking-at "\\(h\\)\\(x\\)?") (list (match-beginning 1) (match-end 1) (match-beginning 2)))"#,
        "((1 2 nil) 1 (1 2 1 2))",
    ),
    (
        "日本語テキスト",
        1,
        r#"(list (re-search-forward "語") (point) (looking-at "テ+") (re-search-forward "\\cK+"))"#,
        "((4 4 t 8) 8 (4 8))",
    ),
    ("a.b*c", 1, r#"(list (re-search-forward "b\\*") (point))"#, "((5 5) 5 (3 5))"),
    ("a.b*c", 1, r#"(list (re-search-forward ".\\.") (point))"#, "((3 3) 3 (1 3))"),
    ("xxABCxx", 1, r#"(let ((case-fold-search t)) (list (re-search-forward "abc") (point)))"#, "((6 6) 6 (3 6))"),
    ("xxABCxx", 1, r#"(let ((case-fold-search nil)) (list (re-search-forward "abc" nil t) (point)))"#, "((nil 1) 1 (3 6))"),
];

#[test]
fn buffer_primitives_match_emacs() {
    let mut engine = Engine::new();
    crate::runtime::subr::defsubrs(TEST_SUBRS);
    let m: &'static mut Mock = Box::leak(Box::new(Mock { text: Vec::new(), pt: 1 }));
    MOCK.with(|c| c.set(m as *mut Mock));
    install_buffer_hooks(BufferHooks { current, marker, is_buffer, make_marker, current_object, buffer_live, is_initial_buffer });
    crate::runtime::syntax::set_current_table(crate::runtime::syntax::standard_table());
    for &(text, pt, form, expected) in CASES {
        let m = mock();
        m.text = text.chars().map(|c| c as u32).collect();
        m.pt = pt;
        let src = format!(
            "(list (condition-case e {form} (error (list 'error e))) (point) \
             (let ((md (match-data t))) (if (eq (car (last md)) 'enoki--mock-buffer) (butlast md) md)))"
        );
        let got = match engine.eval_str(&src) {
            Ok(v) => engine.print(v),
            Err(e) => format!("ERR {e}"),
        };
        assert_eq!(got, expected, "{form}");
    }
}

/// scan-lists, scan-sexps and backward-prefix-chars (expected: `(VALUE POINT)`).
const SCAN_CASES: &[(&str, usize, &str, &str)] = &[
    ("(a (b c) d) e", 1, r#"(scan-lists 1 1 0)"#, r#"(12 1)"#),
    ("(a (b c) d) e", 2, r#"(scan-lists 2 1 0)"#, r#"(9 2)"#),
    ("(a (b c) d) e", 4, r#"(scan-lists 4 1 0)"#, r#"(9 4)"#),
    ("(a (b c) d) e", 5, r#"(scan-lists 5 1 1)"#, r#"(9 5)"#),
    ("(a (b c) d) e", 12, r#"(scan-lists 12 -1 0)"#, r#"(1 12)"#),
    ("(a (b c) d) e", 9, r#"(scan-lists 9 -1 0)"#, r#"(4 9)"#),
    ("(a (b c) d) e", 6, r#"(scan-lists 6 -1 1)"#, r#"(4 6)"#),
    ("(a (b c) d) e", 6, r#"(scan-lists 6 1 -1)"#, r#"((error (scan-error "Containing expression ends prematurely" 8 9)) 6)"#),
    ("(a (b c) d) e", 1, r#"(scan-lists 1 2 0)"#, r#"(nil 1)"#),
    (
        "(a (b c) d) e",
        2,
        r#"(condition-case e (scan-lists 2 2 0) (error e))"#,
        r#"((scan-error "Containing expression ends prematurely" 11 12) 2)"#,
    ),
    ("(a (b c) d) e", 1, r#"(condition-case e (scan-lists 4 1 1) (error e))"#, r#"(12 1)"#),
    ("(a (b c) d", 1, r#"(condition-case e (scan-lists 1 1 0) (error e))"#, r#"((scan-error "Unbalanced parentheses" 1 11) 1)"#),
    ("a (b c) d)", 1, r#"(condition-case e (scan-lists 11 -1 0) (error e))"#, r#"((scan-error "Unbalanced parentheses" 10 1) 1)"#),
    ("a b)", 1, r#"(condition-case e (scan-lists 1 1 0) (error e))"#, r#"((scan-error "Containing expression ends prematurely" 4 5) 1)"#),
    (
        "foo bar (baz) \"str ing\" 'q",
        1,
        r#"(list (scan-sexps 1 1) (scan-sexps 4 1) (scan-sexps 8 1) (scan-sexps 14 1) (scan-sexps 24 1) (scan-sexps 27 1))"#,
        r#"((4 8 14 24 27 nil) 1)"#,
    ),
    (
        "foo bar (baz) \"str ing\" 'q",
        27,
        r#"(list (scan-sexps 27 -1) (scan-sexps 24 -1) (scan-sexps 14 -1) (scan-sexps 9 -1) (scan-sexps 4 -1) (scan-sexps 1 -1))"#,
        r#"((26 15 9 5 1 nil) 27)"#,
    ),
    ("a\\ b c", 1, r#"(list (scan-sexps 1 1) (scan-sexps 7 -1) (scan-sexps 5 -1))"#, r#"((5 6 1) 1)"#),
    ("x \"a\\\"b\" y", 1, r#"(list (scan-sexps 2 1) (scan-sexps 10 -1))"#, r#"((9 3) 1)"#),
    ("x \"abc", 1, r#"(condition-case e (scan-sexps 2 1) (error e))"#, r#"((scan-error "Unbalanced parentheses" 3 7) 1)"#),
    ("[a {b} c]", 1, r#"(list (scan-lists 1 1 0) (scan-lists 10 -1 0) (scan-sexps 4 1))"#, r#"((10 1 7) 1)"#),
    (
        "(a ; (b
 c)",
        1,
        r#"(condition-case e (scan-lists 1 1 0) (error e))"#,
        r#"((scan-error "Unbalanced parentheses" 1 12) 1)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (let ((parse-sexp-ignore-comments t)) (scan-lists 1 1 0)))"#,
        r#"(12 1)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (let ((parse-sexp-ignore-comments t)) (scan-lists 12 -1 0)))"#,
        r#"(1 1)"#,
    ),
    (
        "x ; (c
 y",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (let ((parse-sexp-ignore-comments t)) (list (scan-sexps 2 1) (scan-sexps 10 -1) (scan-sexps 8 -1))))"#,
        r#"((10 9 1) 1)"#,
    ),
    (
        "a #| b ( |# c",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (let ((parse-sexp-ignore-comments t)) (list (scan-sexps 2 1) (scan-sexps 14 -1))))"#,
        r#"((5 13) 1)"#,
    ),
    (
        "'(a b) `c ,d",
        7,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (progn (backward-prefix-chars) (point)) (progn (goto-char 2) (backward-prefix-chars) (point)) (progn (goto-char 9) (backward-prefix-chars) (point)) (scan-sexps 1 1) (scan-sexps 7 -1)))"#,
        r#"((7 1 8 7 2) 8)"#,
    ),
    ("?\\( x", 1, r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (scan-sexps 1 1) (scan-sexps 4 -1)))"#, r#"((4 1) 1)"#),
    (
        "$a b$ c",
        1,
        r#"(let ((st (copy-syntax-table))) (modify-syntax-entry ?$ "$" st) (set-syntax-table st) (list (scan-sexps 1 1) (scan-sexps 6 -1) (scan-lists 1 1 0)))"#,
        r#"((6 1 nil) 1)"#,
    ),
    ("日本 (語)", 1, r#"(list (scan-sexps 1 1) (scan-lists 1 1 0) (scan-sexps 7 -1))"#, r#"((3 7 4) 1)"#),
    ("abc", 1, r#"(condition-case e (scan-lists 'a 1 0) (error e))"#, r#"((wrong-type-argument fixnump a) 1)"#),
    ("abc", 1, r#"(list (scan-lists 100 1 0) (scan-lists -5 -1 0) (scan-sexps 100 -1))"#, r#"((nil nil 1) 1)"#),
];

#[test]
fn scanning_matches_emacs() {
    let mut engine = Engine::new();
    crate::runtime::subr::defsubrs(TEST_SUBRS);
    let m: &'static mut Mock = Box::leak(Box::new(Mock { text: Vec::new(), pt: 1 }));
    MOCK.with(|c| c.set(m as *mut Mock));
    install_buffer_hooks(BufferHooks { current, marker, is_buffer, make_marker, current_object, buffer_live, is_initial_buffer });
    for &(text, pt, form, expected) in SCAN_CASES {
        crate::runtime::syntax::set_current_table(crate::runtime::syntax::standard_table());
        let m = mock();
        m.text = text.chars().map(|c| c as u32).collect();
        m.pt = pt;
        let src = format!("(list (condition-case e {form} (error (list 'error e))) (point))");
        let got = match engine.eval_str(&src) {
            Ok(v) => engine.print(v),
            Err(e) => format!("ERR {e}"),
        };
        assert_eq!(got, expected, "{form}");
    }
}

/// parse-partial-sexp (expected: `(VALUE POINT)`).
const PARSE_CASES: &[(&str, usize, &str, &str)] = &[
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 6)"#, r#"((2 4 5 nil nil nil 0 nil nil (1 4) nil) 6)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 14)"#, r#"((0 nil 13 nil nil nil 0 nil nil nil nil) 14)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 14 0)"#, r#"((0 nil 1 nil nil nil 0 nil nil nil nil) 12)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 14 1)"#, r#"((1 1 nil nil nil nil 0 nil nil (1) nil) 2)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 14 nil t)"#, r#"((0 nil nil nil nil nil 0 nil nil nil nil) 1)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 2 14 nil t)"#, r#"((0 nil nil nil nil nil 0 nil nil nil nil) 2)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 9)"#, r#"((1 1 4 nil nil nil 0 nil nil (1) nil) 9)"#),
    ("(a (b c) d) e", 1, r#"(parse-partial-sexp 1 8)"#, r#"((2 4 7 nil nil nil 0 nil nil (1 4) nil) 8)"#),
    ("(a \"b (c\" d) e", 1, r#"(parse-partial-sexp 1 7)"#, r#"((1 1 2 34 nil nil 0 nil 4 (1) nil) 7)"#),
    ("(a \"b (c\" d) e", 1, r#"(parse-partial-sexp 1 15)"#, r#"((0 nil 14 nil nil nil 0 nil nil nil nil) 15)"#),
    ("(a \"b \\\" c\" d)", 1, r#"(parse-partial-sexp 1 8)"#, r#"((1 1 2 34 nil t 0 nil 4 (1) 9) 8)"#),
    ("(a \"b \\\" c\" d)", 1, r#"(parse-partial-sexp 1 9)"#, r#"((1 1 2 34 nil nil 0 nil 4 (1) nil) 9)"#),
    ("a b) c) d", 1, r#"(parse-partial-sexp 1 10)"#, r#"((-2 nil 9 nil nil nil -2 nil nil nil nil) 10)"#),
    (
        "(a ; (b
 c)",
        1,
        r#"(parse-partial-sexp 1 7)"#,
        r#"((2 6 nil nil nil nil 0 nil nil (1 6) nil) 7)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 7))"#,
        r#"((1 1 2 nil t nil 0 nil 4 (1) nil) 7)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 12))"#,
        r#"((0 nil 1 nil nil nil 0 nil nil nil nil) 12)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 12 nil nil nil t))"#,
        r#"((1 1 2 nil t nil 0 nil 4 (1) nil) 5)"#,
    ),
    (
        "(a ; (b
 c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 12 nil nil nil 'syntax-table))"#,
        r#"((1 1 2 nil t nil 0 nil 4 (1) nil) 5)"#,
    ),
    (
        "(a #| b ( |# c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (parse-partial-sexp 1 9) (parse-partial-sexp 1 16)))"#,
        r#"(((1 1 7 nil nil nil 0 nil nil (1) nil) (1 1 9 nil nil nil 0 nil nil (1) nil)) 16)"#,
    ),
    (
        "(a #| b ( |# c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 5))"#,
        r#"((1 1 2 nil nil nil 0 nil nil (1) nil) 5)"#,
    ),
    (
        "(a #| b ( |# c)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 12))"#,
        r#"((2 9 11 nil nil nil 0 nil nil (1 9) nil) 12)"#,
    ),
    (
        "(a (b c) d) e",
        1,
        r#"(let ((s (parse-partial-sexp 1 6))) (parse-partial-sexp 6 14 nil nil s))"#,
        r#"((0 nil 13 nil nil nil 0 nil nil nil nil) 14)"#,
    ),
    (
        "(a \"b (c\" d) e",
        1,
        r#"(let ((s (parse-partial-sexp 1 7))) (parse-partial-sexp 7 15 nil nil s))"#,
        r#"((0 nil 14 nil nil nil 0 nil nil nil nil) 15)"#,
    ),
    (
        "foo\\ bar",
        1,
        r#"(list (parse-partial-sexp 1 4) (parse-partial-sexp 1 5) (parse-partial-sexp 1 9))"#,
        r#"(((0 nil 1 nil nil nil 0 nil nil nil nil) (0 nil nil nil nil t 0 nil nil nil 9) (0 nil 1 nil nil nil 0 nil nil nil nil)) 9)"#,
    ),
    (
        "'(a 'b)",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (parse-partial-sexp 1 6))"#,
        r#"((1 2 3 nil nil nil 0 nil nil (2) nil) 6)"#,
    ),
    ("abc", 1, r#"(condition-case e (parse-partial-sexp 3 1) (error e))"#, r#"((error "End position is smaller than start position") 1)"#),
    ("abc", 1, r#"(condition-case e (parse-partial-sexp 1 2 'x) (error e))"#, r#"((wrong-type-argument fixnump x) 1)"#),
    ("((((a))))", 1, r#"(parse-partial-sexp 1 6)"#, r#"((4 4 5 nil nil nil 0 nil nil (1 2 3 4) nil) 6)"#),
    ("((((a))))", 1, r#"(parse-partial-sexp 1 10 -1)"#, r#"((0 nil 1 nil nil nil 0 nil nil nil nil) 10)"#),
    ("x)) (y", 1, r#"(parse-partial-sexp 1 7)"#, r#"((-1 5 6 nil nil nil -2 nil nil (5) nil) 7)"#),
    (
        "  ; c1
  ; c2
x",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment 1) (point) (forward-comment 1) (point) (forward-comment 1) (point)))"#,
        r#"((t 8 t 15 nil 15) 15)"#,
    ),
    (
        "  ; c1
  ; c2
x",
        1,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment 5) (point)))"#,
        r#"((nil 15) 15)"#,
    ),
    (
        "  ; c1
  ; c2
x",
        15,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment -1) (point) (forward-comment -1) (point) (forward-comment -1) (point)))"#,
        r#"((t 10 t 3 nil 1) 1)"#,
    ),
    (
        "a ; c1
  ; c2
",
        15,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment -5) (point)))"#,
        r#"((nil 2) 2)"#,
    ),
    ("x #| a |# y", 3, r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment 1) (point)))"#, r#"((nil 3) 3)"#),
    (
        "x #| a |# y",
        11,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment -1) (point)))"#,
        r#"((nil 10) 10)"#,
    ),
    (
        "x ; unterminated",
        2,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment 1) (point)))"#,
        r#"((nil 17) 17)"#,
    ),
    (
        "x \"; not\" y",
        4,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment 1) (point)))"#,
        r#"((nil 12) 12)"#,
    ),
    ("  x", 1, r#"(list (forward-comment 1) (point))"#, r#"((nil 3) 3)"#),
    ("   ", 1, r#"(list (forward-comment 1) (point))"#, r#"((nil 4) 4)"#),
    ("   ", 4, r#"(list (forward-comment -1) (point))"#, r#"((nil 1) 1)"#),
    ("a  ", 4, r#"(list (forward-comment -1) (point))"#, r#"((nil 2) 2)"#),
    (
        "/* a */ b /* c */",
        1,
        r#"(let ((st (copy-syntax-table))) (modify-syntax-entry ?/ ". 14" st) (modify-syntax-entry ?* ". 23" st) (set-syntax-table st) (list (forward-comment 1) (point) (progn (goto-char 18) (forward-comment -1)) (point)))"#,
        r#"((t 8 t 11) 11)"#,
    ),
    (
        "x
;; y
",
        8,
        r#"(progn (set-syntax-table emacs-lisp-mode-syntax-table) (list (forward-comment -1) (point)))"#,
        r#"((t 3) 3)"#,
    ),
];

#[test]
fn parse_partial_sexp_matches_emacs() {
    let mut engine = Engine::new();
    crate::runtime::subr::defsubrs(TEST_SUBRS);
    let m: &'static mut Mock = Box::leak(Box::new(Mock { text: Vec::new(), pt: 1 }));
    MOCK.with(|c| c.set(m as *mut Mock));
    install_buffer_hooks(BufferHooks { current, marker, is_buffer, make_marker, current_object, buffer_live, is_initial_buffer });
    for &(text, pt, form, expected) in PARSE_CASES {
        crate::runtime::syntax::set_current_table(crate::runtime::syntax::standard_table());
        let m = mock();
        m.text = text.chars().map(|c| c as u32).collect();
        m.pt = pt;
        let src = format!("(list (condition-case e {form} (error e)) (point))");
        let got = match engine.eval_str(&src) {
            Ok(v) => engine.print(v),
            Err(e) => format!("ERR {e}"),
        };
        assert_eq!(got, expected, "{form}");
    }
}
