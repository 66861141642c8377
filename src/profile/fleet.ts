import crypto from 'node:crypto';

/**
 * The arithmetic of fleets (devices.ts expands them): member names from a pattern, templates in
 * memberOverrides, IPv4 and MAC address ranges, and the MAC address derived for a member. All of
 * it is a pure function of the fleet's name pattern and the member's index, so a member keeps
 * its identity across restarts and when other fleets are added to the file.
 */

/** What a template can refer to for one member. */
export interface MemberVars {
  index: number;
  name: string;
  /** The member's UDP listener, when the fleet has `lan`. */
  host?: string;
  port?: number;
}

export type Template = (v: MemberVars) => string;

const PLACEHOLDER = /\{([A-Za-z]+)(?::([^{}]*))?\}/g;
export const PLACEHOLDERS = '{index}, {index:0N}, {name}, {host}, {port}, {ip:BASE}, {mac:BASE}';

/**
 * Compile a template string. `maxIndex` is the fleet's last index, so that a base address that
 * would run past the end of the address space is reported once, here, not per member.
 * Returns a problem (a reason) instead when the string is not a valid template.
 */
export function compileTemplate(s: string, opts: { maxIndex: number; hasLan: boolean; only?: 'index' }): Template | { problem: string } {
  const parts: (string | Template)[] = [];
  let last = 0;
  for (const m of s.matchAll(PLACEHOLDER)) {
    parts.push(s.slice(last, m.index));
    last = m.index! + m[0].length;
    const [whole, key, arg] = m;
    if (opts.only && key !== opts.only) return { problem: `"${whole}": only {index} or {index:0N} may be used here` };
    switch (key) {
      case 'index': {
        if (arg === undefined) parts.push((v) => String(v.index));
        else if (/^0([1-9]|1[0-9]|20)$/.test(arg)) {
          const width = Number(arg.slice(1));
          parts.push((v) => String(v.index).padStart(width, '0'));
        } else return { problem: `"${whole}": the index format is 0 and a width up to 20, like {index:03}` };
        break;
      }
      case 'name':
        if (arg !== undefined) return { problem: `"${whole}": {name} takes no format` };
        parts.push((v) => v.name);
        break;
      case 'host':
      case 'port':
        if (arg !== undefined) return { problem: `"${whole}": {${key}} takes no format` };
        if (!opts.hasLan) return { problem: `"${whole}": the fleet has no lan listeners` };
        parts.push(key === 'host' ? (v) => v.host! : (v) => String(v.port!));
        break;
      case 'ip': {
        const base = arg === undefined ? undefined : ipv4ToInt(arg);
        if (base === undefined) return { problem: `"${whole}": give a base IPv4 address, like {ip:10.1.0.0}` };
        if (base + opts.maxIndex > 0xffffffff) return { problem: `"${whole}": ${arg} + ${opts.maxIndex} (the last index) is beyond 255.255.255.255` };
        parts.push((v) => intToIpv4(base + v.index));
        break;
      }
      case 'mac': {
        const base = arg === undefined ? undefined : macToInt(arg);
        if (base === undefined) return { problem: `"${whole}": give a base MAC address, like {mac:02:00:5e:00:00:00}` };
        if (base + opts.maxIndex > 0xffff_ffff_ffff) return { problem: `"${whole}": ${arg} + ${opts.maxIndex} (the last index) is beyond ff:ff:ff:ff:ff:ff` };
        parts.push((v) => intToMac(base + v.index));
        break;
      }
      default:
        return { problem: `unknown placeholder "${whole}" (known: ${PLACEHOLDERS})` };
    }
  }
  parts.push(s.slice(last));
  if (parts.some((p) => typeof p === 'string' && /[{}]/.test(p))) return { problem: `a "{" or "}" that is not part of a placeholder (known: ${PLACEHOLDERS})` };
  if (parts.length === 1) return () => s;
  return (v) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(v);
    return out;
  };
}

/** Does a string use any placeholder (is it a template rather than a constant)? */
export function isTemplate(s: string): boolean {
  return /[{}]/.test(s);
}

/**
 * A tree of memberOverrides with its template strings compiled: `expand(vars)` gives one
 * member's overrides. Subtrees without templates are returned as they are (shared by every
 * member; the loader never mutates them). Problems are reported with the JSON pointer of the string.
 */
export function compileTree(
  v: unknown,
  opts: { maxIndex: number; hasLan: boolean },
  problem: (pointer: string, reason: string) => void,
  pointer = '',
): (vars: MemberVars) => unknown {
  if (typeof v === 'string') {
    if (!isTemplate(v)) return () => v;
    const t = compileTemplate(v, opts);
    if (typeof t !== 'function') {
      problem(pointer, t.problem);
      return () => v;
    }
    return t;
  }
  if (Array.isArray(v)) {
    const items = v.map((x, i) => compileTree(x, opts, problem, `${pointer}/${i}`));
    return containsTemplate(v) ? (vars) => items.map((f) => f(vars)) : () => v;
  }
  if (typeof v === 'object' && v !== null) {
    if (!containsTemplate(v)) return () => v;
    const entries = Object.entries(v).map(([k, x]) => [k, compileTree(x, opts, problem, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)] as const);
    return (vars) => Object.fromEntries(entries.map(([k, f]) => [k, f(vars)]));
  }
  return () => v;
}

function containsTemplate(v: unknown): boolean {
  if (typeof v === 'string') return isTemplate(v);
  if (Array.isArray(v)) return v.some(containsTemplate);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(containsTemplate);
  return false;
}

export function ipv4ToInt(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return undefined;
  return ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** "A-B" as [first, last] (inclusive); undefined when either end is not an IPv4 address. */
export function parseAddressRange(s: string): { first: number; last: number } | undefined {
  const [a, b, ...rest] = s.split('-');
  const first = ipv4ToInt(a ?? '');
  const last = ipv4ToInt(b ?? '');
  return rest.length === 0 && first !== undefined && last !== undefined ? { first, last } : undefined;
}

export function macToInt(s: string): number | undefined {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(s)) return undefined;
  return parseInt(s.replace(/:/g, ''), 16);
}

export function intToMac(n: number): string {
  return n
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
}

/**
 * The MAC address of a fleet member that does not set one: 02 (a locally administered unicast
 * address, IEEE 802 "U/L" bit set), three bytes of SHA-1 of the fleet's name pattern, and the
 * index in two bytes. Unique within a fleet (indexes are at most 65535); two fleets collide
 * only if their patterns' hashes do, which the loader reports as a duplicate.
 */
export function derivedMac(fleet: string, index: number): string {
  const h = crypto.createHash('sha1').update(`bmcbridge\0fleet\0${fleet}`).digest();
  return intToMac(0x02_00_00_00_00_00 + h.readUIntBE(0, 3) * 0x1_00_00 + index);
}
