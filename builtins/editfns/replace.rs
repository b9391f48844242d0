//! `replace-buffer-contents` of editfns.c: replaces the accessible portion
//! of the current buffer by that of another buffer through the smallest
//! set of deletions and insertions the diff of `runtime::buffer::diff`
//! finds, so that unchanged text keeps its markers, point and properties.
//! As in Emacs the changes are announced to the change hooks as one change
//! of the whole accessible region (unless `inhibit-modification-hooks` was
//! already set), point is kept by an excursion marker, a time limit
//! (MAX-SECS) falls back to a plain delete-and-insert, and a cost limit
//! (MAX-COSTS) makes the diff settle for suboptimal results.
use super::buffer::insert_from_buffer;
use crate::builtins::buffer::args::live_buffer;
use crate::builtins::prelude::*;
use crate::runtime::buffer::diff::{self, Aborted, Changes, Sequences};
use crate::runtime::buffer::edit::{del_range, prepare_to_modify, signal_after_change};
use crate::runtime::buffer::markers::{as_marker, make_marker_at};
use crate::runtime::buffer::{self, as_buffer, current, current_buffer, set_buffer, syms, undo, Buffer};
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive};

/// `MAX-COSTS` when nil.
const DEFAULT_MAX_COSTS: usize = 1_000_000;

const NS_PER_SEC: i128 = 1_000_000_000;

/// The largest `struct timespec` (`TYPE_MAXIMUM (time_t)` seconds and
/// 999999999 ns), in nanoseconds.
const TIMESPEC_MAX: i128 = i64::MAX as i128 * NS_PER_SEC + (NS_PER_SEC - 1);
const TIMESPEC_MIN: i128 = i64::MIN as i128 * NS_PER_SEC;

/// The live buffer SOURCE designates, which must not be the current one.
fn source_buffer(source: Value) -> LResult<Value> {
    let buf = buffer::get_buffer(source)?;
    if buf.is_nil() {
        return Err(buffer::no_such_buffer(source));
    }
    if !as_buffer(buf).is_some_and(|b| b.live()) {
        return Err(error("Selecting deleted buffer"));
    }
    if buf == current_buffer() {
        return Err(error("Cannot replace a buffer with itself"));
    }
    Ok(buf)
}

/// The diff's cost limit from MAX-COSTS (clipped to 0..PTRDIFF_MAX).
fn max_costs(v: Value) -> LResult<usize> {
    if v.is_nil() {
        return Ok(DEFAULT_MAX_COSTS);
    }
    if let Some(n) = v.as_fixnum() {
        return Ok(n.max(0) as usize);
    }
    match v.as_bignum() {
        Some(b) if b.is_negative() => Ok(0),
        Some(_) => Ok(isize::MAX as usize),
        None => Err(wrong_type(sym::INTEGERP, v)),
    }
}

fn invalid_time() -> Flow {
    error("Invalid time specification")
}

fn time_overflow() -> Flow {
    error("Specified time is not representable")
}

fn integer_of(v: Value) -> Option<BigInt> {
    if let Some(n) = v.as_fixnum() {
        return Some(BigInt::from(n));
    }
    v.as_bignum().cloned()
}

/// The exact value of the finite float T as TICKS / HZ.
fn float_ratio(t: f64) -> (BigInt, BigInt) {
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    let mut ticks = BigInt::from(mant);
    if bits >> 63 != 0 {
        ticks = -ticks;
    }
    if e >= 0 {
        (ticks << e as usize, BigInt::one())
    } else {
        (ticks, BigInt::one() << (-e) as usize)
    }
}

/// C's `/` and `%` (truncating) on the components of an old-style time.
fn carry(low: i128, unit: i128) -> (i128, i128) {
    let (q, r) = (low / unit, low % unit);
    if r < 0 {
        (q - 1, r + unit)
    } else {
        (q, r)
    }
}

