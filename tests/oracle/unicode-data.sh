#!/usr/bin/env bash
# Regenerate tests/oracle/unicode-data.tsv, the expectations of
# tests/unicode_data.rs: `get-char-code-property' of a few thousand
# characters for every property of GNU Emacs's charprop.el, as GNU Emacs
# 30.1 gives them (tests/oracle/unicode-data.el says which).
#
# Usage: tests/oracle/unicode-data.sh   (EMACS=/path/to/emacs to override)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
emacs="${EMACS:-emacs}"

die() { echo "unicode-data.sh: error: $*" >&2; exit 1; }

command -v "$emacs" >/dev/null 2>&1 || die "'$emacs' not found (set EMACS=/path/to/emacs)"
version="$("$emacs" --version 2>/dev/null | head -n 1)" || die "could not run '$emacs --version'"
[ "$version" = "GNU Emacs 30.1" ] \
  || die "the oracle must be GNU Emacs 30.1, but '$emacs --version' says: '$version'"

export LC_ALL=C.UTF-8
out="$root/tests/oracle/unicode-data.tsv"
tmp="$(mktemp "$out.XXXXXX")"
if ! "$emacs" -Q --batch -l "$root/tests/oracle/unicode-data.el" >"$tmp"; then
  rm -f "$tmp"
  die "emacs failed"
fi
mv "$tmp" "$out"
chmod 644 "$out"
printf '%6d lines  %s\n' "$(wc -l <"$out")" "${out#"$root"/}"
