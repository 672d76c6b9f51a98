#if canImport(Glibc)
  import Foundation
  import Glibc

  /// Where a kernel run keeps its addresses, so that runs never collide with each other or
  /// touch sockets they do not own: a private temporary directory as the working directory
  /// (with `tmp/` in it, as the model's filesystem has), and a private network namespace
  /// for abstract names when the process may create one (root, or CAP_SYS_ADMIN).
  final class Sandbox {
    let directory: String
    /// False when abstract names are prefixed instead (see ``abstractPrefix``).
    let ownsNetworkNamespace: Bool
    /// Put before every abstract name when there is no private namespace.
    let abstractPrefix: [UInt8]
    private let previousDirectory: Int32
    private let previousNamespace: Int32
    private var closed = false

    enum Failure: Error, CustomStringConvertible {
      case cannotCreate(String)
      var description: String {
        switch self {
        case .cannotCreate(let why): "cannot create the private directory: \(why)"
        }
      }
    }

    init() throws {
      Self.removeAbandoned(in: NSTemporaryDirectory())
      var template = Array((NSTemporaryDirectory() + "sockscript-\(getpid())-XXXXXX").utf8CString)
      guard let made = mkdtemp(&template) else { throw Failure.cannotCreate(String(cString: strerror(errno))) }
      directory = String(cString: made)
      previousDirectory = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard chdir(directory) == 0, mkdir("tmp", 0o755) == 0 else {
        let why = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: directory)
        throw Failure.cannotCreate(why)
      }
      // The namespace is the calling thread's; actor threads started later inherit it.
      previousNamespace = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
      ownsNetworkNamespace = previousNamespace >= 0 && GNU.unshare(GNU.CLONE_NEWNET) == 0
      abstractPrefix =
        ownsNetworkNamespace ? [] : Array("sockscript-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-".utf8)
    }

    /// Back to the previous directory and namespace; the directory and all in it removed.
    func close() {
      guard !closed else { return }
      closed = true
      if previousDirectory >= 0 {
        _ = fchdir(previousDirectory)
        _ = Glibc.close(previousDirectory)
      }
      if previousNamespace >= 0 {
        if ownsNetworkNamespace { _ = GNU.setns(previousNamespace, GNU.CLONE_NEWNET) }
        _ = Glibc.close(previousNamespace)
      }
      try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { close() }

    /// Removes the directories of runs whose process is gone: a run killed by a signal it
    /// cannot handle (SIGKILL, or SIGTERM's default action) leaves its directory behind,
    /// and the next run clears it. A directory's name holds its owner's pid; one whose
    /// process still exists (another run, or a pid reused since) is left alone.
    static func removeAbandoned(in temporary: String) {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
      for entry in entries where entry.hasPrefix("sockscript-") {
        let parts = entry.split(separator: "-")
        guard parts.count == 3, let pid = Int32(parts[1]), pid > 0 else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH {
          try? FileManager.default.removeItem(atPath: temporary + entry)
        }
      }
    }
  }
#endif
