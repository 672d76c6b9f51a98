/// Fields that few objects set live in a box made for the first one set (a socket's rare
/// options, a task's signal state, an open file's owner, a thread's declaration site): a
/// million sockets then do not each carry them.
extension Optional where Wrapped: AnyObject {
  /// The box held, or one made by `make` and held from now on.
  @inlinable package mutating func made(by make: () -> Wrapped) -> Wrapped {
    if let self { return self }
    let made = make()
    self = made
    return made
  }
}
