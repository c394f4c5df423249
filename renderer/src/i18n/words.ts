// Words for what the domain and the services send as codes and params: { key, params } → text.
// t() is typed against the zh-CN resources (i18next.d.ts); a message's key comes from the domain
// as one of the key types below, and DomainKeys proves at typecheck that the locale has each one.
import type { TFunction } from 'i18next';
import type { ActionKey, FaultKey, ImprovementKey, MarkerKey, MetricValueKey, RejectKey, RemedyKey, ViewerReasonKey } from '../../../scenarios/engine/index.ts';
import type { TimelineKey } from '../../../scenarios/scoring/timeline.ts';
import type { FindingCode } from '../../../scenarios/device-check/findings.ts';
import type { MetricId } from '../../../scenarios/format/schema.ts';
import type { MomentCode } from '../../../scenarios/scoring/metrics.ts';
import type zhCN from './locales/zh-CN.ts';

export interface Said {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Every leaf key of a resource object, dotted ("engine.fault.power_cut.title"). */
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
export type LocaleKey = Leaves<typeof zhCN>;

/** The keys the domain sends: a key missing from the zh-CN locale fails here, at typecheck. */
type Present<K extends LocaleKey> = K;
export type DomainKeys = Present<
  | RejectKey
  | ActionKey
  | MarkerKey
  | FaultKey
  | RemedyKey
  | ViewerReasonKey
  | TimelineKey
  | ImprovementKey
  | MetricValueKey
  | `engine.metric.${MetricId}.label`
  | `engine.moment.${Exclude<MomentCode, 'marker'>}`
  | `deviceCheck.advice.${FindingCode}`
>;

/**
 * One message in the current language. Its key is a domain key (checked by DomainKeys) or comes
 * over the contract as a string; i18next's per-key typing of params cannot follow a runtime key,
 * so this is the one place it is handed over untyped.
 */
export function say(t: TFunction, m: Said): string {
  return t(m.key as LocaleKey, m.params as never) as unknown as string;
}

/** A metric's figures (the flash sale has a part per cue), joined as the language joins them. */
export function sayParts(t: TFunction, parts: readonly Said[]): string {
  return parts.map((m) => say(t, m)).join(t('engine.metric.sep'));
}
