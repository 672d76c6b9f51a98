import SyscallVocabulary

/// The names an autobind gave, paired between the runs: the kernel picks them at random
/// (`unix_autobind` starts from `get_random_u32`), the model from a fixed start, so a kernel
/// name counts as the model's when the two runs name the same sockets with them. The pairs
/// come from the calls in the model's order that report a name (getsockname, getpeername,
/// a datagram's sender, the autobind itself); a kernel name is renamed only when it always
/// pairs with the same model name. The other way round one model name may pair with
/// several kernel names: sockets of different types may share a name (the name's hash
/// includes the type), which the model's fixed start makes common and the kernel's random
/// one rare.
struct AutobindNames {
  private var kernelToModel: [[UInt8]: SockAddrUn] = [:]

  init(pairs: [(LoggedCall, LoggedCall)]) {
    var conflicting = Set<[UInt8]>()
    for (model, kernel) in pairs {
      guard let m = model.outcome, let k = kernel.outcome else { continue }
      for (mine, theirs) in [(m.name, k.name), (m.sender, k.sender)] {
        guard let mine, let theirs, Self.isAutobound(mine), Self.isAutobound(theirs) else { continue }
        if let known = kernelToModel[theirs.path], known.path != mine.path { conflicting.insert(theirs.path) }
        kernelToModel[theirs.path] = mine
      }
    }
    for path in conflicting { kernelToModel[path] = nil }
  }

  /// The kernel's outcome with its autobind names as the model's.
  func renamed(_ outcome: SyscallOutcome) -> SyscallOutcome {
    var renamed = outcome
    if let name = outcome.name, let model = kernelToModel[name.path] { renamed.name = model }
    if let sender = outcome.sender, let model = kernelToModel[sender.path] { renamed.sender = model }
    return renamed
  }

  /// `"\0"` and five lowercase hex digits: the shape of every name `unix_autobind` gives.
  static func isAutobound(_ address: SockAddrUn) -> Bool {
    guard address.isAbstract, address.length == 8, address.path.count >= 6 else { return false }
    return address.path[1..<6].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
