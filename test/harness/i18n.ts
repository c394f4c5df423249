// The app's own i18n resources in a test: turns the codes and params the domain returns into the
// text the trainee would read, in zh-CN or English, so tests check the real wording.
import i18next, { type i18n } from 'i18next';
import { addFormats } from '../../renderer/src/i18n/formats.ts';
import en from '../../renderer/src/i18n/locales/en.ts';
import { say, sayParts } from '../../renderer/src/i18n/words.ts';
import zhCN from '../../renderer/src/i18n/locales/zh-CN.ts';

function instance(lng: 'zh-CN' | 'en'): i18n {
  const x = i18next.createInstance();
  void x.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
  addFormats(x);
  return x;
}

const zhI = instance('zh-CN');
const enI = instance('en');

type Params = Readonly<Record<string, string | number>>;

/** The zh-CN text of a key; throws if the key is missing (so a test cannot pass on a raw key). */
export function zh(key: string, params: Params = {}): string {
  if (!zhI.exists(key)) throw new Error(`missing zh-CN key ${key}`);
  return say(zhI.t, { key, params });
}

export function enText(key: string, params: Params = {}): string {
  if (!enI.exists(key)) throw new Error(`missing en key ${key}`);
  return say(enI.t, { key, params });
}

/** A metric's figures in zh-CN, joined as the review joins them (sayParts). */
export function zhParts(parts: readonly { key: string; params: Params }[]): string {
  for (const p of parts) if (!zhI.exists(p.key)) throw new Error(`missing zh-CN key ${p.key}`);
  return sayParts(zhI.t, parts);
}
