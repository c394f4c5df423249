// t() keys are type-checked against the zh-CN resources (the source of every key): a key that is
// not there, or a domain key (engine.*) the locale lacks, fails `npm run typecheck`.
import 'i18next';
import type zhCN from './locales/zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
    returnNull: false;
  }
}
