import type { Clock, Timer } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { SimulatedConsoleSpec } from '../../profile/console-types';
import type { BmcEvent } from '../state/events';
import type { BackendSink, ConsoleBackend } from './backend';

/** What the simulated system needs from its BMC (bmc/sol/service.ts builds it from a VirtualBmc). */
export interface SimulatedHost {
  readonly clock: Clock;
  readonly log: Logger;
  readonly name: string;
  isOn(): boolean;
  /** Power, reset and NMI events; returns the unsubscribe function. */
  onEvent(fn: (e: BmcEvent) => void): () => void;
  /** The OS turns the machine off (`poweroff`). */
  powerOff(): void;
  /** The boot device the boot flags select, as ipmitool names it ('none', 'pxe', 'disk', 'cdrom', 'bios', ...). */
  bootDevice(): string;
  /** An OS event for the SEL: boot completed, run-time critical stop, graceful shutdown. */
  osEvent(e: OsEvent): void;
  identity(): { manufacturer: string; product: string; firmware: string; mac: string };
  /** The console speed in bit/s (the SOL bit rate), for the kernel command line. */
  baud(): number;
}
export type OsEvent = 'boot-completed' | 'critical-stop' | 'graceful-shutdown';

type State = 'off' | 'booting' | 'login' | 'password' | 'shell' | 'panicked';

const KERNEL = '6.1.0-bmcbridge-amd64';
/** Linux waits this long after a break for the SysRq command key. */
const SYSRQ_WINDOW_MS = 5000;
const CR = '\r\n';

/**
 * A machine's serial console, simulated from the BMC's power state: power on prints firmware
 * POST lines, a boot loader and kernel messages, then a getty asks for the demo login; the tiny
 * shell knows `hostname`, `uptime`, `dmesg`, `uname`, `whoami`, `echo`, `poweroff`, `reboot`,
 * `panic` (or `echo c > /proc/sysrq-trigger`) and `exit`. Power off silences it, a reset boots
 * it again. The boot logs "OS Boot: boot completed" to the SEL when the login prompt appears,
 * a panic "OS Critical Stop: run-time critical stop", `poweroff` "OS graceful shutdown".
 * A break followed within 5 s by a key is a magic SysRq, as on a Linux serial console
 * (b reboot, c crash, o power off, h help).
 */
export class SimulatedBackend implements ConsoleBackend {
  sink?: BackendSink;
  readonly describe = 'simulated';
  private state: State = 'off';
  private user = '';
  private line = '';
  private lastCr = false;
  private escape = 0;
  /** Bumped to cancel a boot or shutdown being played. */
  private generation = 0;
  private timers = new Set<Timer>();
  private bootStartedAt = 0;
  private bootedAt = 0;
  private dmesgLines: string[] = [];
  private sysrqUntil = 0;
  private paused = false;
  private held: Buffer[] = [];
  private unsubscribe?: () => void;
  private carrierUp = true;

  constructor(
    private readonly spec: SimulatedConsoleSpec,
    private readonly host: SimulatedHost,
  ) {}

  get available(): boolean {
    return this.state !== 'off';
  }
  private get hostname(): string {
    return this.spec.hostname ?? this.host.name;
  }

