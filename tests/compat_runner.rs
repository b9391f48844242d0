//! The conformance corpus runner: one libtest-mimic trial per
//! `tests/compat/NAME.el` (and per mode), comparing `enoki compat NAME.el`
//! with `NAME.tsv`, produced by GNU Emacs 30.1 (`tests/oracle/regenerate.sh`).
//!
//! Modes: `default`, `no-specialize` (`enoki --no-specialize compat`) and
//! `gc-stress` (`ENOKI_GC_STRESS=1`).  Forms known not to match yet are listed
//! in `tests/compat/known-failures.txt` as `NAME:N`; they are reported as known
//! failures, never as passes, and a listed form that starts to match fails the
//! trial until it is removed from the list, so the list stays exact.
//! On failure, each differing form is shown with its source, the expected line
//! and the actual line.

use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const MODES: &[&str] = &["default", "no-specialize", "gc-stress"];

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat");
    let known = known_failures(&dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/compat")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "el"))
        .collect();
    files.sort();
    let mut trials = Vec::new();
    for mode in MODES {
        for f in files.iter() {
            let name = f.file_stem().unwrap().to_string_lossy().to_string();
            let known_here: BTreeSet<usize> = known.get(&name).cloned().unwrap_or_default();
            let (f, mode) = (f.clone(), *mode);
            trials.push(Trial::test(format!("compat::{mode}::{name}"), move || run_file(&f, mode, &known_here)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// `NAME:N` lines (comments with `#`).
fn known_failures(dir: &Path) -> BTreeMap<String, BTreeSet<usize>> {
    let mut m: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let text = std::fs::read_to_string(dir.join("known-failures.txt")).unwrap_or_default();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some((name, n)) = line.split_once(':') {
            if let Ok(n) = n.trim().parse() {
                m.entry(name.trim().to_string()).or_default().insert(n);
            }
        }
    }
    m
}

fn run_file(el: &Path, mode: &str, known: &BTreeSet<usize>) -> Result<(), Failed> {
    let tsv = el.with_extension("tsv");
    let expected = std::fs::read(&tsv).map_err(|e| format!("{}: {e}", tsv.display()))?;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_enoki"));
    match mode {
        "no-specialize" => {
            cmd.arg("--no-specialize");
        }
        "gc-stress" => {
            cmd.env("ENOKI_GC_STRESS", "1");
        }
        _ => {}
    }
    let out = cmd.arg("compat").arg(el).output().map_err(|e| format!("cannot run enoki: {e}"))?;
    let expected = lines_by_form(&expected);
    let actual = lines_by_form(&out.stdout);
    let sources = split_forms(&std::fs::read(el).unwrap_or_default());
    let mut report = String::new();
    let mut failing = BTreeSet::new();
    for (n, exp) in expected.iter() {
        let act = actual.get(n);
        if act != Some(exp) {
            failing.insert(*n);
            if !known.contains(n) {
                let src = sources.get(n - 1).map(|s| s.as_str()).unwrap_or("?");
                report.push_str(&format!(
                    "form {n}: {}\n  expected: {}\n  actual:   {}\n",
                    clip(src),
                    clip(&String::from_utf8_lossy(exp)),
                    act.map(|a| clip(&String::from_utf8_lossy(a))).unwrap_or_else(|| "(no output)".into())
                ));
            }
        }
    }
    for n in actual.keys() {
        if !expected.contains_key(n) {
            report.push_str(&format!("form {n}: unexpected extra output\n"));
        }
    }
    let fixed: Vec<usize> = known.difference(&failing).copied().collect();
    if !fixed.is_empty() {
        report.push_str(&format!("now passing, remove from known-failures.txt: {fixed:?}\n"));
    }
    if !out.status.success() {
        report.push_str(&format!("enoki exited with {}; stderr:\n{}\n", out.status, clip(&String::from_utf8_lossy(&out.stderr))));
    }
    let known_count = failing.intersection(known).count();
    if report.is_empty() {
        if known_count > 0 {
            eprintln!("{}: {} of {} forms match; {known_count} known failures", el.display(), expected.len() - known_count, expected.len());
        }
        Ok(())
    } else {
        Err(report.into())
    }
}

fn clip(s: &str) -> String {
    let s = s.trim_end();
    if s.chars().count() > 300 {
        format!("{}...", s.chars().take(300).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Output lines keyed by form number (the text before the first tab).
fn lines_by_form(out: &[u8]) -> BTreeMap<usize, Vec<u8>> {
    let mut m = BTreeMap::new();
    for line in out.split(|b| *b == b'\n') {
        let Some(tab) = line.iter().position(|b| *b == b'\t') else { continue };
        if let Ok(n) = std::str::from_utf8(&line[..tab]).unwrap_or("").parse::<usize>() {
            m.entry(n).or_insert_with(|| line.to_vec());
        }
    }
    m
}

/// Splits Lisp source into top-level form texts (for failure reports only).
fn split_forms(src: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(src);
    let chars: Vec<char> = text.chars().collect();
    let mut forms = Vec::new();
    let (mut i, mut depth, mut start) = (0, 0i32, None);
    while i < chars.len() {
        let c = chars[i];
        match c {
            ';' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '"' => {
                start.get_or_insert(i);
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '?' => {
                start.get_or_insert(i);
                i += 1;
                if i < chars.len() && chars[i] == '\\' {
                    i += 1;
                }
            }
            '\\' => {
                start.get_or_insert(i);
                i += 1;
            }
            '(' | '[' => {
                start.get_or_insert(i);
                depth += 1;
            }
            ')' | ']' => depth -= 1,
            c if c.is_whitespace() => {
                if depth <= 0 {
                    if let Some(s) = start.take() {
                        forms.push(chars[s..i].iter().collect());
                    }
                    depth = 0;
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
        i += 1;
        if depth <= 0 && matches!(c, ')' | ']' | '"') {
            if let Some(s) = start.take() {
                forms.push(chars[s..i.min(chars.len())].iter().collect());
            }
            depth = 0;
        }
    }
    if let Some(s) = start {
        forms.push(chars[s..].iter().collect());
    }
    forms
}
