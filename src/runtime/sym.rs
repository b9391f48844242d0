//! Well-known symbols, interned first at start-up so that each has a fixed
//! index and can be a compile-time `Value` constant (`sym::QUOTE`, `sym::ERROR`...).
//! Generated list; the order of `WELL_KNOWN` defines the indices.
#![allow(dead_code)]
use super::value::Value;

pub const NIL: Value = Value::symbol_from_index(0);
pub const T: Value = Value::symbol_from_index(1);
pub const QUOTE: Value = Value::symbol_from_index(2);
pub const FUNCTION: Value = Value::symbol_from_index(3);
pub const LAMBDA: Value = Value::symbol_from_index(4);
pub const CLOSURE: Value = Value::symbol_from_index(5);
pub const MACRO: Value = Value::symbol_from_index(6);
pub const INTERPRETED_FUNCTION: Value = Value::symbol_from_index(7);
pub const ERROR: Value = Value::symbol_from_index(8);
pub const QUIT: Value = Value::symbol_from_index(9);
pub const USER_ERROR: Value = Value::symbol_from_index(10);
pub const ARGS_OUT_OF_RANGE: Value = Value::symbol_from_index(11);
pub const ARITH_ERROR: Value = Value::symbol_from_index(12);
pub const OVERFLOW_ERROR: Value = Value::symbol_from_index(13);
pub const RANGE_ERROR: Value = Value::symbol_from_index(14);
pub const DOMAIN_ERROR: Value = Value::symbol_from_index(15);
pub const SINGULARITY_ERROR: Value = Value::symbol_from_index(16);
pub const UNDERFLOW_ERROR: Value = Value::symbol_from_index(17);
pub const VOID_FUNCTION: Value = Value::symbol_from_index(18);
pub const VOID_VARIABLE: Value = Value::symbol_from_index(19);
pub const WRONG_NUMBER_OF_ARGUMENTS: Value = Value::symbol_from_index(20);
pub const WRONG_TYPE_ARGUMENT: Value = Value::symbol_from_index(21);
pub const INVALID_FUNCTION: Value = Value::symbol_from_index(22);
pub const INVALID_READ_SYNTAX: Value = Value::symbol_from_index(23);
pub const END_OF_FILE: Value = Value::symbol_from_index(24);
pub const NO_CATCH: Value = Value::symbol_from_index(25);
pub const SETTING_CONSTANT: Value = Value::symbol_from_index(26);
pub const CYCLIC_FUNCTION_INDIRECTION: Value = Value::symbol_from_index(27);
pub const CYCLIC_VARIABLE_INDIRECTION: Value = Value::symbol_from_index(28);
pub const CIRCULAR_LIST: Value = Value::symbol_from_index(29);
pub const EXCESSIVE_LISP_NESTING: Value = Value::symbol_from_index(30);
pub const EXCESSIVE_VARIABLE_BINDING: Value = Value::symbol_from_index(31);
pub const WRONG_LENGTH_ARGUMENT: Value = Value::symbol_from_index(32);
pub const FILE_ERROR: Value = Value::symbol_from_index(33);
pub const FILE_MISSING: Value = Value::symbol_from_index(34);
pub const SCAN_ERROR: Value = Value::symbol_from_index(35);
pub const INVALID_REGEXP: Value = Value::symbol_from_index(36);
pub const SEARCH_FAILED: Value = Value::symbol_from_index(37);
pub const BEGINNING_OF_BUFFER: Value = Value::symbol_from_index(38);
pub const END_OF_BUFFER: Value = Value::symbol_from_index(39);
pub const BUFFER_READ_ONLY: Value = Value::symbol_from_index(40);
pub const TEXT_READ_ONLY: Value = Value::symbol_from_index(41);
pub const MARK_INACTIVE: Value = Value::symbol_from_index(42);
pub const RECURSION_ERROR: Value = Value::symbol_from_index(43);
pub const LISTP: Value = Value::symbol_from_index(44);
pub const CONSP: Value = Value::symbol_from_index(45);
pub const SYMBOLP: Value = Value::symbol_from_index(46);
pub const STRINGP: Value = Value::symbol_from_index(47);
pub const INTEGERP: Value = Value::symbol_from_index(48);
pub const NUMBERP: Value = Value::symbol_from_index(49);
pub const NUMBER_OR_MARKER_P: Value = Value::symbol_from_index(50);
pub const INTEGER_OR_MARKER_P: Value = Value::symbol_from_index(51);
pub const NATNUMP: Value = Value::symbol_from_index(52);
pub const FIXNUMP: Value = Value::symbol_from_index(53);
pub const BIGNUMP: Value = Value::symbol_from_index(54);
pub const SEQUENCEP: Value = Value::symbol_from_index(55);
pub const ARRAYP: Value = Value::symbol_from_index(56);
pub const VECTORP: Value = Value::symbol_from_index(57);
pub const CHAR_OR_STRING_P: Value = Value::symbol_from_index(58);
pub const CHARACTERP: Value = Value::symbol_from_index(59);
pub const FUNCTIONP: Value = Value::symbol_from_index(60);
pub const HASH_TABLE_P: Value = Value::symbol_from_index(61);
pub const WHOLENUMP: Value = Value::symbol_from_index(62);
pub const PLISTP: Value = Value::symbol_from_index(63);
pub const BOOL_VECTOR_P: Value = Value::symbol_from_index(64);
pub const CHAR_TABLE_P: Value = Value::symbol_from_index(65);
pub const RECORDP: Value = Value::symbol_from_index(66);
pub const FLOATP: Value = Value::symbol_from_index(67);
pub const BUFFERP: Value = Value::symbol_from_index(68);
pub const MARKERP: Value = Value::symbol_from_index(69);
pub const KEYWORDP: Value = Value::symbol_from_index(70);
pub const LIST_OR_VECTOR_P: Value = Value::symbol_from_index(71);
pub const STRING_OR_NULL_P: Value = Value::symbol_from_index(72);
pub const SYMBOL_OR_STRING_P: Value = Value::symbol_from_index(73);
pub const BOUNDP: Value = Value::symbol_from_index(74);
pub const FBOUNDP: Value = Value::symbol_from_index(75);
pub const AND_OPTIONAL: Value = Value::symbol_from_index(76);
pub const AND_REST: Value = Value::symbol_from_index(77);
pub const K_SUCCESS: Value = Value::symbol_from_index(78);
pub const K_TEST: Value = Value::symbol_from_index(79);
pub const K_SIZE: Value = Value::symbol_from_index(80);
pub const K_WEAKNESS: Value = Value::symbol_from_index(81);
pub const K_REHASH_SIZE: Value = Value::symbol_from_index(82);
pub const K_REHASH_THRESHOLD: Value = Value::symbol_from_index(83);
pub const K_PURECOPY: Value = Value::symbol_from_index(84);
pub const K_DOCUMENTATION: Value = Value::symbol_from_index(85);
pub const K_KEY: Value = Value::symbol_from_index(86);
pub const ERROR_CONDITIONS: Value = Value::symbol_from_index(87);
pub const ERROR_MESSAGE: Value = Value::symbol_from_index(88);
pub const INTERACTIVE: Value = Value::symbol_from_index(89);
pub const LEXICAL_BINDING: Value = Value::symbol_from_index(90);
pub const MAX_LISP_EVAL_DEPTH: Value = Value::symbol_from_index(91);
pub const PRINT_LENGTH: Value = Value::symbol_from_index(92);
pub const PRINT_LEVEL: Value = Value::symbol_from_index(93);
pub const PRINT_CIRCLE: Value = Value::symbol_from_index(94);
pub const PRINT_ESCAPE_NEWLINES: Value = Value::symbol_from_index(95);
pub const PRINT_GENSYM: Value = Value::symbol_from_index(96);
pub const PRINT_QUOTED: Value = Value::symbol_from_index(97);
pub const PRINT_ESCAPE_CONTROL_CHARACTERS: Value = Value::symbol_from_index(98);
pub const PRINT_ESCAPE_NONASCII: Value = Value::symbol_from_index(99);
pub const PRINT_ESCAPE_MULTIBYTE: Value = Value::symbol_from_index(100);
pub const FLOAT_OUTPUT_FORMAT: Value = Value::symbol_from_index(101);
pub const STANDARD_OUTPUT: Value = Value::symbol_from_index(102);
pub const STANDARD_INPUT: Value = Value::symbol_from_index(103);
pub const PRINT_SYMBOLS_BARE: Value = Value::symbol_from_index(104);
pub const PRINT_INTEGERS_AS_CHARACTERS: Value = Value::symbol_from_index(105);
pub const PRINT_UNREADABLE_FUNCTION: Value = Value::symbol_from_index(106);
pub const BACKQUOTE: Value = Value::symbol_from_index(107);
pub const BACKQUOTE_SYM: Value = Value::symbol_from_index(108);
pub const COMMA: Value = Value::symbol_from_index(109);
pub const COMMA_AT: Value = Value::symbol_from_index(110);
pub const DECLARE: Value = Value::symbol_from_index(111);
pub const DEFVAR: Value = Value::symbol_from_index(112);
pub const DEFCONST: Value = Value::symbol_from_index(113);
pub const EQ: Value = Value::symbol_from_index(114);
pub const EQL: Value = Value::symbol_from_index(115);
pub const EQUAL: Value = Value::symbol_from_index(116);
pub const KEY: Value = Value::symbol_from_index(117);
pub const VALUE: Value = Value::symbol_from_index(118);
pub const KEY_AND_VALUE: Value = Value::symbol_from_index(119);
pub const KEY_OR_VALUE: Value = Value::symbol_from_index(120);
pub const HASH_TABLE: Value = Value::symbol_from_index(121);
pub const TEST: Value = Value::symbol_from_index(122);
pub const DATA: Value = Value::symbol_from_index(123);
pub const SIZE: Value = Value::symbol_from_index(124);
pub const WEAKNESS: Value = Value::symbol_from_index(125);
pub const SUBR: Value = Value::symbol_from_index(126);
pub const SPECIAL_FORM: Value = Value::symbol_from_index(127);
pub const PRIMITIVE_FUNCTION: Value = Value::symbol_from_index(128);
pub const BYTE_CODE_FUNCTION: Value = Value::symbol_from_index(129);
pub const SUBR_NATIVE_ELISP: Value = Value::symbol_from_index(130);
pub const INTEGER: Value = Value::symbol_from_index(131);
pub const FLOAT: Value = Value::symbol_from_index(132);
pub const STRING: Value = Value::symbol_from_index(133);
pub const SYMBOL: Value = Value::symbol_from_index(134);
pub const CONS: Value = Value::symbol_from_index(135);
pub const VECTOR: Value = Value::symbol_from_index(136);
pub const BOOL_VECTOR: Value = Value::symbol_from_index(137);
pub const CHAR_TABLE: Value = Value::symbol_from_index(138);
pub const MARKER: Value = Value::symbol_from_index(139);
pub const BUFFER: Value = Value::symbol_from_index(140);
pub const RECORD: Value = Value::symbol_from_index(141);
pub const UNEVALLED: Value = Value::symbol_from_index(142);
pub const MANY: Value = Value::symbol_from_index(143);
pub const SETQ: Value = Value::symbol_from_index(144);
pub const IF: Value = Value::symbol_from_index(145);
pub const COND: Value = Value::symbol_from_index(146);
pub const AND: Value = Value::symbol_from_index(147);
pub const OR: Value = Value::symbol_from_index(148);
pub const PROGN: Value = Value::symbol_from_index(149);
pub const PROG1: Value = Value::symbol_from_index(150);
pub const LET: Value = Value::symbol_from_index(151);
pub const LET_STAR: Value = Value::symbol_from_index(152);
pub const WHILE: Value = Value::symbol_from_index(153);
pub const CATCH: Value = Value::symbol_from_index(154);
pub const UNWIND_PROTECT: Value = Value::symbol_from_index(155);
pub const CONDITION_CASE: Value = Value::symbol_from_index(156);
pub const SAVE_EXCURSION: Value = Value::symbol_from_index(157);
pub const SAVE_RESTRICTION: Value = Value::symbol_from_index(158);
pub const SAVE_CURRENT_BUFFER: Value = Value::symbol_from_index(159);
pub const INTERNAL_INTERPRETER_ENVIRONMENT: Value = Value::symbol_from_index(160);
pub const DEBUG_ON_ERROR: Value = Value::symbol_from_index(161);
pub const DEBUGGER: Value = Value::symbol_from_index(162);
pub const VARIABLE_DOCUMENTATION: Value = Value::symbol_from_index(163);
pub const RISKY_LOCAL_VARIABLE: Value = Value::symbol_from_index(164);
pub const EMACS_VERSION: Value = Value::symbol_from_index(165);
pub const FEATURES: Value = Value::symbol_from_index(166);
pub const LOAD_PATH: Value = Value::symbol_from_index(167);
pub const LOAD_FILE_NAME: Value = Value::symbol_from_index(168);
pub const NONINTERACTIVE: Value = Value::symbol_from_index(169);
pub const COMMAND_LINE_ARGS_LEFT: Value = Value::symbol_from_index(170);
pub const KILL_EMACS_HOOK: Value = Value::symbol_from_index(171);
pub const INHIBIT_QUIT: Value = Value::symbol_from_index(172);
pub const THROW_ON_INPUT: Value = Value::symbol_from_index(173);
pub const AUTOLOAD: Value = Value::symbol_from_index(174);
pub const DEFALIAS_FSET_FUNCTION: Value = Value::symbol_from_index(175);
pub const FUNCTION_DOCUMENTATION: Value = Value::symbol_from_index(176);
pub const SIDE_EFFECT_FREE: Value = Value::symbol_from_index(177);
pub const PURE: Value = Value::symbol_from_index(178);
pub const BYTE_OPTIMIZER: Value = Value::symbol_from_index(179);
pub const COMPILER_MACRO: Value = Value::symbol_from_index(180);
pub const LISP_INDENT_FUNCTION: Value = Value::symbol_from_index(181);
pub const DOC_STRING_ELT: Value = Value::symbol_from_index(182);
pub const INDENT: Value = Value::symbol_from_index(183);
pub const DEBUG: Value = Value::symbol_from_index(184);
pub const GV_EXPANDER: Value = Value::symbol_from_index(185);
pub const SETF: Value = Value::symbol_from_index(186);

