import { CimError, CimStatus } from '../../lib/errors';
import type { CimPropertyInfo } from '../types';
import type { Schema } from '../classes/schema';
import { parseDatetime } from '../mapping/datetime';
import { describe, Token, tokenize, wqlError } from './lexer';
import { ObjectPath, parseObjectPath } from './object-path';

/**
 * The WQL subset the model answers ([MS-WMI] 2.2.1; WMI docs "WQL Operators", "ASSOCIATORS OF
 * Statement", "REFERENCES OF Statement"):
 *
 *   SELECT * | prop[, prop...] FROM class [WHERE expr]
 *     expr: prop op literal | literal op prop | prop [NOT] LIKE 'pattern' | prop IS [NOT] NULL
 *           | __this ISA 'class' | NOT expr | expr AND expr | expr OR expr | ( expr )
 *     op: = <> != < > <= >= ;  literals: 'string' "string" 12 -3.5 TRUE FALSE NULL
 *     system properties: __CLASS, __SUPERCLASS, __this
 *   ASSOCIATORS OF {path} [WHERE AssocClass=c ResultClass=c Role=r ResultRole=r KeysOnly]
 *   REFERENCES OF {path} [WHERE ResultClass=c Role=r KeysOnly]
 *
 * Everything else is rejected with INVALID_QUERY naming the position and what was expected.
 * Names are case-insensitive and are resolved against the schema here, so a query that names
 * an unknown class or property fails before any device is read.
 */

export type CmpOp = '=' | '<>' | '<' | '>' | '<=' | '>=';
/** A property operand: a class property, or one of the WMI system properties. */
export type PropRef =
  | { kind: 'prop'; name: string; info: CimPropertyInfo; pos: number }
  | { kind: 'system'; name: '__CLASS' | '__SUPERCLASS'; pos: number };
export type Literal = string | number | boolean | Date | null;

export type Expr =
  | { kind: 'cmp'; op: CmpOp; prop: PropRef; value: Literal; pos: number }
  | { kind: 'like'; prop: PropRef; pattern: RegExp; pos: number }
  | { kind: 'isnull'; prop: PropRef; negated: boolean; pos: number }
  | { kind: 'isa'; className: string; pos: number }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

export interface SelectQuery {
  kind: 'select';
  className: string;
  /** Canonical property names, or '*' for all. */
  properties: '*' | string[];
  where?: Expr;
}
export interface AssociatorsQuery {
  kind: 'associators';
  object: ObjectPath;
  assocClass?: string;
  resultClass?: string;
  role?: string;
  resultRole?: string;
  keysOnly: boolean;
}
export interface ReferencesQuery {
  kind: 'references';
  object: ObjectPath;
  resultClass?: string;
  role?: string;
  keysOnly: boolean;
}
export type WqlQuery = SelectQuery | AssociatorsQuery | ReferencesQuery;

const SYSTEM = new Set(['__CLASS', '__SUPERCLASS']);

class Parser {
  private i = 0;
  constructor(
    private readonly t: Token[],
    private readonly schema: Schema,
  ) {}

