import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { commands, commandKey, AnyCommandDef } from '../../../src/codec/commands';
import { allHandlers } from '../../../src/main';

/**
 * The command registry (DESIGN.md "Declare an IPMI command once"): every command has golden
 * vectors, every command has a virtual-BMC handler or a listed reason why it is not emulated,
 * and no two commands share (NetFn, cmd, group).
 */
const NOT_EMULATED: Record<string, string> = {};

const GROUPS = ['app', 'chassis', 'transport', 'storage', 'sensor-event', 'group', 'oem'];
function exportedNames(): Map<AnyCommandDef, string> {
  const out = new Map<AnyCommandDef, string>();
  const dir = path.resolve(__dirname, '../../../src/codec/commands');
  for (const g of GROUPS)
    for (const f of fs.readdirSync(path.join(dir, g)).filter((f) => f.endsWith('.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, g, f));
      for (const [name, v] of Object.entries(mod)) if (commands.includes(v as AnyCommandDef)) out.set(v as AnyCommandDef, name);
    }
  return out;
}
function testSources(): string {
  const dir = path.resolve(__dirname);
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.test.ts') ? [path.join(d, e.name)] : []));
  return walk(dir)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

describe('command registry', () => {
  const names = exportedNames();
  it('every command is exported from its group folder', () => {
    assert.deepEqual(commands.filter((c) => !names.has(c)).map((c) => c.name), []);
  });
  it('every command has golden vectors (describeCommand in test/codec/commands)', () => {
    const src = testSources();
    const missing = commands.filter((c) => !new RegExp(`describeCommand\\(\\s*${names.get(c)}\\b`).test(src)).map((c) => `${names.get(c)} (${c.name})`);
    assert.deepEqual(missing, []);
  });
  it('every command has a virtual-BMC handler, or a reason it is not emulated', () => {
    const handled = new Set(allHandlers().map((h) => h.def));
    const missing = commands.filter((c) => !handled.has(c) && !NOT_EMULATED[names.get(c)!]).map((c) => c.name);
    assert.deepEqual(missing, []);
  });
  it('no two commands share (NetFn, cmd, group)', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const c of commands) {
      const k = commandKey(c.netFn, c.cmd, c.group);
      if (seen.has(k)) dups.push(`${seen.get(k)} / ${c.name}`);
      seen.set(k, c.name);
    }
    assert.deepEqual(dups, []);
  });
});
