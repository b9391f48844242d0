//! Primitives of GNU Emacs's alloc.c: the object constructors (`cons`,
//! `list`, `vector`, `make-string`, `make-symbol`, `record`, bool-vectors,
//! `make-char-table`, `make-byte-code`, `make-closure`, `make-finalizer`),
//! `purecopy`, `garbage-collect`, `garbage-collect-maybe` (against Enoki's
//! allocation threshold), `memory-info`, `malloc-info`, `malloc-trim`, and (from eval.c) `make-interpreted-closure`.
//! Byte-code function objects are built faithfully (printing, `aref`,
//! `func-arity`, `interactive-form` see their slots), but Enoki has no
//! byte-code interpreter: calling one is an error.  Finalizers are objects
//! whose function is kept; the collector does not run them.  Also `memory_full` and the size-checked
//! allocation helpers other builtins use for Lisp-controlled sizes.
use crate::builtins::data::types::{char_table_set_range, expect_char};
use crate::builtins::prelude::*;

/// The most bytes one Lisp object may take: the machine's physical memory.
/// Larger requests get `memory-full` rather than the process being killed
/// (GNU Emacs fails the same way for sizes it cannot allocate).
fn max_alloc_bytes() -> u64 {
    static MAX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        let (pages, size) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
        if pages > 0 && size > 0 {
            (pages as u64).saturating_mul(size as u64)
        } else {
            1 << 34
        }
    })
}

pub use crate::runtime::error::memory_full;

/// Checks that N items of ITEM_BYTES each may be allocated.
pub fn check_alloc(n: u64, item_bytes: u64) -> LResult<usize> {
    match n.checked_mul(item_bytes.max(1)) {
        Some(b) if b <= max_alloc_bytes() => Ok(n as usize),
        _ => Err(memory_full()),
    }
}

/// A `Vec` of N copies of FILL, or `memory-full`.
pub fn filled_vec<T: Clone>(n: usize, fill: T) -> LResult<Vec<T>> {
    check_alloc(n as u64, std::mem::size_of::<T>() as u64)?;
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(memory_full());
    }
    v.resize(n, fill);
    Ok(v)
}

/// A non-negative fixnum argument (a count), else `wrong-type-argument wholenump`.
pub fn expect_fixnat(v: Value) -> LResult<usize> {
    match v.as_fixnum() {
        Some(n) if n >= 0 => Ok(n as usize),
        _ => Err(wrong_type(sym::WHOLENUMP, v)),
    }
}

fn f_cons(a: &[Value]) -> LResult {
    Ok(cons(a[0], a[1]))
}
fn f_list(a: &[Value]) -> LResult {
    Ok(list(a))
}
fn f_make_list(a: &[Value]) -> LResult {
    let n = expect_fixnat(a[0])?;
    check_alloc(n as u64, 16)?;
    let mut l = Value::NIL;
    for _ in 0..n {
        l = cons(a[1], l);
    }
    Ok(l)
}
fn f_vector(a: &[Value]) -> LResult {
    Ok(make_vector(a.to_vec()))
}
fn f_make_vector(a: &[Value]) -> LResult {
    let n = expect_fixnat(a[0])?;
    Ok(make_vector(filled_vec(n, a[1])?))
}

/// `make-string`: unibyte for an ASCII INIT unless MULTIBYTE, else multibyte.
pub fn make_string_of(n: usize, c: u32, multibyte: bool) -> LResult {
    if c < 0x80 && !multibyte {
        return Ok(make_string_from_bytes(filled_vec(n, c as u8)?, false));
    }
    let mut enc = Vec::with_capacity(5);
    encode_char(c, &mut enc);
    check_alloc(n as u64, enc.len() as u64)?;
    let mut data = Vec::new();
    if data.try_reserve_exact(n * enc.len()).is_err() {
        return Err(memory_full());
    }
    for _ in 0..n {
        data.extend_from_slice(&enc);
    }
    Ok(heap().alloc_string(LispString::new(data, n, true)))
}

