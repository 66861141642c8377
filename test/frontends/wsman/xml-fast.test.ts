import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { fastParse } from '../../../src/frontends/wsman/xml/fast';
import { DEFAULT_LIMITS, parseXml, saxesParse, XElement, XmlRejected } from '../../../src/frontends/wsman/xml/tree';

/**
 * The scanner in xml/fast.ts must give exactly the saxes tree for what it accepts, and decline
 * (so that saxes decides) everything else. Envelopes below are written the way the supported
 * clients write them: pywinrm (env/a/w/n/p prefixes, XML declaration), wsl (s/wsa/wsman/wsen,
 * indented), wsman-messages (SOAP in the default namespace), curl scripts.
 */
const S = 'http://www.w3.org/2003/05/soap-envelope';
const A = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
const W = 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd';
const N = 'http://schemas.xmlsoap.org/ws/2004/09/enumeration';
const URI = 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/NumericSensor';

const pywinrmStyle =
  `<?xml version="1.0" encoding="utf-8"?>\n<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="${S}" xmlns:a="${A}" xmlns:b="http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd" xmlns:n="${N}" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:w="${W}" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd">` +
  `<env:Header><a:To>http://127.0.0.1:5985/wsman</a:To><a:ReplyTo><a:Address mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>` +
  `<w:MaxEnvelopeSize mustUnderstand="true">153600</w:MaxEnvelopeSize><a:MessageID>uuid:8F1B6F22-6C4A-4C4B-9D40-1B7E4F5E2A10</a:MessageID><w:Locale xml:lang="en-US" mustUnderstand="false"/>` +
  `<p:DataLocale xml:lang="en-US" mustUnderstand="false"/><w:OperationTimeout>PT20S</w:OperationTimeout><w:ResourceURI mustUnderstand="true">${URI}</w:ResourceURI>` +
  `<a:Action mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>` +
  `<w:SelectorSet><w:Selector Name="DeviceID">1.0.32</w:Selector><w:Selector Name="SystemName">bmc &amp; co</w:Selector></w:SelectorSet></env:Header><env:Body/></env:Envelope>`;

const wslStyle = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<s:Envelope xmlns:s="${S}"
            xmlns:wsa="${A}"
            xmlns:wsman="${W}"
            xmlns:wsen="${N}">
\t<s:Header>
\t\t<wsa:Action s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</wsa:Action>
\t\t<wsa:To s:mustUnderstand="true">http://localhost:5985/wsman</wsa:To>
\t\t<wsman:ResourceURI s:mustUnderstand="true">${URI}</wsman:ResourceURI>
\t\t<wsa:MessageID s:mustUnderstand="true">uuid:1</wsa:MessageID>
\t\t<wsa:ReplyTo><wsa:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:Address></wsa:ReplyTo>
\t</s:Header>
\t<s:Body>
\t\t<wsen:Enumerate>
\t\t\t<wsman:OptimizeEnumeration/>
\t\t\t<wsman:MaxElements>32000</wsman:MaxElements>
\t\t\t<wsman:Filter Dialect='http://schemas.microsoft.com/wbem/wsman/1/WQL'>SELECT * FROM NumericSensor WHERE CurrentReading &lt; 30 AND Name &lt;&gt; &quot;Fan &apos;1&apos;&quot;</wsman:Filter>
\t\t</wsen:Enumerate>
\t</s:Body>
</s:Envelope>
`;

const defaultNamespace =
  `<Envelope xmlns="${S}"><Header><ResourceURI xmlns="${W}">${URI}</ResourceURI><Action xmlns="${A}" >http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</Action >` +
  `<x:MessageID xmlns:x="${A}">uuid:2</x:MessageID><plain xmlns="">no namespace</plain></Header><Body><Identify xmlns="http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"/></Body></Envelope>`;

const unicodeAndAttributes =
  `<s:Envelope xmlns:s="${S}" xmlns:w="${W}"><s:Header><w:SelectorSet><w:Selector Name='Name' w:Extra="a > b" s:mustUnderstand = "1">Capteur de température 日本 \u00a0</w:Selector></w:SelectorSet></s:Header>` +
  `<s:Body><p:Fan_INPUT xmlns:p="urn:x" p:a="1" b="2"><p:Speed>  42  </p:Speed><p:Note>tail]]</p:Note><p:Empty></p:Empty></p:Fan_INPUT></s:Body></s:Envelope>  \n`;

const ACCEPTED: Record<string, string> = { pywinrmStyle, wslStyle, defaultNamespace, unicodeAndAttributes };

/** Well-formed, but outside the fast path's subset: saxes parses them. */
const DECLINED_VALID: Record<string, string> = {
  'CR LF line ends': wslStyle.replace(/\n/g, '\r\n'),
  comment: `<s:Envelope xmlns:s="${S}"><!-- note --><s:Body/></s:Envelope>`,
  CDATA: `<s:Envelope xmlns:s="${S}"><s:Body><![CDATA[a < b]]></s:Body></s:Envelope>`,
  'character reference': `<s:Envelope xmlns:s="${S}"><s:Body>&#65;&#x42;</s:Body></s:Envelope>`,
  'tab in an attribute value': `<s:Envelope xmlns:s="${S}"><s:Body a="x\ty"/></s:Envelope>`,
  'reference in an attribute value': `<s:Envelope xmlns:s="${S}"><s:Body a="x&amp;y"/></s:Envelope>`,
  'spaces around a namespace URI': `<s:Envelope xmlns:s=" ${S} "><s:Body/></s:Envelope>`,
  'byte order mark': `\ufeff<s:Envelope xmlns:s="${S}"><s:Body/></s:Envelope>`,
  'non-ASCII element name': `<s:Envelope xmlns:s="${S}"><s:Body><é/></s:Body></s:Envelope>`,
};

