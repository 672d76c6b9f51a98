import SyscallVocabulary

/// Writing a sysctl (`kernel/sysctl.c`).
extension Kernel {
  /// `proc_dointvec_minmax` on one of the sysctls: the value must be in range.
  func sysSysctl(_ sysctl: Sysctl, _ value: Int64) -> SyscallOutcome {
    guard sysctl.range.contains(value) else {
      return .failure(.EINVAL, Reason("proc_dointvec_minmax", "\(value) outside \(sysctl.range)"))
    }
    let v = Int(value)
    switch sysctl {
    case .wmemDefault: config.wmemDefault = v
    case .rmemDefault: config.rmemDefault = v
    case .wmemMax: config.wmemMax = v
    case .rmemMax: config.rmemMax = v
    case .somaxconn: config.somaxconn = Int32(v)
    case .maxDgramQlen: config.maxDgramQlen = Int32(v)
    }
    return .success()
  }
}
