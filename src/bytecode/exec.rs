//! The executor: GNU Emacs's `exec_byte_code`.  One `Run` executes a
//! byte-code function and every lexical byte-code function it calls
//! through `call` (those get a new frame in the same run, as Emacs's
//! `setup_frame` does, so byte-code recursion costs no native stack); any
//! other callee goes through the evaluator's `funcall`.  The value stack is
//! a `RootedVec` (a GC root across calls into Lisp), each frame's slots
//! starting with the function object itself at its return slot.
//!
//! Non-local exits arrive as `Err(Flow)` from whatever the instruction
//! called; `Run::recover` then looks for this run's innermost handlers,
//! undoing the unwind entries above each, and either resumes at the
//! handler's target or leaves the run with the exit still in flight.

use super::opcodes::*;
use super::unwind::{condition_spec, register, takes, unregister, HandlerEntry, Unwinds};
use crate::runtime::alloc::{cons, list};
use crate::runtime::error::{error, signal, wrong_type, LResult};
use crate::runtime::heap::{heap, RootedVec};
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, symbol_value};
use crate::runtime::subr::call_subr;
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;
use crate::runtime::{rt, sym};

/// One active byte-code function of a run.
struct Frame {
    /// The code string and constants vector of the function (kept alive by
    /// the function object in the frame's return slot).
    code: Value,
    consts: Value,
    /// The saved program counter while a callee runs.
    pc: usize,
    /// The stack index of the return slot (the function object); the
    /// frame's own slots start just above it.
    base: usize,
    /// The words of Emacs's byte-code stack the frame takes (`claim_stack`).
    words: u64,
    /// Whether the frame is its run's first (entered from outside byte-code).
    base_of_run: bool,
}

/// The state of one execution of byte-code.
pub struct Run {
    stack: RootedVec,
    frames: Vec<Frame>,
    unwinds: Unwinds,
    handlers: Vec<HandlerEntry>,
    /// `lisp-eval-depth` when the run started.
    entry_depth: i64,
}

/// Executes byte-code function FUN with ARGS, the arguments spread on the
/// stack according to the descriptor TEMPLATE (bytecode.c's `exec_byte_code`).
pub fn exec_byte_code(fun: Value, template: i64, args: &[Value]) -> LResult {
    let mut run = Run {
        stack: RootedVec::with_capacity(args.len() + 8),
        frames: Vec::new(),
        unwinds: Unwinds::new(),
        handlers: Vec::new(),
        entry_depth: rt().lisp_eval_depth,
    };
    run.stack.push(fun);
    run.stack.extend_from_slice(args);
    run.enter_frame(fun, 0, args.len(), template)?;
    run.run()
}

/// The signal for malformed byte-code (GNU Emacs would crash or misbehave).
fn invalid() -> crate::runtime::error::Flow {
    error("Invalid byte code")
}

/// The size of GNU Emacs's per-thread byte-code stack, in words
/// (bytecode.c's `BC_STACK_SIZE`).
const BC_STACK_WORDS: u64 = 512 * 1024;
/// A frame's header on that stack: saved frame, top, pc and function.
const FRAME_HEADER_WORDS: u64 = 4;

/// This thread's use of that stack: words in use (starting with the dummy
/// bottom header), active frames and runs (calls into byte-code from
/// outside it), each counting the dummy bottom frame as Emacs does.
#[derive(Copy, Clone)]
struct StackUse {
    words: u64,
    frames: u64,
    runs: u64,
}

thread_local! {
    static STACK_USE: std::cell::Cell<StackUse> = const { std::cell::Cell::new(StackUse { words: FRAME_HEADER_WORDS, frames: 1, runs: 1 }) };
}

