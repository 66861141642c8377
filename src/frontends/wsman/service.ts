import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import Fastify, { FastifyInstance, LogController } from 'fastify';
import type { Clock } from '../../lib/clock';
import { Logger, silentLogger } from '../../lib/logger';
import type { ModelRepository } from '../../model/types';
import { AccountStore } from './auth/accounts';
import { Authenticator } from './auth/authenticate';
import { CertStore } from './auth/certs';
import type { ListenerConfig } from './config/collections';
import { ConfigStore, WsmanConfigFile } from './config/store';
import { Identity, WsmanEngine } from './engine';
import type { StyleOption } from './envelope';
import { addressAllowed, AddressFilter, parseAddressFilter } from './net/filter';
import { TaggedSocket, WSMAN_CONNECTION, wsmanPlugin } from './plugin';

/**
 * The WS-Management service: winrm/config, accounts and certificates under one config
 * directory, the engine, and one HTTP or HTTPS server per bound address of every enabled
 * listener. Configuration changes (over WS-Man, or `bmcbridge winrm set` rewriting the file)
 * are applied while running: listeners start and stop, certificates are swapped in place,
 * MaxConnections, IPv4Filter/IPv6Filter and MaxPacketRetrievalTimeSeconds take effect for the
 * next connection or request.
 */
export interface WsmanServiceOptions {
  model: ModelRepository;
  /** Holds wsman.json, wsman-accounts.json and certs/; undefined keeps everything in memory. */
  configDir?: string;
  log?: Logger;
  clock?: Clock;
  identity?: Identity;
  style?: StyleOption;
  machine?: string;
  /** Used when configDir holds no wsman.json yet. */
  initialConfig?: Partial<WsmanConfigFile>;
  /** Time to receive a request's headers (slowloris), default 20 s. */
  headersTimeoutMs?: number;
  /** Idle time on a kept-alive connection between requests, default 30 s. */
  keepAliveTimeoutMs?: number;
  /** How often Node checks the header and request timeouts, default 1 s. */
  timeoutCheckIntervalMs?: number;
}

export interface BoundAddress {
  host: string;
  port: number;
}
export interface ListenerStatus {
  address: string;
  transport: string;
  bound: BoundAddress[];
  error?: string;
}

interface Running {
  key: string;
  cfg: ListenerConfig;
  secure: boolean;
  servers: Array<{ server: http.Server | https.Server; host: string; port: number }>;
  error?: string;
  sig: string;
}

export const ACCOUNTS_FILE = 'wsman-accounts.json';
export const CERTS_DIR = 'certs';

const keyOf = (l: ListenerConfig) => `${l.Address.toLowerCase()}|${l.Transport}`;

export class WsmanService {
  readonly config: ConfigStore;
  readonly accounts: AccountStore;
  readonly certs: CertStore;
  readonly engine: WsmanEngine;
  readonly auth: Authenticator;
  readonly app: FastifyInstance;
  private readonly log: Logger;
  private handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  private readonly running = new Map<string, Running>();
  private readonly closing = new Set<Running>();
  private connections = 0;
  private filters!: { v4: AddressFilter; v6: AddressFilter };
  private applying: Promise<void> = Promise.resolve();
  private started = false;
  private unsubscribe?: () => void;

  constructor(private readonly opts: WsmanServiceOptions) {
    this.log = (opts.log ?? silentLogger).child({ frontend: 'wsman' });
    const dir = opts.configDir;
    this.certs = new CertStore(dir ? path.join(dir, CERTS_DIR) : undefined);
    this.config = new ConfigStore(dir, this.certs, opts.initialConfig);
    this.accounts = new AccountStore(dir ? path.join(dir, ACCOUNTS_FILE) : undefined);
    this.auth = new Authenticator(this.config, this.accounts);
    this.engine = new WsmanEngine({
      model: opts.model,
      config: this.config,
      log: this.log,
      clock: opts.clock,
      identity: opts.identity,
      style: opts.style,
      machine: opts.machine,
      listeningOn: (l) => this.listeningOn(l),
    });
    this.refreshFilters();
    this.app = Fastify({
      loggerInstance: this.log,
      logController: new LogController({ disableRequestLogging: true }),
      serverFactory: (handler) => {
        this.handler = handler;
        return http.createServer();
      },
    }) as unknown as FastifyInstance;
    this.app.register(wsmanPlugin, { engine: this.engine, auth: this.auth });
  }

  private refreshFilters(): void {
    this.filters = {
      v4: parseAddressFilter(this.config.get('Service.IPv4Filter'), 4),
      v6: parseAddressFilter(this.config.get('Service.IPv6Filter'), 6),
    };
  }

