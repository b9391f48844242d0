//! Sequence primitives of fns.c: `append`, `concat`, `vconcat`,
//! `copy-sequence`, `substring`, `substring-no-properties`, `fillarray`,
//! `clear-string`, the mapping functions (`mapcar`, `mapc`, `mapcan`,
//! `mapconcat`) and `identity`.  Strings keep their text properties
//! (a list of (START END PLIST) triples) through `substring`, `concat` and
//! `copy-sequence`.
use super::lists::{check_list_end, list_elements, walk, Walk};
use crate::builtins::data::types::expect_char;
use crate::builtins::prelude::*;

/// The elements of a sequence argument of `append`/`vconcat`/`mapcar`:
/// list elements, vector slots, string characters (unibyte bytes as
/// 0..=255) or bool-vector bits as t/nil.
pub fn seq_elements(seq: Value) -> LResult<Vec<Value>> {
    if seq.is_list() {
        return list_elements(seq);
    }
    if seq.is_string() {
        return Ok(seq.string_ref().chars().map(|c| Value::fixnum(c as i64)).collect());
    }
    if seq.is_obj() {
        match seq.obj_ref() {
            Obj::Vector(v) | Obj::ByteCode(v) => return Ok(v.clone()),
            Obj::BoolVector(b) => return Ok(b.iter().map(|x| Value::bool(*x)).collect()),
            Obj::Closure(_) => return Ok(crate::runtime::equality::closure_slots(seq)),
            _ => {}
        }
    }
    Err(wrong_type(sym::SEQUENCEP, seq))
}

pub fn f_identity(a: &[Value]) -> LResult {
    Ok(a[0])
}

pub fn f_append(args: &[Value]) -> LResult {
    let Some((&last, init)) = args.split_last() else { return Ok(Value::NIL) };
    let mut items = Vec::new();
    for &a in init {
        items.extend(seq_elements(a)?);
    }
    Ok(list_with_tail(&items, last))
}

pub fn f_vconcat(args: &[Value]) -> LResult {
    let mut items = Vec::new();
    for &a in args {
        items.extend(seq_elements(a)?);
    }
    Ok(make_vector(items))
}

// ---------------------------------------------------------------------------
// Text properties carried by string operations.

/// Adds the text properties of chars FROM..TO of string SRC to string
/// DEST from position POS, as Emacs's `copy_text_properties` does (used by
/// `substring` and `concat`): the non-nil property ranges are added with
/// `add-text-properties`, last range first.
pub fn copy_string_props(src: Value, from: usize, to: usize, dest: Value, pos: usize) {
    use crate::runtime::buffer::textprop::{add_text_properties, text_property_list, SetType, Target};
    if src.string_ref().props.is_nil() {
        return;
    }
    for (s, e, plist) in text_property_list(Target::Str(src), from, to, Value::NIL) {
        let _ = add_text_properties(Target::Str(dest), s - from + pos, e - from + pos, plist, SetType::Replace, true);
    }
}

/// Characters appended one at a time into a string that becomes
/// multibyte when it must; unibyte string sources contribute raw bytes.
struct Concat {
    b: StringBuilder,
    /// (string, start in the result) of arguments with text properties.
    props: Vec<(Value, usize)>,
}

impl Concat {
    fn new(multibyte: bool) -> Concat {
        Concat { b: if multibyte { StringBuilder::multibyte() } else { StringBuilder::new() }, props: Vec::new() }
    }
    fn push_string(&mut self, s: Value) {
        let st = s.string_ref();
        if !st.props.is_nil() {
            self.props.push((s, self.b.nchars));
        }
        if st.multibyte == self.b.multibyte {
            self.b.data.extend_from_slice(&st.data);
            self.b.nchars += st.nchars;
        } else {
            for c in st.chars() {
                self.b.push(if st.multibyte { c } else { raw_byte_char(c as u8) });
            }
        }
    }
    fn finish(self) -> Value {
        let v = self.b.build();
        for (s, start) in self.props {
            copy_string_props(s, 0, s.string_ref().nchars, v, start);
        }
        v
    }
}

