//! Unit tests of the printer: oracle-generated cases, streams, cycles and GC safety.
