import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../../lib/logger';
import { metricsPlugin, type MetricsPluginOptions } from './plugin';

export const DEFAULT_LISTEN = { host: '127.0.0.1', port: 9290 } as const;

export interface MetricsServer {
  readonly app: FastifyInstance;
  /** Listen (default 127.0.0.1:9290, ipmi_exporter's port); resolves with the bound address. */
  listen(): Promise<{ host: string; port: number }>;
  /** Stop listening and close the engine's sessions (when the plugin made the engine). */
  close(): Promise<void>;
}

/** A fastify server with only the metrics endpoints, as `bmcbridge start` runs it. */
export function createMetricsServer(options: MetricsPluginOptions & { host?: string; port?: number; log?: Logger }): MetricsServer {
  // Fastify's per-request lines are info; scrapes every few seconds would drown the log in them.
  const loggerInstance = options.log?.child({ frontend: 'metrics' }, { level: 'warn' }) as FastifyBaseLogger | undefined;
  const app: FastifyInstance = Fastify({ loggerInstance });
  void app.register(metricsPlugin, options);
  return {
    app,
    async listen() {
      await app.listen({ host: options.host ?? DEFAULT_LISTEN.host, port: options.port ?? DEFAULT_LISTEN.port });
      const a = app.server.address();
      if (a === null || typeof a === 'string') throw new Error(`metrics server bound to an unexpected address: ${String(a)}`);
      return { host: a.address, port: a.port };
    },
    close: () => app.close(),
  };
}
