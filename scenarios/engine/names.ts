// Viewer nicknames, derived from a viewer id by an integer hash, so they need no storage and are the
// same for the same id on every run.
import { mix } from './rng.ts';

const PREFIX = ['爱吃', '快乐', '小小', '阿', '大', '甜甜', '追光', '深夜', '勤劳', '佛系', '早起', '会过日子的', '江南', '山城', '北方', '岭南'];
const CORE = ['橙子', '小鹿', '猫咪', '阿强', '晓梅', '小雨', '老王', '花卷', '豆包', '芒果', '团子', '锅巴', '米粒', '青柠', '可乐', '柚子', '桃子', '阿杰', '丽丽', '大鹏'];
const SUFFIX = ['', '', '', '呀', '酱', '同学', '妈妈', '爸爸', '宝', '2021', '88', '666', '_lucky', '在路上'];
const TROLL = ['路人甲', '看不惯', '杠精本精', '匿名用户', '专业差评', '冷眼旁观'];
const SPAM = ['福利官', '优惠小助手', '低价渠道', '代购小王', '领券达人', '源头批发'];

function pick(list: readonly string[], h: number): string {
  return list[h % list.length] ?? '';
}

/** The nickname of a generated viewer id (u12, troll-0, spam-1); scenario names come first for u0…. */
export function nickname(id: string, extra: readonly string[]): string {
  const dash = id.indexOf('-');
  const kind = dash < 0 ? 'u' : id.slice(0, dash);
  const n = Number(dash < 0 ? id.slice(1) : id.slice(dash + 1));
  if (kind === 'u' && n < extra.length) return extra[n] ?? id;
  const h = mix(n, kind === 'troll' ? 7 : kind === 'spam' ? 11 : 3);
  if (kind === 'troll') return `${pick(TROLL, h)}${(h >>> 8) % 100}`;
  if (kind === 'spam') return `${pick(SPAM, h)}${(h >>> 8) % 100}`;
  return `${pick(PREFIX, h)}${pick(CORE, h >>> 5)}${pick(SUFFIX, h >>> 11)}`;
}
