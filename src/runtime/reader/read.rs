//! The reader proper: lread.c's `read0` as an explicit-stack machine, so that
//! nesting depth is bounded only by memory.  A `Ctx` holds one top-level read's
//! state: the character source, the stack of open constructs (whose Lisp
//! values live in a `RootedVec`, since reading from a function stream calls
//! into Lisp), the `#N=` tables, and for `read-positioning-symbols` whether
//! symbols are read with their position (`locate_syms`) and the count of
//! characters read (`readchar_offset`) those positions come from.

use super::source::{char_count, display_column, LineCache, Source};
use crate::runtime::alloc::{cons, list1, list2, list3};
use crate::runtime::error::{signal, Flow, LResult};
use crate::runtime::heap::RootedVec;
use crate::runtime::object::make_vector;
use crate::runtime::specpdl::value_cell;
use crate::runtime::string::{count_chars, make_string, LispString};
use crate::runtime::sym;
use crate::runtime::symbol::{intern, make_symbol};
use crate::runtime::value::Value;
use std::collections::{HashMap, HashSet};

pub const NO_BREAK_SPACE: i64 = 0xA0;

/// The syntactic context an object read next goes into (lread.c's `read_entry_type`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// "(" with nothing read yet.
    ListStart,
    /// "(" OBJECT...: vals[base] is the head cons, vals[base+1] the tail.
    List,
    /// "(" OBJECT... "." : the cdr comes next.
    ListDot,
    /// "[", "#s(", "#^[", "#^^[", "#[", "#(": elements are vals[base..].
    Vector,
    Record,
    CharTable,
    SubCharTable,
    ByteCode,
    StringProps,
    /// "'", "#'", "`", ",", ",@": wrap the next object as (SYMBOL OBJECT).
    Special(Value),
    /// "#N=": vals[base] is the placeholder.
    Numbered(i64),
}

#[derive(Clone, Copy)]
struct Frame {
    kind: Kind,
    base: usize,
    /// `locate` when the construct was opened (restored when it closes).
    old_locate: bool,
}

/// What reading one token produced.
pub enum Step {
    Obj(Value),
    /// A construct was opened (or input skipped): read the next token.
    Continue,
}

pub struct Ctx {
    pub src: Source,
    /// Errors carry line and column, as reads from a buffer do.
    pub file_mode: bool,
    stack: Vec<Frame>,
    vals: RootedVec,
    /// `#N=` numbers: index into `nvals` of the placeholder or object.
    numbered: HashMap<i64, usize>,
    /// Roots the `#N=` objects (and everything in `completed`).
    nvals: RootedVec,
    /// Objects made by `#N=` that may be entry points of cycles.
    pub completed: HashSet<u64>,
    /// Sub-char-tables read so far (as vectors): (depth, min char).
    pub subtables: HashMap<u64, (usize, i64)>,
    pub lines: LineCache,
    /// lread.c's `locate_syms`: symbols read become symbols with position
    /// (off inside `#s(`, `#(`, `#[`, `#^[` and `#^^[`).
    pub locate: bool,
    /// lread.c's `readchar_offset`: up by one for each character read
    /// (end of input included), down by one for each unread.
    pub offset: i64,
}

impl Ctx {
    pub fn new(src: Source, file_mode: bool) -> Ctx {
        Ctx {
            src,
            file_mode,
            stack: Vec::new(),
            vals: RootedVec::new(),
            numbered: HashMap::new(),
            nvals: RootedVec::new(),
            completed: HashSet::new(),
            subtables: HashMap::new(),
            lines: LineCache::default(),
            locate: false,
            offset: 0,
        }
    }

    /// Forgets the `#N=` labels (each top-level read starts afresh).
    pub fn reset_labels(&mut self) {
        self.numbered.clear();
        self.nvals.clear();
        self.completed.clear();
        self.subtables.clear();
    }

    #[inline]
    pub fn readchar(&mut self) -> LResult<i64> {
        self.offset += 1;
        self.src.readchar()
    }
    #[inline]
    pub fn unread(&mut self, c: i64) -> LResult<()> {
        self.offset -= 1;
        self.src.unread(c)
    }

