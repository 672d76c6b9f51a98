import SockKernel
import SyscallVocabulary

/// The REPL's brain, with no terminal in it: takes whole logical lines, runs statements on
/// one live ``ScenarioSession``, answers meta commands, and remembers what ran for `:save`.
///
/// Errors never end it: a diagnostic is reported against the line as typed, named
/// `<repl>:LINE:COL` where LINE counts the logical lines entered, and the next line runs.
public final class InteractiveSession {
  /// The live model. Replaced by `:reset`.
  public private(set) var session: ScenarioSession
  /// The model the session runs on (the REPL always runs on the model).
  private var kernel: Kernel
  public let config: KernelConfig
  /// Each line's (and each `:load`ed file's) limits, as a script's in `sockscript run`.
  public let limits: Limits
  public private(set) var explain: Bool
  /// Set by `:quit`.
  public private(set) var quitRequested = false
  /// Every logical line entered so far: the text `<repl>` diagnostics point into.
  public private(set) var lines: [String] = []
  /// Lines of ``transcript``: more than ``lines`` when an input spans lines.
  private var transcriptLines = 0
  /// What `:save` writes: the statements that ran since the last `:reset`.
  public private(set) var saved: [String] = []
  /// What `:timeline` draws: every trace event since the last `:reset`.
  private var events = TimelineEvents()

  /// Ctrl-C while a statement runs.
  public let interrupt: InterruptFlag
  let output: (String) -> Void
  let report: (Diagnostic, SourceFile) -> Void
  let readFile: (String) -> [UInt8]?
  let writeFile: (String, String) -> Bool
  /// The terminal's width now, which `:state` fits.
  let columns: () -> Int
  /// The text diagnostics of the statements running now are shown in.
  private var reportSource: SourceFile
  /// Passes sessions' diagnostics to this REPL (the first session is made before `self` is).
  private let forwarder: Forwarder

  private final class Forwarder {
    weak var target: InteractiveSession?
  }

  /// `output` receives trace and command lines (no newline), `report` diagnostics with the
  /// source to render them in; `readFile`/`writeFile` serve `:load` and `:save`; raising
  /// `interrupt` stops the statement running at its next safe point; `columns` says how
  /// wide the terminal is.
  public init(
    config: KernelConfig = KernelConfig(), explain: Bool = false, limits: Limits = Limits(),
    interrupt: InterruptFlag = .sigint,
    output: @escaping (String) -> Void,
    report: @escaping (Diagnostic, SourceFile) -> Void, readFile: @escaping (String) -> [UInt8]?,
    writeFile: @escaping (String, String) -> Bool, columns: @escaping () -> Int = { 80 }
  ) {
    self.config = config
    self.explain = explain
    self.limits = limits
    self.interrupt = interrupt
    self.output = output
    self.report = report
    self.readFile = readFile
    self.writeFile = writeFile
    self.columns = columns
    self.reportSource = SourceFile(name: "<repl>", text: "")
    let forwarder = Forwarder()
    self.forwarder = forwarder
    (self.session, self.kernel) = Self.makeSession(
      config: config, explain: explain, limits: limits, interrupt: interrupt, output: output, forwarder: forwarder)
    forwarder.target = self
    session.onTraceEvent = { [events] in events.append($0) }
  }

  /// The events of the session, kept for `:timeline` (a class, so that the session's
  /// observer and the REPL share them).
  final class TimelineEvents {
    private(set) var all: [TraceEvent] = []
    func append(_ event: TraceEvent) { all.append(event) }
  }

  private static func makeSession(
    config: KernelConfig, explain: Bool, limits: Limits, interrupt: InterruptFlag,
    output: @escaping (String) -> Void, forwarder: Forwarder
  ) -> (ScenarioSession, Kernel) {
    let model = ModelBackend(config: config)
    let session = ScenarioSession(
      source: SourceFile(name: "<repl>", text: ""), backend: model, explain: explain, output: output,
      report: { [forwarder] diagnostic in forwarder.target?.deliver(diagnostic) })
    session.interruptCheck = { [interrupt] in interrupt.isRaised }
    session.citesSourceNames = true
    session.limits = limits
    return (session, model.kernel)
  }

  /// The virtual time, as the trace prints it: what the prompt shows.
  public var time: String { TraceFormatter.time(kernel.now) }

  /// Socket names for Tab completion.
  public var socketNames: [String] { session.declaredNames }

  /// The `<repl>` text: every logical line entered.
  public var transcript: SourceFile { SourceFile(name: "<repl>", text: lines.joined(separator: "\n")) }

  // MARK: Input

