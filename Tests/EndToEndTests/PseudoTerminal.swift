import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program running on a pseudo-terminal this test opened: what a user at a terminal sees
/// and types. The program gets its own session with the terminal as its controlling
/// terminal, as a login shell would give it.
final class PseudoTerminal {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let master: Int32
  let pid: pid_t
  /// Everything the program wrote, as raw bytes.
  private(set) var output: [UInt8] = []
  /// How much of ``screen`` earlier ``expect(_:timeout:)`` calls have consumed.
  private var consumed: String.Index?

  init(_ binary: String, _ arguments: [String], environment: [String: String], directory: String) throws {
    master = PTY.openpt(O_RDWR | O_NOCTTY)
    // ptsname_r, not ptsname: tests run in parallel, and ptsname's buffer is shared.
    var name = [CChar](repeating: 0, count: 128)
    guard master >= 0, PTY.grantpt(master) == 0, PTY.unlockpt(master) == 0,
      PTY.ptsname_r(master, &name, name.count) == 0
    else {
      throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    let slave = String(cString: name)
    // Wide enough that no line the tests look for wraps.
    var size = winsize(ws_row: 50, ws_col: 250, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    posix_spawn_file_actions_addclose(&actions, master)
    PTY.addchdir(&actions, directory)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new session: opening the terminal then makes it the controlling terminal.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(
      &attributes, Int16(PTY.POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    // The shell ignores SIGINT, so that a Ctrl-C typed at the terminal (which signals the
    // whole foreground group) reaches only the program, which sets its own handler.
    let script = "trap '' INT; \"$0\" \"$@\"; echo \"\(Self.exitMarker)$?]\""
    let argv = (["/bin/sh", "-c", script, binary] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, envp)
    guard status == 0 else {
      close(master)
      throw Failure(description: "cannot start \(binary): \(String(cString: strerror(status)))")
    }
    pid = child
  }

  deinit {
    // The shell and the program share a process group (the shell leads the session).
    kill(-pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, WNOHANG)
    close(master)
  }

  /// Types `text` (use "\r" for Enter, "\u{3}" for Ctrl-C, "\t" for Tab, "\u{1B}[A" for Up).
  func type(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      bytes = bytes.dropFirst(n)
    }
  }

  /// Whether the terminal is in canonical mode with signals on: the REPL is running a
  /// statement then, not editing a line (libedit edits in raw mode).
  var isCooked: Bool {
    var settings = termios()
    guard tcgetattr(master, &settings) == 0 else { return false }
    return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ISIG) != 0
  }

  /// Waits (polling, up to `timeout` seconds) until ``isCooked``.
  func waitUntilCooked(timeout: Double = 60) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !isCooked {
      guard Date() < deadline else {
        throw Failure(description: "the terminal never left raw mode; it shows:\n\(screen)")
      }
      pump(timeoutMilliseconds: 20)
    }
  }

  /// The output with terminal control sequences and carriage returns taken out: the text
  /// as it reads, in the order it was written.
  var screen: String { Self.plain(output) }

  /// Waits (polling, up to `timeout` seconds) until `text` appears after what earlier calls
  /// matched; returns the output up to and including it.
  @discardableResult
  func expect(_ text: String, timeout: Double = 60) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let seen = screen
      let from = consumed.flatMap { $0 <= seen.endIndex ? $0 : nil } ?? seen.startIndex
      if let found = seen.range(of: text, range: from..<seen.endIndex) {
        consumed = found.upperBound
        return String(seen[from..<found.upperBound])
      }
      guard Date() < deadline else {
        throw Failure(description: "timed out waiting for \(text.debugDescription); the terminal shows:\n\(seen)")
      }
      pump(timeoutMilliseconds: 100)
    }
  }

  /// Waits for the program to exit and returns its exit status; throws, showing the terminal,
  /// when it has not exited within `timeout`.
  /// A shell runs the program and prints the status on the terminal: the test process may
  /// have other children (Foundation's `Process`), whose reaping must not lose ours.
  func waitForExit(timeout: Double = 60) throws -> Int32? {
    try expect(Self.exitMarker, timeout: timeout)
    return Int32(try expect("]", timeout: 5).dropLast())
  }

  static let exitMarker = "[program exited with status "

  /// Reads what is there (waiting at most `timeoutMilliseconds` for the first byte).
  private func pump(timeoutMilliseconds: Int32) {
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
    if n > 0 { output += buffer[0..<n] }
  }

  /// Drops CSI (`ESC [ … final`) and other `ESC x` sequences, `\r`, BEL and backspaces.
  static func plain(_ bytes: [UInt8]) -> String {
    var kept: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x1B {
        index += 1
        if index < bytes.count && bytes[index] == UInt8(ascii: "[") {
          index += 1
          while index < bytes.count && !(0x40...0x7E).contains(bytes[index]) { index += 1 }
        }
        index += 1
        continue
      }
      if byte != 0x0D && byte != 0x07 && byte != 0x08 { kept.append(byte) }
      index += 1
    }
    return String(decoding: kept, as: UTF8.self)
  }
}

/// glibc functions that Swift's Glibc module hides behind `_XOPEN_SOURCE`/`_GNU_SOURCE`,
/// looked up at run time.
private enum PTY {
  static func function<T>(_ name: String, as type: T.Type) -> T {
    guard let symbol = dlsym(nil, name) else { fatalError("glibc has no \(name)") }
    return unsafeBitCast(symbol, to: type)
  }

  static let openpt = function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
  static let grantpt = function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
  static let unlockpt = function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
  static let ptsname_r = function(
    "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
  static let addchdir = function(
    "posix_spawn_file_actions_addchdir_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
  /// `<spawn.h>`'s value in glibc.
  static let POSIX_SPAWN_SETSID: Int32 = 0x80
}
