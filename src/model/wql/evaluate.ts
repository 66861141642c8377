import type { CimInstance, CimValue } from '../types';
import type { Schema } from '../classes/schema';
import type { Expr, Literal, PropRef, SelectQuery } from './parser';

/**
 * WHERE evaluation with SQL three-valued logic: a comparison with a null property is unknown,
 * NOT unknown is unknown, and only rows that are true are returned. String comparisons ignore
 * case, as WMI's do.
 */
export function matches(expr: Expr | undefined, inst: CimInstance, schema: Schema): boolean {
  return expr === undefined || ev(expr, inst, schema) === true;
}

function operand(p: PropRef, inst: CimInstance, schema: Schema): CimValue | undefined {
  if (p.kind === 'system') return p.name === '__CLASS' ? inst.className : (schema.info(inst.className)?.superClass ?? null);
  return inst.properties[p.name];
}

function compare(a: Exclude<Literal, null>, b: Exclude<Literal, null>): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : 1;
  // A value of another type than the literal (cannot happen for schema-typed properties).
  return String(a).toLowerCase() === String(b).toLowerCase() ? 0 : NaN;
}

function ev(e: Expr, inst: CimInstance, schema: Schema): boolean | null {
  switch (e.kind) {
    case 'and': {
      const l = ev(e.left, inst, schema);
      if (l === false) return false;
      const r = ev(e.right, inst, schema);
      return r === false ? false : l === null || r === null ? null : true;
    }
    case 'or': {
      const l = ev(e.left, inst, schema);
      if (l === true) return true;
      const r = ev(e.right, inst, schema);
      return r === true ? true : l === null || r === null ? null : false;
    }
    case 'not': {
      const v = ev(e.expr, inst, schema);
      return v === null ? null : !v;
    }
    case 'isa':
      return schema.isa(inst.className, e.className);
    case 'isnull': {
      const v = operand(e.prop, inst, schema);
      const isNull = v === null || v === undefined;
      return e.negated ? !isNull : isNull;
    }
    case 'like': {
      const v = operand(e.prop, inst, schema);
      return typeof v === 'string' ? e.pattern.test(v) : null;
    }
    case 'cmp': {
      const v = operand(e.prop, inst, schema);
      const isNull = v === null || v === undefined;
      if (e.value === null) return e.op === '=' ? isNull : !isNull;
      if (isNull) return null;
      if (Array.isArray(v) || (typeof v === 'object' && !(v instanceof Date))) return null;
      const c = compare(v as Exclude<Literal, null>, e.value);
      if (Number.isNaN(c)) return e.op === '<>';
      switch (e.op) {
        case '=':
          return c === 0;
        case '<>':
          return c !== 0;
        case '<':
          return c < 0;
        case '>':
          return c > 0;
        case '<=':
          return c <= 0;
        case '>=':
          return c >= 0;
      }
    }
  }
}

/** Property names a SELECT needs to see (its list and its WHERE), or '*'. */
export function neededProperties(q: SelectQuery): '*' | Set<string> {
  if (q.properties === '*') return '*';
  const out = new Set(q.properties);
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.kind === 'and' || e.kind === 'or') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'not') walk(e.expr);
    else if ((e.kind === 'cmp' || e.kind === 'like' || e.kind === 'isnull') && e.prop.kind === 'prop') out.add(e.prop.name);
  };
  walk(q.where);
  return out;
}

/** The instance cut down to a SELECT's property list (WinRM answers these as an XmlFragment). */
export function project(inst: CimInstance, props: '*' | string[]): CimInstance {
  if (props === '*') return inst;
  const properties: Record<string, CimValue> = {};
  for (const p of props) properties[p] = inst.properties[p] ?? null;
  return { className: inst.className, namespace: inst.namespace, properties, selected: [...props] };
}
