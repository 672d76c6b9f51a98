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
      let (output, status) = try Make.run(["-n", "--always-make", target])
      #expect(status == 0, "make -n \(target)")
      #expect(output.contains("histedit.h") && output.contains("apt-get install -y libedit-dev"), "make -n \(target)")
    }
  }

  @Test("make test installs chromium when it is missing, and goes on without it")
  func testInstallsChromium() throws {
    let (output, status) = try Make.run(["-n", "--always-make", "test"])
    #expect(status == 0)
    #expect(
      output.contains("command -v chromium") && output.contains("apt-get install -y --no-install-recommends chromium"))
    #expect(output.contains("|| echo \"chromium could not be installed"))
  }

  /// The release builds' speed flag lives in the Makefile, not in Package.swift, where an
  /// unsafe flag would keep the libraries from being used as versioned dependencies.
  @Test("make build skips exclusivity checks; no target of Package.swift sets unsafe flags")
  func releaseSpeedFlagIsTheMakefiles() throws {
    let output = try Make.run(["-n", "--always-make", "build"]).output
    #expect(output.contains("swift build -c release") && output.contains("-Xswiftc -enforce-exclusivity=unchecked"))
    let manifest = try String(contentsOf: Sockscript.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    #expect(!manifest.contains(".unsafeFlags("))
  }
}
