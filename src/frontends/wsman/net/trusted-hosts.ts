import net from 'node:net';

/**
 * Client/TrustedHosts (seed: "TrustedHosts"): comma-separated host names, wildcard patterns
 * (`*`, `*.example.com`, `web*`), IPv4 addresses and IPv6 addresses in brackets.
 */
export function parseTrustedHosts(text: string): RegExp[] {
  const out: RegExp[] = [];
  for (const raw of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (raw.includes(':') && !/^\[[0-9A-Fa-f:.]+\]$/.test(raw))
      throw new Error(`"${raw}": an IPv6 address in TrustedHosts must be enclosed in brackets, e.g. [::1].`);
    if (raw.startsWith('[') && !net.isIPv6(raw.slice(1, -1))) throw new Error(`"${raw}" is not an IPv6 address.`);
    if (!/^[A-Za-z0-9*._\-[\]:]+$/.test(raw)) throw new Error(`"${raw}" is not a host name, address or wildcard pattern.`);
    const body = raw
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, (c) => '\\' + c)
      .replace(/\*/g, '.*');
    out.push(new RegExp(`^${body}$`));
  }
  return out;
}

export function hostTrusted(host: string, trustedHosts: string): boolean {
  const h = (net.isIPv6(host) ? `[${host}]` : host).toLowerCase();
  return parseTrustedHosts(trustedHosts).some((re) => re.test(h));
}
