import Fastify, { type FastifyInstance } from 'fastify';
import { VirtualBmc } from '../../../src/bmc/device';
import { standardHandlers } from '../../../src/bmc/handlers';
import { sessionHandlers } from '../../../src/bmc/handlers/session';
import type { NetworkFaults } from '../../../src/bmc/server';
import { ManualClock } from '../../../src/lib/clock';
import { silentLogger } from '../../../src/lib/logger';
import type { ProfileSpec } from '../../../src/profile/types';
import { controlPlugin } from '../../../src/frontends/control';
import { profileWithTestUsers } from '../../helpers/test-bmc';
import { HARDWARE_FIXTURE } from '../../bmc/hw';

export { HARDWARE_FIXTURE };

/** 2026-01-01T00:00:00Z, ManualClock's default start. */
export const T0 = Date.UTC(2026, 0, 1);

export interface TestFleet {
  clock: ManualClock;
  devices: Map<string, { bmc: VirtualBmc; lan?: { faults: NetworkFaults }; lanAddress?: { host: string; port: number } }>;
  bmc(name?: string): VirtualBmc;
  close(): void;
}

/**
 * Virtual BMCs with the hardware fixture profile (test/bmc/fixtures/hardware.yaml, every reading
 * held still) on one ManualClock, state in memory; "lan" devices get a
 * NetworkFaults object as a LanServer has.
 */
export function testFleet(names: Array<string | { name: string; lan?: boolean; profile?: Partial<ProfileSpec> }> = ['bmc1']): TestFleet {
  const clock = new ManualClock(T0);
  const devices: TestFleet['devices'] = new Map();
  for (const n of names) {
    const o = typeof n === 'string' ? { name: n, lan: true } : n;
    const bmc = new VirtualBmc({ name: o.name, profile: holdStill(profileWithTestUsers(HARDWARE_FIXTURE, o.profile)), clock, log: silentLogger, handlers: [...standardHandlers, ...sessionHandlers] });
    devices.set(o.name, {
      bmc,
      ...(o.lan !== false ? { lan: { faults: { latencyMs: 0, lossRatio: 0, unresponsive: false } }, lanAddress: { host: '127.0.0.1', port: 6230 + devices.size } } : {}),
    });
  }
  return {
    clock,
    devices,
    bmc: (name = [...devices.keys()][0]) => devices.get(name)!.bmc,
    close: () => {
      for (const d of devices.values()) d.bmc.close();
    },
  };
}

/** The fixture's Ramp Temp climbs 1 °C/s from 50 °C: here it holds still, so that only the faults a test injects move. */
export function holdStill(p: ProfileSpec): ProfileSpec {
  return { ...p, sensors: p.sensors?.map((s) => (s.key === 'Ramp Temp' && s.analog ? { ...s, analog: { ...s.analog, behaviour: { kind: 'constant' } } } : s)) };
}

/** The control plugin alone on a fastify instance, for inject(). */
export async function controlApp(fleet: TestFleet, token?: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(controlPlugin, { fleet, token });
  await app.ready();
  return app;
}
