#!/usr/bin/env python3
"""Ground-truth probe of real Linux AF_UNIX SOCK_STREAM behaviour (issue 2).

Self-contained, stdlib only.  Run as root (or any user) on the target kernel:
    python3 check_issue2.py
Each line: <seconds since scenario start, 3 decimals> <actor> <call> = <result>
Results are "= 0" / "= N" (fd or count) or "= -1 ERRNO_NAME".

Note: Python's socket.listen() silently clamps a negative backlog to 0, so all
listen() calls here go through libc via ctypes (also stdlib) to pass the exact
backlog value to the kernel; scenario 5 shows both variants.
"""
import ctypes
import errno
import os
import resource
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time

AF_UNIX = socket.AF_UNIX
STREAM = socket.SOCK_STREAM
DGRAM = socket.SOCK_DGRAM
SOL = socket.SOL_SOCKET
SNDTIMEO = socket.SO_SNDTIMEO
RCVTIMEO = socket.SO_RCVTIMEO

PID = os.getpid()
TMP = tempfile.mkdtemp(prefix='afunix-issue2-')
LIBC = ctypes.CDLL(None, use_errno=True)

_plock = threading.Lock()
_T0 = [time.monotonic()]
_socks = []
_threads = []
_seq = [0]


# ---------------------------------------------------------------- helpers
def out(line):
    with _plock:
        print(line, flush=True)


def el():
    return time.monotonic() - _T0[0]


def begin(title):
    finish()
    out('')
    out('=== %s ===' % title)
    _T0[0] = time.monotonic()


def note(actor, text):
    out('%.3f %s %s' % (el(), actor, text))


_PREFERRED = {errno.EOPNOTSUPP: 'EOPNOTSUPP', errno.EAGAIN: 'EAGAIN'}


def ename(e):
    return _PREFERRED.get(e) or errno.errorcode.get(e, str(e))


def tv(sec, usec):
    return struct.pack('ll', sec, usec)


def fmt_ok(v):
    if v is None:
        return '= 0'
    if isinstance(v, bool):
        return '= %d' % int(v)
    if isinstance(v, int):
        return '= %d' % v
    if isinstance(v, socket.socket):
        return '= %d' % v.fileno()
    if isinstance(v, tuple) and v and isinstance(v[0], socket.socket):
        return '= %d' % v[0].fileno()
    if isinstance(v, bytes) and len(v) == 16:
        s, u = struct.unpack('ll', v)
        return '= 0 {%d,%d}' % (s, u)
    return '= 0 (%r)' % (v,)


def do(actor, call, fn, took=False):
    """Run fn, log its result. Returns (True, value) or (False, errno)."""
    t = time.monotonic()
    try:
        v = fn()
        res = (True, v)
        txt = fmt_ok(v)
    except OSError as e:
        res = (False, e.errno)
        txt = '= -1 %s' % ename(e.errno)
    if took:
        txt += '   [took %.3fs]' % (time.monotonic() - t)
    out('%.3f %s %s %s' % (el(), actor, call, txt))
    if res[0] and isinstance(res[1], tuple) and res[1] and isinstance(res[1][0], socket.socket):
        _socks.append(res[1][0])
    if res[0] and isinstance(res[1], socket.socket):
        _socks.append(res[1])
    return res


def raw_listen(s, n):
    r = LIBC.listen(ctypes.c_int(s.fileno()), ctypes.c_int(n))
    if r != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return None


def new_path(tag):
    _seq[0] += 1
    return os.path.join(TMP, '%s%d' % (tag, _seq[0]))


def abstract(tag):
    _seq[0] += 1
    return '\0issue2-%d-%s-%d' % (PID, tag, _seq[0])


def sock(typ=STREAM):
    s = socket.socket(AF_UNIX, typ)
    _socks.append(s)
    return s


def client(actor, timeo=None, opt=SNDTIMEO, nonblock=False):
    s = sock()
    if timeo is not None:
        name = 'SO_SNDTIMEO' if opt == SNDTIMEO else 'SO_RCVTIMEO'
        do(actor, 'setsockopt(%s,{%d,%d})' % (name, timeo[0], timeo[1]),
           lambda: s.setsockopt(SOL, opt, tv(*timeo)))
    if nonblock:
        s.setblocking(False)
    return s


