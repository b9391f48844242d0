#!/usr/bin/env python3
"""Times every Elisp kernel in benches/elisp under Enoki and under GNU Emacs 30.1
(interpreted, byte-compiled and, when available, native-compiled) in one run, and
prints a Markdown table with ratios.

Usage: benches/run-kernels.py [--runs N] [--enoki PATH] [KERNEL.el ...]

Each kernel defines `bench-main', which returns a checksum; every runner must
agree on it.  Times are wall-clock seconds, best of N runs, minus the start-up
time of the same runner evaluating nil.  A ratio above 1 means Enoki is faster.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, runs):
    best, out = None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            return None, (p.stdout + p.stderr).strip()[-300:]
        best = dt if best is None else min(best, dt)
        out = p.stdout.strip()
    return best, out


def runners(enoki, tmp, kernel):
    name = os.path.basename(kernel)
    call = ["--eval", "(princ (bench-main))"]
    yield "enoki", [enoki, "-Q", "--batch", "-l", kernel] + call, [enoki, "-Q", "--batch", "--eval", "nil"]
    if not shutil.which("emacs"):
        return
    base = ["emacs", "-Q", "--batch"]
    yield "emacs-interp", base + ["-l", kernel] + call, base + ["--eval", "nil"]
    src = os.path.join(tmp, name)
    shutil.copy(kernel, src)
    elc = src + "c"
    subprocess.run(base + ["--eval", f'(byte-compile-file "{src}")'], capture_output=True)
    if os.path.exists(elc):
        yield "emacs-byte", base + ["-l", elc] + call, base + ["--eval", "nil"]
    eln = src[:-3] + ".eln"
    subprocess.run(base + ["--eval", f'(when (native-comp-available-p) (native-compile "{src}" "{eln}"))'], capture_output=True)
    if os.path.exists(eln):
        yield "emacs-native", base + ["-l", eln] + call, base + ["--eval", "nil"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--enoki", default=os.path.join(ROOT, "target/release/enoki"))
    ap.add_argument("kernels", nargs="*")
    args = ap.parse_args()
    kernels = args.kernels or sorted(
        os.path.join(ROOT, "benches/elisp", f) for f in os.listdir(os.path.join(ROOT, "benches/elisp")) if f.endswith(".el"))
    cols = ["enoki", "emacs-interp", "emacs-byte", "emacs-native"]
    startup = {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in kernels:
            times, sums = {}, {}
            for label, cmd, nil_cmd in runners(args.enoki, tmp, k):
                if label not in startup:
                    startup[label], _ = timed(nil_cmd, args.runs)
                t, out = timed(cmd, args.runs)
                if t is None:
                    sums[label] = "FAILED: " + out
                    continue
                times[label] = max(t - (startup[label] or 0), 1e-4)
                sums[label] = out
            agree = len(set(v for v in sums.values())) == 1
            rows.append((os.path.basename(k), times, sums, agree))
            print(f"{os.path.basename(k)}: " + ", ".join(f"{c}={times.get(c, float('nan')):.3f}s" for c in cols if c in times)
                  + ("" if agree else f"  CHECKSUMS DIFFER: {sums}"), file=sys.stderr)
    print("| kernel | " + " | ".join(f"{c} (s)" for c in cols) + " | interp/enoki | byte/enoki | native/enoki |")
    print("|---" * (len(cols) + 4) + "|")
    ratios = {c: [] for c in cols[1:]}
    for name, times, sums, agree in rows:
        cells = [f"{times[c]:.3f}" if c in times else "-" for c in cols]
        rs = []
        for c in cols[1:]:
            if c in times and "enoki" in times:
                r = times[c] / times["enoki"]
                ratios[c].append(r)
                rs.append(f"{r:.2f}")
            else:
                rs.append("-")
        flag = "" if agree else " (checksum mismatch)"
        print(f"| {name}{flag} | " + " | ".join(cells) + " | " + " | ".join(rs) + " |")
    geo = []
    for c in cols[1:]:
        v = ratios[c]
        if v:
            p = 1.0
            for x in v:
                p *= x
            geo.append(f"{p ** (1 / len(v)):.2f}")
        else:
            geo.append("-")
    print("| geometric mean | " + " | ".join("" for _ in cols) + " | " + " | ".join(geo) + " |")
    print(f"\nStart-up (s, subtracted): " + ", ".join(f"{k}={v:.3f}" for k, v in startup.items() if v is not None))


if __name__ == "__main__":
    main()
