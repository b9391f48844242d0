//! The rewrite trace formats (`--trace-rewrites`, `--rewrite-stats`,
//! `ENOKI_TRACE_FORMAT=json`) are a public interface: check their shape.

use std::process::Command;

fn run(args: &[&str], json: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_enoki"));
    if json {
        cmd.env("ENOKI_TRACE_FORMAT", "json");
    }
    let out = cmd.args(args).output().expect("run enoki");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const PROGRAM: &str = "(progn (defun tr-add (a b) (+ a b)) (tr-add 1 2) (tr-add 1.5 2.5) (tr-add 1 2.5))";

#[test]
fn text_trace_lines() {
    let err = run(&["--trace-rewrites", "--batch", "--eval", PROGRAM], false);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("rewrite ")).collect();
    assert!(!lines.is_empty());
    for l in &lines {
        let f: Vec<&str> = l.splitn(7, ' ').collect();
        assert_eq!(f.len(), 7, "line: {l}");
        assert!(f[1].parse::<u32>().is_ok(), "node id in {l}");
        assert_eq!(f[3], "->", "line: {l}");
    }
    assert!(lines.iter().any(|l| l.contains(" +:fixnum -> +:float saw-floats (+ ...)")), "{err}");
    assert!(lines.iter().any(|l| l.contains(" +:float -> +:generic saw-other-types (+ ...)")), "{err}");
}

#[test]
fn stats_histogram() {
    let err = run(&["--rewrite-stats", "--batch", "--eval", PROGRAM], false);
    let stats: Vec<&str> = err.lines().filter(|l| l.starts_with("rewrite-stats ")).collect();
    assert!(stats.iter().any(|l| l.ends_with(" uninit -> call")), "{err}");
    for l in stats {
        let f: Vec<&str> = l.split(' ').collect();
        assert_eq!(f.len(), 5, "line: {l}");
        assert!(f[1].parse::<u64>().is_ok());
    }
}

#[test]
fn json_lines() {
    let err = run(&["--trace-rewrites", "--rewrite-stats", "--batch", "--eval", PROGRAM], true);
    let events: Vec<&str> = err.lines().filter(|l| l.starts_with('{')).collect();
    assert!(events.iter().any(|l| l.starts_with("{\"event\":\"rewrite\",\"node\":") && l.contains("\"to\":\"+:float\"")), "{err}");
    assert!(events.iter().any(|l| l.starts_with("{\"event\":\"rewrite-stats\"")), "{err}");
}

#[test]
fn no_specialize_keeps_calls_generic() {
    let err = run(&["--no-specialize", "--trace-rewrites", "--batch", "--eval", PROGRAM], false);
    assert!(!err.contains(":fixnum"), "{err}");
    assert!(err.contains(" uninit -> call "), "{err}");
}

#[test]
fn assumption_invalidations() {
    let program = "(progn (defun ta-f (x) (+ x 1)) (ta-f 1) (fset '+ (symbol-function '+)) (ta-f 2))";
    let err = run(&["--trace-assumptions", "--batch", "--eval", program], false);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("assumption ")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    let f: Vec<&str> = lines[0].split(' ').collect();
    assert_eq!(&f[1..3], &["+", "function"], "{err}");
    assert_eq!(f[4], "->");
    assert_eq!(f[6], "nodes");
    assert!(f[7].split(',').all(|id| id.parse::<u32>().is_ok()), "{err}");
    let json = run(&["--trace-assumptions", "--batch", "--eval", program], true);
    assert!(json.lines().any(|l| l.starts_with("{\"event\":\"assumption\",\"symbol\":\"+\",\"cell\":\"function\"")), "{json}");
}
