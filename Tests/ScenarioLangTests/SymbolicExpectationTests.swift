import Foundation
import Testing

@testable import ScenarioLang

/// An expectation can be written with the values the trace prints: `[SOCK_STREAM]`,
/// `{tv_sec=0, tv_usec=4000}`, `[POLLOUT|POLLHUP]`.
@Suite("Symbolic expectations")
struct SymbolicExpectationTests {
  func run(_ text: String) -> (stdout: String, diagnostics: [Diagnostic], status: ScenarioLang.ExitStatus) {
    ScriptRunner.capture(SourceFile(name: "t.sock", text: text))
  }

  /// Every `get` and one-socket `poll` of the script, each run alone after `setup`.
  static let reads = [
    "c get type", "d get type", "q get type", "c get error", "p get error", "c get sndbuf", "c get rcvbuf",
    "c get sndtimeo", "c get rcvtimeo", "c poll", "p poll", "d poll out", "q poll in",
  ]
  static let setup =
    "socketpair p r; r send \"x\"; r close; client c; c rcvtimeo 4ms; c sndbuf 3000; socketpair d e dgram; "
    + "socketpair q s seqpacket"

  @Test("the value the trace prints for a get or a poll, written as the expectation, holds", arguments: reads)
  func traceValueHolds(_ read: String) throws {
    let first = run(Self.setup + "; " + read)
    #expect(first.status == .ok)
    let line = try #require(first.stdout.split(separator: "\n").last.map(String.init))
    let printed = try #require(Self.printedValue(line), "no value in \(line)")
    let second = run(Self.setup + "; " + read + " = " + printed)
    #expect(second.status == .ok, "\(read) = \(printed): \(second.diagnostics.map(\.message))")
  }

  /// `[SOCK_STREAM]` or `{tv_sec=0, tv_usec=4000}` from a getsockopt line; `[POLLOUT|POLLHUP]`
  /// from the revents of a poll of one socket (`[0]` when it had none).
  static func printedValue(_ line: String) -> String? {
    if let range = line.range(of: #"SOL_SOCKET, SO_[A-Z]+, (\[[^\]]*\]|\{[^}]*\})"#, options: .regularExpression) {
      return String(line[range].drop { $0 != "[" && $0 != "{" })
    }
    if let range = line.range(of: #"revents=[A-Z|]+"#, options: .regularExpression) {
      return "[" + line[range].dropFirst("revents=".count) + "]"
    }
    return line.hasSuffix("= 0 ([])") ? "[0]" : nil
  }

  @Test("symbolic values that differ fail, and the failure says both as the trace does")
  func mismatch() {
    let r = run("client c; c get type = [SOCK_DGRAM]")
    #expect(r.status == .expectationFailed)
    #expect(r.diagnostics.map(\.message) == ["expected get to return [SOCK_DGRAM], but it returned [SOCK_STREAM]"])
    let timeval = run("client c; c rcvtimeo 4ms; c get rcvtimeo = {tv_sec=0, tv_usec=5000}")
    #expect(timeval.status == .expectationFailed)
  }

  @Test("a timeval to set may be written as the trace prints it")
  func timevalToSet() {
    let r = run("client c; c sndtimeo {tv_sec=1, tv_usec=8000} = 0; c get sndtimeo = {1, 8000}")
    #expect(r.status == .ok, "\(r.diagnostics.map(\.message))")
  }

  @Test(
    "a misspelt symbol is an error with a suggestion",
    arguments: [
      DiagnosticCase(text: "c get type = [SOCK_STREM]", message: "unknown socket type 'SOCK_STREM'", column: 15),
      DiagnosticCase(text: "c get error = [ECONNRESTE]", message: "unknown errno 'ECONNRESTE'", column: 16),
      DiagnosticCase(
        text: "c sndtimeo {tv_sec 1, 0}", message: "expected '=' after tv_sec, found '1'", column: 20),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
