//! Process output in batch mode (temporary minimal version).
use std::io::Write;

pub fn write_stderr_line(line: &str) {
    let _ = std::io::stdout().flush();
    let _ = writeln!(std::io::stderr(), "{line}");
}
