import type { Clock, Timer } from '../../lib/clock';
import type { ProfileSpec } from '../../profile/types';
import { PROFILE_DEFAULTS } from '../../profile/defaults';
import { RestartCause } from '../../codec/commands/chassis/get-system-restart-cause';
import { IdentifyState, PowerRestorePolicy } from '../../codec/commands/chassis/get-chassis-status';
import { AcpiDeviceState, AcpiSystemState } from '../../codec/commands/app/get-acpi-power-state';
import type { DeviceStore } from './store';
import { Shape, StateSection } from './section';
import type { EventHub, PowerCause } from './events';

export type PowerState = 'on' | 'off';

/** A chassis power operation as a power hook receives it (Chassis Control 0h-5h, v2.0 §28.3). */
export type PowerAction = 'off' | 'on' | 'cycle' | 'reset' | 'diag' | 'soft';
/** The boot device the boot flags select, for hooks (state/power-hooks.ts names them as ipmitool does). */
export interface BootContext {
  device: string;
  persistent: boolean;
  efi: boolean;
}
/**
 * What makes power changes happen to a real machine (issue 9; state/power-hooks.ts runs
 * commands). Each method rejects with a CompletionCodeError when the machine could not be
 * driven; the chassis state then stays as it was.
 */
export interface PowerHooks {
  power(action: PowerAction, boot: BootContext): Promise<void>;
  bootDevice(boot: BootContext): Promise<void>;
  /** The machine's power state; undefined = not known (no status command). */
  status(): Promise<PowerState | undefined>;
}
/** Causes whose changes come from inside the BMC and reach a hooked machine in the background (Chassis Control runs the hook first). */
const BACKGROUND_HOOK_CAUSES: ReadonlySet<PowerCause> = new Set(['watchdog', 'power-button', 'reset-button']);

export type RestorePolicy = 'always-off' | 'previous' | 'always-on';
const POWER_CAUSES: readonly PowerCause[] = ['chassis-control', 'watchdog', 'soft-shutdown', 'power-restore', 'acpi', 'power-button', 'reset-button'];
const POLICIES: readonly RestorePolicy[] = ['always-off', 'previous', 'always-on'];

/** Get System Restart Cause code for a power-on or reset (v2.0 §28.11). */
const restartCode: Record<PowerCause, number> = {
  'chassis-control': RestartCause.chassisControl,
  watchdog: RestartCause.watchdog,
  'soft-shutdown': RestartCause.unknown,
  'power-restore': RestartCause.autoRestorePrevious,
  acpi: RestartCause.unknown,
  // The front panel's buttons, pressed through the control API.
  'power-button': RestartCause.powerButton,
  'reset-button': RestartCause.resetButton,
};
export const policyCode: Record<RestorePolicy, number> = {
  'always-off': PowerRestorePolicy.alwaysOff,
  previous: PowerRestorePolicy.previous,
  'always-on': PowerRestorePolicy.alwaysOn,
};
/** The POH counter's resolution (Get POH Counter byte 1). */
export const POH_MINUTES_PER_COUNT = 60;

interface ChassisData {
  power: PowerState;
  /** A transition under way (power-on delay, cycle, soft shutdown); `at` is wall-clock ms. */
  pending?: { to: PowerState; at: number; cause: PowerCause; channel: number };
  /** Get Chassis Status byte 2 bit 4: the last power-on came from an IPMI command. */
  onViaIpmi: boolean;
  restart: { cause: number; channel: number };
  policy: RestorePolicy;
  /** Power-on time accumulated before `since` (the wall-clock ms the power last came on). */
  poh: { onMs: number; since?: number };
  identify: { state: number; until?: number };
  acpi: { system: number; device: number };
}

/**
 * The managed system's chassis as the BMC sees it (v2.0 §28): power with its delays, restart
 * cause, power-on hours, restore policy, identify, and the ACPI state system software reported.
 * Every change is saved before the method returns, pending transitions included, so a restart of
 * the emulator resumes a power-on delay where it was. A restart of the emulator is a BMC restart,
 * not an AC power loss: the power state carries over and the restore policy is only reported.
 */
export class Chassis {
  private readonly section: StateSection<ChassisData>;
  private data: ChassisData;
  private timer?: Timer;

  /** Power hooks of a device that fronts a real machine; undefined = this simulated chassis only. */
  hooks?: PowerHooks;
  /** The boot flags' device for the hooks; set by whoever sets `hooks`. */
  bootContext: () => BootContext = () => ({ device: 'none', persistent: false, efi: false });

