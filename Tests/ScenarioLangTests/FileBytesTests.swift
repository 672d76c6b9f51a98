import Foundation
import Testing

@testable import ScenarioLang

@Suite("FileBytes: one reader of whole files")
struct FileBytesTests {
  @Test("a file longer than the read buffer comes back whole; atMost cuts it; a missing file says why")
  func wholeFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(FileBytes.read(path) == bytes)
    #expect(FileBytes.read(path, atMost: 70_000) == Array(bytes.prefix(70_000)))
    #expect(FileBytes.read(path + ".missing") == nil)
    #expect(FileBytes.lastError() == "No such file or directory")
  }

  @Test("a /proc file, whose size is 0 to stat, is read to its end")
  func procFile() throws {
    let status = try #require(FileBytes.read("/proc/self/status"))
    #expect(String(decoding: status, as: UTF8.self).contains("\nPid:"))
  }
}