  private get cur(): Token {
    return this.t[this.i];
  }
  private isKw(kw: string, t = this.cur): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === kw;
  }
  private kw(kw: string, expected = kw): Token {
    if (!this.isKw(kw)) throw wqlError(this.cur.pos, expected, this.cur);
    return this.t[this.i++];
  }
  private punct(p: string): boolean {
    if (this.cur.kind === 'punct' && this.cur.text === p) {
      this.i++;
      return true;
    }
    return false;
  }
  private atEnd(): boolean {
    return this.cur.kind === 'end';
  }
  private end(expected: string): void {
    if (this.cur.kind !== 'end') throw wqlError(this.cur.pos, expected, this.cur);
  }

  query(): WqlQuery {
    const first = this.cur;
    if (this.isKw('SELECT')) return this.select();
    if (this.isKw('ASSOCIATORS') || this.isKw('REFERENCES')) return this.traversal();
    throw wqlError(first.pos, 'SELECT, ASSOCIATORS OF or REFERENCES OF', first);
  }

  private className(expected: string): { name: string; pos: number } {
    const t = this.cur;
    if (t.kind !== 'ident') throw wqlError(t.pos, expected, t);
    this.i++;
    const name = this.schema.resolve(t.text);
    if (!name) throw new CimError(CimStatus.INVALID_CLASS, `WQL: at position ${t.pos}: no class named "${t.text}"`);
    return { name, pos: t.pos };
  }

  private select(): SelectQuery {
    this.kw('SELECT');
    const props: Token[] = [];
    let star = false;
    if (this.punct('*')) star = true;
    else {
      for (;;) {
        const t = this.cur;
        if (t.kind !== 'ident' || ['FROM', 'WHERE'].includes(t.text.toUpperCase()))
          throw wqlError(t.pos, props.length ? 'a property name after ","' : '"*" or a property name', t);
        props.push(t);
        this.i++;
        if (!this.punct(',')) break;
      }
    }
    this.kw('FROM', props.length ? '"," or FROM' : 'FROM');
    const cls = this.className('a class name after FROM');
    const properties = star
      ? ('*' as const)
      : props.map((t) => {
          const pi = this.schema.property(cls.name, t.text);
          if (!pi) throw new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${t.pos}: class ${cls.name} has no property "${t.text}"`);
          return pi.name;
        });
    let where: Expr | undefined;
    if (this.isKw('WHERE')) {
      this.i++;
      where = this.orExpr(cls.name);
    }
    this.end(where ? 'AND, OR or end of query' : 'WHERE or end of query');
    return { kind: 'select', className: cls.name, properties, where };
  }

  private orExpr(cls: string): Expr {
    let left = this.andExpr(cls);
    while (this.isKw('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.andExpr(cls) };
    }
    return left;
  }
  private andExpr(cls: string): Expr {
    let left = this.notExpr(cls);
    while (this.isKw('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.notExpr(cls) };
    }
    return left;
  }
  private notExpr(cls: string): Expr {
    if (this.isKw('NOT')) {
      this.i++;
      return { kind: 'not', expr: this.notExpr(cls) };
    }
    return this.primary(cls);
  }

  private primary(cls: string): Expr {
    const t = this.cur;
    if (this.punct('(')) {
      const e = this.orExpr(cls);
      if (!this.punct(')')) throw wqlError(this.cur.pos, 'AND, OR or ")"', this.cur);
      return e;
    }
    if (t.kind === 'ident' && t.text.toLowerCase() === '__this') {
      this.i++;
      this.kw('ISA', 'ISA after __this');
      const c = this.cur;
      if (c.kind !== 'string') throw wqlError(c.pos, 'a quoted class name after ISA', c);
      this.i++;
      const name = this.schema.resolve(c.text);
      if (!name) throw new CimError(CimStatus.INVALID_CLASS, `WQL: at position ${c.pos}: no class named "${c.text}"`);
      return { kind: 'isa', className: name, pos: t.pos };
    }
    if (t.kind === 'ident' && !isLiteralKeyword(t)) {
      const prop = this.propRef(cls);
      return this.predicate(prop);
    }
    if (t.kind === 'string' || t.kind === 'number' || isLiteralKeyword(t)) {
      // literal op prop: the same comparison with the operator mirrored.
      const lit = this.t[this.i++];
      const o = this.cur;
      if (o.kind !== 'op') throw wqlError(o.pos, 'a comparison operator after the literal', o);
      this.i++;
      const p = this.cur;
      if (p.kind !== 'ident' || isLiteralKeyword(p)) throw wqlError(p.pos, 'a property name', p);
      const prop = this.propRef(cls);
      const op = mirror(normOp(o.text));
      return { kind: 'cmp', op, prop, value: this.coerce(prop, lit, op), pos: lit.pos };
    }
    throw wqlError(t.pos, 'a property name, NOT or "("', t);
  }

  private propRef(cls: string): PropRef {
    const t = this.t[this.i++];
    const upper = t.text.toUpperCase();
    if (SYSTEM.has(upper)) return { kind: 'system', name: upper as '__CLASS' | '__SUPERCLASS', pos: t.pos };
    if (t.text.startsWith('__'))
      throw wqlError(t.pos, 'a property of the class, __CLASS, __SUPERCLASS or __this (other system properties are not supported)', t);
    const info = this.schema.property(cls, t.text);
    if (!info) throw new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${t.pos}: class ${cls} has no property "${t.text}"`);
    return { kind: 'prop', name: info.name, info, pos: t.pos };
  }

  private predicate(prop: PropRef): Expr {
    const t = this.cur;
    if (prop.kind === 'prop' && prop.info.array)
      throw new CimError(
        CimStatus.INVALID_QUERY,
        `WQL: at position ${prop.pos}: ${prop.name} is an array; WQL cannot test array properties`,
      );
    if (prop.kind === 'prop' && prop.info.type === 'reference')
      throw new CimError(
        CimStatus.INVALID_QUERY,
        `WQL: at position ${prop.pos}: ${prop.name} is a reference; use ASSOCIATORS OF / REFERENCES OF`,
      );
    if (this.isKw('IS')) {
      this.i++;
      let negated = false;
      if (this.isKw('NOT')) {
        this.i++;
        negated = true;
      }
      this.kw('NULL', negated ? 'NULL' : 'NOT or NULL');
      return { kind: 'isnull', prop, negated, pos: t.pos };
    }
    let notLike = false;
    if (this.isKw('NOT') && this.isKw('LIKE', this.t[this.i + 1])) {
      this.i++;
      notLike = true;
    }
    if (this.isKw('LIKE')) {
      this.i++;
      const p = this.cur;
      if (p.kind !== 'string') throw wqlError(p.pos, 'a quoted pattern after LIKE', p);
      this.i++;
      if (prop.kind === 'prop' && prop.info.type !== 'string')
        throw new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${t.pos}: LIKE needs a string property; ${prop.name} is ${prop.info.type}`);
      const e: Expr = { kind: 'like', prop, pattern: likeToRegExp(p.text, p.pos), pos: t.pos };
      return notLike ? { kind: 'not', expr: e } : e;
    }
    if (t.kind !== 'op') throw wqlError(t.pos, 'a comparison operator, LIKE or IS', t);
    this.i++;
    const lit = this.cur;
    if (!(lit.kind === 'string' || lit.kind === 'number' || isLiteralKeyword(lit)))
      throw wqlError(lit.pos, 'a literal (string, number, TRUE, FALSE or NULL)', lit);
    this.i++;
    const op = normOp(t.text);
    return { kind: 'cmp', op, prop, value: this.coerce(prop, lit, op), pos: t.pos };
  }

  /** Convert a literal to the property's type, as WMI does ("2" compares equal to 2 for a uint16). */
  private coerce(prop: PropRef, lit: Token, op: CmpOp): Literal {
    const up = lit.text.toUpperCase();
    if (lit.kind === 'ident' && up === 'NULL') {
      if (op !== '=' && op !== '<>') throw wqlError(lit.pos, 'a literal other than NULL for ' + op, lit);
      return null;
    }
    const type = prop.kind === 'system' ? 'string' : prop.info.type;
    const bad = (what: string) =>
      new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${lit.pos}: expected ${what} for ${prop.name}, found ${describe(lit)}`);
    if (type === 'string') {
      if (lit.kind !== 'string') throw bad('a quoted string');
      return lit.text;
    }
    if (type === 'boolean') {
      if (op !== '=' && op !== '<>') throw wqlError(lit.pos, `= or <> for the boolean ${prop.name}`, `"${op}"`);
      const s = lit.kind === 'number' ? (lit.value === 0 ? 'FALSE' : lit.value === 1 ? 'TRUE' : '') : up;
      if (s !== 'TRUE' && s !== 'FALSE') throw bad('TRUE or FALSE');
      return s === 'TRUE';
    }
    if (type === 'datetime') {
      const d = lit.kind === 'string' ? parseDatetime(lit.text) : undefined;
      if (!d) throw bad('a datetime string (yyyymmddHHMMSS.mmmmmmsUUU or ISO 8601)');
      return d;
    }
    // Numbers: a number literal, or a string holding one.
    const n = lit.kind === 'number' ? lit.value! : lit.kind === 'string' && lit.text.trim() !== '' ? Number(lit.text) : NaN;
    if (!Number.isFinite(n)) throw bad('a number');
    return n;
  }

  private traversal(): AssociatorsQuery | ReferencesQuery {
    const assoc = this.isKw('ASSOCIATORS');
    this.i++;
    this.kw('OF', 'OF');
    const pt = this.cur;
    if (pt.kind !== 'path') throw wqlError(pt.pos, 'an object path in braces, {Class.Key="value"}', pt);
    this.i++;
    const object = parseObjectPath(pt.text, pt.pos + 1);
    const cls = this.schema.resolve(object.className);
    if (!cls) throw new CimError(CimStatus.INVALID_CLASS, `WQL: at position ${pt.pos + 1}: no class named "${object.className}"`);
    object.className = cls;
    const q: { assocClass?: string; resultClass?: string; role?: string; resultRole?: string; keysOnly: boolean } = { keysOnly: false };
    const allowed = assoc ? ['ASSOCCLASS', 'RESULTCLASS', 'ROLE', 'RESULTROLE', 'KEYSONLY'] : ['RESULTCLASS', 'ROLE', 'KEYSONLY'];
    const expected = assoc ? 'AssocClass, ResultClass, Role, ResultRole or KeysOnly' : 'ResultClass, Role or KeysOnly';
    if (this.isKw('WHERE')) {
      this.i++;
      if (this.atEnd()) throw wqlError(this.cur.pos, expected, this.cur);
      while (!this.atEnd()) {
        const t = this.cur;
        const u = t.kind === 'ident' ? t.text.toUpperCase() : '';
        if (!allowed.includes(u)) {
          const why =
            u === 'CLASSDEFSONLY' || u === 'SCHEMAONLY'
              ? `${expected} (${t.text} is not supported: the model returns instances, not class definitions)`
              : u === 'REQUIREDQUALIFIER' || u === 'REQUIREDASSOCQUALIFIER'
                ? `${expected} (${t.text} is not supported: the model has no qualifiers)`
                : expected;
          throw wqlError(t.pos, why, t);
        }
        this.i++;
        if (u === 'KEYSONLY') {
          q.keysOnly = true;
          continue;
        }
        const eq = this.cur;
        if (eq.kind !== 'op' || eq.text !== '=') throw wqlError(eq.pos, `"=" after ${t.text}`, eq);
        this.i++;
        const v = this.cur;
        if (v.kind !== 'ident' && v.kind !== 'string') throw wqlError(v.pos, u.endsWith('CLASS') ? 'a class name' : 'a role (property) name', v);
        this.i++;
        if (u === 'ASSOCCLASS' || u === 'RESULTCLASS') {
          const name = this.schema.resolve(v.text);
          if (!name) throw new CimError(CimStatus.INVALID_CLASS, `WQL: at position ${v.pos}: no class named "${v.text}"`);
          if (u === 'ASSOCCLASS') q.assocClass = name;
          else q.resultClass = name;
        } else if (u === 'ROLE') q.role = v.text;
        else q.resultRole = v.text;
      }
    }
    this.end('WHERE or end of query');
    return assoc ? { kind: 'associators', object, ...q } : { kind: 'references', object, resultClass: q.resultClass, role: q.role, keysOnly: q.keysOnly };
  }
}

function isLiteralKeyword(t: Token): boolean {
  return t.kind === 'ident' && ['TRUE', 'FALSE', 'NULL'].includes(t.text.toUpperCase());
}
function normOp(op: string): CmpOp {
  return (op === '!=' ? '<>' : op) as CmpOp;
}
function mirror(op: CmpOp): CmpOp {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, CmpOp>)[op] ?? op;
}

/**
 * WQL LIKE ("LIKE Operator", WMI docs): % any run, _ one character, [abc] [a-z] a set or
 * range, [^abc] not in the set; everything else literal. Case-insensitive like all WQL string
 * comparisons.
 */
export function likeToRegExp(pattern: string, pos = 1): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) throw new CimError(CimStatus.INVALID_QUERY, `WQL: at position ${pos + 1 + i}: expected "]" closing the "[" of the LIKE pattern, found end of pattern`);
      let body = pattern.slice(i + 1, close);
      const neg = body.startsWith('^');
      if (neg) body = body.slice(1);
      re += `[${neg ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Parse and resolve one query. */
export function parseWql(text: string, schema: Schema): WqlQuery {
  return new Parser(tokenize(text), schema).query();
}
