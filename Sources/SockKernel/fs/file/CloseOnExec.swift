/// The close-on-exec half of the descriptor table (`fs/file.c`).
extension Kernel {
  /// `do_close_on_exec`: walks `fdt->close_on_exec` word by word from descriptor 0 and
  /// closes every marked descriptor that is open (`filp_close` → `fput`: the last reference
  /// releases the socket, which is when its peer sees end of file), lowest first. The
  /// unmarked descriptors stay open at their numbers.
  func doCloseOnExec(_ table: FilesStruct) {
    for fd in table.closeOnExec.sorted() {
      table.closeOnExec.remove(fd)
      guard Int(fd) < table.fdt.count, let file = table.fdt[Int(fd)] else { continue }
      table.fdt[Int(fd)] = nil
      table.freeDescriptors.insert(fd)
      fput(file)
    }
  }
}
