import { CompletionCodeError, UsageError } from '../../lib/errors';
import { privilegeName } from '../../codec/message/netfn';
import { PayloadType } from '../../codec/session/packet';
import { DeactivatePayload, DeactivatePayloadCC } from '../../codec/commands/app/deactivate-payload';
import { ActivatePayloadCC } from '../../codec/commands/app/activate-payload';
import type { BmcDevice } from '../../client';
import { CURRENT_CHANNEL, SOL_SETTINGS, SolConfiguration, SolConsole, SolSetting, bitRateText, readSolConfiguration, setSolSetting } from '../../client/sol';

/** The interactive terminal of `sol activate` (bmcbridge uses its own stdin/stdout; tests pass streams). */
export interface SolTerminal {
  input: NodeJS.ReadableStream;
  write(data: Buffer): void;
  /** Raw mode on a TTY: every key goes to the system, ^C included. */
  setRaw?(on: boolean): void;
}

export interface SolOutput {
  lines: string[];
  json: unknown;
  status?: number;
  stderr?: string;
}

export const SOL_USAGE = 'sol info [channel] | sol set <parameter> <value> [channel] [noguard] | sol activate [instance=N] [steal] | sol deactivate [instance=N]';
/** ipmitool's escape character; `~.` leaves, `~B` sends a break (recognised after a newline only). */
export const ESCAPE = '~';

/** `bmcbridge ipmi ... sol ...`: ipmitool 1.8.19's `sol` commands over the device layer (issue 9). */
export async function solCommand(dev: BmcDevice, args: string[], terminal: () => SolTerminal): Promise<SolOutput> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'info': {
      const ch = rest[0] === undefined ? CURRENT_CHANNEL : channelArg(rest[0]);
      const c = await readSolConfiguration(dev.client, ch);
      return { lines: formatSolInfo(c), json: c, stderr: c.unsupported.map((n) => `Info: SOL parameter '${n}' not supported\n`).join('') || undefined };
    }
    case 'set': {
      const [name, value, ...more] = rest;
      if (!name || value === undefined) throw new UsageError(`sol set <parameter> <value> [channel] [noguard]; parameters: ${SOL_SETTINGS.join(', ')}`);
      if (!(SOL_SETTINGS as readonly string[]).includes(name)) throw new UsageError(`sol set: unknown parameter '${name}' (${SOL_SETTINGS.join(', ')})`);
      const guard = !more.includes('noguard');
      const chArg = more.find((m) => m !== 'noguard');
      await setSolSetting(dev.client, name as SolSetting, value, chArg === undefined ? CURRENT_CHANNEL : channelArg(chArg), guard);
      return { lines: [], json: { parameter: name, value } };
    }
    case 'deactivate': {
      const instance = instanceArg(rest);
      try {
        await dev.client.call(DeactivatePayload, { payload: { type: PayloadType.Sol }, instance: { number: instance }, auxiliary: Buffer.alloc(4) });
      } catch (e) {
        if (e instanceof CompletionCodeError && e.completionCode === DeactivatePayloadCC.alreadyDeactivated)
          return { lines: [], json: { deactivated: false }, status: 1, stderr: 'Info: SOL payload already de-activated\n' };
        throw e;
      }
      return { lines: [], json: { deactivated: true } };
    }
    case 'activate':
      return activate(dev, rest, terminal());
    default:
      throw new UsageError(`unknown sol command '${sub ?? ''}' (${SOL_USAGE})`);
  }
}

function channelArg(v: string): number {
  const n = Number(v);
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(v) || n > 15) throw new UsageError(`bad channel '${v}'`);
  return n;
}
function instanceArg(rest: string[]): number {
  const a = rest.find((r) => r.startsWith('instance='));
  if (!a) return 1;
  const n = Number(a.slice(9));
  if (!Number.isInteger(n) || n < 1 || n > 15) throw new UsageError(`instance must be 1..15, got '${a.slice(9)}'`);
  return n;
}

