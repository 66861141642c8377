import assert from 'node:assert/strict';
import { ManualClock } from '../../src/lib/clock';
import { CompletionCodeError, DecodeError, TimeoutError } from '../../src/lib/errors';
import { DEFAULT_RETRY, LinkStats, attemptTimeoutMs, parseCipherSuiteRecords, retryBudgetMs } from '../../src/client';
import { suiteCandidates } from '../../src/client/lan/cipher-suites';
import { Exchanges } from '../../src/client/exchange';
import { decodeAnswer, encodeCall, commandName } from '../../src/client/answer';
import { kgBytes, passwordKey } from '../../src/client/lan/login';
import { GetDeviceId } from '../../src/codec/commands/app';
import { GetPowerReading } from '../../src/codec/commands/group';
import { GetSelEntry } from '../../src/codec/commands/storage';
import { fromHex } from '../../src/codec/wire/checksum';
import { manufacturerName } from '../../src/frontends/cli/ipmi';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('client units', () => {
  describe('cipher suite records (v2.0 §22.15.2, Table 22-19)', () => {
    // ipmi_sim 2.0.33's Get Channel Cipher Suites records, the first 20 bytes (block 0 and part of block 1:
    // suites 0-3), captured by our client over IPMI v1.5 outside a session.
    const ipmiSim = fromHex('c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0 03 01 41 81');
    it('parses standard records', () => {
      assert.deepEqual(parseCipherSuiteRecords(ipmiSim), [
        { id: 0, auth: 0, integrity: [0], confidentiality: [0] },
        { id: 1, auth: 1, integrity: [0], confidentiality: [0] },
        { id: 2, auth: 1, integrity: [1], confidentiality: [0] },
        { id: 3, auth: 1, integrity: [1], confidentiality: [1] },
      ]);
    });
    it('parses OEM records (C1h + IANA) and skips them when choosing', () => {
      const recs = parseCipherSuiteRecords(fromHex('c1 11 b3 a2 00 03 44 81 c0 03 01 41 81'));
      assert.deepEqual(recs[0], { id: 0x11, oemIana: 0x00a2b3, auth: 3, integrity: [4], confidentiality: [1] });
      assert.deepEqual(suiteCandidates(recs).map((s) => s.id), [3]);
    });
    it('prefers 17, then 3, never 0; without a list tries 17 then 3', () => {
      assert.deepEqual(suiteCandidates(parseCipherSuiteRecords(ipmiSim)).map((s) => s.id), [3, 2, 1]);
      assert.deepEqual(suiteCandidates(parseCipherSuiteRecords(fromHex('c0 03 01 41 81 c0 11 03 44 81 c0 0f 03 40 80'))).map((s) => s.id), [17, 3, 15]);
      assert.deepEqual(suiteCandidates(undefined).map((s) => s.id), [17, 3]);
      // A suite ID listed with other algorithms than the standard suite's is not trusted.
      assert.deepEqual(suiteCandidates(parseCipherSuiteRecords(fromHex('c0 11 01 41 81'))).map((s) => s.id), []);
    });
  });

  describe('keys', () => {
    it('passwords are zero-padded keys (v2.0 §13.31 Kuid); K_g as text or 0x-hex, 20 bytes', () => {
      assert.equal(passwordKey('password', 20).toString('hex'), '70617373776f7264' + '00'.repeat(12));
      assert.equal(passwordKey('a'.repeat(25), 16).length, 16);
      assert.equal(kgBytes('0x0102')!.toString('hex'), '0102' + '00'.repeat(18));
      assert.equal(kgBytes('ab')!.toString('hex'), '6162' + '00'.repeat(18));
      assert.equal(kgBytes(''), undefined);
      assert.equal(kgBytes(undefined), undefined);
    });
  });

  describe('retry policy', () => {
    it('defaults: 1 s, 3 retries, backoff 1.5: a request gives up after 8.1 s', () => {
      assert.deepEqual([0, 1, 2, 3].map((i) => attemptTimeoutMs(DEFAULT_RETRY, i)), [1000, 1500, 2250, 3375]);
      assert.equal(retryBudgetMs(DEFAULT_RETRY), 8125);
    });
  });

  describe('Exchanges', () => {
    const stats = (): LinkStats => ({ sent: 0, received: 0, retransmits: 0, logins: 0, garbage: 0 });
    it('retransmits on the backoff schedule, then fails with a TimeoutError naming the target', async () => {
      const clock = new ManualClock();
      const s = stats();
      const x = new Exchanges<number>(clock, '10.0.0.9:623', s, () => undefined);
      const sent: number[] = [];
      const p = x.start(5, { what: 'Get Device ID', policy: { timeoutMs: 100, retries: 2, backoff: 2 }, send: (n) => sent.push(n) });
      clock.advance(100);
      clock.advance(200);
      assert.deepEqual(sent, [0, 1, 2]);
      clock.advance(399);
      assert.ok(x.has(5));
      clock.advance(1);
      await assert.rejects(p, (e: unknown) => e instanceof TimeoutError && e.message === 'no answer from 10.0.0.9:623 to Get Device ID after 3 attempt(s) in 700 ms');
      assert.equal(s.retransmits, 2);
    });
    it('an answer settles it once; a late duplicate finds nothing', async () => {
      const clock = new ManualClock();
      const x = new Exchanges<number>(clock, 't', stats(), () => undefined);
      const p = x.start<string>(1, { what: 'w', policy: DEFAULT_RETRY, send: () => undefined });
      assert.equal(x.settle(1, 'answer'), true);
      assert.equal(x.settle(1, 'again'), false);
      assert.equal(await p, 'answer');
    });
    it('undecodable answers turn the timeout into a protocol error (DecodeError)', async () => {
      const clock = new ManualClock();
      const s = stats();
      const x = new Exchanges<number>(clock, 't:1', s, () => 'RMCP header: version 0x41 is not 06h at offset 0');
      const p = x.start(1, { what: 'Get SEL Info', policy: { timeoutMs: 10, retries: 0, backoff: 1 }, send: () => undefined });
      s.garbage += 2;
      clock.advance(10);
      await assert.rejects(p, (e: unknown) => e instanceof DecodeError && /^answer from t:1 to Get SEL Info: protocol error: 2 undecodable answer\(s\) in 10 ms, last: RMCP header/.test(e.message));
    });
  });

  describe('manufacturer names (IANA enterprise-numbers file layout)', () => {
    it('finds the organisation line under the number; Unknown otherwise or without the file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-iana-'));
      const file = path.join(dir, 'enterprise-numbers.txt');
      fs.writeFileSync(file, 'Decimal\n| Organization\n0\n  Reserved\n    IANA\n343\n  Intel Corporation\n    Someone\n      someone&example.com\n3430\n  Other Org\n');
      try {
        assert.equal(manufacturerName(343, file), 'Intel Corporation');
        assert.equal(manufacturerName(3430, file), 'Other Org');
        assert.equal(manufacturerName(999999, file), 'Unknown');
        assert.equal(manufacturerName(343, path.join(dir, 'missing.txt')), 'Unknown');
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });
  });

  describe('answers', () => {
    it('non-zero completion codes become CompletionCodeError with the command-specific text first', () => {
      assert.throws(
        () => decodeAnswer(GetSelEntry, { cc: 0x81, data: Buffer.alloc(0) }, 't'),
        (e: unknown) => e instanceof CompletionCodeError && e.message === 'Get SEL Entry: Cannot execute command, SEL erase in progress (0x81)',
      );
      assert.throws(() => decodeAnswer(GetSelEntry, { cc: 0xc5, data: Buffer.alloc(0) }, 't'), (e: unknown) => e instanceof CompletionCodeError && e.text === 'Reservation cancelled or invalid');
    });
    it('bytes after the fields the codec knows are ignored; too few are a DecodeError naming command and target', () => {
      const id = fromHex('20 01 02 05 02 9f b3 a2 00 34 12 00 00 00 00');
      assert.equal(decodeAnswer(GetDeviceId, { cc: 0, data: Buffer.concat([id, Buffer.from([0xee])]) }, 't').productId, 0x1234);
      assert.throws(() => decodeAnswer(GetDeviceId, { cc: 0, data: id.subarray(0, 5) }, 'bmc:623'), (e: unknown) => e instanceof DecodeError && e.reason === 'short' && e.message.startsWith('Get Device ID response from bmc:623'));
    });
    it('group extension commands carry the group byte both ways (DCMI 1.5 §6.1.2)', () => {
      const req = encodeCall(GetPowerReading, { mode: 1, modeAttributes: 0, reserved: undefined });
      assert.deepEqual(req, { netFn: 0x2c, cmd: 0x02, data: Buffer.from([0xdc, 0x01, 0x00, 0x00]), lun: undefined });
      assert.equal(commandName(req), 'Get Power Reading');
      assert.equal(commandName({ netFn: 0x2c, cmd: 0x00, data: Buffer.from([0x00]) }), 'NetFn 0x2c cmd 0x00 group 0x00');
      assert.throws(() => decodeAnswer(GetPowerReading, { cc: 0, data: Buffer.alloc(19) }, 't'), (e: unknown) => e instanceof DecodeError && /group extension byte is not 0xdc/.test(e.message));
      assert.throws(() => decodeAnswer(GetPowerReading, { cc: 0x80, data: Buffer.from([0xdc]) }, 't'), (e: unknown) => e instanceof CompletionCodeError && e.completionCode === 0x80 && e.data === undefined);
    });
  });
});
