import { runIpmi, IpmiIo } from '../../../src/frontends/cli/ipmi';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** `bmcbridge ipmi ARGS` in this process, with its output captured. */
export async function ours(argv: string[], io: Partial<IpmiIo> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await runIpmi(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, ...io });
  return { status, stdout, stderr };
}
