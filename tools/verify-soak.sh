#!/usr/bin/env bash
# Runs `sockscript verify` on the samples again and again and counts the runs that did not
# pass: a verify that fails now and then on a busy machine is a defect, and this is how to
# see it. With --busy, two CPU-bound loops compete with the runs; they are killed when the
# script ends, however it ends (Ctrl-C included).
#
#   tools/verify-soak.sh [-n RUNS] [--busy] [--bin SOCKSCRIPT] [--keep DIR] [PATH...]
#
#   -n RUNS        how many runs (default 10)
#   --busy         start two busy loops (`while :; do :; done`) for the whole soak
#   --bin PATH     the sockscript binary (default $SOCKSCRIPT_BIN, else .build/debug/sockscript)
#   --keep DIR     keep each run's report in DIR (run-1.txt, …)
#   PATH...        what to verify (default samples/)
#
# Prints one line per run (its summary and duration, and every FAIL line), then
# `N runs, K with divergences`; exits 1 when K > 0, 2 on bad usage.
set -u

runs=10
busy=0
bin="${SOCKSCRIPT_BIN:-.build/debug/sockscript}"
keep=""
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || { echo "verify-soak: -n needs a number" >&2; exit 2; }; runs="$2"; shift 2 ;;
    --busy) busy=1; shift ;;
    --bin) [ $# -ge 2 ] || { echo "verify-soak: --bin needs a path" >&2; exit 2; }; bin="$2"; shift 2 ;;
    --keep) [ $# -ge 2 ] || { echo "verify-soak: --keep needs a directory" >&2; exit 2; }; keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "verify-soak: unknown option '$1'" >&2; exit 2 ;;
    *) paths+=("$1"); shift ;;
  esac
done
[ ${#paths[@]} -gt 0 ] || paths=(samples/)
case "$runs" in ''|*[!0-9]*) echo "verify-soak: -n needs a number, not '$runs'" >&2; exit 2 ;; esac
[ -x "$bin" ] || { echo "verify-soak: no sockscript binary at '$bin' (swift build first, or --bin)" >&2; exit 2; }
[ -z "$keep" ] || mkdir -p "$keep" || exit 2

loops=()
report=$(mktemp)
# The loops run in the background, where a non-interactive shell ignores SIGINT: Ctrl-C
# alone would leave them spinning, so they are killed here, on every way out. With SIGKILL:
# a caller may have started us with SIGTERM blocked, which the loops inherit.
cleanup() {
  [ ${#loops[@]} -eq 0 ] || kill -KILL "${loops[@]}" 2>/dev/null
  [ ${#loops[@]} -eq 0 ] || wait "${loops[@]}" 2>/dev/null
  loops=()
  rm -f "$report"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

if [ "$busy" = 1 ]; then
  for _ in 1 2; do
    (while :; do :; done) &
    loops+=($!)
  done
  echo "busy loops: ${loops[*]}"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

failed=0
for ((run = 1; run <= runs; run++)); do
  started=$SECONDS
  "$bin" verify "${paths[@]}" >"$report" 2>&1
  status=$?
  [ -z "$keep" ] || cp "$report" "$keep/run-$run.txt"
  echo "run $run: exit $status, $(tail -n 1 "$report") ($((SECONDS - started)) s)"
  grep '^FAIL' "$report" | sed 's/^/  /'
  [ "$status" = 0 ] || failed=$((failed + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "$runs runs, $failed with divergences"
[ "$failed" = 0 ]
