import Collections
import SockKernel

/// The script's descriptors: numbered as in a fresh process (3, 4, … lowest free first,
/// as `get_unused_fd_flags` does and as the model numbers them), each standing for the
/// real descriptor the kernel returned, whose number depends on what else this process
/// has open. A number is taken when `socket` or `accept` starts (the kernel reserves an
/// accepted socket's descriptor before it sleeps) and given back when the call fails.
struct DescriptorTable {
  private var real: [Int32: Int32] = [:]
  private var reserved = Set<Int32>()
  private var free = Heap<Int32>()
  private var next: Int32 = 3
  /// The process's soft RLIMIT_NOFILE once a `setrlimit` has set it (a fork copies it);
  /// nil: the model's starting one, which bounds `dup2`'s and F_DUPFD's numbers.
  var limit: UInt64?
  /// The bound of a number `dup2` or F_DUPFD may take.
  var numberLimit: UInt64 { limit ?? UInt64(KernelConfig().nofile) }

  /// The lowest free number, held until ``install(_:real:)`` or ``release(_:)``.
  mutating func reserve() -> Int32 {
    let number =
      free.popMin()
      ?? {
        defer { next += 1 }; return next
      }()
    reserved.insert(number)
    return number
  }

  /// Whether `number` is open (installed); a reserved number is not.
  func isOpen(_ number: Int32) -> Bool { real[number] != nil }

  /// Holds `number` itself, the target of a `dup2` that is not open, until
  /// ``install(_:real:)`` or ``release(_:)``; false when another call reserved it.
  mutating func reserve(exactly number: Int32) -> Bool {
    guard !reserved.contains(number), real[number] == nil, number >= 0 else { return false }
    while next <= number {
      free.insert(next)
      next += 1
    }
    // The heap cannot drop one element: rebuild it without `number`.
    free = Heap(free.unordered.filter { $0 != number })
    reserved.insert(number)
    return true
  }

  /// The lowest number at or above `low` that is free, held as ``reserve()`` holds one: the
  /// number an `fcntl(F_DUPFD, low)` returns.
  mutating func reserve(atLeast low: Int32) -> Int32 {
    let number = free.unordered.filter { $0 >= low }.min() ?? max(next, low)
    _ = reserve(exactly: number)
    return number
  }

  mutating func install(_ number: Int32, real descriptor: Int32) {
    reserved.remove(number)
    real[number] = descriptor
  }

  mutating func release(_ number: Int32) {
    reserved.remove(number)
    real[number] = nil
    free.insert(number)
  }

  /// The real descriptor behind `number`; -1 (which the kernel answers with EBADF) for
  /// a number that is not open.
  func realDescriptor(_ number: Int32) -> Int32 { real[number] ?? -1 }

  /// Closes `number` as `close` does: the number is free at once.
  mutating func close(_ number: Int32) -> Int32? {
    guard let descriptor = real.removeValue(forKey: number) else { return nil }
    free.insert(number)
    return descriptor
  }

  /// An execve closed every descriptor but `kept` (real numbers): the numbers of the others
  /// are free, their descriptors already closed. Returns those numbers, lowest first.
  mutating func closeAllBut(_ kept: Set<Int32>) -> [Int32] {
    let closed = real.filter { !kept.contains($0.value) }.keys.sorted()
    for number in closed { _ = close(number) }
    return closed
  }

  /// Every real descriptor still open.
  var openDescriptors: [Int32] { Array(real.values) }
  /// Every open script number with its real descriptor, lowest number first.
  var openNumbers: [(number: Int32, real: Int32)] { real.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

extension DescriptorTable {
  /// The table of a child forked now: the same numbers for the same files. A number
  /// reserved for a call still in flight (an `accept` asleep in another thread) is free in
  /// the child, as dup_fd leaves it: the file is not installed yet.
  func forkedCopy() -> DescriptorTable {
    var copy = self
    for number in reserved { copy.release(number) }
    return copy
  }

  /// The same table once each descriptor is at its script number (a forked child's host
  /// moves them there).
  func atOwnNumbers() -> DescriptorTable {
    var copy = self
    for number in real.keys { copy.real[number] = number }
    return copy
  }
}
