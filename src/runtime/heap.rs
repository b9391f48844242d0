//! The garbage-collected heap: size-class blocks, allocation, and a non-moving
//! mark-sweep collector that frees cycles.
//!
//! Every heap object (cons, float, string, vectorlike `Obj`) lives in a 64 KiB,
//! 64 KiB-aligned block of one space; the block's header holds its live and mark
//! bitmaps, so any word can be tested for "points into a live object" in a few
//! instructions.  That makes the conservative scan of the native stack (what GNU
//! Emacs does too) cheap: interpreter frames, `Result`s in flight and Rust locals
//! need no stack maps.  Everything else is a precise root: the symbol table,
//! `Runtime::trace_roots` (specpdl, catch tags, pending exits, node constants) and
//! explicitly rooted vectors (`RootedVec`).  Collection only happens at safepoints
//! (`maybe_gc`), never inside an allocation.

use super::object::Obj;
use super::string::LispString;
use super::value::*;
use std::alloc::{alloc_zeroed, Layout};
use std::collections::HashSet;

pub const BLOCK_SIZE: usize = 64 * 1024;
const HEADER_SIZE: usize = 1024;
const MAX_SLOTS: usize = (BLOCK_SIZE - HEADER_SIZE) / 16;
const BITMAP_WORDS: usize = MAX_SLOTS.div_ceil(64);

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum SpaceKind {
    Cons = 0,
    Float = 1,
    String = 2,
    Obj = 3,
    /// Lexical frames of the evaluator, in three size classes (see `frame`).
    Frame = 4,
}

impl SpaceKind {
    fn tag(self) -> u64 {
        match self {
            SpaceKind::Cons => TAG_CONS,
            SpaceKind::Float => TAG_FLOAT,
            SpaceKind::String => TAG_STRING,
            SpaceKind::Obj => TAG_OBJ,
            SpaceKind::Frame => TAG_SPECIAL,
        }
    }
}

#[repr(C)]
struct BlockHeader {
    kind: SpaceKind,
    slot_size: u32,
    nslots: u32,
    live: [u64; BITMAP_WORDS],
    mark: [u64; BITMAP_WORDS],
}

const _: () = assert!(std::mem::size_of::<BlockHeader>() <= HEADER_SIZE);

#[inline(always)]
fn header_of(addr: usize) -> *mut BlockHeader {
    (addr & !(BLOCK_SIZE - 1)) as *mut BlockHeader
}

struct Space {
    kind: SpaceKind,
    slot_size: usize,
    /// `ceil(2^32 / slot_size)`: `offset * recip >> 32` is `offset / slot_size`
    /// for every offset inside a block (checked in `new`), without a division.
    recip: u64,
    blocks: Vec<usize>,
    free: *mut usize,
    live_count: usize,
}

impl Space {
    fn new(kind: SpaceKind, slot_size: usize) -> Space {
        let slot_size = slot_size.max(16).next_multiple_of(8);
        let recip = (1u64 << 32).div_ceil(slot_size as u64);
        debug_assert!((0..BLOCK_SIZE as u64).all(|o| (o * recip) >> 32 == o / slot_size as u64));
        Space { kind, slot_size, recip, blocks: Vec::new(), free: std::ptr::null_mut(), live_count: 0 }
    }

    fn add_block(&mut self, all: &mut HashSet<usize>) {
        let layout = Layout::from_size_align(BLOCK_SIZE, BLOCK_SIZE).unwrap();
        let base = unsafe { alloc_zeroed(layout) } as usize;
        if base == 0 {
            std::alloc::handle_alloc_error(layout);
        }
        let nslots = (BLOCK_SIZE - HEADER_SIZE) / self.slot_size;
        let h = base as *mut BlockHeader;
        unsafe {
            (*h).kind = self.kind;
            (*h).slot_size = self.slot_size as u32;
            (*h).nslots = nslots as u32;
        }
        for i in (0..nslots).rev() {
            let slot = (base + HEADER_SIZE + i * self.slot_size) as *mut usize;
            unsafe { *slot = self.free as usize };
            self.free = slot;
        }
        self.blocks.push(base);
        all.insert(base);
    }

    #[inline]
    fn alloc(&mut self, all: &mut HashSet<usize>) -> *mut u8 {
        if self.free.is_null() {
            self.add_block(all);
        }
        let slot = self.free;
        unsafe {
            self.free = *slot as *mut usize;
            let base = slot as usize & !(BLOCK_SIZE - 1);
            let idx = (((slot as usize - base - HEADER_SIZE) as u64 * self.recip) >> 32) as usize;
            (*(base as *mut BlockHeader)).live[idx / 64] |= 1 << (idx % 64);
        }
        self.live_count += 1;
        slot as *mut u8
    }
}

