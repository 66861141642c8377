import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { NetFn } from '../../src/codec/message/netfn';
import { ConfigError } from '../../src/lib/errors';
import { harness, tempDir } from './harness';

const APP = NetFn.App;
const CH = NetFn.Chassis;
const TR = NetFn.Transport;

describe('bmc: state survives a restart (DeviceStore)', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('power, boot options, LAN, users, system info, policy, identify, channel access, global enables', async () => {
    const h1 = harness({ stateDir: dir });
    await h1.call(CH, 0x02, '00');
    await h1.call(CH, 0x08, '03 08');
    await h1.call(CH, 0x08, '05 c0 04 00 00 00');
    await h1.call(TR, 0x01, '01 03 0a 01 02 03');
    await h1.call(TR, 0x01, '01 10 70 72 69 76 61 74 65 00 00 00 00 00 00 00 00 00 00 00');
    await h1.call(APP, 0x45, '05 61 6c 69 63 65' + ' 00'.repeat(11));
    await h1.call(APP, 0x47, '85 02' + ' 42'.repeat(20));
    await h1.call(APP, 0x43, 'b1 05 03');
    await h1.call(APP, 0x47, '05 01');
    await h1.call(APP, 0x58, '02 00 00 04 6e 6f 64 65' + ' 00'.repeat(10));
    await h1.call(CH, 0x06, '02');
    await h1.call(CH, 0x04, '00 01');
    await h1.call(APP, 0x40, '01 42 44');
    await h1.call(APP, 0x2e, '0c', { channel: 0x0f });

    const h2 = h1.restart();
    try {
      assert.equal(h2.bmc.chassis.power, 'off');
      assert.equal(await h2.call(CH, 0x01), '00 40 00 60', 'off, always-on policy, identify forced on');
      assert.equal(await h2.call(CH, 0x09, '05 00 00'), '00 01 05 c0 04 00 00 00');
      assert.equal(await h2.call(CH, 0x09, '03 00 00'), '00 01 03 08');
      assert.equal(await h2.call(TR, 0x02, '01 03 00 00'), '00 11 0a 01 02 03');
      assert.equal(await h2.call(TR, 0x02, '01 10 00 00'), '00 11 70 72 69 76 61 74 65 00 00 00 00 00 00 00 00 00 00 00');
      assert.equal(await h2.call(APP, 0x44, '01 05'), '00 0a 44 01 33');
      assert.equal(h2.bmc.users.key(h2.bmc.users.get(5)!).toString('hex'), '42'.repeat(20));
      assert.equal(h2.bmc.systemInfo.text(2), 'node');
      assert.equal(await h2.call(APP, 0x41, '01 40'), '00 02 04');
      assert.equal(await h2.call(APP, 0x41, '01 80'), '00 02 04', 'volatile copy starts from the non-volatile one');
      assert.equal(await h2.call(APP, 0x2f), '00 0c');
    } finally {
      h2.close();
    }
  });

  it('a power-on delay under way resumes after a restart', async () => {
    const h1 = harness({ stateDir: dir, profile: { powerOnDelayMs: 5000 } });
    await h1.call(CH, 0x02, '00');
    await h1.call(CH, 0x02, '01');
    h1.clock.advance(2000);
    const h2 = h1.restart();
    try {
      assert.equal(h2.bmc.chassis.power, 'off');
      h2.clock.advance(2999);
      assert.equal(h2.bmc.chassis.power, 'off');
      h2.clock.advance(1);
      assert.equal(h2.bmc.chassis.power, 'on');
    } finally {
      h2.close();
    }
  });

  it('a transition whose time passed while stopped completes at start; POH counts on-time across restarts', async () => {
    const h1 = harness({ stateDir: dir, profile: { powerOnDelayMs: 5000 } });
    h1.clock.advance(3_600_000);
    await h1.call(CH, 0x02, '02');
    h1.close();
    h1.clock.advance(3_600_000);
    const h2 = harness({ stateDir: dir, clock: h1.clock, profile: { powerOnDelayMs: 5000 } });
    try {
      assert.equal(h2.bmc.chassis.power, 'on');
      // 1 h on before the cycle, then on since it completed (6 s after it started): 1 h 59 min 54 s
      assert.equal(await h2.call(CH, 0x0f), '00 3c 01 00 00 00');
      h2.clock.advance(6_000);
      assert.equal(await h2.call(CH, 0x0f), '00 3c 02 00 00 00');
    } finally {
      h2.close();
    }
  });

  it('a corrupt state file is a ConfigError naming the file, never a reset', () => {
    fs.writeFileSync(path.join(dir, 'chassis.json'), '{"power": "on",');
    assert.throws(
      () => harness({ stateDir: dir }),
      (e: unknown) => e instanceof ConfigError && e.file === path.join(dir, 'chassis.json') && /corrupt state file/.test(e.reason),
    );
  });

  it('a state file of the wrong shape is a ConfigError with the path inside it', () => {
    fs.writeFileSync(path.join(dir, 'lan.json'), JSON.stringify({ values: { 'IP Address': '0a0102' }, locked: [] }));
    assert.throws(
      () => harness({ stateDir: dir }),
      (e: unknown) => e instanceof ConfigError && e.message === `${path.join(dir, 'lan.json')}: /values/IP Address: must be 4 bytes`,
    );
    fs.rmSync(path.join(dir, 'lan.json'));
    fs.writeFileSync(path.join(dir, 'chassis.json'), JSON.stringify({ power: 'maybe' }));
    assert.throws(
      () => harness({ stateDir: dir }),
      (e: unknown) => e instanceof ConfigError && e.message === `${path.join(dir, 'chassis.json')}: /power: must be one of: on, off`,
    );
  });

  it('an acknowledged write survives kill -9', async function () {
    this.timeout(30000);
    // A child process acknowledges a LAN write and a power-off, then is killed with SIGKILL.
    const src = path.resolve(__dirname, '../../src');
    const code = `
      const { VirtualBmc } = require(${JSON.stringify(src + '/bmc/device')});
      const { standardHandlers } = require(${JSON.stringify(src + '/bmc/handlers')});
      const { silentLogger } = require(${JSON.stringify(src + '/lib/logger')});
      const { profile } = require(${JSON.stringify(path.resolve(__dirname, 'harness'))});
      const bmc = new VirtualBmc({ name: 'k', profile: profile(), stateDir: ${JSON.stringify(dir)}, log: silentLogger, handlers: standardHandlers });
      const ctx = { privilege: 4, channel: 1, requester: { addr: 0x81, lun: 0 } };
      (async () => {
        const a = await bmc.dispatch({ netFn: 0x0c, cmd: 0x01, data: Buffer.from([1, 3, 10, 9, 8, 7]) }, ctx);
        const b = await bmc.dispatch({ netFn: 0x00, cmd: 0x02, data: Buffer.from([0]) }, ctx);
        process.stdout.write('ack ' + a.cc + ' ' + b.cc + '\\n');
        setInterval(() => {}, 1000);
      })();`;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (c) => reject(new Error(`child exited ${c} before acknowledging: ${out}`)));
    });
    assert.equal(line, 'ack 0 0');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const h = harness({ stateDir: dir });
    try {
      assert.equal(h.bmc.lan.ipAddress(), '10.9.8.7');
      assert.equal(h.bmc.chassis.power, 'off');
    } finally {
      h.close();
    }
  });
});
