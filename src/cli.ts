#!/usr/bin/env node
/**
 * The `bmcbridge` command: argument parsing only; the work is in main.ts and the front ends.
 * A wrong flag or a missing file prints one line and exits with code 2.
 */
import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import fs from 'node:fs';
import v8 from 'node:v8';
import { createLogger } from './lib/logger';
import { ConfigError, ConfigErrors, UsageError } from './lib/errors';
import { Bridge, Fleet, defaultStateRoot, defaultConfigDir } from './main';
import { runWql } from './frontends/cli/wql';
import { runIpmi } from './frontends/cli/ipmi';
import { runWinrm } from './frontends/cli/winrm';
import { runCtl } from './frontends/cli/ctl';
import { runProfileImport } from './frontends/cli/profile-import';
import { createControlServer, loadToken, DEFAULT_CONTROL_LISTEN } from './frontends/control';
import readline from 'node:readline';
import type { PrivilegeName } from './codec/message/netfn';
import type { ClientTarget } from './client';
import * as profiles from './profile';

const VERSION: string = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
})();

function fail(message: string, code = 2): never {
  process.stderr.write(`bmcbridge: ${message}\n`);
  process.exit(code);
}

function int(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer ${min}..${max}, got '${v}'`);
    return n;
  };
}

/** Print every configuration problem together, then exit 1 (the config is wrong, not the command line). */
function reportConfig(e: unknown): never {
  if (e instanceof ConfigErrors) {
    for (const p of e.problems) process.stderr.write(`bmcbridge: config error: ${p.message}\n`);
    process.exit(1);
  }
  if (e instanceof ConfigError) fail(`config error: ${e.message}`, 1);
  throw e;
}

/**
 * `start` keeps a fleet's many small long-lived objects and makes a burst of garbage per scrape
 * (~600 MB for /devices/metrics of devices/fleet-1000.yaml). With V8's default heap growth the
 * RSS reached 2-3 times the live heap between full collections (665 MB after eight fleet
 * scrapes); growing the old generation by at most 50% keeps it near 1.5 times (325 MB) for
 * about 30% more CPU per scrape (issue 8). A --heap-growing-percent in NODE_OPTIONS or on
 * node's command line wins.
 */
function boundHeapGrowth(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent/.test(a));
  if (!given) v8.setFlagsFromString('--heap-growing-percent=50');
}

async function runFleet(fleet: Fleet, what: string): Promise<void> {
  await runUntilSignal(what, () => fleet.stop());
}
async function runUntilSignal(what: string, stopAll: () => Promise<void>): Promise<void> {
  const stop = async (sig: string) => {
    process.stderr.write(`bmcbridge: ${sig}, stopping ${what}\n`);
    await stopAll();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

export function buildProgram(): Command {
  const program = new Command('bmcbridge')
    .description('IPMI/BMC emulator and bridge: virtual BMCs, an IPMI client, a root\\hardware CIM model, WS-Management and Prometheus front ends')
    .version(VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('sim')
    .description('run one virtual BMC in the foreground, logging what it does')
    .requiredOption('--profile <id|file>', 'hardware profile: an id from profiles/ or a YAML file')
    .option('--name <name>', 'device name (default: the profile id)')
    .option('--host <host>', 'UDP address to listen on', '127.0.0.1')
    .addOption(new Option('--port <port>', 'UDP port').default(6230).argParser(int('--port', 0, 65535)))
    .option('--state <dir>', `state directory (default: ${defaultStateRoot()}/<name>)`)
    .option('--user <name:password[:privilege]>', 'add a user (repeatable; privilege: callback, user, operator, administrator; default administrator). Profiles ship no users.', collectUsers, [])
    .option('--serial <path>', 'also serve the BMC on this serial line (a real port or a pty)')
    .addOption(new Option('--serial-mode <mode>', 'serial framing').choices(['basic', 'terminal']).default('basic'))
    .addOption(new Option('--baud <rate>', 'serial line speed').default(115200).argParser(int('--baud', 300, 921600)))
    .option('--no-lan', 'do not listen on UDP')
    .addOption(new Option('--control <port>', 'serve the control API (fault injection, docs/control.md) on 127.0.0.1:PORT').argParser(int('--control', 0, 65535)))
    .option('--control-token-file <file>', 'bearer token of the control API (default $BMCBRIDGE_CONTROL_TOKEN)')
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .action(async (o) => {
      const log = createLogger({ level: o.logLevel });
      if (/[/\\]|\.ya?ml$/.test(o.profile) && !fs.existsSync(o.profile)) fail(`profile file not found: ${o.profile}`);
      let profile;
      try {
        profile = profiles.loadProfileRef(o.profile);
      } catch (e) {
        reportConfig(e);
      }
      const name = o.name ?? profile.id;
      if (o.user.length) profile = { ...profile, users: o.user };
      const fleet = new Fleet({ log, stateRoot: defaultStateRoot() });
      await fleet.start([
        {
          name,
          kind: 'sim',
          profile,
          lan: o.lan ? { host: o.host, port: o.port } : undefined,
          serial: o.serial ? { path: o.serial, mode: o.serialMode, baud: o.baud } : undefined,
          stateDir: o.state,
        },
      ]);
      const dev = fleet.devices.get(name)!;
      const where = [dev.lanAddress && `udp://${dev.lanAddress.host}:${dev.lanAddress.port}`, o.serial && `serial ${o.serial} (${o.serialMode}, ${o.baud} baud)`].filter(Boolean).join(' and ');
      process.stderr.write(`bmcbridge: virtual BMC '${name}' (${profile.id}) on ${where}\n`);
      if (profile.users.length === 0) process.stderr.write(`bmcbridge: warning: profile '${profile.id}' has no users; add one with --user admin:password\n`);
      if (o.control === undefined) return runFleet(fleet, name);
      const control = createControlServer({ fleet, log, token: loadToken({ file: o.controlTokenFile }), port: o.control });
      const a = await control.listen();
      process.stderr.write(`bmcbridge: control API on http://${a.host}:${a.port} (bmcbridge ctl --url http://${a.host}:${a.port} sensors ${name})\n`);
      await runUntilSignal(name, async () => {
        await control.close();
        await fleet.stop();
      });
    });

  program
    .command('start')
    .description('run every device in a devices file (default: devices/default.yaml) and the front ends')
    .option('--devices <file>', 'devices file', path.join(profiles.REPO_ROOT, 'devices', 'default.yaml'))
    .option('--state <dir>', `state root; one subdirectory per device (default: ${defaultStateRoot()})`)
    .option('--config <dir>', `configuration directory: WS-Man config, accounts, certificates (default: ${defaultConfigDir()})`)
    .addOption(new Option('--metrics <host:port>', 'Prometheus endpoint (/ipmi, /devices/metrics, /metrics, /sd)').default('127.0.0.1:9290').argParser(hostPort('--metrics')))
    .option('--no-metrics', 'no Prometheus endpoint')
    .option('--modules <file>', "ipmi_exporter's modules config file for /ipmi")
    .option('--demo', 'WS-Man demo: 127.0.0.1:5985, Basic over plain HTTP, user admin/password (npm start uses it)')
    .option('--no-wsman', 'no WS-Management endpoint')
    .addOption(
      new Option('--control <host:port>', 'control API: fault injection (docs/control.md), loopback only')
        .default(`${DEFAULT_CONTROL_LISTEN.host}:${DEFAULT_CONTROL_LISTEN.port}`)
        .argParser(hostPort('--control')),
    )
    .option('--no-control', 'no control API (a devices file\'s scenarios still run)')
    .option('--control-token-file <file>', 'bearer token of the control API (default $BMCBRIDGE_CONTROL_TOKEN)')
    .option('--control-allow-remote', 'let --control bind a non-loopback address')
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .action(async (o) => {
      boundHeapGrowth();
      const log = createLogger({ level: o.logLevel });
      if (!fs.existsSync(o.devices)) fail(`devices file not found: ${o.devices}`);
      const stateRoot = o.state ?? defaultStateRoot();
      let inventory;
      try {
        inventory = profiles.loadInventory(o.devices, { stateRoot });
      } catch (e) {
        reportConfig(e);
      }
      for (const w of inventory.warnings) log.warn(`config warning: ${w.message}`);
      const bridge = new Bridge({
        log,
        stateRoot,
        metrics: o.metrics ? { ...o.metrics, modulesFile: o.modules } : false,
        wsman: o.wsman === false ? false : o.demo ? { demo: true } : { configDir: o.config ?? defaultConfigDir() },
        control:
          o.control === false
            ? false
            : {
                // Commander leaves the default unparsed: a string here is the default address.
                ...(typeof o.control === 'string' ? { ...hostPort('--control')(o.control), optional: true } : o.control),
                token: loadToken({ file: o.controlTokenFile }),
                allowRemote: !!o.controlAllowRemote,
              },
        scenarios: inventory.scenarios,
      });
      try {
        await bridge.start(inventory.devices);
      } catch (e) {
        reportConfig(e);
      }
      const fleet = bridge.fleet;
      const lines = [...bridge.devices.values()].map(({ spec }) => {
        const sim = fleet.devices.get(spec.name);
        const where =
          spec.kind === 'sim'
            ? sim?.lanAddress
              ? `udp://${sim.lanAddress.host}:${sim.lanAddress.port}`
              : '(no LAN listener)'
            : spec.kind === 'lan'
              ? `reaches ${spec.host}:${spec.port}`
              : `reaches serial ${spec.path}`;
        return `  ${spec.name.padEnd(18)} ${(spec.kind === 'sim' ? spec.profile.id : spec.kind).padEnd(24)} ${where}`;
      });
      const first = [...fleet.devices.values()].find((d) => d.lanAddress);
      const m = bridge.metrics?.address;
      const ws = bridge.wsman?.listeners().find((l) => !l.error && l.bound.length);
      const wsUrl = ws && `http://${ws.bound[0].host}:${ws.bound[0].port}/wsman`;
      const shown = lines.length > 20 ? [...lines.slice(0, 20), `  ... and ${lines.length - 20} more`] : lines;
      // Run through npm (`npm start` in a clone), bmcbridge is not on PATH: npx finds the project's own bin.
      const me = process.env.npm_lifecycle_event ? 'npx bmcbridge' : 'bmcbridge';
      process.stdout.write(
        [
          `bmcbridge ${VERSION}: ${bridge.devices.size} device(s) from ${o.devices}`,
          ...shown,
          '',
          'Try:',
          ...(first
            ? [
                `  ipmitool -I lanplus -C 17 -H ${first.lanAddress!.host} -p ${first.lanAddress!.port} -U admin -P password chassis status`,
                `  ipmitool -I lanplus -H ${first.lanAddress!.host} -p ${first.lanAddress!.port} -U admin -P password sdr elist`,
              ]
            : []),
          ...(m ? [`  curl -s 'http://${m.host}:${m.port}/ipmi?target=${first?.spec.name ?? ''}'`, `  curl -s http://${m.host}:${m.port}/devices/metrics`] : []),
          ...(bridge.control
            ? [
                `  ${me} ctl --url http://${bridge.control.address.host}:${bridge.control.address.port} devices`,
                `  ${me} ctl set ${first?.spec.name ?? 'DEVICE'} '${firstFan(first?.bmc) ?? 'SENSOR'}' 0   # fail a fan (docs/control.md)`,
              ]
            : []),
          ...(wsUrl
            ? [
                `  ${me} winrm set winrm/config/client '@{AllowUnencrypted="true"}'   # once: the client refuses plain HTTP by default`,
                `  ${me} winrm enumerate wmi/root/hardware/CIM_NumericSensor -r:${wsUrl} -u:admin -p:password -a:basic -unencrypted`,
                `  ${me} wql "SELECT Name, CurrentReading, UnitModifier FROM CIM_NumericSensor WHERE SensorType = 2"`,
              ]
            : []),
          '',
        ].join('\n'),
      );
      await runUntilSignal('all devices', () => bridge.stop());
    });

  program
    .command('wql')
    .description('run a WQL query against the root\\hardware model of a devices file, in-process (bmcbridge wql --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      process.exitCode = await runWql(
        args,
        { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
        async (opts) => {
          const file = opts.devices ?? path.join(profiles.REPO_ROOT, 'devices', 'default.yaml');
          if (!fs.existsSync(file)) throw new UsageError(`devices file not found: ${file}`);
          const inventory = profiles.loadInventory(file);
          // Built without listeners and with state in memory (fresh from the profiles), so it runs beside a running `start`.
          const bridge = new Bridge({ log: createLogger({ level: 'warn' }), noListen: true, metrics: false, wsman: false });
          await bridge.start(inventory.devices);
          return Object.assign(bridge.repository, { close: () => bridge.stop() });
        },
      );
    });

  program
    .command('ipmi')
    .description('an ipmitool-shaped IPMI client (bmcbridge ipmi --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const code = await runIpmi(args, {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        env: process.env,
        resolveDevice: (name) => resolveInventoryDevice(name, process.env.BMCBRIDGE_DEVICES ?? path.join(profiles.REPO_ROOT, 'devices', 'default.yaml')),
      });
      process.exitCode = code;
    });

  program
    .command('winrm')
    .description("WS-Management client and configuration, winrm.cmd's syntax (bmcbridge winrm help)")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const rl = process.stdin.isTTY ? readline.createInterface({ input: process.stdin, output: process.stderr }) : undefined;
      try {
        process.exitCode = await runWinrm(args, {
          stdout: process.stdout,
          stderr: process.stderr,
          configDir: defaultConfigDir(),
          prompt: rl ? (q) => new Promise((r) => rl.question(q, r)) : undefined,
        });
      } finally {
        rl?.close();
      }
    });

  program
    .command('ctl')
    .description('fault injection through the control API of a running bmcbridge (bmcbridge ctl help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      process.exitCode = await runCtl(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env });
    });

  program
    .command('profile')
    .description('hardware profiles: import (bmcbridge profile import --sdr FILE ... --out FILE)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('<subcommand>')
    .argument('[args...]')
    .action(async (sub: string, args: string[]) => {
      if (sub !== 'import') throw new UsageError(`profile: unknown subcommand '${sub}' (import)`);
      process.exitCode = await runProfileImport(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    });

  return program;
}

/**
 * `bmcbridge ipmi -d NAME`: a device of the inventory ($BMCBRIDGE_DEVICES, else devices/default.yaml).
 * lan and serial devices carry their own credentials; a virtual BMC is reached on its UDP
 * listener with the first administrator of its profile (as `bmcbridge start` serves it).
 */
function resolveInventoryDevice(name: string, file: string): ClientTarget {
  const inv = profiles.loadInventory(file);
  const d = inv.devices.find((x) => x.name === name);
  if (!d) throw new UsageError(`no device '${name}' in ${file} (${inv.devices.length} devices)`);
  if (d.kind === 'lan') {
    const { name: _n, kind: _k, passwordFrom: _p, kgFrom: _g, ...lan } = d;
    return { kind: 'lan', ...lan };
  }
  if (d.kind === 'serial') return { kind: 'serial', path: d.path, baud: d.baud, mode: d.mode };
  if (!d.lan) throw new UsageError(`virtual BMC '${name}' has no LAN listener in ${file}`);
  const admin = d.profile.users.find((u) => u.privilege === 'administrator') ?? d.profile.users[0];
  if (!admin) throw new UsageError(`virtual BMC '${name}' has no users in ${file}`);
  return { kind: 'lan', host: d.lan.host, port: d.lan.port, user: admin.name, password: admin.password };
}

/** The first fan of a virtual BMC (sensor type 04h), for the start-up hint. */
function firstFan(bmc?: { sensors?: { all(): ReadonlyArray<{ name: string; spec: { sensorType: number } }> } }): string | undefined {
  return bmc?.sensors?.all().find((s) => s.spec.sensorType === 0x04)?.name;
}

function hostPort(name: string) {
  return (v: string) => {
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(v);
    if (!m || Number(m[2]) > 65535) throw new UsageError(`${name} takes host:port, got '${v}'`);
    return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
  };
}

const PRIVILEGES = ['callback', 'user', 'operator', 'administrator'];
function collectUsers(v: string, prev: Array<{ name: string; password: string; privilege: PrivilegeName }>) {
  const [name, password, privilege = 'administrator'] = v.split(':');
  if (!name || password === undefined || !PRIVILEGES.includes(privilege)) throw new UsageError(`--user takes name:password[:privilege], got '${v}'`);
  return [...prev, { name, password, privilege: privilege as PrivilegeName }];
}

export async function main(argv = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
      // Commander already printed "error: ..." on one line.
      process.exit(2);
    }
    if (e instanceof UsageError) fail(e.message);
    if (e instanceof ConfigErrors || e instanceof ConfigError) reportConfig(e);
    fail(e instanceof Error ? e.message : String(e), 1);
  }
}

// `bmcbridge ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

if (require.main === module) void main();