def server(actor, backlog, path=None, quiet=False):
    s = sock()
    if path is None:
        path = new_path('S')
    if quiet:
        s.bind(path)
        raw_listen(s, backlog)
    else:
        do(actor, 'bind(%s)' % shown(path), lambda: s.bind(path))
        do(actor, 'listen(%s,%d)' % (actor, backlog), lambda: raw_listen(s, backlog))
    return s, path


def shown(addr):
    if isinstance(addr, str) and addr.startswith('\0'):
        return '@' + addr[1:]
    return os.path.basename(addr) if isinstance(addr, str) else repr(addr)


def sleep_until(t):
    d = t - el()
    if d > 0:
        time.sleep(d)


def spawn(actor, call, fn, at=None, took=True):
    if at is not None:
        sleep_until(at)
    info = {}

    def run():
        info['tid'] = threading.get_native_id()
        info['res'] = do(actor, call, fn, took=took)

    th = threading.Thread(target=run, daemon=True, name=actor)
    th.info = info
    th.actor = actor
    th.start()
    _threads.append(th)
    # make sure tid is known
    for _ in range(100):
        if 'tid' in info:
            break
        time.sleep(0.001)
    return th


def tstate(th):
    tid = th.info.get('tid')
    if tid is None or not th.is_alive():
        return 'exited'
    try:
        with open('/proc/self/task/%d/stat' % tid) as f:
            data = f.read()
        return data[data.rindex(')') + 2:].split()[0]
    except OSError:
        return 'exited'


def report_state(th):
    note(th.actor, 'thread state (/proc/self/task/%s/stat) = %s'
         % (th.info.get('tid'), tstate(th)))


def join(ths, timeout):
    deadline = time.monotonic() + timeout
    for th in ths:
        th.join(max(0.0, deadline - time.monotonic()))
        if th.is_alive():
            note(th.actor, 'STILL BLOCKED after join timeout (%.1fs)' % timeout)


def finish():
    """Close all sockets from the previous scenario; threads were joined."""
    for th in _threads:
        th.join(0.5)
    for th in _threads:
        if th.is_alive():
            note(th.actor, 'WARNING thread still alive at scenario end')
    _threads.clear()
    while _socks:
        s = _socks.pop()
        try:
            s.close()
        except OSError:
            pass


def count_admits(path, cap):
    """Separate clients with SO_SNDTIMEO {-1,0}; count successes before first error."""
    cl = []
    n = 0
    first = None
    try:
        for _ in range(cap):
            c = socket.socket(AF_UNIX, STREAM)
            cl.append(c)
            c.setsockopt(SOL, SNDTIMEO, tv(-1, 0))
            try:
                c.connect(path)
                n += 1
            except OSError as e:
                first = e.errno
                break
    finally:
        for c in cl:
            c.close()
    return n, first


# ---------------------------------------------------------------- scenarios
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