/// Claims the stack space of a frame of max depth DEPTH (OUTERMOST when it
/// starts a run), signalling `Bytecode stack overflow` where GNU Emacs's
/// fixed stack would run out (deep byte-code recursion under a large
/// `max-lisp-eval-depth`).
fn claim_stack(depth: u64, outermost: bool) -> LResult<u64> {
    let words = depth.saturating_add(FRAME_HEADER_WORDS);
    STACK_USE.with(|u| {
        let mut s = u.get();
        s.words = s.words.saturating_add(words);
        if s.words > BC_STACK_WORDS {
            return Err(error("Bytecode stack overflow"));
        }
        s.frames += 1;
        s.runs += outermost as u64;
        u.set(s);
        Ok(words)
    })
}

fn release_stack(f: &Frame) {
    STACK_USE.with(|u| {
        let mut s = u.get();
        s.words = s.words.saturating_sub(f.words);
        s.frames = s.frames.saturating_sub(1);
        s.runs = s.runs.saturating_sub(f.base_of_run as u64);
        u.set(s);
    });
}

/// `(internal-stack-stats)`: prints the frame and run counts on stderr.
pub fn stack_stats() {
    let s = STACK_USE.with(|u| u.get());
    crate::runtime::output::write_stderr_line(&format!("{} stack frames, {} runs", s.frames, s.runs));
}

/// `(wrong-number-of-arguments (MANDATORY . NONREST) NARGS)`.
fn arity_error(mandatory: i64, nonrest: i64, nargs: usize) -> crate::runtime::error::Flow {
    let arity = cons(Value::fixnum(mandatory), Value::fixnum(nonrest));
    signal(sym::WRONG_NUMBER_OF_ARGUMENTS, list(&[arity, Value::fixnum(nargs as i64)]))
}

impl Run {
    /// Starts FUN in a new frame whose return slot is BASE, the NARGS
    /// arguments above it: checks them against TEMPLATE (mandatory count in
    /// bits 0-6, &rest in bit 7, non-rest count from bit 8), collects the
    /// &rest list and pads missing optionals with nil.
    fn enter_frame(&mut self, fun: Value, base: usize, nargs: usize, template: i64) -> LResult<()> {
        let slots = fun.as_byte_code().ok_or_else(invalid)?;
        let (code, consts) = (slots.get(1).copied().unwrap_or(Value::NIL), slots.get(2).copied().unwrap_or(Value::NIL));
        if !code.is_string() || consts.as_vector().is_none() {
            return Err(invalid());
        }
        let depth = slots.get(3).and_then(|d| d.as_fixnum()).unwrap_or(0).max(0) as u64;
        let base_of_run = self.frames.is_empty();
        let words = claim_stack(depth, base_of_run)?;
        let rest = template & 128 != 0;
        let mandatory = template & 127;
        let nonrest = template >> 8;
        let n = nargs as i64;
        if !(mandatory <= n && (rest || n <= nonrest)) {
            release_stack(&Frame { code, consts, pc: 0, base, words, base_of_run });
            return Err(arity_error(mandatory, nonrest, nargs));
        }
        self.stack[base] = fun;
        if nonrest < n {
            let first = base + 1 + nonrest as usize;
            let l = list(&self.stack[first..]);
            self.stack.truncate(first);
            self.stack.push(l);
        } else {
            for _ in n - rest as i64..nonrest {
                self.stack.push(Value::NIL);
            }
        }
        self.stack.reserve(depth.min(1 << 16) as usize);
        self.frames.push(Frame { code, consts, pc: 0, base, words, base_of_run });
        Ok(())
    }

    /// Drops the frames above the first LEN, giving back their stack space.
    fn pop_frames_to(&mut self, len: usize) {
        while self.frames.len() > len {
            if let Some(f) = self.frames.pop() {
                release_stack(&f);
            }
        }
    }

    /// Runs until the outermost frame returns or an exit no handler of
    /// this run takes leaves it.
    fn run(&mut self) -> LResult {
        loop {
            match self.execute() {
                Ok(v) => {
                    self.finish();
                    return Ok(v);
                }
                Err(flow) => {
                    if !self.recover() {
                        self.finish();
                        rt().lisp_eval_depth = self.entry_depth;
                        return Err(flow);
                    }
                }
            }
        }
    }

