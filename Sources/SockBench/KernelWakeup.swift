import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Clients asleep in connect on one full backlog, woken one by one by accepts, on the real
/// kernel. A call can only sleep on a thread of its own, so each client has a thread; the
/// clock starts once they all sleep, and stops when every accept and every woken connect
/// has returned: per operation, an accept and the wakeup of the next sleeper.
enum KernelWakeup {
  static func run(_ n: Int) throws(Unmeasured) -> Measurement {
    let scratch = try ScratchDirectory()
    let address = scratch.address("server.sock")
    var listener = try NativeSocket.listener(at: address, backlog: 0)
    var clients: [Int32] = []
    var accepted: [Int32] = []
    defer { NativeSocket.closeAll([listener] + clients + accepted) }
    for _ in 0..<n { clients.append(try NativeSocket.stream()) }

    let progress = Progress()
    for client in clients {
      let thread = Thread {
        progress.starting()
        let result = address.withSockaddr { connect(client, $0, $1) }
        progress.finished(ok: result == 0)
      }
      thread.stackSize = 64 << 10
      thread.start()
    }
    progress.waitUntilStarted(n)
    // A started thread is a few instructions from its connect; this lets every one reach
    // its sleep on peer_wait before the clock starts.
    usleep(useconds_t(20_000 + 20 * n))

    var failure: Unmeasured?
    let time = Duration.timing {
      do throws(Unmeasured) {
        for _ in 0..<n { accepted.append(try NativeSocket.accept(listener)) }
      } catch {
        failure = error
      }
      progress.waitUntilFinished(failure == nil ? n : 0)
    }
    if let failure {
      // Closing the listener wakes every sleeper on its peer_wait (unix_release_sock), and
      // their connects fail: no thread is left behind asleep.
      close(listener)
      listener = -1
      progress.waitUntilFinished(n)
      throw failure
    }
    guard progress.failedConnects == 0 else {
      throw .failure("\(progress.failedConnects) of \(n) connects failed")
    }
    return Measurement(operations: n, total: time)
  }

  /// How many client threads have started and finished, behind one condition variable.
  private final class Progress: @unchecked Sendable {
    private let condition = NSCondition()
    private var started = 0
    private var done = 0
    private(set) var failedConnects = 0

    func starting() {
      condition.lock()
      started += 1
      condition.broadcast()
      condition.unlock()
    }

    func finished(ok: Bool) {
      condition.lock()
      done += 1
      if !ok { failedConnects += 1 }
      condition.broadcast()
      condition.unlock()
    }

    func waitUntilStarted(_ count: Int) {
      condition.lock()
      while started < count { condition.wait() }
      condition.unlock()
    }

    func waitUntilFinished(_ count: Int) {
      condition.lock()
      while done < count { condition.wait() }
      condition.unlock()
    }
  }
}
