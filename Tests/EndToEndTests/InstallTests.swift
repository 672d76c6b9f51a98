import Foundation
import Testing

/// `make install`: every file goes under DESTDIR and PREFIX, and `make test` checks a real
/// staged install (tools/install-check.sh; it cannot run here, since it builds the man
/// page's tool with SwiftPM, which this test run holds locked).
@Suite("make install")
struct InstallTests {
  /// The destination of each file `make install` would copy.
  func destinations(_ variables: [String]) throws -> [String] {
    let dry = try Make.run(["-n", "--always-make", "install", "BIN=\(Sockscript.binary)"] + variables)
    #expect(dry.status == 0)
    return dry.output.split(separator: "\n").filter { $0.hasPrefix("install -m") }.compactMap {
      $0.split(separator: " ").last.map(String.init)
    }
  }

  @Test("the binary, the man page and three completions, under PREFIX (/usr/local by default)")
  func defaultPrefix() throws {
    #expect(
      try destinations([]) == [
        "/usr/local/bin/sockscript", "/usr/local/share/man/man1/sockscript.1",
        "/usr/local/share/bash-completion/completions/sockscript", "/usr/local/share/zsh/site-functions/_sockscript",
        "/usr/local/share/fish/vendor_completions.d/sockscript.fish",
      ])
  }

  @Test("DESTDIR stages the install in another root; PREFIX moves it")
  func stagedAndMoved() throws {
    let staged = try destinations(["DESTDIR=/staging", "PREFIX=/usr"])
    #expect(staged.count == 5)
    for path in staged { #expect(path.hasPrefix("/staging/usr/"), "\(path)") }
    #expect(staged.first == "/staging/usr/bin/sockscript")
  }

  @Test("make test installs into a staging directory and checks every file")
  func makeTestChecksInstall() throws {
    let dry = try Make.run(["-n", "--always-make", "test"])
    #expect(dry.status == 0)
    #expect(dry.output.contains("tools/install-check.sh"))
  }
}
