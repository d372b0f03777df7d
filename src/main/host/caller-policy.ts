import { isLoopback } from './auth';

// Who may call the local web host: only the station's own page (and non-browser clients on this machine).
//
// Threats, as a page on another web site would try them:
// - DNS rebinding: a name the attacker controls resolves to 127.0.0.1, so the page is "same-origin" with the host
//   and can read every answer. The browser still sends that name as `Host` → refuse any Host but our own address.
// - Cross-site requests from a page on another origin (fetch/form POST, EventSource): the browser sends `Origin`
//   → refuse any Origin whose authority is not the request's Host, and `Origin: null` (file://, sandboxed frames).
// - Cross-site embedding (<img src=…/camera/live.mjpeg>, <iframe> of a receipt PDF): no Origin is sent, but
//   browsers send `Sec-Fetch-Site` → refuse `cross-site` and `same-site` (another port on this machine is another
//   site's page too); `same-origin` and `none` (typed address, bookmark) pass, an absent header is a non-browser
//   client (curl, scripts) or an old browser. A top-level navigation to the UI itself is allowed from anywhere (a
//   link to the station): the page is public code and everything it then loads is same-origin.
//
// Binds beyond loopback (0.0.0.0, a LAN address) require the printed token on every route but the UI. There any
// Host is accepted (tablets may use the laptop's IP, a .local or a school DNS name): DNS rebinding only matters
// where no secret is needed — a rebinding page cannot know the token, and it lives in the station page's own
// origin (sessionStorage), not the attacker's. The Origin and Sec-Fetch-Site rules apply there too.

/**
 * What a request is for: decides whether the token and the cross-site rules apply. 'lan' (event mode: /lan/pair,
 * /lan/api/*) is not opened by the host's token: the pairing code or a paired station's own token is checked there
 * (src/main/event-mode/lan-route.ts), on every bind address; the Host/Origin/Sec-Fetch rules here still apply.
 */
export type HostRoute = 'api' | 'events' | 'receipt' | 'download' | 'media' | 'live' | 'lan' | 'ui';

/** The facts of one request that the decision uses (header values as received, lower-cased names). */
export interface CallerFacts {
  route: HostRoute;
  host: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  fetchMode: string | undefined;
  fetchDest: string | undefined;
  /** null: this host needs no token (loopback bind); otherwise whether the request carried the right one. */
  tokenValid: boolean | null;
}

/** The host's own address: where it listens. */
export interface OwnAddress {
  /** The bind address as given to listen(): 127.0.0.1, localhost, ::1, 0.0.0.0, a LAN address… */
  bound: string;
  port: number;
}

export type CallerDecision =
  | { allow: true }
  | {
      allow: false;
      status: 401 | 403 | 421;
      reason: 'foreign_host' | 'foreign_origin' | 'cross_site' | 'token';
      message: string;
    };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Allow or refuse one request to the web host, with the reason shown to the caller (Chinese). */
export function decideCaller(facts: CallerFacts, own: OwnAddress): CallerDecision {
  const host = facts.host?.trim().toLowerCase();
  if (isLoopback(own.bound) && !isOwnLoopbackHost(host, own)) {
    return refuse(
      421,
      'foreign_host',
      `拒绝访问：请求的主机名 ${show(host ?? '（缺少 Host）')} 不是本工作站的地址，请使用 http://127.0.0.1:${own.port}`,
    );
  }
  if (facts.origin !== undefined) {
    const origin = facts.origin.trim();
    if (origin === 'null') {
      return refuse(403, 'foreign_origin', '拒绝访问：来源为 null 的页面（本地文件、沙盒框架）不能调用工作站');
    }
    if (originAuthority(origin) !== host) {
      return refuse(403, 'foreign_origin', `拒绝访问：其他网站的页面（${show(origin)}）不能调用工作站`);
    }
  }
  const site = facts.fetchSite?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    const linkToStation = facts.route === 'ui' && facts.fetchMode === 'navigate' && facts.fetchDest === 'document';
    if (!linkToStation) {
      return refuse(403, 'cross_site', '拒绝访问：其他网站不能嵌入或读取工作站的接口、照片、实时画面与收据');
    }
  }
  if (facts.tokenValid === false && facts.route !== 'ui') {
    return refuse(401, 'token', '需要访问令牌（启动时打印的 token）');
  }
  return { allow: true };
}

function isOwnLoopbackHost(host: string | undefined, own: OwnAddress): boolean {
  if (!host) return false;
  const parsed = splitHost(host);
  if (!parsed) return false;
  const bound = own.bound.includes(':') ? `[${own.bound.toLowerCase()}]` : own.bound.toLowerCase();
  const names = LOOPBACK_NAMES.includes(bound) ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, bound];
  return names.includes(parsed.name) && parsed.port === own.port;
}

/** `name[:port]` or `[v6][:port]` → parts; the port defaults to 80 (browsers omit it there). */
function splitHost(host: string): { name: string; port: number } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host);
  if (!m) return null;
  return { name: m[1]!, port: m[2] === undefined ? 80 : Number(m[2]) };
}

/** `http://name:port` → `name:port` as a Host header would carry it (default port omitted); null if not a URL. */
function originAuthority(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.host.toLowerCase();
  } catch {
    return null;
  }
}

function refuse(
  status: 401 | 403 | 421,
  reason: 'foreign_host' | 'foreign_origin' | 'cross_site' | 'token',
  message: string,
): CallerDecision {
  return { allow: false, status, reason, message };
}

/** Attacker-chosen header values are echoed only shortened and as text. */
function show(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
