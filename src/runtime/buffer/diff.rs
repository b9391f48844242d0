//! The difference of two sequences as GNU diffutils' `compareseq` (gnulib
//! diffseq.h) computes it for `replace-buffer-contents`: Myers' O(ND)
//! algorithm searching forward and backward for the middle snake, with the
//! "big snake" heuristic for long inputs and the cost limit after which a
//! suboptimal split is accepted.  Every choice (which diagonal wins, which
//! half is split first) follows diffseq.h so that the set of elements it
//! reports deleted and inserted is the very one Emacs gets, which decides
//! where unchanged text, markers and properties end up.
//!
//! The sequences are abstract: the caller compares element X of the old
//! sequence with element Y of the new one and may abort the computation,
//! either from a comparison or after each element the diff records.

/// An early abort requested by the caller (Emacs's `EARLY_ABORT` or the
/// long jump out of `buffer_chars_equal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aborted;

/// The two sequences being compared.
pub trait Sequences {
    /// Whether element X of the old sequence equals element Y of the new
    /// one; an error ends the computation.
    fn equal(&mut self, x: usize, y: usize) -> Result<bool, Aborted>;
    /// Checked after each element noted as deleted or inserted.
    fn early_abort(&mut self) -> bool {
        false
    }
}

/// Which elements of each sequence are not in the common subsequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub deleted: Vec<bool>,
    pub inserted: Vec<bool>,
}

/// Snakes longer than this are "big" (diffseq.h's `SNAKE_LIMIT`).
const SNAKE_LIMIT: isize = 20;

/// The point where the two searches of `diag` meet, and whether each half
/// is known to have a minimal edit script.
struct Partition {
    xmid: isize,
    ymid: isize,
    lo_minimal: bool,
    hi_minimal: bool,
}

/// The state of one comparison: the sequences, the furthest-reaching
/// x of each diagonal in both directions, and the limits.
struct Ctx<'a, S: Sequences> {
    seqs: &'a mut S,
    /// Index of diagonal 0 in `fd` and `bd`.
    origin: isize,
    fd: Vec<isize>,
    bd: Vec<isize>,
    heuristic: bool,
    too_expensive: isize,
    changes: Changes,
}

impl<S: Sequences> Ctx<'_, S> {
    #[inline]
    fn eq(&mut self, x: isize, y: isize) -> Result<bool, Aborted> {
        if x < 0 || y < 0 || x as usize >= self.changes.deleted.len() || y as usize >= self.changes.inserted.len() {
            return Ok(false);
        }
        self.seqs.equal(x as usize, y as usize)
    }
    #[inline]
    fn f(&self, d: isize) -> isize {
        self.fd[(d + self.origin) as usize]
    }
    #[inline]
    fn set_f(&mut self, d: isize, v: isize) {
        let i = (d + self.origin) as usize;
        self.fd[i] = v;
    }
    #[inline]
    fn b(&self, d: isize) -> isize {
        self.bd[(d + self.origin) as usize]
    }
    #[inline]
    fn set_b(&mut self, d: isize, v: isize) {
        let i = (d + self.origin) as usize;
        self.bd[i] = v;
    }
}

/// Compares the sequences (old of length XLEN, new of length YLEN) and
/// returns which elements are deleted and inserted, or `Aborted`.
/// TOO_EXPENSIVE is the edit cost after which a search settles for a
/// suboptimal split; HEURISTIC enables diffseq.h's big-snake heuristic.
pub fn compare<S: Sequences>(seqs: &mut S, xlen: usize, ylen: usize, too_expensive: usize, heuristic: bool) -> Result<Changes, Aborted> {
    let diags = xlen + ylen + 3;
    let mut ctx = Ctx {
        seqs,
        origin: ylen as isize + 1,
        fd: vec![0; diags],
        bd: vec![0; diags],
        heuristic,
        too_expensive: too_expensive.min(isize::MAX as usize) as isize,
        changes: Changes { deleted: vec![false; xlen], inserted: vec![false; ylen] },
    };
    compareseq(&mut ctx, 0, xlen as isize, 0, ylen as isize, false)?;
    Ok(ctx.changes)
}

