#if canImport(Glibc)
  import Glibc
  import ScenarioLang
  import SockKernel
  import SyscallVocabulary

  /// `state` on the real kernel: the script's sockets of process 1 as the kernel reports them
  /// (`unix_diag`, the source of `ss -x`), in the model's table. What the kernel does not
  /// report is left out: who sleeps on which wait queue, the files a queue carries
  /// (`scm_fds`) and whether a file is in flight.
  extension LinuxBackend {
    public func socketTable() -> (sockets: [SocketSnapshot], clock: VirtualClock) {
      let diag = UnixDiag.dump()
      var snapshots: [SocketSnapshot] = []
      for (number, real) in descriptors.openNumbers {
        var info = stat()
        guard fstat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK, let entry = diag[Int(info.st_ino)] else {
          continue
        }
        // A listener's embryos get no row: they have no inode until accept grafts them
        // (`sock_i_ino` is 0), so unix_diag cannot tell them apart. The listener's queue
        // names the sockets that connected (`UNIX_DIAG_ICONS`).
        snapshots.append(snapshot(entry, fd: number, real: real, diag: diag))
      }
      return (snapshots, VirtualClock(hz: hz))
    }

    private func snapshot(_ entry: UnixDiag.Entry, fd: Int32, real: Int32, diag: [Int: UnixDiag.Entry])
      -> SocketSnapshot
    {
      let type: SocketType =
        switch Int32(entry.type) {
        case Int32(SOCK_DGRAM.rawValue): .dgram
        case Int32(SOCK_SEQPACKET.rawValue): .seqpacket
        default: .stream
        }
      let state: SockState =
        switch entry.state {
        case 1: .TCP_ESTABLISHED
        case 10: .TCP_LISTEN
        default: .TCP_CLOSE
        }
      let address = entry.name.map { bytes in
        unsandboxedName(
          SockAddrUn(path: bytes.last == 0 || bytes.first == 0 ? bytes : bytes + [0], length: Int32(2 + bytes.count)))
      }
      let queue = entry.icons.map { connector in (embryo: 0, connector: Optional(connector)) }
      let listening = state == .TCP_LISTEN
      return SocketSnapshot(
        inode: entry.inode, fd: fd, type: type, state: state, shutdown: ShutdownBits(rawValue: entry.shutdown),
        nonBlocking: fcntl(real, F_GETFL) & Glibc.O_NONBLOCK != 0, address: address,
        peerInode: entry.peer.flatMap { $0 == 0 ? nil : $0 }, queuedOn: nil, queue: listening ? queue : [],
        maxAckBacklog: listening ? entry.wqueue : 0, recvQ: Int(entry.rqueue), sendQ: Int(entry.wqueue),
        sndtimeo: timeout(real, SO_SNDTIMEO), rcvtimeo: timeout(real, SO_RCVTIMEO), waitQueues: [], scmFds: 0,
        inFlight: false)
    }

    /// A socket timeout in jiffies, as `sock_set_timeout` stored it (0: MAX_SCHEDULE_TIMEOUT).
    private func timeout(_ fd: Int32, _ option: Int32) -> Jiffies {
      var tv = timeval()
      var length = socklen_t(MemoryLayout<timeval>.size)
      guard getsockopt(fd, SOL_SOCKET, option, &tv, &length) == 0, tv.tv_sec != 0 || tv.tv_usec != 0 else {
        return MAX_SCHEDULE_TIMEOUT
      }
      let perTick = 1_000_000 / hz
      return Jiffies(Int64(tv.tv_sec) * hz + (Int64(tv.tv_usec) + perTick - 1) / perTick)
    }
  }
#endif
