/**
 * Scenario files (docs/control.md "Scenarios"): YAML timelines of faults, e.g.
 *
 *     steps:
 *       - { at: 30s, sensor: System Fan 2, value: 0 }
 *       - { at: 30s, sensors: { type: Temperature }, ramp: { ratePerSec: 1, by: 30 } }
 *       - { at: 90s, sensor: PS1 Status, assert: Power Supply AC lost }
 *
 * Each step is one control operation (ops.ts) on one device, written with the request body's
 * fields. A file is checked whole before it runs: the schema, then every step against the
 * devices it names (sensors, states, values in range, SEL entries), all problems reported
 * together as ConfigErrors (file, JSON pointer, reason with its line). A run keeps time on the
 * BMC's clock, so tests run scenarios on a ManualClock at any speed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Clock, Timer } from '../../lib/clock';
import { ConfigError, ConfigErrors, ControlError } from '../../lib/errors';
import { Context, schemaProblems, type Source } from '../../profile/load';
import { sensorTypeCode } from '../../codec/sensor';
import { Control, type Apply, type Target } from './ops';
import { requestSchemas } from './schemas';

type Schema = Record<string, unknown>;

/** "90s", "1m30s", "500ms", "2h", or a number of seconds. */
const DURATION = '^\\s*((\\d+(\\.\\d+)?)\\s*(ms|s|m|h)\\s*)+$';
export function parseDuration(v: number | string): number {
  if (typeof v === 'number') return v * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h)/g)) ms += Number(m[1]) * unit[m[2]];
  return ms;
}

const sensorRef: Schema = { type: ['string', 'integer'] };
const props = (name: keyof typeof requestSchemas): Record<string, Schema> => (requestSchemas[name] as { properties: Record<string, Schema> }).properties;

/** Actions, each with the request body it makes and where the body's fields are in the step. */
const ACTIONS = {
  value: { sensor: 'analog', body: (v: unknown) => ({ value: v }), field: (f: string) => f },
  behaviour: { sensor: 'analog', body: (v: unknown, step: Step) => (step.initial === undefined ? { behaviour: v } : { behaviour: v, initial: step.initial }), field: (f: string) => f },
  ramp: { sensor: 'analog', body: (v: unknown) => v, field: (f: string) => `/ramp${f}` },
  reset: { sensor: 'any', body: () => undefined, field: (f: string) => f },
  states: { sensor: 'discrete', body: (v: unknown) => ({ states: v }), field: (f: string) => f },
  assert: { sensor: 'discrete', body: (v: unknown) => ({ state: v }), field: (f: string) => f.replace(/^\/state/, '/assert') },
  deassert: { sensor: 'discrete', body: (v: unknown) => ({ state: v }), field: (f: string) => f.replace(/^\/state/, '/deassert') },
  selAdd: { sensor: 'none', body: (v: unknown) => ({ entries: v }), field: (f: string) => f.replace(/^\/entries/, '/selAdd') },
  selClear: { sensor: 'none', body: () => undefined, field: (f: string) => f },
  power: { sensor: 'none', body: (v: unknown) => ({ action: v }), field: (f: string) => f.replace(/^\/action/, '/power') },
  network: { sensor: 'none', body: (v: unknown) => v, field: (f: string) => `/network${f}` },
  reboot: { sensor: 'none', body: (v: unknown) => (v === true ? {} : v), field: (f: string) => `/reboot${f}` },
} as const;
type ActionName = keyof typeof ACTIONS;
const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

const stepSchema: Schema = {
  type: 'object',
  properties: {
    at: { type: ['number', 'string'], minimum: 0, pattern: DURATION },
    device: { type: 'string', minLength: 1 },
    sensor: sensorRef,
    sensors: {
      type: ['array', 'object'],
      items: sensorRef,
      minItems: 1,
      properties: { type: { type: ['string', 'integer'] } },
      required: ['type'],
      additionalProperties: false,
    },
    note: { type: 'string' },
    value: props('sensorValue').value,
    behaviour: props('sensorBehaviour').behaviour,
    initial: props('sensorBehaviour').initial,
    ramp: requestSchemas.sensorRamp,
    reset: { const: true },
    states: props('sensorStates').states,
    assert: props('sensorState').state,
    deassert: props('sensorState').state,
    selAdd: props('selAdd').entries,
    selClear: { const: true },
    power: props('power').action,
    network: { anyOf: [requestSchemas.network, { const: 'clear' }] },
    reboot: { anyOf: [{ const: true }, requestSchemas.reboot] },
  },
  required: ['at'],
  additionalProperties: false,
};

