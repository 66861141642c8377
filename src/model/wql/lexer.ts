import { CimError, CimStatus } from '../../lib/errors';

/**
 * WQL tokens ([MS-WMI] 2.2.1; "WQL (SQL for WMI)" keyword and operator pages). Positions are
 * 1-based character offsets into the query, as every error message reports them.
 */
export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'punct' | 'path' | 'end';
export interface Token {
  kind: TokenKind;
  /** Identifier/operator/punctuation text; string contents after unescaping; path text between the braces. */
  text: string;
  /** Number value for 'number'. */
  value?: number;
  pos: number;
}

export function wqlError(pos: number, expected: string, found: Token | string): CimError {
  const f = typeof found === 'string' ? found : describe(found);
  return new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${pos}: expected ${expected}, found ${f}`);
}

export function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of query';
    case 'string':
      return `string ${JSON.stringify(t.text)}`;
    case 'path':
      return `{${t.text}}`;
    default:
      return `"${t.text}"`;
  }
}

const OPS = ['<=', '>=', '<>', '!=', '=', '<', '>'];

/** Split a query into tokens. An object path `{...}` is one token (quotes inside respected). */
export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < q.length && /[A-Za-z0-9_]/.test(q[j])) j++;
      out.push({ kind: 'ident', text: q.slice(i, j), pos });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(q[i + 1] ?? '')) || (c === '.' && /[0-9]/.test(q[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < q.length && /[0-9.eE]/.test(q[j])) j++;
      const text = q.slice(i, j);
      const value = Number(text);
      if (!Number.isFinite(value)) throw wqlError(pos, 'a number', `"${text}"`);
      out.push({ kind: 'number', text, value, pos });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= q.length) throw wqlError(q.length + 1, `closing ${c} of the string opened at position ${pos}`, 'end of query');
        const d = q[j];
        // WQL strings escape the quote and the backslash with a backslash ("C:\\Windows").
        if (d === '\\' && (q[j + 1] === '\\' || q[j + 1] === '"' || q[j + 1] === "'")) {
          s += q[j + 1];
          j += 2;
          continue;
        }
        if (d === c) break;
        s += d;
        j++;
      }
      out.push({ kind: 'string', text: s, pos });
      i = j + 1;
      continue;
    }
    if (c === '{') {
      let j = i + 1;
      let quote = '';
      for (;;) {
        if (j >= q.length) throw wqlError(q.length + 1, `"}" closing the object path opened at position ${pos}`, 'end of query');
        const d = q[j];
        if (quote) {
          if (d === '\\') j++;
          else if (d === quote) quote = '';
        } else if (d === '"' || d === "'") quote = d;
        else if (d === '}') break;
        j++;
      }
      out.push({ kind: 'path', text: q.slice(i + 1, j), pos });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => q.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    if ('(),*'.includes(c)) {
      out.push({ kind: 'punct', text: c, pos });
      i++;
      continue;
    }
    throw wqlError(pos, 'a keyword, name, literal, operator or parenthesis', `"${c}"`);
  }
  out.push({ kind: 'end', text: '', pos: q.length + 1 });
  return out;
}
