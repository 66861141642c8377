import type { Clock, Timer } from '../../lib/clock';
import { decodeParameter, encodeParameter, SetInProgressState } from '../../codec/commands/app/config-parameters';
import { BootFlags, BootParam, bootOptionParameters } from '../../codec/commands/chassis/boot-option-parameters';
import type { DeviceStore } from './store';
import type { BmcEvent, EventHub, PowerCause } from './events';
import { ParameterStore } from './parameters';

/** v2.0 §28.13, Table 28-14 parameter 3: the valid bit clears 60 s after it was set unless a Chassis Control command comes. */
export const BOOT_FLAG_TIMEOUT_MS = 60_000;

const defaults = new Map<number, Buffer>([
  [BootParam.servicePartitionSelector.id, Buffer.alloc(1)],
  [BootParam.servicePartitionScan.id, Buffer.alloc(1)],
  [BootParam.validBitClearing.id, Buffer.alloc(1)],
  [BootParam.bootInfoAcknowledge.id, Buffer.alloc(2)],
  [BootParam.bootFlags.id, Buffer.alloc(5)],
  [BootParam.bootInitiatorInfo.id, Buffer.alloc(9)],
]);

/**
 * System boot options (v2.0 §28.12, §28.13): the parameter bytes, saved, plus the rules that
 * clear the boot flags' valid bit, emulating both the BMC and the BIOS that consumes the flags:
 * - 60 s after the flags were set without a Chassis Control command (unless parameter 3 bit 3);
 * - at a restart caused by the watchdog (unless parameter 3 bit 2);
 * - at any other system boot when the flags are not persistent (the BIOS used them once).
 * A reset or power-down while "set in progress" returns it to "set complete".
 */
export class BootOptions {
  readonly params: ParameterStore;
  private timer?: Timer;

  constructor(
    store: DeviceStore,
    private readonly clock: Clock,
    events: EventHub,
  ) {
    this.params = new ParameterStore(store, 'boot', bootOptionParameters, defaults);
    events.on((e) => this.onEvent(e));
  }

  flags(): BootFlags {
    return decodeParameter(BootParam.bootFlags, this.params.get(BootParam.bootFlags.id)!);
  }

  /** After a Set of parameter 5: (re)start or stop the 60-second countdown. */
  flagsWritten(): void {
    this.stopTimer();
    const f = this.flags();
    if (f.flags.valid && !this.clearing().dontClearOnTimeout) this.startTimer();
  }

  /** A Chassis Control command restarts the countdown (Table 28-14, parameter 3 bit 3). */
  chassisControlReceived(): void {
    if (this.timer) this.startTimer();
  }

  /** Start the countdown again after a restart of the emulator when the flags are still valid. */
  resume(): void {
    this.flagsWritten();
  }

  close(): void {
    this.stopTimer();
  }

  private clearing() {
    return decodeParameter(BootParam.validBitClearing, this.params.get(BootParam.validBitClearing.id)!);
  }

  private clearValid(): void {
    this.stopTimer();
    const f = this.flags();
    if (!f.flags.valid) return;
    this.params.set(BootParam.bootFlags.id, encodeParameter(BootParam.bootFlags, { ...f, flags: { ...f.flags, valid: false } }));
  }

  private systemBoot(cause: PowerCause): void {
    const f = this.flags();
    if (!f.flags.valid) return;
    if (cause === 'watchdog' ? !this.clearing().dontClearOnWatchdog : !f.flags.persistent) this.clearValid();
    else this.stopTimer();
  }

  private onEvent(e: BmcEvent): void {
    if ((e.type === 'power' && e.state === 'off') || e.type === 'system-reset') this.params.setInProgress = SetInProgressState.complete;
    if ((e.type === 'power' && e.state === 'on') || e.type === 'system-reset') this.systemBoot(e.cause);
  }

  private startTimer(): void {
    this.stopTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.clearValid();
    }, BOOT_FLAG_TIMEOUT_MS);
    this.timer.unref?.();
  }
  private stopTimer(): void {
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
  }
}
