import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BridgeError, UsageError } from '../../lib/errors';
import { ControlClient, DEFAULT_CONTROL_LISTEN, TOKEN_ENV, loadToken } from '../control';

/**
 * `bmcbridge ctl ...`: the control API's operations (docs/control.md) from the command line,
 * over HTTP to a running `bmcbridge start` (or `sim --control PORT`). Text by default, the API's
 * JSON with --json. Exit status 0; 1 when the API refused (the message names the device, sensor
 * or field) or could not be reached, or a scenario run ended with failed steps; 2 for usage errors.
 */
export interface CtlIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Default process.env: BMCBRIDGE_CONTROL_URL, BMCBRIDGE_CONTROL_TOKEN. */
  env?: NodeJS.ProcessEnv;
  /** How long `run-scenario --wait` sleeps between polls (tests shorten it). */
  pollMs?: number;
}

export const URL_ENV = 'BMCBRIDGE_CONTROL_URL';

type Json = Record<string, unknown>;
/** What a subcommand asks of the API and how its answer reads as text. */
interface Call {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  text(body: Json): string;
}

const p = ControlClient.path;
const dev = (d: string) => p`/v1/devices/${d}`;
const sensorPath = (d: string, s: string) => p`/v1/devices/${d}/sensors/${s}`;

function numberArg(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name} must be a number, got '${v}'`);
    return n;
  };
}
/** A state or event given on the command line: an offset when it is all digits, else a name. */
const stateArg = (v: string): string | number => (/^\d+$/.test(v) ? Number(v) : v);
/** key=value parameters of a behaviour: numbers, true/false, and comma lists (input=40,80). */
function behaviourArgs(kind: string, params: string[]): Json {
  if (kind.trim().startsWith('{')) {
    if (params.length) throw new UsageError('give the behaviour as JSON or as KIND key=value..., not both');
    try {
      return JSON.parse(kind) as Json;
    } catch (e) {
      throw new UsageError(`behaviour JSON: ${(e as Error).message}`);
    }
  }
  const out: Json = { kind };
  const scalar = (v: string): unknown => (v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  for (const kv of params) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`behaviour parameters are key=value, got '${kv}'`);
    const v = kv.slice(i + 1);
    out[kv.slice(0, i)] = v.includes(',') ? v.split(',').map(scalar) : scalar(v);
  }
  return out;
}

// ---- text ----

const pad = (s: string, n: number) => s.padEnd(n);
function sensorLine(s: Json): string {
  const hex = `${(s.number as number).toString(16).padStart(2, '0')}h`;
  let reading: string;
  let status: string;
  if (s.kind === 'threshold') {
    status = s.status as string;
    reading = s.value === null ? 'No Reading' : `${String(s.value)} ${String(s.unit)}`;
    if (s.override) reading += s.behaviour && (s.behaviour as Json).kind !== 'constant' ? ` (${(s.behaviour as Json).kind})` : ' (held)';
  } else {
    status = s.kind === 'event-only' ? 'ns' : 'ok';
    reading = ((s.states as unknown[]) ?? []).join(', ');
  }
  return `${pad(String(s.key), 16)} | ${hex} | ${pad(status, 3)} | ${pad(String(s.entity), 5)} | ${reading}`.trimEnd();
}
function sensorDetail(s: Json): string {
  const lines = [`Sensor          : ${String(s.key)}${s.name !== s.key ? ` (ID string "${String(s.name)}")` : ''}`, `Number          : 0x${(s.number as number).toString(16).padStart(2, '0')}`, `Type            : ${String(s.type)} (${String(s.kind)})`, `Entity          : ${String(s.entity)}`];
  if (s.kind === 'threshold') {
    lines.push(`Reading         : ${s.value === null ? 'No Reading' : `${String(s.value)} ${String(s.unit)}`}`, `Status          : ${String(s.status)}`);
    const t = s.thresholds as Record<string, number>;
    lines.push(`Thresholds      : ${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    lines.push(`Behaviour       : ${JSON.stringify(s.behaviour)}${s.override ? ' (set through the control API)' : ' (profile)'}`);
  } else {
    lines.push(`States          : ${((s.states as unknown[]) ?? []).join(', ') || 'none asserted'}`, `Readable states : ${((s.readableStates as unknown[]) ?? []).join(', ')}`);
  }
  return lines.join('\n');
}
function selLine(e: Json): string {
  const id = String(e.id).padStart(4);
  const time = e.time ? String(e.time).replace('T', ' ').replace('Z', ' UTC') : e.timestamp === undefined ? '-' : `pre-init ${String(e.timestamp)} s`;
  if (e.type !== 'system') return `${id} | ${time} | OEM record type 0x${(e.recordType as number).toString(16)} | ${String(e.oemData)}`;
  const data = (e.eventData as number[]).map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const who = e.sensor ? `${String(e.sensorType)} ${String(e.sensor)}` : `${String(e.sensorType)} #0x${(e.sensorNumber as number).toString(16).padStart(2, '0')}`;
  return `${id} | ${time} | ${who} | ${String(e.event ?? `offset ${(e.eventData as number[])[0] & 0x0f}`)} | ${e.direction === 'assertion' ? 'Asserted' : 'Deasserted'} | data ${data}`;
}
function networkText(n: Json): string {
  const parts = [`latency ${String(n.latencyMs)} ms`, `loss ${String(n.lossRatio)}`, n.unresponsive ? 'unresponsive' : 'responsive'];
  if (n.rebootingUntil) parts.push(`rebooting until ${String(n.rebootingUntil)}`);
  return parts.join(', ');
}
function powerText(b: Json): string {
  const pend = b.pending as Json | null;
  return `power ${String(b.power)}${pend ? ` (turning ${String(pend.to)} at ${String(pend.at)})` : ''}`;
}
function runText(r: Json): string {
  const next = r.next as Json | null;
  const errors = r.errors as Array<{ step: number; message: string }>;
  const lines = [
    `run ${String(r.id)}: ${String(r.file)}${r.description ? ` (${String(r.description)})` : ''}: ${String(r.state)}, ${String(r.done)}/${String(r.steps)} steps, ${String(r.elapsedSec)} s${next ? `; next at ${String(next.atSec)} s: ${String(next.text)}` : ''}`,
  ];
  for (const e of errors) lines.push(`  step ${e.step} failed: ${e.message}`);
  return lines.join('\n');
}
const table = (rows: string[][]): string => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
};

