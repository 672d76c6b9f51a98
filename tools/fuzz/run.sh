#!/bin/sh
# Runs the libFuzzer harness built by `make fuzz-build` (docs/fuzzing.md).
#   FUZZ_SECONDS  stop after this many seconds (default 60)
#   FUZZ_RUNS     stop after this many executions instead (default: no limit)
#   FUZZ_JOBS     parallel fuzzing processes (default 1)
# The corpus starts from samples/**/*.sock and Tests/BadInput, copied into a scratch
# directory under .build/fuzz, and grows there across runs. A crash is saved to
# .build/fuzz/artifacts/ and makes this script fail.
set -eu
cd "$(dirname "$0")/../.."
build=.build/fuzz
binary=$build/release/sockscript-fuzz
corpus=$build/corpus
artifacts=$build/artifacts
mkdir -p "$corpus" "$artifacts"
# Seeds are named after their content, so copying them again adds nothing twice.
find samples Tests/BadInput -name '*.sock' -type f 2>/dev/null | while read -r seed; do
  cp "$seed" "$corpus/seed-$(cksum < "$seed" | cut -d' ' -f1)"
done
limit="-max_total_time=${FUZZ_SECONDS:-60}"
if [ -n "${FUZZ_RUNS:-}" ]; then limit="-runs=$FUZZ_RUNS"; fi
jobs="${FUZZ_JOBS:-1}"
parallel=""
if [ "$jobs" -gt 1 ]; then parallel="-fork=$jobs"; fi
exec "$binary" $limit $parallel -dict=tools/fuzz/sockscript.dict -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus"
