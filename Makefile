# The two commands of the README: `make demo` runs a sample scenario, `make test` runs
# every test (unit, golden and end-to-end tests, then every sample verified against the
# real kernel of this machine). Both build what they need; besides the Swift toolchain the
# package needs libedit's headers (the REPL's line editing), which `deps` installs when missing.
# `make bench` measures the model against the real kernel (docs/performance.md).
# `make install` installs the binary, its man page and its shell completions.
.PHONY: demo test build deps browser fuzz fuzz-build bench install install-check man completions mutate

SAMPLE ?= samples/seed/seed-line.sock

demo: build
	.build/release/sockscript run $(SAMPLE)

# The Swift runtime and Foundation linked statically: a run starts with a third fewer
# instructions (no dynamic relocation of the Swift libraries; docs/performance.md).
# RELEASE_SPEED skips the runtime exclusivity checks of class properties, a fifth of the
# model's instructions; debug builds, which run the tests, keep them, so a violation is
# still caught there. It is passed here rather than set in Package.swift, where it would be
# an unsafe flag that keeps the libraries from being used as versioned dependencies.
RELEASE_SPEED = -Xswiftc -enforce-exclusivity=unchecked

build: deps
	swift build -c release --static-swift-stdlib --product sockscript $(RELEASE_SPEED)

# The benchmark needs the release build: a debug build's figures say little. BENCH_FLAGS
# passes options, e.g. `make bench BENCH_FLAGS=--quick` or `BENCH_FLAGS='--only cycle'`.
BENCH_FLAGS ?=

bench: build
	.build/release/sockscript bench $(BENCH_FLAGS)

# The bad-input corpus runs with small limits, so that its limit tests stay small files.
BAD_INPUT_LIMITS = --max-script-bytes 16384 --max-statements 100 --max-sockets 8 --max-virtual-time 3600

# Unit and end-to-end tests, then the samples and the bad-input corpus through the test
# runner (their golden check), the samples on the real kernel, `make install` into a
# staging directory (install-check), and a one-minute fuzz smoke.
test: deps browser
	swift build --build-tests
	swift test --skip-build
	.build/debug/sockscript test samples/
	.build/debug/sockscript test $(BAD_INPUT_LIMITS) Tests/BadInput
	.build/debug/sockscript verify samples/
	$(MAKE) install-check
	$(MAKE) fuzz FUZZ_SECONDS=60

# libedit-dev (Debian/Ubuntu) provides histedit.h and libedit.pc; sudo only when not root.
# (This rule was lost in a merge once, which no CI run noticed since CI's machine had the
# package: `make -n deps` must show the check.)
deps:
	@test -f /usr/include/histedit.h || { \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  echo "installing libedit-dev (for the REPL's line editing)"; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y libedit-dev; }

# Headless Chromium draws a timeline's SVG in a test (TimelineGoldenTests), installed when
# missing and the package can be had; without it that one test is skipped, nothing fails.
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  echo "installing chromium (a test draws a timeline's SVG with it)"; \
	  { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; } >/dev/null 2>&1 \
	    || echo "chromium could not be installed: the SVG rendering test is skipped"; }

# The libFuzzer harness over lexer, parser, evaluator and model (docs/fuzzing.md), in its
# own build directory so that the normal build is untouched. `make fuzz` runs it for
# FUZZ_SECONDS (default 60) or FUZZ_RUNS executions; FUZZ_JOBS runs processes in parallel.
fuzz-build:
	SOCKSCRIPT_FUZZ=1 swift build -c release --scratch-path .build/fuzz --product sockscript-fuzz \
		$(RELEASE_SPEED) -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld

FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_JOBS ?= 1

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) tools/fuzz/run.sh

# `make install` puts the release build in $(PREFIX)/bin, the man page sockscript(1) and the
# bash, zsh and fish completions where those shells look under $(PREFIX); DESTDIR stages it
# all in another root (for packaging: `make install DESTDIR=/tmp/pkg PREFIX=/usr`). BIN
# installs another build of the binary: install-check installs the debug build, to spare
# a release build.
PREFIX ?= /usr/local
DESTDIR ?=
BIN ?= .build/release/sockscript
BINDIR = $(DESTDIR)$(PREFIX)/bin
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.build/release/sockscript: build

install: $(BIN) man completions
	install -d $(BINDIR) $(MAN1DIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BIN) $(BINDIR)/sockscript
	install -m 644 .build/man/sockscript.1 $(MAN1DIR)/sockscript.1
	install -m 644 .build/completions/sockscript.bash $(BASHDIR)/sockscript
	install -m 644 .build/completions/_sockscript $(ZSHDIR)/_sockscript
	install -m 644 .build/completions/sockscript.fish $(FISHDIR)/sockscript.fish

# The man page comes from the argument parser's description of every command: its
# generate-manual tool (built from the package's own checkout of swift-argument-parser)
# turns `sockscript --experimental-dump-help` into mdoc, and tools/man/mdoc-text.awk
# keeps the help text's examples and tables as they are.
man: $(BIN)
	swift build --product generate-manual
	mkdir -p .build/man
	.build/debug/generate-manual $(BIN) --output-directory .build/man
	awk -f tools/man/mdoc-text.awk .build/man/sockscript.1 > .build/man/sockscript.1.tmp
	mv .build/man/sockscript.1.tmp .build/man/sockscript.1

# A staged install of the debug build, every file checked (tools/install-check.sh).
install-check:
	tools/install-check.sh .build/debug/sockscript

completions: $(BIN)
	mkdir -p .build/completions
	$(BIN) --generate-completion-script bash > .build/completions/sockscript.bash
	$(BIN) --generate-completion-script zsh > .build/completions/_sockscript
	$(BIN) --generate-completion-script fish > .build/completions/sockscript.fish

# The mutation test (docs/testing.md): applies each one-line rule break of
# tools/mutate/mutations.txt in a scratch copy of the tree, runs the suite on it and reports
# the mutants no test kills. Not part of `make test`: it builds once per mutant. MUTATE_FLAGS
# passes options, e.g. `make mutate MUTATE_FLAGS='--only backlog-admits-n --keep'`.
MUTATE_FLAGS ?=

mutate: deps
	python3 tools/mutate/mutate.py $(MUTATE_FLAGS)
