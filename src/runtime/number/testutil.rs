//! Test support for the number code and the arithmetic builtins: a tiny
//! reader for the printed calls of the oracle tables (numbers, strings,
//! symbols, lists), a tiny printer for results in Emacs's syntax, and a
//! runner that calls a subr by name and compares with GNU Emacs's output.

use super::super::alloc::{list, make_float};
use super::super::error::{pending, ExitKind, LResult};
use super::super::heap::heap;
use super::super::object::Obj;
use super::super::string::make_string;
use super::super::subr::call_subr;
use super::super::symbol::intern;
use super::super::value::Value;
use super::format::float_to_string;
use num_bigint::BigInt;

/// Reads one datum of the subset the oracle tables use.
pub fn read(s: &str) -> Value {
    let b = s.as_bytes();
    let mut pos = 0;
    read_at(b, &mut pos)
}

fn skip_ws(b: &[u8], pos: &mut usize) {
    while *pos < b.len() && b[*pos].is_ascii_whitespace() {
        *pos += 1;
    }
}

fn read_at(b: &[u8], pos: &mut usize) -> Value {
    skip_ws(b, pos);
    match b[*pos] {
        b'\'' => {
            *pos += 1;
            let d = read_at(b, pos);
            list(&[intern("quote"), d])
        }
        b'(' => {
            *pos += 1;
            let mut items = Vec::new();
            loop {
                skip_ws(b, pos);
                if b[*pos] == b')' {
                    *pos += 1;
                    return list(&items);
                }
                items.push(read_at(b, pos));
            }
        }
        b'"' => {
            *pos += 1;
            let mut out = Vec::new();
            while b[*pos] != b'"' {
                let mut c = b[*pos];
                if c == b'\\' {
                    *pos += 1;
                    c = match b[*pos] {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'f' => 12,
                        other => other,
                    };
                }
                out.push(c);
                *pos += 1;
            }
            *pos += 1;
            make_string(std::str::from_utf8(&out).unwrap())
        }
        _ => {
            let start = *pos;
            while *pos < b.len() && !b[*pos].is_ascii_whitespace() && b[*pos] != b')' && b[*pos] != b'(' {
                *pos += 1;
            }
            atom(std::str::from_utf8(&b[start..*pos]).unwrap())
        }
    }
}

fn atom(t: &str) -> Value {
    if let Ok(n) = t.parse::<BigInt>() {
        return super::tower::make_integer_checked(n).unwrap_or(Value::NIL);
    }
    if let Some(p) = t.strip_suffix(".0e+NaN") {
        let neg = p.starts_with('-');
        let payload: u64 = p.trim_start_matches('-').parse().unwrap();
        let bits = 0x7ff8_0000_0000_0000 | payload | if neg { 1 << 63 } else { 0 };
        return make_float(f64::from_bits(bits));
    }
    match t {
        "1.0e+INF" => return make_float(f64::INFINITY),
        "-1.0e+INF" => return make_float(f64::NEG_INFINITY),
        _ => {}
    }
    if let Ok(f) = t.parse::<f64>() {
        return make_float(f);
    }
    intern(t)
}

/// Prints V as `prin1` would, for the data these tests produce.
pub fn print(v: Value) -> String {
    if let Some(i) = v.as_fixnum() {
        return i.to_string();
    }
    if v.is_float() {
        return float_to_string(v.float_value());
    }
    if v.is_string() {
        let s = v.string_ref().to_string_lossy();
        return format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    }
    if v.is_symbol() {
        return v.symbol_name().to_string();
    }
    if v.is_cons() {
        let mut parts = Vec::new();
        let mut l = v;
        while l.is_cons() {
            parts.push(print(l.car()));
            l = l.cdr();
        }
        let tail = if l.is_nil() { String::new() } else { format!(" . {}", print(l)) };
        return format!("({}{})", parts.join(" "), tail);
    }
    if let Some(b) = v.as_bignum() {
        return b.to_string();
    }
    if let Some(s) = v.as_subr() {
        return format!("#<subr {}>", s.name);
    }
    "#<?>".into()
}

/// Calls the subr named by the head of the printed CALL with the other
/// elements as (already evaluated) arguments; the printed value, or
/// `(ERR (SYMBOL . DATA))` as the oracle tables write errors.
pub fn run_call(call: &str) -> String {
    let form = read(call);
    let f = form.car().sym().function;
    let def = match f.as_subr() {
        Some(d) => d,
        None => return format!("(no subr {})", print(form.car())),
    };
    let args: Vec<Value> = form.cdr().iter().collect();
    match call_subr(def, f, &args) {
        Ok(v) => print(v),
        Err(flow) => {
            let _ = flow;
            let p = pending();
            assert_eq!(p.kind, ExitKind::Signal);
            let err = heap().alloc_cons(p.a, p.b);
            format!("(ERR {})", print(err))
        }
    }
}

/// Evaluates FORM built from subr calls, quoted data, self-evaluating
/// atoms and global variables (enough for the oracle's nested cases).
pub fn eval_simple(form: Value) -> LResult<Value> {
    if form.is_symbol() {
        return crate::runtime::specpdl::symbol_value(form);
    }
    if !form.is_cons() {
        return Ok(form);
    }
    if form.car() == intern("quote") {
        return Ok(form.cdr().car_safe());
    }
    let f = form.car().sym().function;
    let def = f.as_subr().expect("a subr");
    let mut args = Vec::new();
    for a in form.cdr().iter() {
        args.push(eval_simple(a)?);
    }
    // As `eval` does, an arity error names the function by its symbol.
    call_subr(def, form.car(), &args)
}

/// `eval_simple` of the printed FORM, shown as the oracle tables show it.
pub fn run_form(form: &str) -> String {
    match eval_simple(read(form)) {
        Ok(v) => print(v),
        Err(_) => {
            let p = pending();
            format!("(ERR {})", print(heap().alloc_cons(p.a, p.b)))
        }
    }
}

/// Runs every (form, expected) pair through `run_form`, listing mismatches.
pub fn check_forms(cases: &[(&str, &str)]) {
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|(form, want)| {
            let got = run_form(form);
            (got != *want).then(|| format!("{form}\n    want {want}\n    got  {got}"))
        })
        .collect();
    assert!(bad.is_empty(), "{} of {} forms differ from GNU Emacs:\n{}", bad.len(), cases.len(), bad.join("\n"));
}

/// Runs every (call, expected) pair and panics listing all mismatches.
pub fn check_table(cases: &[(&str, &str)]) {
    let mut bad = Vec::new();
    for (call, want) in cases {
        let got = run_call(call);
        if got != *want {
            bad.push(format!("{call}\n    want {want}\n    got  {got}"));
        }
    }
    assert!(bad.is_empty(), "{} of {} cases differ from GNU Emacs:\n{}", bad.len(), cases.len(), bad.join("\n"));
}

/// Keeps `Obj` in use for bignum checks in tests.
pub fn is_bignum(v: Value) -> bool {
    v.is_obj() && matches!(v.obj_ref(), Obj::Bignum(_))
}
