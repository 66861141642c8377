import type { BehaviourSpec } from '../../profile/types';
import { randSigned } from './random';

/**
 * A sensor's behaviour as a function of wall-clock time (ms). Values are computed when asked
 * for, never on a timer: 100 BMCs with 50 moving sensors cost nothing while nobody reads them.
 */
export interface Signal {
  at(tMs: number): number;
  /**
   * Every value the signal can still take from `tMs` on (inclusive bounds, in units). Used to
   * decide whether a sensor can cross a threshold at all; only then does the BMC scan it.
   */
  rangeFrom(tMs: number): [number, number];
}

export type Own = Exclude<BehaviourSpec, { kind: 'follow' }>;

/**
 * The signal of a behaviour that depends on nothing but time. `initial` is the value it
 * moves around (or starts from, for a ramp); `startMs` is when the behaviour began (ramps
 * count from it); `seed` picks the pseudo-random sequence of noise and random walks.
 */
export function ownSignal(b: Own, initial: number, startMs: number, seed: number): Signal {
  switch (b.kind) {
    case 'constant':
      return { at: () => initial, rangeFrom: () => [initial, initial] };
    case 'noise': {
      const stepMs = b.stepSec * 1000;
      return {
        at: (t) => initial + b.amplitude * randSigned(seed, Math.floor(t / stepMs)),
        rangeFrom: () => [initial - b.amplitude, initial + b.amplitude],
      };
    }
    case 'sine': {
      const w = (2 * Math.PI) / (b.periodSec * 1000);
      const phase = b.phaseSec * 1000;
      return {
        at: (t) => initial + b.amplitude * Math.sin(w * ((t + phase) % (b.periodSec * 1000))),
        rangeFrom: () => [initial - b.amplitude, initial + b.amplitude],
      };
    }
    case 'ramp': {
      const span = b.target - initial;
      const durMs = (Math.abs(span) / b.ratePerSec) * 1000;
      const frac = (t: number) => {
        const e = Math.max(0, t - startMs);
        if (durMs === 0) return 1;
        return b.repeat ? (e % durMs) / durMs : Math.min(1, e / durMs);
      };
      const lo = Math.min(initial, b.target);
      const hi = Math.max(initial, b.target);
      return {
        at: (t) => initial + span * frac(t),
        rangeFrom: (t) => (!b.repeat && t - startMs >= durMs ? [b.target, b.target] : [lo, hi]),
      };
    }
    case 'randomWalk': {
      // Knots every stepSec at initial + amplitude * r(k), joined by a cosine ease so the
      // path has no corners: a wandering value that stays within ± amplitude.
      const stepMs = b.stepSec * 1000;
      const knot = (k: number) => initial + b.amplitude * randSigned(seed, k);
      return {
        at: (t) => {
          const x = t / stepMs;
          const k = Math.floor(x);
          const f = (1 - Math.cos(Math.PI * (x - k))) / 2;
          return knot(k) * (1 - f) + knot(k + 1) * f;
        },
        rangeFrom: () => [initial - b.amplitude, initial + b.amplitude],
      };
    }
  }
}

/** A uniform ± amplitude added every second (the profile's `jitter`); 0 adds nothing. */
export function jitterAt(amplitude: number, seed: number, tMs: number): number {
  return amplitude === 0 ? 0 : amplitude * randSigned(seed ^ 0x5bd1e995, Math.floor(tMs / 1000));
}

/** The clamped linear map of a `follow` behaviour. */
export function followMap(input: readonly [number, number], output: readonly [number, number], x: number): number {
  const f = (x - input[0]) / (input[1] - input[0]);
  const y = output[0] + f * (output[1] - output[0]);
  return Math.min(Math.max(output[0], output[1]), Math.max(Math.min(output[0], output[1]), y));
}
