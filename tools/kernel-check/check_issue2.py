#!/usr/bin/env python3
"""Ground-truth probe of real Linux AF_UNIX SOCK_STREAM behaviour (issue 2).

Stdlib only.  Run as root (or any user) on the target kernel:
    python3 check_issue2.py
It runs the scenarios of scenarios_*.py, in order, with the harness in probe.py.
Each line: <seconds since scenario start, 3 decimals> <actor> <call> = <result>
Results are "= 0" / "= N" (fd or count) or "= -1 ERRNO_NAME".

Note: Python's socket.listen() silently clamps a negative backlog to 0, so all
listen() calls here go through libc via ctypes (also stdlib) to pass the exact
backlog value to the kernel; scenario 5 shows both variants.
"""
import os
import resource
import shutil
import sys
import time

from probe import PID, TMP, finish, out
from scenarios_connect import s1, s2, s3, s4, s5, s6, s7, s8, s9
from scenarios_errors import s10, s11, s12, s13
from scenarios_accept import s14, s15, s16, s17, s18


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 16384  # scenario 5 needs ~6000 client fds at once
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            if hard != resource.RLIM_INFINITY and hard < want:
                resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))  # root may raise hard
            else:
                resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        except (ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    u = os.uname()
    out('# kernel %s %s %s, python %s, pid %d, RLIMIT_NOFILE %s, tmp %s'
        % (u.sysname, u.release, u.machine, sys.version.split()[0], PID,
           resource.getrlimit(resource.RLIMIT_NOFILE), TMP))
    t = time.monotonic()
    try:
        for fn in (s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14,
                   s15, s16, s17, s18):
            try:
                fn()
            except Exception as e:  # keep going; report harness failures
                out('!!! scenario %s harness error: %r' % (fn.__name__, e))
        finish()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    out('')
    out('# temp dir removed = %d' % (not os.path.exists(TMP)))
    out('# total runtime %.1fs' % (time.monotonic() - t))


if __name__ == '__main__':
    main()