    /// Undoes what malformed code left behind (well-formed code leaves
    /// nothing): handlers and unwind entries still pushed.
    fn finish(&mut self) {
        self.pop_frames_to(0);
        while let Some(h) = self.handlers.pop() {
            unregister(&h);
        }
        self.unwinds.unwind_to(0);
    }

    /// Handles the exit in flight: for each of this run's handlers,
    /// innermost first, undoes the unwind entries above it, then resumes
    /// there if it takes the exit.  False when none does.
    fn recover(&mut self) -> bool {
        while let Some(h) = self.handlers.last().copied() {
            self.unwinds.unwind_to(h.unwind_len);
            self.handlers.pop();
            unregister(&h);
            let Some(value) = takes(&h) else { continue };
            let frame = h.frame.min(self.frames.len().saturating_sub(1));
            self.pop_frames_to(frame + 1);
            self.stack.truncate(h.stack_len);
            self.stack.push(value);
            rt().lisp_eval_depth = h.depth;
            if let Some(f) = self.frames.last_mut() {
                f.pc = h.dest;
            }
            return true;
        }
        false
    }

    #[inline]
    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::NIL)
    }

    #[inline]
    fn top(&self) -> Value {
        self.stack.last().copied().unwrap_or(Value::NIL)
    }

    #[inline]
    fn set_top(&mut self, v: Value) {
        if let Some(t) = self.stack.last_mut() {
            *t = v;
        }
    }

    #[inline]
    fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// The element N below the top (`top[-N]`).
    fn peek(&self, n: usize) -> LResult {
        let len = self.stack.len();
        if n >= len {
            return Err(invalid());
        }
        Ok(self.stack[len - 1 - n])
    }

    /// Removes the top N elements, returning where they started.
    fn discard(&mut self, n: usize) -> LResult<usize> {
        let len = self.stack.len();
        if n > len {
            return Err(invalid());
        }
        Ok(len - n)
    }

    /// The executing loop.  Returns the value of the outermost frame.
    fn execute(&mut self) -> LResult {
        let Some(f) = self.frames.last() else { return Err(invalid()) };
        let (mut code, mut consts, mut pc) = (f.code, f.consts, f.pc);
        macro_rules! fetch {
            () => {{
                let b = *code.string_ref().data.get(pc).ok_or_else(invalid)?;
                pc += 1;
                b as usize
            }};
        }
        macro_rules! fetch2 {
            () => {{
                let lo = fetch!();
                lo | (fetch!() << 8)
            }};
        }
        macro_rules! constant {
            ($i:expr) => {
                *consts.as_vector().and_then(|v| v.get($i)).ok_or_else(invalid)?
            };
        }
        macro_rules! branch {
            ($to:expr) => {{
                let to = $to;
                if to < pc {
                    heap().maybe_gc();
                    crate::runtime::interrupt::poll();
                }
                pc = to;
            }};
        }
        loop {
            let op = fetch!() as u8;
            match op {
                VARREF..=0o17 => {
                    let i = self.operand(op - VARREF, &mut pc, code)?;
                    let s = constant!(i);
                    self.push(varref(s)?);
                }
                VARSET..=0o27 => {
                    let i = self.operand(op - VARSET, &mut pc, code)?;
                    let s = constant!(i);
                    let v = self.pop();
                    varset(s, v)?;
                }
                VARBIND..=0o37 => {
                    let i = self.operand(op - VARBIND, &mut pc, code)?;
                    let s = constant!(i);
                    let v = self.pop();
                    if !s.is_symbol() {
                        return Err(wrong_type(sym::SYMBOLP, s));
                    }
                    let depth = specpdl_depth();
                    specbind(s, v)?;
                    self.unwinds.push_bind(depth);
                }
                CALL..=0o47 => {
                    let n = self.operand(op - CALL, &mut pc, code)?;
                    let fidx = self.discard(n)?.checked_sub(1).ok_or_else(invalid)?;
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = pc;
                    }
                    if self.call(fidx, n)? {
                        let f = self.frames.last().ok_or_else(invalid)?;
                        (code, consts, pc) = (f.code, f.consts, 0);
                    }
                }
                UNBIND..=0o57 => {
                    let n = self.operand(op - UNBIND, &mut pc, code)?;
                    self.unwinds.unbind(n)?;
                }
                POPHANDLER => {
                    if let Some(h) = self.handlers.pop() {
                        unregister(&h);
                    }
                }
                PUSHCONDITIONCASE | PUSHCATCH => {
                    let catch = op == PUSHCATCH;
                    let v = self.pop();
                    let tag = if catch { v } else { condition_spec(v) };
                    let dest = fetch2!();
                    let rt_len = register(catch, tag);
                    self.handlers.push(HandlerEntry {
                        catch,
                        tag,
                        dest,
                        frame: self.frames.len() - 1,
                        stack_len: self.stack.len(),
                        unwind_len: self.unwinds.len(),
                        depth: rt().lisp_eval_depth,
                        rt_len,
                    });
                }
                LISTN => {
                    let n = fetch!();
                    self.list_op(n)?;
                }
                CONCATN | INSERTN => {
                    let n = fetch!();
                    let start = self.discard(n)?;
                    let prim = if op == CONCATN { CONCAT2 } else { INSERT };
                    let v = self.prim(prim, &self.stack[start..])?;
                    self.stack.truncate(start);
                    self.push(v);
                }
                CONSTANT2 => {
                    let i = fetch2!();
                    self.push(constant!(i));
                }
                GOTO => {
                    let to = fetch2!();
                    branch!(to);
                }
                GOTOIFNIL | GOTOIFNONNIL => {
                    let to = fetch2!();
                    let v = self.pop();
                    if v.is_nil() == (op == GOTOIFNIL) {
                        branch!(to);
                    }
                }
                GOTOIFNILELSEPOP | GOTOIFNONNILELSEPOP => {
                    let to = fetch2!();
                    if self.top().is_nil() == (op == GOTOIFNILELSEPOP) {
                        branch!(to);
                    } else {
                        self.pop();
                    }
                }
                RETURN => {
                    let v = self.top();
                    if self.frames.len() <= 1 {
                        return Ok(v);
                    }
                    let Some(done) = self.frames.pop() else { return Err(invalid()) };
                    release_stack(&done);
                    rt().lisp_eval_depth -= 1;
                    self.stack.truncate(done.base);
                    self.push(v);
                    let f = self.frames.last().ok_or_else(invalid)?;
                    (code, consts, pc) = (f.code, f.consts, f.pc);
                }
                STACK_REF..=7 => {
                    let n = match op {
                        6 => fetch!(),
                        7 => fetch2!(),
                        0 => return Err(invalid_opcode(op, pc)),
                        _ => op as usize,
                    };
                    let v = self.peek(n)?;
                    self.push(v);
                }
                STACK_SET | STACK_SET2 => {
                    let n = if op == STACK_SET { fetch!() } else { fetch2!() };
                    let len = self.stack.len();
                    let slot = len.checked_sub(1 + n).ok_or_else(invalid)?;
                    let v = self.pop();
                    if let Some(s) = self.stack.get_mut(slot) {
                        *s = v;
                    }
                }
                DISCARDN => {
                    let mut n = fetch!();
                    if n & 0x80 != 0 {
                        n &= 0x7F;
                        let t = self.top();
                        let len = self.stack.len();
                        let slot = len.checked_sub(1 + n).ok_or_else(invalid)?;
                        self.stack[slot] = t;
                    }
                    let start = self.discard(n)?;
                    self.stack.truncate(start);
                }
                SWITCH => {
                    let table = self.pop();
                    let v = self.pop();
                    let h = table.as_hash_table().ok_or_else(invalid)?;
                    if let Some(to) = h.get(v)? {
                        branch!(to.as_fixnum().filter(|n| *n >= 0).ok_or_else(invalid)? as usize);
                    }
                }
                CONSTANT..=255 => {
                    let v = constant!((op - CONSTANT) as usize);
                    self.push(v);
                }
                _ => self.data_op(op, pc)?,
            }
        }
    }

    /// The opcodes that work on the stack alone (no operand bytes, no
    /// jumps): predicates, list and arithmetic operations, the state-saving
    /// ops and every plain primitive call.  PC is for error messages.
    fn data_op(&mut self, op: u8, pc: usize) -> LResult<()> {
        match op {
            NTH => {
                let list = self.pop();
                let n = self.top();
                let v = match n.as_fixnum().filter(|n| (0..=SMALL_LIST_LEN_MAX).contains(n)) {
                    Some(k) => nth_small(k, list)?,
                    None => self.prim(NTH, &[n, list])?,
                };
                self.set_top(v);
            }
            ELT => {
                let index = self.pop();
                let seq = self.top();
                let v = match index.as_fixnum().filter(|n| seq.is_cons() && (0..=SMALL_LIST_LEN_MAX).contains(n)) {
                    Some(k) => nth_small(k, seq)?,
                    None => self.prim(ELT, &[seq, index])?,
                };
                self.set_top(v);
            }
            SYMBOLP => self.set_top(Value::bool(crate::runtime::symbol_pos::symbolp(self.top()))),
            CONSP => self.set_top(Value::bool(self.top().is_cons())),
            STRINGP => self.set_top(Value::bool(self.top().is_string())),
            LISTP => self.set_top(Value::bool(self.top().is_list())),
            NOT => self.set_top(Value::bool(self.top().is_nil())),
            NUMBERP => self.set_top(Value::bool(self.top().is_number())),
            INTEGERP => self.set_top(Value::bool(self.top().is_integer())),
            EQ => {
                let b = self.pop();
                let a = self.top();
                self.set_top(crate::runtime::symbol_pos::eq_value(a, b));
            }
            CAR | CDR => {
                let x = self.top();
                if x.is_cons() {
                    self.set_top(if op == CAR { x.car() } else { x.cdr() });
                } else if !x.is_nil() {
                    return Err(wrong_type(sym::LISTP, x));
                }
            }
            CAR_SAFE => self.set_top(self.top().car_safe()),
            CDR_SAFE => self.set_top(self.top().cdr_safe()),
            CONS => {
                let b = self.pop();
                let a = self.top();
                self.set_top(cons(a, b));
            }
            LIST1..=LIST4 => self.list_op((op - LIST1 + 1) as usize)?,
            ADD1 | SUB1 => {
                let x = self.top();
                let fast = x.as_fixnum().map(|n| n + if op == ADD1 { 1 } else { -1 }).filter(|r| Value::fixnum_fits(*r));
                let v = match fast {
                    Some(r) => Value::fixnum(r),
                    None => self.prim(op, &[x])?,
                };
                self.set_top(v);
            }
            EQLSIGN | GTR | LSS | LEQ | GEQ | PLUS | DIFF | MULT => {
                let b = self.pop();
                let a = self.top();
                let v = match fixnum_binop(op, a, b) {
                    Some(v) => v,
                    None => self.prim(op, &[a, b])?,
                };
                self.set_top(v);
            }
            DISCARD => {
                self.pop();
            }
            DUP => self.push(self.top()),
            SAVE_EXCURSION => self.unwinds.push_save_excursion(),
            SAVE_CURRENT_BUFFER | SAVE_CURRENT_BUFFER_OBSOLETE => self.unwinds.push_save_current_buffer(),
            SAVE_RESTRICTION => self.unwinds.push_save_restriction(),
            UNWIND_PROTECT => {
                let handler = self.pop();
                self.unwinds.push_protect(handler);
            }
            SAVE_WINDOW_EXCURSION | CATCH | CONDITION_CASE | TEMP_OUTPUT_BUFFER_SETUP | TEMP_OUTPUT_BUFFER_SHOW => {
                self.obsolete_op(op)?;
            }
            SETCAR | SETCDR => {
                let v = self.pop();
                let cell = self.top();
                if !cell.is_cons() {
                    return Err(wrong_type(sym::CONSP, cell));
                }
                if op == SETCAR {
                    cell.cons_ref().car = v;
                } else {
                    cell.cons_ref().cdr = v;
                }
                self.set_top(v);
            }
            _ => {
                let Some((_, nargs)) = primitives().entries[op as usize] else {
                    return Err(invalid_opcode(op, pc));
                };
                let nargs = nargs as usize;
                let start = self.discard(nargs)?;
                let mut args = [Value::NIL; 4];
                args[..nargs].copy_from_slice(&self.stack[start..]);
                let v = self.prim(op, &args[..nargs])?;
                self.stack.truncate(start);
                self.push(v);
            }
        }
        Ok(())
    }

    /// The operand of a varref/varset/varbind/call/unbind family member:
    /// K itself for 0-5, the next byte for 6, the next two for 7.
    #[inline]
    fn operand(&self, k: u8, pc: &mut usize, code: Value) -> LResult<usize> {
        let data = &code.string_ref().data;
        let byte = |i: usize| data.get(i).copied().map(usize::from).ok_or_else(invalid);
        match k {
            6 => {
                let b = byte(*pc)?;
                *pc += 1;
                Ok(b)
            }
            7 => {
                let v = byte(*pc)? | (byte(*pc + 1)? << 8);
                *pc += 2;
                Ok(v)
            }
            _ => Ok(k as usize),
        }
    }

    /// `list1`..`list4` and `listN`: the top N elements become one list.
    fn list_op(&mut self, n: usize) -> LResult<()> {
        let start = self.discard(n)?;
        let l = list(&self.stack[start..]);
        self.stack.truncate(start);
        self.push(l);
        Ok(())
    }

    /// Calls the primitive of opcode OP with ARGS.
    fn prim(&self, op: u8, args: &[Value]) -> LResult {
        match primitives().entries[op as usize] {
            Some((Primitive::Subr(def), _)) => {
                let n = args.len();
                let fits = n >= def.min_args as usize && (def.max_args < 0 || n <= def.max_args as usize);
                // The name is only needed for an arity error.
                let who = if fits { Value::NIL } else { intern(def.name) };
                call_subr(def, who, args)
            }
            Some((Primitive::Named(name), _)) => crate::runtime::funcall(intern(name), args),
            None => Err(invalid()),
        }
    }

    /// The `call` instruction: the function at FIDX, its N arguments above.
    /// A lexical byte-code function gets a new frame in this run (returns
    /// true); anything else is called through the evaluator and its value
    /// replaces the function and arguments on the stack.
    fn call(&mut self, fidx: usize, n: usize) -> LResult<bool> {
        enter_call_depth()?;
        let f = self.stack[fidx];
        crate::runtime::backtrace::record_call_in_stack(f, &self.stack, fidx + 1, n);
        heap().maybe_gc();
        let target = if f.is_symbol() { f.sym().function } else { f };
        if let Some(template) = target.as_byte_code().and_then(|s| s.first().and_then(|a| a.as_fixnum())) {
            self.enter_frame(target, fidx, n, template)?;
            return Ok(true);
        }
        let r = crate::nodes::call::funcall_value(f, &self.stack[fidx + 1..]);
        rt().lisp_eval_depth -= 1;
        let v = r?;
        self.stack.truncate(fidx);
        self.push(v);
        Ok(false)
    }
}

