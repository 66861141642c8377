import type { BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { appHandlers } from './app';
import { chassisHandlers } from './chassis';
import { transportHandlers } from './transport';
import { storageHandlers } from './storage';
import { sensorEventHandlers } from './sensor-event';
import { dcmiHandlers } from './dcmi';
import { solHandlers } from '../sol/handlers';

export { appHandlers, chassisHandlers, transportHandlers, storageHandlers, sensorEventHandlers, dcmiHandlers, solHandlers };

/**
 * The App, Chassis and Transport handlers of issue 2, then the Storage, Sensor/Event and DCMI
 * handlers of issue 3 (SDR, SEL, FRU, sensors, DCMI), the SOL handlers of issue 9. The session handlers
 * (handlers/session.ts) are added by whoever builds the VirtualBmc:
 * `handlers: [...standardHandlers, ...sessionHandlers]`.
 */
export const standardHandlers: readonly BoundHandler<VirtualBmc>[] = [
  ...appHandlers,
  ...chassisHandlers,
  ...transportHandlers,
  ...storageHandlers,
  ...sensorEventHandlers,
  ...dcmiHandlers,
  ...solHandlers,
];