def s10():
    begin('10 connect errors')
    # (a)
    c = client('a')
    do('a', 'connect(missing path)', lambda: c.connect(new_path('missing')))
    # (b)
    fp = new_path('regular')
    with open(fp, 'w') as f:
        f.write('x')
    c = client('b')
    do('b', 'connect(regular file)', lambda: c.connect(fp))
    # (c)
    B = sock()
    bp = new_path('B')
    B.bind(bp)
    c = client('c')
    do('c', 'connect(bound, not listening)', lambda: c.connect(bp))
    # (d)
    L, lp = server('L', 5, quiet=True)
    L.close()
    note('d', 'stale socket file exists = %d' % os.path.exists(lp))
    c = client('d')
    do('d', 'connect(stale path, listener closed)', lambda: c.connect(lp))
    # (e)
    c = client('e')
    do('e', 'connect(@unused abstract)', lambda: c.connect(abstract('nobody')))
    # (f)
    D = sock(DGRAM)
    dp = new_path('D')
    D.bind(dp)
    c = client('f')
    do('f', 'connect(path bound by SOCK_DGRAM) from STREAM', lambda: c.connect(dp))
    # (f2) extra: abstract name bound only by a DGRAM socket
    D2 = sock(DGRAM)
    da = abstract('dgram')
    D2.bind(da)
    c = client('f2')
    do('f2', 'connect(@abstract bound by SOCK_DGRAM only) from STREAM', lambda: c.connect(da))
    # (g)
    G, gp = server('G', 5, quiet=True)
    do('g', 'shutdown(G,SHUT_RD)', lambda: G.shutdown(socket.SHUT_RD))
    c = client('g')
    do('g', 'connect(G after SHUT_RD)', lambda: c.connect(gp))
    # (h)
    S, sp = server('S', 5, quiet=True)
    L2, l2p = server('L2', 5, quiet=True)
    do('h', 'L2(listening).connect(S with room)', lambda: L2.connect(sp))
    # (i)
    c = client('i')
    do('i', 'connect(S)', lambda: c.connect(sp))
    do('i', 'connected client connect(missing path)', lambda: c.connect(new_path('missing')))
    # (j)
    do('j', 'connected client connect(S) again, S not full', lambda: c.connect(sp))
    # (k)
    K, kp = server('K', 5, quiet=True)
    do('k', 'K(listening).connect(K itself)', lambda: K.connect(kp))
    # (l)
    F, fpth = server('F', 0, quiet=True)
    c0 = client('l')
    do('l', 'c0 connect(F listen 0)', lambda: c0.connect(fpth))
    c = client('l', nonblock=True)
    do('l', 'O_NONBLOCK connect(F full)', lambda: c.connect(fpth), took=True)
    F2, f2p = server('F2', 5, quiet=True)
    c = client('l2', nonblock=True)
    do('l2', 'O_NONBLOCK connect(F2 with room)', lambda: c.connect(f2p))
    # (m)
    A = sock()
    an = abstract('listener')
    do('m', 'bind(@abstract)', lambda: A.bind(an))
    do('m', 'listen(A,5)', lambda: raw_listen(A, 5))
    c = client('m')
    do('m', 'connect(@abstract listener)', lambda: c.connect(an))


def s11():
    begin('11 listen errors')
    u = sock()
    do('a', 'listen(unbound,5)', lambda: raw_listen(u, 5))
    S, sp = server('S', 5, quiet=True)
    c = client('b')
    c.connect(sp)
    do('b', 'listen(connected client,5)', lambda: raw_listen(c, 5))
    a, _ = S.accept()
    _socks.append(a)
    do('c', 'listen(accepted socket,5)', lambda: raw_listen(a, 5))
    d = sock(DGRAM)
    d.bind(new_path('D'))
    do('d', 'listen(bound SOCK_DGRAM,5)', lambda: raw_listen(d, 5))
    S2 = sock()
    S2.bind(new_path('S'))
    do('e', 'listen(S2,5)', lambda: raw_listen(S2, 5))
    do('e', 'listen(S2,3) again', lambda: raw_listen(S2, 3))
    f = client('f')
    do('f', 'connect(missing path)', lambda: f.connect(new_path('missing')))
    do('f', 'listen(after failed connect,5)', lambda: raw_listen(f, 5))


def s12():
    begin('12 bind errors')
    S, sp = server('S', 5, quiet=True)
    x = sock()
    do('a', 'bind(existing path)', lambda: x.bind(sp))
    A = sock()
    ap = new_path('A')
    do('b', 'bind(A, new path A)', lambda: A.bind(ap))
    bp = new_path('Bnew')
    do('b', 'bind(A already bound, new path)', lambda: A.bind(bp))
    note('b', 'new path exists afterwards = %d' % os.path.exists(bp))
    do('c', 'bind(A already bound, existing path of S)', lambda: A.bind(sp))
    an = abstract('taken')
    s1 = sock()
    do('d', 'bind(s1, @abstract)', lambda: s1.bind(an))
    s2 = sock()
    do('d', 'bind(s2 stream, @same abstract in use by stream)', lambda: s2.bind(an))
    dn = abstract('dgramonly')
    dg = sock(DGRAM)
    do('e', 'bind(dgram, @abstract)', lambda: dg.bind(dn))
    s3 = sock()
    do('e', 'bind(stream, @abstract in use by DGRAM only)', lambda: s3.bind(dn))
    do('f', 'bind(A already bound, @abstract)', lambda: A.bind(abstract('fresh')))
    m = sock()
    do('g', 'bind(path in missing directory)',
       lambda: m.bind(os.path.join(TMP, 'no-such-dir', 'sock')))


