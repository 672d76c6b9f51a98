"""The scratch tree mutate.py works in: a copy of the working tree kept in step with it, and
the suite (build, `swift test`, `sockscript test samples/`) run there under timeouts."""

import filecmp
import os
import re
import shutil
import signal
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# A mutant that makes the build or a test hang is killed by its timeout, not waited for.
BUILD_TIMEOUT = 1800
STAGE_TIMEOUT = 900


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
