import type { Schema } from '../classes/schema';
import { accountProvider } from './accounts';
import { associationProviders } from './associations';
import { logRecordProvider } from './log-records';
import { physicalProviders } from './physical';
import { sensorProviders } from './sensors';
import {
  adminDomainProvider,
  computerSystemProvider,
  microsoftIpmiProvider,
  recordLogProvider,
  registeredProfileProvider,
  sensorCollectionProvider,
} from './system';
import type { Provider } from './types';

export type { Provider, BuildContext, PropSet } from './types';
export { referenceTo } from './associations';

/** Every concrete class the model instantiates under a schema, in enumeration order. */
export function makeProviders(schema: Schema): Provider[] {
  return [
    adminDomainProvider(schema),
    registeredProfileProvider(schema),
    computerSystemProvider(schema),
    ...sensorProviders(schema),
    recordLogProvider(schema),
    logRecordProvider(schema),
    sensorCollectionProvider(schema),
    ...physicalProviders(schema),
    accountProvider(schema),
    microsoftIpmiProvider(schema),
    ...associationProviders(schema),
  ];
}
