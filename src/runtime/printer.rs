//! The printer (stub, being written).
use super::error::LResult;
use super::value::Value;

/// Appends the printed representation of V (prin1 when ESCAPE, princ otherwise)
/// to OUT as internal multibyte text.
pub fn print_object(v: Value, escape: bool, out: &mut super::string::StringBuilder) -> LResult<()> {
    let _ = (v, escape, out);
    Ok(())
}

pub fn prin1_to_string_lossy(v: Value) -> String {
    format!("#<value {:x}>", v.0)
}