/// A `Vec<Value>` on the Rust heap that the collector treats as a root while
/// it exists.  Use it for temporaries that live across a safepoint.
pub struct RootedVec {
    /// Boxed so that the registered address stays put when the handle moves.
    #[allow(clippy::box_collection)]
    inner: Box<Vec<Value>>,
}

impl RootedVec {
    pub fn new() -> RootedVec {
        let inner = Box::new(Vec::new());
        heap().rooted.push(&*inner as *const Vec<Value>);
        RootedVec { inner }
    }
    pub fn with_capacity(n: usize) -> RootedVec {
        let mut r = RootedVec::new();
        r.inner.reserve(n);
        r
    }
    /// The elements of a (proper or dotted) list.
    pub fn from_list(l: Value) -> RootedVec {
        let mut r = RootedVec::new();
        r.inner.extend(l.iter());
        r
    }
}

impl Default for RootedVec {
    fn default() -> Self {
        RootedVec::new()
    }
}

impl Drop for RootedVec {
    fn drop(&mut self) {
        let me = &*self.inner as *const Vec<Value>;
        let rooted = &mut heap().rooted;
        if let Some(pos) = rooted.iter().rposition(|p| *p == me) {
            rooted.swap_remove(pos);
        }
    }
}

impl std::ops::Deref for RootedVec {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.inner
    }
}
impl std::ops::DerefMut for RootedVec {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.inner
    }
}

/// Running totals of what was allocated since the heap was installed, by
/// kind, for `memory-use-counts` (alloc.c's `cons_cells_consed`...).
#[derive(Default, Clone, Copy)]
pub struct Consed {
    pub conses: u64,
    pub floats: u64,
    /// Vector-like objects, in words of Lisp slots (alloc.c counts the
    /// slots `allocate_vectorlike` was asked for).
    pub vector_cells: u64,
    /// Bumped by whoever creates symbols (the symbol table lives apart).
    pub symbols: u64,
    /// Bytes of string data.
    pub string_chars: u64,
    /// Text-property intervals: Enoki keeps properties in lists, so none.
    pub intervals: u64,
    pub strings: u64,
}

pub struct Heap {
    spaces: [Space; 7],
    pub consed: Consed,
    all_blocks: HashSet<usize>,
    pub rooted: Vec<*const Vec<Value>>,
    /// Values held by long-lived Rust structures (node trees, caches).
    pub permanent: Vec<Value>,
    pub bytes_since_gc: usize,
    pub threshold: usize,
    pub gc_requested: bool,
    pub stress: bool,
    pub inhibit: u32,
    pub gcs_done: u64,
    stack_high: usize,
    mark_stack: Vec<Value>,
    /// The weak hash tables reached during the current collection.
    weak_tables: Vec<Value>,
    /// Extra tracers (symbol table, runtime roots) registered by the runtime.
    pub root_tracer: Option<fn(&mut Marker)>,
    pub symbol_marker: Option<fn(u32) -> bool>,
    pub symbol_tracer: Option<fn(u32, &mut Marker)>,
    pub symbol_sweeper: Option<fn()>,
}

thread_local! {
    static HEAP: std::cell::Cell<*mut Heap> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

#[inline(always)]
pub fn heap() -> &'static mut Heap {
    HEAP.with(|h| unsafe { &mut *h.get() })
}

pub fn heap_installed() -> bool {
    HEAP.with(|h| !h.get().is_null())
}

/// Installs a fresh heap for this thread.
pub fn install_heap() {
    let h = Box::new(Heap {
        spaces: [
            Space::new(SpaceKind::Cons, std::mem::size_of::<Cons>()),
            Space::new(SpaceKind::Float, 16),
            Space::new(SpaceKind::String, std::mem::size_of::<LispString>()),
            Space::new(SpaceKind::Obj, std::mem::size_of::<Obj>()),
            Space::new(SpaceKind::Frame, 8 * (1 + super::frame::SIZE_CLASSES[0])),
            Space::new(SpaceKind::Frame, 8 * (1 + super::frame::SIZE_CLASSES[1])),
            Space::new(SpaceKind::Frame, 8 * (1 + super::frame::SIZE_CLASSES[2])),
        ],
        all_blocks: HashSet::new(),
        consed: Consed::default(),
        rooted: Vec::new(),
        permanent: Vec::new(),
        bytes_since_gc: 0,
        threshold: 8 << 20,
        gc_requested: false,
        stress: std::env::var("ENOKI_GC_STRESS").map(|v| v == "1").unwrap_or(false),
        inhibit: 0,
        gcs_done: 0,
        stack_high: thread_stack_high(),
        mark_stack: Vec::new(),
        weak_tables: Vec::new(),
        root_tracer: None,
        symbol_marker: None,
        symbol_tracer: None,
        symbol_sweeper: None,
    });
    HEAP.with(|c| c.set(Box::into_raw(h)));
}

