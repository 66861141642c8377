import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import path from 'node:path';
import { requirePeers, run } from '../../helpers/peers';
import { startHardwareBmc, lines } from '../../interop/hardware-common';
import { ControlClient, createControlServer, type ControlServer } from '../../../src/frontends/control';
import { connect } from '../../../src/client';
import { GetDeviceId } from '../../../src/codec/commands/app/get-device-id';
import { startIpmiExporter, get, type HttpProc } from '../metrics/peers';

type Bmc = Awaited<ReturnType<typeof startHardwareBmc>>;

/**
 * Faults injected through the control API over HTTP, seen where a user looks (issue 3): a
 * generic-1u virtual BMC on UDP, ipmitool 1.8.19, FreeIPMI 1.6 and Debian's
 * prometheus-ipmi-exporter 1.6.1 against it.
 */
describe('control API: injected faults seen by ipmitool, FreeIPMI and ipmi_exporter', function () {
  requirePeers(this, ['ipmitool', 'ipmi-sensors', 'ipmimonitoring', 'ipmi-sel', 'prometheus-ipmi-exporter']);
  this.timeout(120_000);
  let b: Bmc;
  let control: ControlServer;
  let api: ControlClient;
  let exporter: HttpProc | undefined;

  before(async () => {
    b = await startHardwareBmc('generic-1u');
    control = createControlServer({ fleet: { devices: new Map([['vbmc', { bmc: b.bmc, lan: b.server, lanAddress: { host: '127.0.0.1', port: b.port } }]]) }, port: 0 });
    const a = await control.listen();
    api = new ControlClient({ url: `http://127.0.0.1:${a.port}` });
  });
  after(async () => {
    await exporter?.stop();
    await control?.close();
    await b?.close();
  });
  afterEach(async () => {
    await api.request('DELETE', '/v1/devices/vbmc/network');
  });

  const ipmitool = (args: string[], opts: { timeoutSec?: number; retries?: number } = {}) =>
    run('ipmitool', ['-I', 'lanplus', '-C', '17', '-H', '127.0.0.1', '-p', String(b.port), '-U', 'admin', '-P', 'password', '-N', String(opts.timeoutSec ?? 1), '-R', String(opts.retries ?? 2), ...args], { timeout: 60_000 });
  const ok = async (...args: string[]) => {
    const r = await ipmitool(args);
    assert.equal(r.status, 0, `ipmitool ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const put = async (method: 'PUT' | 'POST' | 'DELETE', p: string, body?: unknown) => {
    const r = await api.request(method, p, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as Record<string, unknown>;
  };

  it('a fan failed through the API reads 0 RPM, is critical in sdr elist and ipmi-sensors, its events are in sel elist, ipmi_fan_speed_state is 2', async () => {
    const fan = await put('PUT', ControlClient.path`/v1/devices/vbmc/sensors/${'System Fan 2'}/value`, { value: 0 });
    assert.deepEqual([fan.value, fan.status], [0, 'lcr']);
    // generic-1u: System Fan 2 is sensor 32h on entity 29.2, LC 1696 RPM, LNC 1961 RPM.
    assert.ok(lines(await ok('sdr', 'elist')).includes('System Fan 2     | 32h | lcr | 29.2 | 0 RPM'));
    assert.ok(lines(await ok('sdr', 'list')).includes('System Fan 2     | 0 RPM             | cr'));
    const fi = await run('ipmi-sensors', ['-h', `127.0.0.1:${b.port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', 'LAN_2_0', '--quiet-cache', '--sdr-cache-directory', b.tmp, '--output-sensor-state'], { timeout: 60_000 });
    assert.equal(fi.status, 0, fi.stderr);
    assert.match(fi.stdout, /\| System Fan 2 +\| Fan +\| Critical \| 0\.00 +\| RPM +\| 'At or Below \(<=\) Lower Critical Threshold'/);
    const sel = lines(await ok('sel', 'elist')).map((l) => l.split('|').slice(3).join('|').trim());
    assert.deepEqual(
      sel.filter((l) => l.includes('System Fan 2')),
      ['Fan System Fan 2 | Lower Non-critical going low  | Asserted | Reading 0 < Threshold 1961 RPM', 'Fan System Fan 2 | Lower Critical going low  | Asserted | Reading 0 < Threshold 1696 RPM'],
    );
    exporter = await startIpmiExporter(path.join(__dirname, 'fixtures', 'ipmi_exporter.yml'));
    const m = (await get(`${exporter.url}/ipmi?target=127.0.0.1:${b.port}&module=vbmc`)).body;
    assert.match(m, /^ipmi_up\{collector="ipmi"\} 1$/m);
    assert.match(m, /^ipmi_fan_speed_state\{id="\d+",name="System Fan 2"\} 2$/m);
    assert.match(m, /^ipmi_fan_speed_rpm\{id="\d+",name="System Fan 2"\} 0$/m);
    assert.match(m, /^ipmi_fan_speed_state\{id="\d+",name="System Fan 1"\} 0$/m);
    // Back to the profile: the fan runs again and the exporter says so.
    await put('DELETE', ControlClient.path`/v1/devices/vbmc/sensors/${'System Fan 2'}/override`);
    const m2 = (await get(`${exporter.url}/ipmi?target=127.0.0.1:${b.port}&module=vbmc`)).body;
    assert.match(m2, /^ipmi_fan_speed_state\{id="\d+",name="System Fan 2"\} 0$/m);
  });

  it('a pulled power supply and an open chassis show in sdr elist and sel elist', async () => {
    await put('POST', ControlClient.path`/v1/devices/vbmc/sensors/${'PS1 Status'}/assert`, { state: 'Power Supply AC lost' });
    await put('POST', ControlClient.path`/v1/devices/vbmc/sensors/${'Physical Scrty'}/assert`, { state: 'General Chassis intrusion' });
    const elist = lines(await ok('sdr', 'elist'));
    assert.ok(elist.includes('PS1 Status       | 50h | ok  | 10.1 | Presence detected, Power Supply AC lost'), elist.join('\n'));
    assert.ok(elist.includes('Physical Scrty   | 04h | ok  | 23.1 | General Chassis intrusion'), elist.join('\n'));
    const sel = lines(await ok('sel', 'elist')).map((l) => l.split('|').slice(3).join('|').trim());
    assert.deepEqual(sel.slice(-2), ['Power Supply PS1 Status | Power Supply AC lost | Asserted', 'Physical Security Physical Scrty | General Chassis intrusion | Asserted']);
    await put('DELETE', ControlClient.path`/v1/devices/vbmc/sensors/${'PS1 Status'}/override`);
    await put('DELETE', ControlClient.path`/v1/devices/vbmc/sensors/${'Physical Scrty'}/override`);
  });

  it('unresponsive: ipmitool gives up; cleared: it answers again', async () => {
    await put('PUT', '/v1/devices/vbmc/network', { unresponsive: true });
    const r = await ipmitool(['mc', 'info'], { timeoutSec: 1, retries: 1 });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Unable to establish IPMI v2 \/ RMCP\+ session/);
    await put('DELETE', '/v1/devices/vbmc/network');
    assert.match(await ok('mc', 'info'), /Manufacturer ID\s+: 343/);
  });

  it('latency: every exchange of a session waits that long', async () => {
    const t0 = Date.now();
    await ok('mc', 'info');
    const fast = Date.now() - t0;
    await put('PUT', '/v1/devices/vbmc/network', { latencyMs: 300 });
    const t1 = Date.now();
    // -N 3: a reply 300 ms late is still within ipmitool's timeout.
    const r = await ipmitool(['mc', 'info'], { timeoutSec: 3 });
    const slow = Date.now() - t1;
    assert.equal(r.status, 0, r.stderr);
    // lanplus with -C 17: Get Channel Authentication Capabilities, Open Session, RAKP 1, RAKP 3,
    // Set Session Privilege, Get Device ID, Close Session: at least 7 replies, each 300 ms late.
    assert.ok(slow >= 7 * 300, `mc info took ${slow} ms with 300 ms latency (${fast} ms without)`);
  });

  it('packet loss: ipmitool runs into timeouts and gets through again; at ratio 1 nothing answers', async () => {
    await put('PUT', '/v1/devices/vbmc/network', { lossRatio: 0.1 });
    // ipmitool does not retransmit every step of an RMCP+ login, so a run may fail: try until one
    // run got through and the BMC dropped something (each datagram is dropped with p = 0.1).
    const before = { ...b.server.stats };
    let passed = 0;
    let failed = 0;
    for (let i = 0; i < 20 && (passed === 0 || b.server.stats.received - before.received === b.server.stats.replied - before.replied); i++) {
      const r = await ipmitool(['mc', 'info'], { timeoutSec: 1, retries: 4 });
      if (r.status === 0) passed++;
      else failed++;
    }
    const received = b.server.stats.received - before.received;
    const replied = b.server.stats.replied - before.replied;
    assert.ok(passed > 0, `no ipmitool run got through (${failed} failed)`);
    assert.ok(received > replied, `received ${received}, replied ${replied}`);
    // Everything is dropped at ratio 1: RMCP presence pings go unanswered (v2.0 §13.2.3).
    await put('PUT', '/v1/devices/vbmc/network', { lossRatio: 1 });
    assert.equal(await pongs(b.port, 20), 0);
    const r = await ipmitool(['mc', 'info'], { timeoutSec: 1, retries: 1 });
    assert.notEqual(r.status, 0);
    await put('PUT', '/v1/devices/vbmc/network', { lossRatio: 0 });
    assert.equal(await pongs(b.port, 20), 20);
    assert.match(await ok('mc', 'info'), /Manufacturer ID\s+: 343/);
  });

  it('reboot drops every session; with downSec the BMC is silent, then answers again', async () => {
    const client = connect({ kind: 'lan', host: '127.0.0.1', port: b.port, user: 'admin', password: 'password', cipherSuite: 17, timeoutMs: 500, retries: 1 });
    try {
      await client.call(GetDeviceId, {});
      // Ours, and any an ipmitool run of an earlier test left open.
      const before = [...b.bmc.sessions.active.keys()];
      assert.ok(before.length >= 1);
      const r = await put('POST', '/v1/devices/vbmc/reboot', { downSec: 2 });
      assert.equal(r.sessionsClosed, before.length);
      assert.equal(b.bmc.sessions.active.size, 0);
      assert.equal(await pongs(b.port, 3), 0);
      await new Promise((res) => setTimeout(res, 2100));
      assert.equal(await pongs(b.port, 3), 3);
      // The client's old session is gone: it logs in again (a new session ID) or fails; either way not the old one.
      await client.call(GetDeviceId, {}).catch(() => undefined);
      assert.ok([...b.bmc.sessions.active.keys()].every((id) => !before.includes(id)));
      assert.match(await ok('mc', 'info'), /Device ID\s+: 32/);
    } finally {
      await client.close();
    }
  });
});

/** How many of n RMCP presence pings (v2.0 §13.2.3) get a pong within 300 ms each. */
async function pongs(port: number, n: number): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  let got = 0;
  s.on('message', () => got++);
  try {
    for (let i = 0; i < n; i++) {
      // RMCP v1.0, seq FFh, class ASF; IANA 4542, Presence Ping (80h), tag i, data length 0.
      s.send(Buffer.from([0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, i & 0xff, 0x00, 0x00]), port, '127.0.0.1');
    }
    await new Promise((r) => setTimeout(r, 300));
    return got;
  } finally {
    s.close();
  }
}
