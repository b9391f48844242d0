//! Reader tests.  `table_from_emacs` replays testdata/expected.txt, which
//! testdata/gen.el produced by running GNU Emacs 30.1's `read-from-string`
//! on every input of testdata/cases.el; `dump` mirrors gen.el's `d`.
//! The other tests cover shared structure, the file `Reader`, function
//! streams, depth and speed, with expectations taken from Emacs.

use super::*;
use crate::runtime::error::{pending, ExitKind};
use crate::runtime::hashtable::HashTest;
use crate::runtime::heap::heap;
use crate::runtime::object::Obj;
use crate::runtime::string::{decode_char, encode_char, LispString, MAX_CHAR};
use crate::runtime::symbol::{intern, symtab, Interned};

use crate::builtins::testutil::setup;

fn esc(chars: impl Iterator<Item = u32>) -> String {
    let mut out = String::new();
    for c in chars {
        if c > 32 && c < 127 && !b"\\\"|{}\t".contains(&(c as u8)) {
            out.push(c as u8 as char);
        } else {
            out.push_str(&format!("\\{{{c:x}}}"));
        }
    }
    out
}

fn unesc(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'{') {
            let close = s[i..].find('}').unwrap() + i;
            out.push(u32::from_str_radix(&s[i + 2..close], 16).unwrap());
            i = close + 1;
        } else {
            out.push(b[i] as u32);
            i += 1;
        }
    }
    out
}

/// A Lisp string from gen.el's escaped form ("m:" or "u:" prefix).
fn source_string(spec: &str) -> Value {
    let multibyte = spec.starts_with("m:");
    let chars = unesc(&spec[2..]);
    let mut data = Vec::new();
    for &c in &chars {
        if multibyte {
            encode_char(c, &mut data);
        } else {
            data.push(c as u8);
        }
    }
    heap().alloc_string(LispString::new(data, chars.len(), multibyte))
}

fn dump_list(mut x: Value) -> String {
    let mut parts = Vec::new();
    while x.is_cons() {
        parts.push(dump(x.car()));
        x = x.cdr();
    }
    let tail = if x.is_nil() { String::new() } else { format!(" . {}", dump(x)) };
    format!("({}{})", parts.join(" "), tail)
}

fn dump_items(items: &[Value]) -> String {
    items.iter().map(|v| dump(*v)).collect::<Vec<_>>().join(" ")
}

/// The dump format of gen.el's `d`.
fn dump(x: Value) -> String {
    if let Some(n) = x.as_fixnum() {
        return n.to_string();
    }
    if x.is_float() {
        return float_text(x.float_value());
    }
    if x.is_symbol() {
        let name = x.sym().name.string_ref();
        let interned = x.sym().interned == Interned::InitialObarray && symtab().lookup(&name.data) == Some(x);
        return format!("{}{}", if interned { "" } else { "#:" }, esc(name.chars()));
    }
    if x.is_string() {
        let s = x.string_ref();
        let body = format!("{}\"{}\"", if s.multibyte { "m" } else { "u" }, esc(s.chars()));
        return if s.props.is_nil() { body } else { format!("#({} {})", body, dump(s.props)) };
    }
    if x.is_cons() {
        return dump_list(x);
    }
    match x.obj_ref() {
        Obj::Bignum(b) => b.to_string(),
        Obj::Vector(v) => format!("[{}]", dump_items(v)),
        Obj::Record(v) => format!("#s({})", dump_items(v)),
        Obj::Closure(c) => format!("#[{}]", dump_items(&c.slots)),
        Obj::ByteCode(v) => format!("#[{}]", dump_items(v)),
        Obj::BoolVector(b) => format!("#&{}", b.iter().map(|&x| if x { '1' } else { '0' }).collect::<String>()),
        Obj::HashTable(h) => {
            let test = match h.test {
                HashTest::Eq => "eq".to_string(),
                HashTest::Eql => "eql".to_string(),
                HashTest::Equal => "equal".to_string(),
                HashTest::User => dump(h.user_test[0]),
            };
            let data: Vec<String> = h.entries().iter().flat_map(|(k, v)| [dump(*k), dump(*v)]).collect();
            format!("#s(hash-table test {} weakness {} data ({}))", test, dump(h.weakness), data.join(" "))
        }
        Obj::CharTable(t) => {
            // map-char-table's view: entries (nil ones showing the default), runs of eq values.
            let mut runs: Vec<(u32, u32, Value)> = Vec::new();
            let mut add = |from: u32, to: u32, v: Value| {
                if v.is_nil() || from > to {
                    return;
                }
                match runs.last_mut() {
                    Some(last) if last.1 + 1 == from && last.2 == v => last.1 = to,
                    _ => runs.push((from, to, v)),
                }
            };
            let mut next = 0u32;
            for &(f, e, v) in &t.ranges {
                if f > next {
                    add(next, f - 1, t.default);
                }
                add(f, e, v);
                next = e + 1;
            }
            if next <= MAX_CHAR {
                add(next, MAX_CHAR, t.default);
            }
            let ranges: Vec<String> = runs.iter().map(|(f, e, v)| format!("({} {} {})", f, e, dump(*v))).collect();
            let paren = |s: String| {
                if s.is_empty() {
                    "nil".to_string()
                } else {
                    format!("({s})")
                }
            };
            format!(
                "#^[default {} parent {} purpose {} extras {} ranges {}]",
                dump(t.default),
                dump(t.parent),
                dump(t.purpose),
                paren(dump_items(&t.extras)),
                paren(ranges.join(" "))
            )
        }
        _ => "?".to_string(),
    }
}

