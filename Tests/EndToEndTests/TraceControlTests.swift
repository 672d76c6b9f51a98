import Foundation
import Testing

/// `run`'s strace controls, on the built binary: --calls, --sockets, --durations, --summary,
/// --output, --format jsonl, and their errors before the run.
@Suite("sockscript run: --calls, --sockets, --durations, --summary, --output, --format jsonl")
struct TraceControlTests {
  static let seed = "samples/seed/sndtimeo-1s.sock"

  @Test("--calls and --sockets keep only those calls' lines; a process's end stays")
  func filters() throws {
    let run = try Sockscript.run(["run", "--calls", "connect", "--sockets", "c1", Self.seed])
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        0.000000 c1       connect(c1, "server.sock") = 0
        0.000000 c1       connect(c1, "server.sock") <blocked on server.peer_wait, exclusive, 250 jiffies, until 1.000000>
        1.000000 c1       <... connect timed out on server.peer_wait>
        1.000000 c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)

        """)
    let none = try Sockscript.run(["run", "--sockets", "server", "--calls", "connect", Self.seed])
    #expect(none.stdout.isEmpty)
    let child = try Sockscript.run([
      "run", "--calls", "send", "-e", "socketpair a b; fork c; c: b close; c: exit 0; waitpid; a send \"x\" nosignal",
    ])
    #expect(child.stdout.contains("+++ exited with 0 +++"))
    #expect(child.stdout.contains("send(a, \"x\", 1, MSG_NOSIGNAL) = 1"))
    #expect(!child.stdout.contains("fork()"))
  }

  @Test("--durations ends each returned call with the time it took, strace -T's <s.us>")
  func durations() throws {
    let run = try Sockscript.run(["run", "--durations", "--calls", "connect", Self.seed])
    #expect(run.stdout.contains("connect(c1, \"server.sock\") = 0 <0.000000>\n"))
    #expect(run.stdout.contains("<... connect resumed> = -1 EAGAIN (Resource temporarily unavailable) <1.000000>\n"))
    #expect(!run.stdout.contains("250 jiffies, until 1.000000> <"))
  }

  @Test("--summary ends with strace -c's table; with -q it is all that is printed")
  func summary() throws {
    let run = try Sockscript.run(["run", "-q", "--summary", Self.seed])
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        % time     seconds  usecs/call     calls    errors syscall
        ------ ----------- ----------- --------- --------- ----------------
        100.00    1.000000      500000         2         1 connect
          0.00    0.000000           0         2           socket
          0.00    0.000000           0         1           bind
          0.00    0.000000           0         1           listen
          0.00    0.000000           0         1           setsockopt
        ------ ----------- ----------- --------- --------- ----------------
        100.00    1.000000      142857         7         1 total

        """)
  }

  @Test("--format jsonl: one object per event, in the trace's order, with the facts behind each line")
  func jsonl() throws {
    let run = try Sockscript.run(["run", "--format", "jsonl", "--calls", "connect", Self.seed])
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(objects.map { $0?["kind"] as? String } == ["returned", "blocked", "timed_out", "returned"])
    #expect(objects[1]?["queues"] as? [String] == ["server.peer_wait"])
    #expect(objects[1]?["deadline_ns"] as? Int == 1_000_000_000)
    #expect(objects[3]?["errno"] as? String == "EAGAIN")
    #expect(objects[3]?["started_ns"] as? Int == 0)
    #expect(objects[3]?["call_id"] as? Int == objects[1]?["call_id"] as? Int)
    #expect(objects[3]?["text"] as? String == "<... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)")
    let two = try Sockscript.run(["run", "--format", "jsonl", "--calls", "listen", Self.seed, Self.seed])
    #expect(two.stdout.hasPrefix("{\"kind\":\"run\",\"file\":\"\(Self.seed)\"}\n{\"kind\":\"returned\""))
  }

  @Test("--output writes the trace to a file; diagnostics stay on standard error")
  func output() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("trace.txt")
    let run = try Sockscript.run(["run", "--output", file.path, "-e", "socketpair a b; a recv 1 dontwait = 0"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("expected recv to return 0"))
    #expect(try String(contentsOf: file, encoding: .utf8).contains("recv(a, ..., 1, MSG_DONTWAIT) = -1 EAGAIN"))
  }

  @Test(
    "bad trace options are one error before the run, with the status of a usage error or an unwritable file",
    arguments: [
      (["--calls", "conect"], "--calls: unknown call 'conect': did you mean 'connect'?", Int32(64)),
      (["--calls", ","], "--calls needs at least one call", 64),
      (["-q", "--durations"], "--durations shapes the trace, which --quiet turns off", 64),
      (["--explain", "--format", "jsonl"], "--explain adds lines to the text trace", 64),
      (["--format", "xml"], "the value 'xml' is invalid for '--format <FORMAT>'", 64),
      (["--output", "/proc/no/such/dir/trace"], "cannot write '/proc/no/such/dir/trace'", 74),
    ])
  func errors(_ arguments: [String], _ message: String, _ status: Int32) throws {
    let run = try Sockscript.run(["run"] + arguments + [Self.seed])
    #expect(run.status == status)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test(
    "verify --traces takes --calls, --durations, --summary, --format and --output; without --traces they are a usage error"
  )
  func verifyControls() throws {
    let bare = try Sockscript.run(["verify", "--summary", Self.seed])
    #expect(bare.status == 64)
    #expect(bare.stderr.contains("add --traces"))
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A wrong expectation fails on both sides, so verify prints both traces.
    let script = dir.appendingPathComponent("wrong.sock")
    try "server listen 0\nclient c1 sndtimeo 10ms connect\nc1 connect = 0\n".write(
      to: script, atomically: true, encoding: .utf8)
    let shaped = try Sockscript.run([
      "verify", "--traces", "--calls", "connect", "--durations", "--summary", script.path,
    ])
    #expect(shaped.status == 1)
    #expect(!shaped.stdout.contains("listen(server"))
    #expect(shaped.stdout.components(separatedBy: "% time     seconds  usecs/call").count == 3)
    #expect(shaped.stdout.contains("(Resource temporarily unavailable) <0.01"))
    let json = try Sockscript.run(["verify", "--traces", "--format", "jsonl", "--calls", "connect", script.path])
    #expect(json.stdout.contains("  {\"kind\":\"blocked\""))
    let file = dir.appendingPathComponent("traces.txt")
    let written = try Sockscript.run(["verify", "--traces", "--output", file.path, script.path])
    #expect(written.status == 1)
    #expect(!written.stdout.contains("--- model"))
    let traces = try String(contentsOf: file, encoding: .utf8)
    #expect(traces.hasPrefix("==> \(script.path) <==\n  --- model (HZ "))
    #expect(traces.contains("  --- kernel\n"))
  }
}