/// `nth` and `elt` on a list with a small index, as the opcodes do it: an
/// improper tail reached is reported itself (not the whole list).
fn nth_small(k: i64, list: Value) -> LResult {
    list.nth_element(k).map_err(|tail| wrong_type(sym::LISTP, tail))
}

/// The fixnum fast paths of the arithmetic and comparison opcodes (None
/// when an operand is not a fixnum or the result overflows).
#[inline]
fn fixnum_binop(op: u8, a: Value, b: Value) -> Option<Value> {
    let (x, y) = (a.as_fixnum()?, b.as_fixnum()?);
    let r = match op {
        EQLSIGN => return Some(Value::bool(x == y)),
        GTR => return Some(Value::bool(x > y)),
        LSS => return Some(Value::bool(x < y)),
        LEQ => return Some(Value::bool(x <= y)),
        GEQ => return Some(Value::bool(x >= y)),
        PLUS => x.checked_add(y)?,
        DIFF => x.checked_sub(y)?,
        MULT => x.checked_mul(y)?,
        _ => return None,
    };
    Value::fixnum_fits(r).then(|| Value::fixnum(r))
}

/// `varref`: the symbol's value (`symbol-value`).
#[inline]
fn varref(s: Value) -> LResult {
    if !s.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, s));
    }
    symbol_value(s)
}

