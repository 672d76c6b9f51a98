#if canImport(Glibc)
  import Foundation
  import Glibc
  import SyscallVocabulary

  /// A forked child of a kernel run: sockscript exec'd by the forking thread's child
  /// (``ForkPlan``) with the scenario's descriptors still open at the same numbers. It runs
  /// the child's threads as actor threads, making the calls the driver sends over the
  /// control channel and sending back each completion; it ends when a call ends it
  /// (`exit_group`, a killing signal) or when the driver is gone.
  public enum ProcessHost {
    /// The hidden first argument that makes sockscript a host.
    public static let flag = "--process-host"

    /// sockscript itself (`/proc/self/exe`); in a process that is not sockscript (a test
    /// runner), the `sockscript` next to its executable, as the build puts them, if any.
    public static var defaultExecutable: String {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard n > 0 else { return "/proc/self/exe" }
      let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard let slash = path.lastIndex(of: "/"), path[path.index(after: slash)...] != "sockscript" else {
        return "/proc/self/exe"
      }
      let sibling = String(path[...slash]) + "sockscript"
      return access(sibling, X_OK) == 0 ? sibling : "/proc/self/exe"
    }

    /// `sockscript --process-host CONTROL JIFFY DRIVER KEEP NUMBERS CLOEXEC SIGPIPE`: DRIVER is
    /// sockscript's pid; KEEP, NUMBERS and CLOEXEC are comma-separated descriptor lists (`-`
    /// for none): the real descriptors to keep, the script's numbers they move to (in the
    /// same order), and the real ones marked FD_CLOEXEC; SIGPIPE is `ignore` or `default`,
    /// the child's action for it.
    static func arguments(
      control: Int32, jiffy: Int64, driver: pid_t, keep: [Int32], numbers: [Int32], cloexec: [Int32],
      ignoresSIGPIPE: Bool
    ) -> [String] {
      let list = { (fds: [Int32]) in fds.isEmpty ? "-" : fds.map(String.init).joined(separator: ",") }
      return [
        "sockscript", flag, "\(control)", "\(jiffy)", "\(driver)", list(keep), list(numbers), list(cloexec),
        ignoresSIGPIPE ? "ignore" : "default",
      ]
    }

    /// Serves as a host when `arguments` says so, and never returns then; returns at once
    /// otherwise.
    public static func serveIfAsked(_ arguments: [String]) {
      guard arguments.count == 9, arguments[1] == flag, let control = Int32(arguments[2]),
        let jiffy = Int64(arguments[3]), let driver = pid_t(arguments[4])
      else { return }
      let parse = { (text: String) in text.split(separator: ",").compactMap { Int32($0) } }
      let keep = parse(arguments[5])
      let numbers = parse(arguments[6])
      let cloexec = parse(arguments[7])
      guard numbers.count == keep.count else { return }
      serve(
        control: control, jiffy: jiffy, driver: driver, keep: keep, numbers: numbers, cloexec: cloexec,
        ignoresSIGPIPE: arguments[8] == "ignore")
    }

    private static func serve(
      control: Int32, jiffy: Int64, driver: pid_t, keep inherited: [Int32], numbers: [Int32], cloexec marked: [Int32],
      ignoresSIGPIPE: Bool
    ) -> Never {
      // The image's start: where an execve that made it returned.
      let started = GNU.monotonicNow()
      // The forking (or exec'ing) thread's mask came through exec: the script's part of it
      // is the child's first thread's (`block`); actor threads block SIGPIPE themselves.
      var none = sigset_t()
      sigemptyset(&none)
      var inheritedMask = sigset_t()
      pthread_sigmask(SIG_SETMASK, &none, &inheritedMask)
      LinuxBackend.installSignalHandling()
      // Unlike sockscript, a child takes SIGPIPE's default action: a `kill` of it with
      // SIGPIPE ends it, and so does one a call raised (``HostLoop/forward()``).
      if !ignoresSIGPIPE { signal(SIGPIPE, SIG_DFL) }
      // Far above the scenario's numbers, so that no call of the child gets it or sees it,
      // and closed at exec (a grandchild's host must not hold it).
      let channel = fcntl(control, F_DUPFD_CLOEXEC, ThreadProbe.highDescriptorBase)
      guard channel >= 0 else { _exit(126) }
      close(control)
      let (keep, cloexec) = renumber(inherited, to: numbers, cloexec: marked)
      closeInherited(keeping: Set(keep + [0, 1, 2, channel]))
      for fd in cloexec { _ = fcntl(fd, F_SETFD, Glibc.FD_CLOEXEC) }
      let connection = ControlChannel(fd: channel)
      // After an execve (``ExecPlan``), what the real kernel left open of the scenario's.
      connection.send(HostReply.ready(open: keep.filter { fcntl($0, F_GETFD) >= 0 }, at: started))
      // Dies with the thread that forked it (the driver's actor thread) when that is
      // sockscript's; a host that finds its parent gone already ends. A grandchild's host
      // keeps the kernel's behaviour (it outlives its parent) and ends with the channel.
      if getppid() == driver {
        _ = GNU.prctl(GNU.PR_SET_PDEATHSIG, UInt(SIGKILL), 0, 0, 0)
        if getppid() != driver { _exit(0) }
      }
      HostLoop(channel: connection, jiffy: jiffy, driver: driver, firstThreadMask: inheritedMask).run()
    }

    /// Moves the scenario's descriptors from the parent's real numbers to the script's, so
    /// that the child's table is the model's (a descriptor the kernel allocates next is the
    /// one the model does, and RLIMIT_NOFILE counts the same ones): through numbers above
    /// every script number first, since a real number may be another's script number.
    /// Returns the descriptors to keep and those to mark FD_CLOEXEC again, by their numbers.
    private static func renumber(
      _ inherited: [Int32], to numbers: [Int32], cloexec: [Int32]
    ) -> (keep: [Int32], cloexec: [Int32]) {
      let marked = Set(cloexec)
      let moving = zip(inherited, numbers).filter { $0.0 != $0.1 }
      let temporary = moving.map { fcntl($0.0, F_DUPFD, ThreadProbe.highDescriptorBase) }
      for (real, _) in moving { close(real) }
      for ((_, number), copy) in zip(moving, temporary) where copy >= 0 {
        dup2(copy, number)
        close(copy)
      }
      return (numbers, zip(inherited, numbers).filter { marked.contains($0.0) }.map(\.1))
    }

    /// Closes every inherited descriptor but `kept`: the driver's own files, another test's
    /// pipes, anything not marked FD_CLOEXEC that the forking process had open.
    private static func closeInherited(keeping kept: Set<Int32>) {
      guard let directory = opendir("/proc/self/fd") else { return }
      var open: [Int32] = []
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if let fd = Int32(name) { open.append(fd) }
      }
      closedir(directory)
      for fd in open where !kept.contains(fd) { close(fd) }
    }
  }

  /// A host's two loops: requests from the driver (on the main thread) and completions to it
  /// (on a forwarder thread).
  final class HostLoop: @unchecked Sendable {
    let channel: ControlChannel
    let jiffy: Int64
    /// sockscript's pid, for the host of an execve's new image.
    let driver: pid_t
    let mailbox = Mailbox()
    /// The child's threads by the driver's numbers (the request loop's only).
    var threads: [Int: ActorThread] = [:]
    /// The forwarder is sending completions it took from the mailbox (under its monitor).
    var forwarding = false

    /// The signals of the script's mask the forking thread blocked, which the child's first
    /// thread starts with (a fork copies the caller's mask, an exec keeps it); nil once used.
    var firstThreadMask: sigset_t?

    init(channel: ControlChannel, jiffy: Int64, driver: pid_t, firstThreadMask inherited: sigset_t) {
      self.channel = channel
      self.jiffy = jiffy
      self.driver = driver
      var mask = sigset_t()
      sigemptyset(&mask)
      var inherited = inherited
      for signal in [SIGUSR1, SIGUSR2, SIGURG] where sigismember(&inherited, signal) == 1 { sigaddset(&mask, signal) }
      firstThreadMask = mask
    }

    /// Whether SIGPIPE's action is SIG_DFL (not `ignore SIGPIPE`).
    static var takesSIGPIPEDefaultAction: Bool {
      var action = sigaction()
      sigaction(SIGPIPE, nil, &action)
      return action.__sigaction_handler.sa_handler == nil
    }

    /// SIGUSR1 and SIGUSR2: a process-directed one (`kill(pid, SIGUSR1)`) goes to a thread
    /// that does not block it, which in a C program is the child's own thread; here the
    /// host's loops block them, so that it reaches an actor thread.
    private static var scenarioSignals: sigset_t {
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, SIGUSR1)
      sigaddset(&set, SIGUSR2)
      return set
    }

    func run() -> Never {
      var signals = Self.scenarioSignals
      pthread_sigmask(SIG_BLOCK, &signals, nil)
      let forwarder = Thread { [self] in forward() }
      forwarder.stackSize = ActorThread.stackSize
      forwarder.start()
      while let (request, passed) = channel.receive(HostRequest.self) {
        switch request {
        case .startThread(let number):
          let thread = ActorThread(mailbox: mailbox, jiffy: jiffy)
          thread.execve = { [self] plan, id in exec(plan, call: id) }
          // The new thread inherits the mask: unblocked for it, or the forking thread's.
          var loopMask = sigset_t()
          if var first = firstThreadMask {
            pthread_sigmask(SIG_SETMASK, &first, &loopMask)
            firstThreadMask = nil
          } else {
            pthread_sigmask(SIG_UNBLOCK, &signals, &loopMask)
          }
          let failed = thread.start() != nil
          pthread_sigmask(SIG_SETMASK, &loopMask, nil)
          if !failed { threads[number] = thread }
          channel.send(HostReply.started(thread: number, tid: failed ? -1 : thread.tid))
        case .run(let number, var job):
          // A fork's control channel came with the request, at the lowest free number:
          // moved above the scenario's, and closed once the fork has given the child a copy.
          if let passed, job.fork != nil {
            job.fork?.control = fcntl(passed, F_DUPFD_CLOEXEC, ThreadProbe.highDescriptorBase)
            job.fork?.closesControl = true
            close(passed)
          }
          threads[number]?.run(job)
        case .ignoreSIGPIPE:
          signal(SIGPIPE, SIG_IGN)
        case .catchSIGURG(let restart):
          LinuxBackend.catchSIGURG(restart: restart)
        }
      }
      // The driver is gone, and with it the run.
      _exit(0)
    }

    private func forward() {
      while true {
        let done: [CallCompletion] = mailbox.monitor.locked {
          if forwarding {
            forwarding = false
            mailbox.driver.broadcast()
          }
          while mailbox.completions.isEmpty { mailbox.driver.wait() }
          defer { mailbox.completions.removeAll() }
          forwarding = true
          return mailbox.completions
        }
        for completion in done {
          channel.send(HostReply.completed(completion))
          // The call's thread blocks SIGPIPE, to learn that the call raised it (as in
          // process 1), and took it. Its action is the process's, delivered on the way back
          // to user space: with the default one the process dies of it, once the driver
          // has the call's return.
          if completion.result.raised == .SIGPIPE && Self.takesSIGPIPEDefaultAction { kill(getpid(), SIGPIPE) }
        }
      }
    }
  }
#endif
