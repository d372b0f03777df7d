// The station's keyboard shortcuts — ONE definition, read by the pages that implement them (UI-A: 签到, 拍摄,
// 收费) and by 帮助, which lists them. UI-A: bind keys with `matchesShortcut(e, 'shoot')` etc. so the list on 帮助
// can never drift from what the keys do; add a shortcut here (plus its label in i18n `help.shortcuts`) first.

export type ShortcutId = 'checkin' | 'shoot' | 'accept' | 'retake' | 'pay';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key value ('F2', ' ', 'Enter', 'r'), compared case-insensitively for letters. */
  key: string;
  /** What the key cap says (for the help page and hints). */
  keyLabel: string;
  /** The page (hash route) where the shortcut acts; 'any' = every station page. */
  where: 'any' | 'checkin' | 'capture' | 'payment';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'checkin', key: 'F2', keyLabel: 'F2', where: 'any' },
  { id: 'shoot', key: ' ', keyLabel: 'Space', where: 'capture' },
  { id: 'accept', key: 'Enter', keyLabel: 'Enter', where: 'capture' },
  { id: 'retake', key: 'r', keyLabel: 'R', where: 'capture' },
  { id: 'pay', key: 'F4', keyLabel: 'F4', where: 'any' },
];

export function shortcut(id: ShortcutId): Shortcut {
  return SHORTCUTS.find((s) => s.id === id)!;
}

/** True when the key event is the given shortcut (no Ctrl/Alt/Meta held; letters in either case). */
export function matchesShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>, id: ShortcutId) {
  if (e.ctrlKey || e.altKey || e.metaKey) return false;
  const s = shortcut(id);
  return s.key.length === 1 ? e.key.toLowerCase() === s.key.toLowerCase() : e.key === s.key;
}
