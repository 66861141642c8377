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
import { clientInventory, createMetricsServer, defaultModulesConfig, loadModulesConfig, MetricsServer, type InventoryDevice } from './frontends/metrics';
import { createWsmanService, demoConfig, DEMO_WARNING, WsmanService } from './frontends/wsman';
import { connect, ClientTarget } from './client';
import { BmcDevice } from './client/ops/device';
import { repositoryForDevices } from './model/sources/client';
import type { Repository } from './model/repository';
import type { DeviceSpec } from './profile/types';
import { Control, Scenarios, createControlServer, type ControlServer } from './frontends/control';
import type { ScenarioRef } from './profile/types';
import { ConfigErrors } from './lib/errors';
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
        const bmc = new VirtualBmc({ name: spec.name, profile: spec.profile, stateDir, log, handlers: allHandlers(), console: spec.console, powerHooks: spec.powerHooks });
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


/** How the device layer reaches a device of the inventory: virtual BMCs of this process in-process. */
export function clientTargetFor(spec: DeviceSpec, fleet: Fleet, log: Logger): ClientTarget {
  switch (spec.kind) {
    case 'sim':
      return { kind: 'in-process', bmc: fleet.devices.get(spec.name)!.bmc, name: spec.name };
    case 'lan': {
      const { name: _n, kind: _k, passwordFrom: _p, kgFrom: _g, ...lan } = spec;
      return { kind: 'lan', ...lan, log: log.child({ device: spec.name }) };
    }
    case 'serial':
      return { kind: 'serial', path: spec.path, baud: spec.baud, mode: spec.mode, maxInFlight: spec.maxInFlight, log: log.child({ device: spec.name }) };
  }
}

export interface BridgeOptions {
  log: Logger;
  stateRoot?: string;
  /** Prometheus endpoint; false = none. */
  metrics?: { host: string; port: number; modulesFile?: string } | false;
  /** WS-Management: the configuration directory, or the demo (127.0.0.1:5985, Basic over HTTP, admin/password). */
  wsman?: { configDir: string } | { demo: true; port?: number } | false;
  /** Build the BMCs without listeners (the `wql` command beside a running `start`). */
  noListen?: boolean;
  /**
   * The control API (fault injection, docs/control.md); false = none. `optional`: the address
   * is the default one, and a listener that cannot bind it is a warning, not a failed start
   * (two bmcbridge start side by side).
   */
  control?: { host: string; port: number; token?: string; allowRemote?: boolean; optional?: boolean } | false;
  /** A devices file's scenarios: checked when the devices run (every problem together), then started. */
  scenarios?: readonly ScenarioRef[];
}

/**
 * Everything `bmcbridge start` runs: the virtual BMCs, one device-layer client per device
 * (virtual ones in-process, real ones over LAN or serial), the root\hardware model over them,
 * and the front ends.
 */
