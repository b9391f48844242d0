//! The two opcodes `with-output-to-temp-buffer` compiled to before Emacs
//! 24.1 (`temp-output-buffer-setup`, `temp-output-buffer-show`), which old
//! `.elc` files may still contain: print.c's `temp_output_buffer_setup`
//! (a fresh, erased buffer bound as `standard-output`) and window.c's
//! `temp_output_buffer_show` (reset the buffer, then hand it to
//! `temp-buffer-show-function` or `display-buffer`).

use super::unwind::Unwinds;
use crate::runtime::error::{wrong_type, LResult};
use crate::runtime::specpdl::{set_variable, specbind, specpdl_depth, symbol_value, unbind_to};
use crate::runtime::symbol::intern;
use crate::runtime::value::Value;
use crate::runtime::{funcall, sym};

fn call(name: &str, args: &[Value]) -> LResult {
    funcall(intern(name), args)
}

/// `temp-output-buffer-setup`: prepares the buffer named NAME and binds
/// `standard-output` to it (an entry of UNWINDS); returns the buffer.
pub fn setup(name: Value, unwinds: &mut Unwinds) -> LResult {
    if !name.is_string() {
        return Err(wrong_type(sym::STRINGP, name));
    }
    let old = call("current-buffer", &[])?;
    let buf = call("get-buffer-create", &[name])?;
    let r = prepare(buf);
    if crate::runtime::buffer::as_buffer(old).is_some_and(|b| b.live()) {
        crate::runtime::buffer::set_buffer(old);
    }
    r?;
    let depth = specpdl_depth();
    specbind(sym::STANDARD_OUTPUT, buf)?;
    unwinds.push_bind(depth);
    Ok(buf)
}

/// The buffer's reset, run with BUF current.
fn prepare(buf: Value) -> LResult<()> {
    let directory = symbol_value(intern("default-directory")).unwrap_or(Value::NIL);
    call("set-buffer", &[buf])?;
    call("kill-all-local-variables", &[])?;
    set_variable(intern("default-directory"), directory)?;
    set_variable(intern("buffer-read-only"), Value::NIL)?;
    set_variable(intern("buffer-file-name"), Value::NIL)?;
    set_variable(intern("buffer-undo-list"), Value::T)?;
    let depth = specpdl_depth();
    let r = (|| {
        specbind(intern("inhibit-read-only"), Value::T)?;
        specbind(intern("inhibit-modification-hooks"), Value::T)?;
        call("erase-buffer", &[])?;
        let multibyte = call("default-value", &[intern("enable-multibyte-characters")])?;
        call("set-buffer-multibyte", &[multibyte])?;
        call("run-hooks", &[intern("temp-buffer-setup-hook")])?;
        Ok(())
    })();
    unbind_to(depth);
    r
}

/// `temp-output-buffer-show`: widens BUF and puts its point at the start,
/// then shows it.
pub fn show(buf: Value) -> LResult<()> {
    let old = call("current-buffer", &[])?;
    let directory = symbol_value(intern("default-directory")).unwrap_or(Value::NIL);
    call("set-buffer", &[buf])?;
    let r = (|| {
        set_variable(intern("default-directory"), directory)?;
        call("widen", &[])?;
        call("goto-char", &[Value::fixnum(1)])?;
        Ok(())
    })();
    if crate::runtime::buffer::as_buffer(old).is_some_and(|b| b.live()) {
        crate::runtime::buffer::set_buffer(old);
    }
    r?;
    let show_function = symbol_value(intern("temp-buffer-show-function")).unwrap_or(Value::NIL);
    if !show_function.is_nil() {
        funcall(show_function, &[buf])?;
    } else {
        call("display-buffer", &[buf, Value::NIL, Value::NIL])?;
    }
    Ok(())
}
