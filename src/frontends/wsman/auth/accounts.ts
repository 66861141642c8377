import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { JsonFile } from '../../../bmc/state/store';

/**
 * bmcbridge's own WS-Man accounts. Passwords are stored only as scrypt hashes (RFC 7914;
 * N=2^14, r=8, p=1, 16-byte salt, 32-byte key), never in clear, in a 0600 JSON file written
 * atomically. Names compare case-insensitively, as Windows account names do.
 */
export interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}
export interface Account {
  name: string;
  /** Groups named in RootSDDL: Administrators (BA), Remote Management Users (ER), or any name. */
  groups: string[];
  scrypt: ScryptHash;
  disabled?: boolean;
}
interface AccountsFile {
  version: 1;
  accounts: Account[];
}

const scryptAsync = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<ScryptHash> {
  const salt = crypto.randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return { ...PARAMS, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, h: ScryptHash): Promise<boolean> {
  const expected = Buffer.from(h.hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(h.salt, 'base64'), expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

export class AccountStore {
  private accounts: Account[] = [];
  private readonly file?: JsonFile<AccountsFile>;
  /** Bumped on every change, so credential caches can tell they are stale. */
  generation = 0;

  constructor(readonly path: string | undefined) {
    if (path) this.file = new JsonFile<AccountsFile>(path);
    this.reload();
  }

  reload(): void {
    this.accounts = this.file?.load()?.accounts ?? this.accounts;
    this.generation++;
  }

  list(): readonly Account[] {
    return this.accounts;
  }
  find(name: string): Account | undefined {
    const n = name.toLowerCase();
    return this.accounts.find((a) => a.name.toLowerCase() === n);
  }

  async set(name: string, opts: { password?: string; groups?: string[]; disabled?: boolean }): Promise<Account> {
    if (!/^[^\s:\\/"[\]|<>+=;,?*@]{1,64}$/.test(name)) throw new Error(`"${name}" is not a valid user name.`);
    const existing = this.find(name);
    if (!existing && opts.password === undefined) throw new Error(`A password is required to create the user ${name}.`);
    const acc: Account = existing ?? { name, groups: [], scrypt: undefined as unknown as ScryptHash };
    if (opts.password !== undefined) acc.scrypt = await hashPassword(opts.password);
    if (opts.groups) acc.groups = opts.groups;
    if (opts.disabled !== undefined) acc.disabled = opts.disabled || undefined;
    if (!existing) this.accounts.push(acc);
    this.save();
    return acc;
  }

  remove(name: string): boolean {
    const a = this.find(name);
    if (!a) return false;
    this.accounts = this.accounts.filter((x) => x !== a);
    this.save();
    return true;
  }

  /** The account when the name and password match and it is enabled. */
  async verify(name: string, password: string): Promise<Account | undefined> {
    const a = this.find(name);
    if (!a || a.disabled) {
      // Spend the same time whether or not the user exists.
      await verifyPassword(password, DUMMY);
      return undefined;
    }
    return (await verifyPassword(password, a.scrypt)) ? a : undefined;
  }

  private save(): void {
    this.generation++;
    this.file?.save({ version: 1, accounts: this.accounts });
  }
}

const DUMMY: ScryptHash = { ...PARAMS, salt: Buffer.alloc(16).toString('base64'), hash: Buffer.alloc(KEYLEN).toString('base64') };
