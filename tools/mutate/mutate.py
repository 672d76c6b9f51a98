#!/usr/bin/env python3
"""Mutation test of the suite: does every one-line break of a kernel rule or of an
expectation check make some test fail?

Copies the tree to a scratch directory (the working tree is never touched), applies one
mutation of tools/mutate/mutations.txt at a time, builds, runs `swift test` and
`sockscript test samples/`, restores the line, and prints a table of killed and surviving
mutants with the score. The scratch directory, and its build directory, are reused from
mutant to mutant, so that each build is incremental. See docs/testing.md, "Mutation test".

Usage: tools/mutate/mutate.py [--list FILE] [--only ID,ID] [--scratch DIR] [--keep] [--check]
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time

from mutation_list import Verdict, locate, parse_list
from scratch_tree import ROOT, Runner, run_suite, sync_tree

DEFAULT_LIST = os.path.join(ROOT, "tools", "mutate", "mutations.txt")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", default=DEFAULT_LIST, help="the mutation list (default: tools/mutate/mutations.txt)")
    parser.add_argument("--only", help="comma-separated ids of the mutations to run")
    parser.add_argument("--scratch", help="scratch directory (default: a fixed one in the temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch tree and its build for the next run")
    parser.add_argument("--check", action="store_true", help="only check that every mutation's line is found")
    args = parser.parse_args()

    mutations = parse_list(args.list)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {m.id for m in mutations}
        if unknown:
            sys.exit(f"mutate: no mutation {', '.join(sorted(unknown))} in {args.list}")
        mutations = [m for m in mutations if m.id in wanted]
    scratch = os.path.abspath(args.scratch or os.path.join(tempfile.gettempdir(), "sockscript-mutate"))
    if os.path.commonpath([scratch, ROOT]) == ROOT:
        sys.exit("mutate: the scratch directory must not be inside the working tree")
    if args.check:
        # Only whether every line is still found, in the working tree itself (read, not written).
        verdicts = [Verdict(m, *locate(ROOT, m)[2:]) for m in mutations]
        for v in verdicts:
            print(f"{v.mutation.id}: {v.status.upper() + ': ' + v.detail if v.status else 'found'}")
        sys.exit(0 if all(v.status is None for v in verdicts) else 1)
    os.makedirs(scratch, exist_ok=True)
    # The log stays when the scratch tree goes: in the working tree's (ignored) build directory.
    log_path = os.path.join(ROOT, ".build", "mutate.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)

    pending = {}  # the file currently mutated -> its original text, restored on any exit

    def restore():
        for path, text in list(pending.items()):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            del pending[path]

    with open(log_path, "w", encoding="utf-8") as log:
        runner = Runner(scratch, log)

        def interrupted(signum, _frame):
            runner.stop()
            restore()
            if not args.keep:
                shutil.rmtree(scratch, ignore_errors=True)
            print(f"\nmutate: interrupted; {'scratch tree kept' if args.keep else 'scratch tree removed'}",
                  file=sys.stderr)
            sys.exit(128 + signum)

        signal.signal(signal.SIGINT, interrupted)
        signal.signal(signal.SIGTERM, interrupted)
        try:
            verdicts = run_all(mutations, scratch, runner, pending, restore, log_path)
        finally:
            runner.stop()
            restore()
    report(verdicts)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(0 if all(v.status in ("killed", "invalid") for v in verdicts) else 1)


def run_all(mutations, scratch, runner, pending, restore, log_path):
    print(f"mutate: copying the tree to {scratch} (log: {log_path})", flush=True)
    sync_tree(scratch)
    print("mutate: baseline: building and running the unmutated suite", flush=True)
    started = time.monotonic()
    built, failures = run_suite(runner)
    if not built or failures:
        sys.exit(f"mutate: the unmutated suite does not pass ({'; '.join(failures)}); see {log_path}")
    print(f"mutate: baseline passes ({time.monotonic() - started:.0f} s)", flush=True)
    verdicts = []
    for number, m in enumerate(mutations, 1):
        lines, index, status, detail = locate(scratch, m)
        if status:
            verdicts.append(Verdict(m, status, detail))
            print(f"[{number}/{len(mutations)}] {m.id}: {status.upper()}: {detail}", flush=True)
            continue
        path = os.path.join(scratch, m.file)
        original = "\n".join(lines)
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        lines[index] = indent + m.replacement if m.replacement else ""
        pending[path] = original
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        started = time.monotonic()
        runner.log.write(f"\n==== mutant {m.id}: {m.file}:{index + 1}: {m.replacement}\n")
        built, failures = run_suite(runner)
        restore()
        seconds = time.monotonic() - started
        if not built:
            verdict = Verdict(m, "invalid", failures[0], seconds)
        elif failures:
            verdict = Verdict(m, "killed", "; ".join(failures), seconds)
        else:
            verdict = Verdict(m, "survived", "no test failed", seconds)
        verdicts.append(verdict)
        print(f"[{number}/{len(mutations)}] {m.id}: {verdict.status.upper()} ({seconds:.0f} s): {verdict.detail}",
              flush=True)
    return verdicts


def report(verdicts):
    print()
    width = max([len(v.mutation.id) for v in verdicts] + [8])
    print(f"{'mutation':<{width}}  {'verdict':<9}  rule broken / what failed")
    for v in verdicts:
        print(f"{v.mutation.id:<{width}}  {v.status:<9}  {v.mutation.rule}")
        print(f"{'':<{width}}  {'':<9}  {v.detail}")
    judged = [v for v in verdicts if v.status in ("killed", "survived")]
    killed = sum(v.status == "killed" for v in judged)
    others = {s: sum(v.status == s for v in verdicts) for s in ("stale", "ambiguous", "invalid")}
    extra = ", ".join(f"{n} {s}" for s, n in others.items() if n)
    score = f"{100 * killed / len(judged):.0f} %" if judged else "n/a"
    print(f"\nscore: {killed} of {len(judged)} mutants killed ({score})" + (f"; not run: {extra}" if extra else ""))
    survivors = [v.mutation.id for v in verdicts if v.status == "survived"]
    if survivors:
        print("survivors: " + ", ".join(survivors))


if __name__ == "__main__":
    main()
