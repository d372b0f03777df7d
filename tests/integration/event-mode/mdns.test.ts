import { describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio';
import { advertiseHost, discoverHosts } from '../../../src/main/event-mode';
import { tempDir } from '../../helpers/temp-dir';

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

  it('an HTTPS host is announced as https; joining the address found still needs the fingerprint', async () => {
    const stop = await advertiseHost('登记台S', 45712, () => {}, { iface: '127.0.0.1', https: true });
    const dir = tempDir('studio-mdns-station-');
    const station = createStudio({ dataDir: dir.dir, producer: null, log: () => {} });
    try {
      const hosts = await discoverHosts(3000, { iface: '127.0.0.1' });
      const mine = hosts.find((h) => h.name === '登记台S-45712');
      expect(mine, JSON.stringify(hosts)).toBeDefined();
      expect(mine!.url).toMatch(/^https:\/\/[\d.]+:45712$/);
      // mDNS is not trusted: the address it found is not joined without the fingerprint from the QR or the screen
      const refused = await station
        .dispatch('lan.join', { address: mine!.url, code: '123456', stationName: '拍摄位' }, { transport: 'cli' })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ field: 'fingerprint', message: expect.stringMatching(/须核对证书指纹/) });
      expect((await station.dispatch('lan.status', {}, { transport: 'cli' })) as { mode: string }).toMatchObject({
        mode: 'standalone',
      });
    } finally {
      await stop();
      await station.close();
      dir.cleanup();
    }
  }, 30_000);
});
