/// Files the REPL writes (`:save`, the history) and lists (file-name completion), and the
/// report of `sockscript test --junit`.
extension Terminal {
  /// Writes `text` to `path`; `atomically` writes a temporary file and renames it, so a
  /// reader never sees half a file. False (with `errno` set) when it cannot.
  static func writeFile(_ text: String, to path: String, atomically: Bool = false) -> Bool {
    let target = atomically ? path + ".tmp-\(getpid())" : path
    let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        close(fd)
        if atomically { unlink(target) }
        return false
      }
      bytes = bytes.dropFirst(n)
    }
    guard close(fd) == 0, !atomically || rename(target, path) == 0 else {
      if atomically { unlink(target) }  // nothing left behind when the report is not written
      return false
    }
    return true
  }

  /// Why `writeFile(_:to:atomically: true)` would fail for `path`, or nil when it can work:
  /// checked before a long run whose report would otherwise be lost at the end. The
  /// temporary file goes next to `path`, so its directory must take new files.
  static func cannotWrite(_ path: String) -> String? {
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return String(cString: strerror(EISDIR)) }
    // Create the very temporary file the write will use, and remove it: access(2) says
    // nothing for root, and nothing of a file system that refuses new files (/proc, EROFS).
    let probe = path + ".tmp-\(getpid())"
    let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return lastError() }
    close(fd)
    unlink(probe)
    return nil
  }

  /// The names in `directory` (the current one for ""), directories with a trailing `/`.
  static func directoryEntries(_ directory: String) -> [String] {
    guard let dir = opendir(directory.isEmpty ? "." : directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      var info = stat()
      let isDirectory =
        stat((directory.isEmpty ? "" : directory) + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
      names.append(isDirectory ? name + "/" : name)
    }
    return names
  }
}
