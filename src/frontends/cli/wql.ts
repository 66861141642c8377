import { CimError, UsageError } from '../../lib/errors';
import type { CimClassInfo, CimInstance, CimReference, CimValue, ModelRepository } from '../../model/types';
import { formatObjectPath } from '../../model/wql/object-path';
import { Out, WINDOWS } from '../wsman/envelope';
import { NS } from '../wsman/ns';
import { fragmentXml, instanceXml, RenderEnv } from '../wsman/cim/render';

/**
 * `bmcbridge wql "<query>" [--devices FILE] [--namespace NS] [--format table|json|xml]` and
 * `bmcbridge wql --classes [CLASS]`: run a WQL query against the model in-process and print
 * the result. The integrator wires it into the CLI and supplies the repository factory (which
 * builds virtual BMCs without listeners and reaches lan/serial devices as usual).
 *
 * Formats:
 *   table  a SELECT with a property list prints one row per instance under a header; any
 *          other result prints each instance as "Property : value" lines (as PowerShell's
 *          Format-List does), instances separated by a blank line
 *   json   one JSON array: {className, namespace, properties}; datetimes as ISO 8601 text,
 *          references as WMI object paths
 *   xml    the instances as WinRM renders them (w:XmlFragment for a property list), inside
 *          one <Items> element that declares the namespaces
 */
export interface WqlIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
export interface WqlCliOptions {
  devices?: string;
}
export type RepositoryFactory = (opts: WqlCliOptions) => Promise<ModelRepository & { close?(): Promise<void> | void }>;

type Format = 'table' | 'json' | 'xml';
interface Args {
  query?: string;
  classes: boolean;
  classFilter?: string;
  format: Format;
  devices?: string;
  namespace?: string;
}

export const WQL_USAGE = 'usage: bmcbridge wql "<query>" [--devices FILE] [--namespace NS] [--format table|json|xml] | bmcbridge wql --classes [CLASS] [--format table|json]';

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { classes: false, format: 'table' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--classes':
        a.classes = true;
        break;
      case '--format': {
        const f = value();
        if (f !== 'table' && f !== 'json' && f !== 'xml') throw new UsageError(`--format must be table, json or xml, got '${f}'`);
        a.format = f;
        break;
      }
      case '--devices':
        a.devices = value();
        break;
      case '--namespace':
        a.namespace = value();
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (a.classes) {
    if (positional.length > 1) throw new UsageError(`--classes takes at most one class name, got ${positional.length}`);
    a.classFilter = positional[0];
  } else {
    if (positional.length !== 1) throw new UsageError(positional.length ? 'give the query as one argument (quote it)' : WQL_USAGE);
    a.query = positional[0];
  }
  return a;
}

/** Run the command; resolves to the exit code (0 ok, 1 the query failed, 2 usage). */
export async function runWql(argv: readonly string[], io: WqlIo, makeRepository: RepositoryFactory): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bmcbridge wql: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const repo = await makeRepository({ devices: args.devices });
  try {
    if (args.classes) return printClasses(repo, args, io);
    return await printQuery(repo, args, io);
  } catch (e) {
    if (e instanceof CimError) {
      io.stderr(`bmcbridge wql: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await repo.close?.();
  }
}

function printClasses(repo: ModelRepository, args: Args, io: WqlIo): number {
  let list: CimClassInfo[] = repo.classes(args.namespace);
  if (args.classFilter) {
    const c = repo.classInfo(args.classFilter);
    if (!c) {
      io.stderr(`bmcbridge wql: no class ${args.classFilter}\n`);
      return 1;
    }
    list = [c];
  }
  if (args.format === 'json') {
    io.stdout(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  if (args.format === 'xml') throw new UsageError('--classes prints table or json');
  for (const c of list) {
    const flags = [c.abstract ? 'abstract' : '', c.association ? 'association' : ''].filter(Boolean).join(', ');
    io.stdout(`${c.namespace}:${c.name}${c.superClass ? ` : ${c.superClass}` : ''}${flags ? ` (${flags})` : ''}\n`);
    if (!args.classFilter) continue;
    for (const p of c.properties) {
      const type = `${p.type}${p.type === 'reference' && p.refClass ? ` ${p.refClass}` : ''}${p.array ? '[]' : ''}`;
      const q = [p.key ? 'key' : '', p.writable ? 'write' : ''].filter(Boolean).join(', ');
      io.stdout(`  ${type.padEnd(22)} ${p.name}${q ? ` (${q})` : ''}\n`);
    }
    for (const m of c.methods) {
      const params = m.parameters.map((x) => `${x.in ? 'in' : 'out'} ${x.type}${x.array ? '[]' : ''} ${x.name}`).join(', ');
      io.stdout(`  ${m.returns.padEnd(22)} ${m.name}(${params})\n`);
    }
  }
  return 0;
}

/** Text of a value for table and json output. */
function text(v: CimValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `{${v.map((x) => text(x)).join(', ')}}`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return formatObjectPath(v);
  return String(v);
}
function jsonValue(v: CimValue | undefined): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => jsonValue(x));
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return formatObjectPath(v as CimReference);
  return v;
}

async function printQuery(repo: ModelRepository, args: Args, io: WqlIo): Promise<number> {
  const results = repo.query(args.query!, args.namespace ? { namespace: args.namespace } : {});
  if (args.format === 'json') {
    let n = 0;
    for await (const i of results)
      io.stdout(`${n++ ? ',\n' : '[\n'}${JSON.stringify({ className: i.className, namespace: i.namespace, properties: Object.fromEntries(Object.entries(i.properties).map(([k, v]) => [k, jsonValue(v)])) })}`);
    io.stdout(n ? '\n]\n' : '[]\n');
    return 0;
  }
  if (args.format === 'xml') {
    const env: RenderEnv = { out: new Out(WINDOWS), info: (c) => repo.classInfo(c) };
    io.stdout(`<Items xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:xsi="${NS.xsi}" xmlns:cim="${NS.cim}">\n`);
    for await (const i of results) io.stdout((i.selected ? fragmentXml(env, i) : instanceXml(env, i)) + '\n');
    io.stdout('</Items>\n');
    return 0;
  }
  // table: rows for a projection, property lists otherwise; rows are buffered to size the columns.
  const rows: CimInstance[] = [];
  let first = true;
  for await (const i of results) {
    if (i.selected) {
      rows.push(i);
      continue;
    }
    const names = Object.keys(i.properties);
    const width = Math.max(...names.map((n) => n.length), '__CLASS'.length);
    io.stdout(`${first ? '' : '\n'}${'__CLASS'.padEnd(width)} : ${i.className}\n`);
    for (const n of names) io.stdout(`${n.padEnd(width)} : ${text(i.properties[n])}\n`);
    first = false;
  }
  if (rows.length) {
    const cols = rows[0].selected!;
    const cells = rows.map((r) => cols.map((c) => text(r.properties[c])));
    const widths = cols.map((c, k) => Math.max(c.length, ...cells.map((r) => r[k].length)));
    const line = (vals: string[]) => vals.map((v, k) => v.padEnd(widths[k])).join('  ').trimEnd() + '\n';
    io.stdout(line(cols));
    io.stdout(line(widths.map((w) => '-'.repeat(w))));
    for (const r of cells) io.stdout(line(r));
  }
  return 0;
}
