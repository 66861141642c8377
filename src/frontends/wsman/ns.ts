/**
 * Namespace URIs and action URIs of WS-Management as WinRM speaks it (MS-WSMV 2.2.1,
 * DSP0226 Annex). Requests are matched by namespace URI only, never by prefix: pywinrm uses
 * env/a/w/n/p, wsl uses s/wsa/wsman/wsen, wsman-messages puts SOAP in the default namespace.
 */
export const NS = {
  /** SOAP 1.2 (the only envelope WinRM accepts). */
  s: 'http://www.w3.org/2003/05/soap-envelope',
  /** SOAP 1.1: answered with s:VersionMismatch. */
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  /** WS-Addressing, the 2004/08 member submission (not the W3C 2005/08 one). */
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  w: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  n: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration',
  x: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
  e: 'http://schemas.xmlsoap.org/ws/2004/08/eventing',
  b: 'http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd',
  /** Microsoft extensions (DataLocale, SessionId, OperationID, SequenceId). */
  p: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  wsmid: 'http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd',
  f: 'http://schemas.microsoft.com/wbem/wsman/1/wsmanfault',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  cim: 'http://schemas.dmtf.org/wbem/wscim/1/common',
  xml: 'http://www.w3.org/XML/1998/namespace',
  cfg: 'http://schemas.microsoft.com/wbem/wsman/1/config',
} as const;

export const ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

export const ACTION = {
  Get: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Get',
  Put: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Put',
  Create: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Create',
  Delete: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete',
  Enumerate: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate',
  Pull: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull',
  Release: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release',
  Renew: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/Renew',
  GetStatus: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/GetStatus',
  Subscribe: 'http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe',
} as const;
export type StandardOp = keyof typeof ACTION;

export const FAULT_ACTION = {
  wsman: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing/fault',
  wsen: 'http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault',
  wxf: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/fault',
} as const;

/** Filter dialects (DSP0226 §8.3, DSP0227 §8, MS-WSMV 3.1.4.1.x Filter). */
export const DIALECT = {
  wql: 'http://schemas.microsoft.com/wbem/wsman/1/WQL',
  cql: 'http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf',
  selector: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter',
  association: 'http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter',
  xpath: 'http://www.w3.org/TR/1999/REC-xpath-19991116',
} as const;

/** Resource URI prefixes (MS-WSMV 3.1.4.1.1). */
export const URI = {
  wmi: 'http://schemas.microsoft.com/wbem/wsman/1/wmi/',
  dmtfCim: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/',
  dmtfAll: 'http://schemas.dmtf.org/wbem/wscim/1/*',
  config: 'http://schemas.microsoft.com/wbem/wsman/1/config',
  shell: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell',
} as const;

export const FAULT_DETAIL = 'http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/';

/** Security profiles reported by an authenticated Identify (DSP0226 Annex C). */
export const SECPROFILE = {
  httpBasic: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/http/basic',
  httpsBasic: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic',
  httpsMutual: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual',
} as const;
