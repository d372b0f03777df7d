import { useEffect } from 'react';
import { matchesShortcut } from './shortcuts';
import { goTo } from './station-store';

/**
 * F2 (签到) and F4 (收费) from every page of the app, as 帮助 promises ("任意页面") — mounted once by the App shell, not
 * by the pages' station bar (活动 and 设置 have none: the keys did nothing there). On 收费 itself F4 collects (the page
 * handles it).
 */
export function useStationKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesShortcut(e, 'checkin')) {
        e.preventDefault();
        if (!window.location.hash.startsWith('#/checkin')) goTo('checkin');
        // the scanner field takes the next 采集码 (after the page has rendered) — unless the cursor has been put
        // somewhere in the meantime (the page's scanner field, or the form of a 采集码 read that fast, which may be
        // the very field that had the cursor at the key): never pull it back
        let placed = false;
        const onFocus = () => (placed = true);
        document.addEventListener('focusin', onFocus);
        setTimeout(() => {
          document.removeEventListener('focusin', onFocus);
          const active = document.activeElement;
          if (placed && active !== document.body && active !== null) return;
          document.querySelector<HTMLInputElement>('input[data-scanner-input]')?.focus();
        }, 50);
      } else if (matchesShortcut(e, 'pay') && !window.location.hash.startsWith('#/payment')) {
        e.preventDefault();
        goTo('payment');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
