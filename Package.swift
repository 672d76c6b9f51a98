// swift-tools-version: 6.0
import PackageDescription

// No target sets unsafe flags: a package that depends on these libraries by version could
// not use them. The release builds' speed flag (-enforce-exclusivity=unchecked) is the
// Makefile's (`make build`, docs/performance.md).
let package = Package(
  name: "sockscript",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "sockscript", targets: ["sockscript"]),
    .library(name: "ScenarioLang", targets: ["ScenarioLang"]),
    .library(name: "SockKernel", targets: ["SockKernel"]),
    .library(name: "SyscallVocabulary", targets: ["SyscallVocabulary"]),
    .library(name: "SockLinux", targets: ["SockLinux"]),
    .library(name: "ScenarioTesting", targets: ["ScenarioTesting"]),
    .library(name: "ScenarioVerify", targets: ["ScenarioVerify"]),
    .library(name: "SockBench", targets: ["SockBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
  ],
  targets: [
    // What both backends and the language speak: system calls, outcomes, errnos, task ids,
    // run stops, events. It depends on nothing, so the real-kernel backend needs no model.
    .target(name: "SyscallVocabulary"),
    // The kernel model: knows nothing of the language.
    .target(
      name: "SockKernel",
      dependencies: ["SyscallVocabulary", .product(name: "Collections", package: "swift-collections")]
    ),
    // The scenario language: lexer, parser, AST, evaluator; drives SockKernel.
    .target(
      name: "ScenarioLang",
      dependencies: [
        "SyscallVocabulary", "SockKernel", .product(name: "BitCollections", package: "swift-collections"),
        .product(name: "DequeModule", package: "swift-collections"),
      ]),
    // The real kernel as a backend of the language (`run --backend linux`, `verify`).
    .target(
      name: "SockLinux",
      dependencies: ["ScenarioLang", "SyscallVocabulary", .product(name: "Collections", package: "swift-collections")]
    ),
    // `sockscript test`: test headers, golden files and diffs, the runner of scripts in child
    // processes, and its reports (human, TAP, JUnit).
    .target(name: "ScenarioTesting", dependencies: ["ScenarioLang", "SockKernel"]),
    // `sockscript verify`: a script run on the model and on the kernel, compared call by call.
    .target(
      name: "ScenarioVerify",
      dependencies: ["ScenarioLang", "ScenarioTesting", "SockLinux", "SockKernel", "SyscallVocabulary"]
    ),
    // `sockscript bench`: the model timed against the real kernel (docs/performance.md).
    .target(name: "SockBench", dependencies: ["ScenarioLang", "SockKernel", "SockLinux", "SyscallVocabulary"]),
    // libedit (line editing and history for the REPL); `make deps` installs libedit-dev.
    .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    // The command-line tool.
    .executableTarget(
      name: "sockscript",
      dependencies: [
        "ScenarioLang",
        "ScenarioTesting",
        "ScenarioVerify",
        "SockBench",
        "SockLinux",
        "SyscallVocabulary",
        "CLibEdit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "SyscallVocabularyTests", dependencies: ["SyscallVocabulary"]),
    .testTarget(name: "SockKernelTests", dependencies: ["SockKernel", "SyscallVocabulary"]),
    .testTarget(name: "SockLinuxTests", dependencies: ["SockLinux", "ScenarioLang", "SyscallVocabulary"]),
    .testTarget(name: "ScenarioTestingTests", dependencies: ["ScenarioTesting", "ScenarioLang", "SockKernel"]),
    .testTarget(name: "ScenarioVerifyTests", dependencies: ["ScenarioVerify", "ScenarioLang", "ScenarioTesting"]),
    .testTarget(name: "SockBenchTests", dependencies: ["SockBench"]),
    .testTarget(name: "ScenarioLangTests", dependencies: ["ScenarioLang", "SyscallVocabulary"]),
    // Runs the built binary, which the dependency builds with the tests and puts next to
    // them; Fixtures/ holds the scripts the tests of `sockscript test` run.
    .testTarget(name: "EndToEndTests", dependencies: ["sockscript"], exclude: ["Fixtures"]),
  ]
)

// `make fuzz` only (SOCKSCRIPT_FUZZ=1): the libFuzzer harness, whose `main` calls libFuzzer's
// driver, so it links only with -sanitize=fuzzer. See docs/fuzzing.md.
if Context.environment["SOCKSCRIPT_FUZZ"] != nil {
  package.products.append(.executable(name: "sockscript-fuzz", targets: ["FuzzScenario"]))
  package.targets += [
    .target(name: "FuzzDriver", path: "tools/fuzz/FuzzDriver"),
    .executableTarget(
      name: "FuzzScenario", dependencies: ["ScenarioLang", "SyscallVocabulary", "FuzzDriver"],
      path: "tools/fuzz/FuzzScenario"),
  ]
}