  constructor(
    store: DeviceStore,
    private readonly clock: Clock,
    private readonly profile: ProfileSpec,
    private readonly events: EventHub,
  ) {
    this.section = new StateSection(store, 'chassis');
    const initial = profile.initialPower ?? PROFILE_DEFAULTS.initialPower;
    this.data = this.section.load(check) ?? {
      power: initial,
      onViaIpmi: false,
      restart: { cause: RestartCause.unknown, channel: 0 },
      policy: profile.powerRestorePolicy ?? PROFILE_DEFAULTS.powerRestorePolicy,
      poh: { onMs: 0, since: initial === 'on' ? clock.now() : undefined },
      identify: { state: IdentifyState.off },
      acpi: acpiFor(initial),
    };
  }

  /** Re-arm a transition saved by an earlier run (called once the event listeners are attached). */
  resume(): void {
    const p = this.data.pending;
    if (p) this.schedule(p.to, p.at - this.clock.now(), p.cause, p.channel);
  }

  get power(): PowerState {
    return this.data.power;
  }
  get isOn(): boolean {
    return this.data.power === 'on';
  }
  /** The transition under way, if any. */
  get pending(): Readonly<ChassisData['pending']> {
    return this.data.pending;
  }
  get onViaIpmi(): boolean {
    return this.data.onViaIpmi;
  }
  get restorePolicy(): RestorePolicy {
    return this.data.policy;
  }
  get restartCause(): Readonly<{ cause: number; channel: number }> {
    return this.data.restart;
  }
  get acpi(): Readonly<{ system: number; device: number }> {
    return this.data.acpi;
  }

  /** Power up after the profile's power-on delay. Already on (or turning on): nothing changes. */
  powerUp(cause: PowerCause, channel: number): void {
    this.background('on', cause);
    const p = this.data.pending;
    if (p?.to === 'on') return;
    if (this.isOn) {
      if (p?.to === 'off') this.cancelPending();
      return;
    }
    this.schedule('on', this.profile.powerOnDelayMs ?? PROFILE_DEFAULTS.powerOnDelayMs, cause, channel);
  }

  /** Power down now, cancelling any transition under way. */
  powerDown(cause: PowerCause, channel: number): void {
    this.background('off', cause);
    this.cancelPending();
    this.setPower('off', cause, channel);
  }

  /** Off now, on again after the cycle interval plus the power-on delay. */
  powerCycle(cause: PowerCause, channel: number): void {
    this.background('cycle', cause);
    this.cancelPending();
    this.setPower('off', cause, channel);
    const off = this.profile.powerCycleIntervalMs ?? PROFILE_DEFAULTS.powerCycleIntervalMs;
    this.schedule('on', off + (this.profile.powerOnDelayMs ?? PROFILE_DEFAULTS.powerOnDelayMs), cause, channel);
  }

  /** A hard reset of a powered system: power stays on, the system restarts. */
  hardReset(cause: PowerCause, channel: number): void {
    this.background('reset', cause);
    if (!this.isOn) return;
    this.data.restart = { cause: restartCode[cause], channel };
    this.save();
    this.events.emit({ type: 'system-reset', cause, channel });
  }

  /** ACPI soft shutdown: the OS powers the system off after the profile's soft-off delay. */
  softShutdown(channel: number): void {
    if (!this.isOn || this.data.pending?.to === 'off') return;
    this.schedule('off', this.profile.softOffDelayMs ?? PROFILE_DEFAULTS.softOffDelayMs, 'soft-shutdown', channel);
  }

  diagnosticInterrupt(channel: number): void {
    this.events.emit({ type: 'diagnostic-interrupt', channel });
  }

  /** Chassis Identify: `force` = on until told otherwise, 0 s = off, else on for that long. */
  identify(intervalSec: number, force: boolean): void {
    this.data.identify = force
      ? { state: IdentifyState.indefinite }
      : intervalSec === 0
        ? { state: IdentifyState.off }
        : { state: IdentifyState.temporary, until: this.clock.now() + intervalSec * 1000 };
    this.save();
  }
  identifyState(): number {
    const id = this.data.identify;
    if (id.state === IdentifyState.temporary && this.clock.now() >= (id.until ?? 0)) return IdentifyState.off;
    return id.state;
  }

  setRestorePolicy(p: RestorePolicy): void {
    this.data.policy = p;
    this.save();
  }

  /** Set ACPI Power State: what system software says it entered (until the next power change). */
  setAcpi(system: number | undefined, device: number | undefined): void {
    this.data.acpi = { system: system ?? this.data.acpi.system, device: device ?? this.data.acpi.device };
    this.save();
  }

  /** Whole minutes the system has been powered on. */
  powerOnMinutes(): number {
    const { onMs, since } = this.data.poh;
    const running = since !== undefined && this.isOn ? Math.max(0, this.clock.now() - since) : 0;
    return Math.floor((onMs + running) / 60_000);
  }

  /** Chassis Control on a hooked machine: the hook runs first and a failure leaves this state alone. */
  async runHook(action: PowerAction): Promise<void> {
    await this.hooks?.power(action, this.bootContext());
  }

