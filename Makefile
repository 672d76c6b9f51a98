# The two commands of the README: `make demo` runs a sample scenario, `make test` runs
# every test. Both build what they need; besides the Swift toolchain the package needs
# libedit's headers (the REPL's line editing), which `deps` installs when they are missing.
.PHONY: demo test build deps

SAMPLE ?= samples/seed/seed-line.sock

demo: build
	.build/release/sockscript run $(SAMPLE)

build: deps
	swift build -c release --product sockscript

test: deps
	swift build --build-tests
	swift test --skip-build

# libedit-dev (Debian/Ubuntu) provides histedit.h and libedit.pc; sudo only when not root.
deps:
	@test -f /usr/include/histedit.h || { \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  echo "installing libedit-dev (for the REPL's line editing)"; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y libedit-dev; }