/** ipmitool `sol info` (lib/ipmi_sol.c). */
export function formatSolInfo(c: SolConfiguration): string[] {
  const tf = (b?: boolean) => (b === undefined ? 'unknown' : b ? 'true' : 'false');
  const sip = ['set-complete', 'set-in-progress', 'commit-write', 'reserved'][c.setInProgress ?? 0];
  const line = (k: string, v: string) => `${k.padEnd(32)}: ${v}`;
  return [
    line('Set in progress', sip),
    line('Enabled', tf(c.enabled)),
    line('Force Encryption', tf(c.forceEncryption)),
    line('Force Authentication', tf(c.forceAuthentication)),
    line('Privilege Level', c.privilege === undefined ? 'unknown' : privilegeName(c.privilege) === 'administrator' ? 'ADMINISTRATOR' : privilegeName(c.privilege).toUpperCase()),
    line('Character Accumulate Level (ms)', String((c.accumulate5ms ?? 0) * 5)),
    line('Character Send Threshold', String(c.threshold ?? 0)),
    line('Retry Count', String(c.retryCount ?? 0)),
    line('Retry Interval (ms)', String((c.retryInterval10ms ?? 0) * 10)),
    line('Volatile Bit Rate (kbps)', bitRateText(c.volatileBitRate ?? -1)),
    line('Non-Volatile Bit Rate (kbps)', bitRateText(c.nonVolatileBitRate ?? -1)),
    line('Payload Channel', c.channel === undefined ? 'unknown' : `${c.channel} (0x${c.channel.toString(16).padStart(2, '0')})`),
    line('Payload Port', String(c.port ?? 623)),
  ];
}

const HELP = [
  `${ESCAPE}?`,
  ' Supported escape sequences:',
  ` ${ESCAPE}.  - terminate connection`,
  ` ${ESCAPE}B  - send break`,
  ` ${ESCAPE}?  - this message`,
  ` ${ESCAPE}${ESCAPE}  - send the escape character by typing it twice`,
  ' (Note that escapes are only recognized immediately after newline.)',
  '',
].join('\r\n');

/**
 * The interactive console: keys go to the system except the escapes after a newline (`~.`
 * leaves and deactivates, `~B` sends a break, `~?` lists them, `~~` sends one `~`), as in
 * ipmitool. Exit status 0 when the user left, 1 when the BMC ended the session.
 */
async function activate(dev: BmcDevice, rest: string[], term: SolTerminal): Promise<SolOutput> {
  const instance = instanceArg(rest);
  let sol: SolConsole;
  try {
    sol = await SolConsole.open(dev.client, { instance, steal: rest.includes('steal') });
  } catch (e) {
    if (e instanceof CompletionCodeError && e.completionCode === ActivatePayloadCC.alreadyActive)
      return { lines: [], json: { activated: false }, status: 1, stderr: 'Info: SOL payload already active on another session\n' };
    throw e;
  }
  term.write(Buffer.from(`[SOL Session operational.  Use ${ESCAPE}? for help]\r\n`));
  term.setRaw?.(true);
  let afterNewline = true;
  let escaping = false;
  let leave!: (how: 'user' | string) => void;
  const done = new Promise<'user' | string>((r) => (leave = r));
  sol.onData((d) => term.write(d));
  sol.onEnd((why) => leave(why));
  const onKeys = (chunk: Buffer | string) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const out: number[] = [];
    const flush = () => {
      if (out.length) sol.write(Buffer.from(out.splice(0)));
    };
    for (const c of b) {
      const ch = String.fromCharCode(c);
      if (escaping) {
        escaping = false;
        if (ch === '.') {
          flush();
          term.write(Buffer.from(`${ESCAPE}. [terminated bmcbridge]\r\n`));
          return leave('user');
        }
        if (ch === 'B') {
          flush();
          term.write(Buffer.from(`${ESCAPE}B [send break]\r\n`));
          sol.sendBreak();
          continue;
        }
        if (ch === '?') {
          term.write(Buffer.from(HELP));
          continue;
        }
        if (ch !== ESCAPE) out.push(ESCAPE.charCodeAt(0));
        out.push(c);
      } else if (afterNewline && ch === ESCAPE) {
        escaping = true;
        continue;
      } else out.push(c);
      afterNewline = ch === '\r' || ch === '\n';
    }
    flush();
  };
  const onEnd = () => leave('user');
  term.input.on('data', onKeys);
  term.input.once('end', onEnd);
  term.input.resume?.();
  const how = await done;
  term.input.off('data', onKeys);
  term.input.off('end', onEnd);
  term.input.pause?.();
  term.setRaw?.(false);
  if (how === 'user') {
    await sol.flush();
    await sol.close();
    return { lines: [], json: { activated: true, ended: 'user', stats: sol.stats } };
  }
  return { lines: [], json: { activated: true, ended: how, stats: sol.stats }, status: 1, stderr: `SOL session closed: ${how}\n` };
}