export class Bridge {
  readonly fleet: Fleet;
  readonly devices = new Map<string, { spec: DeviceSpec; device: BmcDevice }>();
  repository!: Repository;
  metrics?: { server: MetricsServer; address: { host: string; port: number } };
  wsman?: WsmanService;
  control?: { server: ControlServer; address: { host: string; port: number } };
  scenarios?: Scenarios;
  private probes = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly opts: BridgeOptions) {
    this.fleet = new Fleet({ log: opts.log, stateRoot: opts.stateRoot, noListen: opts.noListen });
  }

  async start(specs: readonly DeviceSpec[]): Promise<void> {
    const log = this.opts.log;
    await this.fleet.start(specs.filter((d): d is Extract<DeviceSpec, { kind: 'sim' }> => d.kind === 'sim'));
    for (const spec of specs) this.devices.set(spec.name, { spec, device: new BmcDevice(connect(clientTargetFor(spec, this.fleet, log), log)) });
    this.repository = repositoryForDevices([...this.devices.entries()].map(([name, d]) => ({ name, device: d.device })));
    for (const d of this.devices.values()) if (d.spec.kind !== 'sim') this.probe(d.spec.name, 1000);
    try {
      if (this.opts.metrics) this.metrics = await this.startMetrics(this.opts.metrics);
      if (this.opts.wsman) this.wsman = await this.startWsman(this.opts.wsman);
      if (this.opts.control) {
        const { optional, ...o } = this.opts.control;
        const server = createControlServer({ fleet: this.fleet, log, ...o });
        try {
          this.control = { server, address: await server.listen() };
        } catch (e) {
          if (!optional || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
          await server.close();
          log.warn({ frontend: 'control', host: o.host, port: o.port }, 'control API not started: the address is in use (--control HOST:PORT picks another, --no-control none)');
        }
      }
      this.startScenarios(this.opts.scenarios ?? []);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  /** A device that cannot be reached is reported and retried with backoff; it never stops the others. */
  private probe(name: string, delayMs: number): void {
    const d = this.devices.get(name)!;
    const log = this.opts.log.child({ device: name });
    d.device
      .deviceId()
      .then(() => log.info({ target: d.device.target }, 'device reachable'))
      .catch((e: Error) => {
        if (this.stopped) return;
        const next = Math.min(delayMs * 2, 300_000);
        log.warn({ target: d.device.target, err: e.message, retryInMs: delayMs }, 'device not reachable; retrying');
        const t = setTimeout(() => this.probe(name, next), delayMs);
        t.unref();
        this.probes.set(name, t);
      });
  }

  private async startMetrics(o: { host: string; port: number; modulesFile?: string }) {
    const log = this.opts.log;
    const modules = o.modulesFile ? loadModulesConfig(o.modulesFile) : defaultModulesConfig();
    for (const w of modules.warnings) log.warn({ frontend: 'metrics' }, w);
    // Listed once: the engine looks a target up in this list on every /ipmi scrape, and a fresh
    // list of 1000 devices per scrape cost ~90 µs and ~100 KB of garbage each (issue 8). The
    // devices and their listeners are fixed once start() has run.
    let listed: InventoryDevice[] | undefined;
    const inventory = clientInventory({
      devices: () =>
        (listed ??= [...this.devices.values()].map(({ spec }) => ({
          name: spec.name,
          kind: spec.kind,
          address: spec.kind === 'lan' ? `${spec.host}:${spec.port}` : spec.kind === 'serial' ? spec.path : addressOf(this.fleet.devices.get(spec.name)?.lanAddress),
        }))),
      clientTarget: (d) => clientTargetFor(this.devices.get(d.name)!.spec, this.fleet, log),
      log,
    });
    const server = createMetricsServer({ modules, inventory, log, host: o.host, port: o.port });
    const address = await server.listen();
    log.info({ frontend: 'metrics', ...address }, 'Prometheus endpoint listening');
    return { server, address };
  }

  private async startWsman(o: { configDir: string } | { demo: true; port?: number }): Promise<WsmanService> {
    const log = this.opts.log;
    const demo = 'demo' in o;
    // The demo keeps its configuration under the state root, apart from the user's own.
    const configDir = demo ? path.join(this.opts.stateRoot ?? defaultStateRoot(), '.wsman-demo') : o.configDir;
    const service = createWsmanService({ model: this.repository, configDir, log, initialConfig: demo ? demoConfig(o.port ?? 5985) : undefined });
    if (demo) {
      service.accounts.set('admin', { password: 'password', groups: ['Administrators'] });
      log.warn({ frontend: 'wsman' }, DEMO_WARNING);
    }
    // The service logs each listener it starts, and each that could not start.
    await service.start();
    return service;
  }

  /** Check every scenario file against the running devices (all problems together), then start them. */
  private startScenarios(refs: readonly ScenarioRef[]): void {
    if (!refs.length) return;
    this.scenarios = this.control?.server.scenarios ?? new Scenarios(new Control(this.fleet, this.opts.log));
    const problems: ConfigErrors['problems'] = [];
    const parsed = refs.flatMap((r) => {
      try {
        return [this.scenarios!.parseFile(r.file, r.device)];
      } catch (e) {
        if (!(e instanceof ConfigErrors)) throw e;
        problems.push(...e.problems);
        return [];
      }
    });
    if (problems.length) throw new ConfigErrors(problems);
    for (const s of parsed) this.scenarios.start(s);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.probes.values()) clearTimeout(t);
    this.scenarios?.close();
    await this.control?.server.close();
    await this.wsman?.stop();
    await this.metrics?.server.close();
    await Promise.all([...this.devices.values()].map((d) => d.device.client.close().catch(() => undefined)));
    await this.fleet.stop();
  }
}

function addressOf(a?: { host: string; port: number }): string | undefined {
  return a && `${a.host}:${a.port}`;
}