/// `prin1` of a float.  (runtime::number::float_to_string starts dtoastr's
/// search at 15 digits even for subnormals, where Emacs starts at 1.)
fn float_text(f: f64) -> String {
    if f != 0.0 && f.abs() < f64::MIN_POSITIVE {
        for prec in 1..=17 {
            let s = crate::runtime::number::c_format_float(f, b'g', prec);
            if s.parse::<f64>().ok() == Some(f) {
                return s;
            }
        }
    }
    crate::runtime::number::float_to_string(f)
}

/// The pending signal as gen.el dumps it: (ERROR-SYMBOL . DATA).
fn dump_error() -> String {
    let p = pending();
    assert_eq!(p.kind, ExitKind::Signal);
    dump(crate::runtime::alloc::cons(p.a, p.b))
}

fn read_case(src: Value, start: &str, end: &str, shared: bool) -> String {
    let args = [
        src,
        if start == "-" { Value::NIL } else { Value::fixnum(start.parse().unwrap()) },
        if end == "-" { Value::NIL } else { Value::fixnum(end.parse().unwrap()) },
    ];
    match crate::builtins::lread::SUBRS.iter().find(|d| d.name == "read-from-string").map(|d| (d.func)(&args)).unwrap() {
        Ok(r) if shared => format!("SHARED @{}", r.cdr().as_fixnum().unwrap()),
        Ok(r) => format!("RES {} @{}", dump(r.car()), r.cdr().as_fixnum().unwrap()),
        Err(_) => format!("ERR {}", dump_error()),
    }
}

/// Whether SRC has a `\N{NAME}` escape with a name other than U+X.
fn needs_char_from_name(src: &str) -> bool {
    src.contains("\\{5c}N\\{7b}") && !src.contains("\\{5c}N\\{7b}U+") && intern("char-from-name").sym().function.is_nil()
}

#[test]
fn table_from_emacs() {
    setup();
    intern("ctx").sym().plist = crate::runtime::alloc::list(&[intern("char-table-extra-slots"), Value::fixnum(2)]);
    let mut failures = Vec::new();
    let mut n = 0;
    for line in include_str!("testdata/expected.txt").lines() {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let (src, start, end, want) = (f[0], f[1], f[2], f[3]);
        if std::env::var("READER_TRACE").is_ok() {
            eprintln!("case {src}");
        }
        let got = read_case(source_string(src), start, end, want.starts_with("SHARED"));
        n += 1;
        if needs_char_from_name(src) && want.starts_with("RES") && !got.starts_with("RES") {
            // Character names need `char-from-name' (Emacs's Lisp library);
            // without it the reader signals what Emacs signals for unknown names.
            assert!(got.starts_with("ERR (invalid-read-syntax u\"\\{5c}N\\{7b}"), "{src}: {got}");
            continue;
        }
        if got != want {
            failures.push(format!("{src} [{start} {end}]\n   want {want}\n    got {got}"));
        }
    }
    assert!(n > 600);
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), n, failures.join("\n"));
}

