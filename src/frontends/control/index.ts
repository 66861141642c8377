/**
 * Fault injection (issue 3): the control API, its scenarios and the client `bmcbridge ctl` uses.
 *
 * Wiring (src/main.ts / src/cli.ts):
 *
 *     const control = createControlServer({ fleet, log, token: loadToken({ file }), host, port });
 *     await control.listen();
 *     for (const s of inventory.scenarios) control.scenarios.start(control.scenarios.parseFile(s.file, s.device));
 *     // ... on shutdown: await control.close();
 */
export { controlPlugin, type ControlPluginOptions } from './plugin';
export { createControlServer, loadToken, isLoopback, DEFAULT_CONTROL_LISTEN, TOKEN_ENV, type ControlServer, type ControlServerOptions } from './server';
export { Control, resolveSensorRef, type ControlFleet, type ControlDevice } from './ops';
export { Scenarios, ScenarioRun, parseDuration, type Scenario, type ScenarioRunView } from './scenario';
export { routes } from './routes';
export { ControlClient, type ControlClientOptions } from './client';
