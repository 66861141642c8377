import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { startTestBmc, RunningBmc, testProfile } from '../helpers/test-bmc';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { handle } from '../../src/bmc/dispatch';
import { GetDeviceId } from '../../src/codec/commands/app';
import { requirePeers, run } from '../helpers/peers';

const deviceId = handle(GetDeviceId, () => ({
  deviceId: 0x20,
  revision: { providesSdrs: true, deviceRevision: 1 },
  firmware: { updateInProgress: false, major: 2 },
  firmwareMinor: 5,
  ipmiVersion: 0x02,
  support: { chassis: true, bridge: false, ipmbEventGenerator: true, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
  manufacturerId: 0xa2b3,
  productId: 0x1234,
}));
const DEVID = '20 81 02 05 02 bf b3 a2 00 34 12';

describe('ipmitool logins against the virtual BMC (RMCP+ and v1.5 sessions)', function () {
  requirePeers(this, ['ipmitool']);
  let b: RunningBmc;
  before(async () => {
    b = await startTestBmc([...sessionHandlers, deviceId]);
  });
  after(() => b.close());
  const ipmitool = (args: string[], user = 'admin', pass = 'password') =>
    run('ipmitool', ['-H', '127.0.0.1', '-p', String(b.port), '-U', user, '-P', pass, ...args], { timeout: 20000 });

  for (const iface of [['-I', 'lanplus', '-C', '3'], ['-I', 'lanplus', '-C', '17'], ['-I', 'lanplus'], ['-I', 'lan']]) {
    it(`raw 0x06 0x01 over ${iface.join(' ')}, and the session is closed afterwards`, async () => {
      const t0 = Date.now();
      const r = await ipmitool([...iface, 'raw', '0x06', '0x01']);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout.trim(), DEVID);
      // No 10 s stall on the default path (ipmitool asks for the cipher suites first).
      assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
      assert.equal(b.bmc.sessions.active.size, 0);
    });
  }

  it('wrong password: ipmitool reports the RAKP 2 failure, no session is opened', async () => {
    const r = await ipmitool(['-v', '-I', 'lanplus', '-C', '3', 'raw', '6', '1'], 'admin', 'wrong');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr + r.stdout, /RAKP 2 HMAC is invalid/);
    assert.equal(b.bmc.sessions.active.size, 0);
  });

  it('unknown user: RAKP 2 status "unauthorized name"', async () => {
    const r = await ipmitool(['-vv', '-I', 'lanplus', '-C', '3', 'raw', '6', '1'], 'nobody', 'x');
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, /unauthorized name/);
    assert.equal(b.bmc.sessions.active.size, 0);
  });

  it('cipher suite 0 is refused by default', async () => {
    const r = await ipmitool(['-I', 'lanplus', '-C', '0', 'raw', '6', '1']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /no matching cipher suite/);
  });

  it('a User-level account cannot log in at Administrator', async () => {
    const r = await ipmitool(['-vv', '-I', 'lanplus', '-C', '17', '-L', 'ADMINISTRATOR', 'raw', '6', '1'], 'viewer', 'viewpass');
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, /unauthorized role requested/);
  });

  it('wrong password over IPMI v1.5: Activate Session fails', async () => {
    const r = await ipmitool(['-I', 'lan', 'raw', '6', '1'], 'admin', 'wrong');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Unable to establish IPMI v1.5 \/ RMCP session/);
    assert.equal(b.bmc.sessions.active.size, 0);
  });

  it('cipher suite 0 works when a device enables it', async () => {
    const p = testProfile();
    const open = await startTestBmc([...sessionHandlers, deviceId], { ...p, security: { ...p.security, allowCipherZero: true } });
    try {
      const r = await run('ipmitool', ['-H', '127.0.0.1', '-p', String(open.port), '-U', 'admin', '-P', 'password', '-I', 'lanplus', '-C', '0', 'raw', '6', '1']);
      assert.equal(r.stdout.trim(), DEVID);
    } finally {
      await open.close();
    }
  });

  it('survives 100,000 random and mutated packets, then still answers', async function () {
    this.timeout(120000);
    const before = b.server.stats.received;
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.on('message', () => undefined);
    // Valid packets to mutate: an ASF ping, a v1.5 Get Channel Auth Caps, an RMCP+ Open Session Request.
    const seeds = [
      '0600ff06000011be80000000',
      '0600ff070000000000000000000920 18c88104380e0431'.replace(/ /g, ''),
      '0600ff0706100000000000000000200000040000a4a3a2a0000000080100000001000008010000000200000801000000',
    ].map((h) => Buffer.from(h, 'hex'));
    const send = (buf: Buffer) => new Promise<void>((r) => sock.send(buf, b.port, '127.0.0.1', () => r()));
    let sent = 0;
    for (let i = 0; i < 100_000; i++) {
      let pkt: Buffer;
      if (i % 2 === 0) {
        pkt = Buffer.alloc(Math.floor(Math.random() * 80));
        for (let j = 0; j < pkt.length; j++) pkt[j] = Math.floor(Math.random() * 256);
      } else {
        pkt = Buffer.from(seeds[i % seeds.length]);
        const flips = 1 + Math.floor(Math.random() * 4);
        for (let f = 0; f < flips; f++) pkt[Math.floor(Math.random() * pkt.length)] = Math.floor(Math.random() * 256);
        if (Math.random() < 0.2) pkt = pkt.subarray(0, Math.floor(Math.random() * pkt.length));
      }
      await send(pkt);
      sent++;
      if (i % 16 === 0) await new Promise((r) => setImmediate(r));
    }
    sock.close();
    assert.equal(sent, 100_000);
    await new Promise((r) => setTimeout(r, 200));
    // Loopback may drop a few datagrams under load; the BMC must have taken nearly all of them.
    assert.ok(b.server.stats.received - before > 95_000, `BMC received ${b.server.stats.received - before}`);
    const r = await ipmitool(['-I', 'lanplus', '-C', '17', 'raw', '0x06', '0x01']);
    assert.equal(r.stdout.trim(), DEVID);
  });
});
