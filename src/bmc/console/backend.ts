/**
 * The system side of a serial console: where the characters a SOL console types go, and where
 * the characters the system prints come from. One per virtual BMC (bmc/console/console.ts owns it).
 */
export interface ConsoleBackend {
  /** "simulated", "pty /dev/pts/4", "unix /run/vm1.serial", "tcp 127.0.0.1:4555", "command virsh console vm1". */
  readonly describe: string;
  /** Whether characters can reach the system now (connected, running, powered). */
  readonly available: boolean;
  /** Set by the owner before start(). */
  sink?: BackendSink;
  start(): void;
  /** Release the device, socket or process. */
  stop(): Promise<void>;
  /** Characters typed at the console, for the system. */
  write(data: Buffer): void;
  /** A break condition on the line (SOL "generate break", ipmitool `~B`). */
  sendBreak(): void;
  /** The console's DCD/DSR line as the system sees it (false = hung up). */
  carrier(up: boolean): void;
  /** Stop taking characters from the system until resume() (flow control). */
  pause(): void;
  resume(): void;
}

export interface BackendSink {
  /** Characters the system sent. */
  output(data: Buffer): void;
  /** `available` changed. */
  availability(available: boolean): void;
}
