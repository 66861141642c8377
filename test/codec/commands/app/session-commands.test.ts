import {
  GetChannelAuthCapabilities,
  GetSessionChallenge,
  ActivateSession,
  SetSessionPrivilegeLevel,
  CloseSession,
  GetSessionInfo,
  GetChannelCipherSuites,
} from '../../../../src/codec/commands/app/session-index';
import { describeCommand } from '../../../helpers/vectors';

// Bytes from ipmitool 1.8.19 and FreeIPMI 1.6.10 debug dumps (-vvvv / --debug) against bmcbridge.
describeCommand(GetChannelAuthCapabilities, {
  request: [
    { name: 'ipmitool -I lanplus: v2.0 data, channel 0Eh, Administrator', source: 'ipmitool 1.8.19 -vvvv: data 0x8e 0x04', hex: '8e 04', value: { channel: { extended: true, number: 0x0e }, privilege: { level: 4 } } },
    { name: 'FreeIPMI -D LAN: channel 0Eh, User', source: 'FreeIPMI 1.6.10 bmc-info --debug', hex: '0e 02', value: { channel: { extended: false, number: 0x0e }, privilege: { level: 2 } } },
  ],
  response: [
    {
      name: 'MD5 and password, non-null users, v1.5 and v2.0',
      source: 'ipmitool 1.8.19 -I lan -vvvv: get_auth_capabilities (8 bytes) 01 14 04 00 00 00 00 00 (v1.5 form); v2.0 bits per Table 22-15',
      hex: '01 94 04 03 00 00 00 00',
      value: {
        channel: 1,
        authTypes: { extended: true, oem: false, password: true, md5: true, md2: false, none: false },
        status: { kgNonZero: false, perMessageAuthDisabled: false, userLevelAuthDisabled: false, nonNullUsers: true, nullUsers: false, anonymousLogin: false },
        extCapabilities: { ipmi20: true, ipmi15: true },
        oemId: 0,
        oemAux: 0,
      },
    },
  ],
  requestErrors: [{ name: 'one byte', hex: '8e', reason: 'short' }],
});

describeCommand(GetSessionChallenge, {
  request: [{ name: 'MD5, user admin', source: 'ipmitool 1.8.19 -I lan -vvvv send_packet', hex: '02 61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00', value: { authType: 2, userName: 'admin' } }],
  response: [{ name: 'temporary ID and challenge', source: 'v2.0 Table 22-18 layout', hex: '78 56 34 12' + ' 00'.repeat(16), value: { tempSessionId: 0x12345678, challenge: Buffer.alloc(16) } }],
});

describeCommand(ActivateSession, {
  request: [
    {
      name: 'MD5, Administrator, outbound sequence 2BAEF40Bh',
      source: 'FreeIPMI 1.6.10 bmc-info -D LAN --debug (layout v2.0 Table 22-21)',
      hex: '02 04' + ' aa'.repeat(16) + ' 0b f4 ae 2b',
      value: { authType: { type: 2 }, maxPrivilege: { level: 4 }, challenge: Buffer.alloc(16, 0xaa), initialOutboundSeq: 0x2baef40b },
    },
  ],
  response: [
    {
      name: 'session E6D2203Ah, inbound sequence 54C61EE7h',
      source: 'FreeIPMI 1.6.10 --debug of an Activate Session response from bmcbridge',
      hex: '02 3a 20 d2 e6 e7 1e c6 54 04',
      value: { authType: { type: 2 }, sessionId: 0xe6d2203a, initialInboundSeq: 0x54c61ee7, maxPrivilege: { level: 4 } },
    },
  ],
});

describeCommand(SetSessionPrivilegeLevel, {
  request: [{ name: 'Administrator', source: 'ipmitool 1.8.19 -vvvv: netfn 0x06 command 0x3b data 0x04', hex: '04', value: { privilege: { level: 4 } } }],
  response: [{ name: 'now Administrator', source: 'v2.0 Table 22-22', hex: '04', value: { privilege: { level: 4 } } }],
});

describeCommand(CloseSession, {
  request: [
    { name: 'by session ID', source: 'v2.0 Table 22-23', hex: '3a 20 d2 e6', value: { sessionId: 0xe6d2203a } },
    { name: 'by handle', source: 'v2.0 Table 22-23', hex: '00 00 00 00 02', value: { sessionId: 0, handle: 2 } },
  ],
  response: [{ name: 'empty', source: 'v2.0 Table 22-23', hex: '', value: {} }],
});

describeCommand(GetSessionInfo, {
  request: [
    { name: 'current session', source: 'v2.0 Table 22-24', hex: '00', value: { index: 0 } },
    { name: 'by handle', source: 'ipmitool session info (layout v2.0 Table 22-24)', hex: 'fe 01', value: { index: 0xfe, selector: Buffer.from([1]) } },
  ],
  response: [
    {
      name: 'RMCP+ session from 127.0.0.1:11694, as ipmitool 1.8.19 printed it',
      source: 'ipmitool 1.8.19 session info active against bmcbridge',
      hex: '01 08 01 02 04 11 7f 00 00 01 00 00 00 00 00 00 2d ae',
      value: {
        handle: 1,
        possible: { count: 8 },
        active: { count: 1 },
        userId: { id: 2 },
        privilege: { level: 4 },
        channel: { protocolAux: 1, number: 1 },
        consoleIp: Buffer.from([127, 0, 0, 1]),
        consoleMac: Buffer.alloc(6),
        consolePort: 11694,
      },
    },
    { name: 'no such session: handle and counts only', source: 'ipmitool session info all (slots without a session)', hex: '00 08 02', value: { handle: 0, possible: { count: 8 }, active: { count: 2 } } },
  ],
});

describeCommand(GetChannelCipherSuites, {
  request: [{ name: 'channel 0Eh, IPMI payload, list by suite, block 0', source: 'ipmitool 1.8.19 channel getciphers (layout v2.0 Table 22-18)', hex: '0e 00 80', value: { channel: { number: 0x0e }, payloadType: { type: 0 }, index: { bySuite: true, index: 0 } } }],
  response: [
    {
      name: 'suites 3 and 17',
      source: 'v2.0 Table 22-19 record format',
      hex: '01 c0 03 01 41 81 c0 11 03 44 81',
      value: { channel: 1, records: Buffer.from('c003014181c011034481', 'hex') },
    },
  ],
});
