#!/usr/bin/env python3
"""Instructions per op of every bench scenario, counted with callgrind.

For each scenario of `sockscript bench`'s comparison table, the model script the bench
runs is taken at two sizes from `SCRIPTS_FROM bench --script NAME --size N` (which prints
the script on stdout and `ops: K` on stderr), and each is run under callgrind as

    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=OUT \\
        BINARY run -q --max-sockets 100000000 --max-statements 100000000000 ... FILE

(`traced` without -q, its trace written to a file, as the bench runs it). The figure is

    instructions per op = (I(large) - I(small)) / (ops(large) - ops(small))

where I is the run's total instruction count: the difference takes out what a process
costs before and after its script (start-up, parsing, exit), which would otherwise weigh
on a small N. Instruction counts repeat from run to run, unlike wall time, so two builds
can be compared on any machine, busy or not. `seed` has no size: its row is the whole
instruction count of one run, start-up included.

The table is Markdown, on standard output; progress goes to standard error. The exit
status is 0 when every run exited 0, 1 when one did not (its stderr's tail is printed
under the table), 2 for bad usage.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SCENARIOS = [
    "seed", "cycle", "traced", "pingpong", "bulk", "wakeup", "eventloop", "backlog",
    "prefork", "sockets",
]

# (small, large) per scenario: the whole table takes about a minute under callgrind on 2
# cores (--jobs 2). wakeup and prefork cost the most per op, and prefork's cost per op grows
# with N, so theirs are smaller; eventloop's ops are whole turns of 64 clients.
DEFAULT_SIZES = {
    "cycle": (5000, 15000),
    "traced": (5000, 15000),
    "pingpong": (5000, 15000),
    "bulk": (5000, 15000),
    "wakeup": (2000, 6000),
    "eventloop": (4992, 14976),
    "backlog": (5000, 15000),
    "prefork": (2000, 6000),
    "sockets": (5000, 15000),
}

# The limits a run is given: a bench script's size is its point. The first two are always
# passed; the others only where `run --help` of the binary offers them.
LIMITS = ["--max-sockets", "100000000", "--max-statements", "100000000000"]
OPTIONAL_LIMITS = {
    "--max-processes": "4194304",
    "--max-threads": "1073741824",
    "--max-wakeups": "100000000000",
    "--max-virtual-time": "9223372036",
}

TAIL_LINES = 15


class RunFailed(Exception):
    """A command that did not exit 0, or whose output could not be read."""


def tail(text, lines=TAIL_LINES):
    return "\n".join(text.rstrip("\n").split("\n")[-lines:])


def get_script(scripts_from, name, size):
    """The script of scenario `name` at `size` and the ops it counts."""
    command = [scripts_from, "bench", "--script", name]
    if size is not None:
        command += ["--size", str(size)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RunFailed(f"`{' '.join(command)}` exited {result.returncode}:\n{tail(result.stderr)}")
    match = re.search(r"^ops: (\d+)$", result.stderr, re.MULTILINE)
    if not match:
        raise RunFailed(f"`{' '.join(command)}` printed no 'ops: K' on stderr:\n{tail(result.stderr)}")
    return result.stdout, int(match.group(1))


def run_limits(binary):
    """The limit flags to pass to `binary run`: the optional ones only if it has them."""
    result = subprocess.run([binary, "run", "--help"], capture_output=True, text=True,
                            env=dict(os.environ, COLUMNS="1000"))
    flags = list(LIMITS)
    for flag, value in OPTIONAL_LIMITS.items():
        if re.search(re.escape(flag) + r"\b", result.stdout):
            flags += [flag, value]
    return flags


def total_instructions(out_file, log):
    """The run's instruction count: the out file's `summary:`, else valgrind's `Collected :`."""
    try:
        with open(out_file) as f:
            for line in f:
                if line.startswith("summary:"):
                    return int(line.split()[1])
    except OSError:
        pass
    match = re.search(r"Collected\s*:\s*(\d+)", log)
    if match:
        return int(match.group(1))
    raise RunFailed(f"no instruction count in {out_file} nor in valgrind's output:\n{tail(log)}")


def count(binary, limits, name, script, workdir, label, valgrind):
    """Runs `script` under callgrind; returns its total instructions."""
    script_file = os.path.join(workdir, f"{label}.sock")
    out_file = os.path.join(workdir, f"{label}.callgrind")
    log_file = os.path.join(workdir, f"{label}.valgrind.log")
    with open(script_file, "w") as f:
        f.write(script)
    traced = name == "traced"
    command = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out_file}", f"--log-file={log_file}",
               binary, "run"] + ([] if traced else ["-q"]) + limits + [script_file]
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1", NO_COLOR="1")
    stdout_path = os.path.join(workdir, f"{label}.trace") if traced else os.devnull
    with open(stdout_path, "w") as stdout:
        result = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env)
    try:
        with open(log_file) as f:
            log = f.read()
    except OSError:
        log = ""
    if result.returncode != 0:
        raise RunFailed(f"`{' '.join(command)}` exited {result.returncode}:\n"
                        f"{tail(result.stderr or log)}")
    instructions = total_instructions(out_file, log)
    for path in (out_file, log_file, stdout_path if traced else None):
        if path and os.path.exists(path):
            os.remove(path)
    return instructions


