extension Terminal {
  /// The width of the terminal on standard output, for output that must not wrap (the
  /// REPL's `:state`); 80 when it is not a terminal or does not say.
  static var columns: Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
