import SockKernel
import SyscallVocabulary

/// `sendmsg` and `recvmsg` as strace shows them: the `struct msghdr` with its iovecs and
/// control messages, descriptors by the names the script gave them.
extension TraceFormatter {
  /// `sendmsg(a, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hi", iov_len=2}],
  /// msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
  /// cmsg_data=[b]}], msg_controllen=24, msg_flags=0}, 0)`.
  static func sendmsg(_ message: SendMessage, socket: String, name: (Int32) -> String) -> String {
    "sendmsg(\(socket), \(sentHeader(message, name: name)), \(message.flags))"
  }

  /// The `struct msghdr` a `sendmsg` passes.
  static func sentHeader(_ message: SendMessage, name: (Int32) -> String) -> String {
    let iov = message.iov.map { "{iov_base=\(data($0)), iov_len=\($0.count)}" }.joined(separator: ", ")
    var fields = [messageName(message.address), "msg_iov=[\(iov)]", "msg_iovlen=\(message.iov.count)"]
    var control = message.credentials.map { [credentialsMessage($0)] } ?? []
    if !message.rights.isEmpty {
      control.append(rightsMessage(count: message.rights.count, data: descriptors(message.rights.map(name))))
    }
    control += message.raw.map(rawMessage)
    if !control.isEmpty { fields.append("msg_control=[\(control.joined(separator: ", "))]") }
    fields += ["msg_controllen=\(message.controlLength)", "msg_flags=0"]
    return "{\(fields.joined(separator: ", "))}"
  }

  /// `sendmmsg(a, [{msg_hdr={…}, msg_len=1}, …], 2, 0)`: each message's header, and the
  /// bytes of each one sent.
  static func sendmmsg(
    _ messages: [SendMessage], flags: MessageFlags, socket: String, result: SyscallOutcome?, name: (Int32) -> String
  ) -> String {
    let sent = result?.batch ?? []
    let entries = messages.enumerated().map { i, message in
      "{msg_hdr=\(sentHeader(message, name: name))"
        + (i < sent.count ? ", msg_len=\(sent[i].length)}" : "}")
    }
    return "sendmmsg(\(socket), [\(entries.joined(separator: ", "))], \(messages.count), \(flags))"
  }

  /// `[{msg_hdr={…}, msg_len=1}, …]`: each message a `recvmmsg` received as it was filled;
  /// the others as they were given.
  static func receivedBatch(_ requests: [ReceiveRequest], result: SyscallOutcome?, name: (Int32) -> String) -> String {
    let received = result?.errno == nil ? result?.batch ?? [] : []
    let entries = requests.enumerated().map { i, request -> String in
      guard i < received.count else { return "{msg_hdr=\(receivedHeader(request, result: nil, name: name))}" }
      var one = SyscallOutcome.success(Int64(received[i].length))
      one.data = received[i].data
      one.sender = received[i].sender
      one.message = received[i].message
      return "{msg_hdr=\(receivedHeader(request, result: one, name: name)), msg_len=\(received[i].length)}"
    }
    return "[\(entries.joined(separator: ", "))]"
  }

  /// `recvmsg(b, {…}, 0)`: before it returns, the buffers the caller gave; after, what the
  /// kernel wrote into them (the data spread over the iovecs, the name, the control
  /// messages, `msg_flags`).
  static func recvmsg(
    _ request: ReceiveRequest, socket: String, result: SyscallOutcome?, name: (Int32) -> String
  ) -> String {
    "recvmsg(\(socket), \(receivedHeader(request, result: result, name: name)), \(request.flags))"
  }

