import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePeers, run } from '../helpers/peers';
import { testProfile } from '../helpers/test-bmc';
import { PtyProcess } from './helpers/pty';
import { SolBmc, fastConsole, ipmitoolArgs, loginRunHostname, startSolBmc, until } from './helpers/sol-bmc';

const INFO = (port: number) => [
  'Set in progress                 : set-complete',
  'Enabled                         : true',
  'Force Encryption                : true',
  'Force Authentication            : true',
  'Privilege Level                 : USER',
  'Character Accumulate Level (ms) : 50',
  'Character Send Threshold        : 96',
  'Retry Count                     : 7',
  'Retry Interval (ms)             : 500',
  'Volatile Bit Rate (kbps)        : 115.2',
  'Non-Volatile Bit Rate (kbps)    : 115.2',
  'Payload Channel                 : 1 (0x01)',
  `Payload Port                    : ${port}`,
  '',
];

/** ipmitool 1.8.19 against the virtual BMC's SOL (issue 9): sol info/set, activate on a pty, deactivate, one instance. */
describe('SOL with ipmitool (issue 9)', function () {
  this.timeout(120_000);
  requirePeers(this, ['ipmitool']);
  let b: SolBmc;
  let dir: string;
  const open: PtyProcess[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-sol-'));
    b = await startSolBmc({ stateDir: dir });
  });
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
    b.bmc.sol.deactivate('test cleanup', false);
  });
  after(async () => {
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ipmitool = (...args: string[]) => run('ipmitool', [...ipmitoolArgs(b), ...args]);
  async function activate(...extra: string[]): Promise<PtyProcess> {
    const p = PtyProcess.spawn('ipmitool', [...ipmitoolArgs(b), ...extra, 'sol', 'activate']);
    open.push(p);
    await p.expect('[SOL Session operational.  Use ~? for help]\r\n');
    await new Promise((r) => setTimeout(r, 300)); // raw mode comes after the banner
    return p;
  }

  it('sol info prints the defaults, and the port the session uses', async () => {
    const r = await ipmitool('sol', 'info');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, INFO(b.port).join('\n'));
    assert.equal((await ipmitool('sol', 'info', '1')).stdout, INFO(b.port).join('\n'));
  });

  it('sol set changes each parameter; sol info shows it; non-volatile ones survive a restart', async () => {
    for (const [k, v] of [
      ['enabled', 'true'],
      ['force-encryption', 'false'],
      ['force-authentication', 'false'],
      ['privilege-level', 'operator'],
      ['character-accumulate-level', '4'],
      ['character-send-threshold', '60'],
      ['retry-count', '3'],
      ['retry-interval', '25'],
      ['non-volatile-bit-rate', '57.6'],
      ['volatile-bit-rate', '19.2'],
    ]) {
      const r = await ipmitool('sol', 'set', k, v);
      assert.equal(r.status, 0, `${k} ${v}: ${r.stderr}`);
    }
    const changed = [
      'Set in progress                 : set-complete',
      'Enabled                         : true',
      'Force Encryption                : false',
      'Force Authentication            : false',
      'Privilege Level                 : OPERATOR',
      'Character Accumulate Level (ms) : 20',
      'Character Send Threshold        : 60',
      'Retry Count                     : 3',
      'Retry Interval (ms)             : 250',
    ];
    const r = await ipmitool('sol', 'info');
    assert.deepEqual(r.stdout.split('\n').slice(0, 11), [...changed, 'Volatile Bit Rate (kbps)        : 19.2', 'Non-Volatile Bit Rate (kbps)    : 57.6']);
    // A restart of the emulator: parameters 1-5 come back from the state directory, the volatile rate from parameter 5.
    await b.close();
    b = await startSolBmc({ stateDir: dir });
    const after = await ipmitool('sol', 'info');
    assert.deepEqual(after.stdout.split('\n').slice(0, 11), [...changed, 'Volatile Bit Rate (kbps)        : 57.6', 'Non-Volatile Bit Rate (kbps)    : 57.6']);
    // Back to the defaults for the other tests.
    for (const [k, v] of [
      ['force-encryption', 'true'],
      ['force-authentication', 'true'],
      ['privilege-level', 'user'],
      ['character-accumulate-level', '10'],
      ['character-send-threshold', '96'],
      ['retry-count', '7'],
      ['retry-interval', '50'],
      ['non-volatile-bit-rate', '115.2'],
      ['volatile-bit-rate', '115.2'],
    ])
      assert.equal((await ipmitool('sol', 'set', k, v)).status, 0);
    assert.equal((await ipmitool('sol', 'info')).stdout, INFO(b.port).join('\n'));
  });

  it('sol set refuses what Table 26-5 reserves, with the completion code', async () => {
    const r = await ipmitool('raw', '0x0c', '0x21', '0x01', '0x03', '0x00', '0x10');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /rsp=0xcc/);
    const ro = await ipmitool('raw', '0x0c', '0x21', '0x01', '0x08', '0x6f', '0x02');
    assert.match(ro.stderr, /rsp=0x82/);
    const viewer = await run('ipmitool', [...ipmitoolArgs(b, 'viewer', 'viewpass'), '-L', 'USER', 'sol', 'set', 'enabled', 'false']);
    assert.notEqual(viewer.status, 0);
    assert.match(viewer.stderr, /Insufficient privilege level/);
  });

  it('sol payload status/disable/enable (Get/Set User Payload Access): a user without SOL gets 81h; kept across a restart', async () => {
    assert.equal((await ipmitool('sol', 'payload', 'status', '1', '4')).stdout, 'User 4 on channel 1 is enabled\n');
    const off = await ipmitool('sol', 'payload', 'disable', '1', '4');
    assert.equal(off.status, 0, off.stderr);
    assert.equal((await ipmitool('sol', 'payload', 'status', '1', '4')).stdout, 'User 4 on channel 1 is disabled\n');
    // Only user 4, only channel 1's SOL bit: the raw answer is the four enable bytes.
    assert.equal((await ipmitool('raw', '0x06', '0x4d', '0x01', '0x04')).stdout, ' 00 00 00 00\n');
    assert.equal((await ipmitool('raw', '0x06', '0x4d', '0x01', '0x02')).stdout, ' 02 00 00 00\n');
    const viewer = await run('ipmitool', [...ipmitoolArgs(b, 'viewer', 'viewpass'), '-L', 'USER', 'sol', 'activate']);
    assert.equal(viewer.status, 1);
    assert.equal(viewer.stderr, 'Info: SOL payload disabled\n');
    assert.equal(b.bmc.sol.active, undefined);
    // An acknowledged write is on disk: a restart keeps it.
    await b.close();
    b = await startSolBmc({ stateDir: dir });
    assert.equal((await ipmitool('sol', 'payload', 'status', '1', '4')).stdout, 'User 4 on channel 1 is disabled\n');
    // Administrator only; reserved bits, reserved operations and user 0 are CCh and change nothing.
    const asUser = await run('ipmitool', [...ipmitoolArgs(b, 'viewer', 'viewpass'), '-L', 'USER', 'sol', 'payload', 'enable', '1', '4']);
    assert.match(asUser.stderr, /Error enabling SOL payload for user 4 on channel 1: Insufficient privilege level/);
    for (const bad of [['0x01', '0x04', '0x03', '0x00', '0x00', '0x00'], ['0x01', '0x84', '0x02', '0x00', '0x00', '0x00'], ['0x01', '0x04', '0x02', '0x01', '0x00', '0x00'], ['0x01', '0x00', '0x02', '0x00', '0x00', '0x00']]) {
      const r = await ipmitool('raw', '0x06', '0x4c', ...bad);
      assert.match(r.stderr, /rsp=0xcc/, bad.join(' '));
    }
    assert.match((await ipmitool('raw', '0x06', '0x4c', '0x01', '0x04', '0x02')).stderr, /rsp=0xc7/);
    assert.equal((await ipmitool('sol', 'payload', 'status', '1', '4')).stdout, 'User 4 on channel 1 is disabled\n');
    const on = await ipmitool('sol', 'payload', 'enable', '1', '4');
    assert.equal(on.status, 0, on.stderr);
    assert.equal((await ipmitool('sol', 'payload', 'status', '1', '4')).stdout, 'User 4 on channel 1 is enabled\n');
  });

  it('sol activate on a pty: login prompt, demo login, hostname, ~. leaves and deactivates', async () => {
    const p = await activate();
    await loginRunHostname(p);
    await p.send('~.');
    assert.equal(await p.waitExit(), 0);
    assert.equal(b.bmc.sol.active, undefined);
    const status = await ipmitool('raw', '0x06', '0x4a', '0x01');
    assert.equal(status.stdout, ' 01 00 00\n');
  });

  it('a wrong password is refused by the simulated getty', async () => {
    const p = await activate();
    await p.send('\r');
    await p.expect('vm1 login: ');
    await p.send('root\rwrong\r');
    assert.match(await p.expect('vm1 login: '), /Password: \r\n\r\nLogin incorrect\r\nvm1 login: $/);
    await p.send('~.');
    assert.equal(await p.waitExit(), 0);
  });

  it('one instance per BMC: a second activation gets 80h; sol deactivate from a second session frees it', async () => {
    const p = await activate();
    await p.send('\r');
    await p.expect('login: ');
    const second = await ipmitool('sol', 'activate');
    assert.equal(second.status, 1);
    assert.equal(second.stderr, 'Info: SOL payload already active on another session\n');
    const raw = await ipmitool('raw', '0x06', '0x4a', '0x01');
    assert.equal(raw.stdout, ' 01 01 00\n');
    const info = await ipmitool('raw', '0x06', '0x4b', '0x01', '0x01');
    const owner = b.bmc.sol.active!.session.id;
    const le = Buffer.alloc(4);
    le.writeUInt32LE(owner);
    assert.equal(info.stdout.trim().split(/\s+/).slice(0, 5).join(' '), [...le].map((x) => x.toString(16).padStart(2, '0')).join(' ') + ' 01');
    // A user may not take another session's console; an administrator may.
    const viewer = await run('ipmitool', [...ipmitoolArgs(b, 'viewer', 'viewpass'), '-L', 'USER', 'sol', 'deactivate']);
    assert.match(viewer.stderr, /Error de-activating SOL payload: Insufficient privilege level/);
    const d = await ipmitool('sol', 'deactivate');
    assert.equal(d.status, 0, d.stderr);
    assert.equal(b.bmc.sol.active, undefined);
    assert.equal((await ipmitool('sol', 'deactivate')).stderr, 'Info: SOL payload already de-activated\n');
    // The first ipmitool learns it when its next keystroke goes unanswered.
    await p.send('x');
    assert.equal(await p.waitExit(30), 1);
    assert.match((await p.output()).toString('latin1'), /SOL session closed by BMC/);
    // Free again: a new console activates.
    const again = await activate();
    await again.send('~.');
    assert.equal(await again.waitExit(), 0);
  });

  it('power off silences the console; power on replays the boot to the login prompt and logs OS Boot', async () => {
    const p = await activate();
    assert.equal((await ipmitool('chassis', 'power', 'off')).stdout, 'Chassis Power Control: Down/Off\n');
    await until(() => !b.bmc.sol.console.available, 'the console to go dark');
    const selBefore = b.bmc.sel.count;
    assert.equal((await ipmitool('chassis', 'power', 'on')).stdout, 'Chassis Power Control: Up/On\n');
    const boot = await p.expect('vm1 login: ', 30);
    assert.match(boot, /bmcbridge virtual firmware 2\.05\r\n/);
    assert.match(boot, /GRUB loading\./);
    assert.match(boot, /\] Linux version 6\.1\.0-bmcbridge-amd64 /);
    assert.match(boot, /console=ttyS1,115200n8/);
    assert.match(boot, /Debian GNU\/Linux 12 vm1 ttyS1\r\n\r\nvm1 login: $/);
    await until(() => b.bmc.sel.count === selBefore + 1, 'the OS Boot SEL entry');
    const sel = await ipmitool('sel', 'list');
    assert.match(sel.stdout.trim().split('\n').pop()!, /\| OS Boot \| C: boot completed \| Asserted$/);
    await p.send('~.');
    assert.equal(await p.waitExit(), 0);
  });

  it('~B sends a break: a magic SysRq h prints the SysRq help', async () => {
    const p = await activate();
    await p.send('\r');
    await p.expect('login: ');
    await p.send('\r~B');
    await p.expect('~B [send break]');
    await until(() => b.bmc.sol.active!.engine.counters.breaks === 1, 'the break at the BMC');
    await p.send('h');
    await p.expect('sysrq: HELP : loglevel(0-9) reboot(b) crash(c) poweroff(o)');
    await p.send('\r~.');
    assert.equal(await p.waitExit(), 0);
  });

  it('a dropped session frees the payload after the idle timeout', async () => {
    const short = await startSolBmc({ profile: testProfile({ security: { ...testProfile().security, sessionTimeoutSec: 2 } }), console: fastConsole() });
    try {
      const p = PtyProcess.spawn('ipmitool', [...ipmitoolArgs(short), 'sol', 'activate', 'nokeepalive']);
      open.push(p);
      await p.expect('[SOL Session operational');
      await p.close(); // SIGKILL: no Deactivate Payload, no Close Session
      assert.ok(short.bmc.sol.active, 'still active right after the client vanished');
      await until(() => short.bmc.sol.active === undefined, 'the idle timeout to free the payload', 10_000);
      const st = await run('ipmitool', [...ipmitoolArgs(short), 'raw', '0x06', '0x4a', '0x01']);
      assert.equal(st.stdout, ' 01 00 00\n');
    } finally {
      await short.close();
    }
  });
});
