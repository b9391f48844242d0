//! Static analysis of compiled patterns, as regex-emacs.c does it: walking
//! every "first character" operation reachable from a point
//! (`forall_firstchar`), deciding whether a loop body can match the empty
//! string, building the fastmap of possible first bytes, and proving that a
//! loop body and what follows it are mutually exclusive (which turns
//! `on_failure_jump_smart` into a non-backtracking loop).  The walk uses an
//! explicit stack of pending paths, visiting them in the order Emacs's
//! recursion does.

use super::compile::{charset_end, extract_address, extract_number};
use super::op::*;
use super::{char_to_multibyte, leading_code};
use crate::runtime::string::decode_char;

/// The first (smaller) destination of a two-way jump, to continue at once
/// the path through the second one is done (`do_jump` in Emacs).
struct Pending {
    newp1: i64,
    newp2: i64,
    p_orig: i64,
    loop_beg: i64,
    loop_end: i64,
}

fn op_at(b: &[u8], p: i64) -> u8 {
    if p < 0 {
        return SUCCEED;
    }
    b.get(p as usize).copied().unwrap_or(SUCCEED)
}

fn addr(b: &[u8], p: i64) -> i64 {
    if p < 0 || p as usize + 1 >= b.len() {
        return b.len() as i64;
    }
    extract_address(b, p as usize) as i64
}

/// `do_jump`: moving to NEWP1 from P_ORIG, entering a nested loop ending at
/// NEWP2 when it jumps backward.  Some(result) ends the path.
fn do_jump(newp1: i64, newp2: i64, p_orig: i64, loop_beg: &mut i64, loop_end: &mut i64) -> Option<bool> {
    if newp1 <= p_orig {
        if newp1 < *loop_beg {
            return Some(false);
        } else if newp1 == *loop_beg {
            return Some(true);
        }
        *loop_beg = newp1;
        *loop_end = newp2;
    }
    None
}

/// `forall_firstchar`: true if PEND cannot be reached from P without going
/// through an operation for which F returned true (see regex-emacs.c).
/// WHOLE: the loop bounds are the whole pattern (analysis after compiling).
pub fn forall_firstchar(b: &[u8], p: usize, pend: Option<usize>, whole: bool, f: &mut dyn FnMut(usize) -> bool) -> bool {
    let pend = pend.map(|x| x as i64).unwrap_or(-1);
    let (loop_beg, loop_end) = if whole { (-1, b.len() as i64 + 1) } else { (p as i64, pend) };
    let mut stack: Vec<Pending> = Vec::new();
    if !walk(b, p as i64, pend, loop_beg, loop_end, f, &mut stack) {
        return false;
    }
    while let Some(pd) = stack.pop() {
        let (mut lb, mut le) = (pd.loop_beg, pd.loop_end);
        match do_jump(pd.newp1, pd.newp2, pd.p_orig, &mut lb, &mut le) {
            Some(false) => return false,
            Some(true) => continue,
            None => {
                if !walk(b, pd.newp1, pend, lb, le, f, &mut stack) {
                    return false;
                }
            }
        }
    }
    true
}

