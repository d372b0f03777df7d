import type { ReactNode } from 'react';
import './components.css';

export type BannerTone = 'error' | 'warn' | 'ok' | 'info';

/**
 * One message line at the top of a card or form. Errors are announced (role=alert), the others are status.
 * `action` is an optional button (e.g. 重试, 打开该订单) shown after the text.
 */
export function Banner(props: { tone: BannerTone; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div
      className={`banner banner-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      <span className="banner-text">{props.children}</span>
      {props.action}
    </div>
  );
}

/** The message of a failed call, or nothing. */
export function ErrorBanner({ error, testId }: { error: { message: string } | string | null; testId?: string }) {
  if (!error) return null;
  return (
    <Banner tone="error" testId={testId}>
      {typeof error === 'string' ? error : error.message}
    </Banner>
  );
}
