// The banned-word check: categories, longest match, 误伤词 exceptions, normalisation.
import { describe, expect, it } from 'vitest';
import { BANNED_CATEGORIES, scanText } from '../../scenarios/compliance/index.ts';

const words = (text: string) => scanText(text).map((h) => `${h.word}/${h.category}`);

describe('scanText', () => {
  it('finds one word of every category with its rule and advice', () => {
    const samples: Record<string, string> = {
      absolute: '这是最好的脐橙',
      false_authority: '国家机关推荐的好茶',
      medical: '每天喝能降血压',
      price_fraud: '今天全网最低价',
      pressure: '最后一天，手慢无',
      diversion: '想要的加微信',
      superstition: '戴上能招财',
      guaranteed_returns: '稳赚不赔',
    };
    for (const c of BANNED_CATEGORIES) {
      const hits = scanText(samples[c.id] ?? '');
      expect(hits.length, c.id).toBeGreaterThan(0);
      expect(hits[0]).toMatchObject({ category: c.id, categoryName: c.name, rule: c.rule });
      expect(hits[0]?.advice.length).toBeGreaterThan(0);
    }
  });

  it('reports the longest of nested hits once: 全网最低价, not also 最低价', () => {
    expect(words('是不是全网最低价？')).toEqual(['全网最低价/price_fraud']);
    expect(scanText('全网最低价')[0]?.advice).toMatch(/今天直播间专享价/);
  });

  it('does not flag 误伤词 such as 最近、第一次、第一泡、互动特效', () => {
    expect(scanText('最近很多人第一次买，第一泡 10 秒出汤，第一时间发货')).toEqual([]);
    expect(scanText('礼物会触发互动特效')).toEqual([]);
    expect(words('第一次买，但它是第一')).toEqual(['第一/absolute']);
  });

  it('normalises width and case: 加Ｖ, 加V and 加v all hit', () => {
    expect(words('加Ｖ领券')).toEqual(['加v/diversion']);
    expect(words('加V领券')).toEqual(['加v/diversion']);
    expect(words('ＮＯ．1 的品质')).toEqual(['no.1/absolute']);
  });

  it('finds 最 + adjective families and 原价 claims, with severities', () => {
    expect(words('这批最甜')).toEqual(['最甜/absolute']);
    expect(words('史上最甜')).toEqual(['史上最/absolute']);
    const hits = scanText('原价 99，今天 59');
    expect(hits).toMatchObject([{ category: 'price_fraud', severity: 'sensitive' }]);
    expect(scanText('独家授权')[0]?.severity).toBe('sensitive');
    expect(scanText('最好')[0]?.severity).toBe('banned');
  });

  it('innocent text has no hits; positions point into the normalised text', () => {
    expect(scanText('今天直播间专享价 39.9 元，坏果包赔')).toEqual([]);
    expect(scanText('')).toEqual([]);
    const [hit] = scanText('我们是第一');
    expect(hit).toMatchObject({ start: 3, end: 5 });
  });
});
