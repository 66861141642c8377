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
import { standardHandlers } from './bmc/handlers';
import { sessionHandlers } from './bmc/handlers/session';

/** Default state directory: $BMCBRIDGE_STATE, else $XDG_STATE_HOME/bmcbridge, else ~/.local/state/bmcbridge. */
export function defaultStateRoot(): string {
  if (process.env.BMCBRIDGE_STATE) return process.env.BMCBRIDGE_STATE;
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
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
        d.bmc.close();
      }),
    );
    this.devices.clear();
  }
}