/// `varset`: `set`.
fn varset(s: Value, v: Value) -> LResult<()> {
    if !s.is_symbol() {
        return Err(wrong_type(sym::SYMBOLP, s));
    }
    set_variable(s, v)
}

/// Counts the `call` instruction's level of `lisp-eval-depth`, with the
/// error bytecode.c signals there, and refuses to go on when the native
/// stack is nearly exhausted (as the evaluator's depth check does).
fn enter_call_depth() -> LResult<()> {
    crate::runtime::interrupt::poll();
    let r = rt();
    r.lisp_eval_depth += 1;
    let limit = sym::MAX_LISP_EVAL_DEPTH.sym().value.as_fixnum().unwrap_or(1600);
    if r.lisp_eval_depth > limit {
        if limit < 100 {
            let _ = set_variable(sym::MAX_LISP_EVAL_DEPTH, Value::fixnum(100));
        }
        if r.lisp_eval_depth > limit.max(100) {
            return Err(error("Lisp nesting exceeds ‘max-lisp-eval-depth’"));
        }
    }
    if crate::runtime::stack_exhausted() {
        return Err(signal(sym::EXCESSIVE_LISP_NESTING, crate::runtime::alloc::list1(Value::fixnum(r.lisp_eval_depth))));
    }
    Ok(())
}

