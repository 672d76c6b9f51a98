import FuzzDriver

#if canImport(Glibc)
  import Glibc
#endif

// libFuzzer parses its own flags (-runs=, -max_total_time=, the corpus directories).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzScenario(data, size) })
