import Foundation
import Testing

/// The README's two commands must set up a fresh machine: `make demo` and `make test` both
/// depend on `deps`, which installs libedit-dev when its header is missing. A merge once
/// dropped that rule and nothing noticed, because the CI machine had the package.
@Suite("Makefile")
struct MakefileTests {
  @Test("make demo and make test install libedit-dev when it is missing")
  func depsInstallsLibedit() throws {
    for target in ["demo", "test", "deps"] {
      let make = Process()
      make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      make.arguments = ["make", "-n", "--always-make", target]
      make.currentDirectoryURL = Sockscript.root
      let pipe = Pipe()
      make.standardOutput = pipe
      make.standardError = Pipe()
      try make.run()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      make.waitUntilExit()
      #expect(make.terminationStatus == 0, "make -n \(target)")
      #expect(output.contains("histedit.h") && output.contains("apt-get install -y libedit-dev"), "make -n \(target)")
    }
  }

  /// The release builds' speed flag lives in the Makefile, not in Package.swift, where an
  /// unsafe flag would keep the libraries from being used as versioned dependencies.
  @Test("make build skips exclusivity checks; no target of Package.swift sets unsafe flags")
  func releaseSpeedFlagIsTheMakefiles() throws {
    let make = Process()
    make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    make.arguments = ["make", "-n", "--always-make", "build"]
    make.currentDirectoryURL = Sockscript.root
    let pipe = Pipe()
    make.standardOutput = pipe
    make.standardError = Pipe()
    try make.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    make.waitUntilExit()
    #expect(output.contains("swift build -c release") && output.contains("-Xswiftc -enforce-exclusivity=unchecked"))
    let manifest = try String(contentsOf: Sockscript.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    #expect(!manifest.contains(".unsafeFlags("))
  }
}
