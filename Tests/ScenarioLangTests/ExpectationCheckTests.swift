import Testing

@testable import ScenarioLang

/// One kind of `= …` expectation, checked twice: against the value the call really returns
/// (it must hold) and against a near miss of it (it must fail, with this message). The near
/// misses differ in the one thing a lax check would overlook: another errno, the same length
/// with other bytes, one microsecond or one byte of buffer more.
struct ExpectationCase: CustomTestStringConvertible, Sendable {
  let name: String
  /// The script up to the `=` of the checked call.
  let call: String
  /// What the call returns.
  let holds: String
  /// A result it does not return.
  let nearMiss: String
  /// The diagnostic of the near miss.
  let message: String

  var testDescription: String { name }
}

@Suite("expectations: `= …` holds only for exactly what the call returned")
struct ExpectationCheckTests {
  static let cases: [ExpectationCase] = [
    ExpectationCase(
      name: "another errno", call: "server listen 0; client c1 connect; client c2 nonblock connect",
      holds: "EAGAIN", nearMiss: "ECONNREFUSED",
      message: "expected connect to return -1 ECONNREFUSED, but it returned -1 EAGAIN"),
    ExpectationCase(
      name: "another errno, written with -1", call: "server listen 0; client c1 connect; client c2 nonblock connect",
      holds: "-1 EAGAIN", nearMiss: "-1 ENOENT",
      message: "expected connect to return -1 ENOENT, but it returned -1 EAGAIN"),
    ExpectationCase(
      name: "an errno where the call succeeds", call: "server listen 5; client c1 connect", holds: "0",
      nearMiss: "EAGAIN", message: "expected connect to return -1 EAGAIN, but it returned 0"),
    ExpectationCase(
      name: "success where the call fails", call: "server listen 0; client c1 connect; client c2 nonblock connect",
      holds: "EAGAIN", nearMiss: "0", message: "expected connect to return 0, but it returned -1 EAGAIN"),
    ExpectationCase(
      name: "another count", call: "socketpair a b; a send \"abc\"", holds: "3", nearMiss: "2",
      message: "expected send to return 2, but it returned 3"),
    ExpectationCase(
      name: "the same length, other bytes", call: "socketpair a b; a send \"abc\"; b recv 3", holds: "\"abc\"",
      nearMiss: "\"abd\"", message: "expected recv to return \"abd\", but it returned \"abc\""),
    ExpectationCase(
      name: "a prefix of the bytes", call: "socketpair a b; a send \"abc\"; b recv 3", holds: "\"abc\"",
      nearMiss: "\"ab\"", message: "expected recv to return \"ab\", but it returned \"abc\""),
    ExpectationCase(
      name: "bytes where the call fails", call: "socketpair a b; b recv 3 dontwait", holds: "EAGAIN",
      nearMiss: "\"\"", message: "expected recv to return \"\", but it returned -1 EAGAIN"),
    ExpectationCase(
      name: "a timeval one microsecond off", call: "client c rcvtimeo 4ms; c get rcvtimeo", holds: "{0, 4000}",
      nearMiss: "{0, 4001}", message: "expected get to return {0, 4001}, but it returned {0, 4000}"),
    ExpectationCase(
      name: "an option value one off", call: "client c; c sndbuf 0; c get sndbuf", holds: "[4608]",
      nearMiss: "[4609]", message: "expected get to return [4609], but it returned [4608]"),
    ExpectationCase(
      name: "revents with one event more", call: "socketpair a b; a poll a", holds: "[OUT]", nearMiss: "[IN|OUT]",
      message: "expected poll to return [POLLIN|POLLOUT], but it returned [POLLOUT]"),
    ExpectationCase(
      name: "revents of fewer sockets", call: "socketpair a b; a poll a, b", holds: "[OUT, OUT]", nearMiss: "[OUT]",
      message: "expected poll to return [POLLOUT], but it returned [POLLOUT, POLLOUT]"),
    ExpectationCase(
      name: "file status flags, shown as the trace shows them", call: "socketpair a b; a nonblock; a fcntl getfl",
      holds: "2050", nearMiss: "2",
      message: "expected fcntl to return 2, but it returned 0x802 (flags O_RDWR|O_NONBLOCK)"),
    ExpectationCase(
      name: "no descriptor flags", call: "socketpair a b; a fcntl getfd", holds: "0", nearMiss: "1",
      message: "expected fcntl to return 1, but it returned 0"),
    ExpectationCase(
      name: "a socket's name, one byte off", call: "server listen 5; server getsockname", holds: "\"server.sock\"",
      nearMiss: "\"server.soc\"",
      message: "expected getsockname to return \"server.soc\", but it returned \"server.sock\""),
    ExpectationCase(
      name: "an abstract name where the name is a path", call: "server listen 5; server getsockname",
      holds: "\"server.sock\"", nearMiss: "@\"server.sock\"",
      message: "expected getsockname to return @\"server.sock\", but it returned \"server.sock\""),
    ExpectationCase(
      name: "a name where the socket is unbound", call: "client c; c getsockname", holds: "\"\"", nearMiss: "\"c\"",
      message: "expected getsockname to return \"c\", but it returned {sa_family=AF_UNIX}"),
    ExpectationCase(
      name: "credentials, the uid off", call: "socketpair a b; a get peercred", holds: "{pid=1, uid=0, gid=0}",
      nearMiss: "{1, 1, 0}",
      message: "expected get to return {pid=1, uid=1, gid=0}, but it returned {pid=1, uid=0, gid=0}"),
    ExpectationCase(
      name: "no credentials", call: "client c; c get peercred", holds: "{0, -1, -1}", nearMiss: "{0, 0, 0}",
      message: "expected get to return {pid=0, uid=0, gid=0}, but it returned {pid=0, uid=-1, gid=-1}"),
    ExpectationCase(
      name: "a time one jiffy early", call: "server listen 0; client c1 sndtimeo 1s connect; c1 connect",
      holds: "EAGAIN at 1s", nearMiss: "EAGAIN at 996ms",
      message: "expected connect to return -1 EAGAIN at 0.996000, but it returned -1 EAGAIN at 1.000000"),
  ]

  func run(_ script: String) -> (stdout: String, diagnostics: [Diagnostic], status: ScenarioLang.ExitStatus) {
    ScriptRunner.capture(SourceFile(name: "t.sock", text: script))
  }

  @Test("the result the call returned holds", arguments: cases)
  func holds(_ c: ExpectationCase) {
    let r = run("\(c.call) = \(c.holds)")
    #expect(r.status == .ok)
    #expect(r.diagnostics.map(\.message) == [])
  }

  @Test("a near miss of it fails: exit 1 and one diagnostic at the `=`", arguments: cases)
  func nearMissFails(_ c: ExpectationCase) {
    let r = run("\(c.call) = \(c.nearMiss)")
    #expect(r.status == .expectationFailed)
    #expect(r.diagnostics.map(\.message) == [c.message])
    #expect(r.diagnostics.first?.location?.column == c.call.count + 2)
  }
}
