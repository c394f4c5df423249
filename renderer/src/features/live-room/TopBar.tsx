// The live room's top bar: title, LIVE and the timer, the room's figures (online, entered, orders,
// GMV, conversion), the evidence recording light and 结束直播.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from './clock.ts';
import { endLive } from './session.ts';
import { useLiveRoom } from './store.ts';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="lr-figure" data-testid={testId}>
      <span>{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

export function TopBar() {
  const { t, i18n } = useTranslation();
  const state = useLiveRoom((s) => s.state);
  const stage = useLiveRoom((s) => s.stage);
  const evidence = useLiveRoom((s) => s.evidence);
  const exam = useLiveRoom((s) => s.exam);
  const roundLeftMs = useLiveRoom((s) => s.roundLeftMs);
  const [confirm, setConfirm] = useState(false);
  if (state === null) return null;
  const { scenario } = state;
  const elapsed = state.endedAt ?? state.t;
  const left = scenario.durationSec * 1000 - elapsed;
  const buyers = Object.keys(state.buyers).length;
  const conversion = state.totalViewers > 0 ? `${((buyers / state.totalViewers) * 100).toFixed(1)}%` : '—';

  return (
    <header className="lr-top">
      <div className="lr-title">
        <span className={stage === 'live' ? 'lr-live on' : 'lr-live'}>{stage === 'live' ? 'LIVE' : t('liveRoom.top.ending')}</span>
        <h2>{i18n.language === 'en' ? scenario.title.en : scenario.title['zh-CN']}</h2>
      </div>
      <div className="lr-timer" data-testid="lr-timer" title={t('liveRoom.top.timerHint')}>
        <strong>{formatClock(elapsed)}</strong>
        <small>{t('liveRoom.top.left', { time: formatClock(left) })}</small>
        {exam !== null && (
          <small data-testid="lr-round-clock">
            {t('liveRoom.top.roundLeft', { round: exam.round, station: exam.station, time: formatClock(roundLeftMs ?? exam.durationMs) })}
          </small>
        )}
      </div>
      <div className="lr-figures">
        <Figure label={t('liveRoom.top.online')} value={String(state.viewers)} testId="lr-viewers" />
        <Figure label={t('liveRoom.top.entered')} value={String(state.totalViewers)} testId="lr-entered" />
        <Figure label={t('liveRoom.top.orders')} value={String(state.orders.length)} testId="lr-orders" />
        <Figure label={t('liveRoom.top.gmv')} value={`¥${(state.gmv / 100).toFixed(2)}`} testId="lr-gmv" />
        <Figure label={t('liveRoom.top.conversion')} value={conversion} testId="lr-conversion" />
      </div>
      <div className="lr-top-actions">
        <span className={`lr-rec ${evidence.state}`} title={evidence.message ?? evidence.sessionId ?? ''}>
          {t(`liveRoom.top.evidence.${evidence.state}`)}
        </span>
        {confirm ? (
          <span className="lr-confirm">
            {t('liveRoom.top.endConfirm')}
            <button type="button" className="lr-danger" onClick={endLive}>
              {t('liveRoom.top.endYes')}
            </button>
            <button type="button" onClick={() => setConfirm(false)}>
              {t('liveRoom.top.endNo')}
            </button>
          </span>
        ) : (
          <button type="button" className="lr-end" onClick={() => setConfirm(true)} disabled={stage !== 'live'}>
            {t('liveRoom.top.end')}
          </button>
        )}
      </div>
    </header>
  );
}
