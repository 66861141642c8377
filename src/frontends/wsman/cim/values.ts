import type { CimReference, CimScalar, CimType, CimValue } from '../../../model/types';
import { NS } from '../ns';
import { attr, child, childrenOf, textOf, XElement } from '../xml/tree';
import { selectorText } from './render';
import { resolveCimUri, ClassIndex } from './resource';

/**
 * Request values (Put bodies, Invoke parameters) parsed by the declared CIM type (DSP0230
 * §6: integers as xs:*, booleans true/false/1/0, datetimes as cim:Datetime or a DMTF string,
 * references as EPR content). A value that does not fit its type is reported by name.
 */
export class ValueError extends Error {}

const RANGES: Partial<Record<CimType, [number, number]>> = {
  uint8: [0, 0xff], uint16: [0, 0xffff], uint32: [0, 0xffffffff], uint64: [0, Number.MAX_SAFE_INTEGER],
  sint8: [-0x80, 0x7f], sint16: [-0x8000, 0x7fff], sint32: [-0x80000000, 0x7fffffff], sint64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** DSP0004 §5.2.4 yyyymmddhhmmss.mmmmmmsutc, or an xs:dateTime. */
export function parseDatetime(t: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, s, us, sign, off] = m;
    const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(+us / 1000));
    return new Date(utc - (sign === '+' ? 1 : -1) * Number(off) * 60000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(t)) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function parseScalar(el: XElement, type: CimType | undefined, name: string, index: ClassIndex): CimScalar {
  if (attr(el, NS.xsi, 'nil') === 'true') return null;
  const raw = el.text;
  const t = raw.trim();
  const bad = (why: string) => new ValueError(`The value "${t}" of ${name} is not valid: ${why}.`);
  switch (type) {
    case undefined:
    case 'string':
      return raw;
    case 'boolean':
      if (/^(true|1)$/i.test(t)) return true;
      if (/^(false|0)$/i.test(t)) return false;
      throw bad('expected true or false');
    case 'real32':
    case 'real64': {
      if (t === 'INF') return Infinity;
      if (t === '-INF') return -Infinity;
      if (t === 'NaN') return NaN;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw bad('expected a number');
      return Number(t);
    }
    case 'datetime': {
      const dt = child(el, NS.cim, 'Datetime') ?? child(el, NS.cim, 'Interval');
      const d = parseDatetime(dt ? textOf(dt) : t);
      if (!d) throw bad('expected a cim:Datetime');
      return d;
    }
    case 'reference': {
      const uri = textOf(child(child(el, NS.a, 'ReferenceParameters'), NS.w, 'ResourceURI'));
      const sels = childrenOf(child(child(el, NS.a, 'ReferenceParameters'), NS.w, 'SelectorSet'), NS.w, 'Selector');
      const selectors = sels.map((s) => ({ name: attr(s, '', 'Name') ?? '', value: textOf(s) }));
      let target;
      try {
        target = resolveCimUri(uri, selectors, index);
      } catch {
        throw bad(`the reference names an unknown resource URI "${uri}"`);
      }
      if (target.kind !== 'class') throw bad('a reference must name one class');
      const ref: CimReference = {
        kind: 'reference',
        className: target.info.name,
        namespace: target.namespace,
        keys: Object.fromEntries(selectors.filter((s) => !s.name.startsWith('__')).map((s) => [s.name, s.value])),
      };
      return ref;
    }
    default: {
      const r = RANGES[type];
      if (!r) return raw;
      if (!/^[+-]?\d+$/.test(t)) throw bad(`expected an integer (${type})`);
      const n = Number(t);
      if (n < r[0] || n > r[1]) throw bad(`out of range for ${type}`);
      return n;
    }
  }
}

/** Values of one property from its (possibly repeated) elements. */
export function parseProperty(els: XElement[], type: CimType | undefined, array: boolean, name: string, index: ClassIndex): CimValue {
  const vals = els.map((e) => parseScalar(e, type, name, index));
  if (array) return vals.length === 1 && vals[0] === null ? [] : vals;
  if (vals.length > 1) throw new ValueError(`${name} is not an array property but was given ${vals.length} values.`);
  return vals[0];
}

/** Canonical comparison text for a value (Put keeps unchanged read-only properties). */
export function canonical(v: CimValue | undefined): string {
  if (v === undefined || v === null) return '\u0000nil';
  if (Array.isArray(v)) return v.length === 0 ? '\u0000nil' : v.map((x) => canonical(x)).join('\u0001');
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '\u0000nil' : String(v.getTime());
  return selectorText(v);
}
