// 待回复: comments waiting for an answer, oldest first, with the time left. A seller answers by
// voice: A marks the current one answered while they speak (its session time is the moment in the
// video). Typed replies (the administrator's way) and FAQ answers go to the selected comment, or
// the current one; what is typed is checked for banned words as it is typed.
import { memo, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../scenarios/engine/index.ts';
import { QUESTION_TOPICS, type QuestionTopic } from '../../../../scenarios/format/schema.ts';
import { markAnswered, replyTargetOf } from './actions.ts';
import { BannedHint } from './BannedHint.tsx';
import { useRowLabels } from './labels.ts';
import { threadById, waitingQueue } from './queue.ts';
import { Key } from './ShortcutBar.tsx';
import { dispatch } from './session.ts';
import { useLiveRoom, useSession } from './store.ts';

/** Rows rendered in the (scrolling) queue; the rest are counted. */
const SHOWN = 30;

function Queue({ state, target }: { state: SessionState; target: string | null }) {
  const { t } = useTranslation();
  const labels = useRowLabels();
  const set = useLiveRoom((s) => s.set);
  const queue = useMemo(() => waitingQueue(state, SHOWN), [state]);
  const open = queue.items;
  const now = state.t;
  return (
    <div className="lr-queue">
      <header>
        <h3>{t('liveRoom.queue.title')}</h3>
        <span className="lr-count" data-testid="lr-open-count">
          {t('liveRoom.queue.count', { count: queue.open })}
          {queue.overdue > 0 && t('liveRoom.queue.overdue', { count: queue.overdue })}
        </span>
        {state.scenario.audience.host !== 'simulated' && (
          <button type="button" className="lr-primary" onClick={() => markAnswered(target)} disabled={open.length === 0} data-testid="lr-mark-answered">
            {t('liveRoom.queue.markAnswered')} <Key k="A" />
          </button>
        )}
      </header>
      {open.length === 0 ? (
        <p className="lr-empty">{t('liveRoom.queue.empty')}</p>
      ) : (
        <ol>
          {open.map((th) => {
            const left = Math.ceil((th.deadline - now) / 1000);
            return (
              <li key={th.commentId} className={`k-${th.kind}${th.commentId === target ? ' target' : ''}`} onClick={() => set({ selected: th.commentId })} data-id={th.commentId}>
                <span className="lr-badge">{labels.kind[th.kind]}</span>
                <b className="lr-user">{th.user}</b>
                <span className="lr-text">{th.text}</span>
                <span className={left > 0 ? (left <= 10 ? 'lr-due soon' : 'lr-due') : 'lr-due late'}>{left > 0 ? labels.left(left) : labels.late}</span>
              </li>
            );
          })}
          {queue.open + queue.overdue > SHOWN && <li className="lr-more">{t('liveRoom.queue.more', { count: queue.open + queue.overdue - SHOWN })}</li>}
        </ol>
      )}
    </div>
  );
}

function ReplyBox({ state, target }: { state: SessionState; target: string | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const th = target === null ? undefined : threadById(state, target);
  // A reply sent gives the keyboard back to the room, so the next key is a shortcut, not a letter.
  const send = () => {
    if (target === null || text.trim() === '') return;
    const effects = dispatch({ type: 'reply', commentId: target, text });
    if (effects.some((e) => e.type === 'rejected')) return;
    setText('');
    input.current?.blur();
  };
  return (
    <div className={typing ? 'lr-reply typing' : 'lr-reply'}>
      <div className="lr-reply-head">
        <label htmlFor="lr-reply-input">{th === undefined ? t('liveRoom.reply.noTarget') : t('liveRoom.reply.to', { user: th.user, text: th.text })}</label>
        {typing && (
          <span className="lr-typing" data-testid="lr-typing">
            ⌨ {t('liveRoom.reply.typing')}
          </span>
        )}
      </div>
      <div className="lr-reply-row">
        <input
          id="lr-reply-input"
          ref={input}
          value={text}
          onFocus={() => setTyping(true)}
          onBlur={() => setTyping(false)}
          maxLength={500}
          placeholder={t('liveRoom.reply.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) send();
          }}
        />
        <button type="button" onClick={send} disabled={target === null || text.trim() === ''}>
          {t('liveRoom.reply.send')}
        </button>
      </div>
      <BannedHint text={text} />
    </div>
  );
}

/** The FAQ library; re-renders only when the library, the product in focus or the reply target changes. */
const Faqs = memo(function Faqs({ target, targetTopic }: { target: string | null; targetTopic: QuestionTopic | null }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState('');
  const [a, setA] = useState('');
  const [topic, setTopic] = useState<QuestionTopic>('other');
  const state = useSession('scenario', 'faqs', 'pinnedProduct');
  const faqs = useMemo(() => {
    if (state === null) return [];
    const all = [...state.scenario.products.flatMap((p) => p.faqs.map((f) => ({ id: f.id, topic: f.topic, q: f.q, a: f.a }))), ...state.faqs.map((f) => ({ id: f.id, topic: f.topic, q: f.q, a: f.a }))];
    // The target's topic first: the likely answer is at the top.
    return targetTopic === null ? all : [...all.filter((f) => f.topic === targetTopic), ...all.filter((f) => f.topic !== targetTopic)];
  }, [state, targetTopic]);
  if (state === null) return null;
  const add = () => {
    const effects = dispatch({ type: 'add_faq', question: q, answer: a, topic, productId: state.pinnedProduct ?? state.scenario.products[0]?.id ?? null });
    if (!effects.some((e) => e.type === 'rejected')) {
      setQ('');
      setA('');
      setAdding(false);
    }
  };
  return (
    <div className="lr-faq">
      <div className="lr-faq-strip">
        <h3>{t('liveRoom.faq.title')}</h3>
        <ul>
          {faqs.map((f) => (
            <li key={f.id}>
              <button type="button" disabled={target === null} onClick={() => target !== null && dispatch({ type: 'reply_faq', commentId: target, faqId: f.id })} title={f.a}>
                <span className="lr-topic">{t(`liveRoom.topic.${f.topic}`)}</span>
                <b>{f.q}</b>
                <small>{f.a}</small>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="lr-link" onClick={() => setAdding(!adding)}>
          {adding ? t('liveRoom.faq.cancel') : t('liveRoom.faq.add')}
        </button>
      </div>
      {adding && (
        <div className="lr-faq-form">
          <input value={q} maxLength={200} placeholder={t('liveRoom.faq.question')} onChange={(e) => setQ(e.target.value)} aria-label={t('liveRoom.faq.question')} />
          <textarea value={a} maxLength={500} rows={2} placeholder={t('liveRoom.faq.answer')} onChange={(e) => setA(e.target.value)} aria-label={t('liveRoom.faq.answer')} />
          <div className="lr-reply-row">
            <select value={topic} onChange={(e) => setTopic(e.target.value as QuestionTopic)} aria-label={t('liveRoom.faq.topic')}>
              {QUESTION_TOPICS.map((x) => (
                <option key={x} value={x}>
                  {t(`liveRoom.topic.${x}`)}
                </option>
              ))}
            </select>
            <button type="button" onClick={add} disabled={q.trim() === '' || a.trim() === ''}>
              {t('liveRoom.faq.save')}
            </button>
          </div>
          <BannedHint text={`${q}\n${a}`} />
        </div>
      )}
    </div>
  );
});

export function QuestionPanel({ state }: { state: SessionState }) {
  // Recomputed with the state: the selection may have been answered meanwhile.
  const selected = useLiveRoom((s) => s.selected);
  const target = useMemo(() => replyTargetOf(state, selected), [state, selected]);
  return (
    <div className="lr-questions">
      <Queue state={state} target={target} />
      <ReplyBox state={state} target={target} />
      <Faqs target={target} targetTopic={target === null ? null : (threadById(state, target)?.topic ?? null)} />
    </div>
  );
}
