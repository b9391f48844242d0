//! Primitives of GNU Emacs's data.c about types and conses: the type
//! predicates (`consp`, `stringp`, `natnump` ...), `type-of` / `cl-type-of`,
//! `eq`, the cons accessors (`car`, `cdr`, `setcar` ...), array access
//! (`aref`, `aset` on vectors, strings, records, bool-vectors, char-tables
//! and closures), `subr-arity` / `subr-name`, `bare-symbol`,
//! `interactive-form`, `command-modes`, the native-compilation queries
//! (`subr-type`, `native-comp-function-p` ..., answered as Emacs does for
//! code that is not native), and the bool-vector set operations
//! (`bool-vector-union` & co., `-not`, `-subsetp`, `-count-population`,
//! `-count-consecutive`).  Also the char-table lookup and update helpers that
//! `aref`/`aset`, `make-char-table` and chartab.rs share.
use crate::builtins::chartab::uniprop;
use crate::builtins::prelude::*;
use crate::runtime::symbol_pos;

fn is_host(v: Value, name: &str) -> bool {
    v.is_obj() && matches!(v.obj_ref(), Obj::Host(h) if h.type_name() == name)
}

pub fn is_marker(v: Value) -> bool {
    is_host(v, "marker")
}
pub fn is_buffer(v: Value) -> bool {
    is_host(v, "buffer")
}
pub fn is_vector(v: Value) -> bool {
    v.as_vector().is_some()
}
pub fn is_record(v: Value) -> bool {
    v.as_record().is_some()
}
pub fn is_bool_vector(v: Value) -> bool {
    v.as_bool_vector().is_some()
}
pub fn is_char_table(v: Value) -> bool {
    v.as_char_table().is_some()
}
pub fn is_closure(v: Value) -> bool {
    v.as_closure().is_some()
}
pub fn is_subr(v: Value) -> bool {
    v.as_subr().is_some()
}
pub fn is_hash_table(v: Value) -> bool {
    v.as_hash_table().is_some()
}
/// `arrayp`: vectors, strings, char-tables and bool-vectors.
pub fn is_array(v: Value) -> bool {
    v.is_string() || is_vector(v) || is_bool_vector(v) || is_char_table(v)
}
pub fn is_sequence(v: Value) -> bool {
    v.is_list() || is_array(v)
}
/// `characterp`: a fixnum in 0..=MAX_CHAR.
pub fn is_character(v: Value) -> bool {
    matches!(v.as_fixnum(), Some(n) if (0..=MAX_CHAR as i64).contains(&n))
}
pub fn is_natnum(v: Value) -> bool {
    match v.as_fixnum() {
        Some(n) => n >= 0,
        None => v.as_bignum().is_some_and(|b| b.sign() != num_bigint::Sign::Minus),
    }
}

/// The argument as a character code, or `wrong-type-argument characterp`.
pub fn expect_char(v: Value) -> LResult<u32> {
    if is_character(v) {
        Ok(v.as_fixnum_unchecked() as u32)
    } else {
        Err(wrong_type(sym::CHARACTERP, v))
    }
}

fn pred(b: bool) -> LResult {
    Ok(Value::bool(b))
}

fn f_null(a: &[Value]) -> LResult {
    pred(a[0].is_nil())
}
fn f_consp(a: &[Value]) -> LResult {
    pred(a[0].is_cons())
}
fn f_atom(a: &[Value]) -> LResult {
    pred(!a[0].is_cons())
}
fn f_listp(a: &[Value]) -> LResult {
    pred(a[0].is_list())
}
fn f_nlistp(a: &[Value]) -> LResult {
    pred(!a[0].is_list())
}
/// `symbolp`: lisp.h `SYMBOLP` (symbols with position count while enabled).
fn f_symbolp(a: &[Value]) -> LResult {
    pred(symbol_pos::symbolp(a[0]))
}
fn f_bare_symbol_p(a: &[Value]) -> LResult {
    pred(a[0].is_symbol())
}
fn f_symbol_with_pos_p(a: &[Value]) -> LResult {
    pred(symbol_pos::is_symbol_with_pos(a[0]))
}
fn f_keywordp(a: &[Value]) -> LResult {
    pred(is_keyword(symbol_pos::strip_if_enabled(a[0])))
}
fn f_stringp(a: &[Value]) -> LResult {
    pred(a[0].is_string())
}
fn f_multibyte_string_p(a: &[Value]) -> LResult {
    pred(a[0].is_string() && a[0].string_ref().multibyte)
}
fn f_vectorp(a: &[Value]) -> LResult {
    pred(is_vector(a[0]))
}
fn f_recordp(a: &[Value]) -> LResult {
    pred(is_record(a[0]))
}
fn f_char_table_p(a: &[Value]) -> LResult {
    pred(is_char_table(a[0]))
}
fn f_vector_or_char_table_p(a: &[Value]) -> LResult {
    pred(is_vector(a[0]) || is_char_table(a[0]))
}
fn f_bool_vector_p(a: &[Value]) -> LResult {
    pred(is_bool_vector(a[0]))
}
fn f_arrayp(a: &[Value]) -> LResult {
    pred(is_array(a[0]))
}
fn f_sequencep(a: &[Value]) -> LResult {
    pred(is_sequence(a[0]))
}
fn f_bufferp(a: &[Value]) -> LResult {
    pred(is_buffer(a[0]))
}
fn f_markerp(a: &[Value]) -> LResult {
    pred(is_marker(a[0]))
}
fn f_user_ptrp(_: &[Value]) -> LResult {
    pred(false)
}
fn f_subrp(a: &[Value]) -> LResult {
    pred(is_subr(a[0]))
}
fn f_closurep(a: &[Value]) -> LResult {
    pred(is_closure(a[0]) || is_byte_code(a[0]))
}
/// A byte-code function object (`make-byte-code`, `#[ARGS "CODE" ...]`).
pub fn is_byte_code(v: Value) -> bool {
    v.as_byte_code().is_some()
}
fn f_byte_code_function_p(a: &[Value]) -> LResult {
    pred(is_byte_code(a[0]))
}
fn f_interpreted_function_p(a: &[Value]) -> LResult {
    pred(is_closure(a[0]))
}
fn f_module_function_p(_: &[Value]) -> LResult {
    pred(false)
}
fn f_char_or_string_p(a: &[Value]) -> LResult {
    pred(a[0].is_string() || is_character(a[0]))
}
fn f_integerp(a: &[Value]) -> LResult {
    pred(a[0].is_integer())
}
fn f_integer_or_marker_p(a: &[Value]) -> LResult {
    pred(a[0].is_integer() || is_marker(a[0]))
}
fn f_natnump(a: &[Value]) -> LResult {
    pred(is_natnum(a[0]))
}
fn f_numberp(a: &[Value]) -> LResult {
    pred(a[0].is_number())
}
fn f_number_or_marker_p(a: &[Value]) -> LResult {
    pred(a[0].is_number() || is_marker(a[0]))
}
fn f_floatp(a: &[Value]) -> LResult {
    pred(a[0].is_float())
}
fn f_fixnump(a: &[Value]) -> LResult {
    pred(a[0].is_fixnum())
}
fn f_bignump(a: &[Value]) -> LResult {
    pred(a[0].is_bignum())
}
fn f_characterp(a: &[Value]) -> LResult {
    pred(is_character(a[0]))
}
fn f_hash_table_p(a: &[Value]) -> LResult {
    pred(is_hash_table(a[0]))
}
fn f_threadp(_: &[Value]) -> LResult {
    pred(false)
}
fn f_eq(a: &[Value]) -> LResult {
    pred(symbol_pos::eq(a[0], a[1]))
}

