//! Criterion benches of the interpreter's hot paths: a call, a fixnum add, a
//! cons allocation, a GC cycle, reading a 1 MB file, printing.  Run with
//! `cargo bench --bench hot_paths`.  (Whole-program comparisons with GNU Emacs
//! are in `benches/run-kernels.py`.)

use criterion::{criterion_group, criterion_main, Criterion};
use enoki::runtime::heap::heap;
use enoki::runtime::reader::Reader;
use enoki::runtime::string::make_string;
use enoki::Engine;

fn bench_eval(c: &mut Criterion, name: &str, setup: &str, body: &str) {
    let mut engine = Engine::new();
    engine.eval_str(setup).expect("setup");
    let form = enoki::runtime::reader::read_from_string(make_string(body), 0, None).expect("read").0;
    enoki::runtime::rt().extra_roots.push(form);
    c.bench_function(name, |b| b.iter(|| engine.eval(form, true).expect("eval")));
}

fn calls(c: &mut Criterion) {
    bench_eval(
        c,
        "call: 1000 calls of a 1-argument closure",
        "(defun hp-id (x) x)",
        "(let ((i 0)) (while (< i 1000) (hp-id i) (setq i (1+ i))))",
    );
}

fn fixnum_add(c: &mut Criterion) {
    bench_eval(c, "fixnum add: 1000 additions", "nil", "(let ((i 0) (s 0)) (while (< i 1000) (setq s (+ s i) i (1+ i))) s)");
}

fn cons_alloc(c: &mut Criterion) {
    bench_eval(c, "cons: 1000 allocations", "nil", "(let ((i 0) (l nil)) (while (< i 1000) (setq l (cons i l) i (1+ i))) l)");
}

fn gc_cycle(c: &mut Criterion) {
    let mut engine = Engine::new();
    engine.eval_str("(setq hp-live (make-list 100000 'x))").expect("setup");
    c.bench_function("gc: full collection with 100k live conses", |b| b.iter(|| heap().collect()));
}

fn read_1mb(c: &mut Criterion) {
    let _engine = Engine::new();
    let mut src = String::new();
    while src.len() < 1 << 20 {
        src.push_str("(defun hp-f (a b) \"doc\" (let ((x (+ a 1.5)) (y [1 2 3])) (list 'a \"str\" ?c x y b)))\n");
    }
    c.bench_function("read: 1 MB of source", |b| {
        b.iter(|| {
            let s = make_string(&src);
            let mut r = Reader::new(s);
            let mut n = 0;
            while let Ok(Some(_)) = r.read_next() {
                n += 1;
            }
            n
        })
    });
}

fn printing(c: &mut Criterion) {
    let mut engine = Engine::new();
    let v = engine.eval_str("(let (l) (dotimes (i 1000) (push (list i \"s\" 1.5 'sym [1 2]) l)) l)").expect("build");
    enoki::runtime::rt().extra_roots.push(v);
    c.bench_function("print: prin1 of a 1000-element nested list", |b| {
        b.iter(|| enoki::runtime::printer::prin1_to_string(v, true).expect("print"))
    });
}

criterion_group!(benches, calls, fixnum_add, cons_alloc, gc_cycle, read_1mb, printing);
criterion_main!(benches);
