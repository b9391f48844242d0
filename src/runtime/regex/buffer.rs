//! What the searching and scanning primitives need from buffers, as a small
//! trait the buffer code implements (`SearchBuffer`), and the hooks through
//! which it is found at run time (`install_buffer_hooks`).  Until the hooks
//! are installed, the primitives see the current buffer as GNU Emacs's batch
//! `*scratch*`: empty, point 1, multibyte.

use crate::runtime::error::LResult;
use crate::runtime::text::TextSource;
use crate::runtime::value::Value;
use std::cell::UnsafeCell;

/// The current buffer, as the search and syntax primitives see it.
/// Positions are Emacs character positions (1-based).
pub trait SearchBuffer {
    /// The buffer object (recorded as the last thing searched).
    fn object(&self) -> Value;
    /// The character at POS, for BEG <= POS < Z.
    fn char_at(&self, pos: usize) -> u32;
    fn multibyte(&self) -> bool;
    fn point(&self) -> usize;
    fn set_point(&mut self, pos: usize);
    fn begv(&self) -> usize;
    fn zv(&self) -> usize;
    /// Replaces START..END with the string TEXT as `replace_range` does
    /// (modification hooks, undo, markers; point is left to the caller).
    fn replace(&mut self, start: usize, end: usize, text: Value) -> LResult<()>;
    /// `buffer-substring` of START..END (with text properties).
    fn substring(&self, start: usize, end: usize) -> Value;
    /// Appends the characters START..END (BEGV <= START <= END <= ZV) to
    /// OUT, as `char_at` gives them (BYTES is working memory).  Buffers
    /// override this to copy their text in one piece rather than
    /// character by character.
    fn chars(&self, start: usize, end: usize, out: &mut Vec<u32>, bytes: &mut Vec<u8>) {
        let _ = bytes;
        out.extend((start..end).map(|p| self.char_at(p)));
    }
}

/// The buffer code's entry points.
#[derive(Copy, Clone)]
pub struct BufferHooks {
    /// The current buffer.
    pub current: fn() -> Option<&'static mut dyn SearchBuffer>,
    /// If V is a marker: its buffer (nil if it points nowhere) and position.
    pub marker: fn(Value) -> Option<(Value, Option<usize>)>,
    /// Whether V is a buffer object.
    pub is_buffer: fn(Value) -> bool,
    /// A new marker pointing at POS in BUFFER.
    pub make_marker: fn(Value, usize) -> Value,
    /// The current buffer object (nil while there is none yet).
    pub current_object: fn() -> Value,
    /// Whether a buffer object is live.
    pub buffer_live: fn(Value) -> bool,
    /// Whether a buffer is the initial `*scratch*` buffer.
    pub is_initial_buffer: fn(Value) -> bool,
}

thread_local! {
    static HOOKS: std::cell::Cell<Option<BufferHooks>> = const { std::cell::Cell::new(None) };
}

/// Installs the buffer code's hooks (once per thread, at start-up).
pub fn install_buffer_hooks(h: BufferHooks) {
    HOOKS.with(|c| c.set(Some(h)));
}

pub fn hooks() -> Option<BufferHooks> {
    HOOKS.with(|c| c.get())
}

pub fn current_buffer() -> Option<&'static mut dyn SearchBuffer> {
    hooks().and_then(|h| (h.current)())
}

pub fn marker_info(v: Value) -> Option<(Value, Option<usize>)> {
    hooks().and_then(|h| (h.marker)(v))
}

pub fn is_buffer(v: Value) -> bool {
    hooks().is_some_and(|h| (h.is_buffer)(v))
}

/// A marker at POS in BUFFER (the position itself without buffer code).
pub fn make_marker(buffer: Value, pos: usize) -> Value {
    match hooks() {
        Some(h) => (h.make_marker)(buffer, pos),
        None => Value::fixnum(pos as i64),
    }
}

