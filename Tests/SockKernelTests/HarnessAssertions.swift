import SockKernel
import SyscallVocabulary

/// What a call returned, in one value that also says when it has not returned: an assertion
/// such as `outcome?.errno == nil` passes for a call that never returned, while
/// `returned == .value(0)` fails for it.
enum Returned: Equatable, CustomStringConvertible {
  case value(Int64)
  case error(Errno)
  /// Still asleep (or never started).
  case notReturned

  var description: String {
    switch self {
    case .value(let v): "\(v)"
    case .error(let e): "-1 \(e.name)"
    case .notReturned: "not returned"
    }
  }
}

extension SyscallOutcome {
  var returned: Returned { errno.map { .error($0) } ?? .value(value) }
}

extension Optional where Wrapped == SyscallOutcome {
  var returned: Returned { self?.returned ?? .notReturned }
}

/// One wake-up: which call was woken, by which call, on which queue.
struct Wakeup: Equatable, CustomStringConvertible {
  /// The woken call's tag.
  let woken: Int
  /// The tag of the call whose kernel code woke it.
  let by: Int
  let queue: WaitQueueName
  /// Queued with `prepare_to_wait_exclusive`.
  let exclusive: Bool

  var description: String { "call \(woken) woken by call \(by) on \(queue.inode).\(queue.kind)" }
}

extension Harness {
  /// What call `tag` returned, or `.notReturned`.
  func returned(_ tag: Int) -> Returned { result(tag).returned }

  /// The calls that call `tag` woke, in the order it woke them.
  func woken(by tag: Int) -> [Int] { wakeups.filter { $0.by == tag }.map(\.woken) }

  /// Keeps the outcome of returned calls and who woke whom. The kernel reports the wake-ups
  /// a call made right after that call's own event (it returned, slept, or was restarted),
  /// so the call of the latest such event is the waker.
  func record(_ event: KernelEvent) {
    events.append(event)
    switch event {
    case .returned(let record, let outcome, _):
      returned[record.tag] = (outcome, kernel.now)
      steppedCall = record
    case .blocked(let record, _, _), .restarted(let record, _), .notModelled(let record, _):
      steppedCall = record
    case .woken(let record, let waker, let queue, let exclusive):
      guard let by = steppedCall, by.task == waker else {
        preconditionFailure("a wake-up by \(waker) reported after no call of its own")
      }
      wakeups.append(Wakeup(woken: record.tag, by: by.tag, queue: queue, exclusive: exclusive))
    case .processEnded(_, let tasks, _):
      // An `exit_group` never returns: the wake-ups of the exit are its own.
      if let exiting = tasks.first(where: { lastTag[$0].map { returned[$0] == nil } ?? false }) {
        steppedCall = CallRecord(
          id: -1, tag: lastTag[exiting]!, task: exiting, syscall: .exitGroup(status: 0), startedAt: kernel.now)
      }
    case .timedOut, .interrupted, .cannotRun, .log, .execed, .collected:
      break
    }
  }
}