/// `concat` of already-checked arguments.
pub fn concat_strings(args: &[Value]) -> LResult {
    let mut multibyte = false;
    let mut parts: Vec<Result<Value, Vec<u32>>> = Vec::with_capacity(args.len());
    // Each argument is checked (type, then its elements) before the next,
    // as fns.c `concat_to_string` does: only strings, vectors and lists.
    for &a in args {
        if a.is_string() {
            multibyte |= a.string_ref().multibyte;
            parts.push(Ok(a));
            continue;
        }
        if !a.is_list() && a.as_vector().is_none() {
            return Err(wrong_type(sym::SEQUENCEP, a));
        }
        let mut chars = Vec::new();
        for e in seq_elements(a)? {
            let c = expect_char(e)?;
            if c >= 0x80 && !char_is_raw_byte(c) {
                multibyte = true;
            }
            chars.push(c);
        }
        parts.push(Err(chars));
    }
    let mut out = Concat::new(multibyte);
    for p in parts {
        match p {
            Ok(s) => out.push_string(s),
            Err(chars) => chars.into_iter().for_each(|c| out.b.push(c)),
        }
    }
    Ok(out.finish())
}

pub fn f_concat(args: &[Value]) -> LResult {
    concat_strings(args)
}

pub fn copy_string(s: Value) -> Value {
    let st = s.string_ref();
    let v = heap().alloc_string(LispString::new(st.data.clone(), st.nchars, st.multibyte));
    // `copy_intervals`: the same intervals, each plist copied.
    let ivs = crate::runtime::buffer::intervals::string_intervals(s);
    if !ivs.is_null() {
        let copy = ivs.copy_range(0, st.nchars);
        crate::runtime::buffer::intervals::set_string_intervals(v, &copy);
    }
    v
}

pub fn f_copy_sequence(a: &[Value]) -> LResult {
    let arg = a[0];
    if arg.is_nil() {
        return Ok(arg);
    }
    if arg.is_cons() {
        let first = arg.car();
        let mut items = vec![first];
        let rest = arg.cdr();
        if let Walk::End(t) = walk(rest, |c| {
            items.push(c.car());
            Ok(None::<()>)
        })? {
            check_list_end(t, t)?;
        }
        return Ok(list(&items));
    }
    if arg.is_string() {
        return Ok(copy_string(arg));
    }
    if arg.is_obj() {
        match arg.obj_ref() {
            Obj::Vector(v) => return Ok(make_vector(v.clone())),
            Obj::Record(v) => return Ok(make_record(v.clone())),
            Obj::BoolVector(b) => return Ok(heap().alloc_obj(Obj::BoolVector(b.clone()))),
            Obj::CharTable(t) => {
                let mut c = CharTable::new(t.purpose, t.default, t.extras.clone());
                c.parent = t.parent;
                c.ranges = t.ranges.clone();
                c.subtables = t.subtables.clone();
                return Ok(heap().alloc_obj(Obj::CharTable(Box::new(c))));
            }
            _ => {}
        }
    }
    Err(wrong_type(sym::SEQUENCEP, arg))
}

// ---------------------------------------------------------------------------
// substring

/// Emacs's `validate_subarray`: resolves FROM/TO (nil, negative from the
/// end) against SIZE, or `(args-out-of-range ARRAY FROM TO)`.
pub fn validate_subarray(array: Value, from: Value, to: Value, size: usize) -> LResult<(usize, usize)> {
    let size = size as i64;
    let f = if from.is_nil() { 0 } else { from.as_fixnum().ok_or_else(|| wrong_type(sym::INTEGERP, from))? };
    let t = if to.is_nil() { size } else { to.as_fixnum().ok_or_else(|| wrong_type(sym::INTEGERP, to))? };
    let f = if f < 0 { f + size } else { f };
    let t = if t < 0 { t + size } else { t };
    if 0 <= f && f <= t && t <= size {
        Ok((f as usize, t as usize))
    } else {
        Err(args_out_of_range3(array, from, to))
    }
}