/// `type-of`: the coarse type symbol (records answer their type slot).
pub fn type_of(v: Value) -> Value {
    if v.is_fixnum() || v.is_bignum() {
        return sym::INTEGER;
    }
    if symbol_pos::symbolp(v) {
        return sym::SYMBOL;
    }
    if let Some(r) = v.as_record() {
        let t = r.first().copied().unwrap_or(Value::NIL);
        if let Some(class) = t.as_record() {
            if class.len() > 1 {
                return class[1];
            }
        }
        return t;
    }
    if v.is_obj() && matches!(v.obj_ref(), Obj::Subr(_)) {
        return sym::SUBR;
    }
    cl_type_of(v)
}

/// `cl-type-of`: like `type-of` but finer (fixnum/bignum, null/boolean,
/// special-form/primitive-function).
pub fn cl_type_of(v: Value) -> Value {
    match v.tag() {
        TAG_CONS => return sym::CONS,
        TAG_FLOAT => return sym::FLOAT,
        TAG_STRING => return sym::STRING,
        TAG_SYMBOL => {
            return if v.is_nil() {
                intern("null")
            } else if v.is_t() {
                intern("boolean")
            } else {
                sym::SYMBOL
            }
        }
        _ => {}
    }
    if v.is_fixnum() {
        return intern("fixnum");
    }
    match v.obj_ref() {
        Obj::Vector(_) => sym::VECTOR,
        Obj::Record(_) => type_of(v),
        Obj::Bignum(_) => intern("bignum"),
        Obj::BoolVector(_) => sym::BOOL_VECTOR,
        Obj::CharTable(_) => sym::CHAR_TABLE,
        Obj::HashTable(_) => sym::HASH_TABLE,
        Obj::Closure(_) => sym::INTERPRETED_FUNCTION,
        Obj::ByteCode(_) => intern("byte-code-function"),
        Obj::Finalizer(_) => intern("finalizer"),
        Obj::Obarray(_) => intern("obarray"),
        Obj::Subr(s) => {
            if s.is_special_form() {
                sym::SPECIAL_FORM
            } else {
                sym::PRIMITIVE_FUNCTION
            }
        }
        Obj::Frame(_) => intern("internal-frame"),
        Obj::SymbolWithPos { .. } => intern("symbol-with-pos"),
        Obj::Host(h) => intern(h.type_name()),
    }
}

fn f_type_of(a: &[Value]) -> LResult {
    Ok(type_of(a[0]))
}
fn f_cl_type_of(a: &[Value]) -> LResult {
    Ok(cl_type_of(a[0]))
}

/// `car` with Emacs's error for non-lists.
#[inline]
pub fn car(v: Value) -> LResult {
    if v.is_cons() {
        Ok(v.car())
    } else if v.is_nil() {
        Ok(Value::NIL)
    } else {
        Err(wrong_type(sym::LISTP, v))
    }
}
#[inline]
pub fn cdr(v: Value) -> LResult {
    if v.is_cons() {
        Ok(v.cdr())
    } else if v.is_nil() {
        Ok(Value::NIL)
    } else {
        Err(wrong_type(sym::LISTP, v))
    }
}

fn f_car(a: &[Value]) -> LResult {
    car(a[0])
}
fn f_cdr(a: &[Value]) -> LResult {
    cdr(a[0])
}
fn f_car_safe(a: &[Value]) -> LResult {
    Ok(a[0].car_safe())
}
fn f_cdr_safe(a: &[Value]) -> LResult {
    Ok(a[0].cdr_safe())
}
fn f_setcar(a: &[Value]) -> LResult {
    check(a[0].is_cons(), sym::CONSP, a[0])?;
    a[0].cons_ref().car = a[1];
    Ok(a[1])
}
fn f_setcdr(a: &[Value]) -> LResult {
    check(a[0].is_cons(), sym::CONSP, a[0])?;
    a[0].cons_ref().cdr = a[1];
    Ok(a[1])
}

// ---------------------------------------------------------------------------
// Char-tables: ranges of (FROM, TO, VALUE); a char outside every range (or
// mapped to nil) falls back to the default, then to the parent table.

/// The value a char-table's own ranges give C (nil if none).
pub fn char_table_get_local(t: &CharTable, c: u32) -> Value {
    let i = t.ranges.partition_point(|r| r.1 < c);
    match t.ranges.get(i) {
        Some(r) if r.0 <= c => r.2,
        _ => Value::NIL,
    }
}

/// The raw value of C as `char_table_ref` reads it: ASCII characters
/// through the table's `ascii` slot, others from its contents.
pub fn char_table_get_cached(t: &CharTable, c: u32) -> Value {
    match &t.ascii {
        AsciiSlot::Value(v) if c < 128 => *v,
        AsciiSlot::Sub(a) if c < 128 => a[c as usize],
        _ => char_table_get_local(t, c),
    }
}

/// `CHAR_TABLE_REF`: own value, else the default, else the parent's value.
pub fn char_table_ref(table: Value, c: u32) -> Value {
    let mut tv = table;
    for _ in 0..1000 {
        let Some(t) = tv.as_char_table() else { break };
        if c >= 128 {
            uniprop::uncompress_at(t, c);
        }
        let v = char_table_get_cached(t, c);
        if !v.is_nil() {
            return v;
        }
        if !t.default.is_nil() {
            return t.default;
        }
        tv = t.parent;
    }
    Value::NIL
}

