import type { Logger } from '../../lib/logger';
import type { ConsoleSpec } from '../../profile/console-types';
import { defaultConsole } from '../../profile/console-types';
import { SOL_BIT_RATES } from '../../codec/commands/transport/sol-parameters';
import type { Session } from '../sessions';
import type { VirtualBmc } from '../device';
import { DeviceConsole } from '../console/console';
import { createBackend } from '../console';
import { SolConfig } from './config';
import { SolInstance } from './payload';

/** One SOL instance per BMC: the instance number and the capacity Get Payload Activation Status reports. */
export const SOL_INSTANCE = 1;
export const SOL_CAPACITY = 1;
/**
 * Payload sizes of Activate Payload, SOL header included. Inbound 255 keeps every console's
 * packets within the one-byte Accepted Character Count: pyghmi 1.5 sends up to the inbound size
 * in characters (without the header), ipmitool and FreeIPMI the size less 4. Outbound 259 lets
 * the BMC send 255 characters a packet, the most an ACK can count; FreeIPMI 1.6 accepts sizes
 * up to 259 and no more.
 */
export const SOL_INBOUND_PAYLOAD_SIZE = 255;
export const SOL_OUTBOUND_PAYLOAD_SIZE = 259;
/** The system serial port SOL uses (Get Payload Instance Info byte 6; 1-based). */
export const SOL_SERIAL_PORT = 1;

/** How the SOL packets of an instance travel in its session (v2.0 §24.1: per the cipher suite and the activation). */
export interface PayloadSecurity {
  encrypt: boolean;
  authenticate: boolean;
}

/** What the LAN engine lends the SOL service: its UDP port and a way to send in a session. */
export interface SolLanTransport {
  readonly port?: number;
  transmit(session: Session, payload: Buffer, security: PayloadSecurity): void;
}

export interface ActiveSol {
  readonly session: Session;
  readonly engine: SolInstance;
  readonly requested: PayloadSecurity;
  security: PayloadSecurity;
  readonly since: number;
}

/**
 * Serial-over-LAN of one virtual BMC (v2.0 §15, §24, §26): the SOL configuration parameters,
 * the device's console (created at first use, so BMCs nobody opens a console on run no console
 * timers), and the one payload instance, tied to the RMCP+ session that activated it and freed
 * when that session closes or times out.
 */
export class SolService {
  readonly config: SolConfig;
  private consoleInstance?: DeviceConsole;
  private lan?: SolLanTransport;
  private current?: ActiveSol;
  private readonly log: Logger;

  constructor(
    private readonly bmc: VirtualBmc,
    private readonly spec: ConsoleSpec = defaultConsole(),
    readonly channel: number,
  ) {
    this.log = bmc.log.child({ payload: 'sol' });
    this.config = new SolConfig(bmc.store, channel, () => this.lan?.port ?? 623);
  }

  get consoleSpec(): ConsoleSpec {
    return this.spec;
  }

  /** The device's console, started on first use. */
  get console(): DeviceConsole {
    if (!this.consoleInstance) {
      const backend = createBackend(this.spec, this.bmc, () => SOL_BIT_RATES[this.config.settings().bitRate] ?? 115200);
      this.consoleInstance = new DeviceConsole(backend, {
        historyBytes: this.spec.historyBytes,
        logFile: this.spec.logFile,
        flowControl: this.spec.flowControl,
        log: this.bmc.log.child({ console: this.spec.kind }),
      });
      this.consoleInstance.start();
    }
    return this.consoleInstance;
  }

  /** Start the console now (a device whose console is configured runs it from start-up, boot events and all). */
  startConsole(): void {
    void this.console;
  }

  bindLan(t: SolLanTransport): void {
    this.lan = t;
  }

  get active(): ActiveSol | undefined {
    return this.current;
  }

  /** Security of the instance if it belongs to this session; undefined = SOL packets in it are dropped. */
  securityFor(sessionId: number): PayloadSecurity | undefined {
    const a = this.current;
    return a && a.session.id === sessionId ? a.security : undefined;
  }

  /** Start the instance in `session` (the handler has checked type, instance, enable and privilege). */
  activate(session: Session, requested: PayloadSecurity, startDeasserted: boolean): ActiveSol {
    const settings = this.config.settings();
    const suite = session.suite!;
    const security: PayloadSecurity = {
      encrypt: (requested.encrypt || settings.forceEncryption) && suite.confidentiality !== 0,
      authenticate: (requested.authenticate || settings.forceAuthentication) && suite.integrity !== 0,
    };
    const shared = { security };
    const engine = new SolInstance({
      settings,
      clock: this.bmc.clock,
      log: this.log.child({ session: session.id }),
      console: this.console,
      maxCharacters: SOL_OUTBOUND_PAYLOAD_SIZE - 4,
      startDeasserted,
      // The instance's security as it is now, also for its last packet after deactivation.
      send: (payload) => this.send(session, payload, shared.security),
    });
    const active: ActiveSol = {
      session,
      engine,
      requested,
      since: this.bmc.clock.now(),
      get security() {
        return shared.security;
      },
      set security(s: PayloadSecurity) {
        shared.security = s;
      },
    };
    this.current = active;
    this.log.info({ session: session.id, user: session.userName, ...security, console: this.console.describe }, 'SOL activated');
    return active;
  }

  /** End the instance; `notify` tells its console ("SOL deactivating"). */
  deactivate(why: string, notify: boolean): void {
    const a = this.current;
    if (!a) return;
    this.current = undefined;
    a.engine.close(notify);
    this.log.info({ session: a.session.id, why, ...a.engine.counters }, 'SOL deactivated');
  }

  /** A SOL payload that arrived (authenticated and decrypted) in `session`. */
  receive(session: Session, payload: Buffer): void {
    const a = this.current;
    if (a && a.session.id === session.id) a.engine.receive(payload);
  }

  /** The session table closed a session (Close Session, idle timeout, BMC reset). */
  sessionClosed(session: { id: number }): void {
    if (this.current?.session.id === session.id) this.deactivate('session closed', false);
  }

  /** SOL parameters changed: the instance uses the new ones; disabling SOL ends it. */
  settingsChanged(): void {
    const a = this.current;
    if (!a) return;
    const s = this.config.settings();
    if (!s.enabled) return this.deactivate('SOL disabled', true);
    a.engine.update(s);
  }

  private send(session: Session, payload: Buffer, security: PayloadSecurity): void {
    if (!this.lan) return this.log.debug('SOL packet with no LAN listener to carry it; dropped');
    this.lan.transmit(session, payload, security);
  }

  async close(): Promise<void> {
    this.deactivate('BMC stopped', false);
    await this.consoleInstance?.stop();
  }
}