fn rfs(s: &str) -> Value {
    read_from_string(crate::runtime::string::make_string(s), 0, None).unwrap_or_else(|_| panic!("read {s}: {}", dump_error())).0
}

#[test]
fn shared_and_circular_structure() {
    setup();
    let x = rfs("(#1=(a) #1#)");
    assert_eq!(x.car(), x.cdr().car());
    let x = rfs("((a) (a))");
    assert_ne!(x.car(), x.cdr().car());
    let x = rfs("#1=(a . #1#)");
    assert_eq!(x, x.cdr());
    let x = rfs("#1=(a #1#)");
    assert_eq!(x, x.cdr().car());
    let x = rfs("#1=[a #1#]");
    assert_eq!(x, x.as_vector().unwrap()[1]);
    let x = rfs("#1=(a #s(foo #1#))");
    assert_eq!(x, x.cdr().car().as_record().unwrap()[1]);
    let x = rfs("#1=[a #[(x) (#1#) nil]]");
    let clo = x.as_vector().unwrap()[1].as_closure().unwrap();
    assert_eq!(clo.slots[1].car(), x);
    let x = rfs("[#1=\"s\" #1#]");
    let v = x.as_vector().unwrap();
    assert_eq!(v[0], v[1]);
    // Emacs does not substitute inside hash tables: the value stays the placeholder (nil).
    let x = rfs("#1=[a #s(hash-table data (k #1#))]");
    let h = x.as_vector().unwrap()[1].as_hash_table().unwrap();
    let val = h.get(intern("k")).unwrap().unwrap();
    assert!(val.is_cons() && val.car().is_nil() && val.cdr().is_nil());
    let x = rfs("#1=[a #(\"abc\" 0 1 (p #1#))]");
    let s = x.as_vector().unwrap()[1];
    assert_eq!(s.string_ref().props.car().cdr().cdr().car().cdr().car(), x);
    let x = rfs("(#1=a . #1#)");
    assert_eq!(x.car(), x.cdr());
    let x = rfs("#1=(#1=a #1#)");
    assert_eq!(dump(x), "(a a)");
    // Labels are per top-level read.
    let s = crate::runtime::string::make_string("#1=(x) #1#");
    assert!(read_from_string(s, 6, None).is_err());
}

#[test]
fn file_reader_positions_and_forms() {
    setup();
    let src = crate::runtime::string::make_string("\n;; c\n (foo) bar\n\t\"é\" ; tail\n  (a\n b)");
    let mut r = Reader::new(src);
    let mut got = Vec::new();
    while let Some(v) = r.read_next().unwrap() {
        got.push((dump(v), r.position()));
    }
    assert_eq!(
        got,
        vec![
            ("(foo)".to_string(), (3, 1)),
            ("bar".to_string(), (3, 7)),
            ("m\"\\{e9}\"".to_string(), (4, 1)),
            ("(a b)".to_string(), (5, 2)),
        ]
    );
    assert!(r.read_next().unwrap().is_none());
}

/// Reads SRC as a file and returns the error data dump.
fn file_error(src: &str) -> String {
    let mut r = Reader::new(crate::runtime::string::make_string(src));
    loop {
        match r.read_next() {
            Ok(Some(_)) => continue,
            Ok(None) => return "none".into(),
            Err(_) => return dump_error(),
        }
    }
}