/// One path of `forall_firstchar_1`.  A two-way jump explores its larger
/// destination first (here) and leaves the smaller one on STACK, which is
/// the order of Emacs's recursion.
fn walk(
    b: &[u8],
    mut p: i64,
    pend: i64,
    mut loop_beg: i64,
    mut loop_end: i64,
    f: &mut dyn FnMut(usize) -> bool,
    stack: &mut Vec<Pending>,
) -> bool {
    loop {
        if p == pend {
            return false;
        } else if p == loop_end {
            return true;
        } else if p > loop_end {
            return false;
        }
        let p_orig = p;
        let op = op_at(b, p);
        let (newp1, newp2);
        match op {
            NO_OP => {
                p += 1;
                continue;
            }
            SUCCEED | EXACTN | CHARSET | CHARSET_NOT | ANYCHAR | SYNTAXSPEC | NOTSYNTAXSPEC | CATEGORYSPEC | NOTCATEGORYSPEC => {
                return f((p as usize).min(b.len()));
            }
            AT_DOT | BEGBUF | WORDBOUND | NOTWORDBOUND | BEGLINE | ENDLINE | ENDBUF | WORDBEG | WORDEND | SYMBEG | SYMEND => {
                if f(p as usize) {
                    return true;
                }
                p += 1;
                continue;
            }
            JUMP | JUMP_N => {
                let n1 = addr(b, p + 1);
                if n1 > p {
                    p = n1;
                    continue;
                }
                match op_at(b, n1) {
                    ON_FAILURE_JUMP
                    | ON_FAILURE_KEEP_STRING_JUMP
                    | ON_FAILURE_JUMP_NASTYLOOP
                    | ON_FAILURE_JUMP_LOOP
                    | ON_FAILURE_JUMP_SMART
                    | SUCCEED_N => {
                        newp1 = n1;
                        newp2 = addr(b, n1 + 1);
                    }
                    _ => {
                        let le = loop_end;
                        match do_jump(n1, le, p_orig, &mut loop_beg, &mut loop_end) {
                            Some(r) => return r,
                            None => {
                                p = n1;
                                continue;
                            }
                        }
                    }
                }
            }
            ON_FAILURE_JUMP | ON_FAILURE_KEEP_STRING_JUMP | ON_FAILURE_JUMP_NASTYLOOP | ON_FAILURE_JUMP_LOOP | ON_FAILURE_JUMP_SMART => {
                let n1 = addr(b, p + 1);
                let mut n2 = p + 3;
                if op_at(b, n2) == JUMP {
                    let p3 = addr(b, n2 + 1);
                    if p3 > p_orig || n1 > p_orig {
                        n2 = p3;
                    }
                }
                newp1 = n1;
                newp2 = n2;
            }
            SUCCEED_N => {
                newp1 = addr(b, p + 1);
                newp2 = p + 5;
            }
            SET_NUMBER_AT => {
                let offset = if (p as usize + 2) < b.len() { extract_number(b, p as usize + 1) } else { 0 };
                p += if offset == 5 && op_at(b, p + 5) == SUCCEED_N { 10 } else { 5 };
                continue;
            }
            START_MEMORY | STOP_MEMORY => {
                p += 2;
                continue;
            }
            DUPLICATE => {
                if !f(p as usize) {
                    return false;
                }
                p += 2;
                continue;
            }
            _ => return false,
        }
        let (lo, hi) = if newp1 > newp2 { (newp2, newp1) } else { (newp1, newp2) };
        if hi <= p_orig {
            return false;
        }
        stack.push(Pending { newp1: lo, newp2: hi, p_orig, loop_beg, loop_end });
        p = hi;
    }
}

/// `analyze_first` without a fastmap: can P..PEND (during compilation)
/// match the empty string?
pub fn can_match_empty(b: &[u8], p: usize, pend: usize) -> bool {
    let mut f = |q: usize| -> bool {
        !matches!(
            op_at(b, q as i64),
            AT_DOT | BEGBUF | WORDBOUND | NOTWORDBOUND | BEGLINE | ENDLINE | ENDBUF | WORDBEG | WORDEND | SYMBEG | SYMEND
        )
    };
    !forall_firstchar(b, p, Some(pend), false, &mut f)
}

/// The fastmap of a compiled pattern: which bytes (or leading codes of
/// multibyte characters) can start a match, and whether it can match empty.
pub fn compile_fastmap(b: &[u8], multibyte: bool, has_category: &dyn Fn(u32, u8) -> bool) -> ([bool; 256], bool) {
    let mut fm = [false; 256];
    let mut any_multibyte = false;
    let mut f = |q: usize| -> bool { fastmap_one(b, q, multibyte, &mut fm, &mut any_multibyte, has_category) };
    let safe = forall_firstchar(b, 0, Some(b.len()), true, &mut f);
    (fm, !safe)
}

fn set_all_leading(fm: &mut [bool; 256], any: &mut bool) {
    if !*any {
        for x in fm.iter_mut().take(0xF8 + 1).skip(0xC0) {
            *x = true;
        }
        *any = true;
    }
}

