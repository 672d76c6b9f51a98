import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// Tab completion offers what the grammar allows at the cursor, from the parser's own word
/// lists.
@Suite("Tab completion")
struct CompletionTests {
  static let sockets = ["c1", "c2", "server"]

  static func candidates(_ text: String) -> [String] {
    Completion.complete(text, sockets: sockets, files: { _ in [] }).candidates
  }

  static let operations = Parser.operationWords.sorted()

  @Test("after 'get': every option get reads")
  func afterGet() {
    #expect(
      Self.candidates("c1 get ") == [
        "acceptconn", "broadcast", "domain", "dontroute", "error", "keepalive", "oobinline", "passcred", "passpidfd",
        "passrights", "passsec", "peek_off", "peercred", "peerpidfd", "protocol", "rcvbuf", "rcvlowat", "rcvtimeo",
        "reuseaddr",
        "reuseport", "sndbuf", "sndlowat", "sndtimeo", "type",
      ])
  }

  @Test("after 'get' of an int option, by word or number: 'optlen' and the next operation; not after 'get peercred'")
  func afterGetIntOption() {
    #expect(Self.candidates("c1 get sndbuf ").contains("optlen"))
    #expect(Self.candidates("c1 get 99 ").contains("optlen"))
    #expect(Self.candidates("c1 get sndbuf ").contains("connect"))
    #expect(!Self.candidates("c1 get peercred ").contains("optlen"))
    #expect(Self.candidates("c1 sndbuf 10 ").contains("optlen"))
    #expect(Self.candidates("c1 passcred on ").contains("optlen"))
    #expect(Self.candidates("c1 passcred ").contains("off"))
  }

  @Test("after send's data: its flags not given yet, 'to', the next operation")
  func afterSend() {
    #expect(Self.candidates("c1 send ").isEmpty)
    #expect(
      Self.candidates("c1 send \"a b\" ")
        == (["dontwait", "nosignal", "oob", "to"] + Self.operations).sorted())
    #expect(Self.candidates("c1 send 10 dontwait n") == ["nonblock", "nosignal"])
    #expect(Self.candidates("c1 send 1KiB to ") == Self.sockets)
    #expect(Self.candidates("c1 send \"x\" to s") == ["server"])
  }

  @Test("after poll: sockets, events, 'timeout'; after ',' a socket; after 'timeout', 'forever'")
  func afterPoll() {
    let events = ["in", "out", "pri", "rdhup"]
    #expect(Self.candidates("c1 poll ") == (Self.sockets + events + ["timeout"] + Self.operations).sorted())
    #expect(Self.candidates("c1 poll c2 ") == (events + ["timeout"] + Self.operations).sorted())
    #expect(Self.candidates("c1 poll c2 in, ") == Self.sockets)
    #expect(Self.candidates("c1 poll c2 timeout ") == ["forever"])
  }

  @Test("after sysctl: the sysctl names, dots included in the word")
  func afterSysctl() {
    #expect(Self.candidates("sysctl ") == Sysctl.allCases.map(\.rawValue).sorted())
    #expect(Self.candidates("sysctl net.core.w") == ["net.core.wmem_default", "net.core.wmem_max"])
    #expect(Self.candidates("sysctl net.core.somaxconn ").isEmpty)
  }

  @Test("after ioctl: its requests; after handle: SIGURG, then 'restart'; after fcntl setown: main or a name")
  func afterIoctlAndOwner() {
    #expect(Self.candidates("c1 ioctl ") == ["FIONREAD", "SIOCATMARK", "SIOCINQ", "SIOCOUTQ", "TIOCOUTQ"])
    #expect(Self.candidates("c1 ioctl SIOCINQ ") == Self.operations.sorted())
    #expect(Self.candidates("handle ") == ["SIGURG"])
    #expect(Self.candidates("handle SIGURG ") == ["restart"])
    #expect(Self.candidates("c1 fcntl setown ") == (["main"] + Self.sockets).sorted())
    #expect(Self.candidates("c1 fcntl setown_ex ") == (["main"] + Self.sockets).sorted())
    #expect(Self.candidates("c1 oobinline ").contains("on"))
  }

  @Test("select offers its sets, sockets, timeout; pselect, ppoll, epoll_pwait a sigmask; block its signals")
  func selectAndMasks() {
    #expect(Set(["read", "write", "except", "timeout"]).isSubset(of: Self.candidates("c1 select ")))
    #expect(!Self.candidates("c1 select ").contains("sigmask"))
    #expect(Self.candidates("c1 select read ") == Self.sockets)
    #expect(Self.candidates("c1 select read c2, ") == Self.sockets)
    #expect(Self.candidates("c1 pselect read c2 ").contains("sigmask"))
    #expect(Self.candidates("c1 pselect read c2 timeout ") == ["forever"])
    #expect(Self.candidates("c1 ppoll c2 in timeout 1ms sigmask ") == ["0", "SIGURG", "SIGUSR1", "SIGUSR2"])
    #expect(Self.candidates("c1 epoll_pwait 4 ").contains("sigmask"))
    #expect(Self.candidates("c1 epoll_pwait sigmask SIGUSR1|") == ["SIGURG", "SIGUSR1", "SIGUSR2"])
    #expect(Self.candidates("block ") == ["SIGURG", "SIGUSR1", "SIGUSR2"])
    #expect(Self.candidates("t: unblock ") == ["SIGURG", "SIGUSR1", "SIGUSR2"])
  }

  @Test("after epoll_ctl: its ops, a socket, events and flags not given yet, 'data'; after epoll_wait: 'timeout'")
  func afterEpoll() {
    #expect(Self.candidates("c1 epoll_ctl ") == ["add", "del", "mod"])
    #expect(Self.candidates("c1 epoll_ctl add ") == Self.sockets)
    let rest = Self.candidates("c1 epoll_ctl add c2 in ")
    #expect(rest.contains("et") && rest.contains("data") && !rest.contains("in"))
    #expect(Self.candidates("c1 epoll_wait 8 ").contains("timeout"))
    #expect(Self.candidates("c1 epoll_wait timeout ") == ["forever"])
    #expect(Self.candidates("epoll e ") == ["cloexec"])
  }

  @Test("after signal: a socket, then 'restart'")
  func afterSignal() {
    #expect(Self.candidates("signal ") == Self.sockets)
    #expect(Self.candidates("signal c1 ") == ["restart"])
  }

  @Test("after recv N: recv's flags and the next operation")
  func afterRecv() {
    #expect(Self.candidates("c1 recv ").isEmpty)
    #expect(
      Self.candidates("c1 recv 10 p") == [
        "passcred", "passpidfd", "passrights", "passsec", "peek", "peek_off", "poll", "ppoll", "pselect",
      ])
    #expect(
      Self.candidates("c1 recv 10 peek ") == (["dontwait", "oob", "trunc", "waitall"] + Self.operations).sorted())
  }

  @Test("after sendmsg's iovecs: 'creds', 'rights', 'to' and its flags not given yet; after 'rights', sockets")
  func afterSendmsg() {
    #expect(Self.candidates("c1 sendmsg ").isEmpty)
    #expect(Self.candidates("c1 sendmsg \"a\", ").isEmpty)
    #expect(
      Self.candidates("c1 sendmsg \"a\", \"b\" ")
        == (["cmsg", "creds", "dontwait", "nosignal", "oob", "rights", "to"] + Self.operations).sorted())
    #expect(
      Self.candidates("c1 sendmsg \"a\" rights c1 ")
        == (["cmsg", "creds", "dontwait", "nosignal", "oob", "to"] + Self.operations).sorted())
    #expect(Self.candidates("c1 sendmsg \"a\" rights ").contains("c1"))
    #expect(Self.candidates("c1 sendmsg \"a\" rights 3 ").contains("c1"))
    #expect(Self.candidates("c1 sendmsg \"a\" creds {1, 0, 0} ").contains("rights"))
    #expect(!Self.candidates("c1 sendmsg \"a\" creds {1, 0, 0} ").contains("creds"))
    #expect(Self.candidates("c1 sendmsg \"a\" cmsg ") == ["SOL_SOCKET"])
    #expect(Self.candidates("c1 sendmsg \"a\" cmsg SOL_SOCKET ") == ["SCM_CREDENTIALS", "SCM_RIGHTS"])
  }

  @Test("after sendmmsg's and recvmmsg's messages: their flags, 'to' or 'timeout', the next operation")
  func afterBatches() {
    #expect(Self.candidates("c1 sendmmsg ").isEmpty)
    #expect(
      Self.candidates("c1 sendmmsg \"a\", \"b\" ")
        == (["cmsg", "creds", "dontwait", "nosignal", "oob", "rights", "to"] + Self.operations).sorted())
    #expect(
      Self.candidates("c1 recvmmsg 10, 10 ")
        == (["cmsg_cloexec", "control", "dontwait", "name", "oob", "peek", "timeout", "trunc", "waitall", "waitforone"]
        + Self.operations).sorted())
    #expect(Self.candidates("c1 recvmmsg 10 timeout ").isEmpty)
  }

  @Test("after recvmsg's sizes: the msghdr parts and flags not given yet; 'as' after 'rights'")
  func afterRecvmsg() {
    #expect(Self.candidates("c1 recvmsg ").isEmpty)
    let all = ["cmsg_cloexec", "control", "dontwait", "name", "oob", "peek", "rights", "trunc", "waitall"]
    #expect(Self.candidates("c1 recvmsg 10, 20 ") == (all + Self.operations).sorted())
    #expect(Self.candidates("c1 recvmsg 10 name ") == (all.filter { $0 != "name" } + Self.operations).sorted())
    #expect(Self.candidates("c1 recvmsg 10 rights ") == ["as"])
    #expect(Self.candidates("c1 recvmsg 10 rights as ").isEmpty)
    #expect(Self.candidates("c1 recvmsg 10 control ").isEmpty)
  }

  @Test("after 'socketpair a b' and 'client x': the type words (and, for client, operations)")
  func typeWords() {
    #expect(Self.candidates("socketpair a b ") == ["dgram", "seqpacket", "stream"])
    #expect(Self.candidates("socketpair a ").isEmpty)
    #expect(Self.candidates("client x d") == ["dgram", "disconnect", "dup", "dup2", "dup3"])
    #expect(Self.candidates("client x stream ") == Self.operations)
    #expect(Self.candidates("socket ").isEmpty)
  }

  @Test("statement starts after ';' and inside a repeat body; nothing after '&'")
  func statementStarts() {
    #expect(Self.candidates("repeat 3 { cl") == ["client"])
    #expect(Self.candidates("repeat 3 as i {\n  c1 close; si") == ["signal"])
    #expect(Self.candidates("c1 close & ").isEmpty)
    #expect(Self.candidates("c1 sndtimeo {1, 0} ") == (["optlen"] + Self.operations).sorted())
    #expect(Self.candidates("ignore ") == ["SIGPIPE"])
  }

  @Test("expectations: 'ok' and errnos after '=', 'or' and '-1', revents in '[', 'at' and 'or' after a result")
  func expectations() {
    #expect(Self.candidates("c1 connect = EAGA") == ["EAGAIN"])
    #expect(Self.candidates("c1 connect = o") == ["ok"])
    #expect(Self.candidates("c1 connect = -1 EPIP") == ["EPIPE"])
    #expect(Self.candidates("c1 close = 0 ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("c1 close = -1 EPIPE ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("c1 connect = 0 or EAGA") == ["EAGAIN"])
    #expect(Self.candidates("c1 connect = 0 or -1 EAGA") == ["EAGAIN"])
    #expect(Self.candidates("c1 send 10 >= 1 ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("c1 send 10 >= 1 or o") == ["ok"])
    #expect(Self.candidates("c1 send 10 >= 1 or > 2 ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("client c1 = 4 ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("client c1 dgram = ok co") == ["connect"])
    // A timeval after 'or' is a result, not a repeat body: the statement goes on after it.
    #expect(Self.candidates("c1 get sndtimeo = {0, 0} or {1, 0} ") == (["at", "or"] + Self.operations).sorted())
    #expect(Self.candidates("c1 get error = [EPI") == ["EPIPE"])
    #expect(Self.candidates("c1 poll = [IN|O") == ["OUT"])
  }

  /// Where completion is asked for, for the check that the parser takes every candidate.
  static let places = [
    "", "client c1 ", "server ", "socket s ", "c1 ", "c1 get ", "c1 send \"x\" ", "c1 send 10 dontwait ",
    "c1 send \"x\" to ", "c1 poll ", "c1 poll c2 ", "c1 poll c2 in, ", "c1 poll timeout ", "c1 dup ", "c1 dup2 ",
    "c1 dup2 7 ", "sysctl ", "signal ",
    "signal c1 ", "c1 read 5 ", "c1 write \"x\" ", "open \"f\" ", "c1 recv 10 ", "c1 recv 10 peek ", "socketpair a b ",
    "c1 shutdown ", "c1 nonblock ", "c1 accept ",
    "c1 sndtimeo 1s ", "c1 connect ", "c1 connect = ", "c1 connect = -1 ", "c1 close = 0 ", "c1 get error = [",
    "c1 poll = [IN|", "c1 close = -1 EPIPE ", "c1 poll = [", "ignore ", "repeat 3 ", "repeat 3 { ",
    "c1 sndtimeo {1, 0} ", "client x stream ", "c1 connect = 0 or ", "c1 send 10 >= 1 ", "client x = 4 ",
    "socketpair a b = 0 or ", "client x stream|", "socketpair a b dgram|", "c1 accept4 ",
    "c1 accept4 nonblock ", "c1 dup3 c2 ", "c1 fcntl ", "c1 fcntl setfl ", "c1 fcntl setfl append|", "c1 fcntl setfd ",
    "c1 fcntl dupfd 3 ",
  ]

  @Test("the parser accepts every candidate where it is offered", arguments: places)
  func parserAcceptsCandidates(_ place: String) {
    let offered = Self.candidates(place)
    #expect(!offered.isEmpty)
    for candidate in offered {
      do throws(Diagnostic) {
        _ = try Parser.parse(place + candidate)
      } catch {
        // An error further on (a missing argument, an unclosed '{') is not about the word.
        #expect((error.location?.offset ?? 0) > place.utf8.count, "'\(place)\(candidate)': \(error.message)")
      }
    }
  }
}
