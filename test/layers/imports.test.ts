import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * DESIGN.md layers: a folder imports only from folders above it, and from lib/.
 * codec imports only lib; bmc never imports client, model or frontends; nothing imports frontends.
 */
const SRC = path.resolve(__dirname, '../../src');
const allowed: Record<string, string[]> = {
  lib: ['lib'],
  codec: ['lib', 'codec'],
  transport: ['lib', 'codec', 'transport'],
  profile: ['lib', 'codec', 'profile'],
  bmc: ['lib', 'codec', 'transport', 'profile', 'bmc'],
  client: ['lib', 'codec', 'transport', 'profile', 'client'],
  model: ['lib', 'codec', 'transport', 'profile', 'client', 'model', 'bmc'],
  frontends: ['lib', 'codec', 'transport', 'profile', 'bmc', 'client', 'model', 'frontends'],
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? 'root' : rel[0];
}

describe('layer imports (DESIGN.md)', () => {
  it('every import under src/ follows the allowed edges', () => {
    const bad: string[] = [];
    for (const f of walk(SRC)) {
      const from = layerOf(f);
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const target = path.resolve(path.dirname(f), spec);
        if (!target.startsWith(SRC)) {
          bad.push(`${path.relative(SRC, f)} imports outside src: ${spec}`);
          continue;
        }
        const to = layerOf(fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : target + '.ts');
        if (from === 'root') continue; // main.ts / cli.ts: wiring only
        if (to === 'root') bad.push(`${path.relative(SRC, f)} imports the wiring module ${spec}`);
        else if (!allowed[from]?.includes(to)) bad.push(`${path.relative(SRC, f)} (${from}) imports ${spec} (${to})`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
