//! The byte-code instruction set of GNU Emacs 30 (bytecode.c's `BYTE_CODES`):
//! one constant per opcode, and the table of the opcodes that simply pop
//! their operands, call one primitive and push its value (`PRIMITIVE_OPS`),
//! resolved once to Enoki's own subrs so that an opcode keeps calling the
//! primitive even when Lisp code redefines the symbol, as the C ops do.

use crate::runtime::subr::SubrDef;
use std::sync::OnceLock;

pub const STACK_REF: u8 = 0;
pub const VARREF: u8 = 0o10;
pub const VARSET: u8 = 0o20;
pub const VARBIND: u8 = 0o30;
pub const CALL: u8 = 0o40;
pub const UNBIND: u8 = 0o50;

pub const POPHANDLER: u8 = 0o60;
pub const PUSHCONDITIONCASE: u8 = 0o61;
pub const PUSHCATCH: u8 = 0o62;

pub const NTH: u8 = 0o70;
pub const SYMBOLP: u8 = 0o71;
pub const CONSP: u8 = 0o72;
pub const STRINGP: u8 = 0o73;
pub const LISTP: u8 = 0o74;
pub const EQ: u8 = 0o75;
pub const MEMQ: u8 = 0o76;
pub const NOT: u8 = 0o77;
pub const CAR: u8 = 0o100;
pub const CDR: u8 = 0o101;
pub const CONS: u8 = 0o102;
pub const LIST1: u8 = 0o103;
pub const LIST2: u8 = 0o104;
pub const LIST3: u8 = 0o105;
pub const LIST4: u8 = 0o106;
pub const LENGTH: u8 = 0o107;
pub const AREF: u8 = 0o110;
pub const ASET: u8 = 0o111;
pub const SYMBOL_VALUE: u8 = 0o112;
pub const SYMBOL_FUNCTION: u8 = 0o113;
pub const SET: u8 = 0o114;
pub const FSET: u8 = 0o115;
pub const GET: u8 = 0o116;
pub const SUBSTRING: u8 = 0o117;
pub const CONCAT2: u8 = 0o120;
pub const CONCAT3: u8 = 0o121;
pub const CONCAT4: u8 = 0o122;
pub const SUB1: u8 = 0o123;
pub const ADD1: u8 = 0o124;
pub const EQLSIGN: u8 = 0o125;
pub const GTR: u8 = 0o126;
pub const LSS: u8 = 0o127;
pub const LEQ: u8 = 0o130;
pub const GEQ: u8 = 0o131;
pub const DIFF: u8 = 0o132;
pub const NEGATE: u8 = 0o133;
pub const PLUS: u8 = 0o134;
pub const MAX: u8 = 0o135;
pub const MIN: u8 = 0o136;
pub const MULT: u8 = 0o137;

pub const POINT: u8 = 0o140;
/// 0141 was `save-current-buffer` in Emacs 18-19 (obsolete since 20).
pub const SAVE_CURRENT_BUFFER_OBSOLETE: u8 = 0o141;
pub const GOTO_CHAR: u8 = 0o142;
pub const INSERT: u8 = 0o143;
pub const POINT_MAX: u8 = 0o144;
pub const POINT_MIN: u8 = 0o145;
pub const CHAR_AFTER: u8 = 0o146;
pub const FOLLOWING_CHAR: u8 = 0o147;
pub const PRECEDING_CHAR: u8 = 0o150;
pub const CURRENT_COLUMN: u8 = 0o151;
pub const INDENT_TO: u8 = 0o152;
pub const EOLP: u8 = 0o154;
pub const EOBP: u8 = 0o155;
pub const BOLP: u8 = 0o156;
pub const BOBP: u8 = 0o157;
pub const CURRENT_BUFFER: u8 = 0o160;
pub const SET_BUFFER: u8 = 0o161;
pub const SAVE_CURRENT_BUFFER: u8 = 0o162;
/// Obsolete since Emacs 24.1.
pub const INTERACTIVE_P: u8 = 0o164;

pub const FORWARD_CHAR: u8 = 0o165;
pub const FORWARD_WORD: u8 = 0o166;
pub const SKIP_CHARS_FORWARD: u8 = 0o167;
pub const SKIP_CHARS_BACKWARD: u8 = 0o170;
pub const FORWARD_LINE: u8 = 0o171;
pub const CHAR_SYNTAX: u8 = 0o172;
pub const BUFFER_SUBSTRING: u8 = 0o173;
pub const DELETE_REGION: u8 = 0o174;
pub const NARROW_TO_REGION: u8 = 0o175;
pub const WIDEN: u8 = 0o176;
pub const END_OF_LINE: u8 = 0o177;

