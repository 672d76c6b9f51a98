import Foundation
import Testing

/// The REPL's `:state` shows Recv-Q and Send-Q as `ss -x` shows them on the real kernel: the
/// same scenario runs in the REPL (on the model) and with `--backend linux`, paused at its
/// end, while `ss -x -p` reads the kernel's queues of that process.
@Suite(
  "Recv-Q and Send-Q in :state against ss -x",
  .enabled(if: ["/usr/bin/ss", "/usr/bin/nsenter"].allSatisfy(FileManager.default.isExecutableFile(atPath:))))
struct StateQueuesOnKernelTests {
  /// Data queued every way the table distinguishes: a listener with two pending connections
  /// (one of which has sent), a stream pair read in part, a connected datagram pair.
  static let scenario = """
    server listen 3
    client c1 connect
    c1 send 10
    client c2 connect
    socketpair a b
    a send 100
    a send 50
    b recv 30
    socket d dgram bind "d.sock"
    socket e dgram connect "d.sock"
    e send 200
    e send 1
    touch "ready"
    sleep 3s

    """

  /// Descriptor → (Recv-Q, Send-Q) as `ss -x -a -n -p` shows them for the process `pid`,
  /// run in its network namespace (a kernel run makes a private one when it may).
  static func kernelQueues(of pid: Int32) throws -> [Int: (Int, Int)] {
    let ss = Process()
    ss.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
    ss.arguments = ["-t", "\(pid)", "-n", "/usr/bin/ss", "-x", "-a", "-n", "-p"]
    let out = Pipe()
    ss.standardOutput = out
    try ss.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    ss.waitUntilExit()
    var queues: [Int: (Int, Int)] = [:]
    for line in text.split(separator: "\n") where line.contains("pid=\(pid),") {
      let fields = line.split(separator: " ")
      guard fields.count > 3, let recvQ = Int(fields[2]), let sendQ = Int(fields[3]),
        let fd = line.split(separator: "fd=").last.flatMap({ Int($0.prefix { $0.isNumber }) })
      else { continue }
      queues[fd] = (recvQ, sendQ)
    }
    return queues
  }

  /// Descriptor → (Recv-Q, Send-Q) from the rows of a `:state` table.
  static func modelQueues(_ table: String) -> [Int: (Int, Int)] {
    var queues: [Int: (Int, Int)] = [:]
    for line in table.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 6, let fd = Int(fields[1]), let recvQ = Int(fields[4]), let sendQ = Int(fields[5])
      else { continue }
      queues[fd] = (recvQ, sendQ)
    }
    return queues
  }

  @Test("every descriptor's Recv-Q and Send-Q agree with the kernel's")
  func agree() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("queues.sock")
    try Self.scenario.write(to: script, atomically: true, encoding: .utf8)

    let kernelRun = Process()
    kernelRun.executableURL = URL(fileURLWithPath: Sockscript.binary)
    kernelRun.arguments = ["run", "--backend", "linux", script.path]
    // The run works in a private directory under TMPDIR; `touch "ready"` appears there.
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = dir.path + "/"
    kernelRun.environment = environment
    kernelRun.standardOutput = FileHandle.nullDevice
    try kernelRun.run()
    defer {
      kernelRun.terminate()
      kernelRun.waitUntilExit()
    }
    func ready() -> Bool {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      return entries.contains { FileManager.default.fileExists(atPath: dir.path + "/" + $0 + "/ready") }
    }
    let deadline = Date().addingTimeInterval(30)
    while !ready() && Date() < deadline { usleep(20_000) }
    let kernel = try Self.kernelQueues(of: kernelRun.processIdentifier)

    let t = try ReplTerminalTests.repl(history: dir.appendingPathComponent("history"))
    t.type(":load \(script.path)\r")
    try t.expect("3.000000> ")
    t.type(":state\r")
    let table = try t.expect("3.000000> ")
    t.type(":quit\r")
    _ = try t.waitForExit()

    let model = Self.modelQueues(table)
    #expect(model.keys.sorted() == Array(3...9), "the table:\n\(table)")
    // The kernel process holds descriptors of its own below the script's, so the sockets
    // are matched in descriptor order (both sides number them in creation order).
    let kernelInOrder = kernel.keys.sorted().map { "\(kernel[$0]!)" }
    let modelInOrder = model.keys.sorted().map { "\(model[$0]!)" }
    #expect(kernelInOrder == modelInOrder, "ss: \(kernelInOrder), :state: \(modelInOrder)")
    // Not merely zeros: the listener's queue, both partial stream reads, the first datagram.
    #expect(model[3].map { $0 == (2, 3) } == true)
    #expect(model[6].map { $0 == (0, 1536) } == true && model[7].map { $0 == (120, 0) } == true)
    #expect(model[8].map { $0 == (200, 0) } == true && model[9].map { $0 == (0, 2048) } == true)
  }
}