/// Characters per entry of a depth-D (sub-)char-table, and entries per table.
pub const CHARTAB_CHARS: [u32; 4] = [1 << 16, 1 << 12, 1 << 7, 1];
pub const CHARTAB_SIZE: [u32; 4] = [64, 16, 32, 128];

/// chartab.c `char_table_set_range` (`char_table_set` when FROM = TO): sets
/// chars FROM..=TO of table T to VALUE (nil removes them), making or
/// dropping sub-char-tables exactly as Emacs's trie would.
pub fn char_table_set_range(t: &mut CharTable, from: u32, to: u32, value: Value) {
    if from == to {
        if from < 128 {
            if let AsciiSlot::Sub(a) = &mut t.ascii {
                // The `ascii` slot's detached sub-table takes the value instead.
                a[from as usize] = value;
                return;
            }
        }
        uniprop::uncompress_at(t, from);
        for d in 1..=3u8 {
            t.subtables.insert((d, from & !(CHARTAB_CHARS[d as usize - 1] - 1)));
        }
    } else {
        uniprop::uncompress_for_range(t, from, to);
        set_range_structure(t, 0, 0, from, to);
    }
    char_table_set_values(t, from, to, value);
    if from < 128 {
        uniprop::reset_ascii(t);
    }
}

/// `fillarray` on a char-table: every entry and the default become ITEM;
/// the `ascii` slot keeps what it held (so ASCII characters may still read
/// their old values, as in Emacs).
pub fn char_table_fill(t: &mut CharTable, item: Value) {
    if matches!(t.ascii, AsciiSlot::Fresh) {
        t.ascii = if t.subtables.contains(&(3, 0)) {
            let mut a = Box::new([Value::NIL; 128]);
            (0..128u32).for_each(|c| a[c as usize] = char_table_get_local(t, c));
            AsciiSlot::Sub(a)
        } else {
            AsciiSlot::Value(char_table_get_local(t, 0))
        };
    }
    t.subtables.clear();
    t.ranges.clear();
    char_table_set_values(t, 0, MAX_CHAR, item);
    t.default = item;
}

/// The sub-tables `sub_char_table_set_range` makes and drops below the
/// depth-DEPTH table starting at MIN (depth 0: the char-table itself).
fn set_range_structure(t: &mut CharTable, depth: usize, min: u32, from: u32, to: u32) {
    let chars = CHARTAB_CHARS[depth];
    let from = from.max(min);
    let mut i = (from - min) / chars;
    if depth == 0 && i > to / chars {
        return;
    }
    let mut c = min + chars * i;
    while i < CHARTAB_SIZE[depth] && c <= to {
        if from <= c && c + (chars - 1) <= to {
            if depth < 3 {
                remove_subtables(t, depth + 1, c);
            }
        } else {
            t.subtables.insert((depth as u8 + 1, c));
            set_range_structure(t, depth + 1, c, from, to);
        }
        i += 1;
        c += chars;
    }
}

/// Drops the depth-DEPTH sub-table starting at LO and every one below it.
pub fn remove_subtables(t: &mut CharTable, depth: usize, lo: u32) {
    let hi = lo + (CHARTAB_CHARS[depth - 1] - 1);
    for d in depth..=3 {
        let keys: Vec<(u8, u32)> = t.subtables.range((d as u8, lo)..=(d as u8, hi)).copied().collect();
        keys.iter().for_each(|k| {
            t.subtables.remove(k);
        });
    }
}

/// Sets the values of chars FROM..=TO (the flat ranges only).
pub fn char_table_set_values(t: &mut CharTable, from: u32, to: u32, value: Value) {
    if from > to {
        return;
    }
    let mut out: Vec<(u32, u32, Value)> = Vec::with_capacity(t.ranges.len() + 2);
    let mut inserted = false;
    for &(a, b, v) in t.ranges.iter() {
        if b < from {
            out.push((a, b, v));
            continue;
        }
        if a > to {
            if !inserted {
                push_range(&mut out, from, to, value);
                inserted = true;
            }
            push_range(&mut out, a, b, v);
            continue;
        }
        // Overlaps: keep the parts outside FROM..=TO.
        if a < from {
            push_range(&mut out, a, from - 1, v);
        }
        if !inserted {
            push_range(&mut out, from, to, value);
            inserted = true;
        }
        if b > to {
            push_range(&mut out, to + 1, b, v);
        }
    }
    if !inserted {
        push_range(&mut out, from, to, value);
    }
    t.ranges = out;
}

/// Appends a range, merging with the previous one when adjacent and `eq`.
fn push_range(out: &mut Vec<(u32, u32, Value)>, a: u32, b: u32, v: Value) {
    if v.is_nil() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.1 + 1 == a && last.2 == v {
            last.1 = b;
            return;
        }
    }
    out.push((a, b, v));
}

// ---------------------------------------------------------------------------
// aref / aset

fn f_aref(a: &[Value]) -> LResult {
    aref(a[0], a[1])
}

pub fn aref(array: Value, idx: Value) -> LResult {
    let i = expect_fixnum(idx)?;
    if array.is_string() {
        let s = array.string_ref();
        if i < 0 || i as usize >= s.nchars {
            return Err(args_out_of_range(array, idx));
        }
        return Ok(Value::fixnum(s.char_at(i as usize) as i64));
    }
    if let Some(b) = array.as_bool_vector() {
        return match usize::try_from(i).ok().and_then(|i| b.get(i)) {
            Some(x) => Ok(Value::bool(*x)),
            None => Err(args_out_of_range(array, idx)),
        };
    }
    if array.as_char_table().is_some() {
        let c = expect_char(idx)?;
        return Ok(char_table_ref(array, c));
    }
    if let Some(v) = array.as_vector().or_else(|| array.as_record()).or_else(|| array.as_byte_code()) {
        return match usize::try_from(i).ok().and_then(|i| v.get(i)) {
            Some(x) => Ok(*x),
            None => Err(args_out_of_range(array, idx)),
        };
    }
    if let Some(c) = array.as_closure() {
        if i < 0 || i as usize >= c.slots.len() {
            return Err(args_out_of_range(array, idx));
        }
        if i == 2 {
            return Ok(crate::runtime::equality::closure_env(array));
        }
        return Ok(c.slots[i as usize]);
    }
    Err(wrong_type(sym::ARRAYP, array))
}

fn f_aset(a: &[Value]) -> LResult {
    aset(a[0], a[1], a[2])?;
    Ok(a[2])
}

