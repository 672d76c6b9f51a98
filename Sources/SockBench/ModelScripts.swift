/// The scenario scripts the bench runs on the model, as functions of their size. Each is a
/// valid script that exits 0 (the bench checks it), written with `repeat` so that its text
/// stays short whatever N is: the figures measure the model, not the parser.
enum ModelScripts {
  /// The seed sample (samples/seed/seed-line.sock): the second connect waits out a 1 s
  /// SO_SNDTIMEO on the full backlog.
  static let seed = "server listen 0; client c1 sndtimeo 1s connect; c1 connect = EAGAIN at 1s"

  /// `n` connections made, accepted and closed at both ends, one after the other.
  static func cycle(_ n: Int) -> String {
    """
    server listen 1
    repeat \(n) {
      client c connect
      server accept as s
      c close
      s close
    }
    """
  }

  /// `n` round trips of one byte on a stream pair.
  static func pingpong(_ n: Int) -> String {
    """
    socketpair a b
    repeat \(n) { a send "x" = 1; b recv 1 = "x" }
    """
  }

  /// `n` sends of 64 KiB, each drained by the reader before the next (64 KiB fit in the
  /// default send buffer, so neither call waits).
  static func bulk(_ n: Int) -> String {
    """
    socketpair a b
    repeat \(n) { a send 64KiB dontwait = 65536; b recv 64KiB dontwait = 65536 }
    """
  }

  /// `n` clients on one listener that admits one: the first connects, the others sleep on
  /// its `peer_wait`; then `n` accepts, each waking the next sleeper. Each accepted socket
  /// is closed at once: `n` clients and `n` accepted sockets kept open would pass process
  /// 1's RLIMIT_NOFILE (fs.nr_open, 1048576) at a million.
  static func wakeup(_ n: Int) -> String {
    """
    server listen 0
    repeat \(n) as i { client c$i connect & }
    repeat \(n) { server accept as s = ok; s close }
    """
  }

  /// `n` non-blocking connects queued on one listener whose backlog holds them all, then
  /// `n` accepts; every socket stays open.
  static func backlog(_ n: Int) -> String {
    """
    sysctl net.core.somaxconn \(n)
    server listen \(n)
    repeat \(n) as i { client c$i nonblock connect = 0 }
    repeat \(n) { server accept as s = ok; s close }
    """
  }

  /// A pre-fork server: `n` children forked, each blocked in accept on the listener it
  /// inherited; `n` connects, each waking one child; then each child exits and is reaped.
  static func prefork(_ n: Int) -> String {
    """
    sysctl net.core.somaxconn \(n)
    server listen \(n)
    repeat \(n) as i { fork w$i; w$i: server accept & }
    repeat \(n) as i { client c$i connect }
    repeat \(n) as i { w$i: exit 0; waitpid w$i }
    """
  }

  /// `n` sockets alive at once: `n / 2` stream pairs, none closed.
  static func sockets(_ n: Int) -> String {
    "repeat \(n / 2) as i { socketpair a$i b$i }"
  }

  /// `n` timers pending at once: `n` clients asleep on a full backlog, each with a 4 ms
  /// later start than the one before, so that every SO_SNDTIMEO expires at a jiffy of its
  /// own, and long enough (`n` × 4 ms + 1 s) that none expires before the last is armed.
  /// The `sleep` between them is a timer too. Then every one times out.
  static func timers(_ n: Int) -> String {
    """
    server listen 0
    client c connect
    repeat \(n) as i { client c$i sndtimeo \(n / 250 + 1)s connect &; sleep 4ms }
    """
  }

  /// The clients one event-loop thread serves in the `eventloop` row.
  static let eventLoopClients = 64

  /// The clients served in `n` operations: whole turns of ``eventLoopClients``, at least one.
  static func eventLoopOperations(_ n: Int) -> Int { max(1, n / eventLoopClients) * eventLoopClients }

  /// `n` clients served by an epoll event loop (in turns of ``eventLoopClients``): every
  /// client connected to one listener, its accepted socket watched by the instance; each
  /// turn every client sends a byte, and the loop's thread (`e`) takes them all with one
  /// `epoll_wait` and a recv per ready socket.
  static func eventLoop(_ n: Int) -> String {
    let clients = eventLoopClients
    return """
      server listen \(clients)
      epoll e
      repeat \(clients) as i { client c$i connect; e: server accept as s$i; e epoll_ctl add s$i in }
      repeat \(eventLoopOperations(n) / clients) {
        repeat \(clients) as i { c$i send "x" = 1 }
        e epoll_wait \(clients) = \(clients)
        repeat \(clients) as i { e: s$i recv 1 = "x" }
      }
      """
  }

  /// `n` idle sockets (`n` / 2 pairs) watched by one epoll instance, then `n` turns of the
  /// event loop on one more pair: a wake-up must cost the same however many items sleep
  /// beside it.
  static func epollItems(_ n: Int) -> String {
    """
    epoll e
    repeat \(n / 2) as i { socketpair a$i b$i; e epoll_ctl add a$i in; e epoll_ctl add b$i in }
    socketpair c s
    e epoll_ctl add s in
    repeat \(n) { c send "x" = 1; e epoll_wait = 1; s recv 1 = "x" }
    """
  }
}
