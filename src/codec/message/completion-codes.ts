import { CompletionCodeError } from '../../lib/errors';

/** Generic completion codes (v2.0 §5.2, Table 5-2). The only place literal codes are written. */
export const CC = {
  Ok: 0x00,
  NodeBusy: 0xc0,
  InvalidCommand: 0xc1,
  InvalidForLun: 0xc2,
  Timeout: 0xc3,
  OutOfSpace: 0xc4,
  ReservationCancelled: 0xc5,
  RequestTruncated: 0xc6,
  RequestLengthInvalid: 0xc7,
  RequestLengthLimitExceeded: 0xc8,
  ParameterOutOfRange: 0xc9,
  CannotReturnRequestedBytes: 0xca,
  NotPresent: 0xcb,
  InvalidDataField: 0xcc,
  IllegalForSensorOrRecord: 0xcd,
  CannotProvideResponse: 0xce,
  DuplicateRequest: 0xcf,
  SdrInUpdateMode: 0xd0,
  FirmwareUpdateMode: 0xd1,
  InitializationInProgress: 0xd2,
  DestinationUnavailable: 0xd3,
  InsufficientPrivilege: 0xd4,
  NotSupportedInPresentState: 0xd5,
  SubFunctionDisabled: 0xd6,
  Unspecified: 0xff,
} as const;
export type CompletionCode = (typeof CC)[keyof typeof CC];

export const genericCompletionText: Readonly<Record<number, string>> = {
  0x00: 'Command completed normally',
  0xc0: 'Node busy',
  0xc1: 'Invalid command',
  0xc2: 'Invalid command on LUN',
  0xc3: 'Timeout while processing command',
  0xc4: 'Out of space',
  0xc5: 'Reservation cancelled or invalid',
  0xc6: 'Request data truncated',
  0xc7: 'Request data length invalid',
  0xc8: 'Request data field length limit exceeded',
  0xc9: 'Parameter out of range',
  0xca: 'Cannot return number of requested data bytes',
  0xcb: 'Requested sensor, data, or record not present',
  0xcc: 'Invalid data field in request',
  0xcd: 'Command illegal for specified sensor or record type',
  0xce: 'Command response could not be provided',
  0xcf: 'Cannot execute duplicated request',
  0xd0: 'SDR repository in update mode',
  0xd1: 'Device in firmware update mode',
  0xd2: 'BMC initialization in progress',
  0xd3: 'Destination unavailable',
  0xd4: 'Insufficient privilege level',
  0xd5: 'Command not supported in present state',
  0xd6: 'Command sub-function has been disabled or is unavailable',
  0xff: 'Unspecified error',
};

/** The text for a completion code: the command's own meaning first, then the generic one. */
export function completionText(code: number, own?: Readonly<Record<number, string>>): string {
  return own?.[code] ?? genericCompletionText[code] ?? (code >= 0x80 && code <= 0xbe ? 'Command-specific error' : 'Unknown completion code');
}

/** Throw this from a bmc handler to answer with a completion code. */
export function fail(code: number, command?: { name: string; codes?: Readonly<Record<number, string>> }, data?: Buffer): never {
  throw new CompletionCodeError(code, completionText(code, command?.codes), command?.name, data);
}