pub const CONSTANT2: u8 = 0o201;
pub const GOTO: u8 = 0o202;
pub const GOTOIFNIL: u8 = 0o203;
pub const GOTOIFNONNIL: u8 = 0o204;
pub const GOTOIFNILELSEPOP: u8 = 0o205;
pub const GOTOIFNONNILELSEPOP: u8 = 0o206;
pub const RETURN: u8 = 0o207;
pub const DISCARD: u8 = 0o210;
pub const DUP: u8 = 0o211;

pub const SAVE_EXCURSION: u8 = 0o212;
/// Obsolete since Emacs 24.1.
pub const SAVE_WINDOW_EXCURSION: u8 = 0o213;
pub const SAVE_RESTRICTION: u8 = 0o214;
/// Obsolete since Emacs 25.
pub const CATCH: u8 = 0o215;
pub const UNWIND_PROTECT: u8 = 0o216;
/// Obsolete since Emacs 25.
pub const CONDITION_CASE: u8 = 0o217;
/// Obsolete since Emacs 24.1.
pub const TEMP_OUTPUT_BUFFER_SETUP: u8 = 0o220;
/// Obsolete since Emacs 24.1.
pub const TEMP_OUTPUT_BUFFER_SHOW: u8 = 0o221;

pub const SET_MARKER: u8 = 0o223;
pub const MATCH_BEGINNING: u8 = 0o224;
pub const MATCH_END: u8 = 0o225;
pub const UPCASE: u8 = 0o226;
pub const DOWNCASE: u8 = 0o227;
pub const STRINGEQLSIGN: u8 = 0o230;
pub const STRINGLSS: u8 = 0o231;
pub const EQUAL: u8 = 0o232;
pub const NTHCDR: u8 = 0o233;
pub const ELT: u8 = 0o234;
pub const MEMBER: u8 = 0o235;
pub const ASSQ: u8 = 0o236;
pub const NREVERSE: u8 = 0o237;
pub const SETCAR: u8 = 0o240;
pub const SETCDR: u8 = 0o241;
pub const CAR_SAFE: u8 = 0o242;
pub const CDR_SAFE: u8 = 0o243;
pub const NCONC: u8 = 0o244;
pub const QUO: u8 = 0o245;
pub const REM: u8 = 0o246;
pub const NUMBERP: u8 = 0o247;
pub const INTEGERP: u8 = 0o250;

pub const LISTN: u8 = 0o257;
pub const CONCATN: u8 = 0o260;
pub const INSERTN: u8 = 0o261;
pub const STACK_SET: u8 = 0o262;
pub const STACK_SET2: u8 = 0o263;
pub const DISCARDN: u8 = 0o266;
pub const SWITCH: u8 = 0o267;
pub const CONSTANT: u8 = 0o300;

/// `nth` and `elt` walk at most this many conses inline (lisp.h's
/// `SMALL_LIST_LEN_MAX`); a larger index goes through the primitive.
pub const SMALL_LIST_LEN_MAX: i64 = 127;