fn f_make_string(a: &[Value]) -> LResult {
    let n = expect_fixnat(a[0])?;
    let c = expect_char(a[1])?;
    make_string_of(n, c, !a[2].is_nil())
}
fn f_make_symbol(a: &[Value]) -> LResult {
    expect_string(a[0])?;
    crate::runtime::symbol::ensure_symbol_room()?;
    Ok(make_symbol(a[0]))
}
fn f_make_bool_vector(a: &[Value]) -> LResult {
    let n = expect_fixnat(a[0])?;
    Ok(heap().alloc_obj(Obj::BoolVector(filled_vec(n, !a[1].is_nil())?)))
}
fn f_bool_vector(a: &[Value]) -> LResult {
    Ok(heap().alloc_obj(Obj::BoolVector(a.iter().map(|v| !v.is_nil()).collect())))
}
fn f_record(a: &[Value]) -> LResult {
    Ok(make_record(a.to_vec()))
}
fn f_make_record(a: &[Value]) -> LResult {
    let n = expect_fixnat(a[1])?;
    let mut v = filled_vec(n.saturating_add(1), a[2])?;
    v[0] = a[0];
    Ok(make_record(v))
}

/// `make-char-table`: PURPOSE's `char-table-extra-slots` property (0..=10)
/// gives the number of extra slots; every char, the default and the extra
/// slots start as INIT.
fn f_make_char_table(a: &[Value]) -> LResult {
    let purpose = expect_symbol(a[0])?;
    let n = get_plist_prop(purpose, intern("char-table-extra-slots"));
    let extras = if n.is_nil() {
        0
    } else {
        let k = expect_fixnat(n)?;
        if k > 10 {
            return Err(args_out_of_range(n, Value::NIL));
        }
        k
    };
    let init = a[1];
    let mut t = CharTable::new(purpose, init, vec![init; extras]);
    char_table_set_range(&mut t, 0, MAX_CHAR, init);
    Ok(heap().alloc_obj(Obj::CharTable(Box::new(t))))
}

/// A symbol's property PROP (plain `eq` walk of its plist).
fn get_plist_prop(s: Value, prop: Value) -> Value {
    let mut l = s.sym().plist;
    let mut n = 0;
    while l.is_cons() && l.cdr().is_cons() && n < 1_000_000 {
        if l.car() == prop {
            return l.cdr().car();
        }
        l = l.cdr().cdr();
        n += 1;
    }
    Value::NIL
}

fn f_purecopy(a: &[Value]) -> LResult {
    Ok(a[0])
}

/// `garbage-collect`: a full collection, then statistics in Emacs's shape
/// ((conses 16 USED FREE) (symbols 48 USED FREE) ...).  Enoki's heap only
/// reports its total live object count, given under `conses`; the
/// symbol count is the number of interned symbols.
fn f_garbage_collect(_: &[Value]) -> LResult {
    heap().collect();
    let live = heap().live_objects() as i64;
    let nsyms = symtab().all_interned().len() as i64;
    let entry = |name: &str, size: i64, used: i64, free: Option<i64>| {
        let mut items = vec![intern(name), Value::fixnum(size), Value::fixnum(used)];
        if let Some(f) = free {
            items.push(Value::fixnum(f));
        }
        list(&items)
    };
    Ok(list(&[
        entry("conses", 16, live, Some(0)),
        entry("symbols", 48, nsyms, Some(0)),
        entry("strings", 32, 0, Some(0)),
        entry("string-bytes", 1, 0, None),
        entry("vectors", 16, 0, None),
        entry("vector-slots", 8, 0, Some(0)),
        entry("floats", 8, 0, Some(0)),
        entry("intervals", 56, 0, Some(0)),
        entry("buffers", 992, 0, None),
    ]))
}

/// `garbage-collect-maybe`: collects when more than 1/FACTOR of the
/// allocation that triggers an automatic collection (Enoki's byte
/// threshold) happened since the last one.
fn f_garbage_collect_maybe(a: &[Value]) -> LResult {
    let fact = expect_fixnat(a[0])? as i64;
    let h = heap();
    let (since, threshold) = (h.bytes_since_gc as i64, h.threshold as i64);
    if fact >= 1 && since > threshold / fact {
        h.collect();
        return Ok(Value::T);
    }
    Ok(Value::NIL)
}

