import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

export const EncryptionOperation = { suspend: 0, resume: 1, regenerateKeys: 2 } as const;
export const SuspendResumeCC = {
  operationNotSupported: 0x80,
  notAllowed: 0x81,
  encryptionUnavailable: 0x82,
  instanceNotActive: 0x83,
} as const;

// v2.0 §24.3, Table 24-4; Appendix G: User. The table gives the operation as [4:0] and the
// reserved bits as [7:2], which overlap; only three operations exist, so it is read as [1:0]
// (FreeIPMI 1.6's template does the same and says why).
export const SuspendResumePayloadEncryption = defineCommand({
  name: 'Suspend/Resume Payload Encryption',
  netFn: NetFn.App,
  cmd: 0x55,
  spec: 'v2.0 §24.3, Table 24-4',
  privilege: 'user',
  request: struct({
    payload: bits({ type: [0, 6] }),
    instance: bits({ number: [0, 4] }),
    operation: bits({ op: [0, 2] }),
  }),
  response: empty,
  codes: {
    [SuspendResumeCC.operationNotSupported]: 'Operation not supported',
    [SuspendResumeCC.notAllowed]: 'Operation not allowed under present configuration',
    [SuspendResumeCC.encryptionUnavailable]: 'Encryption is not available for the session the payload is active under',
    [SuspendResumeCC.instanceNotActive]: 'The payload instance is not presently active',
  },
});