const scenarioSchema: Schema = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    device: { type: 'string', minLength: 1 },
    steps: { type: 'array', items: stepSchema, minItems: 1 },
  },
  required: ['steps'],
  additionalProperties: false,
};

let validator: ValidateFunction | undefined;

/**
 * The schema's problems in a person's words: of the alternatives of `network:` and `reboot:`
 * only the branch that was meant speaks (no "must match a schema in anyOf"), and a duration
 * says what it may look like.
 */
function shapeProblems(doc: unknown): [string, string][] {
  const v = (validator ??= new Ajv({ allErrors: true, strict: false }).compile(scenarioSchema));
  if (v(doc)) return [];
  const all = v.errors ?? [];
  const specific = (e: ErrorObject) => e.keyword !== 'anyOf' && e.keyword !== 'const';
  const errors = all.filter((e) => e.keyword !== 'anyOf' && (e.keyword !== 'const' || !all.some((o) => specific(o) && o.instancePath.startsWith(e.instancePath))));
  return schemaProblems(errors, doc).map(([pointer, reason]) => [
    pointer,
    pointer.endsWith('/at') && reason.startsWith('must') ? 'must be a time from the start: 30s, 1m30s, 500ms, 2h, or a number of seconds' : reason === 'must be equal to constant' ? 'not one of the values this field takes (docs/control.md)' : reason,
  ]);
}

interface Step {
  at: number | string;
  device?: string;
  sensor?: string | number;
  sensors?: Array<string | number> | { type: string | number };
  note?: string;
  initial?: number;
  [action: string]: unknown;
}

/** One checked step: when, what (for logs and run status), and the change. */
export interface ScenarioStep {
  index: number;
  atMs: number;
  device: string;
  action: ActionName;
  text: string;
  apply: Apply;
}

/** A checked scenario, ready to run. */
export interface Scenario {
  file: string;
  description?: string;
  steps: ScenarioStep[];
}

/** A running (or finished) scenario. */
export interface ScenarioRunView {
  id: string;
  file: string;
  description: string | null;
  state: 'running' | 'finished' | 'cancelled';
  startedAt: string;
  elapsedSec: number;
  steps: number;
  done: number;
  next: { step: number; atSec: number; text: string } | null;
  errors: Array<{ step: number; message: string }>;
}

/** Finished runs kept for `GET /v1/scenarios`. */
const KEEP_FINISHED = 50;

/** Loads, checks and runs scenarios against the devices of a Control. */
export class Scenarios {
  private readonly runs = new Map<string, ScenarioRun>();
  private nextId = 1;

  constructor(
    readonly control: Control,
    /** The clock runs keep time on; default: the clock of the BMC of the first step. */
    private readonly clock?: Clock,
  ) {}

