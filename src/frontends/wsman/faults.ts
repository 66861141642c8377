import { WsmanFault } from '../../lib/errors';
import { FAULT_ACTION, FAULT_DETAIL, NS } from './ns';

/**
 * The fault table: WsmanFault.kind -> SOAP 1.2 code, subcode, FaultDetail and the Windows
 * f:WSManFault Code (the ERROR_WSMAN_* value 0x80338000 + n, in decimal; research/wsman.md
 * §1.6). Faults are raised only as WsmanFault and rendered here; every fault is HTTP 500.
 * Reason texts follow WinRM's wording where it is known; the rest are plain descriptions.
 */
export interface FaultSpec {
  code: 'Sender' | 'Receiver' | 'MustUnderstand' | 'VersionMismatch';
  subcode?: { ns: string; local: string };
  family: keyof typeof FAULT_ACTION;
  /** Windows code when the detail does not pick a more specific one. */
  winCode: number;
  /** Default reason. */
  text: string;
  /** FaultDetail short name -> Windows code. */
  details?: Record<string, number>;
}

const sub = (ns: string, local: string) => ({ ns, local });

export const FAULTS: Record<string, FaultSpec> = {
  AccessDenied: { code: 'Sender', subcode: sub(NS.w, 'AccessDenied'), family: 'wsman', winCode: 5, text: 'Access is denied.' },
  AlreadyExists: {
    code: 'Sender', subcode: sub(NS.w, 'AlreadyExists'), family: 'wsman', winCode: 2150858803,
    text: 'The WS-Management service cannot create the resource because it already exists.',
  },
  CannotProcessFilter: {
    code: 'Sender', subcode: sub(NS.n, 'CannotProcessFilter'), family: 'wsen', winCode: 2150858778,
    text: 'The WS-Management service cannot process the request because the filter is invalid.',
  },
  FilterDialectRequestedUnavailable: {
    code: 'Sender', subcode: sub(NS.n, 'FilterDialectRequestedUnavailable'), family: 'wsen', winCode: 2150858777,
    text: 'The WS-Management service does not support the requested filter dialect.',
  },
  FilteringNotSupported: {
    code: 'Sender', subcode: sub(NS.n, 'FilteringNotSupported'), family: 'wsen', winCode: 2150858776,
    text: 'The WS-Management service does not support filtering for this resource.',
  },
  InvalidEnumerationContext: {
    code: 'Receiver', subcode: sub(NS.n, 'InvalidEnumerationContext'), family: 'wsen', winCode: 2150858779,
    text: 'The WS-Management service cannot process the request because the enumeration context supplied in the message is not valid.',
  },
  InvalidExpirationTime: {
    code: 'Sender', subcode: sub(NS.n, 'InvalidExpirationTime'), family: 'wsen', winCode: 2150858774,
    text: 'The expiration time in the request is not valid.',
  },
  UnsupportedExpirationType: {
    code: 'Sender', subcode: sub(NS.n, 'UnsupportedExpirationType'), family: 'wsen', winCode: 2150858775,
    text: 'The expiration type in the request is not supported.',
  },
  ActionNotSupported: {
    code: 'Sender', subcode: sub(NS.a, 'ActionNotSupported'), family: 'wsa', winCode: 2150858771,
    text: 'The WS-Management service cannot process the request because the action is not supported for this resource.',
  },
  DestinationUnreachable: {
    code: 'Sender', subcode: sub(NS.a, 'DestinationUnreachable'), family: 'wsa', winCode: 2150858770,
    text: 'The WS-Management service cannot process the request. The resource URI is not valid or the resource is not found.',
    details: { InvalidResourceURI: 2150858811 },
  },
  /** The resource URI is served but the instance named by the selectors does not exist. */
  ResourceNotFound: {
    code: 'Sender', subcode: sub(NS.a, 'DestinationUnreachable'), family: 'wsa', winCode: 2150858752,
    text: 'The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors.',
  },
  EndpointUnavailable: {
    code: 'Receiver', subcode: sub(NS.a, 'EndpointUnavailable'), family: 'wsa', winCode: 2150858772,
    text: 'The WS-Management service cannot process the request because the endpoint is unavailable.',
  },
  MessageInformationHeaderRequired: {
    code: 'Sender', subcode: sub(NS.a, 'MessageInformationHeaderRequired'), family: 'wsa', winCode: 2150858769,
    text: 'The WS-Management service cannot process the request because a required header is missing.',
  },
  InvalidMessageInformationHeader: {
    code: 'Sender', subcode: sub(NS.a, 'InvalidMessageInformationHeader'), family: 'wsa', winCode: 2150858767,
    text: 'The WS-Management service cannot process the request because a header is not valid.',
  },
  MustUnderstand: {
    code: 'MustUnderstand', family: 'wsman', winCode: 2150858768,
    text: 'The WS-Management service cannot process a SOAP header in the request that is marked as mustUnderstand.',
  },
  VersionMismatch: {
    code: 'VersionMismatch', family: 'wsman', winCode: 2150858765,
    text: 'The WS-Management service cannot process the request because the SOAP version is not supported; only SOAP 1.2 is.',
  },
  EncodingLimit: {
    code: 'Sender', subcode: sub(NS.w, 'EncodingLimit'), family: 'wsman', winCode: 2150858805,
    text: 'The WS-Management service cannot process the request because an encoding limit was exceeded.',
    details: { MinimumEnvelopeLimit: 2150858823, MaxEnvelopeSize: 2150858824, ServiceEnvelopeLimit: 2150858825 },
  },
  InternalError: {
    code: 'Receiver', subcode: sub(NS.w, 'InternalError'), family: 'wsman', winCode: 2150858755,
    text: 'The WS-Management service cannot process the request because of an internal error.',
  },
  InvalidOptions: {
    code: 'Sender', subcode: sub(NS.w, 'InvalidOptions'), family: 'wsman', winCode: 2150858809,
    text: 'The WS-Management service cannot process the request because an option is not valid.',
  },
  InvalidParameter: {
    code: 'Sender', subcode: sub(NS.w, 'InvalidParameter'), family: 'wsman', winCode: 2150858810,
    text: 'The WS-Management service cannot process the request because a parameter is not valid.',
  },
  InvalidRepresentation: {
    code: 'Sender', subcode: sub(NS.x, 'InvalidRepresentation'), family: 'wxf', winCode: 2150858773,
    text: 'The XML representation in the request body is not valid for this resource.',
  },
  InvalidSelectors: {
    code: 'Sender', subcode: sub(NS.w, 'InvalidSelectors'), family: 'wsman', winCode: 2150858813,
    text: 'The WS-Management service cannot process the request because the request contained invalid selectors for the resource.',
    details: {
      InsufficientSelectors: 2150858842,
      UnexpectedSelectors: 2150858843,
      TypeMismatch: 2150858844,
      InvalidValue: 2150858845,
      AmbiguousSelectors: 2150858846,
      DuplicateSelectors: 2150858847,
    },
  },
  QuotaLimit: {
    code: 'Sender', subcode: sub(NS.w, 'QuotaLimit'), family: 'wsman', winCode: 2150858815,
    text: 'The WS-Management service cannot process the request because a quota was exceeded.',
  },
  SchemaValidationError: {
    code: 'Sender', subcode: sub(NS.w, 'SchemaValidationError'), family: 'wsman', winCode: 2150858817,
    text: 'The WS-Management service cannot process the request because the request does not match the schema.',
    details: { InvalidXml: 2150858819, InvalidSoapBody: 2150858791 },
  },
  TimedOut: {
    code: 'Receiver', subcode: sub(NS.w, 'TimedOut'), family: 'wsman', winCode: 2150858793,
    text: 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.',
  },
  UnsupportedFeature: {
    code: 'Sender', subcode: sub(NS.w, 'UnsupportedFeature'), family: 'wsman', winCode: 2150858818,
    text: 'The WS-Management service does not support the requested feature.',
    details: { AddressingMode: 2150858870, FragmentLevelAccess: 2150858871 },
  },
  Concurrency: {
    code: 'Receiver', subcode: sub(NS.w, 'Concurrency'), family: 'wsman', winCode: 2150858802,
    text: 'The WS-Management service cannot process the request because the enumeration context is in use by another request.',
  },
};

