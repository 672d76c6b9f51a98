import SyscallVocabulary
import Testing

/// `SyscallOutcome` keeps its rare fields in a shared copy-on-write box: copies stay
/// independent values, and an outcome that never set one allocates nothing.
@Suite("SyscallOutcome: value semantics over its shared box")
struct OutcomeStorageTests {
  @Test("a copy changed afterwards leaves the original as it was")
  func copyOnWrite() {
    var original = SyscallOutcome.success(3)
    original.inode = 1001
    var copy = original
    copy.inode = 2002
    copy.revents = [.EPOLLIN]
    #expect(original.inode == 1001 && original.revents == nil)
    #expect(copy.inode == 2002 && copy.revents == [.EPOLLIN])
    #expect(original != copy)
  }

  @Test("equality looks at every field, whether a box exists or not")
  func equality() {
    var emptied = SyscallOutcome.success(0)
    emptied.owner = TaskID(rawValue: 1)
    emptied.owner = nil
    #expect(emptied == .success(0))
    var failed = SyscallOutcome.failure(.EAGAIN, Reason("f", "check"))
    #expect(failed.reason == Reason("f", "check"))
    failed.reason = Reason("f", "other")
    #expect(failed != .failure(.EAGAIN, Reason("f", "check")))
    #expect(SyscallOutcome.success(1) != .success(2))
  }
}
