import ScenarioLang

extension DivergenceGroup {
  /// `path:line:col: c1 connect: result differs` with the two sides under it; for a group
  /// of them (a loop's), the count and the first one's two sides.
  func rendered(in file: SourceFile) -> String {
    let divergence = first
    let place = divergence.location.map { "\(file.name):\($0.line):\($0.column)" } ?? file.name
    let times = count == 1 ? "" : ", \(count) times here (the first shown)"
    var text = "  \(place): \(divergence.call): \(divergence.aspect) differs\(times)\n"
    text += "      model:  \(divergence.model)\n"
    text += "      kernel: \(divergence.kernel)"
    return text
  }
}
