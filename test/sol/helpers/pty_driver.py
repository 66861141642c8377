#!/usr/bin/python3
"""Runs one command on a pseudo-terminal and lets a test drive it (issue 9 SOL tests).

Usage: pty_driver.py COMMAND [ARGS...]

The command's terminal is a pty; this process keeps reading what the command prints. The test
talks to this process over stdin/stdout, one JSON object per line:

  {"id": 1, "op": "send", "data": "<base64>"}               -> {"id": 1, "ok": true}
  {"id": 2, "op": "expect", "pattern": "login: ", "timeout": 10, "regex": false}
                                                            -> {"id": 2, "ok": true, "before": "<base64>"}
                                                               {"id": 2, "ok": false, "error": "timeout", "tail": "<base64>"}
  {"id": 3, "op": "wait_exit", "timeout": 10}               -> {"id": 3, "ok": true, "status": 0}
  {"id": 4, "op": "output"}                                 -> {"id": 4, "ok": true, "data": "<base64>"}
  {"id": 5, "op": "kill"}                                   -> {"id": 5, "ok": true}

"expect" searches what the command printed after the end of the previous match. Writes to the
pty are non-blocking and interleaved with reads, so a 64 KiB paste cannot deadlock against a
command that echoes.
"""
import base64
import errno
import json
import os
import pty
import re
import select
import signal
import sys
import time


def main():
    argv = sys.argv[1:]
    parent = os.getppid()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm")
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.set_blocking(fd, False)
    out = bytearray()
    cursor = 0
    pending = bytearray()
    send_waiters = []  # (id, total bytes written when done)
    written = 0
    queued = 0
    expects = []  # dicts: id, pattern (bytes or regex), deadline
    exit_waiters = []  # (id, deadline)
    status = None
    eof = False
    stdin_buf = b""
    stdin_open = True

    def reply(obj):
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    def check_expects():
        nonlocal cursor
        for e in list(expects):
            hay = bytes(out[cursor:])
            if e["regex"]:
                m = re.search(e["pattern"], hay, re.S)
                span = m.span() if m else None
            else:
                i = hay.find(e["pattern"])
                span = (i, i + len(e["pattern"])) if i >= 0 else None
            if span:
                before = hay[: span[1]]
                cursor += span[1]
                expects.remove(e)
                reply({"id": e["id"], "ok": True, "before": base64.b64encode(before).decode()})
                # Later expectations search after this match.
                return check_expects()

    def reap():
        nonlocal status
        if status is not None:
            return
        try:
            p, st = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if p == pid:
            status = os.waitstatus_to_exitcode(st)

    while True:
        now = time.monotonic()
        for e in list(expects):
            if now >= e["deadline"]:
                expects.remove(e)
                reply({"id": e["id"], "ok": False, "error": "timeout", "tail": base64.b64encode(bytes(out[max(cursor, len(out) - 2000):])).decode()})
        if eof:
            reap()
        for w in list(exit_waiters):
            if status is not None:
                exit_waiters.remove(w)
                reply({"id": w[0], "ok": True, "status": status})
            elif now >= w[1]:
                exit_waiters.remove(w)
                reply({"id": w[0], "ok": False, "error": "timeout"})
        if eof and expects:
            for e in list(expects):
                expects.remove(e)
                reply({"id": e["id"], "ok": False, "error": "eof", "tail": base64.b64encode(bytes(out[max(cursor, len(out) - 2000):])).decode()})
        if not stdin_open and not exit_waiters and not expects:
            break
        # The test process is gone (it forgot to close us, or died): do not outlive it.
        if os.getppid() != parent:
            break
        rl = ([fd] if not eof else []) + ([0] if stdin_open else [])
        wl = [fd] if pending and not eof else []
        r, w, _ = select.select(rl, wl, [], 0.05)
        if fd in r:
            try:
                chunk = os.read(fd, 65536)
                if not chunk:
                    eof = True
                out += chunk
                check_expects()
            except BlockingIOError:
                pass
            except OSError as e:
                if e.errno == errno.EIO:
                    eof = True
                else:
                    raise
        if fd in w and pending:
            try:
                n = os.write(fd, bytes(pending[:4096]))
                del pending[:n]
                written += n
            except BlockingIOError:
                pass
            except OSError:
                pending.clear()
            for s in list(send_waiters):
                if written >= s[1] or eof:
                    send_waiters.remove(s)
                    reply({"id": s[0], "ok": True})
        if 0 in r:
            data = os.read(0, 65536)
            if not data:
                stdin_open = False
                continue
            stdin_buf += data
            while b"\n" in stdin_buf:
                line, stdin_buf = stdin_buf.split(b"\n", 1)
                if not line.strip():
                    continue
                cmd = json.loads(line)
                op = cmd["op"]
                if op == "send":
                    d = base64.b64decode(cmd["data"])
                    pending += d
                    queued += len(d)
                    send_waiters.append((cmd["id"], queued))
                elif op == "expect":
                    pat = cmd["pattern"].encode("latin-1")
                    expects.append({"id": cmd["id"], "pattern": pat, "regex": cmd.get("regex", False), "deadline": time.monotonic() + cmd.get("timeout", 10)})
                    check_expects()
                elif op == "wait_exit":
                    exit_waiters.append((cmd["id"], time.monotonic() + cmd.get("timeout", 10)))
                elif op == "output":
                    reply({"id": cmd["id"], "ok": True, "data": base64.b64encode(bytes(out)).decode()})
                elif op == "kill":
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    reply({"id": cmd["id"], "ok": True})
    if status is None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


if __name__ == "__main__":
    main()
