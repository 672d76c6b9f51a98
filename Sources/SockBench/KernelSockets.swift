#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Many real sockets alive at once, as the `sockets` script makes them: `n / 2` stream
/// pairs, none closed until the clock has stopped.
enum KernelSockets {
  static func run(_ n: Int) throws(Unmeasured) -> Measurement {
    var fds: [Int32] = []
    fds.reserveCapacity(n)
    defer { NativeSocket.closeAll(fds) }
    var failure: Unmeasured?
    let time = Duration.timing {
      do throws(Unmeasured) {
        for _ in 0..<n / 2 {
          let (a, b) = try NativeSocket.pair()
          fds.append(a)
          fds.append(b)
        }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    return Measurement(operations: n / 2 * 2, total: time)
  }
}
