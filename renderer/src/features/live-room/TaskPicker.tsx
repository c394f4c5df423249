// 选择实训任务: the scenarios of the library for the work type and level picked on the home screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../app/useCall.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useSelection } from '../../stores/selection.ts';
import { levels, workTypes } from '../../../../scenarios/standard/index.ts';
import { emptyPickerAdvice, type PickerAdvice } from './picker-advice.ts';
import { openWorksheet } from '../worksheet/actions.ts';
import { openBriefing } from './session.ts';

function EmptyAdvice({ advice, english }: { advice: PickerAdvice; english: boolean }) {
  const { t } = useTranslation();
  const names = advice.key === 'emptyOtherLevels' ? advice.levels.map((n) => { const l = levels.find((x) => x.level === n); return (english ? l?.nameEn : l?.short) ?? String(n); }).join(english ? ', ' : '、') : '';
  return (
    <p className="status" data-testid="lr-picker-empty">
      {t(`liveRoom.picker.${advice.key}`, { levels: names })}
    </p>
  );
}

export function TaskPicker() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { workType, level } = useSelection();
  const go = useNavigation((s) => s.go);
  const list = useCall('scenarios.list', { workType, level });
  const ofWorkType = useCall('scenarios.list', { workType });
  const [error, setError] = useState<string | null>(null);
  const wt = workTypes.find((w) => w.code === workType);
  const lv = levels.find((l) => l.level === level);

  const open = (id: string, kind: string) => {
    setError(null);
    // A worksheet has its own screen; a live room opens its briefing here.
    const opened = kind === 'worksheet' ? openWorksheet(id).then(() => go('worksheet')) : openBriefing(id);
    opened.catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <main className="lr-picker">
      <header className="lr-picker-head">
        <div>
          <h2>{t('liveRoom.picker.title')}</h2>
          <p>{t('liveRoom.picker.selection', { workType: (english ? wt?.nameEn : wt?.name) ?? workType, level: (english ? lv?.nameEn : lv?.short) ?? String(level) })}</p>
        </div>
        <div className="lr-picker-actions">
          <button type="button" onClick={() => go('device-check')}>
            {t('liveRoom.picker.deviceCheck')}
          </button>
          <button type="button" className="lr-link" onClick={() => go('home')}>
            {t('liveRoom.picker.back')}
          </button>
        </div>
      </header>
      {list.state === 'loading' && <p className="status">{t('liveRoom.picker.loading')}</p>}
      {list.state === 'error' && <p className="status error">{list.message}</p>}
      {error !== null && (
        <p className="status error" role="alert">
          {error}
        </p>
      )}
      {list.state === 'ready' && (
        <>
          {list.value.scenarios.length === 0 && ofWorkType.state === 'ready' && <EmptyAdvice advice={emptyPickerAdvice(ofWorkType.value.scenarios)} english={english} />}
          <ul className="lr-task-list">
            {list.value.scenarios.map((s) => (
              <li key={s.id}>
                <button type="button" className="lr-task" onClick={() => open(s.id, s.kind)} data-scenario={s.id} data-kind={s.kind}>
                  <span className="lr-task-title">
                    {english ? s.title.en : s.title['zh-CN']}
                    {s.practice && <em className="lr-tag">{t('liveRoom.picker.practice')}</em>}
                    {s.kind === 'worksheet' && <em className="lr-tag">{t('worksheet.tag')}</em>}
                  </span>
                  <span className="lr-task-brief">{english ? s.brief.en : s.brief['zh-CN']}</span>
                  <span className="lr-task-meta">
                    {t('liveRoom.picker.minutes', { minutes: Math.round(s.durationSec / 60) })} · {s.skills.map((code) => code.replace(/^\d:/, '')).join(' ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {list.value.errors.length > 0 && (
            <details className="lr-lib-errors">
              <summary>{t('liveRoom.picker.libraryErrors', { count: list.value.errors.length })}</summary>
              <ul>
                {list.value.errors.map((e) => (
                  <li key={e}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </main>
  );
}
