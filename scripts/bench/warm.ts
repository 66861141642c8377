/**
 * Bring a BMC to its steady state before one-shot tools are timed against it: `logins` RMCP+
 * logins (cipher suite 3), each with a Get Device ID and a Close Session, from our own client.
 *
 * Why: V8 runs a function as bytecode until it has run enough to be worth compiling. A login
 * runs each step of the RAKP exchange once, so against a fresh bmcbridge the login path stays
 * unoptimized for the first few thousand sessions, and a one-shot tool (one login, a few
 * requests) then measures V8's warm-up rather than the server. A BMC in use has served those
 * sessions long before. ipmi_sim, being C, is the same from its first packet; it gets the same
 * warm-up so that both servers are measured alike. The benchmarks also report the first run
 * against a freshly started server, where this warm-up has not happened.
 */
import { IpmiClient, LanLink } from '../../src/client';
import { GetDeviceId } from '../../src/codec/commands/app';

export const WARM_LOGINS = 3000;

export async function warmUp(port: number, logins = WARM_LOGINS): Promise<void> {
  for (let i = 0; i < logins; i++) {
    const c = new IpmiClient(new LanLink({ host: '127.0.0.1', port, user: 'admin', password: 'password', cipherSuite: 3, keepaliveMs: 0 }));
    try {
      await c.call(GetDeviceId, {});
    } finally {
      await c.close();
    }
  }
}