/// `decode_time_components` for (HI LO [US [PS]]): TICKS / HZ.
fn time_components(high: Value, low: Value, usec: Value, psec: Value, hz_digits: u32) -> LResult<(BigInt, BigInt)> {
    let (Some(hi), Some(lo), Some(us), Some(ps)) = (integer_of(high), integer_of(low), usec.as_fixnum(), psec.as_fixnum()) else {
        return Err(invalid_time());
    };
    let (us_carry, ps) = carry(ps as i128, 1_000_000);
    let (s_carry, us) = carry(us as i128 + us_carry, 1_000_000);
    let s = BigInt::from(s_carry) + lo + (hi << 16);
    Ok(match hz_digits {
        0 => (s, BigInt::one()),
        6 => (s * 1_000_000 + us, BigInt::from(1_000_000)),
        _ => (s * 1_000_000_000_000i64 + (us * 1_000_000 + ps), BigInt::from(1_000_000_000_000i64)),
    })
}

/// `decode_lisp_time` of a non-nil time value: TICKS / HZ seconds.
fn lisp_time(v: Value) -> LResult<(BigInt, BigInt)> {
    if let Some(t) = integer_of(v) {
        return Ok((t, BigInt::one()));
    }
    if v.is_float() {
        let t = v.float_value();
        if t.is_nan() {
            return Err(invalid_time());
        }
        if t.is_infinite() {
            return Err(time_overflow());
        }
        return Ok(float_ratio(t));
    }
    if !v.is_cons() {
        return Err(invalid_time());
    }
    let (high, low) = (v.car(), v.cdr());
    if !low.is_cons() {
        // (TICKS . HZ)
        return match (integer_of(high), integer_of(low)) {
            (Some(ticks), Some(hz)) if hz.is_positive() => Ok((ticks, hz)),
            _ => Err(invalid_time()),
        };
    }
    let (low, tail) = (low.car(), low.cdr());
    if integer_of(low).is_none() {
        return Err(invalid_time());
    }
    let zero = Value::fixnum(0);
    if tail.is_cons() {
        let (usec, rest) = (tail.car(), tail.cdr());
        if rest.is_cons() {
            time_components(high, low, usec, rest.car(), 12)
        } else {
            time_components(high, low, usec, zero, 6)
        }
    } else if !tail.is_nil() {
        time_components(high, low, tail, zero, 6)
    } else {
        time_components(high, low, zero, zero, 0)
    }
}

/// `lisp_time_argument`: the time V designates in whole nanoseconds
/// (floored), or an error when it is not a time or has no `timespec`.
fn time_argument_ns(v: Value) -> LResult<i128> {
    let (ticks, hz) = lisp_time(v)?;
    let ns = (ticks * BigInt::from(NS_PER_SEC)).div_floor(&hz);
    let secs = ns.div_floor(&BigInt::from(NS_PER_SEC));
    if secs.to_i64().is_none() {
        return Err(time_overflow());
    }
    ns.to_i128().ok_or_else(time_overflow)
}

/// The current time (`current_timespec`) in nanoseconds since the epoch.
fn now_ns() -> i128 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// The time limit of MAX-SECS: None for no limit (nil, or a limit past
/// the largest representable time).
fn time_limit(max_secs: Value) -> LResult<Option<i128>> {
    if max_secs.is_nil() {
        return Ok(None);
    }
    let secs = time_argument_ns(max_secs)?;
    let limit = (now_ns() + secs).clamp(TIMESPEC_MIN, TIMESPEC_MAX);
    Ok((limit < TIMESPEC_MAX).then_some(limit))
}

/// The characters of B's accessible portion, as multibyte characters
/// (a unibyte buffer's bytes 128..255 are raw-byte characters).
fn accessible_chars(b: &Buffer) -> Vec<u32> {
    let mut bytes = Vec::new();
    b.text.copy_bytes(b.begv - 1, b.zv - 1, &mut bytes);
    if !b.multibyte() {
        return bytes.iter().map(|&c| if c < 0x80 { c as u32 } else { raw_byte_char(c) }).collect();
    }
    let mut chars = Vec::with_capacity(b.zv - b.begv);
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = decode_char(&bytes[i..]);
        chars.push(c);
        i += len.max(1);
    }
    chars
}

/// The two accessible portions being compared, with the time limit that
/// is checked every 65536 comparisons and after each noted change.
struct BufferChars {
    a: Vec<u32>,
    b: Vec<u32>,
    counter: u16,
    limit: Option<i128>,
}

impl BufferChars {
    fn expired(&self) -> bool {
        self.limit.is_some_and(|l| l < now_ns())
    }
}

