# The two commands of the README: `make demo` runs a sample scenario, `make test` runs
# every test (unit, golden and end-to-end tests, then every sample verified against the
# real kernel of this machine). Both build what they need.
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
	.build/debug/sockscript verify samples/
