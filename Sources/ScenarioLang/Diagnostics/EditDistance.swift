/// Levenshtein distance between two sequences, for `did you mean` suggestions. Generic so that
/// each caller picks its unit: the parser compares UTF-8 bytes (its words are ASCII), test
/// headers compare Characters. With a `limit`, a distance above it is `limit + 1`, and is
/// known as soon as every entry of a row is above it: the remaining rows are not computed
/// (a misspelt word is measured against every word of the language).
package func editDistance<C: Collection>(_ a: C, _ b: C, limit: Int = .max) -> Int where C.Element: Equatable {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  // Two rows, swapped: the previous one and the one being filled.
  var previous = Array(0...b.count)
  var row = previous
  for i in 1...a.count {
    row[0] = i
    var smallest = i
    for j in stride(from: 1, through: b.count, by: 1) {
      row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      smallest = min(smallest, row[j])
    }
    if smallest > limit { return limit + 1 }
    swap(&previous, &row)
  }
  let distance = previous[b.count]
  return distance > limit ? limit + 1 : distance
}
