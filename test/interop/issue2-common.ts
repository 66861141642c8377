import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestBmc, RunningBmc } from '../helpers/test-bmc';
import { standardHandlers } from '../../src/bmc/handlers';
import { sessionHandlers } from '../../src/bmc/handlers/session';
import { loadProfileRef } from '../../src/profile';
import type { ProfileSpec } from '../../src/profile/types';

/** The generic-1u profile with three users at three levels, as a devices file would add them. */
export function issue2Profile(over: Partial<ProfileSpec> = {}): ProfileSpec {
  return {
    ...loadProfileRef('generic-1u'),
    users: [
      { name: 'admin', password: 'password', privilege: 'administrator' },
      { name: 'operator', password: 'oppass', privilege: 'operator' },
      { name: 'viewer', password: 'viewpass', privilege: 'user' },
    ],
    ...over,
  };
}

/** A virtual BMC with every issue 2 handler, on 127.0.0.1 port 0, with its own state directory. */
export async function startIssue2Bmc(over: Partial<ProfileSpec> = {}): Promise<RunningBmc & { stateDir: string }> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmcbridge-interop-'));
  const b = await startTestBmc([...standardHandlers, ...sessionHandlers], issue2Profile(over), stateDir);
  return {
    ...b,
    stateDir,
    close: async () => {
      await b.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
