import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { RunningBmc, startTestBmc, testProfile } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { CompletionCodeError, DecodeError, RmcpPlusStatusError, SessionError, TimeoutError } from '../../src/lib/errors';
import { IpmiClient, LanLink, LanOptions, retryBudgetMs } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { CloseSession, GetSessionInfo } from '../../src/codec/commands/app/session-index';
import { ChassisControl, GetChassisStatus } from '../../src/codec/commands/chassis';
import { SetUserName } from '../../src/codec/commands/app';
import { RakpStatus } from '../../src/codec/session';
import type { ProfileSpec } from '../../src/profile/types';

const handlers = [...standardHandlers, ...sessionHandlers];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The client against our virtual BMC over UDP on 127.0.0.1 (test/helpers/test-bmc.ts). */
describe('client against the virtual BMC over UDP', function () {
  this.timeout(20000);
  let b: RunningBmc;
  const clients: IpmiClient[] = [];
  const client = (o: Partial<LanOptions> = {}, port = b.port) => {
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password', timeoutMs: 300, retries: 2, ...o }));
    clients.push(c);
    return c;
  };
  before(async () => {
    b = await startTestBmc(handlers);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  after(async () => {
    await b?.close();
  });

  const logins: Array<[string, Partial<LanOptions>, { version: '2.0' | '1.5'; suite?: number }]> = [
    ['RMCP+ cipher suite 3', { cipherSuite: 3 }, { version: '2.0', suite: 3 }],
    ['RMCP+ cipher suite 17', { cipherSuite: 17 }, { version: '2.0', suite: 17 }],
    ['RMCP+ suite chosen from the BMC\'s list (17)', {}, { version: '2.0', suite: 17 }],
    ['RMCP+ cipher suite 1 (no integrity)', { cipherSuite: 1 }, { version: '2.0', suite: 1 }],
    ['RMCP+ cipher suite 8 (HMAC-MD5, AES)', { cipherSuite: 8 }, { version: '2.0', suite: 8 }],
    ['RMCP+ cipher suite 12 (MD5-128, AES)', { cipherSuite: 12 }, { version: '2.0', suite: 12 }],
    ['RMCP+ cipher suite 16 (SHA256, no AES)', { cipherSuite: 16 }, { version: '2.0', suite: 16 }],
    ['IPMI v1.5, MD5', { interface: 'lan' }, { version: '1.5' }],
    ['IPMI v1.5, straight password', { interface: 'lan', authType: 'password' }, { version: '1.5' }],
  ];
  for (const [label, opts, want] of logins) {
    it(`${label}: logs in at Administrator, answers, closes the session on shutdown`, async () => {
      const c = client(opts);
      const id = await c.call(GetDeviceId, {});
      assert.equal(id.productId, 0x1234);
      assert.equal(id.manufacturerId, 0xa2b3);
      const link = c.link as LanLink;
      assert.deepEqual(link.session, { id: link.session!.id, ...want });
      const info = await c.call(GetSessionInfo, { index: 0 });
      assert.deepEqual(info.privilege, { level: 4 });
      assert.deepEqual(info.userId, { id: 2 });
      assert.equal(info.channel?.protocolAux, want.version === '2.0' ? 1 : 0);
      assert.equal(b.bmc.sessions.active.size, 1);
      await c.close();
      assert.equal(b.bmc.sessions.active.size, 0);
      assert.equal(c.stats.logins, 1);
      assert.equal(c.stats.retransmits, 0);
    });
  }

  it('logs in at the privilege asked for; a command above it fails with D4h and its text', async () => {
    const c = client({ user: 'operator', password: 'oppass', privilege: 'operator' });
    assert.deepEqual((await c.call(GetSessionInfo, { index: 0 })).privilege, { level: 3 });
    await c.call(ChassisControl, { control: { op: 1 } });
    await assert.rejects(c.call(SetUserName, { user: { id: 5 }, name: 'x' }), (e: unknown) => e instanceof CompletionCodeError && e.completionCode === 0xd4 && e.message === 'Set User Name: Insufficient privilege level (0xd4)');
  });

  it("a completion code is thrown with the command's own text", async () => {
    const c = client();
    await assert.rejects(c.call(CloseSession, { sessionId: 0x12345678 }), (e: unknown) => e instanceof CompletionCodeError && e.completionCode === 0x87 && e.text === 'invalid Session ID in request' && e.command === 'Close Session');
    // The session is still usable after an error answer.
    assert.equal((await c.call(GetChassisStatus, {})).power.on, true);
  });

  it('a wrong password fails RAKP 2 with an error naming the RMCP+ status; the BMC keeps no session', async () => {
    const c = client({ password: 'wrong', cipherSuite: 17 });
    await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.stage === 'RAKP 2' && e.status === RakpStatus.InvalidIntegrityCheckValue && /wrong password for user 'admin'/.test(e.message));
    assert.equal(b.bmc.sessions.active.size, 0);
  });

  it('an unknown user fails RAKP 2 with "unauthorized name"', async () => {
    const c = client({ user: 'mallory' });
    await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.status === RakpStatus.UnauthorizedName && e.message === 'RAKP 2: unauthorized name (RMCP+ status 0x0d)');
  });

  it('a wrong password over IPMI v1.5 ends in a SessionError about Activate Session', async () => {
    const c = client({ interface: 'lan', password: 'wrong', timeoutMs: 100, retries: 1 });
    await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof SessionError && /did not answer Activate Session for user 'admin'/.test(e.message));
  });

  it('100 concurrent callers share one session and are all answered', async () => {
    const c = client({ maxInFlight: 8 });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? c.call(GetDeviceId, {}) : c.call(GetChassisStatus, {}))));
    assert.equal(answers.length, 100);
    for (const [i, a] of answers.entries()) assert.ok(i % 2 ? 'productId' in a && a.productId === 0x1234 : 'power' in a && a.power.on === true);
    assert.equal(c.stats.logins, 1);
    assert.equal(b.bmc.sessions.active.size, 1);
    assert.equal(c.stats.retransmits, 0);
  });

  it('retransmits when the BMC does not answer for a while, in the same session', async () => {
    const c = client({ timeoutMs: 100, retries: 6, backoff: 1 });
    await c.call(GetDeviceId, {});
    b.server.faults.unresponsive = true;
    const pending = c.call(GetChassisStatus, {});
    await sleep(250);
    b.server.faults.unresponsive = false;
    assert.equal((await pending).power.on, true);
    assert.ok(c.stats.retransmits >= 1);
    assert.equal(c.stats.logins, 1);
  });
});