fn thread_stack_high() -> usize {
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut addr: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            libc::pthread_attr_destroy(&mut attr);
            return addr as usize + size;
        }
    }
    let probe = 0usize;
    &probe as *const usize as usize + (1 << 20)
}

impl Heap {
    #[inline]
    fn note_alloc(&mut self, bytes: usize) {
        self.bytes_since_gc += bytes;
        if self.bytes_since_gc > self.threshold {
            self.gc_requested = true;
        }
    }

    #[inline]
    pub fn alloc_cons(&mut self, car: Value, cdr: Value) -> Value {
        let p = self.spaces[0].alloc(&mut self.all_blocks) as *mut Cons;
        unsafe { p.write(Cons { car, cdr }) };
        self.consed.conses += 1;
        self.note_alloc(16);
        Value::from_ptr(p as *const u8, TAG_CONS)
    }

    #[inline]
    pub fn alloc_float(&mut self, f: f64) -> Value {
        let p = self.spaces[1].alloc(&mut self.all_blocks) as *mut f64;
        unsafe { p.write(f) };
        self.consed.floats += 1;
        self.note_alloc(16);
        Value::from_ptr(p as *const u8, TAG_FLOAT)
    }

    pub fn alloc_string(&mut self, s: LispString) -> Value {
        let extra = s.data.capacity();
        self.consed.strings += 1;
        self.consed.string_chars += s.data.len() as u64;
        let p = self.spaces[2].alloc(&mut self.all_blocks) as *mut LispString;
        unsafe { p.write(s) };
        self.note_alloc(64 + extra);
        Value::from_ptr(p as *const u8, TAG_STRING)
    }

    pub fn alloc_obj(&mut self, o: Obj) -> Value {
        let extra = o.extra_bytes();
        self.consed.vector_cells += (extra / 8).max(1) as u64;
        let p = self.spaces[3].alloc(&mut self.all_blocks) as *mut Obj;
        unsafe { p.write(o) };
        self.note_alloc(64 + extra);
        Value::from_ptr(p as *const u8, TAG_OBJ)
    }

    /// A frame cell of size class CLASS holding LEN slots (set by the caller).
    #[inline]
    pub fn alloc_frame_cell(&mut self, class: usize, len: usize) -> Value {
        let size = self.spaces[4 + class].slot_size;
        let p = self.spaces[4 + class].alloc(&mut self.all_blocks) as *mut u64;
        // Only the first LEN slots are ever read; the caller sets them.
        unsafe { p.write(len as u64) };
        self.note_alloc(size);
        Value::from_ptr(p as *const u8, TAG_SPECIAL)
    }

    /// Puts frame cell F (of size class CLASS) back on its free list at once.
    #[inline]
    pub fn free_frame_cell(&mut self, class: usize, f: Value) {
        let s = &mut self.spaces[4 + class];
        let slot = f.untagged() as usize;
        let base = slot & !(BLOCK_SIZE - 1);
        let idx = (((slot - base - HEADER_SIZE) as u64 * s.recip) >> 32) as usize;
        unsafe {
            (*(base as *mut BlockHeader)).live[idx / 64] &= !(1 << (idx % 64));
            *(slot as *mut usize) = s.free as usize;
        }
        s.free = slot as *mut usize;
        s.live_count -= 1;
        self.bytes_since_gc = self.bytes_since_gc.saturating_sub(s.slot_size);
    }

    /// Accounts memory an object grew by after allocation (e.g. a vector pushed to).
    pub fn note_external(&mut self, bytes: usize) {
        self.note_alloc(bytes);
    }

    pub fn live_objects(&self) -> usize {
        self.spaces.iter().map(|s| s.live_count).sum()
    }

    /// Collects if an allocation asked for it, or under GC stress whenever
    /// anything was allocated since the last collection (a collection with no
    /// allocation in between cannot expose a missing root).
    #[inline(always)]
    pub fn maybe_gc(&mut self) {
        if (self.gc_requested || self.stress && self.bytes_since_gc > 0) && self.inhibit == 0 {
            self.collect();
        }
    }