def s13():
    begin('13 SO_SNDTIMEO / SO_RCVTIMEO conversions (HZ=250 expected)')
    f = sock()
    do('fresh', 'getsockopt(SO_SNDTIMEO)', lambda: f.getsockopt(SOL, SNDTIMEO, 16))
    do('fresh', 'getsockopt(SO_RCVTIMEO)', lambda: f.getsockopt(SOL, RCVTIMEO, 16))
    vals = [(0, 1), (0, 3999), (0, 4000), (0, 4001), (0, 999999), (1, 1), (1, 0),
            (0, 0), (-1, 0), (-5, 999999), (2147483647, 0),
            (0, -1), (0, 1000000), (-1, -1)]
    for s_, u_ in vals:
        s = sock()
        s.setsockopt(SOL, SNDTIMEO, tv(7, 0))  # distinctive prior value
        do('snd', 'setsockopt(SO_SNDTIMEO,{%d,%d}) [prior {7,0}]' % (s_, u_),
           lambda: s.setsockopt(SOL, SNDTIMEO, tv(s_, u_)))
        do('snd', '  getsockopt(SO_SNDTIMEO)', lambda: s.getsockopt(SOL, SNDTIMEO, 16))
    full = tv(1, 0)
    for n in (0, 4, 8, 15, 24):
        s = sock()
        buf = full[:n] if n <= 16 else full + b'\0' * (n - 16)
        do('snd', 'setsockopt(SO_SNDTIMEO,{1,0},optlen=%d)' % n,
           lambda: s.setsockopt(SOL, SNDTIMEO, buf))
        do('snd', '  getsockopt(SO_SNDTIMEO)', lambda: s.getsockopt(SOL, SNDTIMEO, 16))
    for s_, u_ in [(0, 1), (0, -1), (-1, 0)]:
        s = sock()
        do('rcv', 'setsockopt(SO_RCVTIMEO,{%d,%d})' % (s_, u_),
           lambda: s.setsockopt(SOL, RCVTIMEO, tv(s_, u_)))
        do('rcv', '  getsockopt(SO_RCVTIMEO)', lambda: s.getsockopt(SOL, RCVTIMEO, 16))
    s = sock()
    do('rcv', 'setsockopt(SO_RCVTIMEO,{1,0},optlen=8)', lambda: s.setsockopt(SOL, RCVTIMEO, tv(1, 0)[:8]))


