import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/api-error';
import type { StationSettings } from '../station';
import type { LanHost, LanListening } from './lan-host';
import { makeSelfSignedCert } from './self-signed-cert';

// 活动组网 › 对局域网开放: the hosting station's switch that opens it to the other laptops at run time. The web host
// the shell started (`studio host`, the desktop window's own) keeps serving this computer on 127.0.0.1; switched
// on, a second listener of the same host serves every network interface (0.0.0.0) over HTTPS with the station's
// certificate — the one `studio host --cert/--key` was given, else a self-signed one made once and kept in
// `<data>/lan-tls/` (its SHA-256 is what joining stations pin, so it must not change) — on a port kept in the
// station settings (a joined station's address stays valid after a restart). The switch is remembered: a host that
// restarts with it on opens again by itself. Off closes the listener (open connections too); the pairing code
// then shows 127.0.0.1 only again. The LAN routes need the pairing code or a station token on every address; the
// rest of the API on the LAN listener needs the host token (decideCaller), which it makes and never shows.

export interface LanTls {
  cert: Buffer;
  key: Buffer;
}

/** What the shell gives: how to start a listener of its web host, and how it was started itself. */
export interface LanServingShell {
  /** Start the web host on all interfaces (0.0.0.0) with this port (0: any) and certificate. */
  start(o: { port: number; https: LanTls }): Promise<{ port: number; close(): Promise<void> }>;
  /** The certificate the host was started with (studio host --cert/--key): the LAN listener serves it too. */
  https?: LanTls;
  /** Where the shell's own listener is bound: anything but loopback is open to the LAN already (--host). */
  mainBound: string;
}

export interface LanServingView {
  /** The switch can be used here (a web host runs and it is bound to loopback only). */
  available: boolean;
  /** Other computers can reach this station now. */
  on: boolean;
  /** Addresses another laptop types (https://<IPv4>:<port>), one per network interface. */
  addresses: string[];
  port: number | null;
  /** SHA-256 (hex) of the certificate served on the LAN. */
  fingerprint: string | null;
  /** Why the switch cannot be used, or why switching on failed (Chinese). */
  note: string | null;
}

export const LAN_SERVING_KEYS = { on: 'lan_serving', port: 'lan_serving_port' } as const;
/** The port tried first (the desk's `studio host` default is 5710); a port in use falls back to any free one. */
export const DEFAULT_LAN_PORT = 5711;