  /// Runs one logical line: a meta command (`:…`) or statements of the language. An
  /// interrupt raised already stops it: the caller clears stale ones before reading it.
  public func enter(_ line: String) {
    // A `repeat` typed over several lines is one input of several transcript lines.
    let number = transcriptLines + 1
    lines.append(line)
    transcriptLines += 1 + line.utf8.count { $0 == UInt8(ascii: "\n") }
    if let answer = HabitWord.answer(to: line) {
      output(answer)
      return
    }
    if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":") {
      do throws(Diagnostic) {
        try perform(MetaCommand.parse(line), argument: MetaCommand.Parts(line), onLine: number)
      } catch {
        report(error.shifted(by: number - 1), transcript)
      }
      return
    }
    let source = transcript
    do throws(Diagnostic) {
      try limits.checkSize(of: SourceFile(name: "<repl>", text: line))
    } catch {
      report(error.shifted(by: number - 1), source)
      return
    }
    // Parsed where it stands in the session, after number - 1 empty lines, so that every
    // location in the script (and every note that cites one later) is the session's.
    let text = SourceFile(name: "<repl>", text: String(repeating: "\n", count: number - 1) + line)
    let script: Script
    do throws(Diagnostic) {
      script = try Parser.parse(text.text, maxNesting: limits.maxNesting)
    } catch {
      report(error, source)
      return
    }
    run(script, text: text, reportIn: source)
  }

  /// Runs a parsed script's statements one at a time; `text` is the script's own source
  /// (for the statements' text), `reportIn` the text its diagnostics are shown in.
  func run(_ script: Script, text: SourceFile, reportIn source: SourceFile) {
    reportSource = source
    session.source = source
    // Each input has a script's budget: a long session never runs out of statements.
    session.restartBudgets()
    do throws(Diagnostic) {
      try session.checkNames(script)
    } catch {
      deliver(error)
      return
    }
    let tokens = (try? Lexer.tokenize(text.text)) ?? []
    for statement in script.statements {
      let before = session.status
      let counted = session.statementsRun
      session.execute(statement)
      let written = StatementText.of(statement, tokens: tokens, in: text)
      if session.wasInterrupted {
        // The rest of the input is dropped; the session stays as usable as before. A
        // statement that started is saved: its calls go on.
        interrupt.take()
        if session.statementsRun != counted { saved.append(StatementText.afterInterrupt(statement, written)) }
        interrupted(at: statement)
        session.resume()
        return
      }
      guard session.isStopped else {
        saved.append(written)
        continue
      }
      saved.append(StatementText.afterStop(statement, written, blockedForever: blockedForever(since: before)))
      session.resume()
    }
  }

  /// Whether the stop just seen was a scenario that blocks forever rather than a script error.
  private func blockedForever(since before: ExitStatus) -> Bool {
    if session.status != before { return session.status == .blockedForever }
    return !kernel.sleepingTasks().isEmpty && !kernel.canMakeProgress
  }

  private func interrupted(at statement: Statement) {
    let location = statement.location
    deliver(
      Diagnostic(
        "interrupted", at: location,
        notes: ["calls already started go on when the next statement runs; see :state"]))
  }

  /// Reports a diagnostic of the statements running now.
  fileprivate func deliver(_ diagnostic: Diagnostic) { report(diagnostic, reportSource) }

  // MARK: Meta commands

  /// Runs a meta command; an error about the file it names points at `argument`, which is
  /// on line 1 of the command's own line `line`.
  func perform(_ command: MetaCommand, argument: MetaCommand.Parts, onLine line: Int) throws(Diagnostic) {
    switch command {
    case .help:
      ReplHelp.text.forEach(output)
    case .state:
      StateTable.render(
        kernel.socketTable(), name: session.displayName(ofSocket:), clock: kernel.clock, width: columns()
      ).forEach(output)
    case .time:
      let clock = kernel.clock
      output("\(time) (jiffies \(clock.jiffies) at HZ=\(clock.hz))")
    case .reset:
      (session, kernel) = Self.makeSession(
        config: config, explain: explain, limits: limits, interrupt: interrupt, output: output, forwarder: forwarder)
      saved = []
      events = TimelineEvents()
      session.onTraceEvent = { [events] in events.append($0) }
      output("a fresh kernel at 0.000000: no sockets, nothing saved")
    case .explain(let on):
      if let on {
        explain = on
        session.explain = on
      }
      output("explain is \(explain ? "on" : "off")")
    case .quit:
      quitRequested = true
    case .load(let path):
      let at = argument.argumentAt
      load(path, at: SourceLocation(line: line, column: at.column, offset: at.offset), length: argument.argumentLength)
    case .save(let path):
      var text = "# saved from the sockscript REPL\n"
      if config.hz != KernelConfig.defaultHZ { text += "# run with: sockscript run --hz \(config.hz) \(path)\n" }
      text += saved.map { $0 + "\n" }.joined()
      guard writeFile(path, text) else {
        throw Diagnostic("cannot write '\(path)'", at: argument.argumentAt, length: argument.argumentLength)
      }
      output("saved \(saved.count) statement\(saved.count == 1 ? "" : "s") to \(path)")
    case .timeline(let path):
      do throws(TimelineError) {
        let recorder = try TimelineRecorder(paths: [path])
        for event in events.all { recorder.record(event) }
        try recorder.finish()
      } catch {
        throw Diagnostic("\(error)", at: argument.argumentAt, length: argument.argumentLength)
      }
      output("drew \(events.all.count) event\(events.all.count == 1 ? "" : "s") in \(path)")
    }
  }

  /// `:load FILE`: runs the file's statements in this session; diagnostics name the file,
  /// but one that cannot be read points at its name in the command (`at`).
  func load(_ path: String, at location: SourceLocation, length: Int) {
    guard let bytes = readFile(path) else {
      report(Diagnostic("cannot read '\(path)'", at: location, length: length), transcript)
      return
    }
    let file: SourceFile
    do throws(Diagnostic) {
      file = try SourceFile.decode(bytes, name: path)
    } catch {
      report(error, .lossy(bytes, name: path))
      return
    }
    let script: Script
    do throws(Diagnostic) {
      try limits.checkSize(of: file)
      script = try Parser.parse(file.text, maxNesting: limits.maxNesting)
    } catch {
      report(error, file)
      return
    }
    run(script, text: file, reportIn: file)
  }
}

extension Diagnostic {
  /// The same diagnostic `lines` lines further down: a line's own line 1 is `<repl>`'s line N.
  func shifted(by lines: Int) -> Diagnostic {
    guard lines != 0 else { return self }
    func shift(_ location: SourceLocation?) -> SourceLocation? {
      location.map { SourceLocation(line: $0.line + lines, column: $0.column, offset: $0.offset) }
    }
    let notes = notes.map { Note($0.message, at: shift($0.location)) }
    return Diagnostic(message, at: shift(location), length: length, notes: notes, severity: severity)
  }
}