/// `memory-info`: (TOTAL-RAM FREE-RAM TOTAL-SWAP FREE-SWAP) in KiB from
/// sysinfo(2), or nil when it fails.
fn f_memory_info(_: &[Value]) -> LResult {
    // SAFETY: sysinfo fills the zeroed struct.
    let mut si: libc::sysinfo = unsafe { std::mem::zeroed() };
    if unsafe { libc::sysinfo(&mut si) } != 0 {
        return Ok(Value::NIL);
    }
    let unit = si.mem_unit as u128;
    let kib = |n: u64| make_int_i128((n as u128 * unit / 1024) as i128);
    Ok(list(&[kib(si.totalram), kib(si.freeram), kib(si.totalswap), kib(si.freeswap)]))
}

/// `memory-use-counts`: the running totals of allocations since start, as
/// (CONSES FLOATS VECTOR-CELLS SYMBOLS STRING-CHARS INTERVALS STRINGS).
/// INTERVALS stays 0: Enoki keeps text properties without interval objects.
fn f_memory_use_counts(_: &[Value]) -> LResult {
    let c = heap().consed;
    let n = |v: u64| make_int_i128(v as i128);
    Ok(list(&[n(c.conses), n(c.floats), n(c.vector_cells), n(c.symbols), n(c.string_chars), n(c.intervals), n(c.strings)]))
}

/// `malloc-info`: glibc's XML report of the malloc arenas, on stderr.
fn f_malloc_info(_: &[Value]) -> LResult {
    crate::runtime::output::flush();
    // SAFETY: a stdio stream over fd 2 (never closed, so fd 2 stays open),
    // flushed after malloc_info wrote to it.
    let rc = unsafe {
        let f = libc::fdopen(2, c"w".as_ptr());
        if f.is_null() {
            -1
        } else {
            let rc = libc::malloc_info(0, f);
            libc::fflush(f);
            rc
        }
    };
    if rc != 0 {
        let err = std::io::Error::last_os_error();
        return Err(error(&format!("malloc_info failed: {err}")));
    }
    Ok(Value::NIL)
}

/// `malloc-trim`: t when glibc returned memory to the system.
fn f_malloc_trim(a: &[Value]) -> LResult {
    let pad = if a[0].is_nil() { 0 } else { expect_fixnat(a[0])? as i32 };
    // SAFETY: plain libc call; the int-to-size_t conversion is Emacs's.
    Ok(Value::bool(unsafe { libc::malloc_trim(pad as isize as usize) } == 1))
}

/// `make-interpreted-closure` (eval.c): the closure vector
/// [ARGS BODY ENV nil DOCSTRING IFORM-SPEC], 3, 5 or 6 slots long.
fn f_make_interpreted_closure(a: &[Value]) -> LResult {
    let (args, body, env, doc, iform) = (a[0], a[1], a[2], a[3], a[4]);
    check(body.is_cons(), sym::CONSP, body)?;
    expect_list(args)?;
    expect_list(iform)?;
    let ifcdr = iform.cdr_safe();
    let spec = if ifcdr.is_cons() || ifcdr.is_nil() {
        let rest = ifcdr.cdr_safe();
        if !ifcdr.is_nil() && !rest.is_list() {
            return Err(wrong_type(sym::LISTP, rest));
        }
        if rest.is_nil() {
            ifcdr.car_safe()
        } else {
            make_vector(vec![ifcdr.car(), rest])
        }
    } else {
        return Err(wrong_type(sym::LISTP, ifcdr));
    };
    let n = if !iform.is_nil() {
        6
    } else if !doc.is_nil() {
        5
    } else {
        3
    };
    let mut slots = vec![args, body, env, Value::NIL, doc, spec];
    slots.truncate(n);
    Ok(heap().alloc_obj(Obj::Closure(Box::new(Closure { slots, frame: Value::NIL, template: std::ptr::null(), env_ready: true }))))
}

