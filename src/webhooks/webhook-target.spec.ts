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
