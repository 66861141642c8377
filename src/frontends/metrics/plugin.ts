import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resolveModule, type ModulesConfig } from './config';
import { MetricsEngine, type EngineOptions } from './engine';
import { CONTENT_TYPE, render } from './render';

export type MetricsPluginOptions = {
  /** The ipmi_exporter modules file, parsed (config.ts). */
  modules: ModulesConfig;
  /**
   * host:port Prometheus should scrape this bridge at, for /sd's `__meta_bmcbridge_exporter`
   * (default: the Host header of the /sd request, i.e. the address Prometheus used).
   */
  externalAddress?: string;
} & ({ engine: MetricsEngine } | EngineOptions);

const TIMEOUT_HEADER = 'x-prometheus-scrape-timeout-seconds';

/**
 * The Prometheus endpoints as a fastify plugin:
 * - GET /ipmi?target=T&module=M: one target, ipmi_exporter's multi-target form and answers
 *   (400 "'target' parameter must be specified", 400 `Unknown module "x"`);
 * - GET /devices/metrics?module=M: every inventory device, each series with a `target` label;
 * - GET /metrics: bmcbridge's own metrics;
 * - GET /sd?module=M: the inventory as Prometheus HTTP service discovery JSON.
 * An engine made here is closed with the fastify instance; one passed in is not.
 */
export const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (app, opts) => {
  const owned = !('engine' in opts);
  const engine = 'engine' in opts ? opts.engine : new MetricsEngine(opts);
  if (owned) app.addHook('onClose', () => engine.close());
  const modules = opts.modules;

  const moduleOr400 = (req: FastifyRequest, reply: FastifyReply) => {
    const { module: requested } = req.query as { module?: string };
    const { name, module } = resolveModule(modules, requested);
    if (!module) void reply.code(400).type('text/plain; charset=utf-8').send(`Unknown module "${name}"\n`);
    return module;
  };
  const budget = (req: FastifyRequest) => {
    const h = req.headers[TIMEOUT_HEADER];
    return engine.budgetMs(Array.isArray(h) ? h[0] : h);
  };

  app.get('/ipmi', async (req, reply) => {
    const { target } = req.query as { target?: string };
    if (!target) return reply.code(400).type('text/plain; charset=utf-8').send("'target' parameter must be specified\n");
    const module = moduleOr400(req, reply);
    if (!module) return reply;
    const resolved = engine.resolve(target, module);
    if (!resolved) return reply.code(400).type('text/plain; charset=utf-8').send(`Unknown target "${target}": neither an inventory device nor host[:port]\n`);
    const result = await engine.scrape(resolved, module, budget(req));
    return reply.type(CONTENT_TYPE).send(await render([result]));
  });

  app.get('/devices/metrics', async (req, reply) => {
    const module = moduleOr400(req, reply);
    if (!module) return reply;
    const results = await engine.scrapeAll(module, budget(req));
    return reply.type(CONTENT_TYPE).send(await render(results));
  });

  app.get('/metrics', async (_req, reply) => reply.type(CONTENT_TYPE).send(await engine.self.text()));

  app.get('/sd', async (req, reply) => {
    const { module } = req.query as { module?: string };
    if (module !== undefined && !modules.modules.has(module)) return reply.code(400).type('text/plain; charset=utf-8').send(`Unknown module "${module}"\n`);
    const exporter = opts.externalAddress ?? req.headers.host ?? '127.0.0.1:9290';
    const groups = engine.devices().map((d) => ({
      targets: [d.name],
      labels: {
        __meta_bmcbridge_device: d.name,
        __meta_bmcbridge_kind: d.kind,
        ...(d.address ? { __meta_bmcbridge_address: d.address } : {}),
        __meta_bmcbridge_exporter: exporter,
        ...(module ? { __param_module: module } : {}),
      },
    }));
    return reply.type('application/json').send(groups);
  });
};
