import { bits } from '../../fields';

/** The BMC Global Enables byte (v2.0 §22.1, §22.2), shared by the Set request and the Get response. */
export const globalEnablesByte = bits({
  oem2: [7, 1],
  oem1: [6, 1],
  oem0: [5, 1],
  systemEventLogging: [3, 1],
  eventMessageBuffer: [2, 1],
  eventMessageBufferFullInterrupt: [1, 1],
  receiveMessageQueueInterrupt: [0, 1],
});
