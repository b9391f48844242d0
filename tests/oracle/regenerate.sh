#!/usr/bin/env bash
# Regenerate the expected outputs of the compat corpus with GNU Emacs 30.1.
#
# Usage: tests/oracle/regenerate.sh [tests/compat/NAME.el ...]
#
# With no arguments, regenerates tests/compat/NAME.tsv for every
# tests/compat/NAME.el.  With arguments, only for the given .el files.
# Set EMACS to use an emacs binary other than the one on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
emacs="${EMACS:-emacs}"
oracle="$root/tests/oracle/compat.el"

die() { echo "regenerate.sh: error: $*" >&2; exit 1; }

command -v "$emacs" >/dev/null 2>&1 || die "'$emacs' not found (set EMACS=/path/to/emacs)"
version="$("$emacs" --version 2>/dev/null | head -n 1)" || die "could not run '$emacs --version'"
[ "$version" = "GNU Emacs 30.1" ] \
  || die "the oracle must be GNU Emacs 30.1, but '$emacs --version' says: '$version'"
[ -f "$oracle" ] || die "missing $oracle"

# Error messages quote with curved quotes (‘x’) only when Emacs runs in a
# UTF-8 locale; in the C locale they become 'x'.  Pin a UTF-8 locale and
# check that it took effect, so the expected outputs do not depend on the
# caller's environment.
export LC_ALL=C.UTF-8
quote="$("$emacs" -Q --batch --eval '(princ (string-to-char (format-message "`")))' 2>/dev/null)" || true
[ "$quote" = "8216" ] \
  || die "emacs does not use curved quotes under LC_ALL=C.UTF-8 (is the C.UTF-8 locale installed?)"

if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  set -- "$root"/tests/compat/*.el
  [ "$#" -gt 0 ] || die "no tests/compat/*.el files"
fi

status=0
for el in "$@"; do
  case "$el" in
    *.el) ;;
    *) die "not an .el file: $el" ;;
  esac
  [ -f "$el" ] || die "no such file: $el"
  tsv="${el%.el}.tsv"
  tmp="$(mktemp "${tsv}.XXXXXX")"
  if ! timeout 120 "$emacs" -Q --batch -l "$oracle" "$el" >"$tmp" 2>"$tmp.stderr"; then
    echo "regenerate.sh: error: emacs failed on $el:" >&2
    cat "$tmp.stderr" >&2
    rm -f "$tmp" "$tmp.stderr"
    status=1
    continue
  fi
  if [ ! -s "$tmp" ]; then
    echo "regenerate.sh: error: no output for $el" >&2
    rm -f "$tmp" "$tmp.stderr"
    status=1
    continue
  fi
  rm -f "$tmp.stderr"
  # A read error in FILE silently ends the protocol early: make sure every
  # top-level form of FILE was read and reported.
  forms="$("$emacs" -Q --batch --eval '
    (let ((n 0) (pos 0)
          (s (with-temp-buffer
               (let ((coding-system-for-read (quote utf-8-emacs-unix)))
                 (insert-file-contents (car command-line-args-left)))
               (buffer-string))))
      (setq command-line-args-left nil)
      (condition-case nil
          (while t (setq pos (cdr (read-from-string s pos)) n (1+ n)))
        (end-of-file nil))
      (princ n))' "$el" 2>/dev/null)" || forms="unreadable"
  lines="$(wc -l <"$tmp")"
  if [ "$forms" != "$lines" ]; then
    if [ "$forms" = "unreadable" ]; then
      echo "regenerate.sh: error: $el has a read error (top-level syntax error); emacs reported only $lines forms" >&2
    else
      echo "regenerate.sh: error: $el has $forms top-level forms but emacs reported $lines" >&2
    fi
    rm -f "$tmp"
    status=1
    continue
  fi
  if grep -q -a -e 'tests/oracle/compat\.el' "$tmp"; then
    echo "regenerate.sh: error: $el: output mentions the oracle's own file name" \
         "(e.g. end-of-file data from load-true-file-name); make the form location-independent" >&2
    rm -f "$tmp"
    status=1
    continue
  fi
  mv "$tmp" "$tsv"
  printf '%6d forms  %s\n' "$(wc -l <"$tsv")" "${tsv#"$root"/}"
done
exit "$status"
