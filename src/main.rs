//! The `enoki` command: an `emacs --batch`-compatible command line, plus the
//! `compat` subcommand (the conformance protocol).  Global flags come first:
//! `--no-specialize`, `--trace-rewrites`, `--rewrite-stats`.
//! Everything runs on a thread with a large stack so that deep (but bounded)
//! Lisp recursion never reaches the native stack's end.

mod cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let child = std::thread::Builder::new().stack_size(1 << 30).spawn(move || cli::run(args)).expect("cannot start the Lisp thread");
    let code = child.join().unwrap_or(70);
    enoki::runtime::output::flush();
    std::process::exit(code);
}
