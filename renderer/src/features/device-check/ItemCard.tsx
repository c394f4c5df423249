// One check item: title, verdict, the item's own live area and controls, measured values,
// advice for each finding, and 重新检测. The data-* attributes let tests and the bench read state.
import { say } from '../../i18n/words.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemName } from '../../../../scenarios/device-check/index.ts';
import { useDeviceCheck } from './store.ts';
import { valueRows } from './values.ts';

interface Props {
  item: ItemName;
  onRerun: () => void;
  children?: ReactNode;
}

export function ItemCard({ item, onRerun, children }: Props) {
  const { t } = useTranslation();
  const state = useDeviceCheck((s) => s.items[item]);
  const running = state.phase !== 'idle' && state.phase !== 'done' && state.phase !== 'answer';
  const result = state.result;
  const badge = running ? 'running' : (result?.verdict ?? 'idle');
  return (
    <section className={`dc-card dc-${badge}`} data-item={item} data-phase={state.phase} data-verdict={result?.verdict ?? ''} aria-labelledby={`dc-${item}-title`}>
      <header className="dc-card-head">
        <h3 id={`dc-${item}-title`}>{t(`deviceCheck.items.${item}`)}</h3>
        <span className={`dc-badge dc-badge-${badge}`}>{t(`deviceCheck.verdict.${badge}`)}</span>
      </header>
      {children}
      {result && (
        <>
          <dl className="dc-values">
            {valueRows(result, t).map((row) => (
              <div key={row.key} data-value={row.key}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
          <ul className="dc-findings">
            {result.findings.map((f, i) => (
              <li key={`${f.code}-${i}`} className={`dc-finding dc-finding-${f.level}`} data-code={f.code}>
                {say(t, { key: f.adviceKey, params: f.params })}
              </li>
            ))}
          </ul>
        </>
      )}
      <footer className="dc-card-foot">
        {result && <small>{t('deviceCheck.timing', { seconds: (result.durationMs / 1000).toFixed(1), attempt: result.attempt })}</small>}
        <button type="button" className="dc-rerun" onClick={onRerun} disabled={running}>
          {t('deviceCheck.rerun')}
        </button>
      </footer>
    </section>
  );
}
