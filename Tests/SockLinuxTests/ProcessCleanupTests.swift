#if canImport(Glibc)
  import Foundation
  import Glibc
  import ScenarioLang
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  extension KernelRuns {
    /// Credentials, and what a kernel run with children leaves behind: nothing.
    @Suite("Kernel backend: processes' credentials and cleanup")
    struct ProcessCleanupTests {
      let address = SockAddrUn.filesystem("/srv.sock")

      /// The `Uid:` or `Gid:` line of a thread's status: real, effective, saved, filesystem.
      private func ids(_ field: String, of path: String) throws -> String {
        let status = try String(contentsOfFile: path + "/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.map { $0.dropFirst(field.count + 1).split(separator: "\t").joined(separator: " ") } ?? ""
      }

      /// The names of this process's threads (their comm).
      private func threadNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").map {
          try String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        }
      }

      @Test("setgid and setuid in a child change every thread of the child, as glibc's do")
      func credentialsInChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        let worker = run.backend.spawn(name: "worker", alongside: child.thread)
        #expect(run.call(worker, .socket(type: .stream, protocol: 0))?.value == 3)
        #expect(run.call(child.thread, .setgid(1234))?.value == 0)
        #expect(run.call(child.thread, .setuid(4321))?.value == 0)
        let host = try #require(run.backend.children.first?.host.realPid)
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(host)/task")
        #expect(threads.count >= 3)  // the request loop, the forwarder, two actor threads
        for tid in threads {
          #expect(try ids("Uid", of: "/proc/\(host)/task/\(tid)") == "4321 4321 4321 4321")
          #expect(try ids("Gid", of: "/proc/\(host)/task/\(tid)") == "1234 1234 1234 1234")
        }
        // No longer root: the child cannot go back.
        #expect(run.call(child.thread, .setuid(0))?.errno == .EPERM)
        #expect(try ids("Uid", of: "/proc/self") == "0 0 0 0")
      }

      @Test("setuid in process 1 to other ids is not made: it would change sockscript's own credentials")
      func credentialsOfProcessOne() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        #expect(run.call(main, .setuid(4321)) == nil)
        #expect(run.cannotRun == ["setuid in process 1 would change sockscript's own credentials"])
        #expect(getuid() == 0)
        // The ids it has already: no change, so the call is made.
        #expect(run.call(main, .setuid(getuid()))?.value == 0)
        #expect(run.call(main, .setgid(getgid()))?.value == 0)
      }

      @Test("a fatal kill of process 1 is not made (it is sockscript), nor any kill of a group")
      func killOfProcessOne() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        #expect(run.call(main, .killProcess(pid: 1, signal: .SIGTERM)) == nil)
        #expect(run.cannotRun == ["kill(1, SIGTERM) would signal sockscript itself"])
        // Nor any signal to a process group or to every process.
        for pid: Int32 in [0, -1, -2] {
          let other = run.backend.spawn(name: "other\(pid)")
          #expect(run.call(other, .killProcess(pid: pid, signal: .SIGUSR1)) == nil)
        }
        #expect(run.cannotRun.dropFirst().allSatisfy { $0.hasSuffix("would signal processes outside the run") })
        #expect(run.cannotRun.count == 4)
      }

      @Test("shutDown with children asleep (and the parent in wait4) leaves no process, descriptor or file")
      func nothingLeftAfterShutDown() throws {
        let run = try ProcessDriver()
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let first = try #require(run.fork(main))
        let second = try #require(run.fork(main))
        #expect(second.pid == 3)
        run.submit(first.thread, .accept(fd: listener, flags: 0))
        run.submit(second.thread, .accept(fd: listener, flags: 0))
        let helper = run.backend.spawn(name: "helper", alongside: second.thread)
        run.submit(helper, .accept(fd: listener, flags: 0))
        // Process 1's pids only: -1 would also wait for other tests' children.
        run.submit(main, .wait4(pid: 2))
        #expect(run.backend.sleepingCalls().count == 4)
        let hosts = run.backend.children.map(\.host.realPid)
        let driverFiles = run.backend.children.flatMap { [$0.host.channel.fd, $0.host.pidfd] }
        let directory = run.backend.sandbox.directory
        #expect(try threadNames().filter { $0 == HostConnection.readerName }.count == 2)
        run.backend.shutDown()
        for pid in hosts { #expect(processIsGone(pid)) }
        for fd in driverFiles { #expect(fcntl(fd, F_GETFD) == -1) }
        #expect(try threadNames().filter { $0 == HostConnection.readerName }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(run.endings.isEmpty)  // nothing is reported after the run
      }

      @Test("a host whose driver is gone (sockscript killed) exits by itself")
      func hostEndsWithItsDriver() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0))?.value == 3)
        let host = try #require(run.backend.children.first?.host)
        // What sockscript's death does to the channel: the driver's end closes.
        shutdown(host.channel.fd, Int32(Glibc.SHUT_RDWR))
        run.settle { !run.endings.isEmpty }
        #expect(run.endings.map(\.end) == [.exited(0)])
        #expect(run.call(main, .wait4(pid: 2))?.value == 2)
        #expect(processIsGone(host.realPid))
      }

      @Test("kill(2, SIGUSR1) reaches the child's thread asleep in accept, not the host's own loops")
      func processSignalReachesTheChildsThread() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let accept = run.submit(child.thread, .accept(fd: listener, flags: 0))
        #expect(run.call(main, .killProcess(pid: 2, signal: .SIGUSR1))?.value == 0)
        run.settle { run.backend.isIdle(child.thread) }
        #expect(run.outcome(accept)?.errno == .EINTR)
        #expect(run.endings.isEmpty)
      }

      @Test("a child whose host cannot start: its first call cannot run, and the run goes on")
      func hostThatCannotStart() throws {
        var options = LinuxBackend.Options()
        options.hostExecutable = "/nonexistent/sockscript"
        let run = try ProcessDriver(options: options)
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0)) == nil)
        // Whether the driver saw the end before or while the call started.
        #expect(
          run.cannotRun == ["no thread for 'main': the child process has ended"]
            || run.cannotRun == ["process 2 has ended"])
        #expect(run.call(main, .socket(type: .stream, protocol: 0))?.value == 3)
      }

      @Test(
        "a child's connect with SO_SNDTIMEO 0 sleeps for good: the run stalls instead of waiting out its time limit")
      func childSleepsForever() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = Int32(try #require(run.call(main, .socket(type: .stream, protocol: 0))).value)
        #expect(run.call(main, .bind(fd: listener, address: address))?.value == 0)
        #expect(run.call(main, .listen(fd: listener, backlog: 0))?.value == 0)
        let child = try #require(run.fork(main))
        let first = Int32(try #require(run.call(child.thread, .socket(type: .stream, protocol: 0))).value)
        #expect(run.call(child.thread, .connect(fd: first, address: address))?.value == 0)
        let second = Int32(try #require(run.call(child.thread, .socket(type: .stream, protocol: 0))).value)
        // A timeout set in the child: the driver must read it from the child's descriptor.
        let forever = Timeval(seconds: 0, microseconds: 0)
        let set = run.call(child.thread, .setTimeout(fd: second, option: .SO_SNDTIMEO, value: forever, optlen: 16))
        #expect(set?.value == 0)
        run.submit(child.thread, .connect(fd: second, address: address))
        let started = GNU.monotonicNow()
        #expect(run.backend.run { false } == .stalled)
        #expect(!run.backend.exceededTimeLimit)
        #expect(GNU.monotonicNow() - started < 5_000_000_000)
      }

      @Test("in a test runner, a host is the sockscript built next to it")
      func defaultHostExecutable() {
        #expect(ProcessHost.defaultExecutable.hasSuffix("/sockscript"))
        #expect(access(ProcessHost.defaultExecutable, X_OK) == 0)
      }

      @Test("a host executable that is not sockscript: the child's first call cannot run, the run goes on")
      func hostThatNeverAnswers() throws {
        var options = LinuxBackend.Options()
        options.hostExecutable = "/bin/sleep"  // refuses `--process-host` and exits
        let run = try ProcessDriver(options: options)
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0)) == nil)
        // Whether the driver saw the end before or while the call started.
        #expect(
          run.cannotRun == ["no thread for 'main': the child process has ended"]
            || run.cannotRun == ["process 2 has ended"])
        #expect(run.call(main, .socket(type: .stream, protocol: 0))?.value == 3)
      }
    }
  }
#endif