impl Sequences for BufferChars {
    fn equal(&mut self, x: usize, y: usize) -> Result<bool, Aborted> {
        self.counter = self.counter.wrapping_add(1);
        if self.counter == 0 && self.expired() {
            return Err(Aborted);
        }
        Ok(matches!((self.a.get(x), self.b.get(y)), (Some(c), Some(d)) if c == d))
    }
    fn early_abort(&mut self) -> bool {
        self.expired()
    }
}

/// editfns.c's `update_buffer_properties`: runs
/// `buffer-access-fontify-functions` on START..END of the current buffer
/// unless `buffer-access-fontified-property` says it is all done.
fn update_buffer_properties(start: usize, end: usize) -> LResult<()> {
    let hook = intern("buffer-access-fontify-functions");
    let fns = value_cell(hook);
    if fns.is_nil() || fns == Value::UNBOUND {
        return Ok(());
    }
    let (start, end) = (Value::fixnum(start as i64), Value::fixnum(end as i64));
    let prop = value_cell(intern("buffer-access-fontified-property"));
    if !prop.is_nil() && prop != Value::UNBOUND {
        let unfontified = funcall(intern("text-property-any"), &[start, end, prop, Value::NIL, Value::NIL])?;
        if unfontified.is_nil() {
            return Ok(());
        }
    }
    funcall(intern("run-hook-with-args"), &[hook, start, end])?;
    Ok(())
}

/// `Finsert_buffer_substring` of SOURCE (a buffer or its name) from START
/// to END (nil: the accessible bounds) at point.
fn insert_buffer_substring(source: Value, start: Value, end: Value) -> LResult<()> {
    let (buf, bp) = live_buffer(source)?;
    let s = start.as_fixnum().map_or(bp.begv as i64, |n| n);
    let e = end.as_fixnum().map_or(bp.zv as i64, |n| n);
    if !(bp.begv as i64 <= s && e <= bp.zv as i64) {
        return Err(args_out_of_range(start, end));
    }
    // As in Emacs, an error leaves SOURCE current.
    let obuf = current_buffer();
    set_buffer(buf);
    update_buffer_properties(s as usize, e as usize)?;
    if !as_buffer(obuf).is_some_and(|b| b.live()) {
        return Ok(());
    }
    set_buffer(obuf);
    let Some(bp) = as_buffer(buf).filter(|b| b.live()) else {
        return Ok(());
    };
    let (s, e) = (s.clamp(bp.begv as i64, bp.zv as i64) as usize, e.clamp(bp.begv as i64, bp.zv as i64) as usize);
    insert_from_buffer(buf, s, e.max(s), false)
}

/// `Fundo_boundary` (without the Lisp function call).
fn undo_boundary() -> LResult<()> {
    if value_cell(syms().buffer_undo_list).is_t() {
        return Ok(());
    }
    undo::undo_boundary();
    set_variable(intern("undo-auto--last-boundary-cause"), intern("explicit"))
}

/// Applies CHANGES walking backwards, so earlier positions stay valid:
/// each run of deleted characters of the current buffer (from MIN_A) is
/// deleted and the run of inserted ones of SOURCE (from MIN_B) inserted.
fn apply_changes(source: Value, min_a: usize, min_b: usize, changes: &Changes) -> LResult<()> {
    let (del, ins) = (&changes.deleted, &changes.inserted);
    let set = |v: &Vec<bool>, k: isize| k > 0 && v.get((k - 1) as usize).copied().unwrap_or(false);
    let mut i = del.len() as isize;
    let mut j = ins.len() as isize;
    while i >= 0 || j >= 0 {
        if set(del, i) || set(ins, j) {
            let (end_a, end_b) = (min_a + i.max(0) as usize, min_b + j.max(0) as usize);
            while set(del, i) {
                i -= 1;
            }
            while set(ins, j) {
                j -= 1;
            }
            let (beg_a, beg_b) = (min_a + i.max(0) as usize, min_b + j.max(0) as usize);
            if beg_a < end_a {
                del_range(beg_a, end_a, true, false)?;
            }
            if beg_b < end_b {
                let b = current();
                b.pt = beg_a.clamp(b.begv, b.zv);
                insert_buffer_substring(source, Value::fixnum(beg_b as i64), Value::fixnum(end_b as i64))?;
            }
        }
        i -= 1;
        j -= 1;
    }
    Ok(())
}

