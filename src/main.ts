/**
 * Wiring only: builds virtual BMCs from device specs, opens their listeners, and brings up the
 * front ends. The CLI (src/cli.ts) parses arguments and calls these.
 */
import path from 'node:path';
import os from 'node:os';
import type { Logger } from './lib/logger';
import type { SimDeviceSpec } from './profile/types';
import { VirtualBmc } from './bmc/device';
import { LanServer } from './bmc/server';
import { SerialServer } from './bmc/serial';
import { clientInventory, createMetricsServer, defaultModulesConfig, loadModulesConfig, MetricsServer } from './frontends/metrics';
import { standardHandlers } from './bmc/handlers';
import { sessionHandlers } from './bmc/handlers/session';

/** Default state directory: $BMCBRIDGE_STATE, else $XDG_STATE_HOME/bmcbridge, else ~/.local/state/bmcbridge. */
export function defaultStateRoot(): string {
  if (process.env.BMCBRIDGE_STATE) return process.env.BMCBRIDGE_STATE;
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'bmcbridge');
}

/** Default configuration directory (WS-Man config, accounts, certificates): $BMCBRIDGE_CONFIG, else $XDG_CONFIG_HOME/bmcbridge, else ~/.config/bmcbridge. */
export function defaultConfigDir(): string {
  if (process.env.BMCBRIDGE_CONFIG) return process.env.BMCBRIDGE_CONFIG;
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'bmcbridge');
}

/** Every handler a virtual BMC serves. */
export function allHandlers() {
  return [...standardHandlers, ...sessionHandlers];
}

export interface RunningDevice {
  spec: SimDeviceSpec;
  bmc: VirtualBmc;
  lan?: LanServer;
  lanAddress?: { host: string; port: number };
  serial?: SerialServer;
}

export interface FleetOptions {
  log: Logger;
  /** State root; each device gets a subdirectory named after it unless its spec sets stateDir. */
  stateRoot?: string;
  /** Build the BMCs without opening listeners (the `wql` command). */
  noListen?: boolean;
}

/** A set of virtual BMCs in one process. */
export class Fleet {
  readonly devices = new Map<string, RunningDevice>();
  constructor(private readonly opts: FleetOptions) {}

  async start(specs: SimDeviceSpec[]): Promise<void> {
    const failures: string[] = [];
    await Promise.all(
      specs.map(async (spec) => {
        const log = this.opts.log.child({ device: spec.name });
        const stateDir = spec.stateDir ?? (this.opts.stateRoot ? path.join(this.opts.stateRoot, spec.name) : undefined);
        const bmc = new VirtualBmc({ name: spec.name, profile: spec.profile, stateDir, log, handlers: allHandlers() });
        const dev: RunningDevice = { spec, bmc };
        this.devices.set(spec.name, dev);
        if (spec.lan && !this.opts.noListen) {
          dev.lan = new LanServer(bmc);
          try {
            dev.lanAddress = await dev.lan.listen(spec.lan.host, spec.lan.port);
          } catch (e) {
            failures.push(`${spec.name}: ${(e as Error).message}`);
          }
        }
        if (spec.serial && !this.opts.noListen) {
          dev.serial = new SerialServer(bmc, { path: spec.serial.path, mode: spec.serial.mode, baud: spec.serial.baud });
          try {
            await dev.serial.open();
            log.info({ path: spec.serial.path, mode: spec.serial.mode }, 'virtual BMC listening on a serial line');
          } catch (e) {
            failures.push(`${spec.name}: serial ${spec.serial.path}: ${(e as Error).message}`);
          }
        }
      }),
    );
    if (failures.length) {
      await this.stop();
      throw new Error(failures.join('\n'));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.devices.values()].map(async (d) => {
        await d.lan?.close();
        await d.serial?.close();
        d.bmc.close();
      }),
    );
    this.devices.clear();
  }
}

export interface MetricsOptions {
  host: string;
  port: number;
  /** ipmi_exporter's modules file; default: one `default` module, every collector. */
  modulesFile?: string;
}

/** The Prometheus front end over every device of a fleet (in-process for virtual BMCs). */
export async function startMetrics(fleet: Fleet, opts: MetricsOptions, log: Logger): Promise<{ server: MetricsServer; address: { host: string; port: number } }> {
  const modules = opts.modulesFile ? loadModulesConfig(opts.modulesFile) : defaultModulesConfig();
  for (const w of modules.warnings) log.warn({ frontend: 'metrics' }, w);
  const inventory = clientInventory({
    devices: () =>
      [...fleet.devices.values()].map((d) => ({ name: d.spec.name, kind: d.spec.kind, address: d.lanAddress && `${d.lanAddress.host}:${d.lanAddress.port}` })),
    clientTarget: (d) => ({ kind: 'in-process', bmc: fleet.devices.get(d.name)!.bmc, name: d.name }),
    log,
  });
  const server = createMetricsServer({ modules, inventory, log, host: opts.host, port: opts.port });
  const address = await server.listen();
  log.info({ frontend: 'metrics', ...address }, 'Prometheus endpoint listening');
  return { server, address };
}
