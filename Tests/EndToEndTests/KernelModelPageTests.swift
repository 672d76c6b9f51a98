import Foundation
import Testing

/// docs/kernel-model.md names, for every kernel rule, the Swift function that mirrors it and
/// the samples that check it. Those names must stay true when code is renamed or samples are
/// moved, or the page would send a reader to functions and files that no longer exist.
@Suite("Docs: kernel-model.md points at real functions and samples")
struct KernelModelPageTests {
  static let page = "docs/kernel-model.md"
  static let sources = "Sources/SockKernel"

  /// A Swift function the page names, with the file it says holds it.
  struct Mirror: Hashable {
    let function: String
    let file: String
  }

  /// Every `` `name`, `name` (dir/…/File.swift) `` of the page: the names before a file in
  /// parentheses are functions in that file (its path under `Sources/SockKernel`, which
  /// mirrors the kernel's tree, so it has one or more folders).
  static func mirrors(in text: String) -> [Mirror] {
    let pattern = #"((?:`[A-Za-z][A-Za-z0-9]*`(?:, )?)+) \(((?:[A-Za-z_]+/)+[A-Za-z+]+\.swift)\)"#
    let regex = try! NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).flatMap { match -> [Mirror] in
      let names = String(text[Range(match.range(at: 1), in: text)!])
      let file = String(text[Range(match.range(at: 2), in: text)!])
      return names.split(separator: ",").map {
        Mirror(function: $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")), file: file)
      }
    }
  }

  /// Every `samples/….sock` path of the page.
  static func samples(in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: #"samples/[A-Za-z0-9_/-]+\.sock"#)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
      String(text[Range($0.range, in: text)!])
    }
  }

  /// Whether `file` declares `func name`.
  static func declares(_ source: String, _ name: String) -> Bool {
    source.range(of: #"func \#(name)\b"#, options: .regularExpression) != nil
  }

  @Test("every Swift function named is declared in the file named")
  func functionsExist() throws {
    let text = try String(contentsOf: Sockscript.root.appendingPathComponent(Self.page), encoding: .utf8)
    let mirrors = Set(Self.mirrors(in: text))
    #expect(mirrors.count > 80, "only \(mirrors.count) functions found: did the table format change?")
    for mirror in mirrors.sorted(by: { ($0.file, $0.function) < ($1.file, $1.function) }) {
      let url = Sockscript.root.appendingPathComponent("\(Self.sources)/\(mirror.file)")
      guard let source = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("\(Self.page): \(mirror.file) does not exist in \(Self.sources)")
        continue
      }
      #expect(Self.declares(source, mirror.function), "\(Self.page): no func \(mirror.function) in \(mirror.file)")
    }
  }

  @Test("every sample named exists")
  func samplesExist() throws {
    let text = try String(contentsOf: Sockscript.root.appendingPathComponent(Self.page), encoding: .utf8)
    let samples = Set(Self.samples(in: text))
    #expect(samples.count > 100, "only \(samples.count) samples found")
    for sample in samples.sorted() {
      let exists = FileManager.default.fileExists(atPath: Sockscript.root.appendingPathComponent(sample).path)
      #expect(exists, "\(Self.page): \(sample) does not exist")
    }
  }

  @Test("the checks read the page's format and catch a wrong name")
  func checksCanFail() {
    let text =
      "| x | `unix_listen` | `sysListen`, `unixListen` (net/unix/af_unix/AFUnixListen.swift) | `samples/a/b.sock` |"
    #expect(
      Self.mirrors(in: text) == [
        Mirror(function: "sysListen", file: "net/unix/af_unix/AFUnixListen.swift"),
        Mirror(function: "unixListen", file: "net/unix/af_unix/AFUnixListen.swift"),
      ])
    #expect(Self.samples(in: text) == ["samples/a/b.sock"])
    #expect(Self.declares("  func unixListen(_ sk: Sock)", "unixListen"))
    #expect(!Self.declares("  func unixListenLater(_ sk: Sock)", "unixListen"))
  }
}
