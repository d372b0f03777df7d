import { useEffect, useState } from 'react';
import type { AppInfo } from '../shared/contract';
import { useClient } from './api/context';
import { t } from './i18n/zh-CN/index';
import { pages } from './pages/registry';
import { useStationKeys } from './station/station-keys';
import { useHashRoute } from './use-hash-route';

export function App() {
  const client = useClient();
  const [route, go] = useHashRoute(pages[0]!.route);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [offline, setOffline] = useState(false);
  useStationKeys();

  useEffect(() => {
    client.call('app.info', {}).then(
      (i) => {
        setInfo(i);
        setOffline(false);
      },
      () => setOffline(true),
    );
  }, [client]);

  const page = pages.find((p) => p.route === route) ?? pages[0]!;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <div className="brand-title">{t.appTitle}</div>
          <div className="brand-sub">{t.appSubtitle}</div>
        </div>
        <nav>
          {pages.map((p) => (
            <button
              key={p.route}
              className={p.route === page.route ? 'nav-item active' : 'nav-item'}
              onClick={() => go(p.route)}
            >
              {p.label}
            </button>
          ))}
        </nav>
        <footer className="sidebar-footer" data-testid="app-info">
          {offline && <div className="banner-error">{t.footer.offline}</div>}
          {info && (
            <>
              <div>
                {t.footer.version} {info.version} · {t.footer.schema} {info.schemaVersion}
              </div>
              <div className="muted small" title={info.dataDir}>
                {t.footer.dataDir}：{info.dataDir}
              </div>
            </>
          )}
        </footer>
      </aside>
      <main className="content">{page.render()}</main>
    </div>
  );
}