  /** Check a scenario file's text; `device` is the default device of steps that name none (overrides the file's). */
  parse(text: string, file: string, device?: string): Scenario {
    const ctx = new Context();
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    if (doc.errors.length) {
      throw new ConfigErrors(
        doc.errors.map((e) => {
          const pos = lines.linePos(e.pos[0]);
          return new ConfigError(file, '', `YAML syntax: ${e.message.split('\n')[0]} (line ${pos.line}, column ${pos.col})`);
        }),
      );
    }
    const src: Source = { file, value: doc.toJS(), doc, lines };
    // Steps the schema finds fault with are not checked further; every other step is.
    const shapeless = new Set<number>();
    for (const [pointer, reason] of shapeProblems(src.value)) {
      ctx.problem(src, pointer, reason);
      const m = /^\/steps\/(\d+)/.exec(pointer);
      if (!m) ctx.throwIfAny();
      shapeless.add(Number(m![1]));
    }
    const raw = src.value as { description?: string; device?: string; steps: Step[] };
    const steps: ScenarioStep[] = [];
    raw.steps.forEach((step, i) => {
      if (shapeless.has(i)) return;
      const at = `/steps/${i}`;
      const problem = (pointer: string, reason: string) => ctx.problem(src, `${at}${pointer}`, reason);
      const actions = ACTION_NAMES.filter((a) => step[a] !== undefined);
      if (actions.length !== 1) return problem('', actions.length ? `one action per step; this one has ${actions.join(', ')}` : `no action: give one of ${ACTION_NAMES.join(', ')}`);
      const action = actions[0];
      if (step.initial !== undefined && action !== 'behaviour') return problem('/initial', 'only with behaviour');
      const def = ACTIONS[action];
      const targets = def.sensor !== 'none';
      if (targets && step.sensor === undefined && step.sensors === undefined) return problem('', `${action} needs a sensor (sensor: NAME) or sensors`);
      if (!targets && (step.sensor !== undefined || step.sensors !== undefined)) return problem(step.sensor !== undefined ? '/sensor' : '/sensors', `${action} is not about a sensor`);
      if (step.sensor !== undefined && step.sensors !== undefined) return problem('/sensors', 'give sensor or sensors, not both');
      const name = step.device ?? device ?? raw.device ?? this.onlyDevice();
      if (name === undefined) return problem('', 'no device: name one (device: NAME in the step or the file, or --device)');
      try {
        const t = this.control.target(name);
        const apply = this.prepare(t, action, step);
        steps.push({ index: i, atMs: parseDuration(step.at), device: name, action, text: describe(step, action, name), apply });
      } catch (e) {
        if (!(e instanceof ControlError)) throw e;
        const pointer = e.subject.field ? def.field(e.subject.field) : e.subject.sensor !== undefined && step.sensors ? '/sensors' : e.subject.sensor !== undefined ? '/sensor' : '/device';
        const why = e.message.replace(/^\/[^:\s]*: /, '');
        problem(pointer === '/device' && step.device === undefined ? '' : pointer, why);
      }
    });
    ctx.throwIfAny();
    // Steps run in time order; steps at the same time in file order.
    steps.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
    return { file, description: raw.description, steps };
  }

  parseFile(file: string, device?: string): Scenario {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigErrors([new ConfigError(file, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)]);
    }
    return this.parse(text, path.resolve(file), device);
  }

  /** Start a checked scenario now; steps at 0 s are made before this returns. */
  start(s: Scenario): ScenarioRun {
    const clock = this.clock ?? this.control.target(s.steps[0].device).bmc.clock;
    const run = new ScenarioRun(String(this.nextId++), s, clock, this.control);
    this.runs.set(run.id, run);
    const finished = [...this.runs.values()].filter((r) => r.state !== 'running');
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(r.id);
    run.begin();
    return run;
  }

  list(): ScenarioRunView[] {
    return [...this.runs.values()].map((r) => r.view());
  }
  get(id: string): ScenarioRun {
    const r = this.runs.get(id);
    if (!r) throw new ControlError(404, `no scenario run "${id}"`, { run: id });
    return r;
  }
  /** Stop every run (process shutdown). */
  close(): void {
    for (const r of this.runs.values()) r.cancel();
  }

  private onlyDevice(): string | undefined {
    const names = [...this.control.fleet.devices.keys()];
    return names.length === 1 ? names[0] : undefined;
  }

  /** The step's change, checked now. */
  private prepare(t: Target, action: ActionName, step: Step): Apply {
    const c = this.control;
    const body = ACTIONS[action].body(step[action], step);
    const one = (ref: string | number): Apply => {
      switch (action) {
        case 'value':
          return c.setValue(t, ref, body);
        case 'behaviour':
          return c.setBehaviour(t, ref, body);
        case 'ramp':
          return c.ramp(t, ref, body);
        case 'reset':
          return c.resetSensor(t, ref);
        case 'states':
          return c.setStates(t, ref, body);
        case 'assert':
        case 'deassert':
          return c.assertState(t, ref, body, action === 'deassert');
        default:
          throw new Error(`${action} is not a sensor action`);
      }
    };
    switch (action) {
      case 'selAdd':
        return c.addSel(t, body);
      case 'selClear':
        return c.clearSel(t);
      case 'power':
        return c.power(t, body);
      case 'network':
        return step.network === 'clear' ? c.clearNetwork(t) : c.setNetwork(t, body);
      case 'reboot':
        return c.reboot(t, body);
    }
    const applies = this.sensorRefs(t, step, ACTIONS[action].sensor).map(one);
    return () => applies.map((a) => a());
  }

  /** The sensors a step names: one, a list, or every sensor of a type (those the action applies to). */
  private sensorRefs(t: Target, step: Step, kind: 'analog' | 'discrete' | 'any' | 'none'): Array<string | number> {
    if (step.sensor !== undefined) return [step.sensor];
    const sel = step.sensors!;
    if (Array.isArray(sel)) return sel;
    const code = typeof sel.type === 'number' ? sel.type : sensorTypeCode(sel.type);
    if (code === undefined) throw new ControlError(400, `unknown sensor type "${sel.type}"`, { device: t.name, field: '/sensors/type' });
    const hits = t.bmc.sensors
      .all()
      .filter((s) => s.spec.sensorType === code && (kind === 'any' || (kind === 'analog' ? s.spec.analog : s.spec.discrete)))
      .map((s) => s.key);
    if (hits.length === 0) throw new ControlError(400, `device "${t.name}" has no ${kind === 'analog' ? 'threshold ' : kind === 'discrete' ? 'discrete ' : ''}sensor of type ${JSON.stringify(sel.type)}`, { device: t.name, field: '/sensors/type' });
    return hits;
  }
}

