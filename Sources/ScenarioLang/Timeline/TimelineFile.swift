#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A timeline file open for writing through stdio's buffer: opened when the recorder is
/// made, so that a file that cannot be written is an error before the run, and written a
/// piece at a time, so that a long run is never held whole in memory.
final class TimelineOutput {
  let path: String
  private var file: UnsafeMutablePointer<FILE>?

  /// `path`, created or truncated.
  init(path: String) throws(TimelineError) {
    guard let opened = fopen(path, "w") else {
      throw .cannotOpen(path: path, reason: FileBytes.lastError())
    }
    self.path = path
    file = opened
  }

  func write(_ text: String) {
    guard let file else { return }
    fputs(text, file)
  }

  /// Flushes and closes the file; throws when any write failed.
  func close() throws(TimelineError) {
    guard let file else { return }
    self.file = nil
    let failed = ferror(file) != 0
    let closed = fclose(file) == 0
    if failed || !closed { throw .cannotWrite(path: path, reason: FileBytes.lastError()) }
  }

  deinit { if let file { fclose(file) } }
}

/// A temporary file of short text lines, written during a run and read back once it ends:
/// what a picture that needs the run's whole extent before its first shape keeps instead of
/// memory. It is unlinked as soon as it is made, so it lives only as long as its descriptor
/// (closed by ``close()`` or on deinit) and never outlives the process, even one that dies.
final class TimelineSpool {
  private var file: UnsafeMutablePointer<FILE>?

  /// A new empty spool in `$TMPDIR` (or /tmp); `target` names the timeline it is for, in
  /// the error.
  init(for target: String) throws(TimelineError) {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
    template += Array("sockscript-timeline-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw .cannotSpool(path: target, reason: FileBytes.lastError()) }
    unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    guard let opened = fdopen(fd, "w+") else {
      let reason = FileBytes.lastError()
      closeDescriptor(fd)
      throw .cannotSpool(path: target, reason: reason)
    }
    file = opened
  }

  /// Appends `line` and a newline; `line` must hold no newline.
  func append(_ line: String) {
    guard let file else { return }
    fputs(line, file)
    fputc(0x0A, file)
  }

  /// Calls `body` with each line written so far, in order, without its newline; false when
  /// the spool could not be read back.
  func forEachLine(_ body: (Substring) -> Void) -> Bool {
    guard let file else { return false }
    guard fflush(file) == 0, ferror(file) == 0 else { return false }
    rewind(file)
    var buffer: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    defer { free(buffer) }
    while true {
      let length = getline(&buffer, &capacity, file)
      guard length > 0, let buffer else { break }
      let line = String(cString: buffer)
      body(line.hasSuffix("\n") ? line.dropLast() : Substring(line))
    }
    let failed = ferror(file) != 0
    // Back to the end, for any line appended after.
    fseek(file, 0, SEEK_END)
    return !failed
  }

  func close() {
    guard let file else { return }
    self.file = nil
    fclose(file)
  }

  deinit { close() }
}

// `close` is also a method's name above; the system call under another name.
private func closeDescriptor(_ fd: Int32) {
  #if canImport(Glibc)
    _ = Glibc.close(fd)
  #else
    _ = Darwin.close(fd)
  #endif
}
