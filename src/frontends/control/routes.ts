/**
 * The control API's routes, declared once (docs/control.md lists them): the fastify plugin
 * registers them, `bmcbridge ctl` and the tests call them by the same paths. Every handler
 * resolves its arguments through ops.ts and returns the JSON answer.
 */
import type { Control } from './ops';
import type { Scenarios } from './scenario';
import { ControlError } from '../../lib/errors';

export interface RouteContext {
  control: Control;
  scenarios: Scenarios;
}
type Params = { device: string; sensor: string; run: string };
export interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  summary: string;
  handle(c: RouteContext, p: Params, body: unknown): unknown;
}

const DEV = '/v1/devices/:device';
const SENSOR = `${DEV}/sensors/:sensor`;

export const routes: readonly Route[] = [
  { method: 'GET', url: '/v1/devices', summary: 'list the virtual BMCs', handle: ({ control }) => control.listDevices() },
  { method: 'GET', url: DEV, summary: 'one virtual BMC', handle: ({ control }, p) => control.deviceView(control.target(p.device)) },

  { method: 'GET', url: `${DEV}/sensors`, summary: 'every sensor with its reading or states', handle: ({ control }, p) => control.listSensors(control.target(p.device)) },
  {
    method: 'GET',
    url: SENSOR,
    summary: 'one sensor (by key, ID string or number)',
    handle: ({ control }, p) => {
      const t = control.target(p.device);
      return control.sensorView(t, control.sensor(t, p.sensor));
    },
  },
  { method: 'PUT', url: `${SENSOR}/value`, summary: 'hold a threshold sensor at a value: { value }', handle: ({ control }, p, b) => control.setValue(control.target(p.device), p.sensor, b)() },
  {
    method: 'PUT',
    url: `${SENSOR}/behaviour`,
    summary: "give a threshold sensor a behaviour: { behaviour: { kind, ... }, initial? } (a profile's kinds)",
    handle: ({ control }, p, b) => control.setBehaviour(control.target(p.device), p.sensor, b)(),
  },
  {
    method: 'POST',
    url: `${SENSOR}/ramp`,
    summary: 'ramp a threshold sensor from its present value: { ratePerSec, to | by }',
    handle: ({ control }, p, b) => control.ramp(control.target(p.device), p.sensor, b)(),
  },
  {
    method: 'DELETE',
    url: `${SENSOR}/override`,
    summary: "back to the profile's behaviour (or initial states)",
    handle: ({ control }, p) => control.resetSensor(control.target(p.device), p.sensor)(),
  },
  { method: 'PUT', url: `${SENSOR}/states`, summary: "set a discrete sensor's asserted states: { states: [name | offset] }", handle: ({ control }, p, b) => control.setStates(control.target(p.device), p.sensor, b)() },
  { method: 'POST', url: `${SENSOR}/assert`, summary: 'assert one state: { state }', handle: ({ control }, p, b) => control.assertState(control.target(p.device), p.sensor, b, false)() },
  { method: 'POST', url: `${SENSOR}/deassert`, summary: 'deassert one state: { state }', handle: ({ control }, p, b) => control.assertState(control.target(p.device), p.sensor, b, true)() },

  { method: 'GET', url: `${DEV}/sel`, summary: 'the SEL, decoded', handle: ({ control }, p) => control.selView(control.target(p.device)) },
  { method: 'POST', url: `${DEV}/sel`, summary: "add entries: { entries: [profile-style entry | { hex }] }", handle: ({ control }, p, b) => control.addSel(control.target(p.device), b)() },
  { method: 'DELETE', url: `${DEV}/sel`, summary: 'clear the SEL', handle: ({ control }, p) => control.clearSel(control.target(p.device))() },

  { method: 'GET', url: `${DEV}/power`, summary: 'power state and any transition under way', handle: ({ control }, p) => control.powerView(control.target(p.device)) },
  { method: 'POST', url: `${DEV}/power`, summary: 'press the front panel: { action: on | off | cycle | reset | soft }', handle: ({ control }, p, b) => control.power(control.target(p.device), b)() },

  { method: 'GET', url: `${DEV}/network`, summary: 'network faults in force', handle: ({ control }, p) => control.networkView(control.target(p.device)) },
  {
    method: 'PUT',
    url: `${DEV}/network`,
    summary: 'set network faults: { latencyMs?, lossRatio?, unresponsive? }',
    handle: ({ control }, p, b) => control.setNetwork(control.target(p.device), b)(),
  },
  { method: 'DELETE', url: `${DEV}/network`, summary: 'clear network faults', handle: ({ control }, p) => control.clearNetwork(control.target(p.device))() },
  { method: 'POST', url: `${DEV}/reboot`, summary: 'reboot the BMC (drops every session): { downSec? }', handle: ({ control }, p, b) => control.reboot(control.target(p.device), b)() },

  { method: 'GET', url: '/v1/scenarios', summary: 'scenario runs', handle: ({ scenarios }) => ({ runs: scenarios.list() }) },
  {
    method: 'POST',
    url: '/v1/scenarios',
    summary: 'check and start a scenario: { yaml, file?, device? }',
    handle: ({ control, scenarios }, _p, b) => {
      const { yaml, file, device } = control.schemas.check('scenarioRun', b) as { yaml: string; file?: string; device?: string };
      if (device !== undefined) control.target(device);
      return scenarios.start(scenarios.parse(yaml, file ?? 'scenario', device)).view();
    },
  },
  { method: 'GET', url: '/v1/scenarios/:run', summary: 'one scenario run', handle: ({ scenarios }, p) => scenarios.get(p.run).view() },
  {
    method: 'DELETE',
    url: '/v1/scenarios/:run',
    summary: 'cancel a scenario run',
    handle: ({ scenarios }, p) => {
      const r = scenarios.get(p.run);
      if (r.state !== 'running') throw new ControlError(409, `scenario run "${p.run}" is ${r.state}`, { run: p.run });
      r.cancel();
      return r.view();
    },
  },
];
