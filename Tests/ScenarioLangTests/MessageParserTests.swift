import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// `sendmsg` and `recvmsg`: iovecs, the parts of the msghdr in any order, each once.
@Suite("Parser: sendmsg and recvmsg")
struct MessageParserTests {
  func operation(_ text: String) throws -> Operation.Kind? {
    let script = try Parser.parse(text)
    guard case .act(_, let ops) = script.statements.last?.kind else { return nil }
    return ops.first?.kind
  }

  @Test("sendmsg: one iovec per data, rights with copies, flags and 'to' in any order")
  func sendmsg() throws {
    guard
      case .sendmsg(let iov, let parts)? = try operation(
        "a sendmsg \"x\", 3, \"\" nosignal rights 2 b, c to \"s.sock\" creds {1, 2, 3} dontwait")
    else {
      Issue.record("expected sendmsg")
      return
    }
    #expect(iov == [.bytes([UInt8(ascii: "x")]), .zeros(3), .bytes([])])
    #expect(parts.rights.map(\.text) == ["b", "b", "c"])
    #expect(parts.credentials == PeerCred(pid: 1, uid: 2, gid: 3))
    #expect(parts.flags == [.MSG_NOSIGNAL, .MSG_DONTWAIT])
    guard case .address(.path(let path))? = parts.target else {
      Issue.record("expected an address")
      return
    }
    #expect(path == Array("s.sock".utf8))
  }

  @Test("sendmsg: cmsg spells out a control message: level and type by name or number, len, data")
  func rawControl() throws {
    guard
      case .sendmsg(_, let parts)? = try operation(
        "a sendmsg \"x\" cmsg SOL_SOCKET SCM_RIGHTS len 20 \"ab\" cmsg 0 7")
    else {
      Issue.record("expected sendmsg")
      return
    }
    let raw = parts.raw
    #expect(
      raw == [
        RawControlMessage(level: 1, type: 1, length: 20, data: [0x61, 0x62]),
        RawControlMessage(level: 0, type: 7, data: []),
      ])
    #expect(raw[1].length == 16)
  }

  @Test("recvmsg: one iovec per size; name, control, rights as and flags in any order")
  func recvmsg() throws {
    guard
      case .recvmsg(let iov, let name, let control, let names, let flags)? = try operation(
        "b recvmsg 3, 1KiB cmsg_cloexec rights as x, y control 64 name peek")
    else {
      Issue.record("expected recvmsg")
      return
    }
    #expect(iov == [3, 1024])
    #expect(name)
    #expect(control == 64)
    #expect(names.map(\.text) == ["x", "y"])
    #expect(flags == [.MSG_CMSG_CLOEXEC, .MSG_PEEK])
  }

  @Test("sendmmsg and recvmmsg: one message per data or size; flags, 'to', 'timeout'")
  func batches() throws {
    guard case .sendmmsg(let messages, let parts)? = try operation("a sendmmsg \"x\", 2 nosignal to b rights a"),
      case .socket(let name)? = parts.target
    else {
      Issue.record("expected sendmmsg")
      return
    }
    #expect(messages == [.bytes([UInt8(ascii: "x")]), .zeros(2)])
    #expect(parts.flags == .MSG_NOSIGNAL)
    #expect(name.text == "b")
    #expect(parts.rights.map(\.text) == ["a"])
    guard
      case .recvmmsg(let sizes, let name2, let control, let rflags, let timeout)? = try operation(
        "b recvmmsg 10, 20 waitforone timeout 1s control 32 name")
    else {
      Issue.record("expected recvmmsg")
      return
    }
    #expect(sizes == [10, 20])
    #expect(rflags == .MSG_WAITFORONE)
    #expect(timeout == 1_000_000_000)
    #expect(name2 && control == 32)
  }

  @Test(
    "malformed messages name the problem",
    arguments: [
      ("b recvmsg 10 rights x", "'recvmsg' names the descriptors it receives"),
      ("a sendmsg \"x\" rights", "'rights' needs the names of the sockets"),
      ("a sendmsg \"x\" rights a rights a", "'rights' is given twice"),
      ("b recvmsg 10 control 65537", "a control buffer is from 0 to 64KiB"),
      ("a sendmsg \"x\" rights 0 a", "a descriptor is sent at least once"),
      ("b recvmsg 10 name name", "'name' is given twice"),
      ("a sendmsg \"x\" creds 1", "'creds' needs the credentials to claim"),
      ("b recvmsg 10 creds {1, 0, 0}", "'creds' claims credentials on 'sendmsg'"),
    ])
  func malformed(_ text: String, _ message: String) {
    #expect(throws: Diagnostic.self) { try Parser.parse(text) }
    do {
      _ = try Parser.parse(text)
    } catch {
      #expect(error.message.hasPrefix(message), "\(error.message)")
    }
  }
}
