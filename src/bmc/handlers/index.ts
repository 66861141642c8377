import type { BoundHandler } from '../dispatch';
import type { VirtualBmc } from '../device';
import { appHandlers } from './app';
import { chassisHandlers } from './chassis';
import { transportHandlers } from './transport';

export { appHandlers, chassisHandlers, transportHandlers };

/**
 * The App, Chassis and Transport handlers of issue 2. The session handlers
 * (handlers/session.ts) are added by whoever builds the VirtualBmc:
 * `handlers: [...standardHandlers, ...sessionHandlers]`.
 */
export const standardHandlers: readonly BoundHandler<VirtualBmc>[] = [...appHandlers, ...chassisHandlers, ...transportHandlers];
