import net from 'node:net';

/**
 * Service/IPv4Filter and IPv6Filter (seed: "IPv4Filter と IPv6Filter"): `*` = every address,
 * empty = none, otherwise comma-separated addresses and `low-high` ranges. IPv6 literals may
 * be written in brackets ([::1]). Checked on every connection against the local address the
 * client reached, which is what the filter restricts on Windows (the addresses listeners use).
 */
export interface AddressFilter {
  readonly any: boolean;
  readonly ranges: ReadonlyArray<readonly [bigint, bigint]>;
}

function ipv4ToBig(a: string): bigint | undefined {
  if (!net.isIPv4(a)) return undefined;
  return a.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
}
function ipv6ToBig(a: string): bigint | undefined {
  const s = a.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!net.isIPv6(s)) return undefined;
  let head = s;
  let tail4: string | undefined;
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m) {
    head = m[1] + '0:0';
    tail4 = m[2];
  }
  const [l, r] = head.split('::');
  const left = l ? l.split(':') : [];
  const right = r !== undefined ? (r ? r.split(':') : []) : [];
  const groups = r !== undefined ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  let v = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
  if (tail4) v = (v & ~0xffffffffn) | ipv4ToBig(tail4)!;
  return v;
}

export function parseAddressFilter(text: string, family: 4 | 6): AddressFilter {
  const t = text.trim();
  if (t === '*') return { any: true, ranges: [] };
  if (t === '') return { any: false, ranges: [] };
  const conv = family === 4 ? ipv4ToBig : ipv6ToBig;
  const ranges: Array<[bigint, bigint]> = [];
  for (const part of t.split(',').map((p) => p.trim()).filter(Boolean)) {
    // An IPv6 range is "[a]-[b]" or "a-b"; '-' never occurs inside an address.
    const [lo, hi, extra] = part.split('-').map((x) => x.trim());
    if (extra !== undefined) throw new Error(`"${part}" is not an address or a range low-high.`);
    const a = conv(lo);
    const b = hi === undefined ? a : conv(hi);
    if (a === undefined || b === undefined)
      throw new Error(`"${part}" is not an IPv${family} address or range${family === 6 ? ' (write IPv6 addresses in brackets, e.g. [::1])' : ' (e.g. 192.168.0.0-192.168.0.255)'}.`);
    if (b < a) throw new Error(`The range "${part}" ends before it starts.`);
    ranges.push([a, b]);
  }
  return { any: false, ranges };
}

/** Whether `address` (as Node reports it, IPv4-mapped IPv6 included) passes the filters. */
export function addressAllowed(address: string, v4: AddressFilter, v6: AddressFilter): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const v4addr = mapped ? mapped[1] : net.isIPv4(address) ? address : undefined;
  if (v4addr) {
    if (v4.any) return true;
    const n = ipv4ToBig(v4addr)!;
    return v4.ranges.some(([a, b]) => n >= a && n <= b);
  }
  const n = ipv6ToBig(address);
  if (n === undefined) return false;
  if (v6.any) return true;
  return v6.ranges.some(([a, b]) => n >= a && n <= b);
}
