import assert from 'node:assert/strict';
import { RunningBmc } from '../helpers/test-bmc';
import { requirePeers, run } from '../helpers/peers';
import { startIssue2Bmc } from './issue2-common';

/** Issue 2 "Must work with": the ipmitool commands, against a virtual BMC from profiles/generic-1u.yaml. */
describe('issue 2: ipmitool against the virtual BMC (App, Chassis, Transport)', function () {
  requirePeers(this, ['ipmitool']);
  this.timeout(60000);
  let b: RunningBmc;
  before(async () => {
    b = await startIssue2Bmc();
  });
  after(() => b.close());

  const ipmitool = async (args: string[], opts: { user?: string; pass?: string; iface?: string[] } = {}) => {
    const r = await run('ipmitool', [
      '-H', '127.0.0.1', '-p', String(b.port), '-U', opts.user ?? 'admin', '-P', opts.pass ?? 'password',
      ...(opts.iface ?? ['-I', 'lanplus', '-C', '17']), ...args,
    ]);
    return { ...r, out: r.stdout.replace(/[ \t]+\n/g, '\n') };
  };
  const ok = async (args: string[], opts?: Parameters<typeof ipmitool>[1]) => {
    const r = await ipmitool(args, opts);
    assert.equal(r.status, 0, `ipmitool ${args.join(' ')}: ${r.stderr}`);
    return r.out;
  };
  const field = (out: string, name: string) => out.split('\n').find((l) => l.split(':')[0].trim() === name)?.split(':').slice(1).join(':').trim();

  it('mc info, mc guid, mc selftest, raw 0x06 0x01', async () => {
    const info = await ok(['mc', 'info']);
    assert.equal(field(info, 'Manufacturer ID'), '343');
    assert.equal(field(info, 'Firmware Revision'), '2.48');
    assert.equal(field(info, 'Product ID'), '2860 (0x0b2c)');
    assert.equal(field(await ok(['mc', 'guid']), 'System GUID'), b.bmc.profile.identity.systemGuid);
    assert.equal((await ok(['mc', 'selftest'])).trim(), 'Selftest: passed');
    assert.equal((await ok(['raw', '0x06', '0x01'])).trim(), '20 01 02 48 02 9f 57 01 00 2c 0b 00 00 00 00');
  });

  it('mc watchdog off, reset, get', async () => {
    assert.match(await ok(['mc', 'watchdog', 'off']), /Watchdog Timer Shutoff successful -- timer stopped/);
    assert.match(await ok(['mc', 'watchdog', 'reset']), /countdown restarted/);
    const get = await ok(['mc', 'watchdog', 'get']);
    assert.equal(field(get, 'Watchdog Timer Use'), 'SMS/OS (0x44)');
    assert.equal(field(get, 'Watchdog Timer Is'), 'Started/Running');
    assert.equal(field(get, 'Initial Countdown'), '300.0 sec');
    await ok(['mc', 'watchdog', 'off']);
    assert.equal(b.bmc.watchdog.running, false);
  });

  it('chassis status, power status/off/on/cycle/reset/soft, restart_cause, poh', async () => {
    const status = await ok(['chassis', 'status']);
    assert.equal(field(status, 'System Power'), 'on');
    assert.equal(field(status, 'Power Restore Policy'), 'always-off');
    assert.equal((await ok(['chassis', 'power', 'off'])).trim(), 'Chassis Power Control: Down/Off');
    assert.equal((await ok(['chassis', 'power', 'status'])).trim(), 'Chassis Power is off');
    assert.equal((await ok(['chassis', 'power', 'on'])).trim(), 'Chassis Power Control: Up/On');
    assert.equal((await ok(['chassis', 'power', 'status'])).trim(), 'Chassis Power is on');
    assert.equal((await ok(['chassis', 'restart_cause'])).trim(), 'System restart cause: chassis power control command');
    assert.equal((await ok(['chassis', 'power', 'cycle'])).trim(), 'Chassis Power Control: Cycle');
    assert.equal(b.bmc.chassis.power, 'off');
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await ok(['chassis', 'power', 'status'])).trim(), 'Chassis Power is on');
    assert.equal((await ok(['chassis', 'power', 'reset'])).trim(), 'Chassis Power Control: Reset');
    assert.equal((await ok(['chassis', 'power', 'soft'])).trim(), 'Chassis Power Control: Soft');
    assert.equal((await ok(['chassis', 'power', 'status'])).trim(), 'Chassis Power is off');
    await ok(['chassis', 'power', 'on']);
    assert.equal((await ok(['chassis', 'poh'])).trim(), 'POH Counter  : 0 days, 0 hours');
  });

  it('a User-level login cannot power off (D4h)', async () => {
    const r = await ipmitool(['-L', 'USER', 'chassis', 'power', 'off'], { user: 'viewer', pass: 'viewpass' });
    assert.match(r.stderr, /Insufficient privilege level/);
    assert.equal(b.bmc.chassis.power, 'on');
  });

  it('chassis identify', async () => {
    assert.equal((await ok(['chassis', 'identify'])).trim(), 'Chassis identify interval: default (15 seconds)');
    assert.equal(b.bmc.chassis.identifyState(), 1);
    await ok(['chassis', 'identify', '0']);
    assert.equal(b.bmc.chassis.identifyState(), 0);
  });

  it('chassis bootdev pxe, then chassis bootparam get 5 shows Force PXE and a valid flag', async () => {
    assert.equal((await ok(['chassis', 'bootdev', 'pxe'])).trim(), 'Set Boot Device to pxe');
    const p = await ok(['chassis', 'bootparam', 'get', '5']);
    assert.match(p, /Boot parameter 5 is valid\/unlocked/);
    assert.match(p, /- Boot Flag Valid\n/);
    assert.match(p, /Boot Device Selector : Force PXE/);
  });

  it('lan print 1 prints the profile\'s config; lan set 1 ipaddr changes it without retries', async () => {
    const lan = await ok(['lan', 'print', '1']);
    assert.equal(field(lan, 'IP Address Source'), 'Static Address');
    assert.equal(field(lan, 'IP Address'), '192.0.2.10');
    assert.equal(field(lan, 'Subnet Mask'), '255.255.255.0');
    assert.equal(field(lan, 'MAC Address'), '02:00:5e:10:00:10');
    assert.equal(field(lan, 'Default Gateway IP'), '192.0.2.1');
    assert.equal(field(lan, 'RMCP+ Cipher Suites'), '1,2,3,6,7,8,11,12,15,16,17');
    assert.equal(field(lan, 'Cipher Suite Priv Max'), 'XaaaXXaaaXXaaXX');
    const t0 = Date.now();
    assert.equal((await ok(['lan', 'set', '1', 'ipaddr', '10.1.2.3'])).trim(), 'Setting LAN IP Address to 10.1.2.3');
    assert.ok(Date.now() - t0 < 3000, `lan set took ${Date.now() - t0} ms (ipmitool sleeps 1 s per read-back mismatch)`);
    assert.equal(field(await ok(['lan', 'print', '1']), 'IP Address'), '10.1.2.3');
    assert.equal(b.bmc.lan.ipAddress(), '10.1.2.3');
  });

  it('user list 1, user set name/password, user priv, user enable/disable', async () => {
    const list = await ok(['user', 'list', '1']);
    assert.match(list, /^2\s+admin\s+true\s+true\s+true\s+ADMINISTRATOR$/m);
    assert.match(list, /^4\s+viewer\s+true\s+true\s+true\s+USER$/m);
    assert.equal(list.trim().split('\n').length, 1 + 15, 'header + maxUsers rows');
    await ok(['user', 'set', 'name', '5', 'alice']);
    assert.match(await ok(['user', 'set', 'password', '5', 'secret123']), /Set User Password command successful \(user 5\)/);
    assert.match(await ok(['user', 'priv', '5', '3', '1']), /Set Privilege Level command successful \(user 5\)/);
    await ok(['user', 'enable', '5']);
    assert.equal((await ok(['user', 'test', '5', '16', 'secret123'])).trim(), 'Success');
    assert.match(await ok(['user', 'list', '1']), /^5\s+alice\s+true\s+false\s+false\s+OPERATOR$/m);
    assert.equal(b.bmc.users.get(5)!.enabled, true);
    await ok(['user', 'disable', '5']);
    assert.equal(b.bmc.users.get(5)!.enabled, false);
  });

  it('channel info, channel getaccess 1, channel getciphers ipmi 1', async () => {
    const info = await ok(['channel', 'info']);
    assert.match(info, /Channel Medium Type\s+: 802.3 LAN/);
    assert.match(info, /Session Support\s+: multi-session/);
    assert.match(info, /Active Session Count\s+: 1/);
    const access = await ok(['channel', 'getaccess', '1']);
    assert.match(access, /Maximum User IDs\s+: 15/);
    assert.match(access, /User Name\s+: admin\n.*\n.*\n.*\n.*\nPrivilege Level\s+: ADMINISTRATOR/);
    const ciphers = await ok(['channel', 'getciphers', 'ipmi', '1']);
    assert.match(ciphers, /^17\s+N\/A\s+hmac_sha256\s+sha256_128\s+aes_cbc_128$/m);
  });

  it('over IPMI v1.5 (-I lan): chassis status with MD5 and with a straight password', async () => {
    for (const auth of ['MD5', 'PASSWORD']) {
      const out = await ok(['-A', auth, 'chassis', 'power', 'status'], { iface: ['-I', 'lan'] });
      assert.equal(out.trim(), 'Chassis Power is on', auth);
    }
  });
  it('session info active shows this session; mc reset cold drops every session', async () => {
    const info = await ok(['session', 'info', 'active']);
    assert.equal(field(info, 'user id'), '2');
    assert.equal(field(info, 'privilege level'), 'ADMINISTRATOR');
    assert.equal(field(info, 'session type'), 'IPMIv2/RMCP+');
    assert.equal(field(info, 'channel number'), '0x01');
    assert.equal(field(info, 'console ip'), '127.0.0.1');
    assert.equal(field(info, 'active sessions'), '1');
    assert.match(await ok(['mc', 'reset', 'cold']), /Sent cold reset command to MC/);
    // ipmitool does not close its session after a cold reset; the BMC dropped it.
    assert.equal(b.bmc.sessions.active.size, 0);
  });
});
