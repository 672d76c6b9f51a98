#if canImport(Glibc)
  import Foundation
  import Glibc
  import SyscallVocabulary

  /// What the driver needs of a task's thread, local (``ActorThread``) or in a forked
  /// child's host (``RemoteThread``).
  protocol TaskThread: AnyObject {
    /// The kernel's id of the thread; -1 before it runs.
    var tid: pid_t { get }
    /// Its `/proc/…/task/TID/syscall`, open in the driver (``ThreadProbe``).
    var syscallFile: Int32 { get }
    /// Its `/proc/…/task/TID/schedstat`, open in the driver (``ThreadProbe``).
    var schedstatFile: Int32 { get }
    /// Its `/proc/…/task/TID/stat`, open in the driver (``ThreadProbe``).
    var statFile: Int32 { get }
    /// Starts the thread; the error when it cannot.
    func start() -> String?
    func run(_ next: Job)
    func interrupt()
    func stop()
  }

  extension ActorThread: TaskThread {}

  /// A forked child that ended, as its host's connection learnt it.
  struct ProcessEnding: Sendable {
    /// The model's pid.
    let pid: Int32
    /// The wait status (`WIFEXITED`, `WTERMSIG`, …).
    let status: Int32
    /// When its channel closed (monotonic ns).
    let at: Int64

    var end: ProcessEnd {
      let signal = status & 0x7f
      if signal == 0 { return .exited((status >> 8) & 0xff) }
      // A host dies only of the scenario's signals (or of SIGKILL at the end of a run).
      return .killed(Signal(rawValue: signal) ?? .SIGKILL)
    }
  }

  /// The driver's side of one forked child's host: its control channel, and a reader
  /// thread that posts the host's completions to the driver's mailbox, as a local actor
  /// thread does, and then the process's end, when the channel closes (the host's last
  /// descriptors are closed when it exits).
  final class HostConnection: @unchecked Sendable {
    let realPid: pid_t
    let modelPid: Int32
    let channel: ControlChannel
    /// The process itself (its pid may name another process once it is reaped).
    let pidfd: Int32
    let mailbox: Mailbox
    /// The host's threads' ids by the driver's numbers, under the mailbox's monitor.
    fileprivate var tids: [Int: pid_t] = [:]
    /// True once the channel is closed, under the mailbox's monitor.
    fileprivate var gone = false
    /// How many threads the driver has asked for.
    var threadCount = 0
    /// An `execve` whose new image has not reported yet: its call id, entry and coarse
    /// clock then (the reader's only).
    private var execing: (id: Int, entered: Int64, coarse: Int64)?
    /// The real descriptors the last execve left open, under the mailbox's monitor until
    /// the driver takes them (``takeKeptAtExec()``).
    fileprivate var keptAtExec: [Int32]?

    init(realPid: pid_t, modelPid: Int32, channel: Int32, mailbox: Mailbox) {
      self.realPid = realPid
      self.modelPid = modelPid
      self.channel = ControlChannel(fd: channel)
      self.mailbox = mailbox
      let pidfd = GNU.pidfdOpen(realPid, 0)
      self.pidfd = pidfd >= 0 ? fcntl(pidfd, F_DUPFD_CLOEXEC, ThreadProbe.highDescriptorBase) : -1
      if pidfd >= 0 { Glibc.close(pidfd) }
    }

    static let readerName = "host-reader"

    func startReading() {
      let reader = Thread { [self] in read() }
      reader.stackSize = ActorThread.stackSize
      reader.start()
    }

    /// A new thread of the child.
    func makeThread() -> RemoteThread {
      defer { threadCount += 1 }
      return RemoteThread(host: self, number: threadCount)
    }

    /// The real descriptors the execve that just returned left open (nil: none returned).
    func takeKeptAtExec() -> [Int32]? {
      mailbox.monitor.locked {
        defer { keptAtExec = nil }
        return keptAtExec
      }
    }

    /// Kills the host (the run is over) through its pidfd, which cannot hit a reused pid.
    func kill() { if pidfd >= 0 { _ = GNU.pidfdSendSignal(pidfd, SIGKILL, nil, 0) } }

    /// After the reader has posted the end.
    func close() {
      Glibc.close(channel.fd)
      if pidfd >= 0 { Glibc.close(pidfd) }
    }

    private func read() {
      // Its name (the thread's comm, PR_SET_NAME) lets a test see that none outlives its run.
      Self.readerName.withCString { _ = GNU.prctl(GNU.PR_SET_NAME, UInt(bitPattern: $0), 0, 0, 0) }
      while let (reply, _) = channel.receive(HostReply.self) {
        mailbox.monitor.locked {
          switch reply {
          case .started(let number, let tid): tids[number] = tid
          case .completed(let completion):
            // An execve that failed returns in the old image.
            if completion.id == execing?.id { execing = nil }
            mailbox.completions.append(completion)
          case .execing(let id, let entered, let coarse): execing = (id, entered, coarse)
          case .ready(let open, let at):
            // A fork's host says it too, with no execve to return.
            guard let call = execing else { break }
            execing = nil
            keptAtExec = open
            var result = RealResult.returning(0)
            result.syscallSpan = SyscallSpan(entered: call.entered, coarse: call.coarse, returned: at)
            mailbox.completions.append(
              CallCompletion(
                id: call.id, result: result, startedAt: call.entered, endedAt: at, slept: false,
                coarseAtStart: call.coarse, runDelay: 0))
          }
          mailbox.driver.broadcast()
        }
      }
      // The host's descriptors close as it exits (exit_files): the moment it ended.
      let closed = GNU.monotonicNow()
      let status = awaitExit()
      mailbox.monitor.locked {
        gone = true
        mailbox.endings.append(ProcessEnding(pid: modelPid, status: status, at: closed))
        mailbox.driver.broadcast()
      }
    }

    /// The wait status, without reaping: that is the script's `wait4`. A zombie shows it in
    /// /proc; once reaped, pidfs keeps it (``GNU/reapedStatus(pidfd:)``).
    private func awaitExit() -> Int32 {
      var exited = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
      // Readable once the process has exited (a zombie, or reaped).
      while pidfd >= 0 && poll(&exited, 1, 5_000) < 0 && errno == EINTR {}
      for _ in 0..<5_000 {
        if let status = GNU.zombieStatus(pid: realPid) ?? GNU.reapedStatus(pidfd: pidfd) { return status }
        usleep(200)
      }
      return SIGKILL
    }
  }

  /// A thread of a forked child: its calls are made by the host's actor thread of the same
  /// number; the driver sees it sleep through the host's /proc files.
  final class RemoteThread: TaskThread {
    let host: HostConnection
    let number: Int
    private(set) var tid: pid_t = -1
    private(set) var syscallFile: Int32 = -1
    private(set) var schedstatFile: Int32 = -1
    private(set) var statFile: Int32 = -1

    init(host: HostConnection, number: Int) {
      self.host = host
      self.number = number
    }

    func start() -> String? {
      guard host.channel.send(HostRequest.startThread(number)) else { return "the child process has ended" }
      // A host that does not answer is not sockscript (a wrong hostExecutable).
      let deadline = GNU.monotonicNow() + Self.startLimit
      let started: pid_t? = host.mailbox.monitor.locked {
        while host.tids[number] == nil && !host.gone && GNU.monotonicNow() < deadline {
          host.mailbox.driver.wait(until: deadline)
        }
        return host.tids[number]
      }
      guard let started else {
        if !host.mailbox.monitor.locked({ host.gone }) {
          host.kill()
          return "the child process did not start its host within 10 s"
        }
        return "the child process has ended"
      }
      guard started > 0 else { return "the child process could not start a thread" }
      tid = started
      syscallFile = ThreadProbe.openOwnFile("/proc/\(host.realPid)/task/\(started)/syscall")
      schedstatFile = ThreadProbe.openOwnFile("/proc/\(host.realPid)/task/\(started)/schedstat")
      statFile = ThreadProbe.openOwnFile("/proc/\(host.realPid)/task/\(started)/stat")
      return nil
    }

    /// How long a host may take to exec and start a thread (12 ms measured).
    static let startLimit: Int64 = 10_000_000_000

    func run(_ next: Job) {
      host.channel.send(HostRequest.run(thread: number, job: next), passing: next.fork?.control)
    }

    func interrupt() { _ = GNU.tgkill(host.realPid, tid, LinuxBackend.interruptSignal) }

    func stop() {
      if syscallFile >= 0 { close(syscallFile) }
      if schedstatFile >= 0 { close(schedstatFile) }
      if statFile >= 0 { close(statFile) }
      syscallFile = -1
      schedstatFile = -1
      statFile = -1
    }
  }
#endif
