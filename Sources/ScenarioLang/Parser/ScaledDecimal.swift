/// A decimal literal times a unit, exactly: `1.5` KiB is 1536 bytes, `1.5` us 1500 ns.
///
/// The product is computed digit by digit, in decimal, so that a unit that is not a power of
/// ten (1024, 1048576) scales a fraction exactly: scaling the fraction's digits one by one
/// would round each of them down (`1.5KiB` came out as 1534).
enum ScaledDecimal: Equatable {
  /// A whole number of units.
  case exact(Int64)
  /// The product has a fraction of a unit left: `0.1KiB` is 102.4 bytes, `1.5ns` 1.5 ns.
  case fractional
  /// The product does not fit 64 bits.
  case overflow

  /// `text` (`-?digits(.digits)?`, as the lexer produces it) times `unit`, which must be
  /// positive and below 2^59 so that one digit's product and its carry fit 64 bits.
  init(_ text: some StringProtocol, times unit: Int64) {
    var value: Int64 = 0
    var place: Int64? = 1  // 10^exponent of the next whole digit; nil once past 64 bits
    var fractional = false
    var overflow = false
    Self.forEachDigit(of: text, times: unit) { digit, exponent in
      if exponent < 0 {
        if digit != 0 { fractional = true }
        return
      }
      if digit != 0 {
        let (term, o1) = digit.multipliedReportingOverflow(by: place ?? .max)
        let (sum, o2) = value.addingReportingOverflow(term)
        guard place != nil, !o1, !o2 else {
          overflow = true
          return
        }
        value = sum
      }
      place = place.flatMap { p in
        let (next, o) = p.multipliedReportingOverflow(by: 10)
        return o ? nil : next
      }
    }
    if overflow {
      self = .overflow
    } else if fractional {
      self = .fractional
    } else {
      self = .exact(text.hasPrefix("-") ? -value : value)
    }
  }

  /// The exact product as a decimal, `102.4` for `0.1` × 1024: for error messages.
  static func exactText(_ text: some StringProtocol, times unit: Int64) -> String {
    var digits: [(digit: Int64, exponent: Int)] = []
    forEachDigit(of: text, times: unit) { digits.append(($0, $1)) }
    var whole = digits.filter { $0.exponent >= 0 }.map(\.digit)
    var fraction = digits.filter { $0.exponent < 0 }.map(\.digit)
    while whole.count > 1, whole.last == 0 { whole.removeLast() }
    while fraction.first == 0 { fraction.removeFirst() }
    let wholeText = whole.reversed().map(String.init).joined()
    let fractionText = fraction.reversed().map(String.init).joined()
    let sign = text.hasPrefix("-") ? "-" : ""
    return sign + (wholeText.isEmpty ? "0" : wholeText) + (fractionText.isEmpty ? "" : "." + fractionText)
  }

  /// Calls `body` with each decimal digit of |text| × `unit`, least significant first, with
  /// its power of ten (negative for the digits after the decimal point).
  private static func forEachDigit(
    of text: some StringProtocol, times unit: Int64, _ body: (_ digit: Int64, _ exponent: Int) -> Void
  ) {
    precondition(unit > 0 && unit < 1 << 59, "a unit's digit products must fit 64 bits")
    let utf8 = text.utf8
    let fractionDigits =
      utf8.firstIndex(of: UInt8(ascii: ".")).map { utf8.distance(from: $0, to: utf8.endIndex) - 1 } ?? 0
    var exponent = -fractionDigits
    var carry: Int64 = 0
    // Long multiplication from the last digit: each step leaves one digit and carries the rest.
    for byte in utf8.reversed() where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
      let product = Int64(byte - UInt8(ascii: "0")) * unit + carry
      body(product % 10, exponent)
      carry = product / 10
      exponent += 1
    }
    while carry > 0 {
      body(carry % 10, exponent)
      carry /= 10
      exponent += 1
    }
  }
}
