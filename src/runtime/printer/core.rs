//! The printing machine, a transcription of Emacs 30's iterative
//! `print_object`: containers push an entry on an explicit stack (rest of a
//! list, of a vector, of a hash table's data...) and the loop alternates
//! between printing one object ("print_obj") and resuming the innermost
//! entry ("next_obj").  Without `print-circle`, an object already being
//! printed prints as `#N` (its depth) and nesting deeper than 200 signals
//! "Apparently circular structure being printed"; a circular list tail is
//! caught by Brent's cycle detection and printed as `. #N)`.  With
//! `print-circle`, shared objects get `#N=` / `#N#` labels.

use super::super::equality::closure_slots;
use super::super::error::{error, LResult};
use super::super::heap::RootedVec;
use super::super::object::Obj;
use super::super::specpdl::{set_variable, specbind, specpdl_depth, unbind_to, value_cell};
use super::super::sym;
use super::super::value::Value;
use super::atoms::{self, print_bool_vector, print_fixnum, print_string, print_string_escaped, print_symbol};
use super::chartab::{self, Item};
use super::circle;
use super::{functionp, print_syms, Opts, Out};

/// Emacs's PRINT_CIRCLE: the nesting depth taken as a sign of circularity.
const MAX_DEPTH: usize = 200;

enum Src {
    /// A vector or record, read as it is when each element is printed.
    Live(Value),
    Owned(Vec<Value>),
    Chartab(Vec<Item>),
}

enum Entry {
    List { last: Value, maxlen: i64, tortoise: Value, n: i64, m: i64, tortoise_idx: i64, roots: usize },
    Rbrac,
    Items { src: Src, start: usize, size: usize, idx: usize, end: &'static str, truncated: bool, roots: usize },
    Hash { entries: Vec<(Value, Value)>, nobjs: usize, printed: usize, truncated: bool, roots: usize },
    Backquote,
    Comma,
    Props { intervals: Vec<(Value, Value, Value)>, idx: usize, roots: usize },
}

enum Step {
    /// Print this object next.
    Obj(Value),
    /// Resume the innermost stack entry.
    Next,
}

struct Printer<'o, 'a> {
    out: &'o mut Out<'a>,
    opts: Opts,
    escape: bool,
    depth: usize,
    being_printed: [Value; MAX_DEPTH],
    backquote: i64,
    stack: Vec<Entry>,
    table: Value,
    /// Keeps the objects the stack refers to alive while Lisp code runs
    /// (a function stream, `print-unreadable-function`).
    roots: Option<RootedVec>,
}

/// Emacs's `print`: prints OBJ to OUT (prin1 style when ESCAPE), setting up
/// `print-number-table` for `print-circle`.
pub fn print(obj: Value, escape: bool, out: &mut Out) -> LResult<()> {
    let opts = Opts::from_vars(matches!(out, Out::Buf(_)));
    print_with_opts(obj, escape, out, opts)
}

pub fn print_with_opts(obj: Value, escape: bool, out: &mut Out, opts: Opts) -> LResult<()> {
    let number_table = print_syms().number_table;
    let mut table = value_cell(number_table);
    if !opts.continuous || table.is_nil() || table == Value::UNBOUND {
        circle::reset_index();
        table = Value::NIL;
        let _ = set_variable(number_table, Value::NIL);
    }
    if opts.circle {
        let before = table;
        table = circle::preprocess(obj, table, &opts)?;
        if table != before {
            let _ = set_variable(number_table, table);
        }
        circle::prune(table)?;
    }
    let track = out.calls_lisp() || !opts.unreadable_fn.is_nil();
    let mut p = Printer {
        out,
        opts,
        escape,
        depth: 0,
        being_printed: [Value::NIL; MAX_DEPTH],
        backquote: 0,
        stack: Vec::new(),
        table,
        roots: track.then(RootedVec::new),
    };
    p.root(obj);
    p.root(table);
    p.run(obj)
}

impl Printer<'_, '_> {
    fn root(&mut self, v: Value) {
        if let Some(r) = self.roots.as_mut() {
            r.push(v);
        }
    }
    fn root_mark(&self) -> usize {
        self.roots.as_ref().map_or(0, |r| r.len())
    }
    fn pop_entry(&mut self) {
        let mark = match self.stack.pop() {
            Some(Entry::List { roots, .. } | Entry::Items { roots, .. } | Entry::Hash { roots, .. } | Entry::Props { roots, .. }) => roots,
            _ => return,
        };
        if let Some(r) = self.roots.as_mut() {
            r.truncate(mark);
        }
    }