def measure(args, limits, name, workdir):
    """One row: a dict with the scenario's figures, or its failure."""
    started = time.monotonic()
    try:
        if name == "seed":
            script, ops = get_script(args.scripts_from, name, None)
            total = count(args.binary, limits, name, script, workdir, name, args.valgrind)
            row = {"name": name, "ops": (ops, None), "instructions": (total, None), "per_op": None}
        else:
            small, large = (args.small, args.large) if args.small else DEFAULT_SIZES[name]
            runs = []
            for size in (small, large):
                script, ops = get_script(args.scripts_from, name, size)
                runs.append((ops, count(args.binary, limits, name, script, workdir, f"{name}-{size}", args.valgrind)))
            (ops1, i1), (ops2, i2) = runs
            if ops2 == ops1:
                raise RunFailed(f"the same ops ({ops1}) at both sizes: give sizes further apart")
            row = {"name": name, "ops": (ops1, ops2), "instructions": (i1, i2), "per_op": (i2 - i1) / (ops2 - ops1)}
    except (RunFailed, OSError) as error:
        row = {"name": name, "error": str(error)}
    row["seconds"] = time.monotonic() - started
    status = "failed" if "error" in row else "done"
    print(f"ops.py: {name} {status} in {row['seconds']:.0f} s", file=sys.stderr, flush=True)
    return row


def number(value):
    """1234567 as `1 234 567`, as docs/performance.md writes counts."""
    return f"{value:,.0f}".replace(",", " ")


def table(rows):
    lines = [
        "| scenario | ops (small) | ops (large) | instructions (small) | instructions (large) | instructions per op |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['name']} | | | | | FAILED |")
        elif row["per_op"] is None:
            lines.append(f"| {row['name']} | {row['ops'][0]} | - | {number(row['instructions'][0])} | - "
                         f"| {number(row['instructions'][0])} (one whole run) |")
        else:
            (o1, o2), (i1, i2) = row["ops"], row["instructions"]
            lines.append(f"| {row['name']} | {o1} | {o2} | {number(i1)} | {number(i2)} | {number(row['per_op'])} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " For each scenario of `sockscript bench`, the "
        "model script is run under callgrind at two sizes, and the instructions per op are "
        "(I(large) - I(small)) / (ops(large) - ops(small)): the difference takes out the "
        "process's start-up. seed, which has no size, reports one whole run.",
        epilog="Example: python3 tools/callgrind/ops.py --binary .build/release/sockscript --only cycle. "
        "Default sizes: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in DEFAULT_SIZES.items())
        + ". The table (Markdown) goes to stdout; exit status 1 when a run failed.")
    parser.add_argument("--binary", required=True, metavar="PATH",
                        help="the sockscript binary whose runs are counted")
    parser.add_argument("--scripts-from", metavar="PATH",
                        help="the sockscript binary whose `bench --script` gives the scripts "
                        "(default: --binary); for a build without --script")
    parser.add_argument("--only", action="append", choices=SCENARIOS, metavar="NAME",
                        help="count only this scenario (repeatable): " + ", ".join(SCENARIOS))
    parser.add_argument("--small", type=int, metavar="N1", help="the small size, for every scenario")
    parser.add_argument("--large", type=int, metavar="N2", help="the large size, for every scenario")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), metavar="J",
                        help="scenarios counted at once (default: %(default)s); the counts do not depend on it")
    parser.add_argument("--valgrind", default="valgrind", metavar="PATH", help="valgrind (default: %(default)s)")
    args = parser.parse_args()

    if (args.small is None) != (args.large is None):
        parser.error("give --small and --large together")
    if args.small is not None and not 1 <= args.small < args.large:
        parser.error("need 1 <= --small < --large")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    args.scripts_from = args.scripts_from or args.binary
    for path in {args.binary, args.scripts_from}:
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"not an executable: {path}")
    if shutil.which(args.valgrind) is None:
        parser.error(f"no valgrind at '{args.valgrind}' (apt-get install valgrind)")
    args.binary = os.path.abspath(args.binary)
    args.scripts_from = os.path.abspath(args.scripts_from)

    names = [name for name in SCENARIOS if not args.only or name in args.only]
    limits = run_limits(args.binary)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sockscript-callgrind-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            rows = list(pool.map(lambda name: measure(args, limits, name, workdir), names))

    print(table(rows))
    failures = [row for row in rows if "error" in row]
    for row in failures:
        print(f"\n{row['name']} failed:\n```\n{row['error']}\n```")
    print(f"ops.py: {len(rows)} scenarios in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
