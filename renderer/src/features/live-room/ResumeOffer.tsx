// 继续上次的直播: shown on any screen when a live session lost its page (a reload, a closed
// window) and the evidence service still holds it open. Resume goes on with the same package,
// the clock where the log stops and the engine rebuilt from the log (session.ts resumeLive);
// declining closes the package as cut off (意外退出), as the idle close would. While the offer
// is on screen it asks again every few seconds, which holds the session open.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import { call } from '../../bridge/index.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { formatClock } from './clock.ts';
import { resumeLive } from './session.ts';
import { useLiveRoom } from './store.ts';
import './resume.css';

type Offered = MethodOutput<'evidence.resumable'>[number] & { title: { 'zh-CN': string; en: string } | null };

const HOLD_EVERY_MS = 5_000;

async function offered(): Promise<Offered[]> {
  const list = await call('evidence.resumable', {});
  return Promise.all(
    list.map(async (s) => ({ ...s, title: await call('scenarios.get', { id: s.scenarioId }).then((r) => r.scenario.title, () => null) })),
  );
}

export function ResumeOffer() {
  const { t, i18n } = useTranslation();
  const live = useLiveRoom((s) => s.stage !== 'pick' && s.stage !== 'brief');
  const [list, setList] = useState<Offered[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (live) return;
    let stop = false;
    let timer = 0;
    const ask = () => {
      offered()
        .then((found) => {
          if (stop) return;
          setList(found);
          if (found.length > 0) timer = window.setTimeout(ask, HOLD_EVERY_MS);
        })
        .catch(() => undefined);
    };
    ask();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [live]);

  const first = list[0];
  if (live || first === undefined) return null;
  const title = first.title === null ? first.scenarioId : i18n.language === 'en' ? first.title.en : first.title['zh-CN'];

  const resume = async () => {
    setBusy('resume');
    setError(null);
    useNavigation.getState().go('live-room');
    const failed = await resumeLive(first.sessionId);
    setBusy(null);
    if (failed !== null) setError(failed);
    else setList([]);
  };
  const decline = async () => {
    setBusy('decline');
    setError(null);
    try {
      await call('evidence.abandon', { sessionId: first.sessionId });
      setList((xs) => xs.filter((x) => x.sessionId !== first.sessionId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="resume-backdrop">
      <section className="resume-offer" role="dialog" aria-modal="true" aria-labelledby="resume-title" data-testid="resume-offer" data-session={first.sessionId}>
        <h2 id="resume-title">{t('liveRoom.resume.title')}</h2>
        <p className="resume-what">
          <strong>{title}</strong>
          <span>{t('liveRoom.resume.who', { name: first.candidate.name || first.candidate.id })}</span>
          <span>{t('liveRoom.resume.at', { at: formatClock(first.atMs) })}</span>
        </p>
        <p>{t('liveRoom.resume.body')}</p>
        <p className="resume-note">{t('liveRoom.resume.declineNote')}</p>
        {error !== null && <p className="status error">{t('liveRoom.resume.failed', { message: error })}</p>}
        <div className="resume-actions">
          <button className="lr-primary" disabled={busy !== null} onClick={() => void resume()} autoFocus>
            {busy === 'resume' ? t('liveRoom.resume.resuming') : t('liveRoom.resume.resume')}
          </button>
          <button disabled={busy !== null} onClick={() => void decline()}>
            {t('liveRoom.resume.decline')}
          </button>
        </div>
      </section>
    </div>
  );
}
