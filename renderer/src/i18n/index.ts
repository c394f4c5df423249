// zh-CN first (DESIGN.md decision 5), English second. Every UI string goes through here.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addFormats } from './formats.ts';
import en from './locales/en.ts';
import zhCN from './locales/zh-CN.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export function initI18n(language: Language = 'zh-CN') {
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  addFormats(i18next);
  return i18next;
}

export { i18next };