/// Extends the forward search by one edit step on every diagonal;
/// returns the meeting point if the searches overlap.
fn forward_step<S: Sequences>(ctx: &mut Ctx<S>, s: &mut Search, big_snake: &mut bool) -> Result<Option<Partition>, Aborted> {
    if s.fmin > s.dmin {
        s.fmin -= 1;
        ctx.set_f(s.fmin - 1, -1);
    } else {
        s.fmin += 1;
    }
    if s.fmax < s.dmax {
        s.fmax += 1;
        ctx.set_f(s.fmax + 1, -1);
    } else {
        s.fmax -= 1;
    }
    let mut d = s.fmax;
    while d >= s.fmin {
        let (tlo, thi) = (ctx.f(d - 1), ctx.f(d + 1));
        let x0 = if tlo < thi { thi } else { tlo + 1 };
        let (mut x, mut y) = (x0, x0 - d);
        while x < s.xlim && y < s.ylim && ctx.eq(x, y)? {
            x += 1;
            y += 1;
        }
        if x - x0 > SNAKE_LIMIT {
            *big_snake = true;
        }
        ctx.set_f(d, x);
        if s.odd && s.bmin <= d && d <= s.bmax && ctx.b(d) <= x {
            return Ok(Some(Partition { xmid: x, ymid: y, lo_minimal: true, hi_minimal: true }));
        }
        d -= 2;
    }
    Ok(None)
}

/// The backward counterpart of `forward_step`.
fn backward_step<S: Sequences>(ctx: &mut Ctx<S>, s: &mut Search, big_snake: &mut bool) -> Result<Option<Partition>, Aborted> {
    if s.bmin > s.dmin {
        s.bmin -= 1;
        ctx.set_b(s.bmin - 1, isize::MAX);
    } else {
        s.bmin += 1;
    }
    if s.bmax < s.dmax {
        s.bmax += 1;
        ctx.set_b(s.bmax + 1, isize::MAX);
    } else {
        s.bmax -= 1;
    }
    let mut d = s.bmax;
    while d >= s.bmin {
        let (tlo, thi) = (ctx.b(d - 1), ctx.b(d + 1));
        let x0 = if tlo < thi { tlo } else { thi - 1 };
        let (mut x, mut y) = (x0, x0 - d);
        while s.xoff < x && s.yoff < y && ctx.eq(x - 1, y - 1)? {
            x -= 1;
            y -= 1;
        }
        if x0 - x > SNAKE_LIMIT {
            *big_snake = true;
        }
        ctx.set_b(d, x);
        if !s.odd && s.fmin <= d && d <= s.fmax && x <= ctx.f(d) {
            return Ok(Some(Partition { xmid: x, ymid: y, lo_minimal: true, hi_minimal: true }));
        }
        d -= 2;
    }
    Ok(None)
}

/// The bounds of one `diag` search.
struct Search {
    xoff: isize,
    xlim: isize,
    yoff: isize,
    ylim: isize,
    dmin: isize,
    dmax: isize,
    fmid: isize,
    bmid: isize,
    fmin: isize,
    fmax: isize,
    bmin: isize,
    bmax: isize,
    odd: bool,
}

/// Whether the SNAKE_LIMIT elements ending before (X, Y) all match.
fn snake_before<S: Sequences>(ctx: &mut Ctx<S>, x: isize, y: isize) -> Result<bool, Aborted> {
    let mut k = 1;
    while ctx.eq(x - k, y - k)? {
        if k == SNAKE_LIMIT {
            return Ok(true);
        }
        k += 1;
    }
    Ok(false)
}

/// Whether the SNAKE_LIMIT elements starting at (X, Y) all match.
fn snake_after<S: Sequences>(ctx: &mut Ctx<S>, x: isize, y: isize) -> Result<bool, Aborted> {
    let mut k = 0;
    while ctx.eq(x + k, y + k)? {
        if k == SNAKE_LIMIT - 1 {
            return Ok(true);
        }
        k += 1;
    }
    Ok(false)
}

/// The big-snake heuristic: a diagonal that has made much progress for
/// its cost C and ends in a long snake, taken as if the searches met.
fn big_snake_split<S: Sequences>(ctx: &mut Ctx<S>, s: &Search, c: isize) -> Result<Option<Partition>, Aborted> {
    let mut best = 0;
    let mut part = Partition { xmid: 0, ymid: 0, lo_minimal: true, hi_minimal: false };
    let mut d = s.fmax;
    while d >= s.fmin {
        let dd = d - s.fmid;
        let x = ctx.f(d);
        let y = x - d;
        let v = (x - s.xoff) * 2 - dd;
        if v > 12 * (c + dd.abs())
            && v > best
            && s.xoff + SNAKE_LIMIT <= x
            && x < s.xlim
            && s.yoff + SNAKE_LIMIT <= y
            && y < s.ylim
            && snake_before(ctx, x, y)?
        {
            best = v;
            part.xmid = x;
            part.ymid = y;
        }
        d -= 2;
    }
    if best > 0 {
        return Ok(Some(part));
    }
    let mut best = 0;
    let mut part = Partition { xmid: 0, ymid: 0, lo_minimal: false, hi_minimal: true };
    let mut d = s.bmax;
    while d >= s.bmin {
        let dd = d - s.bmid;
        let x = ctx.b(d);
        let y = x - d;
        let v = (s.xlim - x) * 2 + dd;
        if v > 12 * (c + dd.abs())
            && v > best
            && s.xoff < x
            && x <= s.xlim - SNAKE_LIMIT
            && s.yoff < y
            && y <= s.ylim - SNAKE_LIMIT
            && snake_after(ctx, x, y)?
        {
            best = v;
            part.xmid = x;
            part.ymid = y;
        }
        d -= 2;
    }
    Ok(if best > 0 { Some(part) } else { None })
}

