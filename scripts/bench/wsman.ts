/**
 * WS-Man front end speed, compared in the same run with a bare fastify POST that returns a
 * fixed SOAP body (issue 6 goals: Get >= 25% of the bare baseline's requests per second; 300
 * concurrent connections served without error, p99 under 100 ms).
 *
 *   npx tsx scripts/bench/wsman.ts [--seconds 5] [--connections 50]
 *
 * The servers run in a child process (so the load generator does not share their event loop):
 * the bare fastify POST, and the WS-Man service with an HTTP listener on 127.0.0.1, Basic
 * authentication and the product model (src/model Repository) over one in-memory device with
 * 50 threshold sensors (test/model/fixture-source.ts), readings kept warm. The load generator
 * is node's http with keep-alive agents: N connections, each sending its next request as soon
 * as the previous answer arrived. Printed: requests per second, p50/p99 latency, errors, and
 * the ratio to the baseline. Not a test: nothing here asserts timings.
 */
import { fork, ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 5);
const CONNECTIONS = arg('connections', 50);
const W = 'http://schemas.microsoft.com/wbem/wsman/1/wmi/root/hardware/';
const AUTH = 'Basic ' + Buffer.from('bench:bench-password').toString('base64');

function envelope(action: string, uri: string, selectors: Array<[string, string]>, body: string, id: number): string {
  const sel = selectors.length ? `<w:SelectorSet>${selectors.map(([k, v]) => `<w:Selector Name="${k}">${v}</w:Selector>`).join('')}</w:SelectorSet>` : '';
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration">' +
    `<s:Header><a:To>http://127.0.0.1/wsman</a:To><w:ResourceURI s:mustUnderstand="true">${uri}</w:ResourceURI><a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>` +
    `<a:Action s:mustUnderstand="true">${action}</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize><a:MessageID>uuid:00000000-0000-0000-0000-${String(id).padStart(12, '0')}</a:MessageID>` +
    `<w:OperationTimeout>PT60.000S</w:OperationTimeout>${sel}</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

// ---- the servers (child process) -------------------------------------------------------

async function serve(): Promise<void> {
  const Fastify = (await import('fastify')).default;
  const { createWsmanService } = await import('../../src/frontends/wsman');
  const { Repository } = await import('../../src/model/repository');
  const { FixtureSource, fullThresholdSensor } = await import('../../test/model/fixture-source');
  const { encodeSdrs, decodeSdrs } = await import('../../src/codec/records/sdr');
  const { configDefaults } = await import('../../src/frontends/wsman');

  const sdrs = Array.from({ length: 50 }, (_, i) =>
    fullThresholdSensor(i + 1, { number: i + 1, name: `Temp ${i + 1}`, sensorType: 0x01, unit: 1, m: 1, rExp: 0, entity: [7, 1], thresholds: [5, 10, 15, 200, 220, 240] }),
  );
  const readings = new Map(sdrs.map((_, i) => [i + 1, { raw: 40 + (i % 20), eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0 }]));
  const src = new FixtureSource('bench', { sdrs: decodeSdrs(encodeSdrs(sdrs)), readings });
  const model = new Repository({ sources: [src], maxAgeMs: 3_600_000 });

  const config = configDefaults();
  // 50 full NumericSensor instances are ~200 KB: allow the 500 KB envelopes of current Windows.
  config.MaxEnvelopeSizekb = '500';
  const svc = config.Service as Record<string, any>;
  svc.AllowUnencrypted = 'true';
  svc.Auth.Basic = 'true';
  const service = createWsmanService({
    model,
    initialConfig: { version: 1, config, certmappings: [], listeners: [{ Address: 'IP:127.0.0.1', Transport: 'HTTP', Port: '0', Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }] },
  });
  await service.accounts.set('bench', { password: 'bench-password', groups: ['Administrators'] });
  await service.start();
  // The same service over the WS-Man tests' small in-memory model, whose get() costs next to
  // nothing: the difference to the run above is the product model's share of a Get.
  const { FixtureModel, SYSTEM } = await import('../../test/frontends/wsman/fixture-model');
  const light = createWsmanService({
    model: new FixtureModel(),
    initialConfig: { version: 1, config, certmappings: [], listeners: [{ Address: 'IP:127.0.0.1', Transport: 'HTTP', Port: '0', Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }] },
  });
  await light.accounts.set('bench', { password: 'bench-password', groups: ['Administrators'] });
  await light.start();

  // The baseline: the same framework, a POST route answering a fixed SOAP body of the size of
  // the Get answer, no parsing.
  const fixed = envelope('http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse', W + 'NumericSensor', [], '<p:NumericSensor xmlns:p="urn:x">' + '<p:X>1</p:X>'.repeat(120) + '</p:NumericSensor>', 0);
  const bare = Fastify();
  bare.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  bare.post('/wsman', async (_req, reply) => reply.type('application/soap+xml;charset=UTF-8').send(fixed));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const sensor = (await (async () => {
    for await (const i of model.enumerate('NumericSensor')) return i;
  })())!;
  process.send!({
    bare: (bare.server.address() as { port: number }).port,
    wsman: service.listeners()[0].bound[0].port,
    light: light.listeners()[0].bound[0].port,
    lightKeys: [['SystemCreationClassName', 'ComputerSystem'], ['SystemName', SYSTEM], ['CreationClassName', 'NumericSensor'], ['DeviceID', '48.0.32']],
    keys: ['SystemCreationClassName', 'SystemName', 'CreationClassName', 'DeviceID'].map((k) => [k, String(sensor.properties[k])]) });
}

// ---- the load generator ------------------------------------------------------------------

interface Result {
  ops: number;
  errors: number;
  lat: number[];
  seconds: number;
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/wsman', method: 'POST', agent, headers: { 'content-type': 'application/soap+xml;charset=UTF-8', authorization: AUTH, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `connections` loops, each doing `op` back to back for `seconds`; one op may be several requests. */
async function load(connections: number, seconds: number, op: (agent: http.Agent, n: number) => Promise<boolean>): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          if (!(await op(agent, n++))) errors++;
        } catch {
          errors++;
        }
        lat.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return { ops: lat.length, errors, lat, seconds: (performance.now() - start) / 1000 };
}

function report(name: string, r: Result, base?: Result): string {
  const s = [...r.lat].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const rate = r.ops / r.seconds;
  const ratio = base ? `  ${((100 * rate) / (base.ops / base.seconds)).toFixed(1)}% of bare` : '';
  return `${name.padEnd(44)} ${rate.toFixed(0).padStart(7)} ops/s  p50 ${q(0.5).toFixed(2).padStart(6)} ms  p99 ${q(0.99).toFixed(2).padStart(7)} ms  errors ${r.errors}${ratio}`;
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(__filename, ['--serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const info = await new Promise<{ bare: number; wsman: number; light: number; keys: Array<[string, string]>; lightKeys: Array<[string, string]> }>((res) => child.once('message', (m) => res(m as never)));
  try {
    const get = (n: number) => envelope('http://schemas.xmlsoap.org/ws/2004/09/transfer/Get', W + 'NumericSensor', info.keys, '', n);
    const bareOp = async (agent: http.Agent, n: number) => (await post(agent, info.bare, get(n))).status === 200;
    const getOp = async (agent: http.Agent, n: number) => {
      const r = await post(agent, info.wsman, get(n));
      return r.status === 200 && r.text.includes('<p:CurrentReading>');
    };
    const lightOp = async (agent: http.Agent, n: number) => {
      const r = await post(agent, info.light, envelope('http://schemas.xmlsoap.org/ws/2004/09/transfer/Get', W + 'NumericSensor', info.lightKeys, '', n));
      return r.status === 200 && r.text.includes('<p:CurrentReading>');
    };
    const enumOp = async (agent: http.Agent, n: number) => {
      const e = await post(agent, info.wsman, envelope('http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate', W + 'NumericSensor', [], '<n:Enumerate/>', 2 * n + 1e9));
      const ctx = /<n:EnumerationContext>([^<]+)</.exec(e.text)?.[1];
      if (!ctx) return false;
      const p = await post(agent, info.wsman, envelope('http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull', W + 'NumericSensor', [], `<n:Pull><n:EnumerationContext>${ctx}</n:EnumerationContext><n:MaxElements>50</n:MaxElements></n:Pull>`, 2 * n + 1 + 1e9));
      return p.status === 200 && (p.text.match(/<p:NumericSensor /g) ?? []).length === 50 && p.text.includes('<n:EndOfSequence/>');
    };
    // Warm up: the model's first read of the device, JIT.
    await load(4, 1, getOp);
    await load(4, 1, enumOp);
    await load(4, 1, lightOp);
    console.log(`wsman bench: ${SECONDS} s per run, ${CONNECTIONS} connections (node ${process.version})`);
    const base = await load(CONNECTIONS, SECONDS, bareOp);
    console.log(report('bare fastify POST, fixed SOAP body', base));
    const g = await load(CONNECTIONS, SECONDS, getOp);
    console.log(report('Get NumericSensor', g, base));
    console.log(report('Get NumericSensor, in-memory test model', await load(CONNECTIONS, SECONDS, lightOp), base) + '  (front end alone)');
    const e = await load(CONNECTIONS, SECONDS, enumOp);
    console.log(report('Enumerate + Pull of 50 NumericSensor', e, base) + '  (2 requests per op)');
    const base300 = await load(300, SECONDS, bareOp);
    console.log(report('bare fastify POST, 300 connections', base300));
    const g300 = await load(300, SECONDS, getOp);
    console.log(report('Get NumericSensor, 300 connections', g300, base300));
    const rate = (r: Result) => r.ops / r.seconds;
    const p99 = (r: Result) => [...r.lat].sort((a, b) => a - b)[Math.floor(0.99 * r.lat.length)];
    console.log(
      `goals: Get >= 25% of bare: ${((100 * rate(g)) / rate(base)).toFixed(1)}% ${rate(g) >= 0.25 * rate(base) ? 'met' : 'NOT met'}; ` +
        `300 connections without error: ${g300.errors === 0 ? 'met' : `NOT met (${g300.errors} errors)`}; p99 < 100 ms at 300: ${p99(g300).toFixed(1)} ms ${p99(g300) < 100 ? 'met' : 'NOT met'}`,
    );
  } finally {
    child.kill();
  }
}

if (process.argv.includes('--serve')) void serve();
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
