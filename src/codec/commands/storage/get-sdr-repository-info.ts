import { defineCommand } from '../define';
import { bits, empty, struct, u16le, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §33.9, Table 33-3; Appendix G: User.
export const GetSdrRepositoryInfo = defineCommand({
  name: 'Get SDR Repository Info',
  netFn: NetFn.Storage,
  cmd: 0x20,
  spec: 'v2.0 §33.9, Table 33-3',
  privilege: 'user',
  request: empty,
  response: struct({
    /** 51h = IPMI v1.5/v2.0 SDRs. */
    sdrVersion: u8,
    recordCount: u16le,
    /** Free space in bytes; FFFEh = 64 KB - 2 or more, FFFFh = unspecified. */
    freeSpace: u16le,
    mostRecentAddition: u32le,
    mostRecentErase: u32le,
    operationSupport: bits({
      overflow: [7, 1],
      /** 0 unspecified, 1 non-modal, 2 modal, 3 both. */
      updateModes: [5, 2],
      deleteSdr: [3, 1],
      partialAddSdr: [2, 1],
      reserveSdrRepository: [1, 1],
      getAllocationInfo: [0, 1],
    }),
  }),
});
