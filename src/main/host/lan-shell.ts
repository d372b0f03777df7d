import type { Studio } from '../core/studio';
import type { LanServingShell, LanTls } from '../event-mode';
import { startHost } from './host';

// The shell's half of 活动组网 › 对局域网开放 (src/main/event-mode/lan-serving.ts): how a second listener of the web
// host is started on every interface. `studio host` and the desktop window attach it once their own UI is up.
// The LAN listener announces itself by mDNS (a suggestion for 查找局域网主机) unless `advertise` is false or the
// environment says STUDIO_MDNS=off (tests: nothing multicast beyond this machine).

export function lanServingShell(
  studio: Studio,
  rendererDir: string,
  own: { bound: string; https?: LanTls; advertise?: boolean },
): LanServingShell {
  const advertise = own.advertise ?? process.env.STUDIO_MDNS !== 'off';
  return {
    start: async ({ port, https }) => {
      const lan = await startHost({ studio, rendererDir, host: '0.0.0.0', port, https, advertise });
      return { port: lan.port, close: lan.close };
    },
    https: own.https,
    mainBound: own.bound,
  };
}
