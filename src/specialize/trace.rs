//! Rewrite trace events and statistics, in stable formats for tools.
//!
//! Text format (`--trace-rewrites`), one line per rewrite on stderr:
//!   `rewrite <node-id> <from-kind> -> <to-kind> <reason> <position>`
//! JSON lines when `ENOKI_TRACE_FORMAT=json`:
//!   `{"event":"rewrite","node":N,"from":"..","to":"..","reason":"..","pos":".."}`
//! `--rewrite-stats` prints at exit one line per (from, to) pair with its count:
//!   `rewrite-stats <count> <from-kind> -> <to-kind>`

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

thread_local! {
    static TRACE: Cell<bool> = const { Cell::new(false) };
    static STATS: Cell<bool> = const { Cell::new(false) };
    static JSON: Cell<bool> = const { Cell::new(false) };
    static COUNTS: RefCell<BTreeMap<(&'static str, &'static str), u64>> = const { RefCell::new(BTreeMap::new()) };
}

#[inline]
pub fn enabled() -> bool {
    TRACE.with(|c| c.get()) || STATS.with(|c| c.get())
}

pub fn configure(trace: bool, stats: bool) {
    TRACE.with(|c| c.set(trace));
    STATS.with(|c| c.set(stats));
    JSON.with(|c| c.set(std::env::var("ENOKI_TRACE_FORMAT").map(|v| v == "json").unwrap_or(false)));
}

pub fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Whether traces are JSON lines (`ENOKI_TRACE_FORMAT=json`).
pub fn json() -> bool {
    JSON.with(|c| c.get())
}

pub fn rewrite_event(id: u32, from: &'static str, to: &'static str, reason: &str, pos: &str) {
    if STATS.with(|c| c.get()) {
        COUNTS.with(|c| *c.borrow_mut().entry((from, to)).or_insert(0) += 1);
    }
    if TRACE.with(|c| c.get()) {
        let line = if JSON.with(|c| c.get()) {
            format!(
                "{{\"event\":\"rewrite\",\"node\":{id},\"from\":{},\"to\":{},\"reason\":{},\"pos\":{}}}",
                json_str(from),
                json_str(to),
                json_str(reason),
                json_str(pos)
            )
        } else {
            format!("rewrite {id} {from} -> {to} {reason} {pos}")
        };
        crate::runtime::output::write_stderr_line(&line);
    }
}

/// Prints the histogram (at exit, under `--rewrite-stats`).
pub fn print_stats() {
    if !STATS.with(|c| c.get()) {
        return;
    }
    let json = JSON.with(|c| c.get());
    COUNTS.with(|c| {
        for ((from, to), n) in c.borrow().iter() {
            let line = if json {
                format!("{{\"event\":\"rewrite-stats\",\"from\":{},\"to\":{},\"count\":{n}}}", json_str(from), json_str(to))
            } else {
                format!("rewrite-stats {n} {from} -> {to}")
            };
            crate::runtime::output::write_stderr_line(&line);
        }
    });
}