pub fn aset(array: Value, idx: Value, val: Value) -> LResult<()> {
    let i = expect_fixnum(idx)?;
    if !is_record(array) && !is_array(array) {
        return Err(wrong_type(sym::ARRAYP, array));
    }
    if let Some(v) = array.as_vector().or_else(|| array.as_record()) {
        match usize::try_from(i).ok().and_then(|i| v.get_mut(i)) {
            Some(slot) => *slot = val,
            None => return Err(args_out_of_range(array, idx)),
        }
        return Ok(());
    }
    if let Some(b) = array.as_bool_vector() {
        match usize::try_from(i).ok().and_then(|i| b.get_mut(i)) {
            Some(slot) => *slot = !val.is_nil(),
            None => return Err(args_out_of_range(array, idx)),
        }
        return Ok(());
    }
    if let Some(t) = array.as_char_table() {
        let c = expect_char(idx)?;
        char_table_set_range(t, c, c, val);
        return Ok(());
    }
    string_aset(array, i, idx, val)
}

/// `aset` on a string: may change its byte length, or make an ASCII unibyte
/// string multibyte.
fn string_aset(array: Value, i: i64, idx: Value, val: Value) -> LResult<()> {
    let s = array.string_ref();
    if i < 0 || i as usize >= s.nchars {
        return Err(args_out_of_range(array, idx));
    }
    let c = expect_char(val)?;
    let i = i as usize;
    if !s.multibyte {
        if c < 256 {
            s.data[i] = c as u8;
            return Ok(());
        }
        if !s.data.is_ascii() {
            return Err(args_out_of_range(array, val));
        }
        s.multibyte = true;
    }
    let off = s.byte_offset(i);
    let old_len = char_len_at(s.data[off]).min(s.data.len() - off);
    let mut enc = Vec::with_capacity(5);
    encode_char(c, &mut enc);
    s.data.splice(off..off + old_len, enc);
    Ok(())
}

// ---------------------------------------------------------------------------
// Bool-vector set operations

fn expect_bool_vector(v: Value) -> LResult<&'static mut Vec<bool>> {
    v.as_bool_vector().ok_or_else(|| wrong_type(sym::BOOL_VECTOR_P, v))
}

/// data.c `wrong_length_argument`: the lengths of A and B (and of C if
/// given; GNU Emacs reads garbage for a non-bool-vector C, Enoki reports
/// it as a type error).
fn wrong_length(a: Value, b: Value, c: Value) -> Flow {
    let len = |v: Value| Value::fixnum(v.as_bool_vector().map_or(0, |x| x.len()) as i64);
    if c.is_nil() {
        return signal_list(sym::WRONG_LENGTH_ARGUMENT, &[len(a), len(b)]);
    }
    if c.as_bool_vector().is_none() {
        return wrong_type(sym::BOOL_VECTOR_P, c);
    }
    signal_list(sym::WRONG_LENGTH_ARGUMENT, &[len(a), len(b), len(c)])
}

/// data.c `bool_vector_binop_driver`: OP of A and B bit by bit, into a new
/// bool-vector, or into DEST, returning DEST if that changed it, else nil.
fn bool_vector_binop(a: Value, b: Value, dest: Value, op: fn(bool, bool) -> bool) -> LResult {
    let (x, y) = (expect_bool_vector(a)?, expect_bool_vector(b)?);
    if x.len() != y.len() {
        return Err(wrong_length(a, b, dest));
    }
    let result: Vec<bool> = x.iter().zip(y.iter()).map(|(&p, &q)| op(p, q)).collect();
    if dest.is_nil() {
        return Ok(heap().alloc_obj(Obj::BoolVector(result)));
    }
    let d = expect_bool_vector(dest)?;
    if d.len() != result.len() {
        return Err(wrong_length(a, b, dest));
    }
    if *d == result {
        return Ok(Value::NIL);
    }
    *d = result;
    Ok(dest)
}

fn f_bool_vector_exclusive_or(a: &[Value]) -> LResult {
    bool_vector_binop(a[0], a[1], a[2], |p, q| p ^ q)
}
fn f_bool_vector_union(a: &[Value]) -> LResult {
    bool_vector_binop(a[0], a[1], a[2], |p, q| p | q)
}
fn f_bool_vector_intersection(a: &[Value]) -> LResult {
    bool_vector_binop(a[0], a[1], a[2], |p, q| p & q)
}
fn f_bool_vector_set_difference(a: &[Value]) -> LResult {
    bool_vector_binop(a[0], a[1], a[2], |p, q| p & !q)
}

fn f_bool_vector_subsetp(a: &[Value]) -> LResult {
    let (x, y) = (expect_bool_vector(a[0])?, expect_bool_vector(a[1])?);
    if x.len() != y.len() {
        return Err(wrong_length(a[0], a[1], a[1]));
    }
    Ok(Value::bool(x.iter().zip(y.iter()).all(|(&p, &q)| !p || q)))
}

/// `bool-vector-not`: the complement of A, into B when given (returned).
fn f_bool_vector_not(a: &[Value]) -> LResult {
    let x = expect_bool_vector(a[0])?;
    let result: Vec<bool> = x.iter().map(|&p| !p).collect();
    if a[1].is_nil() {
        return Ok(heap().alloc_obj(Obj::BoolVector(result)));
    }
    let d = expect_bool_vector(a[1])?;
    if d.len() != result.len() {
        return Err(wrong_length(a[0], a[1], Value::NIL));
    }
    *d = result;
    Ok(a[1])
}

fn f_bool_vector_count_population(a: &[Value]) -> LResult {
    let x = expect_bool_vector(a[0])?;
    Ok(Value::fixnum(x.iter().filter(|&&p| p).count() as i64))
}

/// `bool-vector-count-consecutive`: how many elements from index I on
/// equal B (I may be the length itself).
fn f_bool_vector_count_consecutive(a: &[Value]) -> LResult {
    let x = expect_bool_vector(a[0])?;
    let i = match a[2].as_fixnum() {
        Some(n) if n >= 0 => n as usize,
        _ => return Err(wrong_type(sym::WHOLENUMP, a[2])),
    };
    if i > x.len() {
        return Err(args_out_of_range(a[0], a[2]));
    }
    let want = !a[1].is_nil();
    Ok(Value::fixnum(x[i..].iter().take_while(|&&p| p == want).count() as i64))
}

// ---------------------------------------------------------------------------
// Symbols with position, interactive-form

/// `bare-symbol`: SYM itself, or the symbol of a symbol with position
/// (whatever `symbols-with-pos-enabled` says).
fn bare_symbol(v: Value) -> LResult {
    if v.is_symbol() {
        return Ok(v);
    }
    if let Some((s, _)) = symbol_pos::parts(v) {
        return Ok(s);
    }
    Err(signal_list(sym::WRONG_TYPE_ARGUMENT, &[list2(sym::SYMBOLP, intern("symbol-with-pos-p")), v]))
}
fn f_bare_symbol(a: &[Value]) -> LResult {
    bare_symbol(a[0])
}

