import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profileWithTestUsers, startTestBmc, RunningBmc } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import type { ProfileSpec } from '../../src/profile/types';
import { HARDWARE_FIXTURE } from '../bmc/hw';

export { HARDWARE_FIXTURE };

/**
 * A virtual BMC with every handler and the hardware of a profile file (default: the test fixture
 * test/bmc/fixtures/hardware.yaml, whose readings hold still), on 127.0.0.1 port 0, with its own
 * state directory and a scratch directory for files the tools write.
 */
export async function startHardwareBmc(ref = HARDWARE_FIXTURE, over: Partial<ProfileSpec> = {}): Promise<RunningBmc & { stateDir: string; tmp: string }> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-hw-'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-hw-files-'));
  const b = await startTestBmc([...standardHandlers, ...sessionHandlers], profileWithTestUsers(ref, over), stateDir);
  return {
    ...b,
    stateDir,
    tmp,
    close: async () => {
      await b.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Lines of a table with trailing blanks removed. */
export function lines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l !== '');
}
