// The video and every event on one time axis: lanes of moments and spans, small graphs (viewers,
// orders, OBS bitrate and skipped frames), the assessor's notes, and the event list. Clicking
// anything seeks the video; while it plays, the current events light up.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ANNOTATION_TAGS, LANES, type AnnotationTag, type Lane } from '../../../../scenarios/scoring/index.ts';
import { say } from '../../i18n/words.ts';
import { registerVideo, seek, useAssessor } from './store.ts';
import { fmtTime, isCurrent, mediaUrl, nextAnnotationId, percentOf, type TimelineItem } from './view.ts';

type Series = NonNullable<ReturnType<typeof useAssessor.getState>['data']>['timeline']['series'][number];

function Player({ sessionId, media }: { sessionId: string; media: { name: string; mimeType: string }[] }) {
  const { t } = useTranslation();
  const setTime = useAssessor((s) => s.setTime);
  const [error, setError] = useState<string | null>(null);
  const first = media[0];
  if (!first) return <div className="as-video as-novideo">{t('assessor.timeline.noVideo')}</div>;
  return (
    <div className="as-video">
      <video
        ref={registerVideo}
        src={mediaUrl(sessionId, first.name, window.location.search)}
        controls
        preload="metadata"
        data-testid="as-video"
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime * 1000)}
        onSeeked={(e) => setTime(e.currentTarget.currentTime * 1000)}
        onError={(e) => setError(e.currentTarget.error?.message ?? String(e.currentTarget.error?.code ?? ''))}
      />
      {error !== null && <div className="as-banner as-bad">{t('assessor.timeline.videoError', { message: error })}</div>}
    </div>
  );
}

/** An item's label, then its facts ('' when it has none). */
const labelOf = (t: TFunction, item: TimelineItem) => say(t, item.label);
const detailOf = (t: TFunction, item: TimelineItem) => item.detail.map((d) => say(t, d)).join(t('timeline.sep'));

