/// What `:help` prints: at most 80 columns wide, the width of the smallest terminal the
/// REPL is meant for, so that no line wraps.
enum ReplHelp {
  static let text = [
    "Type statements of the scenario language: each line runs at once on a live",
    "kernel model, and the sockets and the virtual clock (in the prompt) persist.",
    "",
    "  server listen 0                listens on \"server.sock\" with backlog 0",
    "  client c1 connect              connects to the latest server",
    "  client c2 sndtimeo 1s connect  gives up after 1 s of virtual time",
    "  client c3 connect &            in the background: the prompt comes back",
    "  server accept as s1            takes a connection, wakes a waiting connect",
    "  c1 send 100; s1 recv 10        moves data (:state shows what is queued)",
    "  c1 close = 0                   checks a result; a mismatch is reported",
    "  c1 recv 10 >= 1 or EAGAIN      any of several results (also: = ok, < 5)",
    "  sleep 500ms; wait              lets virtual time pass; waits for all calls",
    "",
    "Commands (a prefix will do: :q, :s):",
    "  :help             this text",
    "  :state            every socket: type, state, Recv-Q and Send-Q as ss -x shows",
    "                    them, addresses, timeouts, and who waits on which queue",
    "  :time             the virtual time and jiffies",
    "  :reset            start again on a fresh kernel",
    "  :load FILE        run a script file's statements in this session",
    "  :save FILE        write the statements run so far as a script",
    "  :explain on|off   show the kernel's reason under every sleep and error",
    "  :quit             leave (so does Ctrl-D on an empty line)",
    "",
    "Keys: Tab completes what may come next (words, sockets, sysctls, files);",
    "Up/Down and Ctrl-R search the history; Ctrl-C clears the line or stops the",
    "statement running. A line that ends with '\\' or leaves 'repeat N {' open",
    "continues on the next. The language is described in docs/language.md.",
  ]
}
