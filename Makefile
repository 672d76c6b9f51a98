# The two commands of the README: `make demo` runs a sample scenario, `make test` runs
# every test (unit, golden and end-to-end tests, then every sample verified against the
# real kernel of this machine). Both build what they need; besides the Swift toolchain the
# package needs libedit's headers (the REPL's line editing), which `deps` installs when missing.
# `make bench` measures the model against the real kernel (docs/performance.md).
.PHONY: demo test build deps fuzz fuzz-build bench

SAMPLE ?= samples/seed/seed-line.sock

demo: build
	.build/release/sockscript run $(SAMPLE)

build: deps
	swift build -c release --product sockscript

# The benchmark needs the release build: a debug build's figures say little. BENCH_FLAGS
# passes options, e.g. `make bench BENCH_FLAGS=--quick` or `BENCH_FLAGS='--only cycle'`.
BENCH_FLAGS ?=

bench: build
	.build/release/sockscript bench $(BENCH_FLAGS)

# The bad-input corpus runs with small limits, so that its limit tests stay small files.
BAD_INPUT_LIMITS = --max-script-bytes 16384 --max-statements 100 --max-sockets 8 --max-virtual-time 3600

# Unit and end-to-end tests, then the samples and the bad-input corpus through the test
# runner (their golden check), the samples on the real kernel, and a one-minute fuzz smoke.
test: deps
	swift build --build-tests
	swift test --skip-build
	.build/debug/sockscript test samples/
	.build/debug/sockscript test $(BAD_INPUT_LIMITS) Tests/BadInput
	.build/debug/sockscript verify samples/
	$(MAKE) fuzz FUZZ_SECONDS=60

# The libFuzzer harness over lexer, parser, evaluator and model (docs/fuzzing.md), in its
# own build directory so that the normal build is untouched. `make fuzz` runs it for
# FUZZ_SECONDS (default 60) or FUZZ_RUNS executions; FUZZ_JOBS runs processes in parallel.
fuzz-build:
	SOCKSCRIPT_FUZZ=1 swift build -c release --scratch-path .build/fuzz --product sockscript-fuzz \
		-Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld

FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_JOBS ?= 1

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) tools/fuzz/run.sh