describe('client: sessions the BMC loses', function () {
  this.timeout(20000);
  const profile = (over: Partial<ProfileSpec['security']> = {}) => testProfile({ security: { ...testProfile().security, ...over } });

  it('BMC restarted mid-session: the next call succeeds, in one new session', async () => {
    const first = await startTestBmc(handlers);
    const port = first.port;
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password', timeoutMs: 200, retries: 3 }));
    let second: { bmc: VirtualBmc; server: LanServer } | undefined;
    try {
      const before = await c.call(GetSessionInfo, { index: 0 });
      assert.equal(before.active.count, 1);
      await first.close();
      const bmc = new VirtualBmc({ name: 'test', profile: testProfile(), log: silentLogger, handlers });
      const server = new LanServer(bmc);
      await server.listen('127.0.0.1', port);
      second = { bmc, server };
      const id = await c.call(GetDeviceId, {});
      assert.equal(id.productId, 0x1234);
      assert.equal(c.stats.logins, 2);
      assert.equal(bmc.sessions.active.size, 1);
      assert.equal((await c.call(GetSessionInfo, { index: 0 })).privilege?.level, 4);
    } finally {
      await c.close();
      await second?.server.close();
      second?.bmc.close();
    }
  });

  it('session closed by the BMC after its idle timeout: re-established transparently', async () => {
    const b = await startTestBmc(handlers, profile({ sessionTimeoutSec: 1 }));
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', timeoutMs: 200, retries: 3, keepaliveMs: 0 }));
    try {
      await c.call(GetDeviceId, {});
      await sleep(1300);
      b.bmc.sessions.expire();
      assert.equal(b.bmc.sessions.active.size, 0);
      assert.equal((await c.call(GetChassisStatus, {})).power.on, true);
      assert.equal(c.stats.logins, 2);
    } finally {
      await c.close();
      await b.close();
    }
  });

  it('keepalive holds the session open past the BMC idle timeout', async () => {
    const b = await startTestBmc(handlers, profile({ sessionTimeoutSec: 1 }));
    const link = new LanLink({ host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', timeoutMs: 200, retries: 3, keepaliveMs: 300 });
    const c = new IpmiClient(link);
    try {
      await c.call(GetDeviceId, {});
      const id = link.session!.id;
      await sleep(1600);
      assert.equal((await c.call(GetChassisStatus, {})).power.on, true);
      assert.equal(c.stats.logins, 1);
      assert.equal(link.session!.id, id);
      assert.ok(c.stats.sent >= 8, `keepalives sent: ${c.stats.sent}`);
    } finally {
      await c.close();
      await b.close();
    }
  });

  it('K_g: the BMC key logs in; a wrong one fails at RAKP 4', async () => {
    const b = await startTestBmc(handlers, profile({ kg: 'bmc-key-0042' }));
    const ok = new IpmiClient(new LanLink({ host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', kg: 'bmc-key-0042', cipherSuite: 17 }));
    const hex = new IpmiClient(new LanLink({ host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', kg: `0x${Buffer.from('bmc-key-0042').toString('hex')}`, cipherSuite: 3 }));
    const bad = new IpmiClient(new LanLink({ host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', kg: 'other-key', cipherSuite: 3 }));
    try {
      assert.equal((await ok.call(GetDeviceId, {})).productId, 0x1234);
      assert.equal((await hex.call(GetDeviceId, {})).productId, 0x1234);
      await assert.rejects(bad.call(GetDeviceId, {}), (e: unknown) => e instanceof RmcpPlusStatusError && e.stage === 'RAKP 4' && /wrong K_g/.test(e.message));
    } finally {
      await Promise.all([ok.close(), hex.close(), bad.close()]);
      await b.close();
    }
  });
});

describe('client: unreachable and misbehaving BMCs', function () {
  this.timeout(20000);
  const sockets: dgram.Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  /** A UDP socket on 127.0.0.1 that answers every datagram with `reply(datagram)` (or nothing). */
  const fakeBmc = async (reply: (d: Buffer) => Buffer | undefined): Promise<number> => {
    const s = dgram.createSocket('udp4');
    sockets.push(s);
    s.on('message', (d, r) => {
      const out = reply(d);
      if (out) s.send(out, r.port, r.address);
    });
    await new Promise<void>((res) => s.bind(0, '127.0.0.1', () => res()));
    return s.address().port;
  };

  it('unreachable: a TimeoutError naming host and port once the configured retries are spent', async () => {
    const port = await fakeBmc(() => undefined);
    const clock = new ManualClock();
    const policy = { timeoutMs: 1000, retries: 3, backoff: 2 };
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password', clock, ...policy }));
    let settled: Error | string | undefined;
    const p = c.call(GetDeviceId, {}).then(
      () => (settled = 'answered'),
      (e: Error) => (settled = e),
    );
    while (c.stats.sent === 0) await sleep(5);
    const budget = retryBudgetMs(policy);
    assert.equal(budget, 15000);
    clock.advance(budget - 1);
    await sleep(10);
    assert.equal(settled, undefined);
    assert.equal(c.stats.sent, 4);
    clock.advance(1);
    await p;
    const err = settled as unknown as Error;
    assert.ok(err instanceof TimeoutError);
    assert.equal(err.message, `no answer from 127.0.0.1:${port} to Get Channel Authentication Capabilities after 4 attempt(s) in 15000 ms`);
    await c.close();
  });

  it('garbage answers: a protocol error (DecodeError), no crash', async () => {
    let n = 0;
    const port = await fakeBmc(() => Buffer.from(`not IPMI at all ${n++}`));
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password', timeoutMs: 100, retries: 1 }));
    await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof DecodeError && e.message.startsWith(`answer from 127.0.0.1:${port} to Get Channel Authentication Capabilities: protocol error: 2 undecodable answer(s)`) && /RMCP header/.test(e.message));
    assert.equal(c.stats.garbage, 2);
    await c.close();
  });

  it('an IPMI answer with a bad checksum counts as garbage; a well-framed short answer is a DecodeError naming the command', async () => {
    // v1.5 sessionless answer: RMCP, auth type 0, seq 0, session 0, length, IPMB message (v2.0 §13.6).
    const answer = (req: Buffer, body: number[], breakChecksum: boolean) => {
      const rqSeq = req[18] >> 2;
      const msg = [0x81, 0x1c, 0x63, 0x20, rqSeq << 2, req[19], ...body];
      let sum = 0;
      for (const x of msg.slice(3)) sum = (sum + x) & 0xff;
      msg.push((-sum & 0xff) ^ (breakChecksum ? 1 : 0));
      return Buffer.from([0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, msg.length, ...msg]);
    };
    const bad = await fakeBmc((d) => answer(d, [0x00, 0x01, 0x80], true));
    const c1 = new IpmiClient(new LanLink({ host: '127.0.0.1', port: bad, user: 'admin', password: 'password', timeoutMs: 100, retries: 0 }));
    await assert.rejects(c1.call(GetDeviceId, {}), (e: unknown) => e instanceof DecodeError && /data checksum mismatch/.test(e.message));
    await c1.close();
    const short = await fakeBmc((d) => answer(d, [0x00, 0x01, 0x80], false));
    const c2 = new IpmiClient(new LanLink({ host: '127.0.0.1', port: short, user: 'admin', password: 'password', timeoutMs: 100, retries: 0 }));
    await assert.rejects(
      c2.call(GetDeviceId, {}),
      (e: unknown) => e instanceof DecodeError && e.reason === 'short' && e.message.startsWith(`Get Channel Authentication Capabilities response from 127.0.0.1:${short}`),
    );
    await c2.close();
  });
});