/// Chars FROM..TO of string S (indices already validated), with properties
/// when PROPS.
pub fn substring(s: Value, from: usize, to: usize, props: bool) -> Value {
    let st = s.string_ref();
    let (bf, bt) = (st.byte_offset(from), st.byte_offset(to));
    let v = heap().alloc_string(LispString::new(st.data[bf..bt].to_vec(), to - from, st.multibyte));
    if props {
        copy_string_props(s, from, to, v, 0);
    }
    v
}

pub fn f_substring(a: &[Value]) -> LResult {
    let (s, from, to) = (a[0], a[1], a[2]);
    if s.is_string() {
        let (f, t) = validate_subarray(s, from, to, s.string_ref().nchars)?;
        return Ok(substring(s, f, t, true));
    }
    if let Some(v) = s.as_vector() {
        let (f, t) = validate_subarray(s, from, to, v.len())?;
        return Ok(make_vector(v[f..t].to_vec()));
    }
    Err(wrong_type(sym::ARRAYP, s))
}

pub fn f_substring_no_properties(a: &[Value]) -> LResult {
    let s = a[0];
    expect_string(s)?;
    let (f, t) = validate_subarray(s, a[1], a[2], s.string_ref().nchars)?;
    Ok(substring(s, f, t, false))
}

// ---------------------------------------------------------------------------
// fillarray, clear-string

pub fn f_fillarray(a: &[Value]) -> LResult {
    let (array, item) = (a[0], a[1]);
    if let Some(v) = array.as_vector() {
        v.iter_mut().for_each(|x| *x = item);
        return Ok(array);
    }
    if let Some(t) = array.as_char_table() {
        crate::builtins::data::types::char_table_fill(t, item);
        return Ok(array);
    }
    if let Some(b) = array.as_bool_vector() {
        let x = !item.is_nil();
        b.iter_mut().for_each(|y| *y = x);
        return Ok(array);
    }
    if array.is_string() {
        let c = expect_char(item)?;
        let s = array.string_ref();
        if s.nchars == 0 {
            return Ok(array);
        }
        let mut enc = Vec::with_capacity(5);
        if s.multibyte {
            encode_char(c, &mut enc);
        } else {
            enc.push(c as u8);
        }
        if s.nchars.checked_mul(enc.len()) != Some(s.data.len()) {
            return Err(error("Attempt to change byte length of a string"));
        }
        let n = s.data.len();
        for i in 0..n {
            s.data[i] = enc[i % enc.len()];
        }
        return Ok(array);
    }
    Err(wrong_type(sym::ARRAYP, array))
}

pub fn f_clear_string(a: &[Value]) -> LResult {
    let s = expect_string(a[0])?;
    s.data.iter_mut().for_each(|b| *b = 0);
    s.nchars = s.data.len();
    s.multibyte = false;
    Ok(Value::NIL)
}

// ---------------------------------------------------------------------------
// Mapping

/// Calls FN on each element of SEQ (as `mapcar1`), collecting the results
/// when COLLECT.  A list is walked live, so FN shortening it ends the walk.
fn map_seq(f: Value, seq: Value, collect: bool) -> LResult<RootedVec> {
    let mut out = RootedVec::new();
    if seq.as_char_table().is_some() {
        return Err(wrong_type(sym::LISTP, seq));
    }
    if seq.is_list() {
        let n = super::lists::list_length(seq)?;
        let mut tail = seq;
        for _ in 0..n {
            if !tail.is_cons() {
                break;
            }
            let r = funcall(f, &[tail.car()])?;
            if collect {
                out.push(r);
            }
            tail = tail.cdr();
        }
        return Ok(out);
    }
    if let Some(v) = seq.as_vector() {
        let n = v.len();
        for i in 0..n {
            let Some(&x) = seq.as_vector().and_then(|v| v.get(i)) else { break };
            let r = funcall(f, &[x])?;
            if collect {
                out.push(r);
            }
        }
        return Ok(out);
    }
    if seq.is_string() || seq.as_bool_vector().is_some() || seq.as_closure().is_some() {
        let mut items = RootedVec::new();
        items.extend(seq_elements(seq)?);
        for i in 0..items.len() {
            let r = funcall(f, &[items[i]])?;
            if collect {
                out.push(r);
            }
        }
        return Ok(out);
    }
    Err(wrong_type(sym::SEQUENCEP, seq))
}