/// `make-byte-code`: ARGLIST (a list or a fixnum arity descriptor), a
/// unibyte CODE string, a CONSTANTS vector and a natural DEPTH, then any
/// further slots (docstring, interactive spec ...).
fn f_make_byte_code(a: &[Value]) -> LResult {
    let ok = (a[0].is_fixnum() || a[0].is_list())
        && a[1].is_string()
        && !a[1].string_ref().multibyte
        && a[2].as_vector().is_some()
        && a[3].as_fixnum().is_some_and(|d| d >= 0);
    if !ok {
        return Err(error("Invalid byte-code object"));
    }
    Ok(heap().alloc_obj(Obj::ByteCode(a.to_vec())))
}

/// `make-closure`: a copy of the byte-code PROTOTYPE whose constants vector
/// starts with CLOSURE-VARS instead of the prototype's placeholders.
fn f_make_closure(a: &[Value]) -> LResult {
    let proto = a[0];
    let Some(slots) = proto.as_byte_code() else {
        return Err(wrong_type(intern("byte-code-function-p"), proto));
    };
    let consts = slots.get(2).and_then(|c| c.as_vector()).map(|c| c.clone()).unwrap_or_default();
    let vars = &a[1..];
    if vars.len() > consts.len() {
        return Err(error("Closure vars do not fit in constvec"));
    }
    let mut new_consts = vars.to_vec();
    new_consts.extend_from_slice(&consts[vars.len()..]);
    let mut new_slots = slots.clone();
    new_slots[2] = make_vector(new_consts);
    Ok(heap().alloc_obj(Obj::ByteCode(new_slots)))
}

/// `make-finalizer`: an object that would call FUNCTION once unreachable.
fn f_make_finalizer(a: &[Value]) -> LResult {
    if !crate::builtins::eval::functionp(a[0]) {
        return Err(wrong_type(intern("functionp"), a[0]));
    }
    Ok(heap().alloc_obj(Obj::Finalizer(Box::new(Finalizer { function: a[0] }))))
}

pub static SUBRS: &[SubrDef] = &[
    SubrDef::new("cons", 2, 2, f_cons, "Create a new cons, give it CAR and CDR as components, and return it."),
    SubrDef::new("list", 0, MANY, f_list, "Return a newly created list with specified arguments as elements."),
    SubrDef::new("make-list", 2, 2, f_make_list, "Return a newly created list of length LENGTH, with each element being INIT."),
    SubrDef::new("vector", 0, MANY, f_vector, "Return a newly created vector with specified arguments as elements."),
    SubrDef::new("make-vector", 2, 2, f_make_vector, "Return a newly created vector of length LENGTH, with each element being INIT."),
    SubrDef::new("make-string", 2, 3, f_make_string, "Return a newly created string of length LENGTH, with INIT in each element."),
    SubrDef::new("make-symbol", 1, 1, f_make_symbol, "Return a newly allocated uninterned symbol whose name is NAME."),
    SubrDef::new("make-bool-vector", 2, 2, f_make_bool_vector, "Return a new bool-vector of length LENGTH, using INIT for each element."),
    SubrDef::new("bool-vector", 0, MANY, f_bool_vector, "Return a new bool-vector with specified arguments as elements."),
    SubrDef::new("record", 1, MANY, f_record, "Create a new record."),
    SubrDef::new("make-record", 3, 3, f_make_record, "Create a new record."),
    SubrDef::new("make-char-table", 1, 2, f_make_char_table, "Return a newly created char-table, with purpose PURPOSE."),
    SubrDef::new("make-byte-code", 4, MANY, f_make_byte_code, "Create a byte-code object with specified arguments as elements."),
    SubrDef::new("make-closure", 1, MANY, f_make_closure, "Create a byte-code closure from PROTOTYPE and CLOSURE-VARS."),
    SubrDef::new("make-finalizer", 1, 1, f_make_finalizer, "Make a finalizer that will run FUNCTION."),
    SubrDef::new("purecopy", 1, 1, f_purecopy, "Make a copy of object OBJ in pure storage."),
    SubrDef::new("garbage-collect", 0, 0, f_garbage_collect, "Reclaim storage for Lisp objects no longer needed."),
    SubrDef::new("garbage-collect-maybe", 1, 1, f_garbage_collect_maybe, "Call `garbage-collect' if enough allocation happened."),
    SubrDef::new("memory-info", 0, 0, f_memory_info, "Return a list of (TOTAL-RAM FREE-RAM TOTAL-SWAP FREE-SWAP)."),
    SubrDef::new("memory-use-counts", 0, 0, f_memory_use_counts, "Return a list of counters that measure how much consing there has been."),
    SubrDef::new("malloc-info", 0, 0, f_malloc_info, "Report malloc information to stderr."),
    SubrDef::new("malloc-trim", 0, 1, f_malloc_trim, "Release free heap memory to the OS."),
    SubrDef::new("make-interpreted-closure", 3, 5, f_make_interpreted_closure, "Make an interpreted closure."),
];