    /// A full mark-sweep collection.
    #[inline(never)]
    pub fn collect(&mut self) {
        let mut m = Marker { heap: self as *mut Heap };
        if let Some(t) = self.root_tracer {
            t(&mut m);
        }
        for &v in self.permanent.iter() {
            m.mark(v);
        }
        for i in 0..self.rooted.len() {
            let vec = unsafe { &*self.rooted[i] };
            for &v in vec.iter() {
                m.mark(v);
            }
        }
        scan_native_stack(&mut m);
        m.drain();
        m.settle_weak_tables();
        if let Some(sweep) = self.symbol_sweeper {
            sweep();
        }
        self.sweep();
        self.gcs_done += 1;
        self.bytes_since_gc = 0;
        self.gc_requested = false;
        let live: usize = self.spaces.iter().map(|s| s.live_count * s.slot_size).sum();
        self.threshold = (8 << 20).max(live / 2);
    }

    /// Frees every live-but-unmarked slot onto its space's free list (slots
    /// already free stay where they are), word by word through the bitmaps.
    fn sweep(&mut self) {
        for s in self.spaces.iter_mut() {
            let mut live_count = 0;
            for &base in s.blocks.iter() {
                let h = unsafe { &mut *(base as *mut BlockHeader) };
                for w in 0..BITMAP_WORDS {
                    let mut dead = h.live[w] & !h.mark[w];
                    while dead != 0 {
                        let i = w * 64 + dead.trailing_zeros() as usize;
                        dead &= dead - 1;
                        let slot = base + HEADER_SIZE + i * s.slot_size;
                        unsafe {
                            drop_slot(s.kind, slot as *mut u8);
                            *(slot as *mut usize) = s.free as usize;
                        }
                        s.free = slot as *mut usize;
                    }
                    h.live[w] &= h.mark[w];
                    live_count += h.live[w].count_ones() as usize;
                    h.mark[w] = 0;
                }
            }
            s.live_count = live_count;
        }
    }

    /// If `addr` points into a live heap object, its tagged value.
    #[inline]
    fn object_at(&self, addr: usize) -> Option<Value> {
        let base = addr & !(BLOCK_SIZE - 1);
        if addr < base + HEADER_SIZE || !self.all_blocks.contains(&base) {
            return None;
        }
        let h = unsafe { &*(base as *const BlockHeader) };
        let idx = (addr - base - HEADER_SIZE) / h.slot_size as usize;
        if idx >= h.nslots as usize || h.live[idx / 64] & (1 << (idx % 64)) == 0 {
            return None;
        }
        let slot = base + HEADER_SIZE + idx * h.slot_size as usize;
        Some(Value(slot as u64 | h.kind.tag()))
    }
}

unsafe fn drop_slot(kind: SpaceKind, p: *mut u8) {
    match kind {
        SpaceKind::String => std::ptr::drop_in_place(p as *mut LispString),
        SpaceKind::Obj => std::ptr::drop_in_place(p as *mut Obj),
        _ => {}
    }
}

/// The mark phase's handle: `mark` a value, and everything it reaches is traced.
pub struct Marker {
    heap: *mut Heap,
}

impl Marker {
    #[inline]
    pub fn mark(&mut self, v: Value) {
        let heap = unsafe { &mut *self.heap };
        match v.tag() {
            TAG_SYMBOL => {
                if let Some(mark_sym) = heap.symbol_marker {
                    if mark_sym(v.symbol_index()) {
                        heap.mark_stack.push(v);
                    }
                }
            }
            TAG_CONS | TAG_FLOAT | TAG_STRING | TAG_OBJ | TAG_SPECIAL if v.0 & !TAG_MASK != 0 => {
                let addr = v.untagged() as usize;
                let h = unsafe { &mut *header_of(addr) };
                let idx = (addr - (addr & !(BLOCK_SIZE - 1)) - HEADER_SIZE) / h.slot_size as usize;
                let (w, b) = (idx / 64, 1u64 << (idx % 64));
                if h.mark[w] & b == 0 {
                    h.mark[w] |= b;
                    if v.tag() != TAG_FLOAT {
                        heap.mark_stack.push(v);
                    }
                }
            }
            _ => {}
        }
    }

