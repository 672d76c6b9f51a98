import SyscallVocabulary

/// `struct unix_address`: a bound name, one object shared by the socket bound to it and
/// every socket its connections make (`newu->addr = otheru->addr` with a reference taken),
/// so that an accepted socket costs a reference, not a copy of the name.
final class UnixAddress {
  /// `name` and `len`.
  let name: SockAddrUn

  init(_ name: SockAddrUn) { self.name = name }
}