/** Pseudo FaultDetail names that have no URI in DSP0226 (only choose the Windows code). */
const CODE_ONLY_DETAILS = new Set(['InvalidXml', 'InvalidSoapBody']);

export interface RenderedFault {
  spec: FaultSpec;
  action: string;
  winCode: number;
  reason: string;
  faultDetail?: string;
}

export function resolveFault(f: WsmanFault): RenderedFault {
  const spec = FAULTS[f.kind] ?? FAULTS.InternalError;
  const detailName = f.detail?.faultDetail !== undefined ? String(f.detail.faultDetail) : undefined;
  const winCode = Number(f.detail?.code ?? (detailName && spec.details?.[detailName]) ?? spec.winCode);
  let faultDetail: string | undefined;
  if (detailName && !CODE_ONLY_DETAILS.has(detailName)) faultDetail = detailName.includes(':') ? detailName : FAULT_DETAIL + detailName;
  return { spec, action: FAULT_ACTION[spec.family], winCode, reason: f.reason || spec.text, faultDetail };
}

/** Shorthands so call sites read like the fault they raise. */
export const fault = {
  of: (kind: keyof typeof FAULTS, reason?: string, faultDetail?: string) =>
    new WsmanFault(kind, reason ?? FAULTS[kind].text, faultDetail ? { faultDetail } : undefined),
  invalidSelectors: (detail: string, reason: string) => new WsmanFault('InvalidSelectors', reason, { faultDetail: detail }),
  badUri: (uri: string) =>
    new WsmanFault(
      'DestinationUnreachable',
      `The WS-Management service cannot process the request because the resource URI is not valid or not found: ${uri || '(missing)'}`,
      { faultDetail: 'InvalidResourceURI' },
    ),
  notFound: (what?: string) =>
    new WsmanFault('ResourceNotFound', FAULTS.ResourceNotFound.text + (what ? ` (${what})` : '')),
  invalidXml: (why: string) =>
    new WsmanFault('SchemaValidationError', `The WS-Management service cannot process the request because the XML is invalid: ${why}`, {
      faultDetail: 'InvalidXml',
    }),
};
