import Collections

/// `struct files_struct`: a process's descriptor table. Threads share their process's; a
/// `fork` copies it (`dup_fd`), so parent and child hold the same open files.
final class FilesStruct {
  /// Indexed by descriptor; 0, 1 and 2 stand for the standard streams, never sockets.
  var fdt: [SocketFile?] = [nil, nil, nil]
  /// Closed descriptors below `fdt.count`, lowest first (`get_unused_fd_flags`).
  var freeDescriptors = Heap<Int32>()

  init() {}

  /// `dup_fd`: the same files at the same numbers (the caller takes the references).
  init(copying other: FilesStruct) {
    fdt = other.fdt
    freeDescriptors = other.freeDescriptors
  }

  /// Every open file, in descriptor order.
  var openFiles: [SocketFile] { fdt.compactMap { $0 } }
}
