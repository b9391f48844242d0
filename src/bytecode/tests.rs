//! Unit tests of the byte-code interpreter: the calling convention and its
//! errors, handlers, the `byte-code` primitive, GC safety of the value stack,
//! deep recursion on a small native stack, and loading a `.elc` file.  The
//! byte-code and every expectation come from GNU Emacs 30.1.

use crate::engine::Engine;
use crate::runtime::value::Value;

/// Evaluates SOURCE and prints the value (or the error object).
fn show(e: &mut Engine, source: &str) -> String {
    match e.eval_str(source) {
        Ok(v) => e.print(v),
        Err(err) => format!("ERR {err}"),
    }
}

/// (form, what `prin1` of its value gives in GNU Emacs 30.1).
const CASES: &[(&str, &str)] = &[
    ("(funcall (make-byte-code 513 \"\\1\\1D\\207\" [] 4) 1)", "(1 nil)"),
    ("(condition-case e (funcall (make-byte-code 513 \"\\207\" [] 2)) (error e))", "(wrong-number-of-arguments (1 . 2) 0)"),
    ("(condition-case e (funcall (make-byte-code 513 \"\\207\" [] 2) 1 2 3) (error e))", "(wrong-number-of-arguments (1 . 2) 3)"),
    ("(funcall (make-byte-code 385 \"\\1\\1D\\207\" [] 4) 1 2 3)", "(1 (2 3))"),
    ("(funcall #[514 \"\\3001\\11\\0\\1\\1\\2450\\207\\301\\207\" [(arith-error) div0] 5] 1 0)", "div0"),
    ("(funcall #[514 \"\\3001\\11\\0\\1\\1\\2450\\207\\301\\207\" [(arith-error) div0] 5] 6 3)", "2"),
    ("(funcall #[257 \"\\3002\\11\\0\\301\\300\\2\\\"0\\207\" [tag throw] 5] 'thrown)", "thrown"),
    ("(byte-code \"\\300\\207\" [42] 1)", "42"),
    ("(condition-case e (byte-code \"\\300\\207\" [42] -1) (error e))", "(error \"Invalid byte-code\")"),
    ("(condition-case e (funcall (make-byte-code 0 \"\\0\\207\" [] 1)) (error e))", "(error \"Invalid byte opcode: op=0, ptr=0\")"),
    ("(funcall (make-byte-code '(a &optional b) \"\\10\\11D\\207\" [a b] 2) 1)", "(1 nil)"),
    (
        "(condition-case e (funcall (make-byte-code '(a) \"\\10\\207\" [a] 1)) (error (list (car e) (nth 2 e))))",
        "(wrong-number-of-arguments 0)",
    ),
];

#[test]
fn forms_give_what_emacs_gives() {
    let mut e = Engine::new();
    for (form, expected) in CASES {
        assert_eq!(show(&mut e, form), *expected, "{form}");
    }
}

#[test]
fn stack_values_survive_collections() {
    let mut e = Engine::new();
    // Closures made from prototypes and lists that live only on the
    // interpreter's stack while `mapcar' allocates (collecting at every
    // safepoint).  Compiled by GNU Emacs 30.1 from
    // (lambda (n) (let ((fs (mapcar (lambda (i) (lambda (x) (list x i (make-string 3 ?a))))
    //                               (number-sequence 1 n))))
    //               (mapcar (lambda (f) (funcall f (length fs))) fs)))
    let f = r#"(defalias 'bct-u-gc #[257 "\300\301\302\303\4\"\"\300\304\305\3\"\2\"\207" [mapcar #[257 "\300\301\2\"\207" [make-closure #[257 "\211\300\301\302\303\"E\207" [V0 make-string 3 97] 6 "\n\n(fn X)"]] 4 "\n\n(fn I)"] number-sequence 1 make-closure #[257 "\211\300G!\207" [V0] 3 "\n\n(fn F)"]] 6 "\n\n(fn N)"])"#;
    e.eval_str(f).expect("defalias");
    crate::runtime::heap::heap().stress = true;
    let r = show(&mut e, "(bct-u-gc 4)");
    let big = show(&mut e, "(length (bct-u-gc 200))");
    crate::runtime::heap::heap().stress = false;
    assert_eq!(r, r#"((4 1 "aaa") (4 2 "aaa") (4 3 "aaa") (4 4 "aaa"))"#);
    assert_eq!(big, "200");
}

/// Lexical byte-code recursion takes no native stack (one run, many
/// frames); dynamic-binding byte-code recursion does, and must end in a
/// Lisp error, never a native stack overflow.
#[test]
fn deep_recursion_on_a_small_native_stack() {
    let t = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let mut e = Engine::new();
        let depth_fn = r#"(defalias 'bct-u-depth #[257 "\211\300U\203\10\0\300\207\301\1S!T\207" [0 bct-u-depth] 3])"#;
        e.eval_str(depth_fn).map_err(|x| x.to_string())?;
        let r = show(&mut e, "(let ((max-lisp-eval-depth 100000)) (bct-u-depth 50000))");
        assert_eq!(r, "50000");
        let r = show(&mut e, "(let ((max-lisp-eval-depth 200000)) (condition-case e (bct-u-depth 74897) (error e)))");
        assert_eq!(r, "(error \"Bytecode stack overflow\")");
        let dyn_fn = r#"(defalias 'bct-u-dyn #[(n) "\10\301U\203\10\0\301\207\302\10S!T\207" [n 0 bct-u-dyn] 2])"#;
        e.eval_str(dyn_fn).map_err(|x| x.to_string())?;
        assert_eq!(show(&mut e, "(bct-u-dyn 100)"), "100");
        let r = show(&mut e, "(let ((max-lisp-eval-depth 10000000)) (condition-case e (bct-u-dyn 1000000) (error (car e))))");
        assert_eq!(r, "excessive-lisp-nesting");
        assert_eq!(show(&mut e, "(bct-u-dyn 10)"), "10");
        Ok::<(), String>(())
    });
    t.expect("spawn").join().expect("no panic").expect("no Lisp error");
}