/// The replacement proper, inside an excursion: announces the whole
/// accessible region as changing (unless hooks are inhibited already),
/// inhibits the hooks while applying the changes; returns whether it did.
fn replace_in_excursion(source: Value, min_a: usize, min_b: usize, changes: &Changes) -> LResult<bool> {
    let depth = specpdl_depth();
    let inhibit = syms().inhibit_modification_hooks;
    let mut announced = false;
    let r = (|| {
        if value_cell(inhibit).is_nil() {
            let b = current();
            prepare_to_modify(b.begv, b.zv)?;
            specbind(inhibit, Value::T)?;
            announced = true;
        }
        apply_changes(source, min_a, min_b, changes)
    })();
    unbind_to(depth);
    r.map(|()| announced)
}

/// Runs F with an excursion whose point is a real (point) marker, as
/// `record_unwind_protect_excursion` saves it: the marker is among the
/// buffer's markers meanwhile, so deletions record undo adjustments for it.
fn with_point_marker<T>(f: impl FnOnce() -> LResult<T>) -> LResult<T> {
    let buf = current_buffer();
    let marker = make_marker_at(buf, current().pt, false);
    let r = f();
    if let Some(m) = as_marker(marker) {
        if as_buffer(buf).is_some_and(|b| b.live()) {
            set_buffer(buf);
            if let Some(p) = m.position() {
                let b = current();
                b.pt = p.clamp(b.begv, b.zv);
            }
        }
        m.detach();
    }
    std::hint::black_box(marker);
    r
}

fn f_replace_buffer_contents(a: &[Value]) -> LResult {
    let source = a[0];
    let src = source_buffer(source)?;
    let too_expensive = max_costs(a[2])?;
    let limit = time_limit(a[1])?;
    let (dst, sb) = (current(), as_buffer(src).ok_or_else(|| error("Selecting deleted buffer"))?);
    let (min_a, size_a) = (dst.begv, dst.zv - dst.begv);
    let (min_b, size_b) = (sb.begv, sb.zv - sb.begv);
    if size_a == 0 && size_b == 0 {
        return Ok(Value::T);
    }
    if size_a == 0 {
        insert_buffer_substring(source, Value::NIL, Value::NIL)?;
        return Ok(Value::T);
    }
    if size_b == 0 {
        del_range(min_a, dst.zv, true, false)?;
        return Ok(Value::T);
    }
    let mut chars = BufferChars { a: accessible_chars(dst), b: accessible_chars(sb), counter: 0, limit };
    let Ok(changes) = diff::compare(&mut chars, size_a, size_b, too_expensive, true) else {
        del_range(min_a, current().zv, true, false)?;
        insert_buffer_substring(source, Value::NIL, Value::NIL)?;
        return Ok(Value::NIL);
    };
    drop(chars);
    undo_boundary()?;
    let announced = with_point_marker(|| replace_in_excursion(source, min_a, min_b, &changes))?;
    if announced {
        let b = current();
        signal_after_change(b.begv, size_a, b.zv - b.begv)?;
    }
    Ok(Value::T)
}

pub static SUBRS: &[SubrDef] = &[SubrDef::new(
    "replace-buffer-contents",
    1,
    3,
    f_replace_buffer_contents,
    "Replace accessible portion of current buffer with that of SOURCE.\nSOURCE can be a buffer or a string that names a buffer.",
)];

#[cfg(test)]
mod tests {
    use super::*;

    use crate::builtins::testutil::setup;

    #[test]
    fn time_arguments_decode_as_emacs() {
        setup();
        assert_eq!(time_argument_ns(Value::fixnum(2)).ok(), Some(2 * NS_PER_SEC));
        assert_eq!(time_argument_ns(make_float(-0.5)).ok(), Some(-NS_PER_SEC / 2));
        let pair = cons(Value::fixnum(3), Value::fixnum(2));
        assert_eq!(time_argument_ns(pair).ok(), Some(3 * NS_PER_SEC / 2));
        let old = list(&[Value::fixnum(0), Value::fixnum(1), Value::fixnum(500_000)]);
        assert_eq!(time_argument_ns(old).ok(), Some(3 * NS_PER_SEC / 2));
        assert!(time_argument_ns(make_float(1e30)).is_err());
        assert!(time_argument_ns(cons(Value::fixnum(1), Value::fixnum(0))).is_err());
        assert!(time_argument_ns(intern("x")).is_err());
    }