    /// `(end-of-file)`, or `(end-of-file FILE)` while loading FILE.
    pub fn eof(&self) -> Flow {
        let f = value_cell(intern("load-true-file-name"));
        if f.is_string() {
            signal(sym::END_OF_FILE, list1(f))
        } else {
            signal(sym::END_OF_FILE, Value::NIL)
        }
    }

    /// `(invalid-read-syntax MSG)`, with LINE and COLUMN when reading a file.
    pub fn invalid(&mut self, msg: Value) -> Flow {
        if self.file_mode {
            if let Source::Str(s) = &self.src {
                let text = s.consumed();
                let (line, start) = self.lines.locate(text, text.len());
                let col = display_column(&text[start..], s.multibyte);
                return signal(sym::INVALID_READ_SYNTAX, list3(msg, Value::fixnum(line as i64), Value::fixnum(col as i64)));
            }
        }
        signal(sym::INVALID_READ_SYNTAX, list1(msg))
    }
    pub fn invalid_str(&mut self, msg: &str) -> Flow {
        self.invalid(make_string(msg))
    }

    /// Skips whitespace and comments, then leaves the next character unread
    /// (end of input is an error here).
    pub fn skip_space_and_comments(&mut self) -> LResult<()> {
        loop {
            let mut c = self.readchar()?;
            if c == ';' as i64 {
                while c >= 0 && c != '\n' as i64 {
                    c = self.readchar()?;
                }
            }
            if c < 0 {
                return Err(self.eof());
            }
            if !(c <= 32 || c == NO_BREAK_SPACE) {
                return self.unread(c);
            }
        }
    }

    fn push(&mut self, kind: Kind) {
        self.stack.push(Frame { kind, base: self.vals.len(), old_locate: self.locate });
        if matches!(kind, Kind::Record | Kind::CharTable | Kind::SubCharTable | Kind::ByteCode | Kind::StringProps) {
            self.locate = false;
        }
    }
    fn pop(&mut self) {
        if let Some(f) = self.stack.pop() {
            self.vals.truncate(f.base);
            self.locate = f.old_locate;
        }
    }
    fn top(&self, base_sp: usize) -> Option<Frame> {
        if self.stack.len() > base_sp {
            self.stack.last().copied()
        } else {
            None
        }
    }

    /// Reads one object (lread.c `read0`).
    pub fn read0(&mut self) -> LResult<Value> {
        let base_sp = self.stack.len();
        let r = self.read0_loop(base_sp);
        while self.stack.len() > base_sp {
            self.pop();
        }
        r
    }

    fn read0_loop(&mut self, base_sp: usize) -> LResult<Value> {
        loop {
            let c = self.readchar()?;
            if c < 0 {
                return Err(self.eof());
            }
            if let Step::Obj(obj) = self.dispatch(c, base_sp)? {
                if let Some(v) = self.deliver(obj, base_sp)? {
                    return Ok(v);
                }
            }
        }
    }

    fn dispatch(&mut self, c: i64, base_sp: usize) -> LResult<Step> {
        let multibyte = self.src.multibyte();
        let ch = if (0..128).contains(&c) { c as u8 } else { 0 };
        match ch {
            b'(' => {
                self.push(Kind::ListStart);
                Ok(Step::Continue)
            }
            b')' => self.close_paren(base_sp).map(Step::Obj),
            b'[' => {
                self.push(Kind::Vector);
                Ok(Step::Continue)
            }
            b']' => self.close_bracket(base_sp).map(Step::Obj),
            b'#' => self.read_hash(multibyte),
            b'?' => self.read_char_literal().map(Step::Obj),
            b'"' => self.read_string_literal().map(Step::Obj),
            b'\'' => {
                self.push(Kind::Special(sym::QUOTE));
                Ok(Step::Continue)
            }
            b'`' => {
                self.push(Kind::Special(sym::BACKQUOTE_SYM));
                Ok(Step::Continue)
            }
            b',' => {
                let next = self.readchar()?;
                let s = if next == '@' as i64 {
                    sym::COMMA_AT
                } else {
                    self.unread(next)?;
                    sym::COMMA
                };
                self.push(Kind::Special(s));
                Ok(Step::Continue)
            }
            b';' => {
                let mut c = c;
                while c >= 0 && c != '\n' as i64 {
                    c = self.readchar()?;
                }
                Ok(Step::Continue)
            }
            b'.' => {
                let next = self.readchar()?;
                self.unread(next)?;
                if next <= 32 || next == NO_BREAK_SPACE || b"\"';([#?`,".iter().any(|&d| next == d as i64) {
                    if let Some(f) = self.top(base_sp) {
                        if f.kind == Kind::List {
                            if let Some(t) = self.stack.last_mut() {
                                t.kind = Kind::ListDot;
                            }
                            return Ok(Step::Continue);
                        }
                    }
                    return Err(self.invalid_str("."));
                }
                self.read_symbol(c, multibyte, SymbolKind::Normal).map(Step::Obj)
            }
            _ => {
                if c <= 32 || c == NO_BREAK_SPACE {
                    return Ok(Step::Continue);
                }
                self.read_symbol(c, multibyte, SymbolKind::Normal).map(Step::Obj)
            }
        }
    }