  /** Start the enabled listeners; problems binding one are reported in its status, not thrown. */
  async start(): Promise<ListenerStatus[]> {
    await this.app.ready();
    this.engine.start();
    this.started = true;
    this.unsubscribe = this.config.onChange(() => {
      this.refreshFilters();
      void this.apply();
    });
    if (this.opts.configDir) {
      this.config.watch((e) => this.log.error({ err: e }, 'winrm/config file rejected; keeping the running configuration'));
      this.watchAccounts();
    }
    if (this.config.bool('Service.AllowUnencrypted') && this.config.bool('Service.Auth.Basic'))
      this.log.warn('Basic authentication over unencrypted HTTP is enabled (Service/AllowUnencrypted=true): passwords cross the network in clear text');
    await this.apply();
    return this.listeners();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.config.unwatch();
    this.accountsWatcher?.close();
    await this.applying;
    await Promise.all([...this.running.values(), ...this.closing].map((r) => this.close(r)));
    this.running.clear();
    this.engine.stop();
    await this.app.close();
  }

  private accountsWatcher?: fs.FSWatcher;
  private watchAccounts(): void {
    const dir = this.opts.configDir!;
    fs.mkdirSync(dir, { recursive: true });
    let t: NodeJS.Timeout | undefined;
    this.accountsWatcher = fs.watch(dir, (_e, name) => {
      if (name !== ACCOUNTS_FILE) return;
      clearTimeout(t);
      t = setTimeout(() => this.accounts.reload(), 50);
    });
    this.accountsWatcher.unref();
  }

  listeners(): ListenerStatus[] {
    return [...this.running.values()].map((r) => ({
      address: r.cfg.Address,
      transport: r.cfg.Transport,
      bound: r.servers.map((s) => ({ host: s.host, port: s.port })),
      error: r.error,
    }));
  }

  /** Reconcile the running servers with winrm/config (serialized). */
  apply(): Promise<void> {
    this.applying = this.applying.then(() => this.reconcile()).catch((e) => this.log.error({ err: e }, 'applying winrm/config failed'));
    return this.applying;
  }

  private signature(l: ListenerConfig): string {
    const compat = l.Transport === 'HTTP' ? this.config.bool('Service.EnableCompatibilityHttpListener') : this.config.bool('Service.EnableCompatibilityHttpsListener');
    return JSON.stringify([l.Address, l.Transport, l.Port, compat]);
  }

  private async reconcile(): Promise<void> {
    if (!this.started) return;
    const desired = this.config.bool('Service.AllowRemoteAccess') ? this.config.listeners().filter((l) => l.Enabled === 'true') : [];
    const want = new Map(desired.map((l) => [keyOf(l), l]));
    for (const [k, r] of [...this.running]) {
      const l = want.get(k);
      if (!l || this.signature(l) !== r.sig) {
        this.running.delete(k);
        // server.close() frees the port at once; connections in progress get 5 s to finish.
        this.closing.add(r);
        void this.close(r, 5000).then(() => this.closing.delete(r));
      }
    }
    for (const [k, l] of want) {
      const r = this.running.get(k);
      if (r) {
        r.cfg = l;
        if (r.secure) for (const s of r.servers) (s.server as https.Server).setSecureContext(this.tlsOptions(l));
        for (const s of r.servers) s.server.requestTimeout = this.requestTimeout();
        continue;
      }
      this.running.set(k, await this.open(l));
    }
  }

  private requestTimeout(): number {
    return Math.max(this.config.num('Service.MaxPacketRetrievalTimeSeconds') * 1000, this.opts.headersTimeoutMs ?? 20000);
  }

  private tlsOptions(l: ListenerConfig): https.ServerOptions {
    const c = this.certs.get(l.CertificateThumbprint);
    if (!c?.keyPem) throw new Error(`certificate ${l.CertificateThumbprint} or its key is missing from the certificate store`);
    const ca = this.config
      .certMappings()
      .filter((m) => m.Enabled === 'true')
      .map((m) => this.certs.get(m.Issuer)?.certPem)
      .filter((x): x is string => !!x);
    return { cert: c.certPem, key: c.keyPem, ca: ca.length ? ca : undefined, requestCert: true, rejectUnauthorized: false };
  }