/// Defines this file's variables (called once at start-up, after the subrs).
pub fn init() {
    defvar_lisp("purify-flag", Value::NIL);
    defvar_int("gc-cons-threshold", 800_000);
    defvar_lisp("gc-cons-percentage", make_float(0.1));
    defvar_bool("garbage-collection-messages", Value::NIL);
    defvar_lisp("post-gc-hook", Value::NIL);
    defvar_lisp("memory-full", Value::NIL);
    defvar_int("gcs-done", 0);
    defvar_lisp("gc-elapsed", make_float(0.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testutil::{err_data, n, setup};

    #[test]
    fn constructors_check_sizes() {
        setup();
        // (make-list -1 1) -> (wrong-type-argument wholenump -1)
        assert!(f_make_list(&[n(-1), n(1)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::WHOLENUMP, n(-1)]));
        let f = make_float(1.0);
        assert!(f_make_vector(&[f, n(1)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::WHOLENUMP, f]));
        // (make-string 2 -1) -> (wrong-type-argument characterp -1)
        assert!(f_make_string(&[n(2), n(-1), Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CHARACTERP, n(-1)]));
        // (make-vector most-positive-fixnum nil) -> memory-full error
        assert!(f_make_vector(&[n(MOST_POSITIVE_FIXNUM), Value::NIL]).is_err());
        assert_eq!(pending().a, sym::ERROR);
        let l = f_make_list(&[n(3), n(7)]).unwrap();
        assert_eq!(list_to_vec(l), vec![n(7); 3]);
    }

    #[test]
    fn make_string_multibyteness() {
        setup();
        // (make-string 3 ?a) is unibyte, (make-string 2 ?a t) and (make-string 3 200) multibyte.
        let s = f_make_string(&[n(3), n(97), Value::NIL]).unwrap();
        assert!(!s.string_ref().multibyte);
        assert_eq!(s.string_ref().data, b"aaa");
        let s = f_make_string(&[n(2), n(97), Value::T]).unwrap();
        assert!(s.string_ref().multibyte);
        let s = f_make_string(&[n(3), n(200), Value::NIL]).unwrap();
        assert_eq!(s.string_ref().to_string_lossy(), "ÈÈÈ");
        assert_eq!(s.string_ref().nchars, 3);
        // (multibyte-string-p (make-string 0 300)) -> t
        assert!(f_make_string(&[n(0), n(300), Value::NIL]).unwrap().string_ref().multibyte);
    }

    #[test]
    fn records_and_char_tables() {
        setup();
        let r = f_make_record(&[intern("foo"), n(2), n(0)]).unwrap();
        assert_eq!(r.as_record().unwrap().clone(), vec![intern("foo"), n(0), n(0)]);
        let foo = intern("foo");
        foo.sym().plist = list(&[intern("char-table-extra-slots"), n(11)]);
        // -> (args-out-of-range 11 nil)
        assert!(f_make_char_table(&[foo, Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::ARGS_OUT_OF_RANGE, vec![n(11), Value::NIL]));
        foo.sym().plist = list(&[intern("char-table-extra-slots"), n(2)]);
        let t = f_make_char_table(&[foo, n(3)]).unwrap();
        let ct = t.as_char_table().unwrap();
        assert_eq!(ct.extras, vec![n(3), n(3)]);
        assert_eq!(crate::builtins::data::types::char_table_ref(t, 0x10000), n(3));
        foo.sym().plist = Value::NIL;
    }

    #[test]
    fn interpreted_closures() {
        setup();
        let args = list1(intern("x"));
        let body = list1(intern("x"));
        let env = list1(Value::T);
        // (make-interpreted-closure '(x) '(x) '(t)) -> #[(x) (x) (t)]
        let c = f_make_interpreted_closure(&[args, body, env, Value::NIL, Value::NIL]).unwrap();
        assert_eq!(c.as_closure().unwrap().slots.len(), 3);
        // ... "doc" '(interactive) -> #[(x) (x) (t) nil "doc" nil]
        let doc = make_string("doc");
        let c = f_make_interpreted_closure(&[args, body, env, doc, list1(sym::INTERACTIVE)]).unwrap();
        assert_eq!(c.as_closure().unwrap().slots, vec![args, body, env, Value::NIL, doc, Value::NIL]);
        // BODY 1 -> (wrong-type-argument consp 1); IFORM 3 -> (wrong-type-argument listp 3)
        assert!(f_make_interpreted_closure(&[args, n(1), env, Value::NIL, Value::NIL]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::CONSP, n(1)]));
        assert!(f_make_interpreted_closure(&[args, body, env, Value::NIL, n(3)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![sym::LISTP, n(3)]));
    }

    #[test]
    fn byte_code_objects() {
        setup();
        let code = make_string_from_bytes(vec![0o300, 0o207], false);
        let consts = make_vector(vec![intern("V0"), intern("V1")]);
        // (make-byte-code 0 "\300\207" [V0 V1] 1)
        let proto = f_make_byte_code(&[n(0), code, consts, n(1)]).unwrap();
        assert_eq!(crate::builtins::data::types::type_of(proto), intern("byte-code-function"));
        // (make-closure proto 'a) replaces the first constant only.
        let c = f_make_closure(&[proto, intern("a")]).unwrap();
        let k = c.as_byte_code().unwrap()[2];
        assert_eq!(k.as_vector().unwrap().clone(), vec![intern("a"), intern("V1")]);
        // (make-closure proto 1 2 3) -> (error "Closure vars do not fit in constvec")
        assert!(f_make_closure(&[proto, n(1), n(2), n(3)]).is_err());
        // (make-byte-code 'x "" [] 0) -> (error "Invalid byte-code object")
        assert!(f_make_byte_code(&[intern("x"), code, consts, n(0)]).is_err());
        // (make-finalizer 5) -> (wrong-type-argument functionp 5)
        assert!(f_make_finalizer(&[n(5)]).is_err());
        assert_eq!(err_data(), (sym::WRONG_TYPE_ARGUMENT, vec![intern("functionp"), n(5)]));
        // (eq (vector) (vector)) -> t
        assert_eq!(f_vector(&[]).ok(), f_vector(&[]).ok());
    }

    #[test]
    fn memory_use_counts_grow_with_allocation() {
        setup();
        let counts = |v: Value| -> Vec<i64> { v.iter().map(|x| x.as_fixnum().unwrap_or(-1)).collect() };
        let a = counts(f_memory_use_counts(&[]).unwrap());
        assert_eq!(a.len(), 7);
        f_make_list(&[n(100), Value::NIL]).unwrap();
        f_make_vector(&[n(50), Value::NIL]).unwrap();
        make_string("abcdef");
        let b = counts(f_memory_use_counts(&[]).unwrap());
        assert!(b[0] - a[0] >= 100 && b[2] - a[2] >= 50 && b[4] - a[4] >= 6 && b[6] > a[6]);
        assert!(a.iter().zip(&b).all(|(x, y)| 0 <= *x && x <= y));
    }
}