  start(): void {
    this.unsubscribe = this.host.onEvent((e) => this.onEvent(e));
    // A machine already on when the BMC starts has booted already: its getty waits, silently.
    if (this.host.isOn()) {
      this.state = 'login';
      this.bootedAt = this.bootStartedAt = this.host.clock.monotonic();
      this.dmesgLines = this.kernelLines(this.host.bootDevice()).map(([, l]) => l);
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.cancel();
  }

  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const b of held) this.sink?.output(b);
  }

  carrier(up: boolean): void {
    if (this.carrierUp === up) return;
    this.carrierUp = up;
    if (!this.spec.modemControl || !(this.state === 'shell' || this.state === 'password')) return;
    // getty without -L: losing DCD hangs the session up; a new login prompt comes with the carrier.
    if (!up) {
      this.state = 'login';
      this.line = '';
    }
  }

  sendBreak(): void {
    if (this.state === 'off' || this.state === 'booting') return;
    this.sysrqUntil = this.host.clock.monotonic() + SYSRQ_WINDOW_MS;
  }

  write(data: Buffer): void {
    for (const byte of data) this.key(byte);
  }

  // ------------------------------------------------------------------ power

  private onEvent(e: BmcEvent): void {
    if (e.type === 'power') {
      if (e.state === 'on') this.boot();
      else {
        if (e.cause === 'soft-shutdown' && (this.state === 'login' || this.state === 'shell' || this.state === 'password'))
          this.send(this.shutdownLines('Power key pressed short.').map((l) => l + CR).join(''));
        this.halt();
      }
    } else if (e.type === 'system-reset') {
      if (this.host.isOn()) this.boot();
    } else if (e.type === 'diagnostic-interrupt' && this.state !== 'off') {
      this.send(`${CR}${this.stamp()} Uhhuh. NMI received for unknown reason 3d on CPU 0.${CR}${this.stamp()} Dazed and confused, but trying to continue${CR}`);
    }
  }

  private halt(): void {
    this.cancel();
    const was = this.state;
    this.state = 'off';
    if (was !== 'off') this.sink?.availability(false);
  }

  private cancel(): void {
    this.generation++;
    for (const t of this.timers) this.host.clock.clear(t);
    this.timers.clear();
  }

  private boot(): void {
    this.cancel();
    const wasOff = this.state === 'off';
    this.state = 'booting';
    this.line = '';
    this.bootStartedAt = this.host.clock.monotonic();
    if (wasOff) this.sink?.availability(true);
    const device = this.host.bootDevice();
    const kernel = this.kernelLines(device);
    this.dmesgLines = kernel.map(([, l]) => l);
    const lines = [...this.firmwareLines(device), ...this.loaderLines(), ...kernel.map(([, l]) => l), ...this.systemdLines()];
    this.play(lines, () => {
      this.state = 'login';
      this.bootedAt = this.host.clock.monotonic();
      this.host.log.info({ hostname: this.hostname }, 'simulated OS booted');
      this.host.osEvent('boot-completed');
      this.send(`${CR}Debian GNU/Linux 12 ${this.hostname} ttyS1${CR}${CR}${this.loginPrompt()}`);
    });
  }

  private firmwareLines(device: string): string[] {
    const id = this.host.identity();
    const lines = [
      `${id.manufacturer} ${id.product}`,
      `bmcbridge virtual firmware ${id.firmware}`,
      'CPU: 2 x Virtual CPU @ 2.40GHz',
      'Memory Test: 32768 MB OK',
      'Initializing USB Controllers .. Done.',
      'Press <F2> to enter setup, <F12> for network boot',
      '',
    ];
    if (device === 'pxe')
      lines.push(`Booting from PXE (NIC ${id.mac})...`, 'PXE-E18: Server response timeout.', 'PXE-M0F: Exiting PXE ROM.', '');
    else if (device === 'cdrom') lines.push('Booting from CD-ROM...', 'No bootable media found.', '');
    else if (device === 'bios') lines.push('Entering Setup...', 'Setup: no changes; continuing boot.', '');
    else if (device === 'floppy') lines.push('Booting from Floppy...', 'Boot failed: could not read the boot disk', '');
    lines.push('Booting from Hard Disk...');
    return lines;
  }

  private loaderLines(): string[] {
    return ['GRUB loading.', 'Welcome to GRUB!', '', "  Booting `Debian GNU/Linux'", '', `Loading Linux ${KERNEL} ...`, 'Loading initial ramdisk ...'];
  }

  /** Kernel messages with the times (seconds since boot) they are stamped with. */
  private kernelLines(device: string): Array<[number, string]> {
    const id = this.host.identity();
    const msgs: Array<[number, string]> = [
      [0, `Linux version ${KERNEL} (bmcbridge@virtual) (gcc 12.2.0) #1 SMP PREEMPT_DYNAMIC`],
      [0, `Command line: BOOT_IMAGE=/boot/vmlinuz-${KERNEL} root=/dev/sda1 ro console=tty0 console=ttyS1,${this.host.baud()}n8`],
      [0, `DMI: ${id.manufacturer} ${id.product}, BIOS ${id.firmware}`],
      [0.004211, 'ACPI: IPMI 0x000000007FF6A000 000046 (v01 BMCBRG IPMI     00000001)'],
      [0.312504, 'smp: Brought up 1 node, 2 CPUs'],
      [0.918113, 'Serial: 8250/16550 driver, 4 ports, IRQ sharing enabled'],
      [0.921036, `00:03: ttyS1 at I/O 0x2f8 (irq = 3, base_baud = 115200) is a 16550A`],
      [1.204377, 'ipmi_si IPI0001:00: IPMI kcs interface initialized'],
      [1.536620, `e1000e 0000:00:19.0 eth0: ${id.mac}`],
      [1.702918, 'EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.'],
    ];
    if (device === 'pxe') msgs.push([1.71, 'IP-Config: no response after 2 secs - giving up']);
    return msgs.map(([t, m]) => [t, `${stamp(t)} ${m}`]);
  }

  private systemdLines(): string[] {
    return [
      `${stamp(2.011)} systemd[1]: systemd 252 running in system mode`,
      `${stamp(2.104)} systemd[1]: Hostname set to <${this.hostname}>.`,
      '[  OK  ] Reached target Local File Systems.',
      '[  OK  ] Started OpenBSD Secure Shell server.',
      `[  OK  ] Started Serial Getty on ttyS1.`,
      '[  OK  ] Reached target Multi-User System.',
    ];
  }

  private shutdownLines(first?: string): string[] {
    return [
      ...(first ? [`${this.stamp()} systemd-logind[412]: ${first}`] : []),
      '[  OK  ] Stopped Serial Getty on ttyS1.',
      '[  OK  ] Reached target System Shutdown.',
      `${this.stamp()} systemd-shutdown[1]: Syncing filesystems and block devices.`,
      `${this.stamp()} reboot: Power down`,
    ];
  }

  /** Print lines one by one, lineDelayMs apart, then run `done` (unless cancelled meanwhile). */
  private play(lines: string[], done: () => void): void {
    const gen = this.generation;
    const delay = this.spec.lineDelayMs;
    if (delay <= 0) {
      this.send(lines.map((l) => l + CR).join(''));
      done();
      return;
    }
    let i = 0;
    const step = () => {
      if (gen !== this.generation) return;
      if (i < lines.length) {
        this.send(lines[i++] + CR);
        this.after(delay, step);
      } else done();
    };
    step();
  }

  private after(ms: number, fn: () => void): void {
    const t = this.host.clock.setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  private send(text: string): void {
    const b = Buffer.from(text, 'utf8');
    if (this.paused) this.held.push(b);
    else this.sink?.output(b);
  }

  private stamp(): string {
    return stamp((this.host.clock.monotonic() - this.bootStartedAt) / 1000);
  }

  // ------------------------------------------------------------------ terminal

  private loginPrompt(): string {
    return `${this.hostname} login: `;
  }
  private shellPrompt(): string {
    return this.user === 'root' ? `root@${this.hostname}:~# ` : `${this.user}@${this.hostname}:~$ `;
  }

  private key(b: number): void {
    if (this.sysrqUntil && this.host.clock.monotonic() <= this.sysrqUntil) {
      this.sysrqUntil = 0;
      return this.sysrq(String.fromCharCode(b));
    }
    this.sysrqUntil = 0;
    if (this.state !== 'login' && this.state !== 'password' && this.state !== 'shell') return;
    // ANSI escape sequences (arrow keys): ESC [ ... final byte.
    if (this.escape) {
      if (this.escape === 1) this.escape = b === 0x5b ? 2 : 0;
      else if (b >= 0x40 && b <= 0x7e) this.escape = 0;
      return;
    }
    const wasCr = this.lastCr;
    this.lastCr = b === 0x0d;
    if (b === 0x0a && wasCr) return; // CR LF is one Enter
    const echo = this.state !== 'password';
    switch (b) {
      case 0x0d:
      case 0x0a:
        this.send(CR);
        return this.enter();
      case 0x7f:
      case 0x08:
        if (this.line.length) {
          this.line = this.line.slice(0, -1);
          if (echo) this.send('\b \b');
        }
        return;
      case 0x03:
        this.line = '';
        this.send(`^C${CR}`);
        return this.prompt();
      case 0x15:
        if (echo) this.send('\b \b'.repeat(this.line.length));
        this.line = '';
        return;
      case 0x04:
        if (this.state === 'shell' && this.line === '') {
          this.send(`logout${CR}`);
          return this.logout();
        }
        return;
      case 0x1b:
        this.escape = 1;
        return;
    }
    if (b < 0x20) return;
    this.line += String.fromCharCode(b);
    if (echo) this.send(String.fromCharCode(b));
  }

  private prompt(): void {
    this.send(this.state === 'shell' ? this.shellPrompt() : this.state === 'password' ? 'Password: ' : this.loginPrompt());
  }

  private enter(): void {
    const text = this.line;
    this.line = '';
    if (this.state === 'login') {
      if (text === '') return this.prompt();
      this.user = text;
      this.state = 'password';
      return this.prompt();
    }
    if (this.state === 'password') {
      const ok = this.user === this.spec.login.user && text === this.spec.login.password;
      if (!ok) {
        this.host.log.info({ user: this.user }, 'simulated login refused');
        this.state = 'login';
        this.send(`${CR}Login incorrect${CR}`);
        return this.prompt();
      }
      this.state = 'shell';
      this.send(`Linux ${this.hostname} ${KERNEL} #1 SMP PREEMPT_DYNAMIC x86_64${CR}${CR}`);
      return this.prompt();
    }
    this.run(text.trim());
  }

  private logout(): void {
    this.state = 'login';
    this.send(`${CR}Debian GNU/Linux 12 ${this.hostname} ttyS1${CR}${CR}`);
    this.prompt();
  }

  private run(cmd: string): void {
    const out = (...lines: string[]) => this.send(lines.map((l) => l + CR).join(''));
    const [name, ...args] = cmd.split(/\s+/);
    switch (name) {
      case '':
        break;
      case 'hostname':
        out(this.hostname);
        break;
      case 'whoami':
        out(this.user);
        break;
      case 'uname':
        out(args.includes('-a') ? `Linux ${this.hostname} ${KERNEL} #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux` : 'Linux');
        break;
      case 'uptime':
        out(this.uptime());
        break;
      case 'dmesg':
        out(...this.dmesgLines);
        break;
      case 'help':
        out('commands: hostname uptime dmesg uname whoami echo poweroff reboot panic exit');
        break;
      case 'echo':
        if (cmd === 'echo c > /proc/sysrq-trigger') return this.panic('sysrq triggered crash');
        out(args.join(' '));
        break;
      case 'panic':
        return this.panic('sysrq triggered crash');
      case 'poweroff':
      case 'halt':
      case 'shutdown':
        return this.shutdown('poweroff');
      case 'reboot':
        return this.shutdown('reboot');
      case 'exit':
      case 'logout':
        return this.logout();
      default:
        out(`-bash: ${name}: command not found`);
    }
    this.prompt();
  }

  private uptime(): string {
    const now = new Date(this.host.clock.now());
    const mins = Math.floor((this.host.clock.monotonic() - this.bootedAt) / 60_000);
    const hh = (n: number) => String(n).padStart(2, '0');
    const up = mins < 60 ? `${mins} min` : `${Math.floor(mins / 60)}:${hh(mins % 60)}`;
    return ` ${hh(now.getUTCHours())}:${hh(now.getUTCMinutes())}:${hh(now.getUTCSeconds())} up ${up},  1 user,  load average: 0.00, 0.00, 0.00`;
  }

  private shutdown(kind: 'poweroff' | 'reboot'): void {
    this.cancel();
    this.state = 'booting';
    const lines = this.shutdownLines();
    if (kind === 'reboot') lines[lines.length - 1] = `${this.stamp()} reboot: Restarting system`;
    this.play(lines, () => {
      if (kind === 'reboot') return this.boot();
      this.host.osEvent('graceful-shutdown');
      this.halt();
      this.host.powerOff();
    });
  }

  private panic(why: string): void {
    this.cancel();
    this.state = 'panicked';
    this.send(
      [
        `${this.stamp()} sysrq: Trigger a crash`,
        `${this.stamp()} Kernel panic - not syncing: ${why}`,
        `${this.stamp()} CPU: 1 PID: 1337 Comm: bash Not tainted ${KERNEL} #1`,
        `${this.stamp()} Hardware name: ${this.host.identity().manufacturer} ${this.host.identity().product}`,
        `${this.stamp()} Kernel Offset: disabled`,
        `${this.stamp()} ---[ end Kernel panic - not syncing: ${why} ]---`,
      ]
        .map((l) => l + CR)
        .join(''),
    );
    this.host.log.warn({}, 'simulated OS panicked');
    this.host.osEvent('critical-stop');
  }

  private sysrq(k: string): void {
    if (this.state === 'off' || this.state === 'booting') return;
    const out = (l: string) => this.send(`${this.stamp()} sysrq: ${l}${CR}`);
    if (k === 'c') return this.panic('sysrq triggered crash');
    if (k === 'b') {
      out('Resetting');
      return this.boot();
    }
    if (k === 'o') {
      out('Power Off');
      this.host.osEvent('graceful-shutdown');
      this.halt();
      return this.host.powerOff();
    }
    out('HELP : loglevel(0-9) reboot(b) crash(c) poweroff(o) show-registers(p) sync(s)');
  }
}

function stamp(sec: number): string {
  return `[${sec.toFixed(6).padStart(12)}]`;
}
