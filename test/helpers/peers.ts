import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Interop tests need real peer tools. When one is missing the suite is skipped with a visible
 * notice, except under PEERS_REQUIRED=1 (set by .ci/run after installing them), where it fails.
 */
const cache = new Map<string, boolean>();
export function hasTool(cmd: string): boolean {
  if (!cache.has(cmd)) cache.set(cmd, spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
  return cache.get(cmd)!;
}
/** Debian's Python (pyghmi, pywinrm live there, not in the pyenv python first on PATH). */
export const DEBIAN_PYTHON = '/usr/bin/python3';
export function hasPythonModule(mod: string): boolean {
  const k = `py:${mod}`;
  if (!cache.has(k)) cache.set(k, spawnSync(DEBIAN_PYTHON, ['-c', `import ${mod}`]).status === 0);
  return cache.get(k)!;
}

/** Call in a describe() body: skips the suite (or fails under PEERS_REQUIRED=1) when a peer is missing. */
export function requirePeers(ctx: Mocha.Suite, tools: string[], pythonModules: string[] = []): void {
  const missing = [...tools.filter((t) => !hasTool(t)), ...pythonModules.filter((m) => !hasPythonModule(m)).map((m) => `python3 module ${m}`)];
  if (missing.length === 0) return;
  const msg = `peer tool(s) missing: ${missing.join(', ')}`;
  if (process.env.PEERS_REQUIRED === '1') {
    ctx.beforeAll(() => {
      throw new Error(`${msg} (PEERS_REQUIRED=1)`);
    });
    return;
  }
  ctx.beforeAll(function () {
    // eslint-disable-next-line no-console
    console.log(`      [SKIPPED] ${ctx.fullTitle()}: ${msg}`);
    this.skip();
  });
}

export function run(cmd: string, args: string[], opts: { timeout?: number; input?: string } = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout ?? 30000, input: opts.input });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
export { execFileSync };