function describe(step: Step, action: ActionName, device: string): string {
  const what = step.sensor !== undefined ? ` ${step.sensor}` : step.sensors !== undefined ? ` ${JSON.stringify(step.sensors)}` : '';
  const v = step[action];
  return `${device}${what}: ${action}${v === true ? '' : ` ${JSON.stringify(v)}`}${step.note ? ` (${step.note})` : ''}`;
}

/** A scenario being run: one timer at a time, for the next step due. */
export class ScenarioRun {
  state: ScenarioRunView['state'] = 'running';
  private done = 0;
  private timer?: Timer;
  private startMono = 0;
  private startWall = 0;
  /** Monotonic time the run finished or was cancelled. */
  private endMono?: number;
  private readonly errors: ScenarioRunView['errors'] = [];

  constructor(
    readonly id: string,
    readonly scenario: Scenario,
    private readonly clock: Clock,
    private readonly control: Control,
  ) {}

  begin(): void {
    this.startMono = this.clock.monotonic();
    this.startWall = this.clock.now();
    this.control.log.info({ scenario: this.scenario.file, run: this.id, steps: this.scenario.steps.length }, 'scenario started');
    this.fire();
  }

  cancel(): void {
    if (this.state !== 'running') return;
    if (this.timer) this.clock.clear(this.timer);
    this.timer = undefined;
    this.state = 'cancelled';
    this.endMono = this.clock.monotonic();
    this.control.log.info({ scenario: this.scenario.file, run: this.id, done: this.done }, 'scenario cancelled');
  }

  private elapsed(): number {
    return (this.endMono ?? this.clock.monotonic()) - this.startMono;
  }

  /** Make every step that is due, then wait for the next. */
  private fire(): void {
    this.timer = undefined;
    const steps = this.scenario.steps;
    const now = this.elapsed();
    while (this.state === 'running' && this.done < steps.length && steps[this.done].atMs <= now) {
      const s = steps[this.done++];
      try {
        s.apply();
        this.control.log.info({ scenario: this.scenario.file, run: this.id, step: s.index }, s.text);
      } catch (e) {
        const message = (e as Error).message;
        this.errors.push({ step: s.index, message });
        this.control.log.warn({ scenario: this.scenario.file, run: this.id, step: s.index, err: message }, 'scenario step failed');
      }
    }
    if (this.state !== 'running') return;
    if (this.done === steps.length) {
      this.state = 'finished';
      this.endMono = this.clock.monotonic();
      this.control.log.info({ scenario: this.scenario.file, run: this.id, errors: this.errors.length }, 'scenario finished');
      return;
    }
    this.timer = this.clock.setTimeout(() => this.fire(), steps[this.done].atMs - now);
    this.timer.unref?.();
  }

  view(): ScenarioRunView {
    const next = this.state === 'running' ? this.scenario.steps[this.done] : undefined;
    return {
      id: this.id,
      file: this.scenario.file,
      description: this.scenario.description ?? null,
      state: this.state,
      startedAt: new Date(this.startWall).toISOString().replace(/\.000Z$/, 'Z'),
      elapsedSec: Math.round(this.elapsed()) / 1000,
      steps: this.scenario.steps.length,
      done: this.done,
      next: next ? { step: next.index, atSec: next.atMs / 1000, text: next.text } : null,
      errors: [...this.errors],
    };
  }
}
