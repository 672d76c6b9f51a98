import ArgumentParser
import SockLinux

// A kernel run's forked child execs sockscript with a hidden first argument: it serves the
// child's calls and never returns (ProcessHost).
ProcessHost.serveIfAsked(CommandLine.arguments)
UsageErrors.main()