/// The accessible portion BEGV..ZV of a buffer, indexed from 0.
///
/// Characters are read through a window of decoded characters that the
/// buffer fills in one piece (`SearchBuffer::chars`), so the matcher's
/// per-character reads are an index into memory rather than a call through
/// the buffer's gap and encoding.  The window starts small (most searches
/// look at a few characters) and doubles each time it has to move on in
/// the same direction; it keeps an eighth of its size behind the position
/// it moved for, so that the matcher's look at the previous character (or,
/// searching backward, its forward matches) stay inside.  A miss costs at
/// most a copy of the window, and only after the reads have moved by an
/// eighth of it.  The buffer must not change while an `Accessible` is in
/// use (matching calls no Lisp).
pub struct Accessible<'a> {
    pub buf: &'a dyn SearchBuffer,
    pub begv: usize,
    pub len: usize,
    multibyte: bool,
    window: UnsafeCell<Window>,
}

struct Window {
    /// Index of `chars[0]`.
    start: usize,
    chars: Vec<u32>,
    /// Working memory of `SearchBuffer::chars`.
    bytes: Vec<u8>,
    /// How many characters the next refill reads.
    size: usize,
    /// Whether the last refill was for a position past the window.
    forward: bool,
}

const WINDOW_FIRST: usize = 128;
const WINDOW_MAX: usize = 1 << 16;

thread_local! {
    /// A window's memory, reused by the next `Accessible`.
    static SPARE: std::cell::Cell<(Vec<u32>, Vec<u8>)> = const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

impl<'a> Accessible<'a> {
    pub fn new(buf: &'a dyn SearchBuffer) -> Accessible<'a> {
        let begv = buf.begv();
        let (mut chars, bytes) = SPARE.with(|s| s.take());
        chars.clear();
        Accessible {
            buf,
            begv,
            len: buf.zv().saturating_sub(begv),
            multibyte: buf.multibyte(),
            window: UnsafeCell::new(Window { start: 0, chars, bytes, size: WINDOW_FIRST, forward: true }),
        }
    }

    /// Moves the window over I (< len) and returns the character there.
    #[cold]
    #[inline(never)]
    fn refill(&self, i: usize) -> u32 {
        if i >= self.len {
            return 0;
        }
        // SAFETY: `Accessible` is not `Sync`, and no reference into the
        // window outlives a `char_at` call, so this is the only access.
        let w = unsafe { &mut *self.window.get() };
        let forward = w.chars.is_empty() || i >= w.start;
        if !w.chars.is_empty() && forward == w.forward {
            w.size = (w.size * 2).min(WINDOW_MAX);
        }
        w.forward = forward;
        let size = w.size.min(self.len);
        let behind = size / 8;
        let start = if forward { i.saturating_sub(behind) } else { (i + 1 + behind).saturating_sub(size) };
        let start = start.min(self.len - size);
        w.chars.clear();
        self.buf.chars(self.begv + start, self.begv + start + size, &mut w.chars, &mut w.bytes);
        w.start = start;
        w.chars.get(i - start).copied().unwrap_or(0)
    }
}

impl Drop for Accessible<'_> {
    fn drop(&mut self) {
        let w = self.window.get_mut();
        let (chars, bytes) = (std::mem::take(&mut w.chars), std::mem::take(&mut w.bytes));
        if chars.capacity() <= WINDOW_MAX && bytes.capacity() <= 5 * WINDOW_MAX {
            SPARE.with(|s| s.set((chars, bytes)));
        }
    }
}

impl TextSource for Accessible<'_> {
    fn char_count(&self) -> usize {
        self.len
    }
    #[inline]
    fn char_at(&self, i: usize) -> u32 {
        // SAFETY: see `refill`.
        let w = unsafe { &*self.window.get() };
        match w.chars.get(i.wrapping_sub(w.start)) {
            Some(&c) => c,
            None => self.refill(i),
        }
    }
    fn multibyte(&self) -> bool {
        self.multibyte
    }
}

/// The empty `*scratch*` stand-in used while no buffer code is installed.
pub struct EmptyBuffer;

impl SearchBuffer for EmptyBuffer {
    fn object(&self) -> Value {
        Value::NIL
    }
    fn char_at(&self, _pos: usize) -> u32 {
        0
    }
    fn multibyte(&self) -> bool {
        true
    }
    fn point(&self) -> usize {
        1
    }
    fn set_point(&mut self, _pos: usize) {}
    fn begv(&self) -> usize {
        1
    }
    fn zv(&self) -> usize {
        1
    }
    fn replace(&mut self, _start: usize, _end: usize, _text: Value) -> LResult<()> {
        Ok(())
    }
    fn substring(&self, _start: usize, _end: usize) -> Value {
        crate::runtime::string::make_string("")
    }
}
