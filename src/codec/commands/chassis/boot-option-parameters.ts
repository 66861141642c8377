import { bits, struct, u32le, u8 } from '../../fields';
import { ParameterTable, parameter, setInProgress } from '../app/config-parameters';

/** Parameter version reported by Get System Boot Options, byte 1 [3:0]. */
export const BOOT_OPTIONS_VERSION = 1;

/** Boot device selector, boot flags data 2 [5:2] (v2.0 §28.13, Table 28-14). */
export const BootDevice = {
  noOverride: 0x0,
  pxe: 0x1,
  disk: 0x2,
  diskSafeMode: 0x3,
  diagnosticPartition: 0x4,
  cdDvd: 0x5,
  biosSetup: 0x6,
  remoteFloppy: 0x7,
  remoteCdDvd: 0x8,
  remoteMedia: 0x9,
  remoteDisk: 0xb,
  floppy: 0xf,
} as const;

/** Boot info acknowledge bits (parameter 4): 0 = that party has handled the boot info. */
export const BootInfoAck = { biosPost: 0x01, osLoader: 0x02, osServicePartition: 0x04, sms: 0x08, oem: 0x10 } as const;

/** v2.0 §28.13, Table 28-14, Boot Option Parameters (0-6; 7, the initiator mailbox, is not emulated). */
export const BootParam = {
  setInProgress: parameter(0, 'Set In Progress', setInProgress),
  servicePartitionSelector: parameter(1, 'Service Partition Selector', u8),
  servicePartitionScan: parameter(2, 'Service Partition Scan', bits({ requestScan: [1, 1], discovered: [0, 1] })),
  validBitClearing: parameter(
    3,
    'BMC Boot Flag Valid Bit Clearing',
    bits({
      dontClearOnPefReset: [4, 1],
      /** Don't clear the valid bit when no Chassis Control command follows within 60 s (pyghmi sets it). */
      dontClearOnTimeout: [3, 1],
      dontClearOnWatchdog: [2, 1],
      dontClearOnResetButton: [1, 1],
      dontClearOnPowerButton: [0, 1],
    }),
  ),
  bootInfoAcknowledge: parameter(
    4,
    'Boot Info Acknowledge',
    // Byte 1 is a write mask (reads back 00h); byte 2 the acknowledge bits (BootInfoAck).
    struct({ writeMask: u8, data: u8 }),
  ),
  bootFlags: parameter(
    5,
    'Boot Flags',
    struct({
      flags: bits({ valid: [7, 1], persistent: [6, 1], efi: [5, 1] }),
      device: bits({ cmosClear: [7, 1], lockKeyboard: [6, 1], selector: [2, 4], screenBlank: [1, 1], lockResetButton: [0, 1] }),
      firmware: bits({
        lockPowerButton: [7, 1],
        verbosity: [5, 2],
        progressEventTraps: [4, 1],
        passwordBypass: [3, 1],
        lockSleepButton: [2, 1],
        consoleRedirection: [0, 2],
      }),
      bios: bits({ sharedModeOverride: [3, 1], muxControl: [0, 3] }),
      instance: bits({ selector: [0, 5] }),
    }),
  ),
  bootInitiatorInfo: parameter(
    6,
    'Boot Initiator Info',
    struct({
      channel: bits({ number: [0, 4] }),
      sessionId: u32le,
      /** Seconds since 1970 (SEL time format). */
      timestamp: u32le,
    }),
  ),
} as const;
export const bootOptionParameters = new ParameterTable(BootParam);
export type BootFlags = ReturnType<typeof BootParam.bootFlags.codec.read>;
