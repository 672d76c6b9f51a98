#!/bin/sh
# `make install` into a fresh staging root (DESTDIR), then a check of every file it must
# install, so that a broken install rule fails `make test` instead of a user's first
# `make install`. Usage: tools/install-check.sh [BINARY] (default: the debug build).
set -eu
binary=${1:-.build/debug/sockscript}
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
fail() {
  echo "install-check: $*" >&2
  exit 1
}

make --no-print-directory install DESTDIR="$staging" PREFIX=/opt/sockscript BIN="$binary" > "$staging.log" 2>&1 ||
  { cat "$staging.log" >&2; rm -f "$staging.log"; fail "make install failed"; }
rm -f "$staging.log"
root=$staging/opt/sockscript

[ -x "$root/bin/sockscript" ] || fail "bin/sockscript is missing or not executable"
"$root/bin/sockscript" --version | grep -q '^sockscript ' || fail "the installed binary does not run"

page=$root/share/man/man1/sockscript.1
grep -q '^\.Dt SOCKSCRIPT 1' "$page" || fail "the man page has no .Dt SOCKSCRIPT 1"
grep -q '^\.Sh DESCRIPTION' "$page" || fail "the man page has no DESCRIPTION"
grep -q "^'" "$page" && fail "the man page has a line starting with ' (troff drops it)"
if command -v groff > /dev/null; then
  warnings=$(groff -mdoc -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
fi

bash_completion=$root/share/bash-completion/completions/sockscript
bash -n "$bash_completion" || fail "the bash completion does not parse"
grep -q -- '-F _sockscript sockscript$' "$bash_completion" || fail "the bash completion registers nothing"
head -n 1 "$root/share/zsh/site-functions/_sockscript" | grep -q '^#compdef sockscript' ||
  fail "the zsh completion has no #compdef"
grep -q "^complete -c 'sockscript'" "$root/share/fish/vendor_completions.d/sockscript.fish" ||
  fail "the fish completion completes nothing"

count=$(find "$staging" -type f | wc -l)
[ "$count" -eq 5 ] || fail "expected 5 files under DESTDIR, found $count: $(find "$staging" -type f)"
echo "install-check: ok, 5 files (binary, man page, bash/zsh/fish completions) under DESTDIR"
