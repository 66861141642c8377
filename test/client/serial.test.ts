import assert from 'node:assert/strict';
import { SerialPort } from 'serialport';
import { requirePeers, run } from '../helpers/peers';
import { testProfile } from '../helpers/test-bmc';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { ManualClock } from '../../src/lib/clock';
import { PtyPair, startPtyPair } from './helpers/pty';
import { ours } from './helpers/cli';
import { VirtualBmc } from '../../src/bmc/device';
import { SerialServer } from '../../src/bmc/serial';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { silentLogger } from '../../src/lib/logger';
import { TimeoutError } from '../../src/lib/errors';
import { IpmiClient, SerialLink } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';
import { GetChannelInfo, GetUserName, SetUserName } from '../../src/codec/commands/app';
import { GetChassisStatus } from '../../src/codec/commands/chassis';
import { fromHex, hex } from '../../src/codec/wire/checksum';

/** Bytes written to `path`, and what comes back: once `expect` bytes are in, or after 2 s. */
async function exchange(path: string, bytes: Buffer, expect: number): Promise<Buffer> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const got: Buffer[] = [];
  let n = 0;
  await new Promise<void>((done) => {
    const t = setTimeout(done, 2000);
    port.on('data', (d: Buffer) => {
      got.push(d);
      n += d.length;
      if (n >= expect) {
        clearTimeout(t);
        // Anything more (there should be nothing) would show up in the comparison.
        setTimeout(done, 50);
      }
    });
    port.write(bytes);
  });
  await new Promise<void>((r) => port.close(() => r()));
  return Buffer.concat(got);
}

/**
 * The serial virtual BMC (src/bmc/serial.ts) on one end of a socat pty pair; ipmitool
 * `-I serial-basic` / `-I serial-terminal` and our client on the other. The virtual BMC's
 * requests on the serial channel run sessionless at Administrator.
 */