    fn close_paren(&mut self, base_sp: usize) -> LResult<Value> {
        let Some(f) = self.top(base_sp) else {
            return Err(self.invalid_str(")"));
        };
        let obj = match f.kind {
            Kind::ListStart => Value::NIL,
            Kind::List => self.vals[f.base],
            Kind::Record => {
                if self.vals.len() == f.base {
                    return Err(self.invalid_str("#s"));
                }
                let r = if self.vals[f.base] == sym::HASH_TABLE {
                    super::build::hash_table_from_plist(&self.vals[f.base + 1..])
                } else {
                    Ok(crate::runtime::object::make_record(self.vals[f.base..].to_vec()))
                };
                r?
            }
            Kind::StringProps => {
                let elems = self.vals[f.base..].to_vec();
                self.string_props(&elems)?
            }
            _ => return Err(self.invalid_str(")")),
        };
        self.pop();
        Ok(obj)
    }

    fn close_bracket(&mut self, base_sp: usize) -> LResult<Value> {
        let Some(f) = self.top(base_sp) else {
            return Err(self.invalid_str("]"));
        };
        let elems = self.vals[f.base..].to_vec();
        let obj = match f.kind {
            Kind::Vector => vector(elems),
            Kind::ByteCode => self.closure_from_elems(elems)?,
            Kind::CharTable => self.char_table_from_elems(elems)?,
            Kind::SubCharTable => self.sub_char_table_from_elems(elems)?,
            _ => return Err(self.invalid_str("]")),
        };
        self.pop();
        Ok(obj)
    }

    /// Files OBJ into the innermost open construct; returns the finished
    /// top-level object, or None when more must be read.
    fn deliver(&mut self, mut obj: Value, base_sp: usize) -> LResult<Option<Value>> {
        while let Some(f) = self.top(base_sp) {
            match f.kind {
                Kind::ListStart => {
                    let cell = cons(obj, Value::NIL);
                    self.vals.push(cell);
                    self.vals.push(cell);
                    if let Some(t) = self.stack.last_mut() {
                        t.kind = Kind::List;
                    }
                    return Ok(None);
                }
                Kind::List => {
                    let cell = cons(obj, Value::NIL);
                    self.vals[f.base + 1].cons_ref().cdr = cell;
                    self.vals[f.base + 1] = cell;
                    return Ok(None);
                }
                Kind::ListDot => {
                    self.skip_space_and_comments()?;
                    let c = self.readchar()?;
                    if c != ')' as i64 {
                        return Err(self.invalid_str("expected )"));
                    }
                    self.vals[f.base + 1].cons_ref().cdr = obj;
                    obj = self.vals[f.base];
                    self.pop();
                }
                Kind::Special(s) => {
                    self.pop();
                    obj = list2(s, obj);
                }
                Kind::Numbered(n) => {
                    let placeholder = self.vals[f.base];
                    self.pop();
                    obj = self.complete_numbered(n, placeholder, obj)?;
                }
                _ => {
                    self.vals.push(obj);
                    return Ok(None);
                }
            }
        }
        Ok(Some(obj))
    }

