/**
 * JSON Schemas of the control API's request bodies (docs/control.md), checked by one ajv of our
 * own: fastify's would silently drop unknown fields (removeAdditional), and a typo in a fault
 * must be an error, not a no-op. Behaviours and SEL entries are written as in a profile and
 * checked with the profile's schemas. Scenario steps (scenario.ts) use the same bodies.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { ControlError } from '../../lib/errors';
import { behaviourSchema, selEntrySchema } from '../../profile/hardware-schema';
import { schemaProblems } from '../../profile/load';

type Schema = Record<string, unknown>;
const obj = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
  ...extra,
});
const num: Schema = { type: 'number' };
/** A discrete state: its name as the sensor type's table spells it, or its offset. */
const stateRef: Schema = { type: ['string', 'integer'] };

/** Front-panel presses (ops.ts Control.power). */
export const POWER_ACTIONS = ['on', 'off', 'cycle', 'reset', 'soft'] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

export const requestSchemas = {
  sensorValue: obj({ value: num }, ['value']),
  sensorBehaviour: obj({ behaviour: behaviourSchema as Schema, initial: num }, ['behaviour']),
  sensorRamp: obj({ ratePerSec: { type: 'number', exclusiveMinimum: 0 }, to: num, by: num }, ['ratePerSec']),
  sensorStates: obj({ states: { type: 'array', items: stateRef, uniqueItems: true } }, ['states']),
  sensorState: obj({ state: stateRef }, ['state']),
  selAdd: obj(
    {
      entries: {
        type: 'array',
        minItems: 1,
        maxItems: 4095,
        items: {
          type: 'object',
          if: { type: 'object', properties: { hex: {} }, required: ['hex'] },
          then: obj({ hex: { type: 'string' } }, ['hex']),
          else: selEntrySchema as Schema,
        },
      },
    },
    ['entries'],
  ),
  power: obj({ action: { enum: [...POWER_ACTIONS] } }, ['action']),
  network: obj({ latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 }, lossRatio: { type: 'number', minimum: 0, maximum: 1 }, unresponsive: { type: 'boolean' } }, [], {
    minProperties: 1,
  }),
  reboot: obj({ downSec: { type: 'number', minimum: 0, maximum: 3600 } }),
  scenarioRun: obj({ yaml: { type: 'string', minLength: 1 }, file: { type: 'string', minLength: 1 }, device: { type: 'string', minLength: 1 } }, ['yaml']),
} satisfies Record<string, Schema>;
export type RequestName = keyof typeof requestSchemas;

let compiled: Record<RequestName, ValidateFunction> | undefined;

/** The request schemas, compiled once per process. */
export class ControlSchemas {
  private readonly v: Record<RequestName, ValidateFunction>;
  constructor() {
    if (!compiled) {
      const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
      compiled = Object.fromEntries(Object.entries(requestSchemas).map(([k, s]) => [k, ajv.compile(s)])) as Record<RequestName, ValidateFunction>;
    }
    this.v = compiled;
  }

  /** The body if it matches, else a 400 naming the first field that does not (a JSON pointer into the body). */
  check(name: RequestName, body: unknown, subject: ControlError['subject'] = {}): unknown {
    const v = this.v[name];
    if (v(body)) return body;
    const problems = schemaProblems(v.errors ?? [], body);
    const [pointer, reason] = problems[0] ?? ['', 'invalid'];
    const field = pointer || '/';
    throw new ControlError(400, `${field}: ${body === undefined || body === null ? 'a JSON body is required' : reason}`, { ...subject, field });
  }

  /** Every problem, for a scenario file that reports them all. */
  problems(name: RequestName, body: unknown): [string, string][] {
    const v = this.v[name];
    return v(body) ? [] : schemaProblems(v.errors ?? [], body);
  }
}
