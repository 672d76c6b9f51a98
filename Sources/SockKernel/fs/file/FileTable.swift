import Collections
import SyscallVocabulary

/// The process's descriptor table (`files_struct`).
extension Kernel {
  /// `get_unused_fd_flags` + `fd_install`: the lowest free descriptor.
  func installFile(_ file: SocketFile) -> Int32 {
    if let fd = freeDescriptors.popMin() {
      files[Int(fd)] = file
      return fd
    }
    files.append(file)
    return Int32(files.count - 1)
  }

  /// `get_unused_fd_flags` alone: a descriptor kept for a file installed later.
  func reserveDescriptor() -> Int32 {
    if let fd = freeDescriptors.popMin() { return fd }
    files.append(nil)
    return Int32(files.count - 1)
  }

  /// `fd_install` into a reserved descriptor.
  func installFile(_ file: SocketFile, at fd: Int32) { files[Int(fd)] = file }

  /// `put_unused_fd`: gives a reserved descriptor back.
  func releaseDescriptor(_ fd: Int32) { freeDescriptors.insert(fd) }

  /// `sockfd_lookup`: `EBADF` for a descriptor that is not open.
  func lookupFile(_ fd: Int32) -> SocketFile? {
    guard fd >= 0, Int(fd) < files.count else { return nil }
    return files[Int(fd)]
  }

  /// `fdget`: the file open on `fd`, with a reference the call holds until it returns
  /// (``fdput(_:)``), so that a `close` of the descriptor by another thread meanwhile
  /// only removes the descriptor: the call goes on, and the socket is released when the
  /// call drops the last reference. (The kernel skips the reference when no other thread
  /// shares the table, where no close can happen meanwhile: the same behaviour.)
  func fdget(_ fd: Int32?, for call: ActiveCall) -> SocketFile? {
    guard let fd, let file = lookupFile(fd) else { return nil }
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

  /// `close_fd`: frees the descriptor and returns what it referred to.
  func removeFile(_ fd: Int32) -> SocketFile? {
    guard let file = lookupFile(fd) else { return nil }
    files[Int(fd)] = nil
    freeDescriptors.insert(fd)
    return file
  }

  /// `get_file`: one more reference to `file`.
  func getFile(_ file: SocketFile) { file.count += 1 }

  /// `fput`: drops a reference; the last one releases the socket (`__fput` → `sock_close` →
  /// `unix_release`). A `close` while a `poll` holds the file only closes the descriptor.
  func fput(_ file: SocketFile) {
    precondition(file.count > 0, "fput of a released file")
    file.count -= 1
    if file.count == 0 { unixReleaseSock(file.sock, embryo: false) }
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
    for file in open { fput(file) }
  }
}