/// Gives up on a search that has cost too much: the better of the
/// furthest forward and furthest backward points reached.
fn too_expensive_split<S: Sequences>(ctx: &Ctx<S>, s: &Search) -> Partition {
    let (mut fxybest, mut fxbest) = (-1, 0);
    let mut d = s.fmax;
    while d >= s.fmin {
        let mut x = ctx.f(d).min(s.xlim);
        let mut y = x - d;
        if s.ylim < y {
            x = s.ylim + d;
            y = s.ylim;
        }
        if fxybest < x + y {
            fxybest = x + y;
            fxbest = x;
        }
        d -= 2;
    }
    let (mut bxybest, mut bxbest) = (isize::MAX, 0);
    let mut d = s.bmax;
    while d >= s.bmin {
        let mut x = s.xoff.max(ctx.b(d));
        let mut y = x - d;
        if y < s.yoff {
            x = s.yoff + d;
            y = s.yoff;
        }
        if x + y < bxybest {
            bxybest = x + y;
            bxbest = x;
        }
        d -= 2;
    }
    if (s.xlim + s.ylim) - bxybest < fxybest - (s.xoff + s.yoff) {
        Partition { xmid: fxbest, ymid: fxybest - fxbest, lo_minimal: true, hi_minimal: false }
    } else {
        Partition { xmid: bxbest, ymid: bxybest - bxbest, lo_minimal: false, hi_minimal: true }
    }
}

/// diffseq.h's `diag`: the midpoint of the shortest edit script of
/// XOFF..XLIM against YOFF..YLIM (whose first and last elements differ).
fn diag<S: Sequences>(
    ctx: &mut Ctx<S>,
    xoff: isize,
    xlim: isize,
    yoff: isize,
    ylim: isize,
    find_minimal: bool,
) -> Result<Partition, Aborted> {
    let (fmid, bmid) = (xoff - yoff, xlim - ylim);
    let mut s = Search {
        xoff,
        xlim,
        yoff,
        ylim,
        dmin: xoff - ylim,
        dmax: xlim - yoff,
        fmid,
        bmid,
        fmin: fmid,
        fmax: fmid,
        bmin: bmid,
        bmax: bmid,
        odd: (fmid - bmid) & 1 != 0,
    };
    ctx.set_f(fmid, xoff);
    ctx.set_b(bmid, xlim);
    let mut c: isize = 1;
    loop {
        let mut big_snake = false;
        if let Some(p) = forward_step(ctx, &mut s, &mut big_snake)? {
            return Ok(p);
        }
        if let Some(p) = backward_step(ctx, &mut s, &mut big_snake)? {
            return Ok(p);
        }
        if !find_minimal {
            if 200 < c && big_snake && ctx.heuristic {
                if let Some(p) = big_snake_split(ctx, &s, c)? {
                    return Ok(p);
                }
            }
            if c >= ctx.too_expensive {
                return Ok(too_expensive_split(ctx, &s));
            }
        }
        c += 1;
    }
}