/// `symbol-with-pos-pos`: the position of a symbol with position.
fn f_symbol_with_pos_pos(a: &[Value]) -> LResult {
    match symbol_pos::parts(a[0]) {
        Some((_, pos)) => Ok(pos),
        None => Err(wrong_type(intern("symbol-with-pos-p"), a[0])),
    }
}

/// `remove-pos-from-symbol`: ARG without its position, anything else as is.
fn f_remove_pos_from_symbol(a: &[Value]) -> LResult {
    Ok(symbol_pos::parts(a[0]).map_or(a[0], |(s, _)| s))
}

/// `position-symbol`: a new symbol with position for SYM (bare or not) at
/// POS, a fixnum or a symbol with position whose position is taken.
fn f_position_symbol(a: &[Value]) -> LResult {
    let bare = bare_symbol(a[0])?;
    let pos = if a[1].is_fixnum() {
        a[1]
    } else if let Some((_, p)) = symbol_pos::parts(a[1]) {
        p
    } else {
        return Err(wrong_type(intern("fixnum-or-symbol-with-pos-p"), a[1]));
    };
    Ok(symbol_pos::make(bare, pos))
}

/// lisp.h `VALID_DOCSTRING_P`.
fn valid_docstring(doc: Value) -> bool {
    doc.is_fixnum() || doc.is_string() || (doc.is_cons() && doc.car().is_string() && doc.cdr().is_fixnum())
}

/// The slots of a closure-like function object (interpreted or byte-code).
fn function_slots(f: Value) -> Option<Vec<Value>> {
    if let Some(c) = f.as_closure() {
        return Some(c.slots.clone());
    }
    f.as_byte_code().map(|v| v.clone())
}

/// The interactive form in a closure's slot 5: `(interactive SPEC)`, SPEC
/// being the first element when the slot is [SPEC MODES].  Otherwise
/// whether the object is an OClosure (an invalid docstring in slot 4).
fn closure_interactive_form(slots: &[Value]) -> Result<Value, bool> {
    if let Some(&form) = slots.get(5) {
        let spec = form.as_vector().and_then(|v| v.first().copied()).unwrap_or(form);
        return Ok(list2(sym::INTERACTIVE, spec));
    }
    match slots.get(4) {
        Some(&doc) => Err(!(doc.is_nil() || valid_docstring(doc))),
        None => Err(false),
    }
}

/// `interactive-form`: the `interactive-form` property of CMD (or of a
/// symbol in its function chain), else the form its definition holds.
fn f_interactive_form(a: &[Value]) -> LResult {
    let cmd = a[0];
    if indirect_function(cmd).is_nil() {
        return Ok(Value::NIL);
    }
    let mut fun = cmd;
    let mut hops = 0;
    while fun.is_symbol() && hops < 10_000 {
        let prop = get(fun, intern("interactive-form"));
        if !prop.is_nil() {
            return Ok(prop);
        }
        fun = fun.sym().function;
        hops += 1;
    }
    let mut genfun = false;
    if let Some(slots) = function_slots(fun) {
        match closure_interactive_form(&slots) {
            Ok(form) => return Ok(form),
            Err(g) => genfun = g,
        }
    } else if fun.is_cons() && fun.car() == sym::AUTOLOAD {
        return Err(error("Autoloading is not supported yet"));
    } else if fun.is_cons() && fun.car() == sym::LAMBDA {
        let body = cdr(fun.cdr())?;
        let spec = assq(sym::INTERACTIVE, body);
        let rest = cdr(cdr(spec)?)?;
        return Ok(if rest.is_nil() { spec } else { list2(sym::INTERACTIVE, car(cdr(spec)?)?) });
    }
    let oclosure_iform = intern("oclosure-interactive-form");
    if genfun && !oclosure_iform.sym().function.is_nil() {
        return funcall(oclosure_iform, &[fun]);
    }
    Ok(Value::NIL)
}

/// `assq` (stops at the first non-cons tail, ignores non-cons elements).
fn assq(key: Value, list: Value) -> Value {
    list.iter().find(|e| e.is_cons() && e.car() == key).unwrap_or(Value::NIL)
}

// ---------------------------------------------------------------------------
// subr-arity, subr-name

fn expect_subr(v: Value) -> LResult<&'static SubrDef> {
    v.as_subr().ok_or_else(|| wrong_type(intern("subrp"), v))
}

fn f_subr_arity(a: &[Value]) -> LResult {
    let s = expect_subr(a[0])?;
    let max = match s.max_args {
        MANY => sym::MANY,
        UNEVALLED => sym::UNEVALLED,
        n => Value::fixnum(n as i64),
    };
    Ok(cons(Value::fixnum(s.min_args as i64), max))
}
fn f_subr_name(a: &[Value]) -> LResult {
    Ok(make_string(expect_subr(a[0])?.name))
}

/// `command-modes`: the `command-modes` property of COMMAND (or of a
/// symbol in its function chain), else the modes its definition holds.
fn f_command_modes(a: &[Value]) -> LResult {
    let command = a[0];
    if indirect_function(command).is_nil() {
        return Ok(Value::NIL);
    }
    let mut fun = command;
    let mut hops = 0;
    while fun.is_symbol() && hops < 10_000 {
        let modes = get(fun, intern("command-modes"));
        if !modes.is_nil() {
            return Ok(modes);
        }
        fun = fun.sym().function;
        hops += 1;
    }
    if fun.as_subr().is_some() {
        // No Enoki subr declares command modes.
        return Ok(Value::NIL);
    }
    if let Some(slots) = function_slots(fun) {
        let Some(&form) = slots.get(5) else { return Ok(Value::NIL) };
        return Ok(form.as_vector().and_then(|v| v.get(1).copied()).unwrap_or(Value::NIL));
    }
    if fun.is_cons() && fun.car() == sym::AUTOLOAD {
        let modes = fun.iter().nth(3).unwrap_or(Value::NIL);
        return Ok(if modes.is_cons() { modes } else { Value::NIL });
    }
    if fun.is_cons() && fun.car() == sym::LAMBDA {
        let body = cdr(fun.cdr())?;
        return cdr(cdr(assq(sym::INTERACTIVE, body))?);
    }
    Ok(Value::NIL)
}

/// `native-comp-function-p`: Enoki compiles nothing natively.
fn f_native_comp_function_p(_a: &[Value]) -> LResult {
    Ok(Value::NIL)
}

