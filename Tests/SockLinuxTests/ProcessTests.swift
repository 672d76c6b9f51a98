#if canImport(Glibc)
  import Foundation
  import Glibc
  import ScenarioLang
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  extension KernelRuns {
    /// Forked children on the real kernel: real processes with a copy of the descriptor
    /// table.
    @Suite("Kernel backend: processes")
    struct ProcessTests {
      let address = SockAddrUn.filesystem("/srv.sock")

      @Test("fork returns pid 2 and the child's thread; the child sends on an inherited socketpair end")
      func forkAndInheritedSocketpair() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let pair = try #require(run.call(main, .socketpair(type: .stream))?.pair)
        let child = try #require(run.fork(main))
        #expect(child.pid == 2)
        #expect(run.backend.name(of: child.thread) == "main")
        #expect(
          run.call(child.thread, .send(fd: pair.fds.0, data: .bytes(Array("hi".utf8)), flags: [], address: nil))?.value
            == 2)
        #expect(run.call(main, .recv(fd: pair.fds.1, length: 10, flags: []))?.data == .bytes(Array("hi".utf8)))
        // A real process, a child of this one: sockscript exec'd as the child's host (which
        // it is once it has made a call; fork returns before the exec).
        let host = try #require(run.backend.children.first?.host.realPid)
        let command = try String(contentsOfFile: "/proc/\(host)/cmdline", encoding: .utf8)
        #expect(command.split(separator: "\0").dropFirst().first == "--process-host")
        let stat = try String(contentsOfFile: "/proc/\(host)/stat", encoding: .utf8)
        let parent = stat.split(separator: ")").last?.split(separator: " ").dropFirst().first
        #expect(parent.map(String.init) == String(getpid()))
        #expect(run.cannotRun.isEmpty)
      }

      @Test("a close in the child leaves the parent's descriptor open; each table gives its own lowest free number")
      func closeInChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let pair = try #require(run.call(main, .socketpair(type: .stream))?.pair)
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .close(fd: pair.fds.0))?.value == 0)
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0))?.value == 3)
        #expect(run.call(main, .socket(type: .stream, protocol: 0))?.value == 5)
        #expect(run.call(main, .send(fd: pair.fds.0, data: .bytes([1]), flags: [], address: nil))?.value == 1)
        #expect(run.call(child.thread, .recv(fd: pair.fds.1, length: 1, flags: []))?.value == 1)
      }

      @Test("the child accepts on an inherited listener a connection the parent makes")
      func acceptOnInheritedListener() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let accept = run.submit(child.thread, .accept(fd: listener, flags: 0))
        #expect(run.backend.sleepingCalls().map(\.task) == [child.thread])
        let client = Int32(try #require(run.call(main, .socket(type: .stream, protocol: 0))).value)
        #expect(run.call(main, .connect(fd: client, address: address))?.value == 0)
        run.settle { run.backend.isIdle(child.thread) }
        #expect(run.outcome(accept)?.value == 4)
      }

      @Test("exit_group 3 ends the child (processEnded, the call unreturned) before the parent's wait4 returns 2")
      func exitAndWait() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        let wait = run.submit(main, .wait4(pid: 2))
        #expect(run.backend.sleepingCalls().map(\.task) == [main])
        let exit = run.submit(child.thread, .exitGroup(status: 3))
        run.settle { run.backend.isIdle(main) }
        #expect(run.outcome(exit) == nil)
        #expect(run.endings.count == 1)
        #expect(run.endings.first?.pid == 2)
        #expect(run.endings.first?.tasks == [child.thread])
        #expect(run.endings.first?.end == .exited(3))
        let waited = try #require(run.outcome(wait))
        #expect(waited.value == 2)
        #expect(waited.waitStatus == .exited(3))
        let (ending, waitReturn) = (try #require(run.indexOfFirstEnding), try #require(run.indexOfReturn(wait)))
        #expect(ending < waitReturn)
        #expect(run.times[ending] <= run.times[waitReturn])
        // Reaped: no child 2 any more (-1 would also wait for other tests' children).
        #expect(run.call(main, .wait4(pid: 2))?.errno == .ECHILD)
      }

      @Test("kill SIGTERM ends a child whose call sleeps: processEnded(killed SIGTERM), the accept unreturned")
      func killBlockedChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let accept = run.submit(child.thread, .accept(fd: listener, flags: 0))
        let kill = run.call(main, .killProcess(pid: 2, signal: .SIGTERM))
        #expect(kill?.value == 0)
        // The end is reported before anything else runs.
        #expect(run.endings.map(\.end) == [.killed(.SIGTERM)])
        #expect(run.outcome(accept) == nil)
        #expect(run.backend.sleepingCalls().isEmpty)
        let waited = run.call(main, .wait4(pid: 2))
        #expect(waited?.value == 2)
        #expect(waited?.waitStatus == .killed(.SIGTERM))
        // Its pid may be anybody's now: a kill of it finds no process.
        #expect(run.call(main, .killProcess(pid: 2, signal: .SIGTERM))?.errno == .ESRCH)
      }

      @Test("a second thread of the child, blocked in accept, is seen asleep; a connect wakes it")
      func secondThreadInChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let worker = run.backend.spawn(name: "worker", alongside: child.thread)
        let accept = run.submit(worker, .accept(fd: listener, flags: 0))
        #expect(run.backend.sleepingCalls().map(\.task) == [worker])
        let client = Int32(try #require(run.call(main, .socket(type: .stream, protocol: 0))).value)
        #expect(run.call(main, .connect(fd: client, address: address))?.value == 0)
        run.settle { run.backend.isIdle(worker) }
        #expect(run.outcome(accept)?.value == 4)
        // Both threads end with the process.
        run.submit(child.thread, .exitGroup(status: 0))
        run.settle { !run.endings.isEmpty }
        #expect(run.endings.first?.tasks == [child.thread, worker])
      }

      @Test("a child forks a grandchild (pid 3) that inherits the child's table and that the child waits for")
      func grandchild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let pair = try #require(run.call(main, .socketpair(type: .stream))?.pair)
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .close(fd: pair.fds.1))?.value == 0)
        let grandchild = try #require(run.fork(child.thread))
        #expect(grandchild.pid == 3)
        // The grandchild's table is the child's: pair.fds.1 is closed there too.
        #expect(run.call(grandchild.thread, .recv(fd: pair.fds.1, length: 1, flags: []))?.errno == .EBADF)
        #expect(
          run.call(grandchild.thread, .send(fd: pair.fds.0, data: .bytes([7]), flags: [], address: nil))?.value == 1)
        #expect(run.call(main, .recv(fd: pair.fds.1, length: 1, flags: []))?.data == .bytes([7]))
        run.submit(grandchild.thread, .exitGroup(status: 7))
        let waited = run.call(child.thread, .wait4(pid: -1))
        #expect(waited?.value == 3)
        #expect(waited?.waitStatus == .exited(7))
        #expect(run.call(main, .wait4(pid: 3))?.errno == .ECHILD)
        #expect(run.endings.map(\.pid) == [3])
      }

      @Test("an orphaned grandchild lives on (no parent-death signal) and is gone after the run")
      func orphan() throws {
        let run = try ProcessDriver()
        let main = run.backend.spawn(name: "main")
        let child = try #require(run.fork(main))
        let grandchild = try #require(run.fork(child.thread))
        #expect(run.call(grandchild.thread, .socket(type: .stream, protocol: 0))?.value == 3)
        run.submit(child.thread, .exitGroup(status: 0))
        run.settle { !run.endings.isEmpty }
        #expect(run.call(main, .wait4(pid: 2))?.value == 2)
        #expect(run.call(grandchild.thread, .socket(type: .stream, protocol: 0))?.value == 4)
        let hosts = run.backend.children.map(\.host.realPid)
        run.backend.shutDown()
        for pid in hosts { #expect(processIsGone(pid)) }
      }

      @Test("a send in the child on a broken stream returns EPIPE, then the SIGPIPE it raised kills the child")
      func sigpipeKillsTheChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let pair = try #require(run.call(main, .socketpair(type: .stream))?.pair)
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .close(fd: pair.fds.1))?.value == 0)
        #expect(run.call(main, .close(fd: pair.fds.1))?.value == 0)
        let sent = run.call(child.thread, .send(fd: pair.fds.0, data: .bytes([1]), flags: [], address: nil))
        #expect(sent?.errno == .EPIPE)
        #expect(sent?.raised == .SIGPIPE)
        #expect(run.endings.map(\.end) == [.killed(.SIGPIPE)])
        #expect(run.call(main, .wait4(pid: Int32(child.pid)))?.waitStatus == .killed(.SIGPIPE))
      }

      @Test("a child that ignores SIGPIPE (its own action, or its parent's at the fork) lives on after EPIPE")
      func ignoredSigpipeKeepsTheChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let pair = try #require(run.call(main, .socketpair(type: .stream))?.pair)
        #expect(run.call(main, .close(fd: pair.fds.1))?.value == 0)
        let first = try #require(run.fork(main))
        run.backend.ignoreSignal(.SIGPIPE, in: first.thread)
        let sent = run.call(first.thread, .send(fd: pair.fds.0, data: .bytes([1]), flags: [], address: nil))
        #expect(sent?.raised == .SIGPIPE)
        #expect(run.call(first.thread, .close(fd: pair.fds.0))?.value == 0)
        run.backend.ignoreSignal(.SIGPIPE, in: main)
        let second = try #require(run.fork(main))
        #expect(
          run.call(second.thread, .send(fd: pair.fds.0, data: .bytes([1]), flags: [], address: nil))?.errno == .EPIPE)
        #expect(run.call(second.thread, .close(fd: pair.fds.0))?.value == 0)
        #expect(run.endings.isEmpty)
      }

      @Test("a thread of the child signals another thread of the child (tgkill): its accept returns EINTR")
      func signalBetweenThreadsOfAChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let worker = run.backend.spawn(name: "worker", alongside: child.thread)
        let accept = run.submit(worker, .accept(fd: listener, flags: 0))
        #expect(run.call(child.thread, .kill(task: worker, signal: .SIGUSR1))?.value == 0)
        run.settle { run.backend.isIdle(worker) }
        #expect(run.outcome(accept)?.errno == .EINTR)
      }

      @Test("the child connects to an abstract name the parent listens on: one network namespace")
      func abstractNameAcrossFork() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let abstract = SockAddrUn.abstract(Array("srv".utf8))
        let listener = try run.listener(main, at: abstract)
        let child = try #require(run.fork(main))
        let client = Int32(try #require(run.call(child.thread, .socket(type: .stream, protocol: 0))).value)
        #expect(client == 4)
        #expect(run.call(child.thread, .connect(fd: client, address: abstract))?.value == 0)
        #expect(run.call(main, .accept(fd: listener, flags: 0))?.value == 4)
      }

      @Test("exit_group in process 1 is not made: it would end sockscript")
      func exitOfProcessOne() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        #expect(run.call(main, .exitGroup(status: 0)) == nil)
        #expect(run.cannotRun == ["exit_group in process 1 would end sockscript"])
      }

      @Test("a number an accept asleep in another thread reserved is free in a child forked meanwhile")
      func reservedNumberIsFreeInTheChild() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        let acceptor = run.backend.spawn(name: "acceptor")
        let listener = try run.listener(main, at: address)
        let accept = run.submit(acceptor, .accept(fd: listener, flags: 0))
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0))?.value == 4)
        let client = run.call(main, .socket(type: .stream, protocol: 0))
        #expect(client?.value == 5)
        #expect(run.call(main, .connect(fd: 5, address: address))?.value == 0)
        run.settle { run.backend.isIdle(acceptor) }
        #expect(run.outcome(accept)?.value == 4)
      }
    }
  }
#endif
