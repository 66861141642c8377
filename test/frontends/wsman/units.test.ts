import assert from 'node:assert/strict';
import { accessFor, parseSddl } from '../../../src/frontends/wsman/auth/sddl';
import { addressAllowed, parseAddressFilter } from '../../../src/frontends/wsman/net/filter';
import { hostTrusted } from '../../../src/frontends/wsman/net/trusted-hosts';
import { parseDuration } from '../../../src/frontends/wsman/envelope';
import { parseDatetime } from '../../../src/frontends/wsman/cim/values';
import { dmtfDatetime } from '../../../src/frontends/wsman/cim/render';
import { hashPassword, verifyPassword } from '../../../src/frontends/wsman/auth/accounts';

describe('wsman building blocks', () => {
  describe('RootSDDL', () => {
    // The seed document's default: O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;ER)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)
    const seed = parseSddl('O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;ER)S:P(AU;FA;GA;;;WD)(AU;SA;GWGX;;;WD)');
    it('parses owner, group and the DACL, ignoring the SACL', () => {
      assert.equal(seed.owner, 'NS');
      assert.equal(seed.group, 'BA');
      assert.deepEqual(seed.dacl, [
        { allow: true, read: true, write: true, trustee: 'BA' },
        { allow: true, read: true, write: false, trustee: 'ER' },
      ]);
    });
    it('BA (Administrators) read and write, ER (Remote Management Users) read, others nothing', () => {
      assert.deepEqual(accessFor(seed, { user: 'admin', groups: ['Administrators'] }), { read: true, write: true });
      assert.deepEqual(accessFor(seed, { user: 'ops', groups: ['Remote Management Users'] }), { read: true, write: false });
      assert.deepEqual(accessFor(seed, { user: 'guest', groups: [] }), { read: false, write: false });
    });
    it('deny ACEs win; user and group names are trustees too; hex masks', () => {
      const s = parseSddl('D:(A;;GA;;;WD)(D;;GW;;;mallory)(A;;0x80000000;;;auditors)');
      assert.deepEqual(accessFor(s, { user: 'mallory', groups: [] }), { read: true, write: false });
      assert.deepEqual(accessFor(s, { user: 'alice', groups: [] }), { read: true, write: true });
      assert.deepEqual(accessFor(parseSddl('D:(A;;0x80000000;;;auditors)'), { user: 'bob', groups: ['auditors'] }), { read: true, write: false });
    });
    it('refuses malformed descriptors', () => {
      assert.throws(() => parseSddl('O:BA'), /must contain a DACL/);
      assert.throws(() => parseSddl('D:(A;;GA;;BA)'), /six fields/);
      assert.throws(() => parseSddl('D:(X;;GA;;;BA)'), /not supported in the DACL/);
      assert.throws(() => parseSddl('D:(A;;QQ;;;BA)'), /right "QQ" is not known/);
      assert.throws(() => parseSddl('D:(A;;GA;;;BA'), /parentheses|Unexpected/);
    });
  });

  describe('IPv4Filter / IPv6Filter', () => {
    it('* allows all, empty allows none, ranges are inclusive, IPv4-mapped IPv6 uses the IPv4 filter', () => {
      const all = parseAddressFilter('*', 4);
      const none = parseAddressFilter('', 6);
      const lan = parseAddressFilter('192.168.0.0-192.168.0.255, 127.0.0.1', 4);
      assert.equal(addressAllowed('10.1.2.3', all, none), true);
      assert.equal(addressAllowed('::1', all, none), false);
      assert.equal(addressAllowed('192.168.0.255', lan, none), true);
      assert.equal(addressAllowed('192.168.1.0', lan, none), false);
      assert.equal(addressAllowed('::ffff:127.0.0.1', lan, none), true);
      assert.equal(addressAllowed('127.0.0.2', lan, none), false);
    });
    it('IPv6 literals in brackets and ranges', () => {
      const v6 = parseAddressFilter('[::1], [fe80::]-[fe80::ffff]', 6);
      const none4 = parseAddressFilter('', 4);
      assert.equal(addressAllowed('::1', none4, v6), true);
      assert.equal(addressAllowed('fe80::12', none4, v6), true);
      assert.equal(addressAllowed('fe80::1:2', none4, v6), false);
      assert.equal(addressAllowed('fe80::1:0:0', none4, v6), false);
      assert.throws(() => parseAddressFilter('10.0.0.1-10.0.0.0', 4), /ends before it starts/);
      assert.throws(() => parseAddressFilter('fe80::1', 4), /not an IPv4 address/);
    });
  });

  describe('TrustedHosts', () => {
    it('matches names, wildcards and bracketed IPv6 addresses', () => {
      assert.equal(hostTrusted('bmc01.lab.example.com', '*.lab.example.com,10.0.0.5'), true);
      assert.equal(hostTrusted('bmc01.example.com', '*.lab.example.com,10.0.0.5'), false);
      assert.equal(hostTrusted('10.0.0.5', '*.lab.example.com,10.0.0.5'), true);
      assert.equal(hostTrusted('::1', '[::1]'), true);
      assert.equal(hostTrusted('anything', '*'), true);
      assert.throws(() => hostTrusted('x', '::1'), /brackets/);
    });
  });

  it('xs:duration (OperationTimeout, MaxTime, Expires)', () => {
    assert.equal(parseDuration('PT20S'), 20000);
    assert.equal(parseDuration('PT60.000S'), 60000);
    assert.equal(parseDuration('P1DT1H1M1.5S'), 90061500);
    assert.equal(parseDuration('PT'), undefined);
    assert.equal(parseDuration('20'), undefined);
  });

  it('datetimes: DMTF strings (DSP0004 §5.2.4) both ways, and xs:dateTime', () => {
    const d = new Date(Date.UTC(2009, 2, 19, 2, 21, 3, 250));
    assert.equal(dmtfDatetime(d), '20090319022103.250000+000');
    assert.equal(parseDatetime('20090319022103.250000+000')!.getTime(), d.getTime());
    assert.equal(parseDatetime('20090319042103.250000+120')!.getTime(), d.getTime());
    assert.equal(parseDatetime('2009-03-19T02:21:03.25Z')!.getTime(), d.getTime());
    assert.equal(parseDatetime('yesterday'), undefined);
  });

  it('scrypt password hashes: verify, refuse a wrong password, never store the password', async () => {
    const h = await hashPassword('s3cret');
    assert.equal(h.N, 16384);
    assert.equal(Buffer.from(h.salt, 'base64').length, 16);
    assert.doesNotMatch(JSON.stringify(h), /s3cret/);
    assert.equal(await verifyPassword('s3cret', h), true);
    assert.equal(await verifyPassword('s3cret!', h), false);
  });
});
