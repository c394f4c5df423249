// Words for what the domain and the services send as codes and params: { key, params } → text.
import type { TFunction } from 'i18next';

export interface Said {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** One message in the current language. */
export function say(t: TFunction, m: Said): string {
  return t(m.key, m.params);
}

/** A metric's figures (the flash sale has a part per cue), joined as the language joins them. */
export function sayParts(t: TFunction, parts: readonly Said[]): string {
  return parts.map((m) => say(t, m)).join(t('engine.metric.sep'));
}