export class LanServing {
  private shell: LanServingShell | null = null;
  private running: { port: number; fingerprint: string; close(): Promise<void> } | null = null;
  /** The shell's own listener, given back to the pairing code when the LAN listener closes. */
  private main: LanListening | null = null;
  private note: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly o: {
      settings: StationSettings;
      dataDir: string;
      host: LanHost;
      stationName: () => string;
      log: (msg: string, err?: unknown) => void;
      /** After the shell attached or detached (a window already open learns the switch works now). */
      onChange?: () => void;
      preferredPort?: number;
    },
  ) {}

  /** The shell's web host is up: the switch works; a host that was open when it stopped opens again. */
  async attach(shell: LanServingShell): Promise<LanServingView> {
    this.shell = shell;
    this.main = this.o.host.listening();
    const view =
      this.o.settings.get(LAN_SERVING_KEYS.on) === '1' && !openAlready(shell.mainBound)
        ? await this.set(true)
        : this.view();
    this.o.onChange?.();
    return view;
  }

  /** The shell stops: close the LAN listener, keep the switch as it is for the next start. */
  async detach(): Promise<void> {
    await this.serial(() => this.close());
    this.shell = null;
    this.o.onChange?.();
  }

  /** Switch: on opens the LAN listener (and remembers it), off closes it. */
  set(on: boolean): Promise<LanServingView> {
    return this.serial(async () => {
      const shell = this.shell;
      if (!shell) throw new ApiError('unavailable', '本机现在不能对局域网开放：没有运行主机服务，请重新启动本程序');
      if (openAlready(shell.mainBound))
        throw new ApiError('conflict', '本机启动时已设为对局域网开放（由技术人员设置），无需再开');
      this.o.settings.set(LAN_SERVING_KEYS.on, on ? '1' : '0');
      this.note = null;
      if (!on) {
        await this.close();
        return this.view();
      }
      if (this.running) return this.view();
      const tls = shell.https ?? this.certificate();
      const stored = Number(this.o.settings.get(LAN_SERVING_KEYS.port));
      const wanted = Number.isInteger(stored) && stored > 0 ? stored : (this.o.preferredPort ?? DEFAULT_LAN_PORT);
      let started;
      try {
        started = await shell.start({ port: wanted, https: tls });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
          this.o.settings.set(LAN_SERVING_KEYS.on, '0');
          this.note = `对局域网开放失败：${(err as Error).message}`;
          this.o.log('event mode: LAN listener', err);
          return this.view();
        }
        started = await shell.start({ port: 0, https: tls });
        this.note =
          stored > 0 ? `原端口 ${wanted} 已被占用，已改用端口 ${started.port}：已配对的工作站需用新地址重新配对` : null;
      }
      this.o.settings.set(LAN_SERVING_KEYS.port, String(started.port));
      this.running = { ...started, fingerprint: fingerprintOf(tls.cert) };
      return this.view();
    });
  }

  view(): LanServingView {
    const shell = this.shell;
    if (shell && openAlready(shell.mainBound)) {
      const l = this.o.host.listening();
      return {
        available: false,
        on: true,
        addresses: this.o.host.addresses(),
        port: l?.port ?? null,
        fingerprint: l?.fingerprint ?? null,
        note: '本机启动时已设为对局域网开放（由技术人员设置）',
      };
    }
    const r = this.running;
    return {
      available: shell !== null,
      on: r !== null,
      addresses: r ? lanAddresses(r.port) : [],
      port: r?.port ?? null,
      fingerprint: r?.fingerprint ?? null,
      note: shell ? this.note : '本机现在不能对局域网开放：没有运行主机服务，请重新启动本程序',
    };
  }

  private async close(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (!r) return;
    await r.close(); // the LAN listener's own startHost clears the pairing's listening address …
    this.o.host.setListening(this.main); // … which is the shell's own (127.0.0.1) again
  }

  /** The station's LAN certificate: made once, kept beside its data (joined stations pin its SHA-256). */
  private certificate(): LanTls {
    const dir = path.join(this.o.dataDir, 'lan-tls');
    const certFile = path.join(dir, 'host-cert.pem');
    const keyFile = path.join(dir, 'host-key.pem');
    if (existsSync(certFile) && existsSync(keyFile)) {
      const tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
      try {
        if (new X509Certificate(tls.cert).checkPrivateKey(createPrivateKey(tls.key))) return tls;
      } catch (err) {
        this.o.log('event mode: the stored LAN certificate is unreadable, a new one is made', err);
      }
    }
    const host = hostname();
    const made = makeSelfSignedCert({
      commonName: this.o.stationName().slice(0, 60) || host,
      ips: ['127.0.0.1', ...ipv4s()],
      dnsNames: ['localhost', host, `${host}.local`],
    });
    mkdirSync(dir, { recursive: true });
    writeAtomic(keyFile, made.key, 0o600);
    writeAtomic(certFile, made.cert, 0o644);
    return made;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function openAlready(bound: string): boolean {
  return !(bound === '127.0.0.1' || bound === 'localhost' || bound === '::1' || /^127\./.test(bound));
}

function ipv4s(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  return out;
}

/** What another laptop types: this machine's non-loopback IPv4 addresses, read now (Wi-Fi may have changed). */
function lanAddresses(port: number): string[] {
  return ipv4s().map((ip) => `https://${ip}:${port}`);
}

function fingerprintOf(pem: Buffer): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

function writeAtomic(file: string, data: Buffer, mode: number): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, file);
  try {
    chmodSync(file, mode);
  } catch {
    // Windows: modes are not POSIX; the data folder's own ACL applies
  }
}
