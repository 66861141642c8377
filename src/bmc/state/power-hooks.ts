import { spawn } from 'node:child_process';
import type { Logger } from '../../lib/logger';
import type { PowerHookSpec } from '../../profile/console-types';
import { CC, fail } from '../../codec/message/completion-codes';
import { BootDevice, BootFlags } from '../../codec/commands/chassis/boot-option-parameters';
import type { BootContext, PowerAction, PowerHooks, PowerState } from './chassis';

/** Boot device names as ipmitool's `chassis bootdev` spells them (boot flags data 2 [5:2], v2.0 Table 28-14). */
const BOOT_DEVICE_NAMES: Readonly<Record<number, string>> = {
  [BootDevice.noOverride]: 'none',
  [BootDevice.pxe]: 'pxe',
  [BootDevice.disk]: 'disk',
  [BootDevice.diskSafeMode]: 'safe',
  [BootDevice.diagnosticPartition]: 'diag',
  [BootDevice.cdDvd]: 'cdrom',
  [BootDevice.biosSetup]: 'bios',
  [BootDevice.remoteFloppy]: 'remote-floppy',
  [BootDevice.remoteCdDvd]: 'remote-cdrom',
  [BootDevice.remoteMedia]: 'remote-media',
  [BootDevice.remoteDisk]: 'remote-disk',
  [BootDevice.floppy]: 'floppy',
};

/** The boot device the flags select; 'none' when they are not valid (no override). */
export function bootDeviceName(f: BootFlags): string {
  return f.flags.valid ? (BOOT_DEVICE_NAMES[f.device.selector] ?? `selector-${f.device.selector}`) : 'none';
}
export function bootContext(f: BootFlags): BootContext {
  return { device: bootDeviceName(f), persistent: f.flags.valid && f.flags.persistent, efi: f.flags.efi };
}

const HOOK = { name: 'power hook' } as const;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Power hooks that run commands (issue 9), so a virtual BMC fronts a libvirt or QEMU VM as
 * VirtualBMC does: `command... power <action>` before the chassis state follows, `command...
 * bootdev <device>` before new boot flags are stored, `statusCommand...` for the power state.
 * Each runs without a shell, with the action, the device and the boot device in its
 * environment. A command that exits non-zero or cannot start answers CEh ("command response
 * could not be provided"), one that outlives timeoutMs is killed and answers C3h ("timeout
 * while processing command"); either is logged with the exit status and stderr.
 */
export class CommandPowerHooks implements PowerHooks {
  private cached?: { at: number; state: PowerState };
  /**
   * Hooks run one at a time, in order. The same request again while it runs gets that run's
   * result instead of a second run: a console retransmits a request it has no answer to yet
   * (ipmitool after 1 s, then 2 s more, ...), and a VM manager's `start` often takes longer.
   */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly running = new Map<string, Promise<RunResult>>();

  constructor(
    private readonly spec: PowerHookSpec,
    private readonly device: string,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async power(action: PowerAction, boot: BootContext): Promise<void> {
    if (!this.spec.command) return;
    this.cached = undefined;
    await this.once(`power ${action} ${boot.device} ${boot.persistent} ${boot.efi}`, () => this.runChecked(this.spec.command!, ['power', action], action, boot));
  }

  async bootDevice(boot: BootContext): Promise<void> {
    if (!this.spec.command) return;
    await this.once(`bootdev ${boot.device} ${boot.persistent} ${boot.efi}`, () => this.runChecked(this.spec.command!, ['bootdev', boot.device], 'bootdev', boot));
  }

  async status(): Promise<PowerState | undefined> {
    if (!this.spec.statusCommand) return undefined;
    const c = this.cached;
    if (c && this.now() - c.at < this.spec.statusCacheMs) return c.state;
    const r = await this.once('status', () => this.runChecked(this.spec.statusCommand!, [], 'status', undefined));
    const state = parsePowerState(r.stdout);
    if (!state) {
      this.log.error({ hook: 'status', command: this.spec.statusCommand, stdout: r.stdout.slice(0, 200) }, 'power status command printed no power state');
      fail(CC.CannotProvideResponse, HOOK);
    }
    this.cached = { at: this.now(), state };
    return state;
  }

  /** Resolves when no hook is running or queued (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain.then(
      () => undefined,
      () => undefined,
    );
  }

  private once(key: string, fn: () => Promise<RunResult>): Promise<RunResult> {
    const under = this.running.get(key);
    if (under) return under;
    const p = this.chain.catch(() => undefined).then(fn);
    this.chain = p;
    this.running.set(key, p);
    const done = () => {
      if (this.running.get(key) === p) this.running.delete(key);
    };
    p.then(done, done);
    return p;
  }

  private async runChecked(command: readonly string[], args: string[], action: string, boot: BootContext | undefined): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, BMCBRIDGE_ACTION: action, BMCBRIDGE_DEVICE: this.device };
    if (boot) {
      env.BMCBRIDGE_BOOT_DEVICE = boot.device;
      env.BMCBRIDGE_BOOT_PERSISTENT = boot.persistent ? '1' : '0';
      env.BMCBRIDGE_BOOT_MODE = boot.efi ? 'efi' : 'legacy';
    }
    const argv = [...command.slice(1), ...args];
    const started = this.now();
    let r: RunResult;
    try {
      r = await run(command[0], argv, env, this.spec.timeoutMs);
    } catch (e) {
      this.log.error({ hook: action, command: [command[0], ...argv], err: (e as Error).message }, 'power hook could not start');
      return fail(CC.CannotProvideResponse, HOOK);
    }
    const ms = Math.round(this.now() - started);
    const stderr = r.stderr.trim().slice(-2000);
    if (r.timedOut) {
      this.log.error({ hook: action, command: [command[0], ...argv], timeoutMs: this.spec.timeoutMs, stderr }, 'power hook timed out and was killed');
      return fail(CC.Timeout, HOOK);
    }
    if (r.code !== 0) {
      this.log.error({ hook: action, command: [command[0], ...argv], exitStatus: r.code, signal: r.signal ?? undefined, stderr, ms }, 'power hook failed');
      return fail(CC.CannotProvideResponse, HOOK);
    }
    this.log.info({ hook: action, command: [command[0], ...argv], ms }, 'power hook ran');
    return r;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout kills what the hook started too (a shell's `sleep`, virsh).
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** "on"/"off", "1"/"0", ipmi_sim's "power:1", virsh domstate's "running"/"shut off"/"paused". */
export function parsePowerState(text: string): PowerState | undefined {
  const t = text.trim().toLowerCase().replace(/^power[:= ]\s*/, '').replace(/^chassis power is\s+/, '');
  if (['on', '1', 'running', 'paused', 'idle', 'in shutdown', 'blocked', 'pmsuspended'].includes(t)) return 'on';
  if (['off', '0', 'shut off', 'shutoff', 'crashed'].includes(t)) return 'off';
  return undefined;
}
