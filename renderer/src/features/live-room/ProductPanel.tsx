// 商品: the product card as the backstage sees it (price, stock, coupon and flash-sale stock), with
// 讲解 (pin as 讲解中), 发券 and 开秒杀, and the selling points to mark as covered (keys 1–9).
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../scenarios/engine/index.ts';
import type { Product } from '../../../../scenarios/format/schema.ts';
import { coverPoint, pushCoupon, startFlashSale, togglePinProduct } from './actions.ts';
import { formatClock } from './clock.ts';
import { FirstImage } from './ProductImage.tsx';
import { Key } from './ShortcutBar.tsx';
import { useSession } from './store.ts';

type Room = Pick<SessionState, 'scenario' | 'products' | 'pinnedProduct' | 'coupon' | 'flashSale' | 'cues' | 'covered'>;

function ProductCard({ p, state, first }: { p: Product; state: Room; first: boolean }) {
  const { t } = useTranslation();
  const stock = state.products.find((x) => x.id === p.id);
  const pinned = state.pinnedProduct === p.id;
  const couponOn = state.coupon !== null && state.coupon.productId === p.id;
  const flashOn = state.flashSale !== null && state.flashSale.productId === p.id;
  const cue = state.cues.find((q) => q.productId === p.id && q.reactedAt === null);
  // Units sold from stock and from the flash-sale stock (the orders list grows all session long).
  const sold = p.stock - (stock?.stock ?? p.stock) + (p.flashSale?.stock ?? 0) - (stock?.flashStock ?? p.flashSale?.stock ?? 0);
  return (
    <article className={pinned ? 'lr-product pinned' : 'lr-product'} data-product={p.id}>
      <div className="lr-product-top">
        <FirstImage images={p.images} alt={p.name} className="lr-product-img" />
        <div>
          {pinned && <em className="lr-explaining">{t('liveRoom.product.explaining')}</em>}
          <h4>{p.name}</h4>
          <p className="lr-price">
            <strong>¥{p.price.toFixed(2)}</strong>
            {p.listPrice !== undefined && <s>¥{p.listPrice.toFixed(2)}</s>}
          </p>
          <p className="lr-stock">{t('liveRoom.product.stock', { stock: stock?.stock ?? p.stock, sold })}</p>
        </div>
      </div>
      <div className="lr-product-actions">
        <button type="button" className={pinned ? 'on' : 'lr-primary'} onClick={() => togglePinProduct(p.id)} data-testid={`lr-pin-${p.id}`}>
          {pinned ? t('liveRoom.product.unpin') : t('liveRoom.product.pin')} {first && <Key k="P" />}
        </button>
        {p.coupon !== undefined && (
          <button type="button" onClick={() => pushCoupon(p.id)} disabled={couponOn} data-testid={`lr-coupon-${p.id}`}>
            {couponOn ? t('liveRoom.product.couponOn') : t('liveRoom.product.coupon', { threshold: p.coupon.threshold, amount: p.coupon.amount })} {first && <Key k="C" />}
          </button>
        )}
        {p.flashSale !== undefined && (
          <button type="button" className={cue !== undefined ? 'lr-cued' : ''} onClick={() => startFlashSale(p.id)} disabled={flashOn} data-testid={`lr-flash-${p.id}`}>
            {flashOn ? t('liveRoom.product.flashOn') : t('liveRoom.product.flash', { price: p.flashSale.price })} {first && <Key k="F" />}
          </button>
        )}
      </div>
      {(p.coupon !== undefined || p.flashSale !== undefined) && (
        <p className="lr-stock">
          {p.coupon !== undefined && t('liveRoom.product.couponStock', { left: stock?.couponStock ?? 0 })}
          {p.coupon !== undefined && p.flashSale !== undefined && ' · '}
          {p.flashSale !== undefined && t('liveRoom.product.flashStock', { left: stock?.flashStock ?? 0 })}
        </p>
      )}
      {state.scenario.audience.host === 'simulated' ? (
        <>
          <h5>{t('liveRoom.simHost.points')}</h5>
          <ul className="lr-simpoints" data-testid="lr-simpoints">
            {p.sellingPoints.map((x) => (
              <li key={x.id}>{x.text}</li>
            ))}
          </ul>
        </>
      ) : (
        <HostPoints p={p} state={state} first={first} />
      )}
    </article>
  );
}

/** 卖点 the host marks as covered while talking (keys 1–9 on the first product). */
function HostPoints({ p, state, first }: { p: Product; state: Room; first: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <h5>{t('liveRoom.product.points')}</h5>
      <ol className="lr-points">
        {p.sellingPoints.map((x, i) => {
          const done = state.covered.find((c) => c.productId === p.id && c.pointId === x.id);
          return (
            <li key={x.id} className={done ? 'done' : ''}>
              <button type="button" onClick={() => coverPoint(i, p.id)} disabled={done !== undefined} data-point={x.id}>
                {first && i < 9 && <Key k={String(i + 1)} />}
                <span>{x.text}</span>
                {done && <small>{formatClock(done.t)}</small>}
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function ProductPanel() {
  const { t } = useTranslation();
  const state = useSession('scenario', 'products', 'pinnedProduct', 'coupon', 'flashSale', 'cues', 'covered');
  if (state === null) return null;
  return (
    <section className="lr-products" aria-label={t('liveRoom.product.title')}>
      <h3>{t('liveRoom.product.title')}</h3>
      {state.scenario.products.map((p) => (
        <ProductCard key={p.id} p={p} state={state} first={p.id === (state.pinnedProduct ?? state.scenario.products[0]?.id)} />
      ))}
    </section>
  );
}
