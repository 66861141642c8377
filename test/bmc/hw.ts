import path from 'node:path';
import { loadProfileRef } from '../../src/profile';
import type { HardwareSpec, ProfileSpec } from '../../src/profile/types';
import { harness, Harness } from './harness';
import type { ManualClock } from '../../src/lib/clock';

/** The hardware test profile (fixtures/hardware.yaml), loaded by the real loader. */
export const HARDWARE_FIXTURE = path.join(__dirname, 'fixtures', 'hardware.yaml');

const KEYS = ['sdr', 'sensors', 'fru', 'sel', 'dcmi', 'simulation'] as const;

/** The hardware sections of a profile file (so the rest comes from harness.ts's users and identity). */
export function hardwareOf(ref: string = HARDWARE_FIXTURE): HardwareSpec {
  const p = loadProfileRef(ref);
  const out: Record<string, unknown> = {};
  for (const k of KEYS) out[k] = p[k];
  return out as HardwareSpec;
}

/** A harness (harness.ts) whose BMC has the hardware of a profile file. */
export function hwHarness(opts: { profile?: Partial<ProfileSpec>; stateDir?: string; clock?: ManualClock; ref?: string } = {}): Harness {
  return harness({ profile: { ...hardwareOf(opts.ref), ...opts.profile }, stateDir: opts.stateDir, clock: opts.clock });
}

/** "cc data..." of a response as spaced hex, split: [cc, data]. */
export function split(r: string): [string, string] {
  const i = r.indexOf(' ');
  return i < 0 ? [r, ''] : [r.slice(0, i), r.slice(i + 1)];
}