  /// The `struct msghdr` of a `recvmsg`, as its line and its `resumed` line show it.
  static func receivedHeader(_ request: ReceiveRequest, result: SyscallOutcome?, name: (Int32) -> String) -> String {
    let written = result?.errno == nil ? result?.message : nil
    var fields: [String] = []
    if !request.wantsName {
      fields.append("msg_name=NULL, msg_namelen=0")
    } else if written != nil {
      let sender = result?.sender
      fields.append(
        "msg_name=\(sender.map(\.display) ?? "{}"), msg_namelen=\(SockAddrUn.size) => \(sender?.length ?? 0)")
    } else {
      fields.append("msg_name=..., msg_namelen=\(SockAddrUn.size)")
    }
    var left = written == nil ? nil : result?.data
    let iov = request.iov.map { length -> String in
      guard let payload = left else { return "{iov_base=..., iov_len=\(length)}" }
      let here = min(length, payload.count)
      left = payload.slice(here..<payload.count)
      return "{iov_base=\(data(payload.slice(0..<here))), iov_len=\(length)}"
    }
    fields += ["msg_iov=[\(iov.joined(separator: ", "))]", "msg_iovlen=\(request.iov.count)"]
    var control = written?.credentials.map { [credentialsMessage($0)] } ?? []
    if let written, !written.rights.isEmpty {
      let fds = written.rights.map { fd in
        let shown = name(fd)
        return shown == "\(fd)" ? shown : "\(shown)=\(fd)"
      }
      control.append(rightsMessage(count: written.rights.count, data: descriptors(fds)))
    }
    if let pidfd = written?.pidfd {
      control.append(
        "{cmsg_len=\(ControlMessage.length(4)), cmsg_level=SOL_SOCKET, cmsg_type=SCM_PIDFD, cmsg_data=[\(pidfd)]}")
    }
    if let inq = written?.inq {
      control.append(
        "{cmsg_len=\(ControlMessage.length(4)), cmsg_level=SOL_SOCKET, cmsg_type=SCM_INQ, cmsg_data=[\(inq)]}")
    }
    if !control.isEmpty { fields.append("msg_control=[\(control.joined(separator: ", "))]") }
    if let written, written.controlLength != request.controlLength {
      fields.append("msg_controllen=\(request.controlLength) => \(written.controlLength)")
    } else {
      fields.append("msg_controllen=\(request.controlLength)")
    }
    fields.append("msg_flags=\(written.map { "\($0.flags)" } ?? "...")")
    return "{\(fields.joined(separator: ", "))}"
  }

  /// `msg_name=NULL, msg_namelen=0`, or a destination and its length.
  private static func messageName(_ address: SockAddrUn?) -> String {
    guard let address else { return "msg_name=NULL, msg_namelen=0" }
    return "msg_name=\(address.display), msg_namelen=\(address.length)"
  }

  /// `unix_gc: reclaimed c, a: …`, with `--explain`: the collector freed those sockets'
  /// queues.
  static func collected(_ names: [String]) -> String {
    "unix_gc: freed the queues of \(names.joined(separator: ", ")): only messages in flight, in a cycle, held them"
  }

  /// The most descriptors a control message shows; more are cut with `...`, as strace cuts
  /// an array.
  static let descriptorsShown = 32

  /// `b, c`: the descriptors of a control message.
  private static func descriptors(_ names: [String]) -> String {
    let shown = names.prefix(descriptorsShown).joined(separator: ", ")
    return names.count > descriptorsShown ? shown + ", ..." : shown
  }

  /// `{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=1, uid=0, gid=0}}`.
  private static func credentialsMessage(_ creds: PeerCred) -> String {
    "{cmsg_len=\(ControlMessage.length(ControlMessage.ucredSize)), cmsg_level=SOL_SOCKET, "
      + "cmsg_type=SCM_CREDENTIALS, cmsg_data=\(creds)}"
  }

  /// A control message the script spelled out: its level and type by name where they have
  /// one, its data as a string.
  private static func rawMessage(_ message: RawControlMessage) -> String {
    let level = message.level == ControlMessage.SOL_SOCKET ? "SOL_SOCKET" : "\(message.level)"
    var type = "\(message.type)"
    if message.level == ControlMessage.SOL_SOCKET, message.type == ControlMessage.SCM_RIGHTS { type = "SCM_RIGHTS" }
    if message.level == ControlMessage.SOL_SOCKET, message.type == ControlMessage.SCM_CREDENTIALS {
      type = "SCM_CREDENTIALS"
    }
    return
      "{cmsg_len=\(message.length), cmsg_level=\(level), cmsg_type=\(type), cmsg_data=\(data(.bytes(message.data)))}"
  }

  /// `{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[…]}`.
  private static func rightsMessage(count: Int, data: String) -> String {
    "{cmsg_len=\(ControlMessage.length(4 * count)), cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[\(data)]}"
  }
}
