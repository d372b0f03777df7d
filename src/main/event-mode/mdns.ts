import type { Bonjour } from 'bonjour-service';

// mDNS (DNS-SD) for event mode: the hosting station announces `_collection-studio._tcp`, joining stations browse
// for it. Multicast is often blocked on campus Wi-Fi (client isolation) — the typed address is the fallback, and
// pairing needs the code either way, so nothing here is trusted: it only fills in an address. A host serving HTTPS
// says so (TXT `scheme=https`), so the address found is its https one — but never its certificate's fingerprint:
// a joining station pins only the fingerprint from the pairing QR or typed from the host's screen.
// `bonjour-service` (pure TypeScript over multicast-dns, no native code: Windows, macOS, Linux) is loaded lazily.

export const MDNS_TYPE = 'collection-studio';

/** `iface`: the interface to multicast on (tests: 127.0.0.1, so nothing leaves the machine); default all. */
export interface MdnsOptions {
  iface?: string;
}

async function bonjour(o: MdnsOptions = {}): Promise<Bonjour | null> {
  try {
    const mod = await import('bonjour-service');
    return new mod.Bonjour(o.iface ? ({ interface: o.iface, bind: '0.0.0.0', loopback: true } as object) : {});
  } catch {
    return null;
  }
}

export interface AdvertiseOptions extends MdnsOptions {
  /** The host serves HTTPS (its LAN routes included). */
  https?: boolean;
}

/** Announce this host; returns a stop function (no-op when multicast is not available). */
export async function advertiseHost(
  name: string,
  port: number,
  log: (m: string, e?: unknown) => void,
  o: AdvertiseOptions = {},
) {
  const b = await bonjour(o);
  if (!b) return async () => {};
  try {
    const txt = { v: '1', scheme: o.https ? 'https' : 'http' };
    const svc = b.publish({ name: `${name}-${port}`, type: MDNS_TYPE, port, txt });
    svc.on('error', (err: unknown) => log('mDNS: advertise failed', err));
  } catch (err) {
    log('mDNS: advertise failed', err);
  }
  return () =>
    new Promise<void>((resolve) => {
      b.unpublishAll(() => {
        b.destroy();
        resolve();
      });
    });
}

/** Hosts that answered within waitMs. */
export async function discoverHosts(waitMs: number, o: MdnsOptions = {}): Promise<{ name: string; url: string }[]> {
  const b = await bonjour(o);
  if (!b) return [];
  const found = new Map<string, { name: string; url: string }>();
  await new Promise<void>((resolve) => {
    const browser = b.find({ type: MDNS_TYPE }, (svc) => {
      const v4 = (svc.addresses ?? []).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
      const host = v4 ?? svc.host;
      // an announcement without a scheme is a host from before HTTPS: plain http
      const scheme = (svc.txt as Record<string, unknown> | undefined)?.scheme === 'https' ? 'https' : 'http';
      if (host) found.set(`${host}:${svc.port}`, { name: svc.name, url: `${scheme}://${host}:${svc.port}` });
    });
    setTimeout(() => {
      browser.stop();
      resolve();
    }, waitMs);
  });
  b.destroy();
  return [...found.values()];
}
