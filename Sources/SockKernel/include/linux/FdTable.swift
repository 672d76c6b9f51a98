import Collections

/// `struct files_struct`: a process's descriptor table. Threads share their process's; a
/// `fork` copies it (`dup_fd`), so parent and child hold the same open files.
final class FilesStruct {
  /// Indexed by descriptor; 0, 1 and 2 stand for the standard streams, never sockets.
  var fdt: [OpenFile?] = [nil, nil, nil]
  /// Closed descriptors below `fdt.count`, lowest first (`get_unused_fd_flags`).
  var freeDescriptors = Heap<Int32>()
  /// The descriptors from here to `fdt.count` were added by `expand_files` and not handed
  /// out since: free, unless a `dup2` opened one (checked when the search reaches it). A
  /// table grown by a million for one `dup2` so costs no million inserts into
  /// `freeDescriptors`. `fdt.count` when the table has not grown past what it handed out.
  var freshFrom: Int32 = 3
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
    freshFrom = other.freshFrom
    for fd in other.reservedDescriptors { freeDescriptors.insert(fd) }
    closeOnExec = other.closeOnExec
  }

  /// Every open file, in descriptor order.
  var openFiles: [OpenFile] { fdt.compactMap { $0 } }
}

extension FilesStruct {
  /// Neither open nor reserved: what the search for a free descriptor may hand out.
  func isFree(_ fd: Int32) -> Bool { fdt[Int(fd)] == nil && !reservedDescriptors.contains(fd) }

  /// `freshFrom` moves past the grown descriptors a `dup2` opened since, so that no search
  /// looks at them twice.
  func skipOpenedFresh() {
    while Int(freshFrom) < fdt.count, !isFree(freshFrom) { freshFrom += 1 }
  }

  /// `fd`, found free, is handed out: the table grows to hold it when it is the next
  /// number past its end, and the grown range starts after it when it was its first.
  func handOut(_ fd: Int32) {
    if Int(fd) == fdt.count { fdt.append(nil) }
    if fd == freshFrom { freshFrom += 1 }
  }
}
