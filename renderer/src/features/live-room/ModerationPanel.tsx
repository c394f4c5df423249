// 弹幕管理: what to do with the selected comment (answer, pin, mute its author for a time), the
// blocked keywords (屏蔽词) and the muted viewers, each with its undo.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../scenarios/engine/index.ts';
import { blockKeyword, DEFAULT_MUTE_SEC, markAnswered, muteComment, togglePinComment } from './actions.ts';
import { formatClock } from './clock.ts';
import { Key } from './ShortcutBar.tsx';
import { dispatch } from './session.ts';
import { useLiveRoom } from './store.ts';

const DURATIONS = [60, 300, 1800, 86400] as const;

function Selected({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const selected = useLiveRoom((s) => s.selected);
  const item = useLiveRoom((s) => s.view.feed.items.find((x) => x.id === s.selected));
  const set = useLiveRoom((s) => s.set);
  const [duration, setDuration] = useState<number>(DEFAULT_MUTE_SEC);
  if (selected === null || item === undefined) return <p className="lr-empty">{t('liveRoom.moderation.pick')}</p>;
  const waiting = item.status === 'open' || item.status === 'expired';
  const pinned = state.pinnedComment === item.id;
  return (
    <div className={`lr-selected k-${item.kind}`} data-testid="lr-selected">
      <p>
        <span className="lr-badge">{t(`liveRoom.kind.${item.reaction ? 'reaction' : item.kind}`)}</span> <b>{item.user}</b> <small>{formatClock(item.t)}</small>
      </p>
      <p className="lr-selected-text">{item.text}</p>
      <div className="lr-selected-actions">
        {waiting && (
          <button type="button" className="lr-primary" onClick={() => markAnswered(item.id)}>
            {t('liveRoom.queue.markAnswered')} <Key k="A" />
          </button>
        )}
        {waiting && (
          <button type="button" onClick={() => document.getElementById('lr-reply-input')?.focus()}>
            {t('liveRoom.moderation.reply')} <Key k="R" />
          </button>
        )}
        <button type="button" onClick={() => togglePinComment(item.id)} disabled={item.hidden !== null}>
          {pinned ? t('liveRoom.moderation.unpin') : t('liveRoom.moderation.pin')} <Key k="T" />
        </button>
        <span className="lr-mute">
          <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} aria-label={t('liveRoom.moderation.duration')}>
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {t(`liveRoom.moderation.for.${d}`)}
              </option>
            ))}
          </select>
          <button type="button" className="lr-danger" onClick={() => muteComment(item.id, duration)} disabled={item.muted || item.hidden === 'muted'} data-testid="lr-mute">
            {t('liveRoom.moderation.mute')} <Key k="M" />
          </button>
        </span>
        <button type="button" className="lr-link" onClick={() => set({ selected: null })}>
          {t('liveRoom.moderation.close')}
        </button>
      </div>
    </div>
  );
}

function Keywords({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const active = state.keywords.filter((k) => k.removedAt === null);
  const submit = () => {
    if (keyword.trim() === '') return;
    blockKeyword(keyword);
    setKeyword('');
  };
  return (
    <div className="lr-keywords">
      <div className="lr-reply-row">
        <input
          id="lr-keyword-input"
          value={keyword}
          maxLength={20}
          placeholder={t('liveRoom.moderation.keywordPlaceholder')}
          aria-label={t('liveRoom.moderation.keyword')}
          onChange={(e) => setKeyword(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) submit();
          }}
        />
        <button type="button" onClick={submit} disabled={keyword.trim() === ''}>
          {t('liveRoom.moderation.block')} <Key k="K" />
        </button>
      </div>
      {active.length > 0 && (
        <ul className="lr-tags" aria-label={t('liveRoom.moderation.keywords')}>
          {active.map((k) => (
            <li key={k.keyword}>
              {k.keyword}
              <small>{t('liveRoom.moderation.hiddenCount', { count: k.hiddenAbuse + k.hiddenLegit })}</small>
              <button type="button" onClick={() => dispatch({ type: 'unblock_keyword', keyword: k.keyword })} aria-label={t('liveRoom.moderation.unblock', { keyword: k.keyword })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Muted({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const now = state.t;
  const muted = state.mutes.filter((m) => m.until > now);
  if (muted.length === 0) return null;
  return (
    <ul className="lr-tags muted" aria-label={t('liveRoom.moderation.muted')}>
      {muted.map((m) => (
        <li key={`${m.userId}-${String(m.t)}`}>
          {m.user}
          <small>{formatClock(m.until - now)}</small>
          <button type="button" onClick={() => dispatch({ type: 'unmute_user', userId: m.userId })} aria-label={t('liveRoom.moderation.unmute', { user: m.user })}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ModerationPanel({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  return (
    <section className="lr-moderation" aria-label={t('liveRoom.moderation.title')}>
      <h3>{t('liveRoom.moderation.title')}</h3>
      <Selected state={state} />
      <Keywords state={state} />
      <Muted state={state} />
    </section>
  );
}