  private bindHosts(l: ListenerConfig): string[] {
    if (l.Address === '*') return ['::'];
    if (l.Address.startsWith('IP:')) return [l.Address.slice(3)];
    const mac = l.Address.slice(4).toLowerCase().replace(/-/g, ':');
    return Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && i.mac.toLowerCase() === mac)
      .map((i) => i!.address);
  }

  private async open(l: ListenerConfig): Promise<Running> {
    const secure = l.Transport === 'HTTPS';
    const r: Running = { key: keyOf(l), cfg: l, secure, servers: [], sig: this.signature(l) };
    const ports = [Number(l.Port)];
    if (r.sig.endsWith('true]')) ports.push(secure ? 443 : 80);
    try {
      const hosts = this.bindHosts(l);
      if (!hosts.length) throw new Error(`no local address has the MAC address of ${l.Address}`);
      for (const host of hosts) {
        for (const port of ports) {
          try {
            r.servers.push(await this.listen(r, host, port));
          } catch (e) {
            // Address * is the dual-stack '::'; on a host without IPv6 fall back to 0.0.0.0.
            const code = (e as NodeJS.ErrnoException).code;
            if (host !== '::' || (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL')) throw e;
            r.servers.push(await this.listen(r, '0.0.0.0', port));
          }
        }
      }
      this.log.info({ listener: `${l.Transport}://${l.Address}`, bound: r.servers.map((s) => `${s.host}:${s.port}`) }, 'wsman listener started');
    } catch (e) {
      r.error = (e as Error).message;
      this.log.error({ listener: `${l.Transport}://${l.Address}`, err: e }, 'wsman listener could not start');
    }
    return r;
  }

  private listen(r: Running, host: string, port: number): Promise<{ server: http.Server | https.Server; host: string; port: number }> {
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => this.handler!(req, res);
    const common: http.ServerOptions = {
      headersTimeout: this.opts.headersTimeoutMs ?? 20000,
      requestTimeout: this.requestTimeout(),
      keepAliveTimeout: this.opts.keepAliveTimeoutMs ?? 30000,
      connectionsCheckingInterval: this.opts.timeoutCheckIntervalMs ?? 1000,
    };
    const server = r.secure ? https.createServer({ ...common, ...this.tlsOptions(r.cfg) }, onRequest) : http.createServer(common, onRequest);
    // Inactive sockets (nothing sent at all) are closed too; long Pulls stay within MaxTimeoutms.
    server.setTimeout(this.config.num('MaxTimeoutms') + (this.opts.headersTimeoutMs ?? 20000));
    server.prependListener('connection', (socket: net.Socket) => this.admit(socket, r));
    const tag = (socket: net.Socket | TLSSocket) => {
      (socket as TaggedSocket)[WSMAN_CONNECTION] = { secure: r.secure, urlPrefix: () => this.running.get(r.key)?.cfg.URLPrefix ?? r.cfg.URLPrefix };
    };
    if (r.secure) server.on('secureConnection', tag);
    else server.on('connection', tag);
    server.on('tlsClientError', (err) => this.log.debug({ err: err.message }, 'wsman TLS handshake failed'));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, ipv6Only: false }, () => {
        server.off('error', reject);
        server.on('error', (e) => this.log.error({ err: e }, 'wsman listener error'));
        resolve({ server, host, port: (server.address() as net.AddressInfo).port });
      });
    });
  }

  /**
   * Every new connection: the local address must pass IPv4Filter/IPv6Filter and the service
   * must be under MaxConnections; otherwise the connection is closed at once (with a 503 on
   * plain HTTP, where there is no handshake to get through first).
   */
  private admit(socket: net.Socket, r: Running): void {
    const local = socket.localAddress ?? '';
    const refuse = (why: string) => {
      this.log.info({ peer: socket.remoteAddress, local, reason: why }, 'wsman connection refused');
      if (r.secure) socket.destroy();
      else socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    };
    if (!addressAllowed(local, this.filters.v4, this.filters.v6)) return refuse('local address outside IPv4Filter/IPv6Filter');
    if (this.connections >= this.config.num('Service.MaxConnections')) return refuse('MaxConnections reached');
    this.connections++;
    socket.once('close', () => this.connections--);
  }

  /**
   * Stop a listener. On a configuration change requests in progress finish first (the one
   * that deleted the listener gets its answer); stop() closes everything at once.
   */
  private close(r: Running, graceMs = 0): Promise<void> {
    return Promise.all(
      r.servers.map(
        (s) =>
          new Promise<void>((res) => {
            s.server.close(() => res());
            if (graceMs <= 0) return s.server.closeAllConnections();
            s.server.closeIdleConnections();
            setTimeout(() => s.server.closeAllConnections(), graceMs).unref();
          }),
      ),
    ).then(() => {
      if (r.servers.length) this.log.info({ listener: `${r.cfg.Transport}://${r.cfg.Address}` }, 'wsman listener stopped');
    });
  }

  /** ListeningOn of a listener (computed): the addresses it is bound to that pass the filters. */
  listeningOn(l: ListenerConfig): string[] {
    const r = this.running.get(keyOf(l));
    if (!r) return [];
    const out = new Set<string>();
    for (const s of r.servers) {
      if (s.host === '::' || s.host === '0.0.0.0') {
        for (const i of Object.values(os.networkInterfaces()).flat()) {
          if (i && addressAllowed(i.address, this.filters.v4, this.filters.v6)) out.add(i.address);
        }
      } else if (addressAllowed(s.host, this.filters.v4, this.filters.v6)) out.add(s.host);
    }
    return [...out];
  }
}

export function createWsmanService(opts: WsmanServiceOptions): WsmanService {
  return new WsmanService(opts);
}
