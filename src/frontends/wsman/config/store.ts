import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, ConfigErrors } from '../../../lib/errors';
import { JsonFile } from '../../../bmc/state/store';
import { fault } from '../faults';
import type { CertStore } from '../auth/certs';
import { CONFIG, ConfigTree, complete, defaults, findSection, getPath, mergeChecked } from './schema';
import {
  CERTMAPPING,
  CertMapping,
  checkCertMapping,
  checkListener,
  CollectionSpec,
  LISTENER,
  ListenerConfig,
  normalizeAddress,
  normalizeTransport,
} from './collections';

/** The persisted document: `<configDir>/wsman.json`. */
export interface WsmanConfigFile {
  version: 1;
  config: ConfigTree;
  listeners: ListenerConfig[];
  certmappings: CertMapping[];
}

export const CONFIG_FILE = 'wsman.json';

/**
 * winrm/config: loaded once, changed through put/create/delete (each validated as a whole,
 * then written atomically), reloaded when another process (`bmcbridge winrm set ...` without
 * -r:) rewrites the file. onChange() listeners run after every change so a running service applies it.
 */
export class ConfigStore {
  private readonly changeListeners = new Set<() => void>();
  private doc: WsmanConfigFile;
  private readonly file?: JsonFile<WsmanConfigFile>;
  private lastWritten = '';
  private watcher?: fs.FSWatcher;
  private reloadTimer?: NodeJS.Timeout;
  private readonly memo = new Map<string, string>();
  private memoOf?: WsmanConfigFile;

  constructor(
    readonly dir: string | undefined,
    readonly certs: CertStore | undefined,
    initial?: Partial<WsmanConfigFile>,
  ) {
    if (dir) this.file = new JsonFile(path.join(dir, CONFIG_FILE));
    this.doc = this.validate(this.file?.load() ?? { version: 1, config: defaults(), listeners: [], certmappings: [], ...initial });
  }

  get filePath(): string | undefined {
    return this.file?.file;
  }

  private validate(raw: Partial<WsmanConfigFile>): WsmanConfigFile {
    const where = this.file?.file ?? '(memory)';
    const problems: string[] = [];
    const config = complete(CONFIG, raw.config, problems);
    const checkAll = <T>(name: string, list: T[] | undefined, check: (x: T) => T): T[] =>
      (list ?? []).flatMap((x, i) => {
        try {
          return [check(x)];
        } catch (e) {
          problems.push(`${name}[${i}]: ${(e as Error).message.replace(/^\w+: /, '')}`);
          return [];
        }
      });
    const listeners = checkAll('listeners', raw.listeners, (l) => checkListener(l, this.certs));
    const certmappings = checkAll('certmappings', raw.certmappings, (m) => checkCertMapping(m, this.certs));
    if (problems.length) throw new ConfigErrors(problems.map((p) => new ConfigError(where, '', p)));
    return { version: 1, config, listeners, certmappings };
  }

  // ---- settings ----------------------------------------------------------------------

  tree(): ConfigTree {
    return this.doc.config;
  }
  get(p: string): string {
    // Every request reads a few settings: answers are kept until the document is replaced
    // (every change and reload installs a new one).
    if (this.memoOf !== this.doc) {
      this.memo.clear();
      this.memoOf = this.doc;
    }
    let v = this.memo.get(p);
    if (v === undefined) {
      v = getPath(this.doc.config, p);
      this.memo.set(p, v);
    }
    return v;
  }
  num(p: string): number {
    return Number(this.get(p));
  }
  bool(p: string): boolean {
    return this.get(p) === 'true';
  }

  /** The subtree at a section path (['Service', 'Auth']). */
  section(p: string[]): ConfigTree {
    let cur = this.doc.config;
    for (const name of p) cur = cur[findSectionName(cur, name)] as ConfigTree;
    return cur;
  }

  /** Merge `partial` into the section at `p`; all values are checked before anything changes. */
  putSection(p: string[], partial: ConfigTree): ConfigTree {
    const sec = findSection(p);
    if (!sec) throw fault.badUri(p.join('/'));
    const merged = mergeChecked(sec, this.section(p), partial);
    const config = structuredClone(this.doc.config);
    let cur = config;
    for (const name of p.slice(0, -1)) cur = cur[findSectionName(cur, name)] as ConfigTree;
    if (p.length) cur[findSectionName(cur, p[p.length - 1])] = merged;
    this.commit({ ...this.doc, config: p.length ? config : merged });
    return this.section(p);
  }

  // ---- listeners and certmappings ----------------------------------------------------

  listeners(): readonly ListenerConfig[] {
    return this.doc.listeners;
  }
  certMappings(): readonly CertMapping[] {
    return this.doc.certmappings;
  }

  findListener(address: string, transport: string): ListenerConfig | undefined {
    const a = normalizeAddress(address).toLowerCase();
    const t = normalizeTransport(transport);
    return this.doc.listeners.find((l) => l.Address.toLowerCase() === a && l.Transport === t);
  }

