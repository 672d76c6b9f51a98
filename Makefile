# The two commands of the README: `make demo` runs a sample scenario, `make test` runs
# every test. Both build what they need; the package needs only the Swift toolchain.
.PHONY: demo test build

SAMPLE ?= samples/seed/seed-line.sock

demo: build
	.build/release/sockscript run $(SAMPLE)

build:
	swift build -c release --product sockscript

# Unit and end-to-end tests, then the samples through the test runner (their golden check).
test:
	swift build --build-tests
	swift test --skip-build
	.build/debug/sockscript test samples/
