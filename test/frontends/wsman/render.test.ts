import assert from 'node:assert/strict';
import type { CimClassInfo, CimInstance } from '../../../src/model/types';
import { instanceXml, RenderEnv } from '../../../src/frontends/wsman/cim/render';
import { OPENWSMAN, Out, WINDOWS } from '../../../src/frontends/wsman/envelope';

/**
 * instanceXml writes every property of the class in class order, then the properties the
 * class does not declare in the instance's order (research/cim-model.md §3.2). Model instances
 * have exactly the class's properties in its order (the fast path); these cover the others.
 */
describe('wsman instance rendering', () => {
  const info: CimClassInfo = {
    name: 'Thing',
    namespace: 'root/hardware',
    properties: [
      { name: 'Alpha', type: 'string' },
      { name: 'Beta', type: 'uint8', array: true },
      { name: 'Gamma', type: 'datetime' },
      { name: 'Delta', type: 'boolean' },
    ],
    methods: [],
  };
  const env = (style = WINDOWS): RenderEnv => ({ out: new Out(style), info: (c) => (c === 'Thing' ? info : undefined) });
  const open =
    '<p:Thing xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/Thing" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xsi:type="p:Thing_Type">';
  const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const inst = (properties: CimInstance['properties']): CimInstance => ({ className: 'Thing', namespace: 'root/hardware', properties });

  it('the class properties in class order: text escaped, arrays repeated, datetimes, nil', () => {
    assert.equal(
      instanceXml(env(), inst({ Alpha: 'a<b & c>', Beta: [1, 2], Gamma: when, Delta: false })),
      open +
        '<p:Alpha>a&lt;b &amp; c&gt;</p:Alpha><p:Beta>1</p:Beta><p:Beta>2</p:Beta>' +
        '<p:Gamma><cim:Datetime>2026-01-02T03:04:05.000Z</cim:Datetime></p:Gamma><p:Delta>false</p:Delta></p:Thing>',
    );
    assert.equal(
      instanceXml(env(), inst({ Alpha: null, Beta: [], Gamma: null, Delta: true })),
      open + '<p:Alpha xsi:nil="true"/><p:Beta xsi:nil="true"/><p:Gamma xsi:nil="true"/><p:Delta>true</p:Delta></p:Thing>',
    );
  });

  it('another order, missing and undeclared properties: class order first, then the rest as given', () => {
    assert.equal(
      instanceXml(env(), inst({ Zeta: 'z', Delta: true, Alpha: 'a', Extra: [3, 'x&y'] })),
      open +
        '<p:Alpha>a</p:Alpha><p:Beta xsi:nil="true"/><p:Gamma xsi:nil="true"/><p:Delta>true</p:Delta>' +
        '<p:Zeta>z</p:Zeta><p:Extra>3</p:Extra><p:Extra>x&amp;y</p:Extra></p:Thing>',
    );
  });

  it('openwsman layout: prefix and xsi declared on the Envelope', () => {
    const e = env(OPENWSMAN);
    assert.equal(instanceXml(e, inst({ Alpha: 'a', Beta: [7], Gamma: null, Delta: null })), '<p:Thing><p:Alpha>a</p:Alpha><p:Beta>7</p:Beta><p:Gamma xsi:nil="true"/><p:Delta xsi:nil="true"/></p:Thing>');
    assert.equal(e.out.declarations(), ' xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/Thing" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
  });

  it('a class the front end does not know: every property as given', () => {
    const other: CimInstance = { className: 'Other', namespace: 'root/hardware', properties: { B: 2, A: 'x' } };
    assert.match(instanceXml(env(), other), /xsi:type="p:Other_Type"><p:B>2<\/p:B><p:A>x<\/p:A><\/p:Other>$/);
  });
});