#[test]
fn file_reader_errors_carry_line_and_column() {
    setup();
    // From Emacs: (with-temp-buffer (insert S) (goto-char 1) (read (current-buffer))).
    let cases = [
        (")", "(invalid-read-syntax u\")\" 1 1)"),
        ("  )", "(invalid-read-syntax u\")\" 1 3)"),
        ("\n\n  (a . b c)", "(invalid-read-syntax u\"expected\\{20})\" 3 10)"),
        ("#<foo>", "(invalid-read-syntax u\"#<\" 1 2)"),
        ("\t\t)", "(invalid-read-syntax u\")\" 1 17)"),
        ("?ab", "(invalid-read-syntax u\"?\" 1 2)"),
        ("\"\\C-%\"", "(invalid-read-syntax u\"Invalid\\{20}modifier\\{20}in\\{20}string\" 1 5)"),
        ("#1#", "(invalid-read-syntax u\"#1#\" 1 3)"),
        ("(#1=a #2#)", "(invalid-read-syntax u\"#2#\" 1 9)"),
        ("#s()", "(invalid-read-syntax u\"#s\" 1 4)"),
        ("]", "(invalid-read-syntax u\"]\" 1 1)"),
        ("(a . )", "(invalid-read-syntax u\")\" 1 6)"),
        ("#&10\"\"", "(invalid-read-syntax u\"#&...\" 1 6)"),
        ("\"\\u12\"", "(error u\"Non-hex\\{20}character\\{20}used\\{20}for\\{20}Unicode\\{20}escape:\\{20}\\{22}\\{20}(34)\")"),
        ("#", "(invalid-read-syntax u\"#\" 1 1)"),
        ("#x", "(invalid-read-syntax u\"integer,\\{20}radix\\{20}16\" 1 2)"),
        ("(. b)", "(invalid-read-syntax u\".\" 1 2)"),
        ("(a", "(end-of-file)"),
        ("é )", "(invalid-read-syntax u\")\" 1 3)"),
        ("日本 )", "(invalid-read-syntax u\")\" 1 6)"),
    ];
    for (src, want) in cases {
        assert_eq!(file_error(src), want, "reading {src:?}");
    }
}

#[test]
fn end_of_file_names_the_file_being_loaded() {
    setup();
    let var = intern("load-true-file-name");
    let old = var.sym().value;
    var.sym().value = crate::runtime::string::make_string("/tmp/x.el");
    assert_eq!(file_error("(a"), "(end-of-file u\"/tmp/x.el\")");
    var.sym().value = old;
}

thread_local! {
    static STREAM: std::cell::RefCell<(Vec<u32>, usize, Vec<i64>)> = const { std::cell::RefCell::new((Vec::new(), 0, Vec::new())) };
}

/// A stand-in evaluator: any function is the character stream in STREAM.
/// Each call collects garbage, as a call into Lisp may.
fn stream_funcall(_f: Value, args: &[Value]) -> crate::runtime::error::LResult {
    heap().collect();
    STREAM.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(c) = args.first() {
            s.2.push(c.as_fixnum().unwrap());
            return Ok(Value::NIL);
        }
        if let Some(c) = s.2.pop() {
            return Ok(Value::fixnum(c));
        }
        let i = s.1;
        s.1 += 1;
        Ok(s.0.get(i).map(|&c| Value::fixnum(c as i64)).unwrap_or(Value::NIL))
    })
}

fn read_stream(text: &str) -> Result<Value, String> {
    STREAM.with(|s| *s.borrow_mut() = (text.chars().map(|c| c as u32).collect(), 0, Vec::new()));
    let old = crate::runtime::rt().hooks.funcall;
    crate::runtime::rt().hooks.funcall = stream_funcall;
    let r = read_from_function(intern("test-stream"));
    crate::runtime::rt().hooks.funcall = old;
    r.map_err(|_| dump_error())
}

#[test]
fn function_streams() {
    setup();
    // From Emacs, with a closure serving the characters of the text.
    let v = read_stream("é ").unwrap();
    let name = v.sym().name.string_ref();
    assert!(!name.multibyte);
    assert_eq!(name.data, vec![0xE9]);
    assert_eq!(dump(read_stream("(a \"é\" ?é . b)").unwrap()), "(a m\"\\{e9}\" 233 . b)");
    assert_eq!(read_stream("").unwrap_err(), "(end-of-file)");
    assert_eq!(read_stream("\"abc").unwrap_err(), "(end-of-file)");
    assert_eq!(read_stream(")").unwrap_err(), "(invalid-read-syntax u\")\")");
    assert_eq!(dump(read_stream("#1=(a . #1#)").map(|v| v.cdr().car()).unwrap()), "a");
    assert_eq!(dump(read_stream("[1 2.5 #x10 \"s\"]").unwrap()), "[1 2.5 16 u\"s\"]");
    // (Also a case of the table, so the string reading is checked against Emacs.)
    let text = "(a (b . c) [d #s(e f) \"g\" 1.5 99999999999999999999] 'i #s(hash-table data (j k)))";
    assert_eq!(dump(read_stream(text).unwrap()), dump(rfs(text)));
}

