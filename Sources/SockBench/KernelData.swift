#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Data through a real stream pair, on one thread, as the `pingpong` and `bulk` scripts
/// send it: each send is read by the other end before the next.
enum KernelData {
  /// `n` round trips of `size` bytes: send on one end, recv on the other. MSG_DONTWAIT, so
  /// that a send the buffer cannot take whole is reported instead of blocking forever.
  static func run(_ n: Int, size: Int) throws(Unmeasured) -> Measurement {
    let (writer, reader) = try NativeSocket.pair()
    defer { NativeSocket.closeAll([writer, reader]) }
    var buffer = [UInt8](repeating: 0x78, count: size)
    var failure: Unmeasured?
    let time = buffer.withUnsafeMutableBytes { bytes in
      Duration.timing {
        for _ in 0..<n {
          let sent = send(writer, bytes.baseAddress, size, Int32(MSG_DONTWAIT))
          let received = recv(reader, bytes.baseAddress, size, Int32(MSG_DONTWAIT))
          if sent != size || received != size {
            failure = .failure("send returned \(sent) and recv \(received), not \(size)")
            return
          }
        }
      }
    }
    if let failure { throw failure }
    return Measurement(operations: n, total: time)
  }
}