    fn drain(&mut self) {
        loop {
            let heap = unsafe { &mut *self.heap };
            let Some(v) = heap.mark_stack.pop() else { break };
            match v.tag() {
                TAG_SYMBOL => {
                    if let Some(t) = heap.symbol_tracer {
                        t(v.symbol_index(), self);
                    }
                }
                TAG_CONS => {
                    let c = v.cons_ref();
                    self.mark(c.car);
                    self.mark(c.cdr);
                }
                TAG_STRING => v.string_ref().trace(self),
                TAG_OBJ => match v.obj_ref() {
                    Obj::HashTable(h) if h.is_weak() => {
                        h.trace_strong_parts(self);
                        heap.weak_tables.push(v);
                    }
                    o => o.trace(self),
                },
                TAG_SPECIAL => super::frame::frame_slots(v).iter().for_each(|x| self.mark(*x)),
                _ => {}
            }
        }
    }
}

impl Marker {
    /// Whether V survives this collection so far: marked, or not a heap
    /// object at all (fixnums, characters, interned symbols are all kept).
    pub fn is_marked(&self, v: Value) -> bool {
        match v.tag() {
            TAG_SYMBOL => super::symbol::symbol_marked(v.symbol_index()),
            TAG_CONS | TAG_FLOAT | TAG_STRING | TAG_OBJ | TAG_SPECIAL if v.0 & !TAG_MASK != 0 => {
                let addr = v.untagged() as usize;
                let h = unsafe { &*header_of(addr) };
                let idx = (addr - (addr & !(BLOCK_SIZE - 1)) - HEADER_SIZE) / h.slot_size as usize;
                h.mark[idx / 64] & (1u64 << (idx % 64)) != 0
            }
            _ => true,
        }
    }

    /// GNU Emacs's weak-table fixpoint (`sweep_weak_table` in `mark_and_sweep_weak_table_contents`):
    /// an entry that its weakness keeps (its key marked, or value, or either,
    /// or both) has the rest of it marked, which may keep entries of other
    /// weak tables, until nothing changes; then the entries not kept go.
    fn settle_weak_tables(&mut self) {
        loop {
            let heap = unsafe { &mut *self.heap };
            let tables = heap.weak_tables.clone();
            let mut marked_more = false;
            for t in tables.iter() {
                let Obj::HashTable(h) = t.obj_ref() else { continue };
                for (k, v) in h.entries() {
                    if h.weak_entry_kept(self.is_marked(k), self.is_marked(v)) && !(self.is_marked(k) && self.is_marked(v)) {
                        self.mark(k);
                        self.mark(v);
                        marked_more = true;
                    }
                }
            }
            self.drain();
            if !marked_more {
                break;
            }
        }
        let heap = unsafe { &mut *self.heap };
        for t in std::mem::take(&mut heap.weak_tables) {
            let Obj::HashTable(h) = t.obj_ref() else { continue };
            h.remove_unkept(|x| self.is_marked(x));
        }
    }
}

/// Marks every heap object a word of the native stack (or a callee-saved
/// register) points into.
#[inline(never)]
fn scan_native_stack(m: &mut Marker) {
    let regs = capture_registers();
    let heap = unsafe { &*m.heap };
    for &r in regs.iter() {
        if let Some(v) = heap.object_at(r) {
            m.mark(v);
        }
    }
    let low = &regs as *const _ as usize;
    let high = heap.stack_high;
    let mut p = low & !7;
    while p + 8 <= high {
        let w = unsafe { *(p as *const usize) };
        if let Some(v) = heap.object_at(w) {
            m.mark(v);
        } else if w as u64 & TAG_MASK == TAG_SYMBOL {
            m.mark(Value(w as u64));
        }
        p += 8;
    }
    std::hint::black_box(&regs);
}

#[cfg(target_arch = "x86_64")]
#[inline(never)]
fn capture_registers() -> [usize; 6] {
    let (a, b, c, d, e, f): (usize, usize, usize, usize, usize, usize);
    unsafe {
        std::arch::asm!(
            "mov {0}, rbx", "mov {1}, rbp", "mov {2}, r12", "mov {3}, r13", "mov {4}, r14", "mov {5}, r15",
            out(reg) a, out(reg) b, out(reg) c, out(reg) d, out(reg) e, out(reg) f,
            options(nomem, nostack, preserves_flags)
        );
    }
    [a, b, c, d, e, f]
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(never)]
fn capture_registers() -> [usize; 6] {
    // Other targets: callee-saved registers are spilled by the calls that led here
    // in practice; the interpreter-only build accepts this.
    std::hint::black_box([0; 6])
}