    /// `#N=OBJ` has been read: make every reference to the placeholder refer to OBJ.
    fn complete_numbered(&mut self, n: i64, placeholder: Value, obj: Value) -> LResult<Value> {
        if obj.is_cons() {
            if obj == placeholder {
                return Err(self.invalid_str("nonsensical self-reference"));
            }
            // Reuse the placeholder cons as the object itself.
            let c = placeholder.cons_ref();
            c.car = obj.car();
            c.cdr = obj.cdr();
            self.completed.insert(placeholder.0);
            return Ok(placeholder);
        }
        let plain_string = obj.is_string() && obj.string_ref().props.is_nil();
        if !crate::runtime::symbol_pos::symbolp(obj) && !obj.is_number() && !plain_string {
            self.completed.insert(obj.0);
            self.nvals.push(obj);
        }
        super::build::substitute(obj, placeholder, |v| self.completed.contains(&v.0))?;
        if let Some(&i) = self.numbered.get(&n) {
            self.nvals[i] = obj;
        }
        Ok(obj)
    }

    /// After "#": everything lread.c's `case '#'` handles.
    fn read_hash(&mut self, multibyte: bool) -> LResult<Step> {
        let mut buf = TokBuf::new(multibyte);
        buf.push('#' as i64);
        let ch = self.read_and_buffer(&mut buf)?;
        let Ok(ch8) = u8::try_from(ch) else {
            return Err(self.invalid_buf(&buf));
        };
        match ch8 {
            b'\'' => {
                self.push(Kind::Special(sym::FUNCTION));
                Ok(Step::Continue)
            }
            b'#' => {
                let ob = super::obarray::current_obarray()?;
                Ok(Step::Obj(super::obarray::intern_in(ob, empty_string(false))?))
            }
            b's' => {
                let c = self.read_and_buffer(&mut buf)?;
                if c != '(' as i64 {
                    self.unread(c)?;
                    return Err(self.invalid_buf(&buf));
                }
                self.push(Kind::Record);
                Ok(Step::Continue)
            }
            b'^' => {
                let c = self.read_and_buffer(&mut buf)?;
                let kind = if c == '^' as i64 {
                    let c2 = self.readchar()?;
                    if c2 != '[' as i64 {
                        self.unread(c2)?;
                        return Err(self.invalid_buf(&buf));
                    }
                    Kind::SubCharTable
                } else if c == '[' as i64 {
                    Kind::CharTable
                } else {
                    self.unread(c)?;
                    return Err(self.invalid_buf(&buf));
                };
                self.push(kind);
                Ok(Step::Continue)
            }
            b'(' => {
                self.push(Kind::StringProps);
                Ok(Step::Continue)
            }
            b'[' => {
                self.push(Kind::ByteCode);
                Ok(Step::Continue)
            }
            b'&' => self.read_bool_vector().map(Step::Obj),
            b'!' => {
                let mut c = 0;
                while c >= 0 && c != '\n' as i64 {
                    c = self.readchar()?;
                }
                Ok(Step::Continue)
            }
            b'x' | b'X' => self.read_integer(16).map(Step::Obj),
            b'o' | b'O' => self.read_integer(8).map(Step::Obj),
            b'b' | b'B' => self.read_integer(2).map(Step::Obj),
            b'@' => {
                if self.skip_lazy_string()? {
                    Ok(Step::Continue)
                } else {
                    Ok(Step::Obj(Value::NIL))
                }
            }
            b'$' => {
                let v = value_cell(intern("load-file-name"));
                Ok(Step::Obj(if v == Value::UNBOUND { Value::NIL } else { v }))
            }
            b':' | b'_' => {
                let c = self.readchar()?;
                if c <= 32 || c == NO_BREAK_SPACE || b"\"';#()[]`,".iter().any(|&d| c == d as i64) {
                    self.unread(c)?;
                    let empty = empty_string(false);
                    if ch8 == b':' {
                        crate::runtime::symbol::ensure_symbol_room()?;
                        return Ok(Step::Obj(make_symbol(empty)));
                    }
                    let ob = super::obarray::current_obarray()?;
                    return Ok(Step::Obj(super::obarray::intern_in(ob, empty)?));
                }
                let kind = if ch8 == b':' { SymbolKind::Uninterned } else { SymbolKind::NoShorthand };
                self.read_symbol(c, multibyte, kind).map(Step::Obj)
            }
            b'0'..=b'9' => self.read_hash_number(ch, &mut buf),
            _ => Err(self.invalid_buf(&buf)),
        }
    }

