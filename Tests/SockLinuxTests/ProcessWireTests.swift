#if canImport(Glibc)
  import Foundation
  import Glibc
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  /// What travels between the driver and a forked child's host, and the child's first table.
  @Suite struct ProcessWireTests {
    @Test("RealResult's wire form has every field RealResult has")
    func everyFieldTravels() {
      let fields = Mirror(reflecting: RealResult(value: 0, errno: 0, timeval: nil)).children.compactMap(\.label)
      #expect(Set(fields) == Set(RealResult.CodingKeys.allCases.map(\.rawValue)))
    }

    @Test("a completion with every field set comes back whole")
    func completionRoundTrip() throws {
      var result = RealResult(value: 5, errno: 0, timeval: Timeval(seconds: 1, microseconds: 2))
      result.pair = (7, 8)
      result.data = .bytes([1, 2, 3])
      result.sender = SockAddrUn.abstract(Array("x".utf8))
      result.optionValue = 9
      result.revents = [PollMask.EPOLLIN]
      result.raised = .SIGPIPE
      result.syscallSpan = SyscallSpan(entered: 1, coarse: 2, returned: 3)
      result.waitStatus = 0x300
      let completion = CallCompletion(
        id: 4, result: result, startedAt: 10, endedAt: 20, slept: true, coarseAtStart: 9, runDelay: 1)
      let back = try JSONDecoder().decode(CallCompletion.self, from: JSONEncoder().encode(completion))
      #expect(back.id == 4 && back.startedAt == 10 && back.endedAt == 20 && back.slept && back.runDelay == 1)
      #expect(back.result.value == 5 && back.result.timeval == result.timeval)
      #expect(back.result.pair.map { [$0.0, $0.1] } == [7, 8])
      #expect(back.result.data == result.data && back.result.sender == result.sender)
      #expect(back.result.optionValue == 9 && back.result.revents == [PollMask.EPOLLIN])
      #expect(back.result.raised == .SIGPIPE && back.result.waitStatus == 0x300)
      #expect(back.result.syscallSpan?.returned == 3)
    }

    @Test("a descriptor passed with a message arrives as another number for the same file")
    func descriptorPassing() throws {
      var pair: [Int32] = [-1, -1]
      #expect(socketpair(Glibc.AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
      defer { for fd in pair { close(fd) } }
      let (sender, receiver) = (ControlChannel(fd: pair[0]), ControlChannel(fd: pair[1]))
      let passed = open("/dev/null", O_RDONLY)
      defer { close(passed) }
      #expect(sender.send(HostRequest.startThread(3), passing: passed))
      let (request, received) = try #require(receiver.receive(HostRequest.self))
      guard case .startThread(3) = request else {
        Issue.record("got \(request)")
        return
      }
      let copy = try #require(received)
      defer { close(copy) }
      var a = stat()
      var b = stat()
      #expect(fstat(passed, &a) == 0 && fstat(copy, &b) == 0)
      #expect(a.st_ino == b.st_ino && copy != passed)
      #expect(fcntl(copy, F_GETFD) & Glibc.FD_CLOEXEC != 0)
      // A message without one brings none.
      #expect(sender.send(HostRequest.startThread(4)))
      #expect(receiver.receive(HostRequest.self)?.passed == nil)
    }

    @Test("a forked table keeps every installed number; one reserved by a call in flight is free")
    func forkedTable() {
      var table = DescriptorTable()
      let listener = table.reserve()
      table.install(listener, real: 40)
      let accepted = table.reserve()  // an accept asleep in another thread
      var child = table.forkedCopy()
      #expect(child.realDescriptor(listener) == 40)
      #expect(child.reserve() == accepted)
      #expect(table.reserve() == accepted + 1)
    }
  }
#endif