export const CTL_USAGE = 'usage: bmcbridge ctl [--url URL] [--token T | --token-file F] [--json] <command> (bmcbridge ctl help)';

export async function runCtl(argv: string[], io: CtlIo): Promise<number> {
  const env = io.env ?? process.env;
  let call: Call | undefined;
  let scenario: { file: string; device?: string; wait: boolean } | undefined;
  const set = (c: Call) => () => {
    call = c;
  };

  const program = new Command('bmcbridge ctl')
    .description('fault injection: talk to the control API of a running bmcbridge (docs/control.md)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false)
    .option('--url <url>', `control API (default $${URL_ENV}, else http://${DEFAULT_CONTROL_LISTEN.host}:${DEFAULT_CONTROL_LISTEN.port})`)
    .option('--token <token>', `bearer token (default $${TOKEN_ENV})`)
    .option('--token-file <file>', 'read the bearer token from a file')
    .option('--json', "print the API's JSON answer")
    .addOption(new Option('--timeout <sec>', 'request timeout in seconds').default(30).argParser(numberArg('--timeout')));
  program.helpCommand('help [command]', 'show help');

  program.command('devices').description('list the virtual BMCs').action(() => {
    call = {
      method: 'GET',
      path: '/v1/devices',
      text: (b) =>
        table([
          ['NAME', 'PROFILE', 'POWER', 'LAN', 'SENSORS', 'SEL', 'SESSIONS', 'NETWORK'],
          ...(b.devices as Json[]).map((d) => [
            String(d.name),
            String(d.profile),
            String(d.power),
            String(d.lan ?? '-'),
            String(d.sensors),
            String(d.selEntries),
            String(d.sessions),
            d.network ? networkText(d.network as Json) : '-',
          ]),
        ]),
    };
  });
  program
    .command('sensors <device>')
    .description('every sensor: key, number, status, entity, reading or states')
    .action((d: string) => set({ method: 'GET', path: `${dev(d)}/sensors`, text: (b) => (b.sensors as Json[]).map(sensorLine).join('\n') })());
  program.command('sensor <device> <sensor>').description('one sensor (by key, ID string or number)').action((d: string, s: string) => set({ method: 'GET', path: sensorPath(d, s), text: sensorDetail })());
  program
    .command('set <device> <sensor> <value>')
    .description('hold a threshold sensor at a value (a failed fan: 0)')
    .action((d: string, s: string, v: string) => set({ method: 'PUT', path: `${sensorPath(d, s)}/value`, body: { value: numberArg('value')(v) }, text: sensorLine })());
  program
    .command('behaviour <device> <sensor> <kind> [params...]')
    .description("give a threshold sensor a behaviour: KIND key=value... (a profile's kinds: constant, noise, sine, ramp, randomWalk, follow) or one JSON object")
    .addOption(new Option('--initial <value>', 'the value it starts from (default: its present value)').argParser(numberArg('--initial')))
    .action((d: string, s: string, kind: string, params: string[], o: { initial?: number }) =>
      set({
        method: 'PUT',
        path: `${sensorPath(d, s)}/behaviour`,
        body: { behaviour: behaviourArgs(kind, params), ...(o.initial === undefined ? {} : { initial: o.initial }) },
        text: sensorLine,
      })(),
    );
  program
    .command('ramp <device> <sensor>')
    .description('ramp a threshold sensor from its present value (temperatures rise 1 °C/s: --rate 1 --by 30)')
    .addOption(new Option('--rate <perSec>', 'units per second').makeOptionMandatory().argParser(numberArg('--rate')))
    .addOption(new Option('--to <value>', 'where it stops').argParser(numberArg('--to')))
    .addOption(new Option('--by <amount>', 'how far it goes (negative: down)').argParser(numberArg('--by')))
    .action((d: string, s: string, o: { rate: number; to?: number; by?: number }) =>
      set({ method: 'POST', path: `${sensorPath(d, s)}/ramp`, body: { ratePerSec: o.rate, ...(o.to === undefined ? {} : { to: o.to }), ...(o.by === undefined ? {} : { by: o.by }) }, text: sensorLine })(),
    );
  program.command('reset <device> <sensor>').description("back to the profile's behaviour (or initial states)").action((d: string, s: string) => set({ method: 'DELETE', path: `${sensorPath(d, s)}/override`, text: sensorLine })());
  for (const verb of ['assert', 'deassert'] as const)
    program
      .command(`${verb} <device> <sensor> <state>`)
      .description(`${verb} a discrete state, by name or offset (${verb === 'assert' ? 'pull a PSU: assert "PS1 Status" "Power Supply AC lost"' : 'put it back'})`)
      .action((d: string, s: string, st: string) => set({ method: 'POST', path: `${sensorPath(d, s)}/${verb}`, body: { state: stateArg(st) }, text: sensorLine })());
  program
    .command('states <device> <sensor> [states...]')
    .description("set a discrete sensor's asserted states (none: all deasserted)")
    .action((d: string, s: string, st: string[]) => set({ method: 'PUT', path: `${sensorPath(d, s)}/states`, body: { states: st.map(stateArg) }, text: sensorLine })());

  program.command('sel <device>').description('the SEL, decoded').action((d: string) =>
    set({
      method: 'GET',
      path: `${dev(d)}/sel`,
      text: (b) => [...(b.entries as Json[]).map(selLine), `${(b.entries as Json[]).length} of ${String(b.capacity)} entries${b.overflow ? ', overflow' : ''}`].join('\n'),
    })(),
  );
  program
    .command('sel-add <device>')
    .description('add a SEL entry: a sensor and its event (as in a profile), or 16 bytes of --hex')
    .option('--sensor <sensor>', "a sensor of the device's profile (its type, number and event type are used)")
    .addOption(new Option('--sensor-type <type>', 'without --sensor: a sensor type name or code').argParser((v) => stateArg(v)))
    .addOption(new Option('--sensor-number <n>', 'without --sensor').argParser(numberArg('--sensor-number')))
    .addOption(new Option('--event-type <type>', 'without --sensor: threshold, sensor-specific, a generic type name or code').argParser((v) => stateArg(v)))
    .addOption(new Option('--event <event>', 'the event: its name ("Lower Critical going low", "Presence detected") or offset').argParser(stateArg))
    .option('--deassert', 'a deassertion event')
    .addOption(new Option('--reading <value>', 'threshold events: the trigger reading').argParser(numberArg('--reading')))
    .option('--data <b1,b2,b3>', 'all three event data bytes')
    .addOption(new Option('--seconds-ago <n>', 'timestamp this long before now').argParser(numberArg('--seconds-ago')))
    .option('--hex <hex>', 'a whole 16-byte record instead')
    .action((d: string, o: Json) => {
      let entry: Json;
      if (o.hex !== undefined) entry = { hex: o.hex };
      else {
        entry = {};
        const put = (k: string, v: unknown) => v !== undefined && (entry[k] = v);
        put('sensor', o.sensor);
        put('sensorType', o.sensorType);
        put('sensorNumber', o.sensorNumber);
        put('eventType', o.eventType);
        put('event', o.event);
        put('deassert', o.deassert ? true : undefined);
        put('reading', o.reading);
        put('secondsAgo', o.secondsAgo);
        if (o.data !== undefined) entry.eventData = String(o.data).split(',').map((x) => Number(x.trim()));
      }
      call = { method: 'POST', path: `${dev(d)}/sel`, body: { entries: [entry] }, text: (b) => `added SEL entry ${(b.added as number[]).join(', ')}` };
    });
  program.command('sel-clear <device>').description('clear the SEL').action((d: string) => set({ method: 'DELETE', path: `${dev(d)}/sel`, text: (b) => `cleared ${String(b.cleared)} entries` })());

  program
    .command('power <device> [action]')
    .description('show the power state, or press the front panel: on, off, cycle, reset, soft')
    .action((d: string, action?: string) => set(action ? { method: 'POST', path: `${dev(d)}/power`, body: { action }, text: powerText } : { method: 'GET', path: `${dev(d)}/power`, text: powerText })());
  program
    .command('network <device>')
    .description('show or set network faults of the BMC\'s UDP server')
    .addOption(new Option('--latency <ms>', 'added delay before each reply').argParser(numberArg('--latency')))
    .addOption(new Option('--loss <ratio>', 'share of incoming packets dropped, 0..1').argParser(numberArg('--loss')))
    .option('--unresponsive', 'answer nothing')
    .option('--responsive', 'answer again')
    .option('--clear', 'no faults')
    .action((d: string, o: { latency?: number; loss?: number; unresponsive?: boolean; responsive?: boolean; clear?: boolean }) => {
      const body: Json = {};
      if (o.latency !== undefined) body.latencyMs = o.latency;
      if (o.loss !== undefined) body.lossRatio = o.loss;
      if (o.unresponsive && o.responsive) throw new UsageError('--unresponsive or --responsive, not both');
      if (o.unresponsive || o.responsive) body.unresponsive = !!o.unresponsive;
      if (o.clear && Object.keys(body).length) throw new UsageError('--clear takes no other option');
      call = o.clear
        ? { method: 'DELETE', path: `${dev(d)}/network`, text: networkText }
        : Object.keys(body).length
          ? { method: 'PUT', path: `${dev(d)}/network`, body, text: networkText }
          : { method: 'GET', path: `${dev(d)}/network`, text: networkText };
    });
  program
    .command('reboot <device>')
    .description('reboot the BMC: every session ends; --down keeps it silent for a while')
    .addOption(new Option('--down <sec>', 'seconds it answers nothing').argParser(numberArg('--down')))
    .action((d: string, o: { down?: number }) =>
      set({
        method: 'POST',
        path: `${dev(d)}/reboot`,
        body: o.down === undefined ? {} : { downSec: o.down },
        text: (b) => `rebooted: ${String(b.sessionsClosed)} session(s) closed${b.network && (b.network as Json).rebootingUntil ? `; down until ${String((b.network as Json).rebootingUntil)}` : ''}`,
      })(),
    );

  program
    .command('run-scenario <file>')
    .description('check a scenario file and run it on the server (docs/control.md "Scenarios")')
    .option('--device <name>', 'the device of steps that name none')
    .option('--wait', 'wait until the run finishes; exit 1 if a step failed')
    .action((file: string, o: { device?: string; wait?: boolean }) => {
      scenario = { file, device: o.device, wait: !!o.wait };
    });
  program.command('scenarios').description('scenario runs').action(() => set({ method: 'GET', path: '/v1/scenarios', text: (b) => (b.runs as Json[]).map(runText).join('\n') || 'no scenario runs' })());
  program.command('scenario <run>').description('one scenario run').action((r: string) => set({ method: 'GET', path: p`/v1/scenarios/${r}`, text: runText })());
  program.command('cancel-scenario <run>').description('stop a scenario run').action((r: string) => set({ method: 'DELETE', path: p`/v1/scenarios/${r}`, text: runText })());

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 2;
    if (e instanceof UsageError) {
      io.stderr(`bmcbridge ctl: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (!call && !scenario) {
    io.stderr(`${CTL_USAGE}\n`);
    return 2;
  }
  const o = program.opts<{ url?: string; token?: string; tokenFile?: string; json?: boolean; timeout: number }>();
  const out = (b: unknown, text: (b: Json) => string) => io.stdout(`${o.json ? JSON.stringify(b, null, 2) : text(b as Json)}\n`);
  try {
    const token = o.token ?? loadToken({ file: o.tokenFile, env });
    const client = new ControlClient({ url: o.url ?? env[URL_ENV], token, timeoutMs: o.timeout * 1000 });
    /** The answer's JSON, or undefined after printing why the API refused. */
    const ask = async (method: Call['method'], path: string, body?: unknown): Promise<Json | undefined> => {
      const a = await client.request(method, path, body);
      if (a.status < 400) return a.body as Json;
      const b = a.body as { message?: string } | string | null;
      const msg = typeof b === 'object' && b?.message ? b.message : `HTTP ${a.status}${typeof b === 'string' && b ? `: ${b.slice(0, 200)}` : ''}`;
      if (o.json && typeof b === 'object') io.stdout(`${JSON.stringify(b, null, 2)}\n`);
      io.stderr(`bmcbridge ctl: ${msg}\n`);
      return undefined;
    };
    if (call) {
      const b = await ask(call.method, call.path, call.body);
      if (!b) return 1;
      out(b, call.text);
      return 0;
    }
    const s = scenario!;
    let yaml: string;
    try {
      yaml = fs.readFileSync(s.file, 'utf8');
    } catch (e) {
      throw new UsageError(`scenario file ${s.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let run = await ask('POST', '/v1/scenarios', { yaml, file: path.resolve(s.file), ...(s.device ? { device: s.device } : {}) });
    while (run && s.wait && run.state === 'running') {
      await new Promise((r) => setTimeout(r, io.pollMs ?? 500));
      run = await ask('GET', p`/v1/scenarios/${String(run.id)}`);
    }
    if (!run) return 1;
    out(run, runText);
    return s.wait && (run.errors as unknown[]).length ? 1 : 0;
  } catch (e) {
    if (e instanceof BridgeError) {
      io.stderr(`bmcbridge ctl: ${e.message}\n`);
      return e instanceof UsageError ? 2 : 1;
    }
    throw e;
  }
}
