/**
 * IP truncation (the `generalized` form of `ip-address`): keep the network, drop the host.
 */
import { REDACTED } from './redact.js';

/**
 * Truncates an IP address to its network (SPEC §11):
 * - IPv4 → its /24, `a.b.c.0` (`'203.0.113.77'` → `'203.0.113.0'`);
 * - IPv6 → its /48 with the other 80 bits zero, in RFC 5952 canonical text (lower case, no
 *   leading zeros, the longest zero run as `::`): `'2001:db8:85a3:8d3:1319:8a2e:370:7348'` and
 *   `'2001:DB8:85A3::1'` → `'2001:db8:85a3::'`; a zone (`%eth0`) is dropped;
 * - IPv4-mapped IPv6 (`'::ffff:198.51.100.7'`, `'::ffff:c633:6407'`) → the truncated *plain*
 *   IPv4, `'198.51.100.0'`: it is an IPv4 client seen through a dual-stack socket, and its /48
 *   would erase the whole address, while plain IPv4 makes both spellings of one client agree.
 *
 * Surrounding whitespace is ignored. Anything else — an address with a port, brackets or a
 * prefix length, a host name, leading zeros in an IPv4 part (ambiguous: octal to some parsers),
 * a non-string — becomes the redaction marker `'[redacted]'`, never the input.
 * `null` and `undefined` are returned unchanged, so an absent value stays absent.
 */
export function truncateIp(ip: string): string;
export function truncateIp<T extends null | undefined>(ip: T): T;
export function truncateIp(ip: unknown): string | null | undefined;
export function truncateIp(ip: unknown): string | null | undefined {
  if (ip === null || ip === undefined) return ip;
  if (typeof ip !== 'string') return REDACTED;
  const text = ip.trim();
  const ipv4 = parseIpv4(text);
  if (ipv4) return formatIpv4([ipv4[0], ipv4[1], ipv4[2], 0]);
  const ipv6 = parseIpv6(text);
  if (!ipv6) return REDACTED;
  if (isIpv4Mapped(ipv6)) {
    return formatIpv4([ipv6[6] >> 8, ipv6[6] & 0xff, ipv6[7] >> 8, 0]);
  }
  return formatIpv6([ipv6[0], ipv6[1], ipv6[2], 0, 0, 0, 0, 0]);
}

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Four decimal octets, or undefined. */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    octets.push(octet);
  }
  return octets;
}

/** Eight 16-bit groups, or undefined. Accepts `::` compression and a trailing dotted IPv4. */
function parseIpv6(text: string): number[] | undefined {
  const zone = text.indexOf('%');
  if (zone !== -1) {
    if (zone === text.length - 1) return undefined;
    text = text.slice(0, zone);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // `::` stands for at least one zero group.
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** The groups of one side of `::`; a dotted IPv4 may only end the address. */
function parseGroups(text: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (mayEndWithIpv4 && index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4(part);
      if (!ipv4) return undefined;
      groups.push((ipv4[0] << 8) | ipv4[1], (ipv4[2] << 8) | ipv4[3]);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** `::ffff:0:0/96`. */
function isIpv4Mapped(groups: number[]): boolean {
  return groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
}

function formatIpv4(octets: number[]): string {
  return octets.join('.');
}

/** RFC 5952 §4: lower-case hex, no leading zeros, the first longest run of ≥ 2 zero groups as `::`. */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length;) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
