// 弹幕 as the backstage sees them: every comment with its kind as a coloured badge (提问, 异议, 好评,
// 恶意, 广告/导流, 诱导违规, 投诉, 购买意向), whether it waits for an answer, and those hidden from
// viewers (muted author, blocked keyword). Built for 200 a second: fixed-height rows, only the rows
// in view are in the DOM (comment-window.ts), and the list updates once a frame from the store.
// Hovering the list (or S) pauses it so a comment can be clicked; clicking selects it for actions.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterFeed, ROW_PX, scrollWindow, tailWindow, type FeedFilter } from './comment-window.ts';
import { useRowLabels, type RowLabels } from './labels.ts';
import { useLiveRoom } from './store.ts';
import type { FeedItem } from './view.ts';

const Row = memo(function Row({ item, selected, top, labels }: { item: FeedItem; selected: boolean; top: number; labels: RowLabels }) {
  const cls = ['lr-row', `k-${item.reaction ? 'reaction' : item.kind}`, selected ? 'selected' : '', item.hidden !== null ? 'hidden' : '', item.status ?? ''].join(' ');
  return (
    <li className={cls} style={{ transform: `translateY(${top}px)` }} data-id={item.id} data-kind={item.kind} title={item.text}>
      <span className="lr-badge">{labels.kind[item.reaction ? 'reaction' : item.kind]}</span>
      <b className="lr-user">{item.user}</b>
      <span className="lr-text">{item.text}</span>
      {item.hidden !== null && <span className="lr-flag">{labels.hidden[item.hidden]}</span>}
      {item.hidden === null && item.muted && <span className="lr-flag">{labels.muted}</span>}
      {item.status === 'answered' && <span className="lr-flag ok">{labels.answered}</span>}
      {item.status === 'expired' && <span className="lr-flag late">{labels.expired}</span>}
    </li>
  );
});

const FILTERS: readonly FeedFilter[] = ['all', 'reply', 'abuse'];

export function CommentStream() {
  const { t } = useTranslation();
  const labels = useRowLabels();
  const feed = useLiveRoom((s) => s.view.feed);
  const paused = useLiveRoom((s) => s.feedPaused);
  const selected = useLiveRoom((s) => s.selected);
  const set = useLiveRoom((s) => s.set);
  const [hover, setHover] = useState(false);
  const [filter, setFilter] = useState<FeedFilter>('all');
  const [viewport, setViewport] = useState(400);
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const frozen = paused || hover;
  // While paused, the list shows the comments as they were when it stopped.
  const [snapshot, setSnapshot] = useState<{ items: readonly FeedItem[]; total: number } | null>(null);
  if (frozen && snapshot === null) setSnapshot({ items: feed.items, total: feed.total });
  if (!frozen && snapshot !== null) setSnapshot(null);
  const items = filterFeed(snapshot?.items ?? feed.items, filter);
  const win = frozen ? scrollWindow(items.length, viewport, scrollTop) : tailWindow(items.length, viewport);
  const waiting = snapshot === null ? 0 : feed.total - snapshot.total;

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  // Pausing keeps the newest rows in view: scroll to the bottom of the snapshot.
  useLayoutEffect(() => {
    const el = box.current;
    if (el !== null && frozen) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [frozen, filter]);

  const onClick = (e: React.MouseEvent) => {
    const id = (e.target as HTMLElement).closest('li')?.dataset.id;
    if (id !== undefined) set({ selected: id === selected ? null : id });
  };

  return (
    <section className={frozen ? 'lr-stream frozen' : 'lr-stream'} aria-label={t('liveRoom.stream.title')}>
      <header>
        <h3>{t('liveRoom.stream.title')}</h3>
        <span className="lr-count" data-testid="lr-comment-count">
          {t('liveRoom.stream.count', { total: feed.total, hidden: feed.hidden })}
        </span>
        <div className="lr-tabs" role="tablist">
          {FILTERS.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={filter === f} className={filter === f ? 'on' : ''} onClick={() => setFilter(f)}>
              {t(`liveRoom.stream.filter.${f}`)}
            </button>
          ))}
        </div>
      </header>
      <div
        ref={box}
        className={frozen ? 'lr-rows frozen' : 'lr-rows'}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onClick={onClick}
        data-testid="lr-stream"
      >
        <ul style={{ height: frozen ? win.height : '100%' }} className={frozen ? '' : 'tail'}>
          {items.slice(win.start, win.end).map((item, i) => (
            <Row key={item.id} item={item} labels={labels} selected={item.id === selected} top={frozen ? win.offset + i * ROW_PX : (i - (win.end - win.start)) * ROW_PX} />
          ))}
        </ul>
      </div>
      {/* Below the rows, never over them: an overlay under the cursor took the click meant for the newest comment. */}
      <footer className="lr-stream-foot">
        {frozen ? (
          <button type="button" className="lr-resume" onClick={() => set({ feedPaused: false })}>
            {waiting > 0 ? t('liveRoom.stream.newWhilePaused', { count: waiting }) : t('liveRoom.stream.paused')}
          </button>
        ) : (
          <small>{t('liveRoom.stream.pauseHint')}</small>
        )}
      </footer>
    </section>
  );
}
