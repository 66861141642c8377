import assert from 'node:assert/strict';
import { RunningBmc } from '../helpers/test-bmc';
import { requirePeers, run } from '../helpers/peers';
import { startIssue2Bmc } from './issue2-common';
import { LanServer } from '../../src/bmc/server';

/** FreeIPMI tools from issue 2 over IPMI 2.0 and 1.5, no workaround flags. */
for (const driver of ['LAN_2_0', 'LAN']) describe(`issue 2: FreeIPMI against the virtual BMC (${driver})`, function () {
  requirePeers(this, ['bmc-info', 'ipmi-chassis', 'ipmi-config']);
  this.timeout(60000);
  let b: RunningBmc;
  before(async () => {
    b = await startIssue2Bmc();
  });
  after(() => b.close());
  const tool = async (cmd: string, args: string[]) => {
    const r = await run(cmd, ['-h', `127.0.0.1:${b.port}`, '-u', 'admin', '-p', 'password', '-l', 'ADMIN', '-D', driver, ...args]);
    assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.replace(/[ \t]+\n/g, '\n');
  };

  it('bmc-info: identity, GUIDs, system info, channel', async () => {
    const out = await tool('bmc-info', []);
    assert.match(out, /^Manufacturer ID\s+: Intel Corporation \(343\)$/m);
    assert.match(out, /^Firmware Revision\s+: 2\.48$/m);
    assert.match(out, new RegExp(`^System GUID : ${b.bmc.profile.identity.systemGuid}$`, 'm'));
    assert.match(out, /^System Firmware Version\s+: SE5C620\.86B\.02\.01\.0013$/m);
    assert.match(out, /^Medium Type\s+: 802\.3 LAN$/m);
  });

  it('ipmi-chassis --get-chassis-status and --chassis-control=power-up', async () => {
    await tool('ipmi-chassis', ['--chassis-control=power-down']);
    assert.match(await tool('ipmi-chassis', ['--get-chassis-status']), /^System Power\s+: off$/m);
    await tool('ipmi-chassis', ['--chassis-control=power-up']);
    const st = await tool('ipmi-chassis', ['--get-chassis-status']);
    assert.match(st, /^System Power\s+: on$/m);
    assert.match(st, /^Last Power Event\s+: power on via ipmi command$/m);
  });

  it('ipmi-config --checkout --section=Lan_Conf', async () => {
    const out = await tool('ipmi-config', ['--checkout', '--section=Lan_Conf']);
    const body = out.split('\n').filter((l) => !l.trim().startsWith('#') && l.trim() !== '');
    assert.deepEqual(body, [
      'Section Lan_Conf',
      '\tIP_Address_Source                             Static',
      '\tIP_Address                                    192.0.2.10',
      '\tMAC_Address                                   02:00:5E:10:00:10',
      '\tSubnet_Mask                                   255.255.255.0',
      '\tDefault_Gateway_IP_Address                    192.0.2.1',
      '\tDefault_Gateway_MAC_Address                   02:00:5E:10:00:01',
      '\tBackup_Gateway_IP_Address                     0.0.0.0',
      '\tBackup_Gateway_MAC_Address                    00:00:00:00:00:00',
      'EndSection',
    ]);
  });

  it('ipmi-config User4: checkout (with SOL_Payload_Access), commit SOL_Payload_Access=No, read back', async () => {
    const section = async () => (await tool('ipmi-config', ['--checkout', '--section=User4'])).split('\n').filter((l) => !l.trim().startsWith('#') && l.trim() !== '');
    const expected = (sol: string) => [
      'Section User4',
      '\tUsername                                      viewer',
      '\tEnable_User                                   Yes',
      '\tLan_Enable_IPMI_Msgs                          Yes',
      '\tLan_Enable_Link_Auth                          Yes',
      '\tLan_Enable_Restricted_to_Callback             No',
      '\tLan_Privilege_Limit                           User',
      `\tSOL_Payload_Access                            ${sol}`,
      'EndSection',
    ];
    assert.deepEqual(await section(), expected('Yes'));
    await tool('ipmi-config', ['--commit', '--key-pair=User4:SOL_Payload_Access=No']);
    assert.deepEqual(await section(), expected('No'));
    assert.equal(b.bmc.users.payloadAccess(b.bmc.users.get(4)!, 1).sol, false);
    await tool('ipmi-config', ['--commit', '--key-pair=User4:SOL_Payload_Access=Yes']);
    assert.deepEqual(await section(), expected('Yes'));
  });
});

/**
 * rmcpping and ipmiping have no port option: they always use UDP 623. As root (CI) a virtual BMC
 * listens on 127.0.0.23:623 for them; otherwise the suite is skipped with a notice.
 */
describe('issue 2: FreeIPMI rmcpping and ipmiping (UDP 623)', function () {
  requirePeers(this, ['rmcpping', 'ipmiping']);
  this.timeout(30000);
  let stop: (() => Promise<void>) | undefined;
  before(async function () {
    if (process.getuid?.() !== 0) {
      if (process.env.PEERS_REQUIRED === '1') throw new Error('rmcpping/ipmiping need UDP 623: run as root');
      console.log('      [SKIPPED] rmcpping/ipmiping need root to bind UDP 623');
      this.skip();
    }
    const b = await startIssue2Bmc();
    const s623 = new LanServer(b.bmc);
    await s623.listen('127.0.0.23', 623);
    stop = async () => {
      await s623.close();
      await b.close();
    };
  });
  after(async () => stop?.());

  it('rmcpping gets presence pongs', async () => {
    const r = await run('rmcpping', ['-c', '2', '127.0.0.23']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /pong received from 127\.0\.0\.23: message_tag=\d+/);
    assert.match(r.stdout, /2 pings transmitted, 2 pongs received in time/);
  });

  it('ipmiping gets Get Channel Authentication Capabilities answers', async () => {
    const r = await run('ipmiping', ['-c', '2', '127.0.0.23']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /response received from 127\.0\.0\.23: rq_seq=\d+/);
    assert.match(r.stdout, /2 requests transmitted, 2 responses received/);
  });
});
