import Collections
import SyscallVocabulary

/// The process's descriptor table (`files_struct`).
extension Kernel {
  /// `get_unused_fd_flags` + `fd_install`: the lowest free descriptor.
  func installFile(_ file: OpenFile) -> Int32 {
    if let fd = popFreeDescriptor() {
      files[Int(fd)] = file
      return fd
    }
    files.append(file)
    return Int32(files.count - 1)
  }

  /// `get_unused_fd_flags` alone: a descriptor kept for a file installed later.
  func reserveDescriptor() -> Int32 {
    let fd: Int32
    if let free = popFreeDescriptor() {
      fd = free
    } else {
      files.append(nil)
      fd = Int32(files.count - 1)
    }
    reservedDescriptors.insert(fd)
    return fd
  }

  /// The lowest free descriptor below `files.count`. `dup2` can take a free descriptor
  /// without popping it, so an entry may be stale (open again): those are skipped.
  private func popFreeDescriptor() -> Int32? {
    while let fd = freeDescriptors.popMin() {
      if files[Int(fd)] == nil, !reservedDescriptors.contains(fd) { return fd }
    }
    return nil
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
    guard fd >= 0, Int(fd) < files.count else { return nil }
    return files[Int(fd)]
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
    if file.count == 0, let socket = file as? SocketFile { unixReleaseSock(socket.sock, embryo: false) }
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
    table.reservedDescriptors = []
    table.closeOnExec = []
    for file in open { fput(file) }
  }
}
