// The trainee's own camera as the viewers see the room: host chip and online count, the latest
// comments floating bottom-left (as on 抖音), the pinned comment, the 讲解中 product bubble, the
// coupon and flash-sale chips. Faults are felt here: the stream freezes with a banner when the
// network drops, the picture goes black when the camera is gone, a mic badge when there is no sound.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FAULTS, MODEL, type FaultRecord, type SessionState } from '../../../../scenarios/engine/index.ts';
import { FirstImage } from './ProductImage.tsx';
import { SimHost } from './SimHost.tsx';
import { useLiveRoom } from './store.ts';
import { Toasts } from './Toasts.tsx';

const FLOATING = 5;

function Floating() {
  const items = useLiveRoom((s) => s.view.feed.items);
  const latest = useMemo(() => {
    const out = [];
    for (let i = items.length - 1; i >= 0 && out.length < FLOATING; i--) {
      const x = items[i];
      if (x !== undefined && x.hidden === null) out.push(x);
    }
    return out.reverse();
  }, [items]);
  return (
    <ul className="lr-float" aria-hidden="true">
      {latest.map((c) => (
        <li key={c.id}>
          <b>{c.user}</b> {c.text}
        </li>
      ))}
    </ul>
  );
}

function Offers({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const now = state.t;
  const pinned = state.scenario.products.find((p) => p.id === state.pinnedProduct);
  const pinnedComment = state.pinnedComment === null ? undefined : state.recent.find((c) => c.id === state.pinnedComment);
  const flashProduct = state.flashSale === null ? undefined : state.scenario.products.find((p) => p.id === state.flashSale?.productId);
  const flashLeft = state.products.find((p) => p.id === flashProduct?.id)?.flashStock ?? 0;
  const couponProduct = state.coupon === null ? undefined : state.scenario.products.find((p) => p.id === state.coupon?.productId);
  return (
    <>
      {pinnedComment !== undefined && (
        <div className="lr-pinned-comment">
          <em>{t('liveRoom.stage.pinnedComment')}</em> <b>{pinnedComment.user}</b> {pinnedComment.text}
        </div>
      )}
      <div className="lr-chips">
        {state.coupon !== null && couponProduct?.coupon !== undefined && (
          <span className="lr-chip coupon">{t('liveRoom.stage.coupon', { threshold: couponProduct.coupon.threshold, amount: couponProduct.coupon.amount, seconds: Math.max(0, Math.ceil((state.coupon.until - now) / 1000)) })}</span>
        )}
        {state.flashSale !== null && flashProduct?.flashSale !== undefined && (
          <span className="lr-chip flash">{t('liveRoom.stage.flash', { price: flashProduct.flashSale.price, left: flashLeft, seconds: Math.max(0, Math.ceil((state.flashSale.until - now) / 1000)) })}</span>
        )}
      </div>
      {pinned !== undefined && (
        <div className="lr-bubble" data-testid="lr-bubble">
          <FirstImage images={pinned.images} alt={pinned.name} className="lr-bubble-img" />
          <div>
            <em>{t('liveRoom.product.explaining')}</em>
            <b>{pinned.name}</b>
            <span>¥{(state.flashSale?.productId === pinned.id && pinned.flashSale ? pinned.flashSale.price : pinned.price).toFixed(2)}</span>
          </div>
        </div>
      )}
    </>
  );
}

/** The mic level, updated ten times a second on its own (the stage does not re-render for it). */
function MicMeter({ off }: { off: boolean }) {
  const { t } = useTranslation();
  const voice = useLiveRoom((s) => s.voice);
  return (
    <div className={`lr-mic${voice >= MODEL.voiceThreshold ? ' speaking' : ''}${off ? ' off' : ''}`} title={t('liveRoom.stage.mic')}>
      <i style={{ height: `${String(Math.round(Math.min(1, voice) * 100))}%` }} />
      {off ? t('liveRoom.stage.noSound') : t('liveRoom.stage.micLabel')}
    </div>
  );
}

const PREVIEW_WIDTH = 640;

export function Stage({ faults }: { faults: readonly FaultRecord[] }) {
  const { t } = useTranslation();
  const stream = useLiveRoom((s) => s.stream);
  const state = useLiveRoom((s) => s.state);
  const ref = useRef<HTMLVideoElement>(null);
  const down = faults.find((f) => f.impact === 'stream_down' && f.kind !== 'power_cut');
  const noPicture = faults.find((f) => f.impact === 'no_picture');
  const noSound = faults.find((f) => f.impact === 'no_sound');

  // The preview shows a clone of the camera track scaled down to the box (Chromium rescales at
  // capture): drawing 720p at 30 fps into a small box costs the page far more than it shows.
  useEffect(() => {
    const video = ref.current;
    const track = stream?.getVideoTracks()[0];
    if (video === null) return;
    if (track === undefined) {
      video.srcObject = stream;
      return;
    }
    const clone = track.clone();
    void clone.applyConstraints({ width: { ideal: PREVIEW_WIDTH }, height: { ideal: Math.round((PREVIEW_WIDTH * 9) / 16) } }).catch(() => undefined);
    video.srcObject = new MediaStream([clone]);
    void video.play().catch(() => undefined);
    return () => clone.stop();
  }, [stream]);
  // A network drop freezes the picture where it was (what viewers see), until the stream is back.
  useEffect(() => {
    const video = ref.current;
    if (video === null) return;
    if (down !== undefined) video.pause();
    else void video.play().catch(() => undefined);
  }, [down]);

  if (state === null) return null;
  // 平台管理员 tasks: the host is simulated and drawn; the trainee's camera is not the host.
  const simulated = state.scenario.audience.host === 'simulated';
  const hasVideo = simulated || (stream !== null && stream.getVideoTracks().some((x) => x.readyState === 'live'));
  const hostName = simulated ? (state.scenario.host?.name ?? t('liveRoom.simHost.label')) : null;
  return (
    <div className={`lr-stage${simulated ? ' sim' : ''}${down ? ' frozen' : ''}${noPicture || !hasVideo ? ' dark' : ''}`} data-testid="lr-stage">
      {simulated ? <SimHost state={state} silent={noSound !== undefined || down !== undefined} /> : <video ref={ref} muted playsInline autoPlay />}
      {(!hasVideo || noPicture) && <div className="lr-nopicture">{noPicture ? t('liveRoom.stage.noPicture', { title: t(FAULTS[noPicture.kind].key) }) : t('liveRoom.stage.noCamera')}</div>}
      <div className="lr-host">
        <span className="lr-avatar">{hostName?.slice(0, 1) ?? state.scenario.products[0]?.name.slice(0, 1) ?? '播'}</span>
        <div>
          <b>{hostName === null ? t('liveRoom.stage.host') : t('liveRoom.simHost.badge', { name: hostName })}</b>
          <small>{t('liveRoom.stage.online', { count: state.viewers })}</small>
        </div>
      </div>
      {!simulated && <MicMeter off={noSound !== undefined} />}
      <Floating />
      <Offers state={state} />
      <Toasts />
      {down !== undefined && (
        <div className="lr-banner down" role="alert" data-testid="lr-frozen">
          <strong>{t(FAULTS[down.kind].key)}</strong>
          <span>{t('liveRoom.stage.frozen')}</span>
        </div>
      )}
      {down === undefined && noSound !== undefined && (
        <div className="lr-banner sound" role="alert">
          <strong>{t(FAULTS[noSound.kind].key)}</strong>
          <span>{t('liveRoom.fault.impact.no_sound')}</span>
        </div>
      )}
    </div>
  );
}