pub fn f_mapcar(a: &[Value]) -> LResult {
    let r = map_seq(a[0], a[1], true)?;
    Ok(list(&r))
}
pub fn f_mapc(a: &[Value]) -> LResult {
    map_seq(a[0], a[1], false)?;
    Ok(a[1])
}
pub fn f_mapcan(a: &[Value]) -> LResult {
    let r = map_seq(a[0], a[1], true)?;
    super::lists::f_nconc(&r)
}

pub fn f_mapconcat(a: &[Value]) -> LResult {
    let (f, seq, sep) = (a[0], a[1], a[2]);
    let r = map_seq(f, seq, true)?;
    let mut parts = RootedVec::with_capacity(r.len() * 2);
    for (i, &x) in r.iter().enumerate() {
        if i > 0 && !sep.is_nil() {
            parts.push(sep);
        }
        parts.push(x);
    }
    concat_strings(&parts)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::builtins::prelude::*;

    #[test]
    fn append_concat() {
        setup();
        // Expectations from GNU Emacs 30.1.
        assert!(call("append", &[n(1), Value::NIL]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(1)]));
        assert!(call("append", &[cons(n(1), n(2)), Value::NIL]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(2)]));
        let bv = heap().alloc_obj(Obj::BoolVector(vec![true]));
        let r = call("append", &[make_vector(vec![n(1), n(2)]), s("ab"), bv, Value::NIL]).unwrap();
        assert_eq!(list_to_vec(r), vec![n(1), n(2), n(97), n(98), Value::T]);
        assert_eq!(call("append", &[Value::NIL, n(5)]).ok(), Some(n(5)));
        assert_eq!(call("append", &[]).ok(), Some(Value::NIL));
        let a = sy("a");
        assert!(call("concat", &[l(&[a])]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CHARACTERP, a]));
        assert_eq!(text(call("concat", &[l(&[n(97), n(98)]), make_vector(vec![n(99)]), s("d")]).unwrap()), "abcd");
        assert!(call("concat", &[l(&[n(200)])]).unwrap().string_ref().multibyte);
        // (concat (string-to-unibyte "\377") "α") -> "\377α" (a raw byte then alpha)
        let r = call("concat", &[make_string_from_bytes(vec![0xff], false), s("α")]).unwrap();
        assert_eq!(r.string_ref().chars().collect::<Vec<_>>(), vec![0x3FFFFF, 0x3b1]);
        assert!(!call("concat", &[make_string_from_bytes(vec![0xff], false)]).unwrap().string_ref().multibyte);
        let r = call("vconcat", &[s("ab"), l(&[n(1)]), make_vector(vec![n(2)]), bv]).unwrap();
        assert_eq!(r.as_vector().unwrap().clone(), vec![n(97), n(98), n(1), n(2), Value::T]);
    }

    #[test]
    fn substrings() {
        setup();
        let h = s("hello");
        assert_eq!(text(call("substring", &[h, n(1), n(-1)]).unwrap()), "ell");
        assert_eq!(text(call("substring", &[h, n(-3)]).unwrap()), "llo");
        assert!(call("substring", &[h, n(3), n(2)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![h, n(3), n(2)]));
        assert!(call("substring", &[h, n(-10)]).is_err());
        assert_eq!(err(), (sym::ARGS_OUT_OF_RANGE, vec![h, n(-10), Value::NIL]));
        let v = call("substring", &[make_vector(vec![n(1), n(2), n(3)]), n(1)]).unwrap();
        assert_eq!(v.as_vector().unwrap().clone(), vec![n(2), n(3)]);
        let lst = l(&[n(1), n(2)]);
        assert!(call("substring", &[lst, n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::ARRAYP, lst]));
        assert!(call("substring", &[h, make_float(1.0)]).is_err());
        assert_eq!(err().1[0], sym::INTEGERP);
        assert_eq!(text(call("substring", &[s("aéb"), n(1), n(2)]).unwrap()), "é");
        // Properties: (substring (propertize "abc" 'face 'bold) 1) -> #("bc" 0 2 (face bold))
        let p = s("abc");
        p.string_ref().props = l(&[l(&[n(0), n(3), l(&[sy("face"), sy("bold")])])]);
        let sub = call("substring", &[p, n(1)]).unwrap();
        let iv = sub.string_ref().props.car();
        assert_eq!((iv.car(), iv.cdr().car()), (n(0), n(2)));
        let cat = call("concat", &[s("x"), p]).unwrap();
        // Intervals cover the whole string: (0 1 nil) (1 4 (face bold)).
        let iv = cat.string_ref().props.cdr().car();
        assert_eq!((iv.car(), iv.cdr().car()), (n(1), n(4)));
        assert!(call("substring-no-properties", &[p, n(1)]).unwrap().string_ref().props.is_nil());
    }

    #[test]
    fn copy_and_fill() {
        setup();
        assert!(call("copy-sequence", &[cons(n(1), cons(n(2), n(3)))]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        assert!(call("copy-sequence", &[n(1)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(1)]));
        let r = make_record(vec![sy("a"), n(1)]);
        let c = call("copy-sequence", &[r]).unwrap();
        assert!(c != r && c.as_record().unwrap().clone() == vec![sy("a"), n(1)]);
        // (fillarray (copy-sequence "αβ") ?a) -> (error "Attempt to change byte length of a string")
        assert!(call("fillarray", &[s("αβ"), n(97)]).is_err());
        assert_eq!(text(err().1[0]), "Attempt to change byte length of a string");
        let u = s("abc");
        call("fillarray", &[u, n(0x3b1)]).unwrap();
        assert_eq!(u.string_ref().data, vec![0xb1; 3]);
        assert!(call("fillarray", &[r, n(0)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::ARRAYP, r]));
        let m = s("αβ");
        call("clear-string", &[m]).unwrap();
        assert_eq!((m.string_ref().multibyte, m.string_ref().nchars, m.string_ref().data.clone()), (false, 4, vec![0; 4]));
    }

    #[test]
    fn mapping() {
        setup();
        let id = sy("identity");
        assert_eq!(ints(call("mapcar", &[id, l(&[n(1), n(2)])]).unwrap()), vec![1, 2]);
        assert!(call("mapcar", &[id, n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(5)]));
        assert!(call("mapcar", &[id, cons(n(1), cons(n(2), n(3)))]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
        let u = make_string_from_bytes(vec![0xff, b'a'], false);
        assert_eq!(ints(call("mapcar", &[id, u]).unwrap()), vec![255, 97]);
        assert_eq!(ints(call("mapcan", &[sy("list"), l(&[n(1), n(2)])]).unwrap()), vec![1, 2]);
        assert!(call("mapcan", &[id, l(&[n(1), n(2)])]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CONSP, n(1)]));
        let ab = l(&[s("a"), s("b")]);
        assert_eq!(text(call("mapconcat", &[id, ab]).unwrap()), "ab");
        assert_eq!(text(call("mapconcat", &[id, ab, s("-")]).unwrap()), "a-b");
        assert!(call("mapconcat", &[id, ab, n(5)]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(5)]));
        assert!(call("mapconcat", &[id, s("ab"), s("")]).is_err());
        assert_eq!(err(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::SEQUENCEP, n(97)]));
        let lst = l(&[n(1)]);
        assert_eq!(call("mapc", &[id, lst]).ok(), Some(lst));
    }
}
