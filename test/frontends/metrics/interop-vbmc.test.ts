import assert from 'node:assert/strict';
import path from 'node:path';
import { VirtualBmc } from '../../../src/bmc/device';
import { LanServer } from '../../../src/bmc/server';
import { handle, type BoundHandler } from '../../../src/bmc/dispatch';
import { sessionHandlers } from '../../../src/bmc/handlers/session';
import { standardHandlers } from '../../../src/bmc/handlers';
import { GetChassisStatus } from '../../../src/codec/commands/chassis/get-chassis-status';
import { silentLogger } from '../../../src/lib/logger';
import { clientInventory } from '../../../src/frontends/metrics/client-device';
import { createMetricsServer, loadModulesConfig, parseModulesConfig, type MetricsServer } from '../../../src/frontends/metrics';
import { connect } from '../../../src/client';
import { SetWatchdogTimer } from '../../../src/codec/commands/app/set-watchdog-timer';
import { loadProfileRef } from '../../../src/profile';
import { requirePeers, run } from '../../helpers/peers';
import { compareWithIpmiExporter, parseExposition, type Exposition } from './expo';
import { EXPORTER_CONFIG, FIXTURES, get, startIpmiExporter, type HttpProc } from './peers';

/**
 * bmcbridge's virtual BMC with the profile test/fixtures/exporter/profiles/exporter-bench.yaml
 * (the ipmi_sim BMC's 13 sensors plus DCMI, a percent fan and discrete sensors), reached over
 * UDP through the device layer: side by side with ipmi_exporter 1.6.1 and FreeIPMI's ipmi-sel,
 * and the faults of issue 7 with recovery.
 */
let chassisDelayMs = 0;
const chassis = standardHandlers.find((h) => h.def === GetChassisStatus)!;
const handlers: BoundHandler<VirtualBmc>[] = [
  ...sessionHandlers,
  ...standardHandlers.filter((h) => h !== chassis),
  // Get Chassis Status answers after chassisDelayMs: a collector slower than the scrape timeout.
  handle(GetChassisStatus, async (req, ctx) => {
    if (chassisDelayMs) await new Promise((r) => setTimeout(r, chassisDelayMs));
    return chassis.fn(req, ctx);
  }),
];
const PROFILE = path.join(FIXTURES, 'profiles/exporter-bench.yaml');
const profile = () => loadProfileRef(PROFILE);

interface Vbmc {
  port: number;
  close(): Promise<void>;
}
async function startVbmc(port = 0): Promise<Vbmc> {
  const bmc = new VirtualBmc({ name: 'vbmc', profile: profile(), log: silentLogger, handlers });
  const server = new LanServer(bmc);
  const a = await server.listen('127.0.0.1', port);
  return {
    port: a.port,
    close: async () => {
      await server.close();
      bmc.close();
    },
  };
}

