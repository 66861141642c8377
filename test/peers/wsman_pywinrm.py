#!/usr/bin/python3
"""bmcbridge's pywinrm driver for the WS-Man interop tests (test/frontends/wsman/peers.test.ts).

pywinrm (Debian python3-winrm) only has helpers for remote shells, so this script builds each
envelope from pywinrm's own header (Protocol._get_soap_header: the env/a/w/n/p prefixes,
MaxEnvelopeSize 153600, Locale, OperationTimeout) and sends it with Protocol.send_message, i.e.
through pywinrm's transport (requests, Basic or client certificate, its fault handling).

Output: one JSON object on stdout: {"responses": [<response XML>, ...], ...}.
Exit codes: 0 ok, 2 credentials rejected (401), 3 SOAP fault or transport error, 4 timeout fault.
"""
import argparse
import json
import re
import sys
import uuid
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import xmltodict
from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMOperationTimeoutError, WinRMTransportError
from winrm.protocol import Protocol

XFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer/"
ENUM = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/"
WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL"


def pairs(items):
    return [tuple(i.split("=", 1)) for i in (items or [])]


class Driver:
    def __init__(self, a):
        kw = dict(endpoint=a.endpoint, transport=a.transport, username=a.user, password=a.password,
                  server_cert_validation="validate" if a.ca else "ignore",
                  operation_timeout_sec=a.timeout, read_timeout_sec=a.timeout + 10)
        if a.ca:
            kw["ca_trust_path"] = a.ca
        if a.cert:
            kw.update(cert_pem=a.cert, cert_key_pem=a.key)
        self.proto = Protocol(**kw)
        self.responses = []

    def envelope(self, action, uri, selectors=(), body="", headers=None):
        doc = {"env:Envelope": self.proto._get_soap_header(action=action, resource_uri=uri, message_id=uuid.uuid4())}
        hdr = doc["env:Envelope"]["env:Header"]
        if selectors:
            hdr["w:SelectorSet"] = {"w:Selector": [{"@Name": k, "#text": v} for k, v in selectors]}
        if headers:
            hdr.update(headers)
        doc["env:Envelope"]["env:Body"] = "@@BODY@@"
        return xmltodict.unparse(doc).replace("@@BODY@@", body)

    def send(self, xml):
        text = self.proto.send_message(xml)
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        self.responses.append(text)
        return text

    def enumerate(self, uri, selectors, body_parts, pull_max):
        text = self.send(self.envelope(ENUM + "Enumerate", uri, selectors, "<n:Enumerate>%s</n:Enumerate>" % body_parts))
        pulls = 0
        while not re.search(r"<\w+:EndOfSequence", text):
            m = re.search(r"<\w+:EnumerationContext>([^<]+)</", text)
            if not m:
                break
            pulls += 1
            text = self.send(self.envelope(ENUM + "Pull", uri, selectors,
                                           "<n:Pull><n:EnumerationContext>%s</n:EnumerationContext><n:MaxElements>%d</n:MaxElements></n:Pull>"
                                           % (m.group(1), pull_max)))
        return pulls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("-u", "--user", default="")
    ap.add_argument("-p", "--password", default="")
    ap.add_argument("--transport", default="basic")
    ap.add_argument("--ca")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--timeout", type=int, default=20)
    ap.add_argument("op", choices=["identify", "get", "enumerate", "put", "invoke", "create", "delete"])
    ap.add_argument("--uri")
    ap.add_argument("--selector", action="append")
    ap.add_argument("--filter")
    ap.add_argument("--dialect", default=WQL)
    ap.add_argument("--mode")
    ap.add_argument("--optimize", type=int, help="OptimizeEnumeration with this MaxElements")
    ap.add_argument("--pull", type=int, default=2, help="MaxElements per Pull")
    ap.add_argument("--set", action="append", help="Prop=Value for put (Get, edit, Put the instance)")
    ap.add_argument("--method")
    ap.add_argument("--param", action="append")
    ap.add_argument("--body", default="")
    a = ap.parse_args()
    d = Driver(a)
    out = {}
    sels = pairs(a.selector)
    try:
        if a.op == "identify":
            d.send('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
                   'xmlns:wsmid="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd">'
                   '<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>')
        elif a.op == "get":
            d.send(d.envelope(XFER + "Get", a.uri, sels))
        elif a.op == "delete":
            d.send(d.envelope(XFER + "Delete", a.uri, sels))
        elif a.op == "create":
            d.send(d.envelope(XFER + "Create", a.uri, sels, a.body))
        elif a.op == "enumerate":
            parts = ""
            if a.optimize:
                parts += "<w:OptimizeEnumeration/><w:MaxElements>%d</w:MaxElements>" % a.optimize
            if a.mode:
                parts += "<w:EnumerationMode>%s</w:EnumerationMode>" % a.mode
            if a.filter:
                parts += '<w:Filter Dialect="%s">%s</w:Filter>' % (a.dialect, escape(a.filter))
            out["pulls"] = d.enumerate(a.uri, sels, parts, a.pull)
        elif a.op == "put":
            # What a pywinrm user does: Get the instance, edit it with ElementTree, Put it back.
            got = d.send(d.envelope(XFER + "Get", a.uri, sels))
            body = ET.fromstring(got).find("{http://www.w3.org/2003/05/soap-envelope}Body")
            inst = list(body)[0]
            for name, value in pairs(a.set):
                el = next(e for e in inst if e.tag.endswith("}" + name))
                el.text = value
                el.attrib.pop("{http://www.w3.org/2001/XMLSchema-instance}nil", None)
            d.send(d.envelope(XFER + "Put", a.uri, sels, ET.tostring(inst, encoding="unicode")))
        elif a.op == "invoke":
            params = "".join("<p:{0}>{1}</p:{0}>".format(k, escape(v)) for k, v in pairs(a.param))
            body = '<p:{m}_INPUT xmlns:p="{u}">{ps}</p:{m}_INPUT>'.format(m=a.method, u=a.uri, ps=params)
            d.send(d.envelope(a.uri + "/" + a.method, a.uri, sels, body))
    except InvalidCredentialsError as e:
        out["error"] = str(e)
        print(json.dumps(dict(out, responses=d.responses)))
        sys.exit(2)
    except WinRMOperationTimeoutError:
        out["error"] = "WinRMOperationTimeoutError"
        print(json.dumps(dict(out, responses=d.responses)))
        sys.exit(4)
    except (WinRMError, WinRMTransportError) as e:
        out["error"] = str(e)
        print(json.dumps(dict(out, responses=d.responses)))
        sys.exit(3)
    print(json.dumps(dict(out, responses=d.responses)))


if __name__ == "__main__":
    main()