/// `bct-unit.el', byte-compiled by GNU Emacs 30.1 (`batch-byte-compile'):
/// a defvar with a docstring, a function with &optional, one with a
/// condition-case, one returning a closure, and a top-level `byte-code' form.
const ELC: &[u8] = b";ELC\x1e\x00\x00\x00\n;;; Compiled\n;;; in Emacs version 30.1\n;;; with all optimizations.\n\n\n#@7 Base.\x1f\n(defvar bct-unit-base 100 (#$ . 82))#@26 Add.\n\n(fn A &optional B)\x1f\n(defalias 'bct-unit-add #[513 \"\x01\x01\\206\x06\x00\x08\\\\\\207\" [bct-unit-base] 4 (#$ . 130)])#@12 \n\n(fn A B)\x1f\n(defalias 'bct-unit-safe-div #[514 \"\\3001\x09\x00\x01\x01\\2450\\207\\301\\207\" [(arith-error) div0] 5 (#$ . 239)])#@10 \n\n(fn N)\x1f#@10 \n\n(fn X)\x1f\n(defalias 'bct-unit-adder #[257 \"\\300\\301\x02\\\"\\207\" [make-closure #[257 \"\\211\\300\\\\\\207\" [V0] 3 (#$ . 369)]] 4 (#$ . 355)])\n(byte-code \"\\301\\302!\\303!\x10\\301\\207\" [bct-unit-loaded bct-unit-adder 1 41] 2)\n";

#[test]
fn loads_an_elc_file() {
    let mut e = Engine::new();
    let dir = std::env::temp_dir().join(format!("enoki-bytecode-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bct-unit.elc");
    std::fs::write(&path, ELC).expect("write .elc");
    let load = format!("(load {:?} nil t)", path.to_string_lossy());
    let loaded = show(&mut e, &load);
    let r = show(&mut e, "(list (bct-unit-add 1) (bct-unit-add 1 2) (bct-unit-safe-div 1 0) (bct-unit-safe-div 6 3) bct-unit-loaded (funcall (bct-unit-adder 5) 5))");
    // The docstring reference `(#$ . 82)` is kept as read (no eager
    // macroexpansion of compiled files).
    let doc = show(&mut e, "(cdr (get 'bct-unit-base 'variable-documentation))");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(loaded, "t");
    assert_eq!(r, "(101 3 div0 2 42 10)");
    assert_eq!(doc, "82");
}

#[test]
fn opcode_table_resolves_to_subrs() {
    crate::runtime::init_thread();
    crate::builtins::install();
    use super::opcodes::*;
    for &(op, name, _) in PRIMITIVE_OPS {
        assert!(is_defined(op), "{name}");
        let entry = primitives().entries[op as usize];
        match entry {
            Some((Primitive::Subr(d), _)) => assert_eq!(d.name, name),
            Some((Primitive::Named(n), _)) => assert_eq!(n, "interactive-p"),
            None => panic!("{name} unresolved"),
        }
    }
    assert!(!is_defined(0) && !is_defined(0o270) && is_defined(CONSTANT) && is_defined(SWITCH));
    let _ = Value::NIL;
}
