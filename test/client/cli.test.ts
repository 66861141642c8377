import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningBmc, startTestBmc } from '../helpers/test-bmc';
import { requirePeers, run } from '../helpers/peers';
import { ours } from './helpers/cli';
import { freeUdpPort } from './helpers/ipmi-sim';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { IPMI_USAGE } from '../../src/frontends/cli/ipmi';
import { BootDevice, BootParam } from '../../src/codec/commands/chassis/boot-option-parameters';
import { decodeParameter } from '../../src/codec/commands/app/config-parameters';

describe('bmcbridge ipmi (src/frontends/cli/ipmi.ts)', function () {
  this.timeout(20000);
  let b: RunningBmc;
  const lan = () => ['-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'password'];
  before(async () => {
    b = await startTestBmc([...standardHandlers, ...sessionHandlers]);
  });
  after(async () => {
    await b?.close();
  });

  describe('usage errors exit 2 with one line and the usage', () => {
    for (const [argv, msg] of [
      [[], 'no command given'],
      [['-H', 'x', '-P', 'p', '-Q', 'mc', 'info'], 'unknown option -Q'],
      [['-H', 'x', '-P', 'p', '-I', 'open', 'mc', 'info'], "-I must be lanplus, lan, serial-basic or serial-terminal, got 'open'"],
      [['-H', 'x', 'mc', 'info'], 'a password is required: -P, -E or -f'],
      [['-H', 'x', '-E', 'mc', 'info'], '-E: IPMI_PASSWORD is not set'],
      [['-H', 'x', '-P', 'p', '-L', 'god', 'mc', 'info'], "-L must be CALLBACK, USER, OPERATOR or ADMINISTRATOR, got 'god'"],
      [['-H', 'x', '-P', 'p', '-p', '70000', 'mc', 'info'], "-p must be an integer 1..65535, got '70000'"],
      [['-d', 'rack1', 'mc', 'info'], '-d rack1: no device inventory is loaded'],
      [['-I', 'serial-basic', 'mc', 'info'], '-I serial-basic needs -D path[:baud]'],
    ] as const) {
      it(argv.join(' ') || '(nothing)', async () => {
        const r = await ours([...argv]);
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, `bmcbridge ipmi: ${msg}\n${IPMI_USAGE}\n`);
      });
    }
    it('an unknown command is a usage error too (after login)', async () => {
      const r = await ours([...lan(), 'sdr', 'dump']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^bmcbridge ipmi: unknown sdr command 'dump'/);
    });
  });

  it('-E takes the password from IPMI_PASSWORD, -f from the first line of a file', async () => {
    const env = await ours(['-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-E', 'chassis', 'power', 'status'], { env: { IPMI_PASSWORD: 'password' } });
    assert.deepEqual(env, { status: 0, stdout: 'Chassis Power is on\n', stderr: '' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-pw-')), 'pw');
    fs.writeFileSync(file, 'password\nignored\n');
    const f = await ours(['-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-f', file, 'chassis', 'power', 'status']);
    assert.equal(f.stdout, 'Chassis Power is on\n');
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('-d DEVICE reaches a device the inventory resolves (here an in-process virtual BMC)', async () => {
    const r = await ours(['-d', 'lab-bmc', 'chassis', 'power', 'status'], { resolveDevice: (name) => (assert.equal(name, 'lab-bmc'), { kind: 'in-process', bmc: b.bmc }) });
    assert.deepEqual(r, { status: 0, stdout: 'Chassis Power is on\n', stderr: '' });
  });

  it('chassis power off, on, cycle, soft: the ipmitool messages, and the BMC does it', async () => {
    for (const [arg, text, on] of [
      ['off', 'Down/Off', false],
      ['on', 'Up/On', true],
      ['soft', 'Soft', undefined],
      ['on', 'Up/On', undefined],
      ['cycle', 'Cycle', undefined],
    ] as const) {
      const r = await ours([...lan(), '-I', 'lan', 'chassis', 'power', arg]);
      assert.deepEqual(r, { status: 0, stdout: `Chassis Power Control: ${text}\n`, stderr: '' });
      if (on !== undefined) assert.equal(b.bmc.chassis.isOn, on);
    }
    // The cycle's off time (profile default 1 s): later tests expect the power on again.
    for (let i = 0; i < 100 && !b.bmc.chassis.isOn; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(b.bmc.chassis.isOn, true);
  });

  it('chassis bootdev pxe sets the boot flags (valid, next boot only, PXE)', async () => {
    const r = await ours([...lan(), 'chassis', 'bootdev', 'pxe']);
    assert.deepEqual(r, { status: 0, stdout: 'Set Boot Device to pxe\n', stderr: '' });
    const flags = decodeParameter(BootParam.bootFlags, b.bmc.boot.params.get(BootParam.bootFlags.id)!);
    assert.equal(flags.device.selector, BootDevice.pxe);
    assert.equal(flags.flags.valid, true);
    assert.equal(flags.flags.persistent, false);
    const p = await ours([...lan(), 'chassis', 'bootdev', 'disk', 'options=persistent,efiboot']);
    assert.equal(p.status, 0);
    const f2 = decodeParameter(BootParam.bootFlags, b.bmc.boot.params.get(BootParam.bootFlags.id)!);
    assert.deepEqual([f2.device.selector, f2.flags.persistent, f2.flags.efi], [BootDevice.disk, true, true]);
  });

  it('raw: response bytes as ipmitool prints them; a completion code is exit 1 with its text', async () => {
    const ok = await ours([...lan(), 'raw', '0x06', '0x01']);
    assert.deepEqual(ok, { status: 0, stdout: ' 20 81 02 05 02 9f b3 a2 00 34 12\n', stderr: '' });
    const bad = await ours([...lan(), 'raw', '0x06', '0x99']);
    assert.deepEqual(bad, { status: 1, stdout: '', stderr: 'Unable to send RAW command (channel=0x0 netfn=0x6 lun=0x0 cmd=0x99 rsp=0xc1): Invalid command\n' });
  });

  it('--json prints one JSON document', async () => {
    const r = await ours([...lan(), '--json', 'mc', 'info']);
    assert.equal(r.status, 0);
    const j = JSON.parse(r.stdout);
    assert.equal(j.deviceId, 32);
    assert.equal(j.productId, 0x1234);
    const s = JSON.parse((await ours([...lan(), '--json', 'chassis', 'power', 'status'])).stdout);
    assert.deepEqual(s, { power: 'on' });
  });

  it('an unreachable BMC: exit 1, the error names host and port', async () => {
    const port = await freeUdpPort();
    const r = await ours(['-H', '127.0.0.1', '-p', String(port), '-U', 'admin', '-P', 'x', '-N', '1', '-R', '0', 'mc', 'info']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `bmcbridge ipmi: no answer from 127.0.0.1:${port} to Get Channel Authentication Capabilities after 1 attempt(s) in ${/in (\d+) ms/.exec(r.stderr)![1]} ms\n`);
  });

  it('a wrong password: exit 1, the error names the RAKP status', async () => {
    const r = await ours(['-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'nope', 'mc', 'info']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "bmcbridge ipmi: RAKP 2: invalid integrity check value: the BMC's key exchange code does not match; wrong password for user 'admin' (RMCP+ status 0x0f)\n");
  });

  describe('the same lines as ipmitool against the virtual BMC', function () {
    requirePeers(this, ['ipmitool']);
    for (const cmd of [
      ['chassis', 'power', 'status'],
      ['chassis', 'status'],
      ['mc', 'info'],
      ['raw', '0x06', '0x01'],
    ]) {
      for (const iface of ['lanplus', 'lan'])
        it(`-I ${iface} ${cmd.join(' ')}`, async () => {
          const theirs = await run('ipmitool', [...lan(), '-I', iface, ...cmd]);
          const mine = await ours([...lan(), '-I', iface, ...cmd]);
          assert.equal(theirs.status, 0, theirs.stderr);
          assert.equal(mine.stdout, theirs.stdout);
        });
    }
  });
});
