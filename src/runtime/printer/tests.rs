//! Unit tests of the printer: oracle-generated cases, streams, cycles and GC safety.

use super::prin1_to_string;
use crate::runtime::specpdl::{specbind, specpdl_depth, unbind_to};
use crate::runtime::sym;
use crate::runtime::symbol::{intern, make_symbol};
use crate::runtime::symbol_pos;
use crate::runtime::value::Value;

use crate::builtins::testutil::setup;

fn printed(v: Value, escape: bool) -> String {
    prin1_to_string(v, escape).map(|s| s.string_ref().to_string_lossy()).unwrap_or_default()
}

#[test]
fn symbols_with_position() {
    setup();
    let p = symbol_pos::make(intern("a b"), Value::fixnum(12));
    // (prin1-to-string (position-symbol 'a\ b 12)) -> "#<symbol a\\ b at 12>"
    assert_eq!(printed(p, true), "#<symbol a\\ b at 12>");
    // (prin1-to-string (position-symbol 'a\ b 12) t) -> "#<symbol a b at 12>"
    assert_eq!(printed(p, false), "#<symbol a b at 12>");
    let count = specpdl_depth();
    specbind(sym::PRINT_SYMBOLS_BARE, Value::T).unwrap();
    assert_eq!(printed(p, true), "a\\ b");
    unbind_to(count);
    // (let ((print-gensym t)) (prin1-to-string (position-symbol (make-symbol "u") 7)))
    //   -> "#<symbol #:u at 7>"
    let u = symbol_pos::make(make_symbol(crate::runtime::string::make_string("u")), Value::fixnum(7));
    specbind(sym::PRINT_GENSYM, Value::T).unwrap();
    assert_eq!(printed(u, true), "#<symbol #:u at 7>");
    unbind_to(count);
    assert_eq!(printed(u, true), "#<symbol u at 7>");
}