    /// Evaluates SRC and prints the value (expectations from GNU Emacs 30.1).
    fn run(src: &str) -> String {
        let mut e = crate::Engine::new();
        match e.eval_str(src) {
            Ok(v) => e.print(v),
            Err(err) => format!("ERR {err:?}"),
        }
    }

    const SETUP: &str = "(defmacro rbc (a b &rest body) `(let ((src (get-buffer-create \"rbc-src\")) (dst (get-buffer-create \"rbc-dst\"))) (unwind-protect (progn (with-current-buffer src (erase-buffer) (insert ,b)) (with-current-buffer dst (erase-buffer) (insert ,a) ,@body)) (kill-buffer src) (kill-buffer dst))))
(defun rbc-markers () (let (l (i 1)) (while (<= i (1+ (buffer-size))) (push (copy-marker i) l) (push (copy-marker i t) l) (setq i (1+ i))) (nreverse l)))";

    fn full(a: &str, b: &str, max_secs: &str, max_costs: &str) -> String {
        run(&format!(
            "{SETUP}\n(rbc {a:?} {b:?} (let ((ms (rbc-markers))) (list (replace-buffer-contents src {max_secs} {max_costs}) (buffer-string) (point) (mapcar #'marker-position ms))))"
        ))
    }

    #[test]
    fn unchanged_text_keeps_markers_and_point() {
        setup();
        assert_eq!(
            full("hello world", "hello brave world", "nil", "nil"),
            "(t \"hello brave world\" 18 (1 1 2 2 3 3 4 4 5 5 6 6 7 13 14 14 15 15 16 16 17 17 18 18))"
        );
        assert_eq!(full("kitten", "sitting", "nil", "nil"), "(t \"sitting\" 7 (1 2 1 2 3 3 4 4 5 6 5 6 7 8))");
        assert_eq!(full("abab", "baba", "nil", "nil"), "(t \"baba\" 4 (1 1 1 1 2 2 3 3 4 5))");
        assert_eq!(full("日本人語", "日本語", "nil", "nil"), "(t \"日本語\" 4 (1 1 2 2 3 3 3 3 4 4))");
    }

    #[test]
    fn cost_limit_changes_the_alignment() {
        setup();
        let a = "the quick brown fox jumps";
        let b = "jumps the quick brown fox";
        assert!(full(a, b, "nil", "0")
            .contains("(1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2 2 3 3 4 4 5 5 6 26)"));
        assert!(full(a, b, "nil", "4").contains("(1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 1 6 7 10 7 10"));
    }

    #[test]
    fn time_limit_falls_back_to_delete_and_insert() {
        setup();
        assert_eq!(full("abc", "xyz", "0", "nil"), "(nil \"xyz\" 4 (1 4 1 4 1 4 1 4))");
        assert_eq!(full("abc", "abc", "0", "nil"), "(t \"abc\" 4 (1 1 2 2 3 3 4 4))");
    }

    #[test]
    fn errors() {
        setup();
        assert_eq!(
            run("(condition-case e (replace-buffer-contents (current-buffer)) (error e))"),
            "(error \"Cannot replace a buffer with itself\")"
        );
        assert_eq!(run("(condition-case e (replace-buffer-contents \"rbc none\") (error e))"), "(error \"No buffer named rbc none\")");
        assert_eq!(run("(condition-case e (replace-buffer-contents 1) (error e))"), "(wrong-type-argument stringp 1)");
        let dead = "(let ((b (get-buffer-create \"rbc-dead\"))) (kill-buffer b) (condition-case e (replace-buffer-contents b) (error e)))";
        assert_eq!(run(dead), "(error \"Selecting deleted buffer\")");
    }

    #[test]
    fn max_costs_clip() {
        setup();
        assert_eq!(max_costs(Value::NIL).ok(), Some(DEFAULT_MAX_COSTS));
        assert_eq!(max_costs(Value::fixnum(-5)).ok(), Some(0));
        assert!(max_costs(make_float(1.0)).is_err());
    }
}
