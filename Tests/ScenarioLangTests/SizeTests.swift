import Testing

@testable import ScenarioLang

/// Sizes (`1.5KiB`) are exact byte counts, and stand for a byte count wherever one is written.
@Suite("Sizes")
struct SizeTests {
  func run(_ text: String) -> (stdout: String, diagnostics: [Diagnostic], status: ScenarioLang.ExitStatus) {
    ScriptRunner.capture(SourceFile(name: "t.sock", text: text))
  }

  @Test(
    "a decimal times a unit is exact, also for units that are not powers of ten",
    arguments: [
      ("1.5", 1024, ScaledDecimal.exact(1536)), ("0.5", 1024, .exact(512)), ("1.5", 1 << 20, .exact(1_572_864)),
      ("0.25", 1 << 20, .exact(262_144)), ("-1.5", 1024, .exact(-1536)), ("2", 1024, .exact(2048)),
      ("0.0009765625", 1024, .exact(1)), ("0.99999904632568359375", 1 << 20, .exact(1_048_575)),
      ("1.50000000000000000000000", 1024, .exact(1536)), ("0.1", 1024, .fractional), ("1.0001", 1024, .fractional),
      ("99999999999999999999", 1024, .overflow), ("1.5", 1000, .exact(1500)),
      ("-1.5", 1_000_000_000, .exact(-1_500_000_000)),
      ("1.5", 1, .fractional), ("9223372036.854775807", 1_000_000_000, .exact(.max)),
      ("9223372036.854775808", 1_000_000_000, .overflow), ("0000000000000000000000001", 1, .exact(1)),
    ] as [(String, Int64, ScaledDecimal)])
  func scaled(_ text: String, _ unit: Int64, _ expected: ScaledDecimal) {
    #expect(ScaledDecimal(text, times: unit) == expected)
  }

  @Test("a send or recv of a fractional size moves exactly that many bytes")
  func fractionalTransfer() {
    let r = run("socketpair a b; a send 1.5KiB = 1536; a send 0.5KiB; b recv 1.5MiB dontwait = 2KiB")
    #expect(r.status == .ok, "\(r.diagnostics.map(\.message))")
    #expect(r.stdout.contains("send(a, <1536 bytes>, 1536, 0) = 1536"))
    #expect(r.stdout.contains("send(a, <512 bytes>, 512, 0) = 512"))
    #expect(r.stdout.contains("recv(b, <2048 bytes>, 1572864, MSG_DONTWAIT) = 2048"))
  }

  @Test("buffer options, the values read back and the buffer sysctls take sizes")
  func byteCounts() {
    let r = run(
      "sysctl net.core.wmem_max 0.5MiB = 0; client c sndbuf 1MiB; c get sndbuf = [1MiB]; c rcvbuf 1.5KiB; "
        + "c get rcvbuf = [3KiB]; c sndtimeo 1s optlen 0.015625KiB = 0")
    #expect(r.status == .ok, "\(r.diagnostics.map(\.message))")
    #expect(r.stdout.contains("sysctl(net.core.wmem_max=524288) = 0"))
    #expect(r.stdout.contains("setsockopt(c, SOL_SOCKET, SO_SNDBUF, [1048576], 4) = 0"))
    #expect(r.stdout.contains("setsockopt(c, SOL_SOCKET, SO_RCVBUF, [1536], 4) = 0"))
    #expect(r.stdout.contains("SO_SNDTIMEO, {tv_sec=1, tv_usec=0}, 16) = 0"))
  }

  @Test(
    "a size that is not whole bytes, or where no byte count goes, is an error at the size",
    arguments: [
      DiagnosticCase(text: "c send 0.1KiB", message: "'0.1KiB' is not a whole number of bytes", column: 8),
      DiagnosticCase(text: "c recv 1.0000001MiB", message: "'1.0000001MiB' is not a whole number of bytes", column: 8),
      DiagnosticCase(text: "c sndbuf 0.3KiB", message: "'0.3KiB' is not a whole number of bytes", column: 10),
      DiagnosticCase(
        text: "c sndbuf 2048MiB",
        message: "sndbuf's value must be an integer from -2147483648 to 2147483647, found '2048MiB'", column: 10),
      DiagnosticCase(
        text: "sysctl net.core.somaxconn 1KiB",
        message: "net.core.somaxconn is not a byte count, so it takes no size, found '1KiB'", column: 27),
      DiagnosticCase(
        text: "c connect = 1KiB",
        message: "a size result ('1KiB') is a byte count: only 'send' and 'recv' return one", column: 13),
      DiagnosticCase(text: "c listen 1KiB", message: "listen's backlog must be an integer, found '1KiB'", column: 10),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }

  @Test("the note says what the size comes to")
  func fractionNote() {
    let error = #expect(throws: Diagnostic.self) { try Parser.parse("c send 0.1KiB") }
    #expect(error?.noteMessages == ["0.1KiB is 102.4 bytes (1KiB is 1024, 1MiB 1048576)"])
  }
}
