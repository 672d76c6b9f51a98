import Testing

@testable import SockKernel

/// The bitmaps of a descriptor table (reserved descriptors, close-on-exec flags): a bit
/// per descriptor, set and cleared any number of times, across word boundaries.
@Suite("Descriptor bitmap")
struct DescriptorBitmapTests {
  @Test("insert, contains, remove: each descriptor its own bit, across words")
  func bits() {
    var set: DescriptorBitmap = [3, 64]
    #expect(set.contains(3) && set.contains(64) && !set.contains(4) && !set.contains(63) && !set.contains(-1))
    set.insert(127)
    set.insert(3)
    #expect(set.count == 3)
    #expect(set.remove(64) == 64)
    #expect(set.remove(64) == nil)
    #expect(set.remove(1000) == nil)
    #expect(!set.contains(64) && set.contains(127))
    #expect(set.sorted() == [3, 127])
    #expect(Array(set) == [3, 127])
  }

  @Test("reserving and installing the highest descriptor again and again keeps the set right")
  func reserveInstall() {
    var set: DescriptorBitmap = []
    for fd in Int32(3)..<2000 {
      set.insert(fd)
      #expect(set.contains(fd))
      set.remove(fd)
    }
    #expect(set.isEmpty && set.sorted().isEmpty && !set.contains(1999))
  }
}
