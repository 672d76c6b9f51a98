/// Divergences of one kind at one place of the script: a loop that runs a diverging call
/// 200 times is one line with a count, not 200 lines.
public struct DivergenceGroup: Sendable, Equatable {
  /// The first of them, the one shown.
  public let first: Divergence
  /// How many there are, the first included.
  public let count: Int

  /// Groups `divergences` by place and aspect, in the order each group first appears.
  public static func grouping(_ divergences: [Divergence]) -> [DivergenceGroup] {
    struct Key: Hashable {
      let offset: Int?
      let aspect: String
    }
    var order: [Key] = []
    var groups: [Key: (first: Divergence, count: Int)] = [:]
    for divergence in divergences {
      let key = Key(offset: divergence.location?.offset, aspect: divergence.aspect)
      if let group = groups[key] {
        groups[key] = (group.first, group.count + 1)
      } else {
        order.append(key)
        groups[key] = (divergence, 1)
      }
    }
    return order.compactMap { groups[$0].map { DivergenceGroup(first: $0.first, count: $0.count) } }
  }
}