  /** New boot flags on a hooked machine: the hook runs before they are stored. */
  async bootHook(boot: BootContext): Promise<void> {
    await this.hooks?.bootDevice(boot);
  }

  /**
   * Read the machine's power state through the status hook and follow it: a VM started or shut
   * down behind the BMC's back (virsh, the guest's own shutdown) shows here as it is. Such a change
   * is recorded as ACPI ('on', restart cause unknown) or soft-shutdown ('off'), the nearest causes.
   */
  async refresh(): Promise<void> {
    const s = await this.hooks?.status();
    if (!s || s === this.data.power) return;
    this.cancelPending();
    this.setPower(s, s === 'on' ? 'acpi' : 'soft-shutdown', 0);
  }

  private background(action: PowerAction, cause: PowerCause): void {
    if (this.hooks && BACKGROUND_HOOK_CAUSES.has(cause)) void this.hooks.power(action, this.bootContext()).catch(() => undefined);
  }

  /** Stop timers (a saved pending transition resumes on the next start). */
  close(): void {
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
  }

  private schedule(to: PowerState, delayMs: number, cause: PowerCause, channel: number): void {
    this.close();
    if (delayMs <= 0) {
      // Due already (no delay, or its time passed while the emulator was stopped): it happened
      // at its time, which is when the power-on hours start counting.
      this.data.pending = undefined;
      if (this.data.power === to) this.save();
      else this.setPower(to, cause, channel, this.clock.now() + delayMs);
      return;
    }
    this.data.pending = { to, at: this.clock.now() + delayMs, cause, channel };
    this.save();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.data.pending = undefined;
      if (this.data.power === to) this.save();
      else this.setPower(to, cause, channel);
    }, delayMs);
    this.timer.unref?.();
  }

  private cancelPending(): void {
    this.close();
    if (this.data.pending) {
      this.data.pending = undefined;
      this.save();
    }
  }

  private setPower(to: PowerState, cause: PowerCause, channel: number, now = this.clock.now()): void {
    if (this.data.power === to) return;
    const poh = this.data.poh;
    if (to === 'on') {
      this.data.poh = { onMs: poh.onMs, since: now };
      this.data.restart = { cause: restartCode[cause], channel };
      this.data.onViaIpmi = cause === 'chassis-control';
    } else {
      this.data.poh = { onMs: poh.onMs + (poh.since !== undefined ? Math.max(0, now - poh.since) : 0) };
    }
    this.data.power = to;
    this.data.acpi = acpiFor(to);
    this.save();
    this.events.emit({ type: 'power', state: to, cause, channel });
  }

  private save(): void {
    this.section.save(this.data);
  }
}

function acpiFor(p: PowerState): { system: number; device: number } {
  return p === 'on' ? { system: AcpiSystemState.S0G0, device: AcpiDeviceState.D0 } : { system: AcpiSystemState.S5G2, device: AcpiDeviceState.D3 };
}

function check(raw: unknown, s: Shape): ChassisData {
  const o = s.object(raw, '');
  const num = (v: unknown, at: string) => s.int(v, at, 0, Number.MAX_SAFE_INTEGER);
  const power = s.oneOf(o.power, '/power', ['on', 'off'] as const);
  let pending: ChassisData['pending'];
  if (o.pending !== undefined) {
    const p = s.object(o.pending, '/pending');
    pending = {
      to: s.oneOf(p.to, '/pending/to', ['on', 'off'] as const),
      at: num(p.at, '/pending/at'),
      cause: s.oneOf(p.cause, '/pending/cause', POWER_CAUSES),
      channel: s.int(p.channel, '/pending/channel', 0, 15),
    };
  }
  const restart = s.object(o.restart, '/restart');
  const poh = s.object(o.poh, '/poh');
  const identify = s.object(o.identify, '/identify');
  const acpi = s.object(o.acpi, '/acpi');
  return {
    power,
    pending,
    onViaIpmi: s.bool(o.onViaIpmi, '/onViaIpmi'),
    restart: { cause: s.int(restart.cause, '/restart/cause', 0, 15), channel: s.int(restart.channel, '/restart/channel', 0, 15) },
    policy: s.oneOf(o.policy, '/policy', POLICIES),
    poh: { onMs: num(poh.onMs, '/poh/onMs'), since: poh.since === undefined ? undefined : num(poh.since, '/poh/since') },
    identify: {
      state: s.int(identify.state, '/identify/state', 0, 2),
      until: identify.until === undefined ? undefined : num(identify.until, '/identify/until'),
    },
    acpi: { system: s.int(acpi.system, '/acpi/system', 0, 0x7f), device: s.int(acpi.device, '/acpi/device', 0, 0x7f) },
  };
}