#[test]
fn deep_nesting_is_iterative() {
    setup();
    let depth = 100_000;
    for (open, close) in [("(", ")"), ("[", "]"), ("#s(a ", ")"), ("(a . ", ")")] {
        let text = format!("{}x{}", open.repeat(depth), close.repeat(depth));
        let (v, end) = read_from_string(crate::runtime::string::make_string(&text), 0, None).unwrap();
        assert_eq!(end, text.len());
        assert!(!v.is_nil());
    }
    let text = format!("{}x", "'".repeat(depth));
    let (mut v, _) = read_from_string(crate::runtime::string::make_string(&text), 0, None).unwrap();
    for _ in 0..depth {
        assert_eq!(v.car(), crate::runtime::sym::QUOTE);
        v = v.cdr().car();
    }
    assert_eq!(v, intern("x"));
    let text = format!("{}x{}", "(".repeat(depth), ")".repeat(depth - 1));
    let err = read_from_string(crate::runtime::string::make_string(&text), 0, None);
    assert!(err.is_err());
    assert_eq!(dump_error(), "(end-of-file)");
}

#[test]
fn huge_string_literal_reads_in_linear_time() {
    setup();
    let n = 10 << 20;
    let mut text = String::with_capacity(n + 10);
    text.push('"');
    for i in 0..n {
        text.push(if i % 1000 == 999 { 'é' } else { 'a' });
    }
    text.push('"');
    let src = crate::runtime::string::make_string(&text);
    let t = std::time::Instant::now();
    let (v, end) = read_from_string(src, 0, None).unwrap();
    assert!(t.elapsed().as_secs_f64() < 5.0, "took {:?}", t.elapsed());
    assert_eq!(end, n + 2);
    let s = v.string_ref();
    assert!(s.multibyte);
    assert_eq!(s.nchars, n);
    let t = std::time::Instant::now();
    let mut r = Reader::new(src);
    assert!(r.read_next().unwrap().is_some());
    assert!(r.read_next().unwrap().is_none());
    assert!(t.elapsed().as_secs_f64() < 5.0, "took {:?}", t.elapsed());
}

#[test]
fn string_multibyteness_and_bytes() {
    setup();
    // From Emacs: (multibyte-string-p ...), (string-bytes ...), (aref ... 0).
    let s = rfs("\"\\351\"").string_ref();
    assert!(!s.multibyte && s.data == vec![0xE9]);
    let s = rfs("\"\\u00e9\\351\"").string_ref();
    assert!(s.multibyte && s.nchars == 2);
    assert_eq!(decode_char(&s.data[2..]).0, 0x3FFFE9);
    let s = rfs("\"\\M-a\"").string_ref();
    assert!(!s.multibyte && s.data == vec![0xE1]);
    let s = rfs("\"é\"").string_ref();
    assert!(s.multibyte && s.data.len() == 2 && s.nchars == 1);
    let s = rfs("\"abc\"").string_ref();
    assert!(!s.multibyte);
    // Symbol names read from a multibyte string are multibyte, even ASCII ones.
    let mb = source_string("m:fooxyzq-reader-test");
    let v = read_from_string(mb, 0, None).unwrap().0;
    assert!(v.sym().name.string_ref().multibyte);
    let v = rfs("fooxyzq-reader-test2");
    assert!(!v.sym().name.string_ref().multibyte);
    // A unibyte source's bytes 128..255 are characters 128..255.
    let v = read_from_string(source_string("u:\\{e9}"), 0, None).unwrap().0;
    assert_eq!(v.sym().name.string_ref().data, vec![0xE9]);
}

fn call(name: &str, args: &[Value]) -> Result<Value, String> {
    let def = crate::builtins::lread::SUBRS.iter().find(|d| d.name == name).unwrap();
    crate::runtime::subr::call_subr(def, intern(name), args).map_err(|_| dump_error())
}

