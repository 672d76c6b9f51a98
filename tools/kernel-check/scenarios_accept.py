"""Scenarios 14-18: accept blocking, non-blocking and on the wrong socket; what close and
shutdown wake; shutdown and socket() errors."""
import os
import socket
import time

from probe import *  # noqa: F401,F403 (the harness is these scenarios' vocabulary)
from probe import _T0


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
