import { t } from '../i18n/zh-CN/index';
import type { Subject } from './checkin-state';

/** Where the details above come from (the trial saw 以下信息来自学校名单 for a student scanned from a full QR code). */
export function sourceLine(subject: Exclude<Subject, { kind: 'none' | 'manual' }>): string {
  if (subject.kind === 'roster') return t.checkin.fromRoster;
  const { decoder } = subject.decoded.student;
  if (decoder === 'bare-code') return t.checkin.fromCodeViaRoster; // a bare 采集码: the service requires the roster entry
  return subject.decoded.rosterEntry ? t.checkin.fromCodeAndRoster : t.checkin.fromCode;
}