fn fastmap_one(b: &[u8], p: usize, multibyte: bool, fm: &mut [bool; 256], any: &mut bool, has_category: &dyn Fn(u32, u8) -> bool) -> bool {
    let op = op_at(b, p as i64);
    match op {
        SUCCEED => false,
        DUPLICATE => true,
        EXACTN => {
            let Some(&first) = b.get(p + 2) else {
                return false;
            };
            fm[first as usize] = true;
            if multibyte {
                if first == 0xC0 || first == 0xC1 {
                    let (c, _) = decode_char(&b[p + 2..]);
                    fm[(c - super::BYTE8_BASE) as usize & 0xff] = true;
                }
            } else {
                fm[leading_code(char_to_multibyte(first as u32)) as usize] = true;
            }
            true
        }
        ANYCHAR => false,
        CHARSET | CHARSET_NOT => {
            let not = op == CHARSET_NOT;
            let size = (b[p + 1] & 0x7f) as usize;
            let nbits = size * 8;
            if not {
                for x in fm.iter_mut().skip(nbits) {
                    *x = true;
                }
            }
            let bit = |j: usize| b[p + 2 + j / 8] & (1 << (j % 8)) != 0;
            for (j, slot) in fm.iter_mut().enumerate().take(nbits) {
                if bit(j) ^ not {
                    *slot = true;
                }
            }
            for j in 0x80..nbits {
                if bit(j) ^ not {
                    fm[leading_code(super::BYTE8_BASE + j as u32) as usize] = true;
                }
            }
            let has_rt = b[p + 1] & 0x80 != 0;
            let rt_bits = if has_rt { b[p + 2 + size] as u32 | (b[p + 3 + size] as u32) << 8 } else { 0 };
            if not || (has_rt && rt_bits != 0) {
                set_all_leading(fm, any);
            } else if has_rt && !*any {
                let rt = p + 4 + size;
                let count = extract_number(b, rt) as usize;
                let mut q = rt + 2;
                for _ in 0..count {
                    let c1 = b[q] as u32 | (b[q + 1] as u32) << 8 | (b[q + 2] as u32) << 16;
                    let c2 = b[q + 3] as u32 | (b[q + 4] as u32) << 8 | (b[q + 5] as u32) << 16;
                    for j in leading_code(c1)..=leading_code(c2) {
                        fm[j as usize] = true;
                    }
                    q += 6;
                }
            }
            true
        }
        SYNTAXSPEC | NOTSYNTAXSPEC => false,
        CATEGORYSPEC | NOTCATEGORYSPEC => {
            let not = op == NOTCATEGORYSPEC;
            let k = b[p + 1];
            for j in 0..256u32 {
                if has_category(j, k) ^ not {
                    fm[j as usize] = true;
                }
            }
            set_all_leading(fm, any);
            true
        }
        _ => false,
    }
}

/// `mutually_exclusive_p`: true if "P1 matches something" implies that the
/// operation at P2 (and whatever can come first there) fails.
pub fn mutually_exclusive_p(b: &[u8], multibyte: bool, p1: usize, p2: usize, env: &ClassEnv) -> bool {
    let mut unconstrained = true;
    let mut f = |q: usize| -> bool { mutually_exclusive_one(b, multibyte, p1, q, &mut unconstrained, env) };
    forall_firstchar(b, p2, None, true, &mut f)
}

fn mutually_exclusive_one(b: &[u8], multibyte: bool, p1: usize, p2: usize, unconstrained: &mut bool, env: &ClassEnv) -> bool {
    let op1 = op_at(b, p1 as i64);
    let arg1 = b.get(p1 + 1).copied().unwrap_or(0);
    let arg2 = b.get(p2 + 1).copied().unwrap_or(0);
    let mut constrain = |v: bool| {
        if !v {
            *unconstrained = false;
        }
        v
    };
    match op_at(b, p2 as i64) {
        SUCCEED => *unconstrained,
        ENDLINE => {
            let v = exclusive_exactn(b, multibyte, p1, p2, env);
            constrain(v)
        }
        EXACTN => exclusive_exactn(b, multibyte, p1, p2, env),
        CHARSET => {
            if op1 == EXACTN {
                exclusive_exactn(b, multibyte, p2, p1, env)
            } else {
                exclusive_charset(b, multibyte, p1, p2)
            }
        }
        CHARSET_NOT => match op1 {
            EXACTN => exclusive_exactn(b, multibyte, p2, p1, env),
            CHARSET => exclusive_charset(b, multibyte, p2, p1),
            _ => false,
        },
        ANYCHAR => false,
        SYNTAXSPEC => op1 == NOTSYNTAXSPEC && arg1 == arg2,
        NOTSYNTAXSPEC => op1 == SYNTAXSPEC && arg1 == arg2,
        CATEGORYSPEC => op1 == NOTCATEGORYSPEC && arg1 == arg2,
        NOTCATEGORYSPEC => op1 == CATEGORYSPEC && arg1 == arg2,
        ENDBUF => true,
        WORDBEG => constrain(op1 == NOTSYNTAXSPEC && arg1 == SWORD),
        WORDEND => constrain(op1 == SYNTAXSPEC && arg1 == SWORD),
        SYMBEG => constrain(op1 == NOTSYNTAXSPEC && (arg1 == SSYMBOL || arg1 == SWORD)),
        SYMEND => constrain(op1 == SYNTAXSPEC && (arg1 == SSYMBOL || arg1 == SWORD)),
        AT_DOT | BEGBUF | WORDBOUND | NOTWORDBOUND | BEGLINE => constrain(false),
        _ => false,
    }
}

/// The first character of the exactn at P (as `RE_STRING_CHAR`).
fn exactn_char(b: &[u8], multibyte: bool, p: usize) -> u32 {
    match b.get(p + 2) {
        None => 0,
        Some(&x) if !multibyte => x as u32,
        Some(_) => decode_char(&b[p + 2..]).0,
    }
}

