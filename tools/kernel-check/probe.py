"""The probe's harness: every call logged with its time, its actor and its result, threads
for the calls that block, and the cleanup between scenarios (check_issue2.py runs them)."""
import ctypes
import errno
import os
import socket
import struct
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
