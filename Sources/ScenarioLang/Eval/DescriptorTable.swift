/// A process's descriptors by number, each to its open file. The kernel hands descriptors out
/// lowest free first, so they are dense from 0: an array indexed by the number
/// (``DenseTable``), where a dictionary hashed the number on every call that names a socket
/// (``ScenarioSocket/fd(in:)``) and cost some 48 bytes a descriptor.
struct DescriptorTable {
  private var files = DenseTable<OpenFile>(base: 0)

  subscript(fd: Int32) -> OpenFile? {
    get { files[Int(fd)] }
    set { files[Int(fd)] = newValue }
  }

  /// The open descriptors with their files, lowest number first.
  var open: [(fd: Int32, file: OpenFile)] { files.sortedEntries.map { (fd: Int32($0.key), file: $0.value) } }
}
