import SyscallVocabulary
import Testing

@testable import ScenarioLang
@testable import SockKernel

/// The values every call copies on its way through the session and the kernel stay small:
/// one large case of an enum makes every value of it as large, and the copies of them were
/// a few per cent of every call (docs/performance.md § Why the per-call targets are missed).
/// A new large case belongs in a box (`indirect`), as the rare ones are.
@Suite("the sizes of the values every call copies")
struct CopiedSizeTests {
  @Test("a kernel event, a step, a call's arguments and its outcome")
  func kernelValues() {
    #expect(MemoryLayout<KernelEvent>.size <= 56)
    #expect(MemoryLayout<SyscallStep>.size <= 48)
    #expect(MemoryLayout<Syscall>.size <= 48)
    #expect(MemoryLayout<SyscallOutcome>.size <= 40)
  }

  @Test("a statement's kind, an operation's, a name and a source location")
  func scriptValues() {
    #expect(MemoryLayout<Statement.Kind>.size <= 88)
    #expect(MemoryLayout<Operation.Kind>.size <= 64)
    #expect(MemoryLayout<Name>.size <= 40)
    #expect(MemoryLayout<ScenarioLang.SourceLocation>.size == 12)
  }
}
