// Keyboard shortcuts of the live room (pure): one key for the actions a seller does while talking.
// Letters act only when no text field has focus (typing a reply must not pin the product), and
// never with Ctrl/Alt/Meta (those belong to the browser). The legend in the UI is this list.

export type ShortcutAction =
  | 'markAnswered'
  | 'focusReply'
  | 'togglePin'
  | 'pushCoupon'
  | 'flashSale'
  | 'muteSelected'
  | 'pinSelected'
  | 'focusKeyword'
  | 'coverPoint'
  | 'toggleFeed'
  | 'escape';

export interface Shortcut {
  /** As shown on the key cap. */
  readonly keyLabel: string;
  readonly action: ShortcutAction;
}

/** The legend, in the order shown (i18n: liveRoom.shortcut.<action>). */
export const SHORTCUTS: readonly Shortcut[] = [
  { keyLabel: 'A', action: 'markAnswered' },
  { keyLabel: 'R', action: 'focusReply' },
  { keyLabel: 'P', action: 'togglePin' },
  { keyLabel: 'C', action: 'pushCoupon' },
  { keyLabel: 'F', action: 'flashSale' },
  { keyLabel: 'M', action: 'muteSelected' },
  { keyLabel: 'T', action: 'pinSelected' },
  { keyLabel: 'K', action: 'focusKeyword' },
  { keyLabel: '1–9', action: 'coverPoint' },
  { keyLabel: 'S', action: 'toggleFeed' },
  { keyLabel: 'Esc', action: 'escape' },
];

/** The host's own actions: in a 平台管理员 task the host is simulated, so these keys do nothing and are not shown. */
export const HOST_ONLY: readonly ShortcutAction[] = ['markAnswered', 'coverPoint'];

const BY_KEY: Readonly<Record<string, ShortcutAction>> = {
  a: 'markAnswered',
  r: 'focusReply',
  p: 'togglePin',
  c: 'pushCoupon',
  f: 'flashSale',
  m: 'muteSelected',
  t: 'pinSelected',
  k: 'focusKeyword',
  s: 'toggleFeed',
};

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
  /** Focus is in an input, textarea, select or contenteditable. */
  readonly editable: boolean;
}

export interface ShortcutHit {
  readonly action: ShortcutAction;
  /** coverPoint: the selling point's index (0-based). */
  readonly index?: number;
}

export function shortcutFor(press: KeyPress): ShortcutHit | null {
  if (press.key === 'Escape') return { action: 'escape' };
  if (press.editable || press.ctrlKey || press.altKey || press.metaKey || press.repeat) return null;
  if (/^[1-9]$/.test(press.key)) return { action: 'coverPoint', index: Number(press.key) - 1 };
  const action = BY_KEY[press.key.toLowerCase()];
  return action === undefined ? null : { action };
}

/** Whether a keyboard event's target takes text (shortcuts then stay out of the way). */
export function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
}
