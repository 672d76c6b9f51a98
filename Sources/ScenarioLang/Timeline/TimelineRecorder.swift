/// Records a run's events for one or more timeline files and writes them at the end.
///
/// Every file (and an SVG's temporary spool) is opened when the recorder is made, so that
/// an unknown extension or a file that cannot be written fails before the run begins.
/// Hand it each ``TraceEvent`` as the trace emits it (``ScenarioSession/onTraceEvent``),
/// then call ``finish()``. It holds only the calls in flight and the threads' lanes: the
/// JSON and Mermaid files are written as the run goes, the SVG through its spool.
public final class TimelineRecorder {
  private var assembler = TimelineAssembler()
  private let writers: [any TimelineWriter]
  private var finished = false

  /// Opens (creating or truncating) every file of `paths`, each in the format its
  /// extension picks.
  public init(paths: [String]) throws(TimelineError) {
    var formats: [TimelineFormat] = []
    var seen: Set<String> = []
    for path in paths {
      guard let format = TimelineFormat(path: path) else { throw .unknownFormat(path: path) }
      guard seen.insert(path).inserted else { throw .repeatedPath(path: path) }
      formats.append(format)
    }
    var writers: [any TimelineWriter] = []
    for (path, format) in zip(paths, formats) {
      // A writer that fails leaves the ones before it to close as they are released.
      switch format {
      case .json: writers.append(try ChromeTraceWriter(path: path))
      case .svg: writers.append(try SVGTimelineWriter(path: path))
      case .mmd: writers.append(try MermaidWriter(path: path))
      }
    }
    self.writers = writers
  }

  /// One event of the run, in the trace's order.
  public func record(_ event: TraceEvent) {
    guard !finished else { return }
    assembler.take(event, emit: write)
  }

  /// Ends the calls still in flight at the run's end, then writes the rest of every file
  /// and closes it. Throws the first file's failure, after trying every file.
  public func finish() throws(TimelineError) {
    guard !finished else { return }
    assembler.finish(emit: write)
    finished = true
    var failure: TimelineError?
    for writer in writers {
      do throws(TimelineError) {
        try writer.finish(lanes: assembler.lanes, end: assembler.end)
      } catch {
        failure = failure ?? error
      }
    }
    if let failure { throw failure }
  }

  /// The calls in flight it holds: what its memory grows with, besides the threads.
  var openCallCount: Int { assembler.openCallCount }

  private func write(_ item: TimelineItem) {
    for writer in writers { writer.write(item) }
  }
}