/** Not well-formed or over the limits: both paths must end in the saxes error. */
const MALFORMED: Record<string, string> = {
  'unclosed element': `<s:Envelope xmlns:s="${S}"><s:Body><a></s:Body></s:Envelope>`,
  'mismatched end tag': `<s:Envelope xmlns:s="${S}"><s:Body></s:Bod></s:Envelope>`,
  'unbound prefix': `<s:Envelope xmlns:s="${S}"><w:Header/></s:Envelope>`,
  'duplicate attribute': `<s:Envelope xmlns:s="${S}" a="1" a="2"/>`,
  'duplicate expanded attribute': `<s:Envelope xmlns:s="${S}" xmlns:t="${S}" s:a="1" t:a="2"/>`,
  'attributes without a space': `<s:Envelope xmlns:s="${S}"a="1"/>`,
  'undefined entity': `<s:Envelope xmlns:s="${S}">&nbsp;</s:Envelope>`,
  'bare ampersand': `<s:Envelope xmlns:s="${S}">a & b</s:Envelope>`,
  '"]]>" in text': `<s:Envelope xmlns:s="${S}">a ]]> b</s:Envelope>`,
  '"<" in an attribute': `<s:Envelope xmlns:s="${S}" a="<"/>`,
  'two roots': `<s:Envelope xmlns:s="${S}"/><s:Envelope xmlns:s="${S}"/>`,
  'text after the root': `<s:Envelope xmlns:s="${S}"/>x`,
  'empty prefixed namespace': `<s:Envelope xmlns:s=""/>`,
  'rebinding xmlns': `<s:Envelope xmlns:s="${S}" xmlns:xmlns="urn:x"/>`,
  'control character': `<s:Envelope xmlns:s="${S}">\u0001</s:Envelope>`,
  'DOCTYPE': `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><s:Envelope xmlns:s="${S}">&e;</s:Envelope>`,
  'processing instruction': `<?xml version="1.0"?><?pi x?><s:Envelope xmlns:s="${S}"/>`,
  'XML 2.0': `<?xml version="2.0"?><s:Envelope xmlns:s="${S}"/>`,
  'too deep': `<s:Envelope xmlns:s="${S}">${'<a>'.repeat(60)}${'</a>'.repeat(60)}</s:Envelope>`,
  'too many attributes': `<s:Envelope xmlns:s="${S}" ${Array.from({ length: 40 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
  'not XML': 'hello',
  empty: '',
};

function saxesOutcome(doc: string): XElement | string {
  try {
    return saxesParse(doc, DEFAULT_LIMITS);
  } catch (e) {
    assert.ok(e instanceof XmlRejected, String(e));
    return e.message;
  }
}

describe('wsman XML fast path', () => {
  for (const [name, doc] of Object.entries(ACCEPTED)) {
    it(`takes the fast path for ${name} and gives the saxes tree`, () => {
      const fast = fastParse(doc, DEFAULT_LIMITS);
      assert.ok(fast, 'declined');
      assert.deepStrictEqual(fast, saxesParse(doc, DEFAULT_LIMITS));
    });
  }

  it('decodes the predefined entities and keeps whitespace in text', () => {
    const body = fastParse(wslStyle, DEFAULT_LIMITS)!.children[1];
    const filter = body.children[0].children[2];
    assert.equal(filter.text, 'SELECT * FROM NumericSensor WHERE CurrentReading < 30 AND Name <> "Fan \'1\'"');
    assert.deepEqual(filter.attrs, [{ ns: '', local: 'Dialect', value: 'http://schemas.microsoft.com/wbem/wsman/1/WQL' }]);
    assert.equal(body.text, '\n\t\t\n\t');
  });

  for (const [name, doc] of Object.entries(DECLINED_VALID)) {
    it(`leaves ${name} to saxes`, () => {
      assert.equal(fastParse(doc, DEFAULT_LIMITS), undefined);
      assert.deepStrictEqual(parseXml(doc, DEFAULT_LIMITS), saxesParse(doc, DEFAULT_LIMITS));
    });
  }

  for (const [name, doc] of Object.entries(MALFORMED)) {
    it(`refuses ${name} with the saxes error`, () => {
      assert.equal(fastParse(doc, DEFAULT_LIMITS), undefined);
      const expected = saxesOutcome(doc);
      assert.equal(typeof expected, 'string', 'saxes accepted it');
      assert.throws(() => parseXml(doc, DEFAULT_LIMITS), (e: unknown) => e instanceof XmlRejected && e.message === expected);
    });
  }

  it('agrees with saxes on 30000 random edits of these documents', () => {
    // Deterministic: a linear congruential generator with a fixed seed.
    let seed = 20240611;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % k;
    };
    const pieces = ['<', '>', '/', '"', "'", '=', ' ', '\t', '\n', '\r', '&', ';', '&lt;', '&#60;', ':', 'xmlns', 'xmlns:', 'xml:', ']]>', '<!--', '-->',
      '<![CDATA[', '<?', '?>', 'a', 'é', '\ufffe', '\ud800', '\u0000', '__proto__', '1', '-', '.', '_', ' xmlns:x="u"', ' a="b"', '</a>', '<a>', '<a/>'];
    const accepted = Object.values(ACCEPTED);
    const others = [...Object.values(DECLINED_VALID), ...Object.values(MALFORMED)];
    let fast = 0;
    for (let round = 0; round < 30000; round++) {
      // Mostly edits of accepted documents (those stay in the subset most often).
      let doc = round % 4 ? accepted[rnd(accepted.length)] : others[rnd(others.length)];
      for (let e = 1 + rnd(3); e > 0; e--) {
        const at = rnd(doc.length + 1);
        const op = rnd(3);
        if (op === 0) doc = doc.slice(0, at) + doc.slice(at + 1 + rnd(3));
        else doc = doc.slice(0, at) + pieces[rnd(pieces.length)] + doc.slice(at + op - 1);
      }
      const tree = fastParse(doc, DEFAULT_LIMITS);
      if (!tree) continue;
      fast++;
      const expected = saxesOutcome(doc);
      if (!isDeepStrictEqual(tree, expected)) assert.fail(`fast path differs from saxes for ${JSON.stringify(doc)}: ${typeof expected === 'string' ? expected : 'other tree'}`);
    }
    // The edits leave many documents in the subset, so the comparison is not vacuous.
    assert.ok(fast > 4000, `only ${fast} edited documents took the fast path`);
  });
});