/// `subr-native-lambda-list`: t for a subr that is not native code.
fn f_subr_native_lambda_list(a: &[Value]) -> LResult {
    expect_subr(a[0])?;
    Ok(Value::T)
}

/// `subr-type` and `subr-native-comp-unit`: nil for non-native subrs.
fn f_subr_native_nil(a: &[Value]) -> LResult {
    expect_subr(a[0])?;
    Ok(Value::NIL)
}

/// `native-comp-unit-file` / `-set-file`: no object is a compilation unit.
fn f_native_comp_unit_file(a: &[Value]) -> LResult {
    Err(wrong_type(intern("native-comp-unit"), a[0]))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("null", 1, 1, f_null, "Return t if OBJECT is nil, and return nil otherwise."),
    SubrDef::new("consp", 1, 1, f_consp, "Return t if OBJECT is a cons cell."),
    SubrDef::new("atom", 1, 1, f_atom, "Return t if OBJECT is not a cons cell.  This includes nil."),
    SubrDef::new("listp", 1, 1, f_listp, "Return t if OBJECT is a list, that is, a cons cell or nil."),
    SubrDef::new("nlistp", 1, 1, f_nlistp, "Return t if OBJECT is not a list.  Lists include nil."),
    SubrDef::new("symbolp", 1, 1, f_symbolp, "Return t if OBJECT is a symbol."),
    SubrDef::new("bare-symbol-p", 1, 1, f_bare_symbol_p, "Return t if OBJECT is a symbol, but not a symbol together with position."),
    SubrDef::new("symbol-with-pos-p", 1, 1, f_symbol_with_pos_p, "Return t if OBJECT is a symbol together with position."),
    SubrDef::new("keywordp", 1, 1, f_keywordp, "Return t if OBJECT is a keyword."),
    SubrDef::new("stringp", 1, 1, f_stringp, "Return t if OBJECT is a string."),
    SubrDef::new("multibyte-string-p", 1, 1, f_multibyte_string_p, "Return t if OBJECT is a multibyte string."),
    SubrDef::new("vectorp", 1, 1, f_vectorp, "Return t if OBJECT is a vector."),
    SubrDef::new("recordp", 1, 1, f_recordp, "Return t if OBJECT is a record."),
    SubrDef::new("char-table-p", 1, 1, f_char_table_p, "Return t if OBJECT is a char-table."),
    SubrDef::new("vector-or-char-table-p", 1, 1, f_vector_or_char_table_p, "Return t if OBJECT is a char-table or vector."),
    SubrDef::new("bool-vector-p", 1, 1, f_bool_vector_p, "Return t if OBJECT is a bool-vector."),
    SubrDef::new("arrayp", 1, 1, f_arrayp, "Return t if OBJECT is an array (string or vector)."),
    SubrDef::new("sequencep", 1, 1, f_sequencep, "Return t if OBJECT is a sequence (list or array)."),
    SubrDef::new("bufferp", 1, 1, f_bufferp, "Return t if OBJECT is an editor buffer."),
    SubrDef::new("markerp", 1, 1, f_markerp, "Return t if OBJECT is a marker (editor pointer)."),
    SubrDef::new("user-ptrp", 1, 1, f_user_ptrp, "Return t if OBJECT is a module user pointer."),
    SubrDef::new("subrp", 1, 1, f_subrp, "Return t if OBJECT is a built-in or native compiled Lisp function."),
    SubrDef::new("closurep", 1, 1, f_closurep, "Return t if OBJECT is a function object of type `closure'."),
    SubrDef::new("byte-code-function-p", 1, 1, f_byte_code_function_p, "Return t if OBJECT is a byte-compiled function object."),
    SubrDef::new(
        "interpreted-function-p",
        1,
        1,
        f_interpreted_function_p,
        "Return t if OBJECT is a function of type `interpreted-function'.",
    ),
    SubrDef::new("module-function-p", 1, 1, f_module_function_p, "Return t if OBJECT is a function loaded from a dynamic module."),
    SubrDef::new("char-or-string-p", 1, 1, f_char_or_string_p, "Return t if OBJECT is a character or a string."),
    SubrDef::new("integerp", 1, 1, f_integerp, "Return t if OBJECT is an integer."),
    SubrDef::new("integer-or-marker-p", 1, 1, f_integer_or_marker_p, "Return t if OBJECT is an integer or a marker (editor pointer)."),
    SubrDef::new("natnump", 1, 1, f_natnump, "Return t if OBJECT is a nonnegative integer."),
    SubrDef::new("numberp", 1, 1, f_numberp, "Return t if OBJECT is a number (floating point or integer)."),
    SubrDef::new("number-or-marker-p", 1, 1, f_number_or_marker_p, "Return t if OBJECT is a number or a marker."),
    SubrDef::new("floatp", 1, 1, f_floatp, "Return t if OBJECT is a floating point number."),
    SubrDef::new("fixnump", 1, 1, f_fixnump, "Return t if OBJECT is a fixnum."),
    SubrDef::new("bignump", 1, 1, f_bignump, "Return t if OBJECT is a bignum."),
    SubrDef::new("characterp", 1, 2, f_characterp, "Return t if OBJECT is a character."),
    SubrDef::new("hash-table-p", 1, 1, f_hash_table_p, "Return t if OBJ is a Lisp hash table object."),
    SubrDef::new("threadp", 1, 1, f_threadp, "Return t if OBJECT is a thread."),
    SubrDef::new("mutexp", 1, 1, f_threadp, "Return t if OBJECT is a mutex."),
    SubrDef::new("condition-variable-p", 1, 1, f_threadp, "Return t if OBJECT is a condition variable."),
    SubrDef::new("eq", 2, 2, f_eq, "Return t if the two args are the same Lisp object."),
    SubrDef::new("type-of", 1, 1, f_type_of, "Return a symbol representing the type of OBJECT."),
    SubrDef::new("cl-type-of", 1, 1, f_cl_type_of, "Return a symbol representing the type of OBJECT."),
    SubrDef::new("car", 1, 1, f_car, "Return the car of LIST.  If LIST is nil, return nil."),
    SubrDef::new("cdr", 1, 1, f_cdr, "Return the cdr of LIST.  If LIST is nil, return nil."),
    SubrDef::new("car-safe", 1, 1, f_car_safe, "Return the car of OBJECT if it is a cons cell, or else nil."),
    SubrDef::new("cdr-safe", 1, 1, f_cdr_safe, "Return the cdr of OBJECT if it is a cons cell, or else nil."),
    SubrDef::new("setcar", 2, 2, f_setcar, "Set the car of CELL to be NEWCAR.  Returns NEWCAR."),
    SubrDef::new("setcdr", 2, 2, f_setcdr, "Set the cdr of CELL to be NEWCDR.  Returns NEWCDR."),
    SubrDef::new("aref", 2, 2, f_aref, "Return the element of ARRAY at index IDX."),
    SubrDef::new("aset", 3, 3, f_aset, "Store into the element of ARRAY at index IDX the value NEWELT."),
    SubrDef::new("subr-arity", 1, 1, f_subr_arity, "Return minimum and maximum number of args allowed for SUBR."),
    SubrDef::new("subr-name", 1, 1, f_subr_name, "Return name of subroutine SUBR."),
    // Also declared in cells.rs (without the symbol-with-pos error data);
    // this later table's definition is the one installed.
    SubrDef::new("bare-symbol", 1, 1, f_bare_symbol, "Extract, if need be, the bare symbol from SYM."),
    SubrDef::new("symbol-with-pos-pos", 1, 1, f_symbol_with_pos_pos, "Extract the position from the symbol with position SYMPOS."),
    SubrDef::new(
        "remove-pos-from-symbol",
        1,
        1,
        f_remove_pos_from_symbol,
        "If ARG is a symbol with position, return it without the position.",
    ),
    SubrDef::new("position-symbol", 2, 2, f_position_symbol, "Make a new symbol with position."),
    SubrDef::new("interactive-form", 1, 1, f_interactive_form, "Return the interactive form of CMD or nil if none."),
    SubrDef::new("command-modes", 1, 1, f_command_modes, "Return the modes COMMAND is defined for."),
    SubrDef::new(
        "native-comp-function-p",
        1,
        1,
        f_native_comp_function_p,
        "Return t if the object is native compiled Lisp function, nil otherwise.",
    ),
    SubrDef::new(
        "subr-native-lambda-list",
        1,
        1,
        f_subr_native_lambda_list,
        "Return the lambda list for a native compiled lisp/d function or t otherwise.",
    ),
    SubrDef::new("subr-type", 1, 1, f_subr_native_nil, "Return the type of SUBR."),
    SubrDef::new("subr-native-comp-unit", 1, 1, f_subr_native_nil, "Return the native compilation unit."),
    SubrDef::new("native-comp-unit-file", 1, 1, f_native_comp_unit_file, "Return the file of the native compilation unit."),
    SubrDef::new("native-comp-unit-set-file", 2, 2, f_native_comp_unit_file, "Return the file of the native compilation unit."),
    SubrDef::new("bool-vector-exclusive-or", 2, 3, f_bool_vector_exclusive_or, "Return A ^ B, bitwise exclusive or."),
    SubrDef::new("bool-vector-union", 2, 3, f_bool_vector_union, "Return A | B, bitwise or."),
    SubrDef::new("bool-vector-intersection", 2, 3, f_bool_vector_intersection, "Return A & B, bitwise and."),
    SubrDef::new("bool-vector-set-difference", 2, 3, f_bool_vector_set_difference, "Return A &~ B, set difference."),
    SubrDef::new("bool-vector-subsetp", 2, 2, f_bool_vector_subsetp, "Return t if every t value in A is also t in B, nil otherwise."),
    SubrDef::new("bool-vector-not", 1, 2, f_bool_vector_not, "Compute ~A, set complement."),
    SubrDef::new("bool-vector-count-population", 1, 1, f_bool_vector_count_population, "Count how many elements in A are t."),
    SubrDef::new(
        "bool-vector-count-consecutive",
        3,
        3,
        f_bool_vector_count_consecutive,
        "Count how many consecutive elements in A equal B starting at I.",
    ),
];

