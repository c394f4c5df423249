// Formats the domain's figures in a message: {{x, sec}} (ms → engine.unit.sec, "3.2 s"), {{x, pct}}
// (0..1 → "12.3%"), {{x, yuan}} (yuan → "¥12.00"). A value that is not a number ('—' for none)
// is shown as it is.
import type { i18n } from 'i18next';

export function addFormats(x: i18n): void {
  const f = x.services.formatter;
  if (f === undefined) throw new Error('i18next has no formatter service');
  f.add('sec', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? x.t('engine.unit.sec', { lng, value: (value / 1000).toFixed(1) }) : String(value)));
  f.add('pct', (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : String(value)));
  f.add('yuan', (value: unknown) => (typeof value === 'number' ? `¥${value.toFixed(2)}` : String(value)));
}
