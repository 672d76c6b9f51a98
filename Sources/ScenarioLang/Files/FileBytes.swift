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
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { return bytes }
      bytes.append(contentsOf: buffer[0..<n])
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