for (const mode of ['basic', 'terminal'] as const) {
  describe(`serial ${mode} mode: virtual BMC on a pty`, function () {
    requirePeers(this, ['socat', 'ipmitool']);
    this.timeout(20000);
    let pty: PtyPair;
    let bmc: VirtualBmc;
    let server: SerialServer;
    before(async () => {
      pty = await startPtyPair();
      // A profile with sensors, FRU and SEL, on a manual clock so readings hold still between tools.
      const profile = { ...loadProfileRef('generic-1u'), users: testProfile().users } as ProfileSpec;
      bmc = new VirtualBmc({ name: 'serial-test', profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(Date.UTC(2026, 5, 1, 12)) });
      server = new SerialServer(bmc, { path: pty.b, mode });
    });
    beforeEach(async () => {
      await server.open();
    });
    afterEach(async () => {
      await server.close();
    });
    after(async () => {
      bmc?.close();
      await pty?.close();
    });

    const probe = mode === 'basic' ? 'a0 20 b0 30 81 04 00 00 7b a5' : hex(Buffer.from('[b0040000]\r\n', 'latin1'));
    const answer = mode === 'basic' ? 'a0 81 b4 cb 20 04 00 c1 aa 3b a5' : hex(Buffer.from('[B40400C1]\r\n', 'latin1'));
    it("answers ipmitool's PICMG probe with C1h at once (the bytes ipmitool 1.8.19 accepts)", async () => {
      assert.equal(hex(await exchange(pty.a, fromHex(probe), fromHex(answer).length)), answer);
    });

    const ipmitool = (...cmd: string[]) => run('ipmitool', ['-I', `serial-${mode}`, '-D', `${pty.a}:115200`, ...cmd], { timeout: 4000 });
    // ipmitool waits about 5 s for each unanswered probe; the 4 s kill would fail these.
    it('ipmitool mc info: no probe stall, the profile identity', async () => {
      const r = await ipmitool('mc', 'info');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Device ID                 : 32\nDevice Revision           : 1\nFirmware Revision         : 2\.48\nIPMI Version              : 2\.0\nManufacturer ID           : 343\n/);
    });
    it('ipmitool chassis status and power status', async () => {
      const st = await ipmitool('chassis', 'status');
      assert.equal(st.status, 0, st.stderr);
      assert.match(st.stdout, /^System Power         : on\n/);
      const ps = await ipmitool('chassis', 'power', 'status');
      assert.equal(ps.stdout, 'Chassis Power is on\n');
    });
    for (const cmd of [['mc', 'info'], ['chassis', 'status'], ['chassis', 'power', 'status'], ['sdr', 'list'], ['sel', 'list'], ['sdr', 'elist', 'all'], ['sensor', 'list'], ['fru', 'print']])
      it(`ipmitool and bmcbridge ipmi print the same: ${cmd.join(' ')}`, async () => {
        const theirs = await ipmitool(...cmd);
        assert.equal(theirs.status, 0, theirs.stderr);
        assert.ok(theirs.stdout.split('\n').length > 1);
        const mine = await ours(['-I', `serial-${mode}`, '-D', `${pty.a}:115200`, ...cmd]);
        assert.equal(mine.status, 0, mine.stderr);
        assert.equal(mine.stdout, theirs.stdout);
      });

    it('our client: requests on the serial channel run at Administrator without a session', async () => {
      const c = new IpmiClient(new SerialLink({ path: pty.a, mode, timeoutMs: 500, retries: 1 }));
      try {
        assert.equal((await c.call(GetDeviceId, {})).productId, 0x0b2c);
        // Channel 0Eh = the channel the request came in on: the serial channel (2).
        assert.equal((await c.call(GetChannelInfo, { channel: { number: 0x0e } })).channel.number, 2);
        // Set User Name needs Administrator (v2.0 Appendix G).
        await c.call(SetUserName, { user: { id: 9 }, name: `serial-${mode}` });
        assert.equal((await c.call(GetUserName, { user: { id: 9 } })).name, `serial-${mode}`);
        const all = await Promise.all(Array.from({ length: 20 }, () => c.call(GetChassisStatus, {})));
        assert.ok(all.every((s) => s.power.on));
        assert.equal(c.stats.sent, 24);
        assert.equal(c.stats.garbage, 0);
        assert.equal(bmc.sessions.active.size, 0);
      } finally {
        await c.close();
      }
    });

    it('line noise before a request is dropped; the request is still answered', async () => {
      const before = server.stats.garbage;
      const noise = mode === 'basic' ? fromHex('a0 20 aa 11 a5 a0 20 18 c8 81 0c 01 00 a5') : Buffer.from('[zz]\r\n[18\r\n', 'latin1');
      const got = await exchange(pty.a, Buffer.concat([noise, fromHex(probe)]), fromHex(answer).length);
      assert.equal(hex(got), answer);
      assert.equal(server.stats.garbage - before, 2);
    });

    it('no answer on the line: a TimeoutError naming the port', async () => {
      await server.close();
      const c = new IpmiClient(new SerialLink({ path: pty.a, mode, timeoutMs: 100, retries: 1 }));
      try {
        await assert.rejects(c.call(GetDeviceId, {}), (e: unknown) => e instanceof TimeoutError && e.message.startsWith(`no answer from ${pty.a} (${mode} mode) to Get Device ID after 2 attempt(s) in `));
      } finally {
        await c.close();
      }
    });

    if (mode === 'basic')
      it('with the optional A6h handshake before each answer, ipmitool and our client still work', async () => {
        await server.close();
        const hs = new SerialServer(bmc, { path: pty.b, mode, handshake: true });
        await hs.open();
        try {
          assert.equal(hex(await exchange(pty.a, fromHex(probe), fromHex(answer).length + 1)), `a6 ${answer}`);
          const r = await ipmitool('chassis', 'power', 'status');
          assert.equal(r.stdout, 'Chassis Power is on\n');
          const c = new IpmiClient(new SerialLink({ path: pty.a, mode, timeoutMs: 500 }));
          assert.equal((await c.call(GetDeviceId, {})).deviceId, 0x20);
          await c.close();
        } finally {
          await hs.close();
        }
      });
  });
}
