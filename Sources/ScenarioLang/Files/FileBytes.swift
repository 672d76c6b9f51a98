#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading a whole file with read(2): scripts, golden files, and files under /proc, whose
/// size is 0 to `stat`, so they are read to the end of file. One reader for the command
/// line, the test runner and the benchmark.
package enum FileBytes {
  /// The whole file, or standard input for `-`, up to `limit` bytes; nil (with `errno` set)
  /// when it cannot be read.
  package static func read(_ path: String, atMost limit: Int = .max) -> [UInt8]? {
    let standardInput = path == "-"
    let fd = standardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { if !standardInput { close(fd) } }
    var bytes: [UInt8] = []
    while true {
      // Read into uninitialised memory: zeroing a 64 KiB array first cost more than
      // reading a script (callgrind: some 65 000 instructions a file).
      let n = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65536) { buffer in
        let n = systemRead(fd, buffer.baseAddress, buffer.count)
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        return n
      }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { return bytes }
      if bytes.count >= limit { return Array(bytes.prefix(limit)) }
    }
  }

  /// `strerror(errno)`: why the last call failed; read it before any other call.
  package static func lastError() -> String { String(cString: strerror(errno)) }

  private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.read(fd, buffer, count)
    #else
      Darwin.read(fd, buffer, count)
    #endif
  }
}
