import type { Clock, Timer } from '../../lib/clock';
import { WatchdogAction, WatchdogInterrupt } from '../../codec/commands/app/watchdog-fields';
import type { BmcEvent, EventHub } from './events';
import type { Chassis } from './chassis';

/** What Set Watchdog Timer configures (v2.0 §27.6). */
export interface WatchdogConfig {
  timerUse: number;
  dontLog: boolean;
  action: number;
  interrupt: number;
  preTimeoutSec: number;
  initial100ms: number;
}

/**
 * The BMC watchdog timer (v2.0 §27). It counts down on the BMC's clock, fires the pre-timeout
 * interrupt `preTimeoutSec` before the end, and at zero sets the timer use's expiration flag,
 * stops, and performs its action on the chassis (hard reset, power down, power cycle).
 * It is stopped by a system power-down or reset (the BIOS starts it again when it wants one).
 * Volatile: a restarted BMC has an un-initialized, stopped watchdog.
 */
export class Watchdog {
  private cfg?: WatchdogConfig;
  private runningSince?: number;
  /** Countdown left (ms) when it is not running, or at runningSince when it is. */
  private remainingMs = 0;
  /** Expiration flags, bit n = timer use n (Get Watchdog Timer byte 5). */
  expirationFlags = 0;
  /** "Watchdog pre-timeout interrupt occurred" (the Get Message Flags bit 3), cleared by Set Watchdog Timer. */
  preTimeoutOccurred = false;
  private timers: Timer[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly chassis: Chassis,
    private readonly events: EventHub,
  ) {
    events.on((e) => this.onEvent(e));
  }

  get initialized(): boolean {
    return this.cfg !== undefined;
  }
  get running(): boolean {
    return this.runningSince !== undefined;
  }
  get config(): Readonly<WatchdogConfig> | undefined {
    return this.cfg;
  }
  /** The present countdown in 100 ms units (rounded up, as a counter that ticks every 100 ms would read). */
  present100ms(): number {
    const left = this.runningSince === undefined ? this.remainingMs : this.remainingMs - (this.clock.monotonic() - this.runningSince);
    return Math.max(0, Math.ceil(left / 100));
  }

  /** Set Watchdog Timer. `dontStop`: a running timer keeps running from the new countdown; a stopped one stays stopped. */
  set(cfg: WatchdogConfig, dontStop: boolean, clearFlags: number): void {
    const wasRunning = this.running;
    this.cfg = { ...cfg };
    this.expirationFlags &= ~clearFlags;
    this.preTimeoutOccurred = false;
    this.halt();
    this.remainingMs = cfg.initial100ms * 100;
    if (wasRunning && dontStop) this.start();
  }

  /** Reset Watchdog Timer: start or restart from the initial countdown. False when never set (80h). */
  reset(): boolean {
    if (!this.cfg) return false;
    this.halt();
    this.remainingMs = this.cfg.initial100ms * 100;
    this.start();
    return true;
  }

  stop(): void {
    if (!this.running) return;
    this.remainingMs = this.present100ms() * 100;
    this.halt();
  }

  close(): void {
    this.halt();
  }

  private start(): void {
    const cfg = this.cfg!;
    this.runningSince = this.clock.monotonic();
    const total = this.remainingMs;
    const pre = cfg.preTimeoutSec * 1000;
    if (cfg.interrupt !== WatchdogInterrupt.none && pre > 0) this.after(Math.max(0, total - pre), () => this.preTimeout());
    this.after(total, () => this.expire());
  }

  private after(ms: number, fn: () => void): void {
    const t = this.clock.setTimeout(fn, ms);
    t.unref?.();
    this.timers.push(t);
  }

  private halt(): void {
    for (const t of this.timers) this.clock.clear(t);
    this.timers = [];
    this.runningSince = undefined;
  }

  private preTimeout(): void {
    const cfg = this.cfg!;
    this.preTimeoutOccurred = true;
    this.events.emit({ type: 'watchdog', phase: 'pre-timeout', timerUse: cfg.timerUse, action: cfg.action, interrupt: cfg.interrupt, log: !cfg.dontLog });
  }

  private expire(): void {
    const cfg = this.cfg!;
    this.halt();
    this.remainingMs = 0;
    this.expirationFlags |= 1 << cfg.timerUse;
    this.events.emit({ type: 'watchdog', phase: 'expired', timerUse: cfg.timerUse, action: cfg.action, interrupt: cfg.interrupt, log: !cfg.dontLog });
    if (!this.chassis.isOn) return;
    if (cfg.action === WatchdogAction.hardReset) this.chassis.hardReset('watchdog', 0);
    else if (cfg.action === WatchdogAction.powerDown) this.chassis.powerDown('watchdog', 0);
    else if (cfg.action === WatchdogAction.powerCycle) this.chassis.powerCycle('watchdog', 0);
  }

  private onEvent(e: BmcEvent): void {
    if ((e.type === 'power' && e.state === 'off') || e.type === 'system-reset') this.stop();
  }
}