#[test]
fn obarray_primitives() {
    setup();
    let ms = crate::runtime::string::make_string;
    // Expectations from Emacs 30.1.
    assert_eq!(call("intern", &[Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument stringp 5)");
    assert_eq!(call("intern", &[ms("x"), Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument obarrayp 5)");
    assert_eq!(call("intern", &[Value::fixnum(5), Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument obarrayp 5)");
    assert_eq!(call("intern-soft", &[Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument stringp 5)");
    assert_eq!(call("intern-soft", &[ms("quote")]).unwrap(), intern("quote"));
    assert_eq!(call("intern-soft", &[intern("quote")]).unwrap(), intern("quote"));
    let fresh = crate::runtime::symbol::make_symbol(ms("quote"));
    assert!(call("intern-soft", &[fresh]).unwrap().is_nil());
    assert!(call("intern-soft", &[ms("zzz-not-there-q")]).unwrap().is_nil());
    let ob = crate::runtime::specpdl::value_cell(intern("obarray"));
    assert!(call("unintern", &[ms("zzz-not-there-q"), ob]).unwrap().is_nil());
    let s = call("intern", &[ms("zzz-q1")]).unwrap();
    assert!(call("unintern", &[s, ob]).unwrap().is_t());
    assert!(call("intern-soft", &[ms("zzz-q1")]).unwrap().is_nil());
    assert_ne!(call("intern", &[ms("zzz-q1")]).unwrap(), s);
    assert!(call("unintern", &[fresh, ob]).unwrap().is_nil());
    assert_eq!(call("unintern", &[Value::fixnum(5), ob]).unwrap_err(), "(wrong-type-argument stringp 5)");
    assert_eq!(call("unintern", &[ms("x"), Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument obarrayp 5)");
    let name = ms("zzz-q2");
    assert_eq!(call("intern", &[name]).unwrap().sym().name, name);
    assert_eq!(call("mapatoms", &[Value::fixnum(5), Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument obarrayp 5)");
    assert!(call("obarrayp", &[ob]).unwrap().is_t());
    assert!(call("obarrayp", &[Value::fixnum(5)]).unwrap().is_nil());
    assert!(call("intern", &[ms(":kw-reader-test")]).unwrap().sym().constant);
    // A bad `obarray' makes the reader signal, and is reset.
    let var = intern("obarray");
    var.sym().value = Value::fixnum(5);
    assert_eq!(call("read-from-string", &[ms("x")]).unwrap_err(), "(wrong-type-argument obarrayp 5)");
    assert_eq!(var.sym().value, ob);
}

#[test]
fn read_primitive_arguments() {
    setup();
    let ms = crate::runtime::string::make_string;
    assert_eq!(call("read-from-string", &[Value::fixnum(5)]).unwrap_err(), "(wrong-type-argument stringp 5)");
    assert_eq!(call("read-from-string", &[ms("abc"), intern("a")]).unwrap_err(), "(wrong-type-argument integerp a)");
    assert_eq!(call("read-from-string", &[ms("abc"), Value::fixnum(0), intern("a")]).unwrap_err(), "(wrong-type-argument integerp a)");
    let one = crate::runtime::alloc::make_float(1.0);
    assert_eq!(call("read-from-string", &[ms("abc"), one]).unwrap_err(), "(wrong-type-argument integerp 1.0)");
    assert_eq!(call("read-from-string", &[ms("abc"), Value::fixnum(-5)]).unwrap_err(), "(args-out-of-range u\"abc\" -5 nil)");
    assert_eq!(dump(call("read", &[ms("(1 2 3)")]).unwrap()), "(1 2 3)");
    assert_eq!(call("read", &[ms("")]).unwrap_err(), "(end-of-file)");
    assert_eq!(call("read", &[ms(")")]).unwrap_err(), "(invalid-read-syntax u\")\")");
    let v = crate::runtime::specpdl::value_cell(intern("load-file-name"));
    assert!(v.is_nil());
    assert!(call("read", &[ms("#$")]).unwrap().is_nil());
}

#[test]
fn unescaped_character_literals_are_noted() {
    setup();
    let var = intern("lread--unescaped-character-literals");
    var.sym().value = Value::NIL;
    rfs("(?( ?\\) ?; ?()");
    assert_eq!(dump(var.sym().value), "(59 40)");
    var.sym().value = Value::NIL;
}

#[test]
fn empty_strings_and_vectors_are_unique() {
    setup();
    // From Emacs: (eq "" "") and (eq [] []) are t (tests/compat/equality.el).
    let x = rfs("(\"\" \"\" [] [] ## #:)");
    let v: Vec<Value> = x.iter().collect();
    assert_eq!(v[0], v[1]);
    assert_eq!(v[2], v[3]);
    assert_eq!(v[4].sym().name, v[0]);
    assert_eq!(v[5].sym().name, v[0]);
    assert!(!v[0].string_ref().multibyte);
}

/// Reads whole files of Emacs's Lisp and compares every form with the dumps
/// that GNU Emacs made of its own reading (/tmp/forms-*.txt, made by reading
/// each file from a buffer and dumping each form with gen.el's `d`).
#[test]
#[ignore]
fn whole_files_as_emacs_reads_them() {
    setup();
    let mut total = 0;
    let mut elapsed = std::time::Duration::ZERO;
    for f in ["simple.el", "subr.el", "files.el", "org/org.el", "progmodes/cc-engine.el"] {
        let text = std::fs::read_to_string(format!("/work/emacs-src/lisp/{f}")).unwrap();
        let want = std::fs::read_to_string(format!("/tmp/forms-{}.txt", f.replace('/', "-"))).ok();
        let src = crate::runtime::string::make_string(&text);
        let mut r = Reader::new(src);
        let mut forms = Vec::new();
        let t = std::time::Instant::now();
        while let Some(v) = r.read_next().unwrap_or_else(|_| panic!("{f}: {}", dump_error())) {
            forms.push(v);
        }
        elapsed += t.elapsed();
        total += text.len();
        if let Some(want) = want {
            for (i, (w, v)) in want.lines().zip(forms.iter()).enumerate() {
                assert_eq!(dump(*v), w, "{f}: form {i}");
            }
            assert_eq!(want.lines().count(), forms.len(), "{f}");
        }
    }
    eprintln!("{total} bytes read in {elapsed:?}");
}

#[test]
fn positioning_symbols() {
    setup();
    use crate::runtime::symbol_pos::parts;
    let read = |s: &str| read_positioning_symbols(crate::runtime::string::make_string(s)).unwrap();
    // (read-positioning-symbols "(a nil [b] #s(r c) 'd)")
    //   -> (#<symbol a at 1> nil [#<symbol b at 8>] #s(r c) '#<symbol d at 20>)
    let v = read("(a nil [b] #s(r c) 'd)");
    let items: Vec<Value> = v.iter().collect();
    assert_eq!(parts(items[0]), Some((intern("a"), Value::fixnum(1))));
    assert_eq!(items[1], Value::NIL);
    assert_eq!(parts(items[2].as_vector().unwrap()[0]), Some((intern("b"), Value::fixnum(8))));
    let rec = items[3].as_record().unwrap();
    assert_eq!((rec[0], rec[1]), (intern("r"), intern("c")));
    assert_eq!(items[4].car(), crate::runtime::sym::QUOTE);
    assert_eq!(parts(items[4].cdr().car()), Some((intern("d"), Value::fixnum(20))));
    // Numbers stay numbers; #: symbols count from their name.
    assert_eq!(read("12"), Value::fixnum(12));
    let g = read("#:g");
    assert_eq!(parts(g).map(|p| p.1), Some(Value::fixnum(2)));
    // (read-positioning-symbols "#1=[a]") -> (wrong-type-argument sequencep #<symbol a at 4>)
    assert!(read_positioning_symbols(crate::runtime::string::make_string("#1=[a]")).is_err());
    let p = pending();
    assert_eq!(p.a, crate::runtime::sym::WRONG_TYPE_ARGUMENT);
    // Plain reads are unaffected.
    let (plain, _) = read_from_string(crate::runtime::string::make_string("(a)"), 0, None).unwrap();
    assert_eq!(plain.car(), intern("a"));
}
