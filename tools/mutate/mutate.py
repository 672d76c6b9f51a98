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
import dataclasses
import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_LIST = os.path.join(ROOT, "tools", "mutate", "mutations.txt")
# A mutant that makes the build or a test hang is killed by its timeout, not waited for.
BUILD_TIMEOUT = 1800
STAGE_TIMEOUT = 900


@dataclasses.dataclass
class Mutation:
    id: str
    file: str
    line: str
    replacement: str
    rule: str
    origin: int  # line number in the list


@dataclasses.dataclass
class Verdict:
    mutation: Mutation
    status: str  # killed, survived, stale, ambiguous, invalid
    detail: str = ""
    seconds: float = 0.0


def parse_list(path):
    """The list is blocks of `key: value` lines, each block opened by `[id]`."""
    mutations, current, errors = [], None, []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            text = raw.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            header = re.fullmatch(r"\[([a-z0-9-]+)\]", text.strip())
            if header:
                current = {"id": header.group(1), "origin": number}
                mutations.append(current)
                continue
            key, sep, value = text.partition(":")
            if current is None or not sep or key not in ("file", "line", "with", "rule") or key in current:
                errors.append(f"{path}:{number}: expected [id] or one of file:, line:, with:, rule: once per block")
                continue
            current[key] = value.strip()
    result, seen = [], set()
    for m in mutations:
        missing = [k for k in ("file", "line", "with", "rule") if k not in m]
        if missing:
            errors.append(f"{path}:{m['origin']}: [{m['id']}] lacks {', '.join(missing)}")
        elif m["id"] in seen:
            errors.append(f"{path}:{m['origin']}: [{m['id']}] is listed twice")
        elif m["line"] == m["with"]:
            errors.append(f"{path}:{m['origin']}: [{m['id']}] replaces the line with itself")
        else:
            seen.add(m["id"])
            result.append(Mutation(m["id"], m["file"], m["line"], m["with"], m["rule"], m["origin"]))
    if errors:
        sys.exit("\n".join(errors))
    return result


def tree_files():
    """Tracked files and new ones not ignored: the tree as it would be committed now."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True).stdout
    files = [p for p in out.decode().split("\0") if p and os.path.isfile(os.path.join(ROOT, p))]
    # Not in git, but pins the dependencies the working tree already resolved.
    if os.path.isfile(os.path.join(ROOT, "Package.resolved")):
        files.append("Package.resolved")
    return files


def sync_tree(scratch):
    """Copies the tree into `scratch`, leaving files that did not change untouched (their
    times too, so that the build there stays incremental) and removing files that went."""
    wanted = set(tree_files())
    for rel in wanted:
        src, dst = os.path.join(ROOT, rel), os.path.join(scratch, rel)
        if os.path.exists(dst) and filecmp.cmp(src, dst, shallow=False):
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
    for dirpath, dirnames, filenames in os.walk(scratch):
        rel_dir = os.path.relpath(dirpath, scratch)
        if rel_dir == ".":
            dirnames[:] = [d for d in dirnames if d != ".build"]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel not in wanted:
                os.remove(os.path.join(dirpath, name))


class Runner:
    """Runs commands in the scratch tree in their own process group, so that Ctrl-C or a
    timeout ends the whole group (swift build's compilers, the test runner's children)."""

    def __init__(self, scratch, log):
        self.scratch = scratch
        self.log = log
        self.child = None

    def run(self, argv, timeout):
        self.log.write(f"\n$ {' '.join(argv)}\n")
        self.log.flush()
        self.child = subprocess.Popen(
            argv, cwd=self.scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            out, _ = self.child.communicate(timeout=timeout)
            code = self.child.returncode
        except subprocess.TimeoutExpired:
            self.stop()
            out, code = b"", None
        finally:
            self.child = None
        text = out.decode(errors="replace")
        self.log.write(text)
        self.log.flush()
        return code, text

    def stop(self):
        child = self.child
        if child and child.poll() is None:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait()


def failed_suites(text):
    """The Swift Testing suites and XCTest cases a `swift test` run reported as failed."""
    names = re.findall(r'Suite "([^"]+)" failed', text) + re.findall(r"Test Case '([^']+)' failed", text)
    return sorted(set(names))


def failed_samples(text):
    return re.findall(r"^FAIL  (\S+?):?(?:\s|$)", text, re.MULTILINE)


def run_suite(runner):
    """Builds and runs both stages; returns (build ok, what failed)."""
    code, text = runner.run(["swift", "build", "--build-tests"], BUILD_TIMEOUT)
    if code != 0:
        lines = [l for l in text.splitlines() if ": error:" in l]
        return False, [lines[0] if lines else "build failed (or timed out)"]
    failures = []
    code, text = runner.run(["swift", "test", "--skip-build"], STAGE_TIMEOUT)
    if code != 0:
        suites = failed_suites(text)
        failures.append("swift test: " + (", ".join(suites[:3]) + (" …" if len(suites) > 3 else "")
                                          if suites else ("timed out" if code is None else f"exit {code}")))
    code, text = runner.run([".build/debug/sockscript", "test", "samples/"], STAGE_TIMEOUT)
    if code != 0:
        samples = failed_samples(text)
        failures.append(f"samples: {len(samples)} failed" + (f" ({samples[0]} …)" if samples else ""))
    return True, failures


def locate(scratch, m):
    """The index of the one line of `m.file` that is `m.line` (ignoring indentation)."""
    path = os.path.join(scratch, m.file)
    if not os.path.isfile(path):
        return None, None, "stale", f"{m.file} does not exist"
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    hits = [i for i, l in enumerate(lines) if l.strip() == m.line]
    if not hits:
        return None, None, "stale", "the line is no longer in the file"
    if len(hits) > 1:
        return None, None, "ambiguous", f"the line occurs {len(hits)} times (lines {', '.join(str(i + 1) for i in hits)})"
    return lines, hits[0], None, None


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
