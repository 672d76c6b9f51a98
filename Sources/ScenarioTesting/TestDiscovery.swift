#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the test scripts under the paths given to `sockscript test`.
enum TestDiscovery {
  /// A path given on the command line does not exist.
  struct Missing: Error {
    let path: String
    let reason: String
  }

  /// Every `.sock` file under each path (recursively, not following symbolic links to
  /// directories, skipping hidden directories such as `.build`), and each path that is a
  /// file itself; sorted and without duplicates. Names are relative to the current
  /// directory as the user wrote the path (`.` adds no prefix).
  static func scripts(in paths: [String]) throws(Missing) -> [String] {
    var found = Set<String>()
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else { throw Missing(path: path, reason: String(cString: strerror(errno))) }
      if info.st_mode & S_IFMT == S_IFDIR {
        walk(path, prefix: path == "." ? "" : (path.hasSuffix("/") ? path : path + "/"), into: &found)
      } else {
        found.insert(path)
      }
    }
    return found.sorted()
  }

  private static func walk(_ directory: String, prefix: String, into found: inout Set<String>) {
    guard let handle = opendir(directory) else { return }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasPrefix(".") { continue }
      let path = prefix + name
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        walk(path, prefix: path + "/", into: &found)
      } else if name.hasSuffix(".sock") {
        found.insert(path)
      }
    }
  }
}
