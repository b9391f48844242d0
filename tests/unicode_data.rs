//! Enoki on GNU Emacs's real Unicode property data: with GNU Emacs 30.1's
//! lisp/international/charprop.el and uni-*.el installed, `enoki` loads
//! them through `unicode-property-table-internal` (compressed char-tables,
//! decoders, the byte-compiled decoders of the word-list tables) and
//! prints `get-char-code-property` of every charprop.el property for a
//! few thousand characters (tests/oracle/unicode-data.el), which must equal
//! what GNU Emacs 30.1 printed (tests/oracle/unicode-data.tsv, made by
//! tests/oracle/unicode-data.sh).  One trial per property.
//!
//! The library is found through `ENOKI_EMACS_LISP` (a `lisp/` directory),
//! else /usr/share/emacs/30.1/lisp.  Without it every trial is reported as
//! ignored, never as passed.  Enoki has no mule-cmds.el, so the run first
//! defines `define-char-code-property` and `get-char-code-property` as
//! mule-cmds.el does, then loads charprop.el as loadup.el does.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

/// mule-cmds.el's definitions that charprop.el and the driver need.
const SETUP: &str = r#"
(put 'char-code-property-table 'char-table-extra-slots 5)
(defun define-char-code-property (name table &optional docstring)
  (or (symbolp name)
      (error "Not a symbol: %s" name))
  (if (char-table-p table)
      (or (and (eq (char-table-subtype table) 'char-code-property-table)
               (eq (char-table-extra-slot table 0) name))
          (error "Invalid char-table: %s" table))
    (or (stringp table)
        (error "Not a char-table nor a file name: %s" table)))
  (if (and (stringp table)
           (char-table-p (cdr (assq name char-code-property-alist))))
      nil
    (let ((cell (assq name char-code-property-alist)))
      (if cell
          (setcdr cell table)
        (setq char-code-property-alist (cons (cons name table) char-code-property-alist))))
    (put name 'char-code-property-documentation docstring)))
(defvar char-code-property-table
  (make-char-table 'char-code-property-table))
(defun get-char-code-property (char propname)
  (let ((table (unicode-property-table-internal propname)))
    (if table
        (let ((func (char-table-extra-slot table 1)))
          (if (functionp func)
              (funcall func char (aref table char) table)
            (get-unicode-property-internal table char)))
      (plist-get (aref char-code-property-table char) propname))))
(load "international/charprop" nil t)
"#;

fn lisp_dir() -> PathBuf {
    match std::env::var_os("ENOKI_EMACS_LISP") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from("/usr/share/emacs/30.1/lisp"),
    }
}

fn available(dir: &Path) -> bool {
    dir.join("international/charprop.el").is_file() && dir.join("international/uni-category.el").is_file()
}

/// Rows of tab-separated fields.
fn rows(text: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(text).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// Runs the driver through enoki once; its output rows.
fn run_enoki(dir: &Path) -> Result<Vec<Vec<String>>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let setup = std::env::temp_dir().join(format!("enoki-unicode-data-{}.el", std::process::id()));
    let text = format!("(setq load-path (list {:?}))\n{SETUP}", dir.to_string_lossy());
    std::fs::write(&setup, text).map_err(|e| format!("{}: {e}", setup.display()))?;
    let out = Command::new(env!("CARGO_BIN_EXE_enoki"))
        .arg("--batch")
        .arg("-l")
        .arg(&setup)
        .arg("-l")
        .arg(root.join("tests/oracle/unicode-data.el"))
        .output()
        .map_err(|e| format!("cannot run enoki: {e}"));
    let _ = std::fs::remove_file(&setup);
    let out = out?;
    if !out.status.success() {
        return Err(format!("enoki exited with {}; stderr:\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(rows(&out.stdout))
}

/// Compares column COL (a property) of ACTUAL with EXPECTED, row by row.
fn compare(expected: &[Vec<String>], actual: &[Vec<String>], col: usize) -> Result<(), Failed> {
    let field = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_else(|| "(missing)".into());
    let mut report = String::new();
    let mut bad = 0;
    for (n, exp) in expected.iter().enumerate().skip(1) {
        let act = actual.get(n);
        let (e, a) = (field(exp, col), act.map_or("(no row)".into(), |r| field(r, col)));
        let char_ok = act.is_some_and(|r| field(r, 0) == field(exp, 0));
        if e != a || !char_ok {
            bad += 1;
            if bad <= 20 {
                report.push_str(&format!("char {}: expected {e}, got {a}\n", field(exp, 0)));
            }
        }
    }
    if actual.len() != expected.len() {
        report.push_str(&format!("{} rows, expected {}\n", actual.len(), expected.len()));
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(format!("{bad} characters differ\n{report}").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = Arc::new(rows(&std::fs::read(root.join("tests/oracle/unicode-data.tsv")).expect("tests/oracle/unicode-data.tsv")));
    let dir = lisp_dir();
    let ok = available(&dir);
    let result: Arc<OnceLock<Result<Vec<Vec<String>>, String>>> = Arc::new(OnceLock::new());
    let header = expected.first().cloned().unwrap_or_default();
    let mut trials = Vec::new();
    for (col, prop) in header.iter().enumerate().skip(1) {
        let (expected, result, dir) = (expected.clone(), result.clone(), dir.clone());
        let trial = Trial::test(format!("unicode_data::{prop}"), move || {
            if !available(&dir) {
                return Err(format!("GNU Emacs 30.1's lisp/international is not in {}", dir.display()).into());
            }
            let actual = result.get_or_init(|| run_enoki(&dir)).as_ref().map_err(|e| Failed::from(e.as_str()))?;
            if actual.first() != expected.first() {
                return Err(format!("header differs: {:?}", actual.first()).into());
            }
            compare(&expected, actual, col)
        });
        trials.push(trial.with_ignored_flag(!ok));
    }
    libtest_mimic::run(&args, trials).exit();
}
