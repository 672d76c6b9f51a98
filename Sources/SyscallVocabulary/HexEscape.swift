/// The `\xNN` escape strace writes for a byte it does not print as it is, in an address and
/// in data alike: one spelling for both.
package enum HexEscape {
  private static let digits = Array("0123456789abcdef".utf8)

  /// Appends `\xNN`, in lower-case hex, for `byte`.
  package static func append(_ byte: UInt8, to text: inout [UInt8]) {
    text.append(UInt8(ascii: "\\"))
    text.append(UInt8(ascii: "x"))
    text.append(digits[Int(byte >> 4)])
    text.append(digits[Int(byte & 0xf)])
  }
}
