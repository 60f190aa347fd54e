import { isPrivateAddress, problemWithUrl } from './webhook-target';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip'])(
    '%s is private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '172.15.0.1', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('isPrivateAddress: IPv4 carried in IPv6, in every notation', () => {
  it.each([
    '::ffff:7f00:1', // ::ffff:127.0.0.1 as URL parsing normalises it
    '0:0:0:0:0:ffff:127.0.0.1',
    '0:0:0:0:0:ffff:7f00:0001',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1', // IPv4-compatible
    '::7f00:1',
    '::a00:1',
    '::ffff:0:10.0.0.1', // SIIT
    '64:ff9b::127.0.0.1', // NAT64 well-known prefix
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::8.8.8.8', // NAT64 local-use: always refused
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2002:c0a8:0101::1', // 6to4 of 192.168.1.1
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '2001:db8::1',
    'fec0::1',
    'FE80::1%eth0',
    '::',
    '0::1',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['::ffff:808:808', '64:ff9b::8.8.8.8', '2002:808:808::1', '2001:4860:4860::8888', '2a00:1450:4001::1'])('%s is public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it('judges the hostname a URL parser produces for bracketed mapped forms', () => {
    for (const url of ['http://[::ffff:127.0.0.1]:8080/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:7f00:1]/']) {
      expect(isPrivateAddress(new URL(url).hostname.replace(/^\[|\]$/g, ''))).toBe(true);
    }
  });
});

describe('problemWithUrl', () => {
  it('accepts http and https', () => {
    expect(problemWithUrl('https://hooks.example.com/x')).toBeNull();
    expect(problemWithUrl('http://hooks.example.com:8080/x?y=1')).toBeNull();
  });

  it('refuses other schemes, credentials and garbage', () => {
    expect(problemWithUrl('ftp://example.com')).toMatch(/http/);
    expect(problemWithUrl('https://user:pw@example.com')).toMatch(/credentials/);
    expect(problemWithUrl('not a url')).toMatch(/absolute/);
  });
});
