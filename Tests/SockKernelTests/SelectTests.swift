import SyscallVocabulary
import Testing

@testable import SockKernel

/// `select` and `pselect6` (`fs/select.c`): `max_select_fd`, `do_select`'s sets and count,
/// and the sleep it shares with `poll`.
@Suite("select: the sets, the count, EBADF, a descriptor closed during the sleep")
struct SelectTests {
  static let ms: Nanoseconds = 1_000_000

  func select(
    read: [Int32]? = nil, write: [Int32]? = nil, except: [Int32]? = nil, timeout: Nanoseconds? = 0,
    pselect sigmask: SigSet? = nil
  ) -> Syscall {
    let highest = [read, write, except].compactMap { $0?.max() }.max()
    return .select(
      SelectRequest(
        variant: sigmask == nil ? .select : .pselect6, nfds: highest.map { $0 + 1 } ?? 0, read: read, write: write,
        except: except, timeout: timeout, sigmask: sigmask))
  }

  @Test("a descriptor counts once per set it is ready in; POLLPRI is the exception set")
  func countsPerSet() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, b, .bytes([1]))
    let both = h.call(p, select(read: [a], write: [a], except: [a]))
    #expect(both?.value == 2)
    #expect(both?.selected == SelectResult(read: [a], write: [a], except: []))
    _ = h.call(p, .send(fd: b, data: .bytes([2]), flags: [.MSG_OOB], address: nil))
    #expect(h.call(p, select(read: [a], except: [a]))?.selected == SelectResult(read: [a], write: [], except: [a]))
  }

  @Test("max_select_fd: a descriptor of a set that is not open is EBADF, one at or above nfds is not looked at")
  func badDescriptor() {
    let h = Harness()
    let p = h.task("p")
    let (a, _) = h.socketpair(p, .stream)
    #expect(h.call(p, select(read: [a, 40]))?.errno == .EBADF)
    var request = SelectRequest(
      variant: .select, nfds: a + 1, read: [a, 40], write: nil, except: nil, timeout: 0, sigmask: nil)
    #expect(h.call(p, .select(request))?.value == 0)
    request.nfds = -1
    #expect(h.call(p, .select(request))?.errno == .EINVAL)
  }

  @Test("nothing ready: sleeps on every queue until the timer, with poll's slack; a send wakes it")
  func sleepsAndWakes() {
    let h = Harness()
    let p = h.task("p")
    let q = h.task("q")
    let (a, b) = h.socketpair(p, .stream)
    let timedOut = h.start(p, select(read: [a], timeout: 20 * Self.ms))
    _ = h.kernel.run { h.result(timedOut) != nil }
    #expect(h.result(timedOut)?.value == 0)
    #expect(h.time(timedOut) == 20 * Self.ms + 50_000)
    let woken = h.start(p, select(read: [a], timeout: nil))
    h.sleep(3 * Self.ms)
    _ = h.send(q, b, .bytes([1]))
    _ = h.kernel.run { h.result(woken) != nil }
    #expect(h.result(woken)?.selected?.read == [a])
    #expect(h.kernel.sock(fd: a)?.sleepQueue.count == 0)
  }

  @Test("a descriptor closed while select sleeps is reported ready (EPOLLNVAL is in every set)")
  func closedDuringSleep() {
    let h = Harness()
    let p = h.task("p")
    let closer = h.task("closer")
    let (a, _) = h.socketpair(p, .stream)
    let tag = h.start(p, select(read: [a], except: [a], timeout: 10 * Self.ms))
    #expect(h.result(tag) == nil)
    _ = h.call(closer, .close(fd: a))
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.time(tag) == 10 * Self.ms + 50_000)
    #expect(h.result(tag)?.value == 2)
    #expect(h.result(tag)?.selected == SelectResult(read: [a], write: [], except: [a]))
  }

  @Test("a read set is not woken by a wake-up keyed POLLOUT only")
  func keyFilter() {
    let h = Harness()
    let p = h.task("p")
    let (a, _) = h.socketpair(p, .stream)
    let tag = h.start(p, select(read: [a], timeout: 10 * Self.ms))
    h.kernel.wakeUp(h.kernel.sock(fd: a)!.sleepQueue, nrExclusive: 1, key: .EPOLLOUT)
    _ = h.kernel.run { true }
    #expect(h.result(tag) == nil)
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.result(tag)?.value == 0)
  }
}
