/// Levenshtein distance between two sequences, for `did you mean` suggestions. Generic so that
/// each caller picks its unit: the parser compares UTF-8 bytes (its words are ASCII), test
/// headers compare Characters.
package func editDistance<C: Collection>(_ a: C, _ b: C) -> Int where C.Element: Equatable {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var row = [i] + Array(repeating: 0, count: b.count)
    for j in stride(from: 1, through: b.count, by: 1) {
      row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.count]
}
