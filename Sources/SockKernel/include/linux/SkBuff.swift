import SyscallVocabulary

/// `struct sk_buff` as AF_UNIX uses it: a chunk of a stream, a datagram, or (on a
/// listener's queue) a connection request carrying the embryo socket.
final class SkBuff {
  /// The data (`skb->len` bytes).
  let payload: Payload
  /// `skb->truesize`, charged to ``owner``'s `sk_wmem_alloc` until the skb is freed.
  let truesize: Int
  /// `skb->sk` with `skb->destructor = sock_wfree`: the sender whose buffer pays for it.
  var owner: Sock?
  /// `UNIXCB(skb).consumed`: bytes a stream reader has already taken.
  var consumed = 0
  /// `UNIXCB(skb).pid`, `.uid`, `.gid`: the credentials the skb carries (the sender's
  /// model pid; nil, and invalid ids, when it carries none).
  var creds = UnixCreds.none
  /// `UNIXCB(skb).fp`: the files of an SCM_RIGHTS message the skb carries.
  var fp: ScmFpList?
  /// The server end of a connection request (`skb->sk` of the skb `connect` queues).
  var embryo: Sock?
  /// `skb->peeked`: a zero-length datagram a peek has seen, which a peek at an offset passes.
  var peeked = false
  init(payload: Payload, truesize: Int, owner: Sock?) {
    self.payload = payload
    self.truesize = truesize
    self.owner = owner
  }

  /// A listener's queue entry for `embryo`.
  init(embryo: Sock) {
    self.payload = .zeros(0)
    self.truesize = 0
    self.embryo = embryo
  }

  /// `skb->len`.
  var length: Int { payload.count }

  /// `unix_skb_len`: what a stream reader has not taken yet.
  var unread: Int { payload.count - consumed }

  /// `unix_copy_addr(msg, skb->sk)`: the address `recvfrom` reports is the sending socket's
  /// address when the skb is *read* (a sender that binds after sending is reported by its
  /// new name; one that closed keeps its name), not a copy taken at send time.
  var sender: SockAddrUn? { owner?.address }
}