/// `mutually_exclusive_exactn`: P2 is an exactn or endline.
fn exclusive_exactn(b: &[u8], multibyte: bool, p1: usize, p2: usize, env: &ClassEnv) -> bool {
    let c = if op_at(b, p2 as i64) == ENDLINE { 0x0a } else { exactn_char(b, multibyte, p2) };
    match op_at(b, p1 as i64) {
        EXACTN => c != exactn_char(b, multibyte, p1),
        CHARSET | CHARSET_NOT => {
            let unibyte = !multibyte || c < 0x80;
            let plain = ClassEnv { syntax: env.syntax, is_lower: env.is_lower, is_upper: env.is_upper, folding: false };
            !execute_charset(b, p1, c, c, unibyte, &plain).0
        }
        ANYCHAR => c == 0x0a,
        _ => false,
    }
}

/// `mutually_exclusive_charset`: P2 is a charset.
fn exclusive_charset(b: &[u8], multibyte: bool, p1: usize, p2: usize) -> bool {
    if multibyte && b[p2 + 1] & 0x80 != 0 {
        return false;
    }
    let size1 = (b[p1 + 1] & 0x7f) as usize;
    let size2 = b[p2 + 1] as usize;
    match op_at(b, p1 as i64) {
        CHARSET => {
            let mut idx = 0;
            while idx < size2 && idx < size1 {
                if b[p2 + 2 + idx] & b[p1 + 2 + idx] != 0 {
                    break;
                }
                idx += 1;
            }
            idx == size2 || idx == size1
        }
        CHARSET_NOT => {
            let mut idx = 0;
            while idx < size2 {
                let x = b[p2 + 2 + idx];
                if !(x == 0 || (idx < size1 && x & !b[p1 + 2 + idx] == 0)) {
                    break;
                }
                idx += 1;
            }
            idx == size2
        }
        _ => false,
    }
}

/// What `execute_charset` needs beyond the pattern: class tests on
/// non-ASCII characters.
pub struct ClassEnv<'a> {
    pub syntax: &'a dyn Fn(u32) -> u8,
    pub is_lower: &'a dyn Fn(u32) -> bool,
    pub is_upper: &'a dyn Fn(u32) -> bool,
    /// Whether the search folds case (a canon table is in effect).
    pub folding: bool,
}

/// `execute_charset`: does C (CORIG before translation) match the charset
/// at P?  Returns the answer and the position after the charset.
pub fn execute_charset(b: &[u8], p: usize, c: u32, corig: u32, unibyte: bool, env: &ClassEnv) -> (bool, usize) {
    use super::charclass::*;
    let not = b[p] == CHARSET_NOT;
    let size = (b[p + 1] & 0x7f) as usize;
    let has_rt = b[p + 1] & 0x80 != 0;
    let end = charset_end(b, p);
    if unibyte && c < 256 {
        if (c as usize) < size * 8 && b[p + 2 + c as usize / 8] & (1 << (c % 8)) != 0 {
            return (!not, end);
        }
    } else if has_rt {
        let bits = b[p + 2 + size] as u32 | (b[p + 3 + size] as u32) << 8;
        let (syntax, is_lower, is_upper, folding) = (env.syntax, env.is_lower, env.is_upper, env.folding);
        let hit = (bits & BIT_MULTIBYTE != 0)
            || (bits & BIT_ALNUM != 0 && is_alnum(c))
            || (bits & BIT_ALPHA != 0 && is_alpha(c))
            || (bits & BIT_SPACE != 0 && syntax(c) == 0)
            || (bits & BIT_BLANK != 0 && is_blank(c))
            || (bits & BIT_WORD != 0 && syntax(c) == SWORD)
            || (bits & BIT_UPPER != 0 && (is_upper(corig) || (folding && is_lower(corig))))
            || (bits & BIT_LOWER != 0 && (is_lower(corig) || (folding && is_upper(corig))))
            || (bits & BIT_PUNCT != 0 && is_punct(c, syntax))
            || (bits & BIT_GRAPH != 0 && is_graph(c))
            || (bits & BIT_PRINT != 0 && is_print(c));
        if hit {
            return (!not, end);
        }
        let rt = p + 4 + size;
        let count = extract_number(b, rt) as usize;
        let mut q = rt + 2;
        for _ in 0..count {
            let lo = b[q] as u32 | (b[q + 1] as u32) << 8 | (b[q + 2] as u32) << 16;
            let hi = b[q + 3] as u32 | (b[q + 4] as u32) << 8 | (b[q + 5] as u32) << 16;
            if lo <= c && c <= hi {
                return (!not, end);
            }
            q += 6;
        }
    }
    (not, end)
}
