import type { WsmanConfigFile } from './config/store';
import { defaults } from './config/schema';

/**
 * The demo configuration (`npm start`, issue 6): one HTTP listener on 127.0.0.1:5985 only,
 * Basic authentication and AllowUnencrypted enabled. The integrator creates the user
 * admin/password with `service.accounts.set('admin', { password: 'password', groups:
 * ['Administrators'] })` and prints a warning line.
 */
export function demoConfig(port = 5985): WsmanConfigFile {
  const config = defaults();
  const service = config.Service as Record<string, unknown>;
  service.AllowUnencrypted = 'true';
  (service.Auth as Record<string, string>).Basic = 'true';
  return {
    version: 1,
    config,
    listeners: [{ Address: 'IP:127.0.0.1', Transport: 'HTTP', Port: String(port), Hostname: '', Enabled: 'true', URLPrefix: 'wsman', CertificateThumbprint: '' }],
    certmappings: [],
  };
}

export const DEMO_WARNING =
  'WS-Management demo: Basic authentication over unencrypted HTTP on 127.0.0.1:5985 (user admin, password password); do not expose this configuration.';
