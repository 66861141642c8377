import { VirtualBmc } from '../../src/bmc/device';
import { LanServer } from '../../src/bmc/server';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';
import { silentLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { BmcDevice, connect } from '../../src/client';
import { repositoryForDevices } from '../../src/model/sources/client';
import type { Repository } from '../../src/model/repository';
import type { CimInstance, CimValue } from '../../src/model/types';
import { run, RunResult } from '../helpers/peers';

/**
 * The model end to end: a virtual BMC built from a profile file on 127.0.0.1 (UDP, port 0),
 * our client logged in over RMCP+ (LAN), the Repository over that client (ClientSource), and
 * ipmitool logged in to the same BMC. The BMC runs on a manual clock, so readings hold still
 * between what ipmitool reads and what the model reads.
 */
export const START = Date.UTC(2026, 5, 1, 12);
export const USER = 'admin';
export const PASSWORD = 'password';
/** The inventory name of the device (ComputerSystem.Name). */
export const DEVICE = 'rack1-bmc';

export interface Bench {
  bmc: VirtualBmc;
  port: number;
  device: BmcDevice;
  repo: Repository;
  /** ipmitool -I lanplus -C 3 against the BMC. */
  ipmitool(...args: string[]): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startBench(profileRef = 'generic-1u'): Promise<Bench> {
  const profile = { ...loadProfileRef(profileRef), users: [{ name: USER, password: PASSWORD, privilege: 'administrator' }] } as ProfileSpec;
  const bmc = new VirtualBmc({ name: 'integration', profile, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers], clock: new ManualClock(START) });
  const server = new LanServer(bmc);
  const { port } = await server.listen('127.0.0.1', 0);
  const device = new BmcDevice(connect({ kind: 'lan', host: '127.0.0.1', port, user: USER, password: PASSWORD }));
  // Max age 0: every query reads the BMC again, so the model sees what ipmitool just did.
  const repo = repositoryForDevices([{ name: DEVICE, device }], { maxAgeMs: 0 });
  return {
    bmc,
    port,
    device,
    repo,
    ipmitool: (...args) => run('ipmitool', ['-I', 'lanplus', '-H', '127.0.0.1', '-p', String(port), '-U', USER, '-P', PASSWORD, '-C', '3', ...args]),
    close: async () => {
      await device.close();
      await server.close();
      bmc.close();
    },
  };
}

export async function collect(it: AsyncIterable<CimInstance>): Promise<CimInstance[]> {
  const out: CimInstance[] = [];
  for await (const i of it) out.push(i);
  return out;
}

/** Cells of a `|` table (ipmitool sensor list, sdr elist), trimmed, one array per line. */
export function table(out: string): string[][] {
  return out
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|').map((c) => c.trim()));
}

/** `Key : value` lines (ipmitool sel info, sensor get). */
export function fields(out: string): Record<string, string> {
  const o: Record<string, string> = {};
  for (const l of out.split('\n')) {
    const m = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(l);
    if (m) o[m[1]] = m[2];
  }
  return o;
}

/** A model number in BaseUnits: value x 10^UnitModifier, as ipmitool prints readings (%.3f), or "na". */
export function scaled(v: CimValue, unitModifier: CimValue): string {
  return typeof v === 'number' && typeof unitModifier === 'number' ? (v * 10 ** unitModifier).toFixed(3) : 'na';
}

/** ipmitool's threshold status word for a NumericSensor CurrentState (lib/ipmi_sdr.c: ok, nc, cr, nr; ns without a reading). */
export function statusWord(state: CimValue): string {
  if (state === 'Normal') return 'ok';
  if (typeof state !== 'string' || state === 'Unknown') return 'ns';
  if (/Non-Critical$/.test(state)) return 'nc';
  if (/Critical$/.test(state)) return 'cr';
  if (/Fatal$/.test(state)) return 'nr';
  return `? ${state}`;
}

/**
 * What `ipmitool sensor list` prints for a threshold sensor, from the model's NumericSensor:
 * name, reading, status, then lnr lcr lnc unc ucr unr (CIM Fatal = IPMI non-recoverable).
 */
export function sensorListRow(p: Record<string, CimValue>): string[] {
  const um = p.UnitModifier;
  return [
    String(p.ElementName),
    scaled(p.CurrentReading, um),
    statusWord(p.CurrentState),
    ...['LowerThresholdFatal', 'LowerThresholdCritical', 'LowerThresholdNonCritical', 'UpperThresholdNonCritical', 'UpperThresholdCritical', 'UpperThresholdFatal'].map((k) =>
      scaled(p[k], um),
    ),
  ];
}
