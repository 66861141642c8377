import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../helpers/peers';

/** A parsed text exposition: per family its HELP, TYPE and samples keyed by their sorted label set. */
export interface Family {
  help?: string;
  type?: string;
  samples: Map<string, string>;
}
export type Exposition = Map<string, Family>;

function labelKey(raw: string): string {
  const pairs: string[] = [];
  for (const m of raw.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) pairs.push(`${m[1]}="${m[2]}"`);
  return pairs.sort().join(',');
}

/** Parses the Prometheus text format (enough of it for exporter output: no timestamps, no exemplars). */
export function parseExposition(text: string): Exposition {
  const out: Exposition = new Map();
  const fam = (name: string) => {
    let f = out.get(name);
    if (!f) out.set(name, (f = { samples: new Map() }));
    return f;
  };
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^# HELP (\S+) (.*)$/.exec(line))) fam(m[1]).help = m[2];
    else if ((m = /^# TYPE (\S+) (\S+)$/.exec(line))) fam(m[1]).type = m[2];
    else if (line.startsWith('#') || line.trim() === '') continue;
    else if ((m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line))) fam(m[1]).samples.set(labelKey(m[2] ?? ''), m[3]);
    else throw new Error(`not an exposition line: ${JSON.stringify(line)}`);
  }
  return out;
}

/** Drop one label from every sample of a family (e.g. bmc_url, which ipmi_exporter 1.6.1 lacks). */
export function withoutLabel(f: Family, label: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of f.samples) out.set(k.split(',').filter((p) => p && !p.startsWith(`${label}=`)).join(','), v);
  return out;
}

/** `promtool check metrics` on a text; resolves with its exit status and its complaints. */
export async function promtoolCheckMetrics(text: string): Promise<{ status: number; problems: string[] }> {
  const r = await run('promtool', ['check', 'metrics'], { input: text, timeout: 20000 });
  const problems = (r.stdout + r.stderr)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { status: r.status, problems };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
