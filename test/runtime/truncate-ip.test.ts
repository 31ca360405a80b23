import { describe, expect, it } from 'vitest';
import { truncateIp } from '../../runtime/index.js';

describe('truncateIp', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('10.0.0.1')).toBe('10.0.0.0');
    expect(truncateIp('255.255.255.255')).toBe('255.255.255.0');
    expect(truncateIp('0.0.0.0')).toBe('0.0.0.0');
    expect(truncateIp('  192.168.1.20\n')).toBe('192.168.1.0');
  });

  it('keeps the /48 of a full IPv6 address, in RFC 5952 canonical form', () => {
    expect(truncateIp('2001:0db8:85a3:08d3:1319:8a2e:0370:7348')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:DB8:ABCD:1234:5678:9ABC:DEF0:1234')).toBe('2001:db8:abcd::');
    expect(truncateIp('fe80:0000:0000:0000:0202:b3ff:fe1e:8329')).toBe('fe80::');
  });

  it('expands compressed IPv6 before truncating', () => {
    expect(truncateIp('2001:db8::1')).toBe('2001:db8::');
    expect(truncateIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::');
    expect(truncateIp('::1')).toBe('::');
    expect(truncateIp('::')).toBe('::');
    expect(truncateIp('2001::7:8')).toBe('2001::');
    expect(truncateIp('1:2:3:4:5:6:7::')).toBe('1:2:3::');
    expect(truncateIp('0:1:2:3::')).toBe('0:1:2::');
  });

  it('drops a zone index', () => {
    expect(truncateIp('fe80::1%eth0')).toBe('fe80::');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 client it is and returns plain IPv4', () => {
    expect(truncateIp('::ffff:198.51.100.7')).toBe('198.51.100.0');
    expect(truncateIp('::FFFF:198.51.100.7')).toBe('198.51.100.0');
    expect(truncateIp('::ffff:c633:6407')).toBe('198.51.100.0');
    expect(truncateIp('0:0:0:0:0:ffff:198.51.100.7')).toBe('198.51.100.0');
  });

  it('truncates other IPv6 with an embedded IPv4 as IPv6', () => {
    expect(truncateIp('64:ff9b:1::198.51.100.7')).toBe('64:ff9b:1::');
    expect(truncateIp('::198.51.100.7')).toBe('::');
  });

  it('returns the redaction marker for anything that is not an address, never the input', () => {
    const invalid: unknown[] = [
      '',
      'localhost',
      '203.0.113',
      '203.0.113.256',
      '203.0.113.07',
      '203.0.113.7.1',
      '203.0.113.7:8080',
      '[2001:db8::1]',
      '[2001:db8::1]:443',
      '2001:db8::/48',
      '2001:db8::1::2',
      '2001:db8:1:2:3:4:5:6:7',
      '2001:db8:1:2:3:4:5',
      '1:2:3:4:5:6:7:8::',
      '12345::',
      'g::1',
      ':::',
      '1::2:',
      ':1::2',
      '198.51.100.7::',
      '::ffff:198.51.100.256',
      'fe80::1%',
      'ada@example.com',
      42,
      {},
    ];
    for (const value of invalid) expect(truncateIp(value), String(value)).toBe('[redacted]');
  });

  it('passes null and undefined through', () => {
    expect(truncateIp(null)).toBeNull();
    expect(truncateIp(undefined)).toBeUndefined();
  });
});
