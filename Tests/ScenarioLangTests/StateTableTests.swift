import Testing

@testable import ScenarioLang

/// `:state`: Recv-Q and Send-Q as `ss -x` reports them (unix_diag), in a table that fits
/// the terminal.
@Suite(":state table")
struct StateTableTests {
  typealias Harness = InteractiveSessionTests.Harness

  static func state(_ lines: String..., columns: Int = 80) -> [String] {
    let h = Harness()
    h.columns = columns
    lines.forEach(h.engine.enter)
    h.out = []
    h.enter(":state")
    #expect(h.err.isEmpty)
    return h.out
  }

  @Test("queued data: a reader's unread bytes and the sender's charge, as unix_diag reports them")
  func queuedData() {
    let table = Self.state(
      "socketpair a b", "a send 100", "a send 50", "b recv 30", "socket d dgram bind \"d.sock\"",
      "socket e dgram connect \"d.sock\"", "e send 200; e send 1", "socketpair p q seqpacket", "p send 7; p send 9")
    let queues = table.dropFirst().map { $0.split(separator: " ").prefix(6).joined(separator: " ") }
    #expect(
      queues == [
        // Stream: 120 bytes unread of 150; the sender is charged both skbs (768 each)
        // until the second is read to its end.
        "a 3 stream ESTAB 0 1536", "b 4 stream ESTAB 120 0",
        // Datagram: only the first datagram's length; the sender pays for both.
        "d 5 dgram ESTAB 200 0", "e 6 dgram ESTAB 0 2048",
        // Seqpacket: every record's bytes.
        "p 7 seqpacket ESTAB 0 1536", "q 8 seqpacket ESTAB 16 0",
      ])
  }

  @Test("files in flight: a queue's scm_fds, and a row for a socket only a message holds")
  func inFlight() {
    let table = Self.state(
      "socketpair a b", "socketpair c d", "b sendmsg \"x\" rights c, d", "c close", columns: 200)
    let a = table.first { $0.hasPrefix("a ") } ?? ""
    let c = table.first { $0.hasPrefix("  c ") } ?? ""
    let d = table.first { $0.hasPrefix("d ") } ?? ""
    #expect(a.hasSuffix("scm_fds=2"), "\(table)")
    #expect(c.hasSuffix("in flight"), "\(table)")
    #expect(d.hasSuffix("in flight"), "\(table)")
  }

  @Test("a listener's Recv-Q and Send-Q are its queue and its backlog")
  func listener() {
    let table = Self.state("server listen 5", "client c1 connect", "client c2 connect")
    #expect(table[1].split(separator: " ").prefix(6) == ["server", "3", "stream", "LISTEN", "2", "5"])
  }

  @Test("at 80 columns the timeouts and flags move under their row, only where they are set")
  func eightyColumns() {
    let table = Self.state(
      "server listen 0", "client c1 connect", "client c2 sndtimeo 2s nonblock", "c2 connect &")
    #expect(
      table == [
        "Socket         Fd  Type    State   Recv-Q  Send-Q  Local          Peer",
        "server          3  stream  LISTEN       1       0  \"server.sock\"  *",
        "    backlog 0 admits 1; 1 queued (c1): full, the next connect sleeps or fails",
        "  socket#1003   -  stream  ESTAB        0       0  \"server.sock\"  c1",
        "    queued on server",
        "c1              4  stream  ESTAB        0       0  *              socket#1003",
        "c2              5  stream  UNCONN       0       0  *              *",
        "    sndtimeo 2.000000; nonblock",
      ])
    #expect(table.allSatisfy { $0.count <= 80 })
  }

  @Test("a wide terminal gets the whole table")
  func wide() {
    let table = Self.state("server listen 0", "client c1 sndtimeo 2s connect", columns: 120)
    #expect(
      table == [
        "Socket         Fd  Type    State   Recv-Q  Send-Q  Local          Peer         SndTimeo  RcvTimeo  Flags",
        "server          3  stream  LISTEN       1       0  \"server.sock\"  *            forever   forever   -",
        "    backlog 0 admits 1; 1 queued (c1): full, the next connect sleeps or fails",
        "  socket#1003   -  stream  ESTAB        0       0  \"server.sock\"  c1           forever   forever   queued on server",
        "c1              4  stream  ESTAB        0       0  *              socket#1003  2.000000  forever   -",
      ])
  }

  @Test("long addresses move under the row too; long lines wrap between words")
  func longAddressesAndSleepers() {
    let path = String(repeating: "long", count: 12) + ".sock"
    let table = Self.state(
      "socket s bind \"\(path)\" listen 0", "client c1 connect \"\(path)\"",
      "repeat 6 as i { client waiter$i connect \"\(path)\" & }")
    #expect(table.allSatisfy { $0.count <= 80 }, "\(table.joined(separator: "\n"))")
    #expect(table[0] == "Socket         Fd  Type    State   Recv-Q  Send-Q")
    #expect(table[1] == "s               3  stream  LISTEN       1       0")
    #expect(table[2] == "    local \"\(path)\"")
    #expect(table[4].hasPrefix("    waiting on s.peer_wait: waiter0 in connect (exclusive, no timeout),"))
    #expect(table[5].hasPrefix("        in connect (exclusive, no timeout), waiter2"))
    let words = table.joined(separator: " ").split(separator: " ")
    #expect(words.contains("waiter5") && !words.contains { $0.hasPrefix("waiter") && $0.count == 6 })
  }
}
