import type { Logger } from '../../lib/logger';

/** Why the system's power changed or it restarted (maps onto Get System Restart Cause codes). */
export type PowerCause = 'chassis-control' | 'watchdog' | 'soft-shutdown' | 'power-restore' | 'acpi' | 'power-button' | 'reset-button';

/**
 * What a virtual BMC reports to the outside: the SEL (issue 3) turns these into System Event
 * records (power unit, watchdog 2, system boot), fault-injection and logs read them too.
 * Listeners run after the state change is saved.
 */
export type BmcEvent =
  /** The system's power turned on or off. `channel` is where the command came from (0 = internal). */
  | { type: 'power'; state: 'on' | 'off'; cause: PowerCause; channel: number }
  /** A hard reset while powered (Chassis Control 3h, watchdog). */
  | { type: 'system-reset'; cause: PowerCause; channel: number }
  /** Chassis Control 4h: pulse diagnostic interrupt (NMI). */
  | { type: 'diagnostic-interrupt'; channel: number }
  /**
   * The BMC watchdog (v2.0 §27): its pre-timeout interrupt fired, or it expired.
   * timerUse / action / interrupt are the Set Watchdog Timer codes (WatchdogUse, WatchdogAction,
   * WatchdogInterrupt); `log` is false when the timer was set with "don't log".
   */
  | { type: 'watchdog'; phase: 'pre-timeout' | 'expired'; timerUse: number; action: number; interrupt: number; log: boolean }
  /** Cold Reset or Warm Reset of the BMC itself (sessions are the session layer's to drop). */
  | { type: 'bmc-reset'; kind: 'cold' | 'warm' };

export type BmcEventListener = (e: BmcEvent) => void;

/** Fan-out of BmcEvents. A listener that throws is logged; the change it reports has happened. */
export class EventHub {
  private readonly listeners = new Set<BmcEventListener>();
  constructor(private readonly log: Logger) {}
  /** Subscribe; returns the unsubscribe function. */
  on(fn: BmcEventListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(e: BmcEvent): void {
    this.log.debug({ event: e }, 'bmc event');
    for (const fn of [...this.listeners]) {
      try {
        fn(e);
      } catch (err) {
        this.log.error({ event: e.type, err: err instanceof Error ? err.stack : String(err) }, 'event listener failed');
      }
    }
  }
}
