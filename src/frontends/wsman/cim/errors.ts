import { CimError, CimStatus, WsmanFault } from '../../../lib/errors';
import { fault, FAULTS } from '../faults';

export type CimOp = 'get' | 'put' | 'delete' | 'create' | 'enumerate' | 'invoke';

/**
 * CimError (DSP0200 status codes, from the model) -> the WS-Man fault WinRM's WMI plugin
 * answers with. Instance not found is wsa:DestinationUnreachable (ERROR_WSMAN_RESOURCE_NOT_FOUND
 * 2150858752); an unknown class or namespace is DestinationUnreachable/InvalidResourceURI; a
 * query the model cannot parse is wsen:CannotProcessFilter.
 */
export function cimFault(e: CimError, op: CimOp): WsmanFault {
  const msg = e.message;
  switch (e.status) {
    case CimStatus.NOT_FOUND:
      return fault.notFound(msg);
    case CimStatus.INVALID_CLASS:
    case CimStatus.INVALID_NAMESPACE:
      return new WsmanFault('DestinationUnreachable', `The WS-Management service cannot process the request because the resource URI is not valid or not found: ${msg}`, { faultDetail: 'InvalidResourceURI' });
    case CimStatus.INVALID_QUERY:
      return fault.of('CannotProcessFilter', `The WS-Management service cannot process the request because the filter is invalid: ${msg}`);
    case CimStatus.INVALID_PARAMETER:
      if (op === 'get' || op === 'delete') return fault.invalidSelectors('InvalidValue', `${FAULTS.InvalidSelectors.text} ${msg}`);
      if (op === 'put') return fault.of('InvalidRepresentation', `The XML representation in the request body is not valid for this resource: ${msg}`, 'InvalidValues');
      if (op === 'enumerate') return fault.of('CannotProcessFilter', `The WS-Management service cannot process the request because the filter is invalid: ${msg}`);
      return fault.of('InvalidParameter', `The WS-Management service cannot process the request because a parameter is not valid: ${msg}`);
    case CimStatus.NOT_SUPPORTED:
    case CimStatus.METHOD_NOT_AVAILABLE:
    case CimStatus.METHOD_NOT_FOUND:
      return fault.of('ActionNotSupported', `The WS-Management service cannot process the request because the action is not supported for this resource: ${msg}`);
    case CimStatus.ACCESS_DENIED:
      return fault.of('AccessDenied', `Access is denied. ${msg}`);
    case CimStatus.FAILED:
    default:
      return fault.of('InternalError', `The WS-Management service cannot process the request. The provider reported a failure: ${msg}`);
  }
}