/// `Invalid byte opcode: op=OP, ptr=OFFSET`.
fn invalid_opcode(op: u8, pc: usize) -> crate::runtime::error::Flow {
    error(&format!("Invalid byte opcode: op={op}, ptr={}", pc.saturating_sub(1)))
}

impl Run {
    /// The opcodes the compiler stopped emitting (Emacs 24-25) but old
    /// `.elc` files contain: `catch` and `condition-case` with the body as a
    /// form evaluated with dynamic binding, `save-window-excursion`, and the
    /// `with-output-to-temp-buffer` pair.
    fn obsolete_op(&mut self, op: u8) -> LResult<()> {
        match op {
            CATCH => {
                let body = self.pop();
                let tag = self.top();
                let v = crate::nodes::control::catch_value(tag, || crate::runtime::eval(body, Value::NIL))?;
                self.set_top(v);
            }
            CONDITION_CASE => {
                let handlers = self.pop();
                let body = self.pop();
                let var = self.top();
                let form = cons(sym::CONDITION_CASE, cons(var, cons(body, handlers)));
                let v = crate::runtime::eval(form, Value::NIL)?;
                self.set_top(v);
            }
            SAVE_WINDOW_EXCURSION => {
                let body = self.top();
                let config = crate::runtime::funcall(intern("current-window-configuration"), &[Value::NIL])?;
                let roots = RootedVec::from_list(cons(config, body));
                let mut r = Ok(Value::NIL);
                for form in roots[1..].iter() {
                    r = crate::runtime::eval(*form, Value::NIL);
                    if r.is_err() {
                        break;
                    }
                }
                let saved = crate::runtime::error::pending();
                crate::runtime::funcall(intern("set-window-configuration"), &[config])?;
                match r {
                    Ok(v) => self.set_top(v),
                    Err(_) => return Err(saved.restore()),
                }
            }
            TEMP_OUTPUT_BUFFER_SETUP => {
                let name = self.top();
                let v = super::temp_output::setup(name, &mut self.unwinds)?;
                self.set_top(v);
            }
            _ => {
                let v = self.pop();
                super::temp_output::show(self.top())?;
                self.set_top(v);
                self.unwinds.unbind(1)?;
            }
        }
        Ok(())
    }
}
