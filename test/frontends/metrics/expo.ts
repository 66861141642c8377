import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
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

/**
 * bmcbridge's exposition against ipmi_exporter's for the same BMC: every ipmi_* family of theirs
 * with the same HELP, TYPE, label sets and values (durations aside, bmc_url dropped: 1.6.1 lacks
 * it); ours may add only the families ipmi_exporter >= 1.7 has and ipmi_collector_error.
 */
export function compareWithIpmiExporter(ours: Exposition, theirs: Exposition): void {
  for (const [name, f] of theirs) {
    if (!name.startsWith('ipmi_')) continue;
    const o = ours.get(name);
    assert.ok(o, `${name} missing from bmcbridge`);
    assert.equal(o.help, f.help, `${name} HELP`);
    assert.equal(o.type, f.type, `${name} TYPE`);
    if (name === 'ipmi_scrape_duration_seconds') continue;
    const mine = name === 'ipmi_bmc_info' ? withoutLabel(o, 'bmc_url') : o.samples;
    assert.deepEqual([...mine].sort(), [...f.samples].sort(), `${name} samples`);
  }
  const extra = [...ours.keys()].filter((n) => !theirs.has(n));
  // Ours only: ipmi_exporter >= 1.7's chassis fault states, and why collectors failed.
  for (const n of extra) assert.ok(['ipmi_chassis_cooling_fault_state', 'ipmi_chassis_drive_fault_state', 'ipmi_collector_error'].includes(n), `unexpected family ${n}`);
}

