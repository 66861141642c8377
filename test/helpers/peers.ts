import { spawn, spawnSync } from 'node:child_process';

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

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}
/**
 * Run a peer tool ASYNCHRONOUSLY: a virtual BMC under test usually lives in this same process,
 * so a synchronous spawn would block the event loop that has to answer the tool.
 */
export function run(cmd: string, args: string[], opts: { timeout?: number; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? -1 : 0), stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