def s14():
    begin('14a accept O_NONBLOCK on empty queue')
    S, p = server('S', 5)
    S.setblocking(False)
    do('main', 'accept(S nonblocking)', S.accept, took=True)

    begin('14b accept with SO_RCVTIMEO {0,300000}, empty queue')
    S, p = server('S', 5)
    do('main', 'setsockopt(S,SO_RCVTIMEO,{0,300000})', lambda: S.setsockopt(SOL, RCVTIMEO, tv(0, 300000)))
    do('main', 'accept(S)', S.accept, took=True)

    begin('14c/d accept on non-listening sockets')
    B = sock()
    B.bind(new_path('B'))
    B.setsockopt(SOL, RCVTIMEO, tv(0, 200000))  # bound it in case it blocks
    do('c', 'accept(bound, not listening)', B.accept, took=True)
    U = sock()
    U.setsockopt(SOL, RCVTIMEO, tv(0, 200000))
    do('d', 'accept(unbound)', U.accept, took=True)

    begin('14e blocked accept, client connects at t=0.1')
    S, p = server('S', 5)
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    th = spawn('acc', 'accept(S)', S.accept, at=0.0)
    sleep_until(0.1)
    c = client('c1')
    do('c1', 'connect(S)', lambda: c.connect(p))
    join([th], 2.0)
    if th.is_alive():
        S.shutdown(socket.SHUT_RD)
        join([th], 1.0)

    begin('14f blocked accept, shutdown(S,SHUT_RD) at t=0.1')
    S, p = server('S', 5)
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    th = spawn('acc', 'accept(S)', S.accept, at=0.0)
    sleep_until(0.1)
    do('main', 'shutdown(S,SHUT_RD)', lambda: S.shutdown(socket.SHUT_RD))
    join([th], 2.0)

    begin('14g two threads blocked in accept, one connect at t=0.1')
    S, p = server('S', 5)
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    a1 = spawn('acc1', 'accept(S)', S.accept, at=0.0)
    a2 = spawn('acc2', 'accept(S)', S.accept, at=0.0)
    sleep_until(0.1)
    c = client('c1')
    do('c1', 'connect(S)', lambda: c.connect(p))
    sleep_until(0.5)
    report_state(a1)
    report_state(a2)
    alive = sum(1 for t in (a1, a2) if t.is_alive())
    note('main', 'accept threads returned = %d, still blocked = %d' % (2 - alive, alive))
    do('main', 'shutdown(S,SHUT_RD) (to release remaining)', lambda: S.shutdown(socket.SHUT_RD))
    join([a1, a2], 2.0)


def s15():
    for unlink in (False, True):
        begin('15 close wakes connectors%s' % (' (unlink path, then close)' if unlink else ''))
        S, p = server('S', 0)
        c0 = client('c0')
        do('c0', 'connect(S)', lambda: c0.connect(p))
        c1 = client('c1', (2, 0))
        _T0[0] = time.monotonic()
        note('main', '--- t reset to 0 ---')
        th = spawn('c1', 'connect(S)', lambda: c1.connect(p), at=0.0)
        sleep_until(0.1)
        if unlink:
            do('main', 'unlink(S path)', lambda: os.unlink(p))
            sleep_until(0.15)
            report_state(th)
            sleep_until(0.2)
        do('main', 'close(S)', S.close)
        join([th], 3.0)


def s16():
    begin('16 shutdown(SHUT_RD) does not wake connectors')
    S, p = server('S', 0)
    c0 = client('c0')
    do('c0', 'connect(S)', lambda: c0.connect(p))
    c1 = client('c1', (0, 300000))
    _T0[0] = time.monotonic()
    note('main', '--- t reset to 0 ---')
    th = spawn('c1', 'connect(S)', lambda: c1.connect(p), at=0.0)
    sleep_until(0.1)
    do('main', 'shutdown(S,SHUT_RD)', lambda: S.shutdown(socket.SHUT_RD))
    sleep_until(0.2)
    report_state(th)
    join([th], 2.0)


def s17():
    begin('17 shutdown on unconnected socket')
    s = sock()
    do('main', 'shutdown(unconnected,SHUT_RDWR)', lambda: s.shutdown(socket.SHUT_RDWR))
    s = sock()
    do('main', 'shutdown(unconnected,3)', lambda: s.shutdown(3))
    s = sock()
    do('main', 'shutdown(unconnected,-1)', lambda: s.shutdown(-1))


def s18():
    begin('18 socket() errors')
    do('main', 'socket(AF_UNIX,SOCK_STREAM,1)', lambda: socket.socket(AF_UNIX, STREAM, 1))
    do('main', 'socket(AF_UNIX,SOCK_STREAM,2)', lambda: socket.socket(AF_UNIX, STREAM, 2))
    do('main', 'socket(AF_UNIX,99,0)', lambda: socket.socket(AF_UNIX, 99, 0))
    do('main', 'socket(AF_UNIX,SOCK_RDM(4),0)', lambda: socket.socket(AF_UNIX, 4, 0))


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
