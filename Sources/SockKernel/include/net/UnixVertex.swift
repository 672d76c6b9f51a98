/// `struct unix_vertex` (include/net/af_unix.h): a socket as a vertex of the garbage
/// collector's graph (net/unix/garbage.c), which a socket has once its file has been sent in
/// an `SCM_RIGHTS` message (``Sock/vertex``).
final class UnixVertex {
  /// `out_degree`: the references to the socket's file in queued messages.
  var outDegree = 0
  /// `edges`: the sockets whose queues (or, for an embryo's, whose listener's) hold a message
  /// with the socket's file, each with how many references.
  var edges: [ObjectIdentifier: (sock: Sock, count: Int)] = [:]
}
