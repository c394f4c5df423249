// 故障处理: each active fault with the remedies the trainee can choose (5:1.3.1 能提出断网、断电等
// 简单故障解决方法; 4:6.1.2). The trainee may also write the remedy in their own words (the note
// goes to the record). A drill running in OBS is fixed in OBS; choosing here records detection.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { FAULTS, type FaultRecord, type RemedyKey } from '../../../../scenarios/engine/index.ts';
import { formatClock } from './clock.ts';
import { dispatch, reconnectCamera } from './session.ts';

const remedyText = (t: TFunction, key: RemedyKey | undefined, id: string) => (key === undefined ? id : t(key));

export function FaultCard({ fault, now }: { fault: FaultRecord; now: number }) {
  const { t } = useTranslation();
  const [remedy, setRemedy] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const info = FAULTS[fault.kind];
  const last = fault.remedies[fault.remedies.length - 1];
  const submit = () => {
    if (remedy === null) return;
    dispatch({ type: 'ack_fault', faultId: fault.id, remedy, note: note.trim() === '' ? null : note.trim() });
    if (fault.kind === 'camera_lost' && remedy === 'reconnect_camera') void reconnectCamera();
  };
  return (
    <section className={`lr-fault ${fault.impact}`} data-fault={fault.kind} aria-live="assertive">
      <header>
        <strong>{t(info.key)}</strong>
        <span className="lr-fault-impact">{t(`liveRoom.fault.impact.${fault.impact}`)}</span>
        <span>{t('liveRoom.fault.since', { time: formatClock(now - fault.startedAt) })}</span>
      </header>
      {fault.source === 'obs' && <p className="lr-fault-obs">{t('liveRoom.fault.obs')}</p>}
      {fault.fixAt !== null ? (
        <p className="lr-fault-fixing" role="status">
          {t('liveRoom.fault.fixing', { seconds: Math.max(0, Math.ceil((fault.fixAt - now) / 1000)) })}
        </p>
      ) : (
        <>
          <p className="lr-fault-ask">{t('liveRoom.fault.ask')}</p>
          <div className="lr-remedies" role="radiogroup" aria-label={t('liveRoom.fault.ask')}>
            {info.remedies.map((r) => (
              <label key={r.id} className={remedy === r.id ? 'on' : ''}>
                <input type="radio" name={`remedy-${fault.id}`} value={r.id} checked={remedy === r.id} onChange={() => setRemedy(r.id)} />
                {t(r.key)}
              </label>
            ))}
          </div>
          <div className="lr-fault-act">
            <textarea value={note} maxLength={500} rows={1} placeholder={t('liveRoom.fault.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
            <button type="button" className="lr-primary" onClick={submit} disabled={remedy === null}>
              {t('liveRoom.fault.submit')}
            </button>
          </div>
          {last !== undefined && !last.correct && (
            <p className="lr-fault-wrong" role="alert">
              {t('liveRoom.fault.wrong', { remedy: remedyText(t, info.remedies.find((r) => r.id === last.remedy)?.key, last.remedy) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Every active fault except a power cut (which blacks out the whole room, see PowerCut). */
export function FaultPanel({ faults, now }: { faults: readonly FaultRecord[]; now: number }) {
  const shown = faults.filter((f) => f.kind !== 'power_cut');
  if (shown.length === 0) return null;
  return (
    <div className="lr-faults">
      {shown.map((f) => (
        <FaultCard key={f.id} fault={f} now={now} />
      ))}
    </div>
  );
}

/** A power cut: the room goes dark and asks what the trainee does. */
export function PowerCut({ fault, now }: { fault: FaultRecord; now: number }) {
  const { t } = useTranslation();
  return (
    <div className="lr-blackout" role="dialog" aria-modal="true" aria-label={t(FAULTS[fault.kind].key)}>
      <div className="lr-blackout-box">
        <p className="lr-blackout-title">{t('liveRoom.fault.powerCut')}</p>
        <FaultCard fault={fault} now={now} />
      </div>
    </div>
  );
}
