// Toasts: what an action did, shown over the bottom-right of the video (clear of the cue, the
// faults, the reply box and the stage's own badges).
import { say } from '../../i18n/words.ts';
import { useTranslation } from 'react-i18next';
import { useLiveRoom } from './store.ts';

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useLiveRoom((s) => s.view.toasts);
  return (
    <ol className="lr-toasts" aria-live="polite">
      {toasts.map((x) => (
        <li key={x.id} className={x.tone}>
          {say(t, { key: `liveRoom.toast.${x.key}`, params: x.messages === undefined ? x.values : { ...x.values, ...Object.fromEntries(Object.entries(x.messages).map(([k, m]) => [k, say(t, m)])) } })}
        </li>
      ))}
    </ol>
  );
}
