import Testing

@testable import ScenarioLang

/// Locations in a REPL session are the session's: `<repl>:LINE:COL`, LINE counting the
/// lines entered, in errors and in the notes that point at an earlier line.
@Suite("Interactive session: locations")
struct ReplLocationTests {
  typealias Harness = InteractiveSessionTests.Harness

  @Test("'already declared' points its note at the line it was declared on")
  func alreadyDeclared() {
    let h = Harness()
    h.enter("client a", "client a")
    #expect(
      h.err == [
        """
        <repl>:2:8: error: socket 'a' is already declared
        client a
               ^
        <repl>:1:8: note: it was declared here; pick another name

        """
      ])
  }

  @Test("a declaration in a :load'ed file is cited with the file's name: a note cannot point into it")
  func declaredInLoadedFile() {
    let h = Harness()
    h.files["f.sock"] = "# two sockets\nclient a\nclient b\n"
    h.enter(":load f.sock", "client b")
    #expect(h.err.count == 1)
    #expect(h.err.first?.hasSuffix("<repl>:2:8: note: it was declared at f.sock:3:8; pick another name\n") == true)
  }

  @Test("a 'repeat' typed over several lines counts them all")
  func multiLineInput() {
    let h = Harness()
    h.enter("server listen 1", "repeat 2 as i {\n  client c$i\n}", "repeat 3 as j { client c$j }", "c7 close")
    #expect(h.err.count == 2)
    #expect(h.err[0].hasPrefix("<repl>:5:24: error: sockets named 'c$j' are already declared\n"))
    #expect(h.err[0].hasSuffix("<repl>:3:10: note: 'c$i' was declared here; pick another name\n"))
    #expect(h.err[1].hasPrefix("<repl>:6:1: error: socket 'c7' does not exist yet\n"))
    #expect(
      h.err[1].hasSuffix(
        "<repl>:3:10: note: no iteration of this 'repeat', which declares 'c$i', made 'c7'\n"))
  }

  @Test("a name a loop made, declared again by hand, points its note at the loop's line")
  func redeclaredLoopName() {
    let h = Harness()
    h.enter("repeat 2 as i { client c$i }", "sleep 1ms", "client c1")
    #expect(h.err.count == 1)
    #expect(h.err.first?.hasPrefix("<repl>:3:8: error: socket 'c1' is already declared\n") == true)
    #expect(h.err.first?.hasSuffix("<repl>:1:24: note: it was declared here; pick another name\n") == true)
  }

  @Test("a file that :save cannot write or :load cannot read is pointed at in the command")
  func fileErrors() {
    let h = Harness()
    h.writable = false
    h.enter("client a", ":save  out.sock", ":load nope.sock")
    #expect(
      h.err == [
        "<repl>:2:8: error: cannot write 'out.sock'\n:save  out.sock\n       ^~~~~~~~\n",
        "<repl>:3:7: error: cannot read 'nope.sock'\n:load nope.sock\n      ^~~~~~~~~\n",
      ])
  }
}
