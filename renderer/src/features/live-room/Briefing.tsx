// 任务说明 before going live: the task, the product card, duration, the skill codes it exercises
// and how it is scored, the keyboard shortcuts; then 开始直播.
import { useTranslation } from 'react-i18next';
import { skillById } from '../../../../scenarios/standard/index.ts';
import type { Product } from '../../../../scenarios/format/schema.ts';
import { FirstImage } from './ProductImage.tsx';
import { ShortcutLegend } from './ShortcutBar.tsx';
import { backToPicker, goLive } from './session.ts';
import { useLiveRoom } from './store.ts';

function BriefProduct({ p }: { p: Product }) {
  const { t } = useTranslation();
  return (
    <article className="lr-brief-product">
      <FirstImage images={p.images} alt={p.name} className="lr-brief-img" />
      <div>
        <h4>{p.name}</h4>
        <p className="lr-price">
          <strong>¥{p.price.toFixed(2)}</strong>
          {p.listPrice !== undefined && <s>¥{p.listPrice.toFixed(2)}</s>}
          <span>{t('liveRoom.brief.stock', { stock: p.stock })}</span>
        </p>
        {p.coupon !== undefined && <p className="lr-offer">{t('liveRoom.brief.coupon', { threshold: p.coupon.threshold, amount: p.coupon.amount, stock: p.coupon.stock, seconds: p.coupon.validSec })}</p>}
        {p.flashSale !== undefined && <p className="lr-offer">{t('liveRoom.brief.flash', { price: p.flashSale.price, stock: p.flashSale.stock, seconds: p.flashSale.durationSec })}</p>}
        <dl className="lr-specs">
          {p.specs.map((s) => (
            <div key={s.name}>
              <dt>{s.name}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
        </dl>
        <h5>{t('liveRoom.brief.sellingPoints')}</h5>
        <ol className="lr-points-brief">
          {p.sellingPoints.map((x) => (
            <li key={x.id}>{x.text}</li>
          ))}
        </ol>
      </div>
    </article>
  );
}

export function Briefing() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const scenario = useLiveRoom((s) => s.scenario);
  const stage = useLiveRoom((s) => s.stage);
  const candidate = useLiveRoom((s) => s.candidate);
  const candidateId = useLiveRoom((s) => s.candidateId);
  const startError = useLiveRoom((s) => s.startError);
  const set = useLiveRoom((s) => s.set);
  if (scenario === null) return null;
  const starting = stage === 'starting';
  const total = scenario.rubric.reduce((a, r) => a + r.points, 0);

  return (
    <main className="lr-brief">
      <header className="lr-brief-head">
        <div>
          <h2>{english ? scenario.title.en : scenario.title['zh-CN']}</h2>
          <p className="lr-brief-text">{english ? scenario.brief.en : scenario.brief['zh-CN']}</p>
          <p className="lr-brief-meta">
            {t('liveRoom.brief.duration', { minutes: Math.floor(scenario.durationSec / 60), seconds: scenario.durationSec % 60 })}
            {' · '}
            {t('liveRoom.brief.audience', { viewers: scenario.audience.baseViewers, perMin: scenario.audience.commentsPerMin, reply: scenario.audience.replyWithinSec })}
          </p>
        </div>
        <div className="lr-brief-go">
          <label>
            {t('liveRoom.brief.candidate')}
            <input value={candidate} maxLength={100} placeholder={t('liveRoom.brief.candidatePlaceholder')} onChange={(e) => set({ candidate: e.target.value })} disabled={starting} />
          </label>
          <label>
            {t('liveRoom.brief.candidateId')}
            <input value={candidateId} maxLength={100} placeholder={t('liveRoom.brief.candidateIdPlaceholder')} onChange={(e) => set({ candidateId: e.target.value })} disabled={starting} data-testid="lr-candidate-id" />
          </label>
          <button type="button" className="lr-go" onClick={() => void goLive()} disabled={starting}>
            {starting ? t('liveRoom.brief.starting') : t('liveRoom.brief.start')}
          </button>
          <button type="button" className="lr-link" onClick={backToPicker} disabled={starting}>
            {t('liveRoom.brief.back')}
          </button>
          <small>{t('liveRoom.brief.startHint')}</small>
          {startError !== null && (
            <p className="lr-error" role="alert">
              {t('liveRoom.brief.startFailed', { message: startError })}
            </p>
          )}
        </div>
      </header>
      <div className="lr-brief-grid">
        <section>
          <h3>{t('liveRoom.brief.products')}</h3>
          {scenario.products.map((p) => (
            <BriefProduct key={p.id} p={p} />
          ))}
        </section>
        <section>
          <h3>{t('liveRoom.brief.skills')}</h3>
          <ul className="lr-skill-list">
            {scenario.skills.map((id) => (
              <li key={id}>
                <span className="lr-code">{id}</span> {skillById(id)?.text ?? ''}
              </li>
            ))}
          </ul>
          <h3>{t('liveRoom.brief.rubric', { total })}</h3>
          <table className="lr-rubric">
            <tbody>
              {scenario.rubric.map((r) => (
                <tr key={r.id}>
                  <td>
                    <strong>{english ? r.title.en : r.title['zh-CN']}</strong>
                    <small>{r.criteria.join('；')}</small>
                  </td>
                  <td className="lr-codes">{r.skills.join(' ')}</td>
                  <td className="num">{t('liveRoom.brief.points', { points: r.points })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('liveRoom.brief.shortcuts')}</h3>
          <ShortcutLegend />
        </section>
      </div>
    </main>
  );
}