/// diffseq.h's `compareseq`: records the differences of XOFF..XLIM
/// against YOFF..YLIM.  It recurses only into the smaller half of each
/// split, so the depth stays below the bit length of the sizes.
fn compareseq<S: Sequences>(
    ctx: &mut Ctx<S>,
    mut xoff: isize,
    mut xlim: isize,
    mut yoff: isize,
    mut ylim: isize,
    mut find_minimal: bool,
) -> Result<(), Aborted> {
    loop {
        while xoff < xlim && yoff < ylim && ctx.eq(xoff, yoff)? {
            xoff += 1;
            yoff += 1;
        }
        while xoff < xlim && yoff < ylim && ctx.eq(xlim - 1, ylim - 1)? {
            xlim -= 1;
            ylim -= 1;
        }
        if xoff == xlim {
            while yoff < ylim {
                ctx.changes.inserted[yoff as usize] = true;
                if ctx.seqs.early_abort() {
                    return Err(Aborted);
                }
                yoff += 1;
            }
            return Ok(());
        }
        if yoff == ylim {
            while xoff < xlim {
                ctx.changes.deleted[xoff as usize] = true;
                if ctx.seqs.early_abort() {
                    return Err(Aborted);
                }
                xoff += 1;
            }
            return Ok(());
        }
        let part = diag(ctx, xoff, xlim, yoff, ylim, find_minimal)?;
        let (mid_x, mid_y) = (part.xmid, part.ymid);
        if (xlim + ylim) - (mid_x + mid_y) < (mid_x + mid_y) - (xoff + yoff) {
            compareseq(ctx, mid_x, xlim, mid_y, ylim, part.hi_minimal)?;
            xlim = mid_x;
            ylim = mid_y;
            find_minimal = part.lo_minimal;
        } else {
            compareseq(ctx, xoff, mid_x, yoff, mid_y, part.lo_minimal)?;
            xoff = mid_x;
            yoff = mid_y;
            find_minimal = part.hi_minimal;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Chars<'a> {
        a: &'a [u8],
        b: &'a [u8],
        calls: usize,
        abort_after: Option<usize>,
    }

    impl Sequences for Chars<'_> {
        fn equal(&mut self, x: usize, y: usize) -> Result<bool, Aborted> {
            self.calls += 1;
            Ok(self.a[x] == self.b[y])
        }
        fn early_abort(&mut self) -> bool {
            self.abort_after.is_some_and(|n| self.calls >= n)
        }
    }

    fn diff(a: &str, b: &str, cost: usize) -> (String, String) {
        let mut s = Chars { a: a.as_bytes(), b: b.as_bytes(), calls: 0, abort_after: None };
        let ch = compare(&mut s, a.len(), b.len(), cost, true).unwrap();
        let mark = |v: &[bool]| v.iter().map(|&d| if d { '^' } else { ' ' }).collect::<String>().trim_end().to_string();
        (mark(&ch.deleted), mark(&ch.inserted))
    }

    /// Applies the changes; the result must be the new sequence, and the
    /// unchanged elements must be a common subsequence.
    fn check_valid(a: &str, b: &str, cost: usize) -> usize {
        let mut s = Chars { a: a.as_bytes(), b: b.as_bytes(), calls: 0, abort_after: None };
        let ch = compare(&mut s, a.len(), b.len(), cost, true).unwrap();
        let kept_a: Vec<u8> = a.bytes().zip(&ch.deleted).filter(|(_, &d)| !d).map(|(c, _)| c).collect();
        let kept_b: Vec<u8> = b.bytes().zip(&ch.inserted).filter(|(_, &d)| !d).map(|(c, _)| c).collect();
        assert_eq!(kept_a, kept_b, "{a:?} -> {b:?}");
        ch.deleted.iter().filter(|&&d| d).count() + ch.inserted.iter().filter(|&&d| d).count()
    }

    #[test]
    fn simple_edits() {
        assert_eq!(diff("abc", "abc", 1_000_000), (String::new(), String::new()));
        assert_eq!(diff("hello world", "hello brave world", 1_000_000), (String::new(), "      ^^^^^^".to_string()));
        assert_eq!(diff("abcdef", "abdef", 1_000_000), ("  ^".to_string(), String::new()));
        assert_eq!(diff("abc", "xyz", 1_000_000), ("^^^".to_string(), "^^^".to_string()));
        assert_eq!(diff("", "xyz", 1_000_000), (String::new(), "^^^".to_string()));
    }

    #[test]
    fn minimal_scripts_are_minimal() {
        // Edit distance (insertions + deletions) of known pairs.
        assert_eq!(check_valid("kitten", "sitting", 1_000_000), 5);
        assert_eq!(check_valid("abcabba", "cbabac", 1_000_000), 5);
        assert_eq!(check_valid("the quick brown fox", "the quack brown box", 1_000_000), 4);
    }

    #[test]
    fn cheap_limits_stay_valid() {
        let a = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(4);
        let b: String = a.chars().rev().collect();
        for cost in [0, 1, 2, 5, 100] {
            let n = check_valid(&a, &b, cost);
            assert!(n >= check_valid(&a, &b, 1_000_000));
        }
    }

    #[test]
    fn heuristic_on_long_inputs_stays_valid() {
        let mut a = String::new();
        let mut b = String::new();
        for i in 0..600 {
            a.push_str(&format!("line {i} of the old text\n"));
            if i % 7 == 0 {
                b.push_str(&format!("changed {i}\n"));
            } else {
                b.push_str(&format!("line {i} of the old text\n"));
            }
        }
        check_valid(&a, &b, 1_000_000);
        check_valid(&a, &b, 300);
    }

    #[test]
    fn early_abort_stops() {
        let mut s = Chars { a: b"aaaa", b: b"bbbb", calls: 0, abort_after: Some(0) };
        assert_eq!(compare(&mut s, 4, 4, 1_000_000, true), Err(Aborted));
        let mut s = Chars { a: b"same", b: b"same", calls: 0, abort_after: Some(0) };
        assert!(compare(&mut s, 4, 4, 1_000_000, true).is_ok());
    }
}