/// Opcodes that pop N operands, call a primitive with them (in stack order)
/// and push its value: (opcode, primitive name, N).  `not` is `null`,
/// `string=` is `string-equal` and `string<` is `string-lessp`, as in Emacs.
pub const PRIMITIVE_OPS: &[(u8, &str, u8)] = &[
    (MEMQ, "memq", 2),
    (LENGTH, "length", 1),
    (AREF, "aref", 2),
    (ASET, "aset", 3),
    (SYMBOL_VALUE, "symbol-value", 1),
    (SYMBOL_FUNCTION, "symbol-function", 1),
    (SET, "set", 2),
    (FSET, "fset", 2),
    (GET, "get", 2),
    (SUBSTRING, "substring", 3),
    (CONCAT2, "concat", 2),
    (CONCAT3, "concat", 3),
    (CONCAT4, "concat", 4),
    (SUB1, "1-", 1),
    (ADD1, "1+", 1),
    (EQLSIGN, "=", 2),
    (GTR, ">", 2),
    (LSS, "<", 2),
    (LEQ, "<=", 2),
    (GEQ, ">=", 2),
    (DIFF, "-", 2),
    (NEGATE, "-", 1),
    (PLUS, "+", 2),
    (MAX, "max", 2),
    (MIN, "min", 2),
    (MULT, "*", 2),
    (POINT, "point", 0),
    (GOTO_CHAR, "goto-char", 1),
    (INSERT, "insert", 1),
    (POINT_MAX, "point-max", 0),
    (POINT_MIN, "point-min", 0),
    (CHAR_AFTER, "char-after", 1),
    (FOLLOWING_CHAR, "following-char", 0),
    (PRECEDING_CHAR, "preceding-char", 0),
    (CURRENT_COLUMN, "current-column", 0),
    (INDENT_TO, "indent-to", 1),
    (EOLP, "eolp", 0),
    (EOBP, "eobp", 0),
    (BOLP, "bolp", 0),
    (BOBP, "bobp", 0),
    (CURRENT_BUFFER, "current-buffer", 0),
    (SET_BUFFER, "set-buffer", 1),
    (INTERACTIVE_P, "interactive-p", 0),
    (FORWARD_CHAR, "forward-char", 1),
    (FORWARD_WORD, "forward-word", 1),
    (SKIP_CHARS_FORWARD, "skip-chars-forward", 2),
    (SKIP_CHARS_BACKWARD, "skip-chars-backward", 2),
    (FORWARD_LINE, "forward-line", 1),
    (CHAR_SYNTAX, "char-syntax", 1),
    (BUFFER_SUBSTRING, "buffer-substring", 2),
    (DELETE_REGION, "delete-region", 2),
    (NARROW_TO_REGION, "narrow-to-region", 2),
    (WIDEN, "widen", 0),
    (END_OF_LINE, "end-of-line", 1),
    (SET_MARKER, "set-marker", 3),
    (MATCH_BEGINNING, "match-beginning", 1),
    (MATCH_END, "match-end", 1),
    (UPCASE, "upcase", 1),
    (DOWNCASE, "downcase", 1),
    (STRINGEQLSIGN, "string-equal", 2),
    (STRINGLSS, "string-lessp", 2),
    (EQUAL, "equal", 2),
    (NTHCDR, "nthcdr", 2),
    (NTH, "nth", 2),
    (ELT, "elt", 2),
    (MEMBER, "member", 2),
    (ASSQ, "assq", 2),
    (NREVERSE, "nreverse", 1),
    (SETCAR, "setcar", 2),
    (SETCDR, "setcdr", 2),
    (NCONC, "nconc", 2),
    (QUO, "/", 2),
    (REM, "%", 2),
];

/// What an opcode of `PRIMITIVE_OPS` calls: Enoki's subr of that name, or
/// (for a primitive Enoki defines in Lisp, or lacks) the symbol, called
/// through its function cell.
#[derive(Copy, Clone)]
pub enum Primitive {
    Subr(&'static SubrDef),
    Named(&'static str),
}

/// One entry per opcode: the primitive it calls and its operand count.
pub struct PrimTable {
    pub entries: [Option<(Primitive, u8)>; 256],
}

static TABLE: OnceLock<PrimTable> = OnceLock::new();

/// The resolved primitive table (built on first use).
pub fn primitives() -> &'static PrimTable {
    TABLE.get_or_init(|| {
        let mut entries = [None; 256];
        for &(op, name, nargs) in PRIMITIVE_OPS {
            let def = crate::builtins::all_tables().iter().flat_map(|t| t.iter()).find(|d| d.name == name);
            let prim = match def {
                Some(d) => Primitive::Subr(d),
                None => Primitive::Named(name),
            };
            entries[op as usize] = Some((prim, nargs));
        }
        PrimTable { entries }
    })
}

/// The name of the primitive opcode OP calls (for tests and diagnostics).
pub fn primitive_name(op: u8) -> Option<&'static str> {
    PRIMITIVE_OPS.iter().find(|e| e.0 == op).map(|e| e.1)
}

/// Whether OP is an opcode GNU Emacs 30 defines (`Invalid byte opcode`
/// otherwise).  Constants (0300 and up) are all defined.
pub fn is_defined(op: u8) -> bool {
    !matches!(op, 0 | 0o63..=0o67 | 0o153 | 0o163 | 0o200 | 0o222 | 0o251..=0o256 | 0o264 | 0o265 | 0o270..=0o277)
}