    fn run(&mut self, obj: Value) -> LResult<()> {
        let base = self.stack.len();
        let mut obj = obj;
        loop {
            if let Step::Obj(next) = self.print_obj(obj)? {
                obj = next;
                continue;
            }
            match self.next_obj(base)? {
                Some(next) => obj = next,
                None => return Ok(()),
            }
        }
    }

    /// The circularity checks, then one object: a leaf is printed whole, a
    /// container prints its opening and pushes an entry.
    fn print_obj(&mut self, obj: Value) -> LResult<Step> {
        if !self.opts.circle {
            if self.depth >= MAX_DEPTH {
                return Err(error("Apparently circular structure being printed"));
            }
            if let Some(i) = self.being_printed[..self.depth].iter().position(|x| *x == obj) {
                self.out.strout(&format!("#{i}"))?;
                return Ok(Step::Next);
            }
            self.being_printed[self.depth] = obj;
        } else if self.circle_label(obj)? {
            return Ok(Step::Next);
        }
        self.depth += 1;
        let step = self.dispatch(obj)?;
        Ok(step)
    }

    /// `print-circle`'s label for candidate OBJ: prints `#N=` before its
    /// first printing, or the `#N#` (or the string) standing for it; true
    /// when that replaced OBJ altogether.
    fn circle_label(&mut self, obj: Value) -> LResult<bool> {
        if !circle::candidate(obj, &self.opts) {
            return Ok(false);
        }
        let Some(h) = self.table.as_hash_table() else { return Ok(false) };
        let num = h.get(obj)?.unwrap_or(Value::NIL);
        if let Some(n) = num.as_fixnum() {
            if n < 0 {
                self.out.strout(&format!("#{}=", -n))?;
                h.put(obj, Value::fixnum(-n))?;
            } else {
                self.out.strout(&format!("#{n}#"))?;
                return Ok(true);
            }
        } else if num.is_string() {
            let s = num.string_ref();
            self.out.strout_multibyte(&s.data.clone(), s.nchars)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// A symbol with position (print.c's `PVEC_SYMBOL_WITH_POS` case):
    /// `#<symbol NAME at POS>`, or the bare symbol under `print-symbols-bare`,
    /// the symbol and the position each printed by a nested `print_object`.
    fn symbol_with_pos(&mut self, obj: Value, sym: Value, pos: Value) -> LResult<()> {
        if self.unreadable_hook(obj)? {
            return Ok(());
        }
        if self.opts.symbols_bare {
            return self.nested_atom(sym);
        }
        self.out.strout("#<symbol ")?;
        self.nested_atom(sym)?;
        self.out.strout(" at ")?;
        self.nested_atom(pos)?;
        self.out.printchar('>' as u32)
    }

    /// A symbol or fixnum printed by a nested `print_object` inside a leaf:
    /// the depth and `print-circle` checks, then the atom.
    fn nested_atom(&mut self, v: Value) -> LResult<()> {
        if !self.opts.circle {
            if self.depth >= MAX_DEPTH {
                return Err(error("Apparently circular structure being printed"));
            }
        } else if self.circle_label(v)? {
            return Ok(());
        }
        match v.as_fixnum() {
            Some(i) => print_fixnum(i, self.escape, self.out, &self.opts),
            None => print_symbol(v, self.escape, self.out, &self.opts),
        }
    }

    /// Finishes a leaf: back out of its depth level.
    fn leaf(&mut self) -> Step {
        self.depth -= 1;
        Step::Next
    }

    fn dispatch(&mut self, obj: Value) -> LResult<Step> {
        if let Some(i) = obj.as_fixnum() {
            print_fixnum(i, self.escape, self.out, &self.opts)?;
            return Ok(self.leaf());
        }
        if obj.is_float() {
            let s = atoms::float_to_string_with_format(obj.float_value(), self.opts.float_format);
            self.out.strout(&s)?;
            return Ok(self.leaf());
        }
        if obj.is_symbol() {
            print_symbol(obj, self.escape, self.out, &self.opts)?;
            return Ok(self.leaf());
        }
        if obj.is_string() {
            return self.string(obj);
        }
        if obj.is_cons() {
            return self.cons(obj);
        }
        if obj.is_obj() {
            return self.vectorlike(obj);
        }
        self.out.strout("#<unknown>")?;
        Ok(self.leaf())
    }

    fn string(&mut self, obj: Value) -> LResult<Step> {
        if !self.escape {
            print_string(obj, self.out, &self.opts)?;
            return Ok(self.leaf());
        }
        let intervals = atoms::printed_intervals(obj, &self.opts);
        if intervals.is_empty() {
            print_string_escaped(obj, self.out, &self.opts)?;
            return Ok(self.leaf());
        }
        self.out.strout("#(")?;
        print_string_escaped(obj, self.out, &self.opts)?;
        let roots = self.root_mark();
        for (a, b, p) in &intervals {
            for v in [*a, *b, *p] {
                self.root(v);
            }
        }
        self.stack.push(Entry::Props { intervals, idx: 0, roots });
        Ok(Step::Next)
    }

    fn cons(&mut self, obj: Value) -> LResult<Step> {
        if let Some(level) = self.opts.level {
            if self.depth as i64 > level {
                self.out.strout("...")?;
                return Ok(self.leaf());
            }
        }
        let (head, cdr) = (obj.car(), obj.cdr());
        let pair = self.opts.quoted && cdr.is_cons() && cdr.cdr().is_nil();
        if pair && head == sym::QUOTE {
            self.out.printchar('\'' as u32)?;
            self.depth -= 1;
            return Ok(Step::Obj(cdr.car()));
        }
        if pair && head == sym::FUNCTION {
            self.out.strout("#'")?;
            self.depth -= 1;
            return Ok(Step::Obj(cdr.car()));
        }
        if pair && head == sym::BACKQUOTE_SYM {
            self.out.printchar('`' as u32)?;
            self.backquote += 1;
            self.stack.push(Entry::Backquote);
            return Ok(Step::Obj(cdr.car()));
        }
        if pair && (head == sym::COMMA || head == sym::COMMA_AT) && self.backquote > 0 {
            // The comma symbol is printed by a nested print_object without escapes.
            if !self.opts.circle && self.depth >= MAX_DEPTH {
                return Err(error("Apparently circular structure being printed"));
            }
            print_symbol(head, false, self.out, &self.opts)?;
            self.backquote -= 1;
            self.stack.push(Entry::Comma);
            return Ok(Step::Obj(cdr.car()));
        }
        self.out.printchar('(' as u32)?;
        let maxlen = self.opts.length.unwrap_or(i64::MAX);
        if maxlen == 0 {
            self.out.strout("...)")?;
            return Ok(self.leaf());
        }
        let roots = self.root_mark();
        self.root(obj);
        self.stack.push(Entry::List { last: obj, maxlen, tortoise: obj, n: 2, m: 2, tortoise_idx: 0, roots });
        Ok(Step::Obj(head))
    }

    fn push_items(&mut self, lbrac: &str, end: &'static str, src: Src, start: usize, size: usize) -> LResult<()> {
        self.out.strout(lbrac)?;
        let shown = match self.opts.length {
            Some(l) if (l as usize) < size => l as usize,
            _ => size,
        };
        let roots = self.root_mark();
        match &src {
            Src::Live(v) => self.root(*v),
            Src::Owned(items) => {
                if let Some(r) = self.roots.as_mut() {
                    r.extend_from_slice(items);
                }
            }
            Src::Chartab(items) => {
                if let Some(roots) = self.roots.as_mut() {
                    let mut vals = Vec::new();
                    items.iter().for_each(|it| collect_items(it, &mut vals));
                    roots.extend_from_slice(&vals);
                }
            }
        }
        self.stack.push(Entry::Items { src, start, size: shown, idx: start, end, truncated: shown < size, roots });
        Ok(())
    }

    fn vectorlike(&mut self, obj: Value) -> LResult<Step> {
        match obj.obj_ref() {
            Obj::Vector(v) => {
                let n = v.len();
                self.push_items("[", "]", Src::Live(obj), 0, n)?;
            }
            Obj::Record(v) => {
                let n = v.len();
                self.push_items("#s(", ")", Src::Live(obj), 0, n)?;
            }
            Obj::ByteCode(v) => {
                let n = v.len();
                self.push_items("#[", "]", Src::Live(obj), 0, n)?;
            }
            Obj::Closure(_) => {
                let slots = closure_slots(obj);
                let n = slots.len();
                self.push_items("#[", "]", Src::Owned(slots), 0, n)?;
            }
            Obj::CharTable(_) => {
                let items = chartab::layout(obj);
                let n = items.len();
                self.push_items("#^[", "]", Src::Chartab(items), 0, n)?;
            }
            Obj::HashTable(_) => return self.hash_table(obj),
            Obj::Bignum(b) => {
                let s = b.to_string();
                self.out.strout(&s)?;
                return Ok(self.leaf());
            }
            Obj::BoolVector(bits) => {
                print_bool_vector(bits, self.out, &self.opts)?;
                return Ok(self.leaf());
            }
            Obj::Subr(_) | Obj::Host(_) | Obj::Frame(_) | Obj::Finalizer(_) | Obj::Obarray(_) => {
                self.unreadable(obj)?;
                return Ok(self.leaf());
            }
            Obj::SymbolWithPos { sym, pos } => {
                let (sym, pos) = (*sym, *pos);
                self.symbol_with_pos(obj, sym, pos)?;
                return Ok(self.leaf());
            }
        }
        Ok(Step::Next)
    }

    fn hash_table(&mut self, obj: Value) -> LResult<Step> {
        let h = obj.as_hash_table().expect("hash table");
        self.out.strout("#s(hash-table")?;
        let test = match h.test {
            super::super::hashtable::HashTest::Eq => Some(sym::EQ),
            super::super::hashtable::HashTest::Eql => None,
            super::super::hashtable::HashTest::Equal => Some(sym::EQUAL),
            super::super::hashtable::HashTest::User => Some(h.user_test[0]),
        };
        if let Some(t) = test {
            self.out.strout(" test ")?;
            self.print_nested_atom(t)?;
        }
        if !h.weakness.is_nil() {
            self.out.strout(" weakness ")?;
            self.print_nested_atom(h.weakness)?;
        }
        if h.purecopy {
            self.out.strout(" purecopy t")?;
        }
        let entries = h.entries();
        let count = entries.len();
        if count == 0 {
            self.out.printchar(')' as u32)?;
            return Ok(self.leaf());
        }
        self.out.strout(" data (")?;
        let size = match self.opts.length {
            Some(l) if (l as usize) < count => l as usize,
            _ => count,
        };
        let roots = self.root_mark();
        if let Some(r) = self.roots.as_mut() {
            for (k, v) in &entries {
                r.push(*k);
                r.push(*v);
            }
        }
        self.stack.push(Entry::Hash { entries, nobjs: size * 2, printed: 0, truncated: size < count, roots });
        Ok(Step::Next)
    }

    /// A symbol printed by a nested `print_object` (a hash table's test).
    fn print_nested_atom(&mut self, v: Value) -> LResult<()> {
        if v.is_symbol() {
            print_symbol(v, self.escape, self.out, &self.opts)
        } else if let Some(i) = v.as_fixnum() {
            print_fixnum(i, self.escape, self.out, &self.opts)
        } else {
            let s = super::prin1_to_string_lossy(v);
            self.out.strout(&s)
        }
    }

    /// Objects without read syntax: `print-unreadable-function`, else `#<...>`.
    fn unreadable(&mut self, obj: Value) -> LResult<()> {
        if self.unreadable_hook(obj)? {
            return Ok(());
        }
        self.unreadable_default(obj)
    }

    /// Calls `print-unreadable-function` (if it is a function) on OBJ:
    /// true when its result replaced OBJ's printed form.
    fn unreadable_hook(&mut self, obj: Value) -> LResult<bool> {
        let f = self.opts.unreadable_fn;
        if !f.is_nil() && functionp(f) {
            let count = specpdl_depth();
            let mut r = specbind(sym::PRINT_UNREADABLE_FUNCTION, Value::NIL);
            if r.is_ok() && self.opts.forced_nonascii {
                r = specbind(sym::PRINT_ESCAPE_NONASCII, Value::T);
            }
            if r.is_ok() && self.out.is_buf() {
                // `prin1-to-string' (and `format''s %S) bind it around printing.
                r = specbind(super::super::symbol::intern("inhibit-modification-hooks"), Value::T);
            }
            let escape = Value::bool(self.escape);
            let call = || r.and_then(|_| call_unreadable_function(f, obj, escape));
            let result = match self.out.print_buffer() {
                Some(b) => super::printbuf::suspended(b, call),
                None => call(),
            };
            unbind_to(count);
            let result = result?;
            if !result.is_nil() {
                if result.is_string() {
                    print_string(result, self.out, &self.opts)?;
                }
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The `#<...>` text of an object without read syntax.
    fn unreadable_default(&mut self, obj: Value) -> LResult<()> {
        match obj.obj_ref() {
            Obj::Subr(s) => {
                self.out.strout("#<subr ")?;
                self.out.strout(s.name)?;
                self.out.printchar('>' as u32)
            }
            Obj::Host(h) => {
                let text = h.print();
                let kind = h.type_name();
                let prefix = format!("#<{kind} ");
                let shown = if !self.escape && (kind == "buffer" || kind == "process") && text.starts_with(&prefix) {
                    text[prefix.len()..].strip_suffix('>').unwrap_or(&text[prefix.len()..]).to_string()
                } else {
                    text
                };
                self.out.strout(&shown)
            }
            Obj::Finalizer(f) => self.out.strout(if f.function.is_nil() { "#<finalizer used>" } else { "#<finalizer>" }),
            Obj::Obarray(_) => self.out.strout(&format!("#<obarray n={}>", super::super::reader::obarray_count(obj))),
            _ => self.out.strout("#<frame>"),
        }
    }

    /// Resumes the innermost entry: returns the next object to print, or
    /// None when everything above BASE is done.
    fn next_obj(&mut self, base: usize) -> LResult<Option<Value>> {
        loop {
            if self.stack.len() <= base {
                return Ok(None);
            }
            let len = self.stack.len();
            let resume = match &mut self.stack[len - 1] {
                Entry::Rbrac => {
                    self.out.printchar(')' as u32)?;
                    None
                }
                Entry::Backquote => {
                    self.backquote -= 1;
                    None
                }
                Entry::Comma => {
                    self.backquote += 1;
                    None
                }
                Entry::List { .. } => match self.next_in_list()? {
                    Some(v) => return Ok(Some(v)),
                    None => continue,
                },
                Entry::Items { .. } => match self.next_item()? {
                    Some(v) => return Ok(Some(v)),
                    None => continue,
                },
                Entry::Hash { entries, nobjs, printed, truncated, .. } => {
                    if *printed >= *nobjs {
                        if *truncated {
                            if *printed > 0 {
                                self.out.printchar(' ' as u32)?;
                            }
                            self.out.strout("...")?;
                        }
                        self.out.strout("))")?;
                        None
                    } else {
                        if *printed > 0 {
                            self.out.printchar(' ' as u32)?;
                        }
                        let (k, v) = entries.get(*printed / 2).copied().unwrap_or((Value::NIL, Value::NIL));
                        let next = if *printed % 2 == 0 { k } else { v };
                        *printed += 1;
                        Some(next)
                    }
                }
                Entry::Props { intervals, idx, .. } => {
                    if *idx >= intervals.len() {
                        self.out.printchar(')' as u32)?;
                        None
                    } else {
                        let (a, b, p) = intervals[*idx];
                        *idx += 1;
                        self.out.printchar(' ' as u32)?;
                        self.print_position(a)?;
                        self.out.printchar(' ' as u32)?;
                        self.print_position(b)?;
                        self.out.printchar(' ' as u32)?;
                        Some(p)
                    }
                }
            };
            if let Some(v) = resume {
                return Ok(Some(v));
            }
            self.pop_entry();
            self.depth -= 1;
        }
    }

    fn print_position(&mut self, v: Value) -> LResult<()> {
        match v.as_fixnum() {
            Some(i) => print_fixnum(i, true, self.out, &self.opts),
            None => self.print_nested_atom(v),
        }
    }

    /// After "(" ELEM (" " ELEM)*: the next element, " . " TAIL, `. #N)`
    /// for a cycle, "...)" past `print-length`, or ")".
    fn next_in_list(&mut self) -> LResult<Option<Value>> {
        let len = self.stack.len();
        let Entry::List { last, maxlen, tortoise, n, m, tortoise_idx, .. } = &mut self.stack[len - 1] else {
            return Ok(None);
        };
        let next = last.cdr();
        if next.is_nil() {
            self.out.printchar(')' as u32)?;
            self.pop_entry();
            self.depth -= 1;
            return Ok(None);
        }
        if !next.is_cons() {
            self.out.strout(" . ")?;
            self.stack[len - 1] = Entry::Rbrac;
            self.trim_roots_for_rbrac(len - 1, next);
            return Ok(Some(next));
        }
        if self.opts.circle {
            if let Some(h) = self.table.as_hash_table() {
                let num = h.get(next)?.unwrap_or(Value::NIL);
                if !(num.is_nil() || num.is_t()) {
                    self.out.strout(" . ")?;
                    self.stack[len - 1] = Entry::Rbrac;
                    self.trim_roots_for_rbrac(len - 1, next);
                    return Ok(Some(next));
                }
            }
        }
        self.out.printchar(' ' as u32)?;
        *maxlen -= 1;
        if *maxlen <= 0 {
            self.out.strout("...)")?;
            self.pop_entry();
            self.depth -= 1;
            return Ok(None);
        }
        *last = next;
        *n -= 1;
        if *n == 0 {
            *tortoise_idx += *m;
            *m <<= 1;
            *n = *m;
            *tortoise = next;
        } else if next == *tortoise {
            let s = format!(". #{})", tortoise_idx);
            self.out.strout(&s)?;
            self.pop_entry();
            self.depth -= 1;
            return Ok(None);
        }
        self.root(next);
        Ok(Some(next.car()))
    }

    /// A list entry turned into ")": its roots go, the dotted tail stays.
    fn trim_roots_for_rbrac(&mut self, _at: usize, tail: Value) {
        // The Rbrac entry owns no roots; keep TAIL alive until it is printed
        // (the enclosing entry's roots are below this mark).
        self.root(tail);
    }

    fn next_item(&mut self) -> LResult<Option<Value>> {
        let len = self.stack.len();
        let Entry::Items { src, start, size, idx, end, truncated, .. } = &mut self.stack[len - 1] else {
            return Ok(None);
        };
        if *idx >= *size {
            if *truncated {
                if *idx > 0 {
                    self.out.printchar(' ' as u32)?;
                }
                self.out.strout("...")?;
            }
            let end: &str = end;
            self.out.strout(end)?;
            self.pop_entry();
            self.depth -= 1;
            return Ok(None);
        }
        if *idx > 0 {
            self.out.printchar(' ' as u32)?;
        }
        let i = *idx - *start;
        *idx += 1;
        let item = match src {
            Src::Live(v) => {
                let items = v.as_vector().or_else(|| v.as_record()).or_else(|| v.as_byte_code());
                Item::V(items.and_then(|x| x.get(i).copied()).unwrap_or(Value::NIL))
            }
            Src::Owned(items) => Item::V(items.get(i).copied().unwrap_or(Value::NIL)),
            Src::Chartab(items) => items.get(i).cloned().unwrap_or(Item::V(Value::NIL)),
        };
        match item {
            Item::V(v) => Ok(Some(v)),
            Item::Sub(sub) => {
                self.sub_char_table(sub)?;
                Ok(None)
            }
        }
    }

    /// `#^^[DEPTH MIN-CHAR ...]`: a sub-char-table, printed in place.
    fn sub_char_table(&mut self, sub: chartab::SubTable) -> LResult<()> {
        if !self.opts.circle {
            if self.depth >= MAX_DEPTH {
                return Err(error("Apparently circular structure being printed"));
            }
            // The sub-table has no Lisp identity here: a marker no element equals.
            self.being_printed[self.depth] = Value::UNBOUND;
        }
        self.depth += 1;
        self.out.strout("#^^[")?;
        self.out.strout(&format!("{} {}", sub.depth, sub.min_char))?;
        let n = sub.items.len();
        self.push_items("", "]", Src::Chartab(sub.items), 1, n + 1)
    }
}

fn collect_items(it: &Item, out: &mut Vec<Value>) {
    match it {
        Item::V(v) => out.push(*v),
        Item::Sub(s) => s.items.iter().for_each(|x| collect_items(x, out)),
    }
}

/// Calls `print-unreadable-function` F on OBJ in the buffer that was
/// current when printing began (`print--unreadable-callback-buffer`, when
/// live), as print.c's `print_vectorlike_unreadable` does; the buffer
/// current before the call is current again afterwards, if live.
fn call_unreadable_function(f: Value, obj: Value, escape: Value) -> LResult<Value> {
    use super::super::buffer::{as_buffer, current_buffer, set_buffer};
    let live = |b: Value| as_buffer(b).is_some_and(|b| b.live());
    let callback_buffer = value_cell(super::print_syms().unreadable_callback_buffer);
    if callback_buffer == Value::UNBOUND || callback_buffer.is_nil() || !live(callback_buffer) {
        return super::super::funcall(f, &[obj, escape]);
    }
    let old = current_buffer();
    set_buffer(callback_buffer);
    let r = super::super::funcall(f, &[obj, escape]);
    if live(old) {
        set_buffer(old);
    }
    std::hint::black_box(old);
    r
}
