"""The mutation list (tools/mutate/mutations.txt) and where each mutation applies: the
mutants that mutate.py builds and tests one at a time."""

import dataclasses
import os
import re
import sys


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
