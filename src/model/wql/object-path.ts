import { CimError, CimStatus } from '../../lib/errors';
import type { CimReference } from '../types';

/**
 * WMI object paths as written inside `ASSOCIATORS OF {...}` / `REFERENCES OF {...}`
 * ("Describing an Instance Object Path", WMI docs):
 *   [\\server\namespace:]Class.Key1="v1",Key2=2    Class="v" (single key)    Class=@ (singleton)
 * String values are double- (or single-) quoted with backslash escapes.
 */
export interface ObjectPath {
  namespace?: string;
  className: string;
  /** Key name to value; `""` key = the single unnamed key (`Class="v"`). */
  keys: Record<string, string | number | boolean>;
  singleton?: boolean;
}

/** Parse the text between the braces; `base` = position of the first character, for errors. */
export function parseObjectPath(text: string, base = 1): ObjectPath {
  let i = 0;
  const err = (expected: string): CimError => {
    const found = i >= text.length ? 'end of object path' : `"${text[i]}"`;
    return new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${base + i}: expected ${expected} in object path, found ${found}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const ident = (what: string): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw err(what);
    i += m[0].length;
    return m[0];
  };
  const value = (): string | number | boolean => {
    ws();
    const q = text[i];
    if (q === '"' || q === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw err(`closing ${q}`);
        if (text[i] === '\\' && i + 1 < text.length) {
          s += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === q) break;
        s += text[i++];
      }
      i++;
      return s;
    }
    const m = /^(-?[0-9]+(\.[0-9]+)?|true|false)\b/i.exec(text.slice(i));
    if (!m) throw err('a quoted string, number or TRUE/FALSE');
    i += m[0].length;
    const v = m[0].toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : Number(m[0]);
  };

  ws();
  let namespace: string | undefined;
  const colon = findNamespaceColon(text);
  if (colon >= 0) {
    let ns = text.slice(i, colon).trim().replace(/\\/g, '/');
    // \\server\root\hardware: the server part is ignored (always this model).
    if (ns.startsWith('//')) ns = ns.slice(2).split('/').slice(1).join('/');
    namespace = ns;
    i = colon + 1;
  }
  const className = ident('a class name');
  ws();
  const keys: Record<string, string | number | boolean> = {};
  let singleton = false;
  if (i < text.length && text[i] === '=') {
    i++;
    ws();
    if (text[i] === '@') {
      singleton = true;
      i++;
    } else keys[''] = value();
  } else if (i < text.length && text[i] === '.') {
    i++;
    for (;;) {
      const name = ident('a key property name');
      ws();
      if (text[i] !== '=') throw err('"="');
      i++;
      keys[name] = value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
  }
  ws();
  if (i < text.length) throw err('"." or "=" after the class name, or "," between keys');
  return { namespace, className, keys, ...(singleton ? { singleton } : {}) };
}

/** The colon that ends a namespace prefix, outside quotes and before any '.' or '='. */
function findNamespaceColon(text: string): number {
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'" || c === '=' || c === '.') return -1;
    if (c === ':') return j;
  }
  return -1;
}

function quote(v: string | number | boolean): string {
  return typeof v === 'string' ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : String(v);
}

/** Format a reference as a WMI object path (`root/hardware:NumericSensor.CreationClassName="NumericSensor",...`). */
export function formatObjectPath(r: CimReference | ObjectPath, withNamespace = true): string {
  const keys = Object.entries(r.keys)
    .map(([k, v]) => (k === '' ? `=${quote(v)}` : `${k}=${quote(v)}`))
    .join(',');
  const ns = withNamespace && r.namespace ? `${r.namespace.replace(/\//g, '\\')}:` : '';
  const sep = keys.startsWith('=') || keys === '' ? '' : '.';
  return `${ns}${r.className}${sep}${keys}`;
}
