import { describe, expect, it } from 'vitest';
import { advertiseHost, discoverHosts } from '../../../src/main/event-mode';

// mDNS announce/browse of the event host, multicast on the loopback interface only (nothing leaves the machine).
// Campus Wi-Fi often blocks multicast: the typed address (queue-lan.test.ts) is the path that must always work.
describe('event host discovery (mDNS on 127.0.0.1)', () => {
  it('a browsing station finds the announced host and its port', async () => {
    const stop = await advertiseHost('登记台', 45711, () => {}, { iface: '127.0.0.1' });
    try {
      const hosts = await discoverHosts(3000, { iface: '127.0.0.1' });
      const mine = hosts.find((h) => h.name === '登记台-45711');
      expect(mine, JSON.stringify(hosts)).toBeDefined();
      expect(mine!.url).toMatch(/^http:\/\/[\d.]+:45711$/);
    } finally {
      await stop();
    }
  }, 30_000);
});
