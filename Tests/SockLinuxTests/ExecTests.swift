#if canImport(Glibc)
  import Foundation
  import Glibc
  import ScenarioLang
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  extension KernelRuns {
    /// `execve` in a forked child: the host really re-executes itself.
    @Suite("Kernel backend: exec")
    struct ExecTests {
      let address = SockAddrUn.filesystem("/srv.sock")

      /// The thread ids of process `pid`.
      private func threads(of pid: pid_t) -> Set<pid_t> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []).compactMap(pid_t.init))
      }

      @Test(
        "exec by a second thread: the first one's accept never returns, the kernel closes the cloexec socket, the caller goes on in a new image, and shutDown leaves nothing"
      )
      func execInChild() throws {
        let run = try ProcessDriver()
        let main = run.backend.spawn(name: "main")
        let listener = try run.listener(main, at: address)
        let child = try #require(run.fork(main))
        let helper = run.backend.spawn(name: "helper", alongside: child.thread)
        let marked = try #require(run.call(helper, .socket(type: .stream, protocol: 0, flags: SOCK_CLOEXEC)))
        #expect(marked.value == 4)
        let process = try #require(run.backend.children.first)
        let host = process.host.realPid
        let markedReal = process.descriptors.realDescriptor(4)
        let listenerReal = process.descriptors.realDescriptor(listener)
        let accept = run.submit(child.thread, .accept(fd: listener, flags: 0))
        let before = threads(of: host)
        #expect(before.count >= 4)  // the host's loop and forwarder, two actor threads
        let exec = try #require(run.call(helper, .execve))
        #expect(exec.value == 0)
        #expect(run.outcome(accept) == nil)
        let execed = run.events.compactMap {
          if case .execed(let pid, let by, let ended, let closed) = $0 { (pid, by, ended, closed) } else { nil }
        }
        #expect(execed.count == 1)
        #expect(execed.first?.0 == 2)
        #expect(execed.first?.1 == helper)
        #expect(execed.first?.2 == [child.thread])
        #expect(execed.first?.3 == [4])
        // The real kernel closed the marked one; the listener is open at its number.
        #expect(access("/proc/\(host)/fd/\(markedReal)", F_OK) != 0)
        #expect(access("/proc/\(host)/fd/\(listenerReal)", F_OK) == 0)
        // The caller's next call runs on a thread of the new image: none of the old is left.
        #expect(run.call(helper, .fcntl(fd: listener, command: .F_GETFD, arg: 0))?.value == 0)
        #expect(run.call(helper, .fcntl(fd: 4, command: .F_GETFD, arg: 0))?.errno == .EBADF)
        #expect(threads(of: host).intersection(before) == [host])
        #expect(run.backend.sleepingCalls().isEmpty)
        // A connection waits for the caller's accept, which gets the number the killed one held.
        let c = run.backend.spawn(name: "c")
        let socket = Int32(try #require(run.call(c, .socket(type: .stream, protocol: 0))).value)
        #expect(run.call(c, .connect(fd: socket, address: address))?.value == 0)
        #expect(run.call(helper, .accept(fd: listener, flags: 0))?.value == 4)
        let driverFiles = [process.host.channel.fd, process.host.pidfd]
        run.backend.shutDown()
        #expect(processIsGone(host))
        for fd in driverFiles { #expect(fcntl(fd, F_GETFD) == -1) }
        #expect(run.endings.isEmpty)
      }

      @Test("exec in process 1 is not made: it would replace sockscript")
      func execInProcessOne() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        #expect(run.call(main, .execve) == nil)
        #expect(run.cannotRun == ["execve in process 1 would replace sockscript"])
      }
    }
  }
#endif
