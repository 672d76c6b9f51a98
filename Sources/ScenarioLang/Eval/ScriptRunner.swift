import SockKernel
import SyscallVocabulary

/// Runs one whole script: parse, check names, execute, wait for background calls.
public enum ScriptRunner {
  /// Runs `source` on a fresh kernel; trace lines go to `output`, diagnostics to `report`.
  public static func run(
    _ source: SourceFile, config: KernelConfig = KernelConfig(), explain: Bool = false, limits: Limits = Limits(),
    tracing: Bool = true, output: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void,
    configure: (ScenarioSession) -> Void = { _ in }
  ) -> ExitStatus {
    run(
      source, on: ModelBackend(config: config), explain: explain, limits: limits, tracing: tracing, output: output,
      report: report, configure: configure
    ).status
  }

  /// What a run on a chosen backend ended with.
  public struct Result: Sendable {
    public let status: ExitStatus
    /// Every call, when asked for.
    public let callLog: CallLog?
    /// The parsed script (nil when it did not parse).
    public let script: Script?
  }

  /// Runs `source` on the backend `makeBackend` creates once the script has parsed (so a
  /// script that does not parse costs no real resources); `configure` sets the session up
  /// before it runs (the trace's controls and observers).
  public static func run(
    _ source: SourceFile, on makeBackend: @autoclosure () throws -> ScenarioBackend,
    explain: Bool = false, limits: Limits = Limits(), recordCalls: Bool = false, checksTimes: Bool = true,
    tracing: Bool = true, output: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void,
    configure: (ScenarioSession) -> Void = { _ in }
  ) rethrows -> Result {
    let script: Script
    do throws(Diagnostic) {
      try limits.checkSize(of: source)
      script = try Parser.parse(source.text, maxNesting: limits.maxNesting)
    } catch {
      report(error)
      return Result(status: .scriptError, callLog: nil, script: nil)
    }
    let session = ScenarioSession(
      source: source, backend: try makeBackend(), explain: explain, output: output, report: report)
    session.limits = limits
    if recordCalls { session.callLog = CallLog() }
    session.checksTimes = checksTimes
    session.tracing = tracing
    configure(session)
    session.execute(script)
    let status = session.finish()
    return Result(status: status, callLog: session.callLog, script: script)
  }

  /// Runs `source` and collects what it printed: for tests and golden files.
  public static func capture(
    _ source: SourceFile, config: KernelConfig = KernelConfig(), explain: Bool = false, limits: Limits = Limits()
  ) -> (stdout: String, diagnostics: [Diagnostic], status: ExitStatus) {
    // One string appended to, not an array of lines each copied again with its newline.
    var printed = ""
    var diagnostics: [Diagnostic] = []
    let status = run(
      source, config: config, explain: explain, limits: limits,
      output: {
        printed += $0
        printed += "\n"
      },
      report: { diagnostics.append($0) })
    return (printed, diagnostics, status)
  }
}

extension SourceFile {
  /// Decodes a script's bytes; invalid UTF-8 is an error at the first bad byte (render it
  /// against ``lossy(_:name:)``).
  public static func decode(_ bytes: [UInt8], name: String) throws(Diagnostic) -> SourceFile {
    // Valid text, nearly always, is validated at the standard library's speed; only invalid
    // text is walked scalar by scalar to find where it breaks (which cost some 40 000
    // instructions a sample when every script was walked so).
    if let text = String(validating: bytes, as: UTF8.self) { return SourceFile(name: name, text: text) }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    var line = 1
    var column = 1
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
      case .error:
        let byte = String(bytes[offset], radix: 16, uppercase: true).leftPad(2)
        throw Diagnostic(
          "invalid UTF-8 (byte 0x\(byte))", at: SourceLocation(line: line, column: column, offset: offset),
          notes: ["scripts are UTF-8 text"])
      }
    }
  }

  /// The bytes decoded with U+FFFD for what is not UTF-8, to show a diagnostic against.
  public static func lossy(_ bytes: [UInt8], name: String) -> SourceFile {
    SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
  }
}