function Spark({ series, duration }: { series: Series; duration: number }) {
  const { t } = useTranslation();
  const label = t(`timeline.series.${series.id}.label`);
  const unit = t(`timeline.series.${series.id}.unit`);
  const max = Math.max(1, ...series.points.map((p) => p[1]));
  const path = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${percentOf(p[0], duration).toFixed(2)},${(28 - (p[1] / max) * 26).toFixed(2)}`).join(' ');
  const last = series.points.at(-1);
  return (
    <div className="as-lane as-series" title={t('assessor.timeline.seriesMax', { label, max, unit })}>
      <span className="as-lane-name">{label}</span>
      <div className="as-track" onClick={(e) => seekFromTrack(e, duration)}>
        <svg viewBox="0 0 100 30" preserveAspectRatio="none" className={`as-spark as-spark-${series.id}`}>
          <path d={path} vectorEffect="non-scaling-stroke" />
        </svg>
        <span className="as-spark-max">
          {max} {unit}
          {last ? t('assessor.timeline.seriesLast', { value: last[1] }) : ''}
        </span>
      </div>
    </div>
  );
}

function seekFromTrack(e: React.MouseEvent<HTMLDivElement>, duration: number): void {
  if (e.target !== e.currentTarget && !(e.target instanceof SVGElement)) return;
  const box = e.currentTarget.getBoundingClientRect();
  seek(Math.round(((e.clientX - box.left) / box.width) * duration));
}

function Marker({ item, duration, now }: { item: TimelineItem; duration: number; now: number }) {
  const { t } = useTranslation();
  const detail = detailOf(t, item);
  const left = percentOf(item.t, duration);
  const span = item.end !== null && item.end > item.t;
  const width = span ? Math.max(0.6, percentOf(item.end ?? item.t, duration) - left) : undefined;
  return (
    <button
      className={`as-mark as-tone-${item.tone}${span ? ' as-span' : ''}${isCurrent(item, now) ? ' as-now' : ''}`}
      style={{ left: `${left}%`, ...(width === undefined ? {} : { width: `${width}%` }) }}
      title={`${fmtTime(item.t)} ${labelOf(t, item)}${detail ? `\n${detail}` : ''}`}
      onClick={() => seek(item.t)}
      data-testid={`mark-${item.id}`}
    />
  );
}

function Annotate() {
  const { t } = useTranslation();
  const { identity, data, form, setForm, currentMs } = useAssessor();
  const [tag, setTag] = useState<AnnotationTag | null>(null);
  const [text, setText] = useState('');
  if (!identity || !form || !data) return null;
  if (data.me?.signed === true) return <p className="as-note as-small">{t('assessor.annotate.signedNote')}</p>;
  const add = () => {
    setForm((f) => ({ ...f, annotations: [...f.annotations, { id: nextAnnotationId(f.annotations), t: Math.round(currentMs), tag, text: text.trim() }].sort((a, b) => a.t - b.t) }));
    setText('');
    setTag(null);
  };
  return (
    <div className="as-annotate">
      <strong>{t('assessor.annotate.heading', { time: fmtTime(currentMs) })}</strong>
      <div className="as-row as-wrap">
        {ANNOTATION_TAGS.map((x) => (
          <button key={x} className={tag === x ? 'as-chip as-on' : 'as-chip'} onClick={() => setTag(tag === x ? null : x)} data-testid={`tag-${x}`}>
            {t(`timeline.tag.${x}`)}
          </button>
        ))}
        <input className="as-grow" value={text} placeholder={t('assessor.annotate.text')} onChange={(e) => setText(e.target.value)} maxLength={500} data-testid="as-note-text" />
        <button className="as-primary" disabled={tag === null && text.trim() === ''} onClick={add} data-testid="as-note-add">
          {t('assessor.annotate.add')}
        </button>
      </div>
    </div>
  );
}

export function TimelinePane() {
  const { t } = useTranslation();
  const { data, form, currentMs } = useAssessor();
  const [only, setOnly] = useState<Lane | null>(null);
  const listRef = useRef<HTMLOListElement | null>(null);
  const timeline = data?.timeline;
  const duration = Math.max(1, timeline?.durationMs ?? 1);
  const lanes = useMemo(() => LANES.filter((l) => timeline?.items.some((i) => i.lane === l) === true), [timeline]);
  const shown = useMemo(() => (timeline?.items ?? []).filter((i) => only === null || i.lane === only), [timeline, only]);
  const notes = useMemo(() => form?.annotations ?? [], [form]);
  const rows = useMemo(
    () =>
      [
        ...shown.map((i) => ({ key: i.id, t: i.t, end: i.end, tone: i.tone, lane: i.lane, laneName: t(`timeline.lane.${i.lane}`), label: labelOf(t, i), detail: detailOf(t, i) })),
        ...(only === null ? notes : []).map((a) => ({ key: `note-${a.id}`, t: a.t, end: null, tone: 'info' as const, lane: 'note', laneName: t('assessor.timeline.annotations'), label: `${a.tag ? t('assessor.timeline.tagged', { tag: t(`timeline.tag.${a.tag}`) }) : ''}${a.text}`, detail: '' })),
      ].sort((a, b) => a.t - b.t),
    [shown, notes, only, t],
  );
  const firstNow = rows.find((r) => isCurrent(r, currentMs))?.key ?? null;
  useEffect(() => {
    if (firstNow === null) return;
    const el = listRef.current?.querySelector(`[data-item="${firstNow}"]`);
    if (el instanceof HTMLElement && listRef.current) listRef.current.scrollTop = el.offsetTop - listRef.current.offsetTop - 8;
  }, [firstNow]);
  if (!data || !timeline) return null;
  const othersNotes = data.panel.sheets.filter((s) => s.content.assessor.id !== data.me?.assessorId).flatMap((s) => s.content.annotations.map((a) => ({ ...a, who: s.content.assessor.name })));
  return (
    <section className="as-card as-timeline-pane">
      <Player sessionId={data.session.sessionId} media={data.session.media} />
      <div className="as-axis" data-testid="as-axis">
        <div className="as-lane as-ruler">
          <span className="as-lane-name">{fmtTime(currentMs)}</span>
          <div className="as-track" onClick={(e) => seekFromTrack(e, duration)}>
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <span key={f} className="as-tick" style={{ left: `${f * 100}%` }}>
                {fmtTime(f * duration)}
              </span>
            ))}
          </div>
        </div>
        {lanes.map((lane) => (
          <div key={lane} className="as-lane" data-lane={lane}>
            <span className="as-lane-name">{t(`timeline.lane.${lane}`)}</span>
            <div className="as-track" onClick={(e) => seekFromTrack(e, duration)}>
              {timeline.items
                .filter((i) => i.lane === lane)
                .map((i) => (
                  <Marker key={i.id} item={i} duration={duration} now={currentMs} />
                ))}
            </div>
          </div>
        ))}
        {timeline.series
          .filter((s) => s.points.length > 0)
          .map((s) => (
            <Spark key={s.id} series={s} duration={duration} />
          ))}
        <div className="as-lane" data-lane="annotations">
          <span className="as-lane-name">{t('assessor.timeline.annotations')}</span>
          <div className="as-track" onClick={(e) => seekFromTrack(e, duration)}>
            {[...notes.map((a) => ({ ...a, who: null as string | null })), ...othersNotes].map((a) => (
              <button
                key={`${a.who ?? 'me'}-${a.id}`}
                className={`as-mark as-note-mark${a.who === null ? '' : ' as-others'}`}
                style={{ left: `${percentOf(a.t, duration)}%` }}
                title={`${fmtTime(a.t)} ${a.tag ? t(`timeline.tag.${a.tag}`) : ''} ${a.text}${a.who === null ? '' : t('assessor.timeline.by', { who: a.who })}`}
                onClick={() => seek(a.t)}
              />
            ))}
          </div>
        </div>
        <div className="as-playhead-layer" aria-hidden>
          <div className="as-playhead" style={{ left: `${percentOf(currentMs, duration)}%` }} />
        </div>
      </div>
      <Annotate />
      <div className="as-row as-wrap as-filters">
        <strong>{t('assessor.timeline.events')}</strong>
        <button className={only === null ? 'as-chip as-on' : 'as-chip'} onClick={() => setOnly(null)}>
          {t('assessor.timeline.all')} {timeline.items.length}
        </button>
        {lanes.map((l) => (
          <button key={l} className={only === l ? 'as-chip as-on' : 'as-chip'} onClick={() => setOnly(only === l ? null : l)}>
            {t(`timeline.lane.${l}`)} {timeline.items.filter((i) => i.lane === l).length}
          </button>
        ))}
      </div>
      <ol className="as-events" ref={listRef} data-testid="as-events">
        {rows.length === 0 && <li className="as-note">{t('assessor.timeline.empty')}</li>}
        {rows.map((r) => (
          <li key={r.key} data-item={r.key} className={`as-event as-tone-${r.tone}${isCurrent(r, currentMs) ? ' as-now' : ''}`} onClick={() => seek(r.t)}>
            <span className="as-time">{fmtTime(r.t)}</span>
            <span className={`as-lane-tag as-lane-${r.lane}`}>{r.laneName}</span>
            <span className="as-label">
              {r.label}
              {r.detail && <small>{r.detail}</small>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
