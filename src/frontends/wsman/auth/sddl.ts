/**
 * Service/RootSDDL read as a security descriptor string (the SDDL syntax of
 * [MS-DTYP] 2.5.1), reduced to what WinRM checks at its root: allow and deny ACEs granting
 * generic read (GR, also GX) and generic write (GW; GA = all). Trustees are the well-known
 * aliases (BA Administrators, ER Remote Management Users, WD Everyone, AU Authenticated Users)
 * or, as a bmcbridge extension, a bmcbridge user or group name. Audit ACEs (S:) are parsed
 * and ignored.
 */
export interface Ace {
  allow: boolean;
  read: boolean;
  write: boolean;
  trustee: string;
}
export interface Sddl {
  owner?: string;
  group?: string;
  dacl: Ace[];
}

const GENERIC_ALL = 0x10000000;
const GENERIC_EXECUTE = 0x20000000;
const GENERIC_WRITE = 0x40000000;
const GENERIC_READ = 0x80000000;
const RIGHT_CODES: Record<string, number> = { GA: GENERIC_ALL, GX: GENERIC_EXECUTE, GW: GENERIC_WRITE, GR: GENERIC_READ };
/** Other two-letter rights are valid SDDL but grant nothing at WinRM's root. */
const OTHER_RIGHTS = new Set(['RC', 'SD', 'WD', 'WO', 'RP', 'WP', 'CC', 'DC', 'LC', 'SW', 'LO', 'DT', 'CR', 'FA', 'FR', 'FW', 'FX', 'KA', 'KR', 'KW', 'KX']);

/** Well-known trustee aliases and the bmcbridge group each one means. */
export const ALIAS_GROUPS: Record<string, string> = { BA: 'Administrators', ER: 'Remote Management Users' };

function parseRights(text: string): number {
  if (/^0x[0-9a-f]+$/i.test(text)) return Number(text);
  let mask = 0;
  if (text.length % 2) throw new Error(`SDDL rights "${text}" are not a list of two-letter codes.`);
  for (let i = 0; i < text.length; i += 2) {
    const code = text.slice(i, i + 2).toUpperCase();
    if (code in RIGHT_CODES) mask |= RIGHT_CODES[code];
    else if (!OTHER_RIGHTS.has(code)) throw new Error(`SDDL right "${code}" is not known.`);
  }
  return mask;
}

function parseAces(text: string, audit: boolean): Ace[] {
  const aces: Ace[] = [];
  const body = text.replace(/^[A-Z_]*/i, ''); // flags such as P, AI
  const re = /\(([^()]*)\)/g;
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    if (m.index !== consumed) throw new Error(`Unexpected text in SDDL near "${body.slice(consumed, m.index)}".`);
    consumed = m.index + m[0].length;
    const f = m[1].split(';');
    if (f.length !== 6) throw new Error(`SDDL ACE "(${m[1]})" must have six fields.`);
    const [type, , rights, , , trustee] = f;
    if (!trustee) throw new Error(`SDDL ACE "(${m[1]})" has no trustee.`);
    const t = type.toUpperCase();
    if (audit) {
      if (t !== 'AU' && t !== 'AL') throw new Error(`SDDL ACE type "${type}" is not valid in a SACL.`);
      parseRights(rights);
      continue;
    }
    if (t !== 'A' && t !== 'D') throw new Error(`SDDL ACE type "${type}" is not supported in the DACL (A or D).`);
    const mask = parseRights(rights);
    aces.push({
      allow: t === 'A',
      read: (mask & (GENERIC_ALL | GENERIC_READ | GENERIC_EXECUTE)) !== 0,
      write: (mask & (GENERIC_ALL | GENERIC_WRITE)) !== 0,
      trustee,
    });
  }
  if (consumed !== body.length) throw new Error(`Unexpected text at the end of the SDDL: "${body.slice(consumed)}".`);
  return aces;
}

export function parseSddl(text: string): Sddl {
  // Split at the top-level component markers O: G: D: S: (never inside an ACE's parentheses).
  const t = text.trim();
  const parts: Record<string, string> = {};
  let depth = 0;
  let key: string | undefined;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && t[i + 1] === ':' && 'OGDS'.includes(c)) {
      if (key) parts[key] = t.slice(start, i);
      else if (i !== 0) throw new Error('The RootSDDL is not a valid security descriptor string.');
      if (parts[c] !== undefined || key === c) throw new Error(`The RootSDDL has "${c}:" twice.`);
      key = c;
      start = i + 2;
      i++;
    }
    if (depth < 0 || depth > 1) throw new Error('The RootSDDL has unbalanced parentheses.');
  }
  if (!key) throw new Error('The RootSDDL is not a valid security descriptor string.');
  parts[key] = t.slice(start);
  if (parts.D === undefined) throw new Error('The RootSDDL must contain a DACL (D:...).');
  const out: Sddl = { owner: parts.O, group: parts.G, dacl: parseAces(parts.D, false) };
  if (parts.S !== undefined) parseAces(parts.S, true);
  return out;
}

export interface Principal {
  user: string;
  groups: readonly string[];
}
export interface Access {
  read: boolean;
  write: boolean;
}

function matches(trustee: string, p: Principal): boolean {
  const t = trustee.toLowerCase();
  if (t === 'wd' || t === 'au') return true;
  const alias = ALIAS_GROUPS[trustee.toUpperCase()];
  const names = [p.user, ...p.groups].map((n) => n.toLowerCase());
  return names.includes(t) || (alias !== undefined && names.includes(alias.toLowerCase()));
}

/** Deny ACEs win over allow ACEs, as in Windows' canonical ACL order. */
export function accessFor(sddl: Sddl, p: Principal): Access {
  let read = false;
  let write = false;
  let denyRead = false;
  let denyWrite = false;
  for (const ace of sddl.dacl) {
    if (!matches(ace.trustee, p)) continue;
    if (ace.allow) {
      read ||= ace.read;
      write ||= ace.write;
    } else {
      denyRead ||= ace.read;
      denyWrite ||= ace.write;
    }
  }
  return { read: read && !denyRead, write: write && !denyWrite };
}
