/**
 * The error catalog: five families, each with a stable code, each translated in one place
 * (see DESIGN.md "Errors"). Nothing else in the project defines an Error subclass.
 */

export const ErrorCodes = {
  COMPLETION_CODE: 'IPMI_ERR_COMPLETION_CODE',
  DECODE: 'IPMI_ERR_DECODE',
  SESSION: 'IPMI_ERR_SESSION',
  RMCP_PLUS_STATUS: 'IPMI_ERR_RMCP_PLUS_STATUS',
  TIMEOUT: 'IPMI_ERR_TIMEOUT',
  TRANSPORT: 'IPMI_ERR_TRANSPORT',
  WSMAN_FAULT: 'WSMAN_ERR_FAULT',
  CONFIG: 'BMCBRIDGE_ERR_CONFIG',
  USAGE: 'BMCBRIDGE_ERR_USAGE',
  CIM: 'CIM_ERR',
  CONTROL: 'BMCBRIDGE_ERR_CONTROL',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export abstract class BridgeError extends Error {
  abstract readonly code: ErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * A completion code to answer with (bmc handlers) or one a BMC answered (client).
 * `text` is the command-specific meaning when the command defines one, else the generic one.
 */
export class CompletionCodeError extends BridgeError {
  readonly code = ErrorCodes.COMPLETION_CODE;
  constructor(
    readonly completionCode: number,
    readonly text: string,
    readonly command?: string,
    /** Optional response bytes to send after the completion code (a few commands define some). */
    readonly data?: Buffer,
  ) {
    // An answer, not a fault: a virtual BMC throws one for every refused request, and a stack
    // trace would cost more than the request (4 µs of 5 here). The message names the command.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${command ? command + ': ' : ''}${text} (0x${completionCode.toString(16).padStart(2, '0')})`);
    Error.stackTraceLimit = limit;
  }
}

/** Malformed bytes. `reason` is one of a fixed set so callers can map it (short -> C7h, ...). */
export type DecodeReason = 'short' | 'trailing' | 'invalid' | 'oversize';
export class DecodeError extends BridgeError {
  readonly code = ErrorCodes.DECODE;
  constructor(
    readonly what: string,
    readonly reason: DecodeReason,
    readonly offset: number,
    detail?: string,
  ) {
    super(`${what}: ${detail ?? reason} at offset ${offset}`);
  }
}

/** Session-level failures: unknown session, bad integrity, replay, login refused. */
export class SessionError extends BridgeError {
  readonly code = ErrorCodes.SESSION;
}

/** An RMCP+ status code returned in Open Session Response or RAKP 2/4 (v2.0 §13.24, Table 13-15). */
export class RmcpPlusStatusError extends BridgeError {
  readonly code = ErrorCodes.RMCP_PLUS_STATUS;
  constructor(
    readonly status: number,
    readonly text: string,
    readonly stage: string,
  ) {
    super(`${stage}: ${text} (RMCP+ status 0x${status.toString(16).padStart(2, '0')})`);
  }
}

export class TimeoutError extends BridgeError {
  readonly code = ErrorCodes.TIMEOUT;
}

export class TransportError extends BridgeError {
  readonly code = ErrorCodes.TRANSPORT;
}

/** A WS-Management fault; translated to a SOAP Fault by the wsman plugin only. */
export class WsmanFault extends BridgeError {
  readonly code = ErrorCodes.WSMAN_FAULT;
  constructor(
    /** Fault kind key into the wsman fault table (e.g. 'DestinationUnreachable'). */
    readonly kind: string,
    readonly reason: string,
    readonly detail?: Record<string, string | number | undefined>,
  ) {
    super(`${kind}: ${reason}`);
  }
}

/** One configuration problem; several are collected into ConfigErrors and printed together. */
export class ConfigError extends BridgeError {
  readonly code = ErrorCodes.CONFIG;
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || '/'}: ${reason}`);
  }
}

/** Every problem found while loading configuration, reported together. */
export class ConfigErrors extends BridgeError {
  readonly code = ErrorCodes.CONFIG;
  constructor(readonly problems: ConfigError[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

/** Bad command-line usage: one line, exit code 2. */
export class UsageError extends BridgeError {
  readonly code = ErrorCodes.USAGE;
}

/**
 * A CIM operation error from the model (DSP0004 / DSP0200 CIM status codes): not found,
 * invalid query, invalid parameter, not supported, failed (with the IPMI command that failed).
 * Front ends translate it: WS-Man to a SOAP fault, the CLI to a message.
 */
export const CimStatus = {
  FAILED: 1,
  ACCESS_DENIED: 2,
  INVALID_NAMESPACE: 3,
  INVALID_PARAMETER: 4,
  INVALID_CLASS: 5,
  NOT_FOUND: 6,
  NOT_SUPPORTED: 7,
  INVALID_QUERY: 15,
  METHOD_NOT_AVAILABLE: 16,
  METHOD_NOT_FOUND: 17,
} as const;
export class CimError extends BridgeError {
  readonly code = ErrorCodes.CIM;
  constructor(
    readonly status: (typeof CimStatus)[keyof typeof CimStatus],
    message: string,
    /** For FAILED: the underlying cause (e.g. a CompletionCodeError from the device layer). */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * A fault-injection request that cannot be carried out (frontends/control): a bad field (400),
 * no such device, sensor or scenario run (404), or a state that refuses it (409: the SEL is full,
 * the device has no LAN listener). `subject` names what was wrong; the control plugin's error
 * handler turns it into an HTTP status with a JSON body, a scenario file into a ConfigError.
 */
export class ControlError extends BridgeError {
  readonly code = ErrorCodes.CONTROL;
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly subject: { device?: string; sensor?: string; field?: string; run?: string } = {},
  ) {
    super(message);
  }
}
