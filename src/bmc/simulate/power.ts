import type { BehaviourSpec, DcmiSpec, SimulationSpec } from '../../profile/types';
import { HARDWARE_DEFAULTS } from '../../profile/hardware';
import { hashSeed } from './random';
import { Own, Signal, jitterAt, ownSignal } from './signals';

/** How many power transitions are remembered for recomputing past power (DCMI statistics). */
const HISTORY = 64;

/**
 * The managed system as the sensors see it: whether it is powered (with the recent history of
 * changes), how loaded it is (0..1), and how many watts it draws. Everything is a function of
 * time; the chassis tells it when power changes (VirtualBmc wires the event hub to setPowered).
 */
export class SystemModel {
  private transitions: Array<{ at: number; on: boolean }> = [];
  private loadSignal: Signal;
  private loadJitter: number;
  private readonly seed: number;
  private readonly watts: DcmiSpec['power'];
  /** Watts the platform is held to (an active DCMI power limit), or undefined. */
  cap: () => number | undefined = () => undefined;

  constructor(
    poweredNow: boolean,
    nowMs: number,
    sim: SimulationSpec | undefined,
    power: DcmiSpec['power'] | undefined,
  ) {
    this.transitions.push({ at: Number.NEGATIVE_INFINITY, on: poweredNow });
    this.seed = hashSeed(`${sim?.seed ?? ''}\0load`);
    const load = sim?.load ?? { initial: HARDWARE_DEFAULTS.load, behaviour: { kind: 'constant' as const }, jitter: 0 };
    this.loadSignal = ownSignal(load.behaviour as Own, load.initial, nowMs, this.seed);
    this.loadJitter = load.jitter;
    this.watts = power ?? HARDWARE_DEFAULTS.dcmi.power;
  }

  get powered(): boolean {
    return this.transitions[this.transitions.length - 1].on;
  }
  /** The last change of power (at = -Infinity when there has been none since start). */
  get lastTransition(): Readonly<{ at: number; on: boolean }> {
    return this.transitions[this.transitions.length - 1];
  }
  setPowered(on: boolean, at: number): void {
    if (on === this.powered) return;
    this.transitions.push({ at, on });
    if (this.transitions.length > HISTORY) this.transitions.splice(1, this.transitions.length - HISTORY);
  }
  poweredAt(t: number): boolean {
    for (let i = this.transitions.length - 1; i >= 0; i--) if (this.transitions[i].at <= t) return this.transitions[i].on;
    return this.transitions[0].on;
  }

  /** The system load at t, 0..1 (0 while powered off). */
  load(t: number): number {
    if (!this.poweredAt(t)) return 0;
    return clamp01(this.loadSignal.at(t) + jitterAt(this.loadJitter, this.seed, t));
  }
  loadRangeFrom(t: number): [number, number] {
    const [lo, hi] = this.loadSignal.rangeFrom(t);
    return [clamp01(lo - this.loadJitter), clamp01(hi + this.loadJitter)];
  }
  /** Control: a new load behaviour from now on (a constant for a fixed load). */
  setLoad(b: BehaviourSpec, initial: number, nowMs: number): void {
    if (b.kind === 'follow') throw new RangeError('the load cannot follow anything');
    this.loadSignal = ownSignal(b, initial, nowMs, this.seed);
  }

  /** Watts drawn at t: standby while off, idle + (max - idle) * load while on, held to an active cap. */
  wattsAt(t: number): number {
    if (!this.poweredAt(t)) return this.watts.offWatts;
    const w = this.watts.idleWatts + (this.watts.maxWatts - this.watts.idleWatts) * this.load(t);
    const cap = this.cap();
    return cap === undefined ? w : Math.min(w, Math.max(cap, this.watts.idleWatts));
  }
  wattsRangeFrom(t: number): [number, number] {
    if (!this.powered) return [this.watts.offWatts, this.watts.offWatts];
    const [lo, hi] = this.loadRangeFrom(t);
    const span = this.watts.maxWatts - this.watts.idleWatts;
    const cap = this.cap();
    const top = (w: number) => (cap === undefined ? w : Math.min(w, Math.max(cap, this.watts.idleWatts)));
    return [top(this.watts.idleWatts + span * lo), top(this.watts.idleWatts + span * hi)];
  }
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
