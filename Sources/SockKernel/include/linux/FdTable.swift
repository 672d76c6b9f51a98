import Collections

/// `struct files_struct`: a process's descriptor table. Threads share their process's; a
/// `fork` copies it (`dup_fd`), so parent and child hold the same open files.
final class FilesStruct {
  /// Indexed by descriptor; 0, 1 and 2 stand for the standard streams, never sockets.
  var fdt: [OpenFile?] = [nil, nil, nil]
  /// Closed descriptors below `fdt.count`, lowest first (`get_unused_fd_flags`).
  var freeDescriptors = Heap<Int32>()
  /// Descriptors taken by `get_unused_fd_flags` whose file is not installed yet (an
  /// `accept` asleep): open in the bitmap, NULL in the array, so `dup2` onto one is EBUSY.
  var reservedDescriptors: DescriptorBitmap = []
  /// `fdt->close_on_exec`: FD_CLOEXEC, a flag of the descriptor, not of the open file.
  var closeOnExec: DescriptorBitmap = []

  init() {}

  /// `dup_fd`: the same files at the same numbers, with their close-on-exec flags (the
  /// caller takes the references). A descriptor the parent has only reserved (its file
  /// NULL) is free in the copy (`__clear_open_fd`).
  init(copying other: FilesStruct) {
    fdt = other.fdt
    freeDescriptors = other.freeDescriptors
    for fd in other.reservedDescriptors { freeDescriptors.insert(fd) }
    closeOnExec = other.closeOnExec
  }

  /// Every open file, in descriptor order.
  var openFiles: [OpenFile] { fdt.compactMap { $0 } }
}
