/// The arguments of a `select(2)` or `pselect6(2)`: the three descriptor sets (as sorted
/// lists of descriptors; NULL when nil), `nfds`, the timeout and, for `pselect6`, the mask.
public struct SelectRequest: Sendable, Equatable, Codable {
  /// Which call: `select` takes a `timeval`, `pselect6` a `timespec` and a signal mask.
  public enum Variant: Sendable, Equatable, Codable {
    case select
    case pselect6
  }

  public var variant: Variant
  /// `nfds`: one more than the highest descriptor in any set, or what the script gave.
  public var nfds: Int32
  public var read: [Int32]?
  public var write: [Int32]?
  public var except: [Int32]?
  /// The timeout in nanoseconds (a `select`'s is whole microseconds); nil is NULL, forever.
  public var timeout: Nanoseconds?
  /// `pselect6`'s mask; nil is NULL (the thread's own mask stays).
  public var sigmask: SigSet?

  public init(
    variant: Variant, nfds: Int32, read: [Int32]?, write: [Int32]?, except: [Int32]?, timeout: Nanoseconds?,
    sigmask: SigSet?
  ) {
    self.variant = variant
    self.nfds = nfds
    self.read = read
    self.write = write
    self.except = except
    self.timeout = timeout
    self.sigmask = sigmask
  }

  /// The same call with every descriptor mapped by `transform` (each set in its order, so
  /// that a result maps back by place) and `nfds` recomputed from them (the kernel
  /// backend's real numbers).
  public func mapDescriptors(_ transform: (Int32) -> Int32) -> SelectRequest {
    var mapped = self
    mapped.read = read?.map(transform)
    mapped.write = write?.map(transform)
    mapped.except = except?.map(transform)
    let highest = [mapped.read, mapped.write, mapped.except].compactMap { $0?.max() }.max()
    mapped.nfds = highest.map { $0 + 1 } ?? 0
    return mapped
  }
}

/// What a `select` wrote back: the descriptors of each set that are ready.
public struct SelectResult: Sendable, Equatable, Codable {
  public var read: [Int32]
  public var write: [Int32]
  public var except: [Int32]

  public init(read: [Int32], write: [Int32], except: [Int32]) {
    self.read = read
    self.write = write
    self.except = except
  }
}
