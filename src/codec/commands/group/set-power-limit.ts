import { defineCommand } from '../define';
import { empty, struct, u16le, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reserved } from '../../records/sdr/fields';
import { DCMI_GROUP } from './fields';

/** Exception actions (DCMI v1.5 Table 6-18): 02h-10h are OEM. */
export const PowerLimitExceptionAction = { noAction: 0x00, hardPowerOffAndLog: 0x01, logEventOnly: 0x11 } as const;

/** The power limit fields shared by Get Power Limit (after 2 reserved bytes) and Set Power Limit (after 3). */
export const powerLimitFields = {
  exceptionAction: u8,
  limitWatts: u16le,
  /** Maximum time to bring power under the limit before the exception action, in ms. */
  correctionTimeMs: u32le,
  reserved2: reserved(2),
  /** Management application statistics sampling period, in seconds. */
  samplingPeriodSeconds: u16le,
};

// DCMI v1.5 §6.6.3, Table 6-18; privilege Operator. `ipmitool dcmi power set_limit limit 300`.
export const SetPowerLimit = defineCommand({
  name: 'Set Power Limit',
  netFn: NetFn.Group,
  cmd: 0x04,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.6.3, Table 6-18',
  privilege: 'operator',
  request: struct({ reserved: reserved(3), ...powerLimitFields }),
  response: empty,
  codes: {
    0x84: 'Power Limit out of range',
    0x85: 'Correction Time out of range',
    // Not a typo: the DCMI table skips 86h-88h (FreeIPMI ipmi-comp-code-dcmi-spec.h says the same).
    0x89: 'Statistics Reporting Period out of range',
  },
});
