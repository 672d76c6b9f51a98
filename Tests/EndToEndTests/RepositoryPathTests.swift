import Foundation
import Testing

/// Nothing in the repository may point outside it: a reader of a fresh clone has none of the
/// machine the project was written on, so a link to a file there is a dead link (the docs once
/// named a kernel specification that lived beside the repository, not in it).
@Suite("Repository: no paths outside it")
struct RepositoryPathTests {
  /// Spelled in pieces, so that this file does not hold what it looks for.
  static let outsidePaths = ["/" + "work" + "/", ".." + "/shared"]

  /// Every file of the repository that is not in a hidden directory (`.git`, `.build`).
  static func repositoryFiles(under root: URL) -> [URL] {
    let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    var files: [URL] = []
    while let url = enumerator?.nextObject() as? URL {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
    }
    return files
  }

  /// The 1-based lines of `data` that contain one of `needles`.
  static func lines(of data: Data, containing needles: [String]) -> [Int] {
    let text = String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .filter { line in needles.contains { line.element.contains($0) } }.map { $0.offset + 1 }
  }

  @Test("no file in docs, sources, tests, samples or tools mentions a path outside the repository")
  func noOutsidePaths() throws {
    let root = Sockscript.root
    let files = Self.repositoryFiles(under: root)
    #expect(files.contains { $0.lastPathComponent == "README.md" })
    #expect(files.contains { $0.path.hasSuffix("Sources/SockKernel/Kernel.swift") })
    for file in files {
      for line in Self.lines(of: try Data(contentsOf: file), containing: Self.outsidePaths) {
        let relative = String(file.path.dropFirst(root.path.count + 1))
        Issue.record("\(relative):\(line): names a path outside the repository")
      }
    }
  }

  @Test("the check finds such a path")
  func checkFindsOutsidePath() {
    let text = "fine\nsee " + Self.outsidePaths[0] + "x/y.md\nalso " + Self.outsidePaths[1] + "/z\n"
    #expect(Self.lines(of: Data(text.utf8), containing: Self.outsidePaths) == [2, 3])
  }
}
