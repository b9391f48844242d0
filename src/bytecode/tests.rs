//! Unit tests of the byte-code interpreter.
