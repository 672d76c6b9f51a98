// libFuzzer's driver, exported by the runtime that -sanitize=fuzzer links in. SwiftPM gives
// every executable its own `main`, so the harness calls the driver from there instead of
// relying on libFuzzer's `main`.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
