"""Scenarios 1-9: the seed's three SO_SNDTIMEO cases, what a backlog admits, who a connect,
accept or re-listen wakes, EISCONN."""
import socket
import time

from probe import *  # noqa: F401,F403 (the harness is these scenarios' vocabulary)
from probe import _T0


def s1():
    begin('1 seed-neg: listen(0), c1 SO_SNDTIMEO {-1,0}')
    S, p = server('S', 0)
    c1 = client('c1', (-1, 0))
    do('c1', 'connect(S)', lambda: c1.connect(p))
    do('c1', 'connect(S) again', lambda: c1.connect(p), took=True)


def s2():
    for t in [(1, 0), (0, 500000), (0, 10000)]:
        begin('2 seed-timeout: listen(0), c1 SO_SNDTIMEO {%d,%d}' % t)
        S, p = server('S', 0)
        c1 = client('c1', t)
        do('c1', 'connect(S)', lambda: c1.connect(p))
        do('c1', 'connect(S) again', lambda: c1.connect(p), took=True)


def s3():
    begin('3 seed-inf: listen(0), c1 SO_SNDTIMEO {0,0}')
    S, p = server('S', 0)
    c1 = client('c1', (0, 0))
    do('c1', 'connect(S)', lambda: c1.connect(p))
    th = spawn('c1', 'connect(S) again', lambda: c1.connect(p), at=0.0)
    sleep_until(0.5)
    report_state(th)
    do('main', 'close(S)', S.close)
    join([th], 3.0)


def s4():
    begin('4 backlog N admits N+1 (separate clients, SO_SNDTIMEO {-1,0})')
    for n in [0, 1, 2, 5]:
        S, p = server('S', n, quiet=True)
        k, first = count_admits(p, 100)
        note('main', 'listen(S,%d): successful connects = %d, then connect #%d = -1 %s'
             % (n, k, k + 1, ename(first) if first else 'none'))
        S.close()


def s5():
    begin('5 listen(-1) / listen(4096) / listen(5000)')
    try:
        with open('/proc/sys/net/core/somaxconn') as f:
            note('main', '/proc/sys/net/core/somaxconn = %s' % f.read().strip())
    except OSError as e:
        note('main', 'somaxconn read failed: %s' % e)
    s = sock()
    p = new_path('F')
    s.bind(p)
    do('main', 'listen(fresh bound,-1) [libc]', lambda: raw_listen(s, -1))
    s.close()
    for n in [-1, 4096, 5000]:
        S, p = server('S', n, quiet=True)
        k, first = count_admits(p, 6000)
        note('main', 'listen(S,%d) [libc]: successful connects = %d, then connect #%d = -1 %s'
             % (n, k, k + 1, ename(first) if first else 'none'))
        S.close()
    # What Python's own socket.listen(-1) does (it clamps negative to 0 in userspace)
    S = sock()
    p = new_path('P')
    S.bind(p)
    do('main', 'python socket.listen(-1)', lambda: S.listen(-1))
    k, first = count_admits(p, 6000)
    note('main', 'python socket.listen(-1): successful connects = %d, then connect #%d = -1 %s'
         % (k, k + 1, ename(first) if first else 'none'))
    S.close()


def s6():
    begin('6 accept wakes one')
    S, p = server('S', 0)
    c0 = client('c0')
    do('c0', 'connect(S)', lambda: c0.connect(p))
    c1 = client('c1', (1, 0))
    c2 = client('c2', (1, 0))
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    t1 = spawn('c1', 'connect(S)', lambda: c1.connect(p), at=0.0)
    t2 = spawn('c2', 'connect(S)', lambda: c2.connect(p), at=0.05)
    sleep_until(0.2)
    do('main', 'accept(S)', S.accept)
    sleep_until(0.4)
    report_state(t1)
    report_state(t2)
    join([t1, t2], 2.0)


def s7():
    begin('7 re-listen larger wakes all')
    S, p = server('S', 0)
    c0 = client('c0')
    do('c0', 'connect(S)', lambda: c0.connect(p))
    cs = [client('c%d' % i, (2, 0)) for i in (1, 2, 3)]
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    ths = []
    for i, at in zip((0, 1, 2), (0.0, 0.02, 0.04)):
        c = cs[i]
        ths.append(spawn('c%d' % (i + 1), 'connect(S)', lambda c=c: c.connect(p), at=at))
    sleep_until(0.2)
    do('main', 'listen(S,2)', lambda: raw_listen(S, 2))
    join(ths, 3.0)


def s8():
    begin('8 re-listen same backlog wakes nobody')
    S, p = server('S', 0)
    c0 = client('c0')
    do('c0', 'connect(S)', lambda: c0.connect(p))
    c1 = client('c1', (0, 500000))
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    th = spawn('c1', 'connect(S)', lambda: c1.connect(p), at=0.0)
    sleep_until(0.1)
    do('main', 'listen(S,0)', lambda: raw_listen(S, 0))
    sleep_until(0.2)
    report_state(th)
    join([th], 1.5)


def s9():
    begin('9 EISCONN')
    S, p = server('S', 5)
    c1 = client('c1')
    do('c1', 'connect(S)', lambda: c1.connect(p))
    do('c1', 'connect(S) again', lambda: c1.connect(p))
    do('main', 'accept(S)', S.accept)
    do('c1', 'connect(S) after accept', lambda: c1.connect(p))