pub const WELL_KNOWN: &[&str] = &[
    "nil",
    "t",
    "quote",
    "function",
    "lambda",
    "closure",
    "macro",
    "interpreted-function",
    "error",
    "quit",
    "user-error",
    "args-out-of-range",
    "arith-error",
    "overflow-error",
    "range-error",
    "domain-error",
    "singularity-error",
    "underflow-error",
    "void-function",
    "void-variable",
    "wrong-number-of-arguments",
    "wrong-type-argument",
    "invalid-function",
    "invalid-read-syntax",
    "end-of-file",
    "no-catch",
    "setting-constant",
    "cyclic-function-indirection",
    "cyclic-variable-indirection",
    "circular-list",
    "excessive-lisp-nesting",
    "excessive-variable-binding",
    "wrong-length-argument",
    "file-error",
    "file-missing",
    "scan-error",
    "invalid-regexp",
    "search-failed",
    "beginning-of-buffer",
    "end-of-buffer",
    "buffer-read-only",
    "text-read-only",
    "mark-inactive",
    "recursion-error",
    "listp",
    "consp",
    "symbolp",
    "stringp",
    "integerp",
    "numberp",
    "number-or-marker-p",
    "integer-or-marker-p",
    "natnump",
    "fixnump",
    "bignump",
    "sequencep",
    "arrayp",
    "vectorp",
    "char-or-string-p",
    "characterp",
    "functionp",
    "hash-table-p",
    "wholenump",
    "plistp",
    "bool-vector-p",
    "char-table-p",
    "recordp",
    "floatp",
    "bufferp",
    "markerp",
    "keywordp",
    "list-or-vector-p",
    "string-or-null-p",
    "symbol-or-string-p",
    "boundp",
    "fboundp",
    "&optional",
    "&rest",
    ":success",
    ":test",
    ":size",
    ":weakness",
    ":rehash-size",
    ":rehash-threshold",
    ":purecopy",
    ":documentation",
    ":key",
    "error-conditions",
    "error-message",
    "interactive",
    "lexical-binding",
    "max-lisp-eval-depth",
    "print-length",
    "print-level",
    "print-circle",
    "print-escape-newlines",
    "print-gensym",
    "print-quoted",
    "print-escape-control-characters",
    "print-escape-nonascii",
    "print-escape-multibyte",
    "float-output-format",
    "standard-output",
    "standard-input",
    "print-symbols-bare",
    "print-integers-as-characters",
    "print-unreadable-function",
    "backquote",
    "`",
    ",",
    ",@",
    "declare",
    "defvar",
    "defconst",
    "eq",
    "eql",
    "equal",
    "key",
    "value",
    "key-and-value",
    "key-or-value",
    "hash-table",
    "test",
    "data",
    "size",
    "weakness",
    "subr",
    "special-form",
    "primitive-function",
    "byte-code-function",
    "subr-native-elisp",
    "integer",
    "float",
    "string",
    "symbol",
    "cons",
    "vector",
    "bool-vector",
    "char-table",
    "marker",
    "buffer",
    "record",
    "unevalled",
    "many",
    "setq",
    "if",
    "cond",
    "and",
    "or",
    "progn",
    "prog1",
    "let",
    "let*",
    "while",
    "catch",
    "unwind-protect",
    "condition-case",
    "save-excursion",
    "save-restriction",
    "save-current-buffer",
    "internal-interpreter-environment",
    "debug-on-error",
    "debugger",
    "variable-documentation",
    "risky-local-variable",
    "emacs-version",
    "features",
    "load-path",
    "load-file-name",
    "noninteractive",
    "command-line-args-left",
    "kill-emacs-hook",
    "inhibit-quit",
    "throw-on-input",
    "autoload",
    "defalias-fset-function",
    "function-documentation",
    "side-effect-free",
    "pure",
    "byte-optimizer",
    "compiler-macro",
    "lisp-indent-function",
    "doc-string-elt",
    "indent",
    "debug",
    "gv-expander",
    "setf",
];