  createListener(address: string, transport: string, props: Partial<ListenerConfig>): ListenerConfig {
    const t = normalizeTransport(transport);
    if (this.findListener(address, t)) throw fault.of('AlreadyExists');
    const l = checkListener(
      {
        Address: address,
        Transport: t,
        Port: props.Port ?? this.get(`Service.DefaultPorts.${t}`),
        Hostname: props.Hostname ?? '',
        Enabled: props.Enabled ?? 'true',
        URLPrefix: props.URLPrefix ?? 'wsman',
        CertificateThumbprint: props.CertificateThumbprint ?? (t === 'HTTPS' ? this.get('Service.CertificateThumbprint') : ''),
      },
      this.certs,
    );
    this.commit({ ...this.doc, listeners: [...this.doc.listeners, l] });
    return l;
  }

  putListener(address: string, transport: string, props: Partial<ListenerConfig>): ListenerConfig {
    const cur = this.findListener(address, transport);
    if (!cur) throw fault.notFound(`Listener Address=${address} Transport=${transport}`);
    const next = checkListener({ ...cur, ...props, Address: cur.Address, Transport: cur.Transport }, this.certs);
    this.commit({ ...this.doc, listeners: this.doc.listeners.map((l) => (l === cur ? next : l)) });
    return next;
  }

  deleteListener(address: string, transport: string): void {
    const cur = this.findListener(address, transport);
    if (!cur) throw fault.notFound(`Listener Address=${address} Transport=${transport}`);
    this.commit({ ...this.doc, listeners: this.doc.listeners.filter((l) => l !== cur) });
  }

  findCertMapping(uri: string, subject: string, issuer: string): CertMapping | undefined {
    const i = issuer.replace(/\s+/g, '').toUpperCase();
    return this.doc.certmappings.find((m) => m.URI === uri && m.Subject.toLowerCase() === subject.toLowerCase() && m.Issuer === i);
  }
  createCertMapping(m: CertMapping): CertMapping {
    const checked = checkCertMapping(m, this.certs);
    if (this.findCertMapping(checked.URI, checked.Subject, checked.Issuer)) throw fault.of('AlreadyExists');
    this.commit({ ...this.doc, certmappings: [...this.doc.certmappings, checked] });
    return checked;
  }
  putCertMapping(uri: string, subject: string, issuer: string, props: Partial<CertMapping>): CertMapping {
    const cur = this.findCertMapping(uri, subject, issuer);
    if (!cur) throw fault.notFound('certmapping');
    const next = checkCertMapping({ ...cur, ...props, URI: cur.URI, Subject: cur.Subject, Issuer: cur.Issuer }, this.certs);
    this.commit({ ...this.doc, certmappings: this.doc.certmappings.map((x) => (x === cur ? next : x)) });
    return next;
  }
  deleteCertMapping(uri: string, subject: string, issuer: string): void {
    const cur = this.findCertMapping(uri, subject, issuer);
    if (!cur) throw fault.notFound('certmapping');
    this.commit({ ...this.doc, certmappings: this.doc.certmappings.filter((x) => x !== cur) });
  }

  /** Call `fn` after every change (put, create, delete, reload); returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }
  private changed(): void {
    for (const fn of this.changeListeners) fn();
  }

  // ---- persistence -------------------------------------------------------------------

  private commit(next: WsmanConfigFile): void {
    this.doc = next;
    if (this.file) {
      this.file.save(next);
      this.lastWritten = safeRead(this.file.file);
    }
    this.changed();
  }

  /** Re-read the file (written by another process); keeps the current state when it is invalid. */
  reload(): boolean {
    if (!this.file) return false;
    const text = safeRead(this.file.file);
    if (!text || text === this.lastWritten) return false;
    const loaded = this.file.load();
    if (!loaded) return false;
    this.doc = this.validate(loaded);
    this.lastWritten = text;
    this.changed();
    return true;
  }

  /** Watch the directory for rewrites of wsman.json (rename-over, as JsonFile.save does). */
  watch(onError: (e: unknown) => void): void {
    if (!this.dir || this.watcher) return;
    fs.mkdirSync(this.dir, { recursive: true });
    this.lastWritten = this.file ? safeRead(this.file.file) : '';
    this.watcher = fs.watch(this.dir, (_ev, name) => {
      if (name !== CONFIG_FILE) return;
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        try {
          this.reload();
        } catch (e) {
          onError(e);
        }
      }, 50);
    });
    this.watcher.unref();
  }

  unwatch(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}

function findSectionName(tree: ConfigTree, name: string): string {
  const k = Object.keys(tree).find((n) => n.toLowerCase() === name.toLowerCase() && typeof tree[n] === 'object');
  if (!k) throw fault.badUri(name);
  return k;
}
function safeRead(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

export type { ListenerConfig, CertMapping, CollectionSpec };
export { LISTENER, CERTMAPPING };
