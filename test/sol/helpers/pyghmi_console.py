#!/usr/bin/python3
"""pyghmi's SOL console (pyghmi.ipmi.console.Console) driven by a list of steps (issue 9 tests).

Usage: pyghmi_console.py HOST PORT USER PASSWORD STEPS_JSON

STEPS_JSON is a list of ["expect", text, timeout_s] | ["send", text] | ["break"] | ["sleep", s].
Prints one JSON object: {"ok": bool, "error": str|null, "output": str, "errors": [...]}, where
"errors" are the error/info dictionaries pyghmi reported to the I/O handler.
"""
import json
import sys
import time

from pyghmi.ipmi import console as ipmi_console


def main():
    host, port, user, password, steps = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
    out = []
    errors = []

    def handler(data):
        if isinstance(data, dict):
            errors.append(data)
        else:
            out.append(data.decode("latin-1") if isinstance(data, bytes) else data)

    con = ipmi_console.Console(bmc=host, userid=user, password=password, iohandler=handler, port=port, force=False)
    cursor = 0
    result = {"ok": True, "error": None}
    for step in steps:
        kind = step[0]
        if kind == "expect":
            deadline = time.monotonic() + (step[2] if len(step) > 2 else 10)
            while True:
                text = "".join(out)
                i = text.find(step[1], cursor)
                if i >= 0:
                    cursor = i + len(step[1])
                    break
                if time.monotonic() > deadline or errors and any("error" in e for e in errors):
                    result = {"ok": False, "error": "expect %r timed out" % step[1]}
                    break
                ipmi_console.Console.wait_for_rsp(0.1)
            if not result["ok"]:
                break
        elif kind == "send":
            con.send_data(step[1])
            ipmi_console.Console.wait_for_rsp(0)
        elif kind == "break":
            con.send_break()
            ipmi_console.Console.wait_for_rsp(0)
        elif kind == "sleep":
            end = time.monotonic() + step[1]
            while time.monotonic() < end:
                ipmi_console.Console.wait_for_rsp(0.05)
    con.close()
    ipmi_console.Console.wait_for_rsp(0.2)
    result["output"] = "".join(out)
    result["errors"] = errors
    print(json.dumps(result))


if __name__ == "__main__":
    main()
