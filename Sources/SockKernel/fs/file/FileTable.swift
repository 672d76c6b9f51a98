import Collections
import SyscallVocabulary

/// The process's descriptor table (`files_struct`).
extension Kernel {
  /// `get_unused_fd_flags` + `fd_install`: the lowest free descriptor; nil (EMFILE) when it
  /// is at or above RLIMIT_NOFILE.
  func installFile(_ file: OpenFile) -> Int32? {
    guard let fd = getUnusedFdFlags() else { return nil }
    installFile(file, at: fd)
    return fd
  }

  /// `get_unused_fd_flags` → `alloc_fd(0, rlimit(RLIMIT_NOFILE), flags)`: the lowest free
  /// descriptor, kept for a file installed later; nil (EMFILE) when it is at or above the
  /// process's soft limit.
  func getUnusedFdFlags() -> Int32? {
    let end = rlimitNofile()
    let table = fileTable
    // dup2 can take a free descriptor without popping it, so an entry may be stale (open
    // again): those go, and so do the grown descriptors it opened.
    while let fd = table.freeDescriptors.min, !table.isFree(fd) { _ = table.freeDescriptors.popMin() }
    table.skipOpenedFresh()
    let fd = min(table.freeDescriptors.min ?? .max, table.freshFrom)
    guard UInt64(fd) < end else { return nil }
    if table.freeDescriptors.min == fd { _ = table.freeDescriptors.popMin() }
    table.handOut(fd)
    table.reservedDescriptors.insert(fd)
    return fd
  }

  /// `rlimit(RLIMIT_NOFILE)`: the calling process's soft limit.
  func rlimitNofile() -> UInt64 { currentGroup.nofile.cur }

  /// The calling task's process (`current`'s thread group); process 1 outside a call.
  var currentGroup: TaskGroup { currentTask.map { tasks[$0.rawValue].group } ?? processes[0] }

  /// EMFILE from `alloc_fd`.
  static func tooManyFiles(_ caller: String) -> SyscallOutcome {
    .failure(.EMFILE, Reason(caller, "no free descriptor below RLIMIT_NOFILE"))
  }

  /// `fd_install` into a reserved descriptor.
  func installFile(_ file: OpenFile, at fd: Int32) {
    reservedDescriptors.remove(fd)
    files[Int(fd)] = file
  }

  /// `put_unused_fd`: gives a reserved descriptor back.
  func releaseDescriptor(_ fd: Int32) {
    reservedDescriptors.remove(fd)
    freeDescriptors.insert(fd)
  }

  /// `fdget`: the open file `fd` refers to; nil (EBADF) for a descriptor that is not open.
  func fdget(_ fd: Int32) -> OpenFile? {
    // The table is found once: each use of `files` looks up the calling task's process.
    let table = fileTable
    guard fd >= 0, Int(fd) < table.fdt.count else { return nil }
    return table.fdt[Int(fd)]
  }

  /// `fdget` for a call: the file open on `fd`, with a reference the call holds until it
  /// returns (``fdput(_:)``), so that a `close` of the descriptor by another thread
  /// meanwhile only removes the descriptor: the call goes on, and the socket is released
  /// when the call drops the last reference. (The kernel skips the reference when no other
  /// thread shares the table, where no close can happen meanwhile: the same behaviour.)
  func fdget(_ fd: Int32, for call: ActiveCall) -> OpenFile? {
    guard let file = fdget(fd) else { return nil }
    getFile(file)
    call.file = file
    return file
  }

  /// `fdput`: the call returns and drops the reference ``fdget(_:for:)`` took.
  func fdput(_ call: ActiveCall) {
    guard let file = call.file else { return }
    call.file = nil
    fput(file)
  }

  /// The socket's file behind `fd`, for the calls that have checked (`sockfd_lookup`) that
  /// it is one: nil for a descriptor that is not open or not a socket.
  func lookupFile(_ fd: Int32) -> SocketFile? { fdget(fd) as? SocketFile }

  /// `close_fd`: frees the descriptor and returns what it referred to.
  func removeFile(_ fd: Int32) -> OpenFile? {
    guard let file = fdget(fd) else { return nil }
    files[Int(fd)] = nil
    closeOnExec.remove(fd)
    freeDescriptors.insert(fd)
    return file
  }

  /// `get_file`: one more reference to `file`.
  func getFile(_ file: OpenFile) { file.count += 1 }

  /// `fput`: drops a reference; the last one releases the socket (`__fput` → `sock_close` →
  /// `unix_release`). A `close` while a `poll` holds the file only closes the descriptor.
  func fput(_ file: OpenFile) {
    precondition(file.count > 0, "fput of a released file")
    file.count -= 1
    if file.count == 0 {
      // __fput: eventpoll_release first, then the file's own release.
      if !file.epitems.isEmpty { eventpollReleaseFile(file) }
      if let epoll = file as? EpollFile { epClearAndPut(epoll.ep) }
    }
    guard let socket = file as? SocketFile else { return }
    if file.count == 0 {
      unixReleaseSock(socket.sock, embryo: false)
    } else if file.count == socket.sock.inflightRefs {
      // Held by messages in flight alone now: the collector may find it dead.
      gcTouched.append(socket.sock)
    }
  }

  static let badDescriptor = Reason("fdget", "descriptor is not open")

  /// `close(fd)` → `filp_close` → `fput`: the socket is released (`sock_close` →
  /// `unix_release`) unless a `poll` in progress still holds the file.
  func sysClose(_ fd: Int32) -> SyscallOutcome {
    guard let file = removeFile(fd) else { return .failure(.EBADF, Kernel.badDescriptor) }
    fput(file)
    return .success()
  }

  /// `dup_fd`: a copy of `table` for a new process, holding one more reference to each file.
  func dupFd(_ table: FilesStruct) -> FilesStruct {
    let copy = FilesStruct(copying: table)
    for file in copy.openFiles { getFile(file) }
    return copy
  }

  /// `close_files`: the last holder of a table closes every descriptor, lowest first.
  func closeFiles(_ table: FilesStruct) {
    let open = table.openFiles
    table.fdt = [nil, nil, nil]
    table.freeDescriptors = Heap<Int32>()
    table.freshFrom = 3
    table.reservedDescriptors = []
    table.closeOnExec = []
    for file in open { fput(file) }
  }
}