    /// `#N=`, `#N#` and `#NrDIGITS`, the first digit of N being FIRST.
    fn read_hash_number(&mut self, first: i64, buf: &mut TokBuf) -> LResult<Step> {
        let mut n: i64 = first - '0' as i64;
        let c = loop {
            let c = self.read_and_buffer(buf)?;
            if !(('0' as i64)..=('9' as i64)).contains(&c) {
                break c;
            }
            match n.checked_mul(10).and_then(|m| m.checked_add(c - '0' as i64)) {
                Some(m) => n = m,
                None => return Err(self.invalid_buf(buf)),
            }
        };
        if c == 'r' as i64 || c == 'R' as i64 {
            if !(0..=36).contains(&n) {
                return Err(self.invalid_radix(n));
            }
            return self.read_integer(n as u32).map(Step::Obj);
        }
        let circle = value_cell(intern("read-circle"));
        if n > crate::runtime::value::MOST_POSITIVE_FIXNUM || circle.is_nil() {
            return Err(self.invalid_buf(buf));
        }
        if c == '=' as i64 {
            let placeholder = cons(Value::NIL, Value::NIL);
            match self.numbered.get(&n) {
                Some(&i) => self.nvals[i] = placeholder,
                None => {
                    self.nvals.push(placeholder);
                    self.numbered.insert(n, self.nvals.len() - 1);
                }
            }
            self.push(Kind::Numbered(n));
            self.vals.push(placeholder);
            return Ok(Step::Continue);
        }
        if c == '#' as i64 {
            if let Some(&i) = self.numbered.get(&n) {
                return Ok(Step::Obj(self.nvals[i]));
            }
        }
        Err(self.invalid_buf(buf))
    }

    /// READ_AND_BUFFER: the next character, appended to BUF; end of input is
    /// `invalid-read-syntax` of what was buffered.
    fn read_and_buffer(&mut self, buf: &mut TokBuf) -> LResult<i64> {
        let c = self.readchar()?;
        if c < 0 {
            return Err(self.invalid_buf(buf));
        }
        buf.push(c);
        Ok(c)
    }

    fn invalid_buf(&mut self, buf: &TokBuf) -> Flow {
        self.invalid(build_string(&buf.bytes))
    }

    pub fn invalid_radix(&mut self, radix: i64) -> Flow {
        self.invalid_str(&format!("integer, radix {radix}"))
    }

    /// A symbol or number whose first character C has been read; a symbol
    /// other than nil gets its position when symbols are located.
    fn read_symbol(&mut self, c: i64, multibyte: bool, kind: SymbolKind) -> LResult<Value> {
        let start = self.offset - 1;
        let v = self.read_symbol_or_number(c, multibyte, kind)?;
        if self.locate && v.is_symbol() && !v.is_nil() {
            return Ok(crate::runtime::symbol_pos::make(v, Value::fixnum(start)));
        }
        Ok(v)
    }