/// Defines this file's variables (called once at start-up, after the subrs).
/// Defines `symbols-with-pos-enabled` (data.c's DEFVAR_BOOL, default nil).
pub fn init() {
    symbol_pos::enabled_symbol();
    defvar_bool("symbols-with-pos-enabled", Value::NIL);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, setup};

    #[test]
    fn car_errors() {
        setup();
        assert!(f_car(&[Value::fixnum(1)]).is_err());
        // (car 1) -> (wrong-type-argument listp 1)
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, Value::fixnum(1)]));
        assert!(f_setcar(&[Value::NIL, Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CONSP, Value::NIL]));
        let c = cons(Value::fixnum(1), Value::fixnum(2));
        assert_eq!(f_cdr(&[c]).ok(), Some(Value::fixnum(2)));
        assert_eq!(f_car_safe(&[Value::fixnum(3)]).ok(), Some(Value::NIL));
    }

    #[test]
    fn aref_errors() {
        setup();
        let v = make_vector(vec![Value::fixnum(1)]);
        assert!(aref(v, Value::fixnum(5)).is_err());
        assert_eq!(err_data(), (sym::ARGS_OUT_OF_RANGE, vec![v, Value::fixnum(5)]));
        assert!(aref(v, Value::fixnum(-1)).is_err());
        assert_eq!(err_data(), (sym::ARGS_OUT_OF_RANGE, vec![v, Value::fixnum(-1)]));
        let l = list1(Value::fixnum(1));
        assert!(aref(l, Value::fixnum(0)).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::ARRAYP, l]));
        let f = make_float(1.0);
        assert!(aref(v, f).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::FIXNUMP, f]));
    }

    #[test]
    fn string_aset_changes_bytes() {
        setup();
        // (let ((s (copy-sequence "abc"))) (aset s 1 #x3b1) (list s (string-bytes s)))
        //   -> ("aαc" 4)
        let s = make_string("abc");
        assert!(aset(s, Value::fixnum(1), Value::fixnum(0x3b1)).is_ok());
        let st = s.string_ref();
        assert!(st.multibyte);
        assert_eq!(st.to_string_lossy(), "aαc");
        assert_eq!(st.data.len(), 4);
        assert!(aset(s, Value::fixnum(1), Value::fixnum(98)).is_ok());
        assert_eq!(s.string_ref().data.len(), 3);
        assert_eq!(aref(s, Value::fixnum(1)).ok(), Some(Value::fixnum(98)));
        // (aset (string-to-unibyte "a\377") 0 #x3b1) -> (args-out-of-range "a\377" 945)
        let u = make_string_from_bytes(vec![b'a', 0xff], false);
        assert!(aset(u, Value::fixnum(0), Value::fixnum(0x3b1)).is_err());
        assert_eq!(err_data(), (sym::ARGS_OUT_OF_RANGE, vec![u, Value::fixnum(0x3b1)]));
        assert!(aset(u, Value::fixnum(0), Value::fixnum(200)).is_ok());
        assert_eq!(u.string_ref().data, vec![200, 0xff]);
    }

    #[test]
    fn types() {
        setup();
        assert_eq!(type_of(Value::NIL), sym::SYMBOL);
        assert_eq!(cl_type_of(Value::NIL), intern("null"));
        assert_eq!(cl_type_of(Value::T), intern("boolean"));
        assert_eq!(cl_type_of(Value::fixnum(1)), intern("fixnum"));
        assert_eq!(type_of(Value::fixnum(1)), sym::INTEGER);
        let inner = make_record(vec![intern("a"), intern("bar")]);
        assert_eq!(type_of(make_record(vec![inner, Value::fixnum(1)])), intern("bar"));
        assert_eq!(type_of(make_record(vec![intern("foo"), Value::fixnum(1)])), intern("foo"));
        let car = intern("car").sym().function;
        assert_eq!(type_of(car), sym::SUBR);
        assert_eq!(cl_type_of(car), sym::PRIMITIVE_FUNCTION);
        let arity = f_subr_arity(&[car]).unwrap();
        assert_eq!((arity.car(), arity.cdr()), (Value::fixnum(1), Value::fixnum(1)));
        assert!(f_subr_arity(&[Value::fixnum(1)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![intern("subrp"), Value::fixnum(1)]));
    }

    #[test]
    fn char_table_ranges() {
        setup();
        let mut t = CharTable::new(Value::NIL, Value::NIL, vec![]);
        char_table_set_range(&mut t, 10, 20, Value::fixnum(1));
        char_table_set_range(&mut t, 15, 15, Value::fixnum(2));
        assert_eq!(t.ranges, vec![(10, 14, Value::fixnum(1)), (15, 15, Value::fixnum(2)), (16, 20, Value::fixnum(1))]);
        char_table_set_range(&mut t, 15, 15, Value::fixnum(1));
        assert_eq!(char_table_get_local(&t, 15), Value::fixnum(1));
        char_table_set_range(&mut t, 0, 12, Value::NIL);
        assert_eq!(char_table_get_local(&t, 12), Value::NIL);
        assert_eq!(char_table_get_local(&t, 13), Value::fixnum(1));
    }

    #[test]
    fn bool_vector_operations() {
        setup();
        let bv = |bits: &[bool]| heap().alloc_obj(Obj::BoolVector(bits.to_vec()));
        let (a, b) = (bv(&[true, false, false]), bv(&[false, false, true]));
        let u = f_bool_vector_union(&[a, b, Value::NIL]).unwrap();
        assert_eq!(u.as_bool_vector().unwrap().clone(), vec![true, false, true]);
        // With a destination already holding the result: nil.
        assert_eq!(f_bool_vector_union(&[a, b, u]).ok(), Some(Value::NIL));
        // (bool-vector-union (bool-vector t) (bool-vector t nil)) -> (wrong-length-argument 1 2)
        assert!(f_bool_vector_union(&[bv(&[true]), bv(&[true, false]), Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::WRONG_LENGTH_ARGUMENT, vec![Value::fixnum(1), Value::fixnum(2)]));
        let t4 = bv(&[true, true, false, true]);
        assert_eq!(f_bool_vector_count_consecutive(&[t4, Value::T, Value::fixnum(0)]).ok(), Some(Value::fixnum(2)));
        assert_eq!(f_bool_vector_count_consecutive(&[t4, Value::T, Value::fixnum(4)]).ok(), Some(Value::fixnum(0)));
        assert!(f_bool_vector_count_consecutive(&[t4, Value::T, Value::fixnum(5)]).is_err());
        assert_eq!(f_bool_vector_count_population(&[t4]).ok(), Some(Value::fixnum(3)));
        assert_eq!(f_bool_vector_subsetp(&[a, u]).ok(), Some(Value::T));
        // (bare-symbol 1) -> (wrong-type-argument (symbolp symbol-with-pos-p) 1)
        assert!(f_bare_symbol(&[Value::fixnum(1)]).is_err());
        assert_eq!(list_to_vec(err_data().1[0]), vec![sym::SYMBOLP, intern("symbol-with-pos-p")]);
    }

    #[test]
    fn symbols_with_position() {
        setup();
        let a = intern("a");
        let p = f_position_symbol(&[a, Value::fixnum(5)]).unwrap();
        assert_eq!(cl_type_of(p), intern("symbol-with-pos"));
        assert_eq!(type_of(p), intern("symbol-with-pos"));
        assert_eq!(f_bare_symbol(&[p]).ok(), Some(a));
        assert_eq!(f_symbol_with_pos_pos(&[p]).ok(), Some(Value::fixnum(5)));
        assert_eq!(f_remove_pos_from_symbol(&[p]).ok(), Some(a));
        assert_eq!(f_remove_pos_from_symbol(&[Value::fixnum(1)]).ok(), Some(Value::fixnum(1)));
        assert_eq!(f_symbol_with_pos_p(&[p]).ok(), Some(Value::T));
        assert_eq!(f_symbolp(&[p]).ok(), Some(Value::NIL));
        assert_eq!(f_eq(&[p, a]).ok(), Some(Value::NIL));
        // (position-symbol 'b (position-symbol 'a 3)) -> #<symbol b at 3>
        let q = f_position_symbol(&[intern("b"), f_position_symbol(&[a, Value::fixnum(3)]).unwrap()]).unwrap();
        assert_eq!(crate::runtime::symbol_pos::parts(q), Some((intern("b"), Value::fixnum(3))));
        // (position-symbol 'a 1.0) -> (wrong-type-argument fixnum-or-symbol-with-pos-p 1.0)
        let f = make_float(1.0);
        assert!(f_position_symbol(&[a, f]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![intern("fixnum-or-symbol-with-pos-p"), f]));
        // (symbol-with-pos-pos 'a) -> (wrong-type-argument symbol-with-pos-p a)
        assert!(f_symbol_with_pos_pos(&[a]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![intern("symbol-with-pos-p"), a]));
        // CHECK_SYMBOL: rejected while `symbols-with-pos-enabled' is nil,
        // the bare symbol while it is t.
        assert!(expect_symbol(p).is_err());
        let flag = intern("symbols-with-pos-enabled");
        flag.sym().value = Value::T;
        assert_eq!(expect_symbol(p).ok(), Some(a));
        assert_eq!(f_symbolp(&[p]).ok(), Some(Value::T));
        assert_eq!(f_eq(&[p, a]).ok(), Some(Value::T));
        assert_eq!(type_of(p), sym::SYMBOL);
        flag.sym().value = Value::NIL;
    }
}