describe('metrics interop: bmcbridge over its own virtual BMC (UDP), beside ipmi_exporter 1.6.1; faults and recovery', function () {
  requirePeers(this, ['prometheus-ipmi-exporter', 'ipmimonitoring', 'ipmi-sensors', 'bmc-info', 'ipmi-chassis', 'ipmi-dcmi', 'ipmi-sel', 'ipmi-raw']);
  this.timeout(60000);
  let vbmc: Vbmc;
  let exporter: HttpProc;
  let bridge: MetricsServer;
  let url = '';
  const scrape = async (q: string, timeout?: number): Promise<Exposition> => {
    const r = await get(url + q, timeout === undefined ? {} : { 'X-Prometheus-Scrape-Timeout-Seconds': String(timeout) });
    assert.equal(r.status, 200, r.body);
    return parseExposition(r.body);
  };
  const up = (e: Exposition) => Object.fromEntries([...e.get('ipmi_up')!.samples].map(([k, v]) => [k.replace(/^collector="(.*)"$/, '$1'), v]));
  const errors = (e: Exposition) => [...(e.get('ipmi_collector_error')?.samples.keys() ?? [])].sort();
  const selfValue = async (family: string, key: string) => Number(parseExposition((await get(url + '/metrics')).body).get(family)?.samples.get(key));

  let started = 0;
  before(async () => {
    started = Date.now();
    vbmc = await startVbmc();
    exporter = await startIpmiExporter();
    // ipmi_exporter 1.6.1 refuses a file naming bmc-watchdog: that module is bmcbridge's only.
    const shared = loadModulesConfig(EXPORTER_CONFIG);
    const own = parseModulesConfig(`
modules:
  watchdog:
    collectors: [bmc-watchdog]
  selevents:
    collectors: [sel-events]
    sel_events:
      - { name: psu_failure, regex: "^Power Supply Failure detected" }
      - { name: thresholds, regex: "(?i)going (high|low)" }
`);
    bridge = createMetricsServer({
      modules: { modules: new Map([...shared.modules, ...own.modules]), warnings: [] },
      inventory: clientInventory({
        devices: [{ name: 'vbmc', kind: 'sim', address: `127.0.0.1:${vbmc.port}` }],
        clientTarget: () => ({ kind: 'lan', host: '127.0.0.1', port: vbmc.port, user: 'admin', password: 'password', timeoutMs: 250, retries: 3, backoff: 1.5 }),
      }),
      port: 0,
      processMetrics: false,
    });
    url = `http://127.0.0.1:${(await bridge.listen()).port}`;
  });
  after(async () => {
    await bridge?.close();
    await exporter?.stop();
    await vbmc?.close();
  });

  it('the same names, HELP, label sets and values as ipmi_exporter for every collector of 1.6.1 (up and down alike)', async () => {
    const q = `/ipmi?target=127.0.0.1:${vbmc.port}&module=vbmc`;
    const theirs = parseExposition((await get(exporter.url + q)).body);
    const ours = await scrape(q);
    compareWithIpmiExporter(ours, theirs);
    // Every collector but the Supermicro OEM one is up on both; spot checks so that agreeing on nothing cannot pass.
    assert.deepEqual(up(theirs), { bmc: '1', chassis: '1', dcmi: '1', ipmi: '1', sel: '1', 'sm-lan-mode': '0' });
    assert.deepEqual(errors(ours), ['collector="sm-lan-mode",reason="unsupported"']);
    // "3.1.7 (2024-05-01)" as ipmi_exporter's [0-9.]* reads it out of bmc-info.
    assert.deepEqual([...ours.get('ipmi_bmc_info')!.samples.keys()], ['bmc_url="N/A",firmware_revision="1.42",manufacturer_id="49871",system_firmware_version="3.1.7"']);
    const v = (family: string, key: string) => ours.get(family)?.samples.get(key);
    assert.equal(v('ipmi_temperature_state', 'id="4",name="Exhaust Temp"'), '2');
    assert.equal(v('ipmi_sensor_state', 'id="14",name="PSU2 Status",type="Power Supply"'), '2');
    assert.equal(v('ipmi_sensor_state', 'id="16",name="Drive 0",type="Drive Slot"'), '0');
    assert.equal(v('ipmi_fan_speed_ratio', 'id="18",name="FAN4 Duty"'), '0.42');
    assert.equal(v('ipmi_voltage_volts', 'id="9",name="5V"'), '5.01');
    assert.equal(v('ipmi_dcmi_power_consumption_watts', ''), '212');
    assert.equal(v('ipmi_sel_logs_count', ''), '5');
    assert.equal(ours.get('ipmi_temperature_celsius')!.samples.size, 4);
  });

  it('a warm scrape is 25 requests in the kept session: no login, no SDR re-read, no re-asking what the BMC lacks', async () => {
    const q = `/ipmi?target=vbmc&module=vbmc`;
    await scrape(q);
    const before = { req: await selfValue('bmcbridge_ipmi_requests_total', 'target="vbmc"'), sess: await selfValue('bmcbridge_ipmi_sessions_opened_total', 'target="vbmc"') };
    await scrape(q);
    // 18 sensor readings + Get SDR Repository Info + Get Device ID + System Info parameter 1 in
    // two blocks ("3.1.7 (2024-05-01)" is 18 bytes) + Get Chassis Status + Get Power Reading +
    // Get SEL Info. Not sent again: the BMC URL parameter (80h) and the Supermicro command (C1h).
    assert.equal((await selfValue('bmcbridge_ipmi_requests_total', 'target="vbmc"')) - before.req, 25);
    assert.equal(await selfValue('bmcbridge_ipmi_sessions_opened_total', 'target="vbmc"'), before.sess);
    const e = await scrape(q);
    assert.deepEqual(errors(e), ['collector="sm-lan-mode",reason="unsupported"']);
  });

  it('sel-events (upstream 1.8, not in 1.6.1): the states and regex matches of FreeIPMI\'s ipmi-sel on the same SEL', async () => {
    const sel = await run('ipmi-sel', ['-h', `127.0.0.1:${vbmc.port}`, '-u', 'admin', '-p', 'password', '-l', 'admin', '-D', 'LAN_2_0', '--comma-separated-output', '--no-header-output', '--output-event-state', '--ignore-sdr-cache']);
    assert.equal(sel.status, 0, sel.stderr);
    const rows = sel.stdout.trim().split('\n').map((l) => l.split(','));
    assert.equal(rows.length, 5);
    const byState = new Map<string, number>();
    for (const r of rows) byState.set(r[5], (byState.get(r[5]) ?? 0) + 1);
    const matches = (re: RegExp) => String(rows.filter((r) => re.test(r.slice(6).join(','))).length);
    const e = await scrape('/ipmi?target=vbmc&module=selevents');
    assert.deepEqual(Object.fromEntries([...e.get('ipmi_sel_events_count_by_state')!.samples].map(([k, n]) => [k.replace(/^state="(.*)"$/, '$1'), Number(n)])), Object.fromEntries(byState));
    const byName = e.get('ipmi_sel_events_count_by_name')!.samples;
    assert.equal(byName.get('name="psu_failure"'), matches(/^Power Supply Failure detected/));
    assert.equal(byName.get('name="thresholds"'), matches(/going (high|low)/i));
    assert.equal(byName.get('name="psu_failure"'), '2');
    assert.equal(byName.get('name="thresholds"'), '2');
    // The latest PSU failure event is the deassertion, 1800 s before the BMC started.
    const latest = Number(e.get('ipmi_sel_events_latest_timestamp')!.samples.get('name="psu_failure"'));
    assert.ok(Math.abs(latest - (started / 1000 - 1800)) < 5, `latest ${latest}`);
  });

  it('bmc-watchdog (upstream 1.8, not in 1.6.1): the watchdog as Set Watchdog Timer left it', async () => {
    const client = connect({ kind: 'lan', host: '127.0.0.1', port: vbmc.port, user: 'admin', password: 'password' });
    try {
      await client.call(SetWatchdogTimer, {
        use: { dontLog: true, dontStop: false, timerUse: 4 },
        actions: { preTimeoutInterrupt: 2, timeoutAction: 3 },
        preTimeoutIntervalSec: 15,
        clearFlags: { oem: false, smsOs: false, osLoad: false, biosPost: false, biosFrb2: false },
        initialCountdown100ms: 3000,
      });
    } finally {
      await client.close();
    }
    const e = await scrape('/ipmi?target=vbmc&module=watchdog');
    const lines = [...e].filter(([n]) => n.startsWith('ipmi_bmc_watchdog_')).flatMap(([n, f]) => [...f.samples].map(([k, v]) => `${n}{${k}} ${v}`));
    assert.deepEqual(lines.sort(), [
      'ipmi_bmc_watchdog_current_countdown_seconds{} 300',
      'ipmi_bmc_watchdog_initial_countdown_seconds{} 300',
      'ipmi_bmc_watchdog_logging_state{} 0',
      'ipmi_bmc_watchdog_pretimeout_interrupt_state{interrupt="Messaging Interrupt"} 0',
      'ipmi_bmc_watchdog_pretimeout_interrupt_state{interrupt="NMI / Diagnostic Interrupt"} 1',
      'ipmi_bmc_watchdog_pretimeout_interrupt_state{interrupt="None"} 0',
      'ipmi_bmc_watchdog_pretimeout_interrupt_state{interrupt="SMI"} 0',
      'ipmi_bmc_watchdog_pretimeout_interval_seconds{} 15',
      'ipmi_bmc_watchdog_timeout_action_state{action="Hard Reset"} 0',
      'ipmi_bmc_watchdog_timeout_action_state{action="None"} 0',
      'ipmi_bmc_watchdog_timeout_action_state{action="Power Cycle"} 1',
      'ipmi_bmc_watchdog_timeout_action_state{action="Power Down"} 0',
      'ipmi_bmc_watchdog_timer_state{} 0',
      'ipmi_bmc_watchdog_timer_use_state{name="BIOS FRB2"} 0',
      'ipmi_bmc_watchdog_timer_use_state{name="BIOS POST"} 0',
      'ipmi_bmc_watchdog_timer_use_state{name="OEM"} 0',
      'ipmi_bmc_watchdog_timer_use_state{name="OS LOAD"} 0',
      'ipmi_bmc_watchdog_timer_use_state{name="SMS/OS"} 1',
    ]);
  });

  it('a BMC restarted between scrapes: the next scrape logs in again by itself and is complete', async () => {
    const q = '/ipmi?target=vbmc&module=vbmc-fast';
    assert.deepEqual(up(await scrape(q)), { bmc: '1', chassis: '1' });
    const sessions = await selfValue('bmcbridge_ipmi_sessions_opened_total', 'target="vbmc"');
    await vbmc.close();
    vbmc = await startVbmc(vbmc.port);
    assert.deepEqual(up(await scrape(q)), { bmc: '1', chassis: '1' });
    assert.equal(await selfValue('bmcbridge_ipmi_sessions_opened_total', 'target="vbmc"'), sessions + 1);
  });

  it('a target that does not answer: reason "timeout" within the scrape; when it is back, the next scrape recovers', async () => {
    const q = '/ipmi?target=vbmc&module=vbmc-fast';
    await vbmc.close();
    const e = await scrape(q, 8);
    assert.deepEqual(up(e), { bmc: '0', chassis: '0' });
    assert.deepEqual(errors(e), ['collector="bmc",reason="timeout"', 'collector="chassis",reason="timeout"']);
    vbmc = await startVbmc(vbmc.port);
    assert.deepEqual(up(await scrape(q, 8)), { bmc: '1', chassis: '1' });
  });

  it('a wrong password: reason "auth"; the right module on the same BMC is unaffected', async () => {
    const e = await scrape(`/ipmi?target=127.0.0.1:${vbmc.port}&module=wrongpass`);
    assert.deepEqual(errors(e), ['collector="chassis",reason="auth"', 'collector="ipmi",reason="auth"']);
    assert.equal(up(await scrape(`/ipmi?target=127.0.0.1:${vbmc.port}&module=vbmc-fast`)).chassis, '1');
  });

  it('a scrape timeout shorter than a collector: answered by the deadline with that collector down ("deadline"); the next scrape has it', async () => {
    const q = '/ipmi?target=vbmc&module=vbmc-fast';
    chassisDelayMs = 1500;
    try {
      const e = await scrape(q, 1);
      assert.deepEqual(up(e), { bmc: '1', chassis: '0' });
      assert.deepEqual(errors(e), ['collector="chassis",reason="deadline"']);
    } finally {
      chassisDelayMs = 0;
    }
    // The slow Get Chassis Status still completes in the background (1.5 s after it was asked).
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(up(await scrape(q, 1)), { bmc: '1', chassis: '1' });
  });
});