    fn read_symbol_or_number(&mut self, mut c: i64, multibyte: bool, kind: SymbolKind) -> LResult<Value> {
        let mut buf = TokBuf::new(multibyte);
        let mut quoted = false;
        loop {
            if c == '\\' as i64 {
                c = self.readchar()?;
                if c < 0 {
                    return Err(self.eof());
                }
                quoted = true;
            }
            buf.push(c);
            c = self.readchar()?;
            if !(c > 32 && c != NO_BREAK_SPACE && (c >= 128 || !b"\"';#()[]`,".iter().any(|&d| c == d as i64))) {
                break;
            }
        }
        self.unread(c)?;
        let bytes = buf.bytes;
        if let Some(&c0) = bytes.first() {
            if (c0.is_ascii_digit() || c0 == b'.' || c0 == b'-' || c0 == b'+') && !quoted && kind == SymbolKind::Normal {
                if let Some((v, len)) = super::lexer::string_to_number(&bytes, 10) {
                    if len == bytes.len() {
                        return Ok(v);
                    }
                }
            }
        }
        if kind == SymbolKind::Uninterned {
            crate::runtime::symbol::ensure_symbol_room()?;
            return Ok(make_symbol(specified_string(bytes, multibyte)));
        }
        let ob = super::obarray::current_obarray()?;
        if let Some(s) = super::obarray::lookup(ob, &bytes) {
            return Ok(s);
        }
        super::obarray::intern_in(ob, specified_string(bytes, multibyte))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Normal,
    /// After `#:`.
    Uninterned,
    /// After `#_` (never a number).
    NoShorthand,
}

/// lread.c's `read_buffer`: characters in internal multibyte form, or one
/// byte each when the source is not multibyte.
pub struct TokBuf {
    pub bytes: Vec<u8>,
    multibyte: bool,
}

impl TokBuf {
    pub fn new(multibyte: bool) -> TokBuf {
        TokBuf { bytes: Vec::new(), multibyte }
    }
    #[inline]
    pub fn push(&mut self, c: i64) {
        if self.multibyte {
            crate::runtime::string::encode_char(c as u32, &mut self.bytes);
        } else {
            self.bytes.push(c as u8);
        }
    }
}

/// `make_specified_string`: BYTES as a multibyte or unibyte string (the
/// shared empty string of that kind when BYTES is empty).
pub fn specified_string(bytes: Vec<u8>, multibyte: bool) -> Value {
    if bytes.is_empty() {
        return empty_string(multibyte);
    }
    let nchars = char_count(&bytes, multibyte);
    crate::runtime::heap::heap().alloc_string(LispString::new(bytes, nchars, multibyte))
}

thread_local! {
    /// The empty unibyte string, empty multibyte string and empty vector.
    static EMPTIES: std::cell::Cell<[Value; 3]> = const { std::cell::Cell::new([Value::NIL; 3]) };
}

/// One of GNU Emacs's unique empty objects (alloc.c's `empty_unibyte_string`,
/// `empty_multibyte_string`, `zero_vector`): `(eq "" "")` and `(eq [] [])`
/// are t for what the reader makes.
fn empty_object(i: usize) -> Value {
    let cur = EMPTIES.with(|e| e.get());
    if !cur[i].is_nil() {
        return cur[i];
    }
    let v = match i {
        0 => crate::runtime::heap::heap().alloc_string(LispString::new(Vec::new(), 0, false)),
        1 => crate::runtime::heap::heap().alloc_string(LispString::new(Vec::new(), 0, true)),
        _ => crate::runtime::object::zero_vector(),
    };
    crate::runtime::heap::heap().permanent.push(v);
    let mut all = cur;
    all[i] = v;
    EMPTIES.with(|e| e.set(all));
    v
}

pub fn empty_string(multibyte: bool) -> Value {
    empty_object(multibyte as usize)
}

/// A vector of ITEMS (the shared empty vector when there are none).
pub fn vector(items: Vec<Value>) -> Value {
    make_vector(items)
}

/// `build_string`: multibyte when the bytes hold valid non-ASCII characters.
pub fn build_string(bytes: &[u8]) -> Value {
    let multibyte = !bytes.is_ascii() && valid_multibyte(bytes);
    let nchars = if multibyte { count_chars(bytes) } else { bytes.len() };
    crate::runtime::heap::heap().alloc_string(LispString::new(bytes.to_vec(), nchars, multibyte))
}

fn valid_multibyte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let n = crate::runtime::string::char_len_at(bytes[i]);
        // Raw-byte sequences (C0/C1 lead) do not count as characters here.
        if bytes[i] >= 0x80
            && (n == 1 || matches!(bytes[i], 0xC0 | 0xC1) || i + n > bytes.len() || !bytes[i + 1..i + n].iter().all(|b| b & 0xC0 == 0x80))
        {
            return false;
        }
        i += n;
    }
    true
}
