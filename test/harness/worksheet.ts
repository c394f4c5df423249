// The A level-4 worksheet (a4-tea-selection-pricing) filled right, and the one wrong margin the
// tests and the e2e type first (the 5 % service fee forgotten on T01: 33.40 instead of 30.41).
import type { WorksheetAnswers } from '../../scenarios/worksheet/index.ts';

export const A4_ID = 'a4-tea-selection-pricing';

/** Per product row: lowest price, live price, unit margin, margin rate, chosen. */
export const A4_PRICING: readonly { low: string; price: string; margin: string; margin_pct: string; picked: boolean }[] = [
  { low: '59.9', price: '59.9', margin: '30.41', margin_pct: '50.8', picked: true },
  { low: '25.9', price: '25.9', margin: '11.81', margin_pct: '45.6', picked: true },
  { low: '16.8', price: '16.8', margin: '4.46', margin_pct: '26.5', picked: false },
  { low: '35.9', price: '35.9', margin: '18.11', margin_pct: '50.4', picked: true },
  { low: '29.9', price: '29.9', margin: '9.41', margin_pct: '31.5', picked: false },
  { low: '45', price: '45', margin: '21.25', margin_pct: '47.2', picked: true },
];
export const A4_WRONG_MARGIN = { row: 0, value: '33.4' };

export const A4_SETTLEMENT: readonly { income: string; breakeven: string }[] = [
  { income: '7188', breakeven: '0' },
  { income: '5594', breakeven: '84' },
  { income: '6797', breakeven: '186' },
];

export const A4_PROPOSAL =
  '推荐坑位费2000元加10%佣金：预计销量600件远高于商家保本销量84件，商家风险可控，直播间收入5594元也有保底。协议需约定：结算周期为直播结束后T+15按实际签收金额结算；退货退款由商家承担并扣减佣金；样品两份在开播前三天寄到；直播后30天内其他渠道不得低于直播价（价格保护）。';
export const A4_SCRIPT =
  '家人们看过来，这款新会陈皮普洱茶用的是新会柑皮和云南熟普，250克一罐，泡开是陈皮的清香加普洱的醇厚，秋冬下午来一杯暖暖的。三家平台里最低也要59.9，今晚直播间同价还送试饮装，库存有限，喜欢的点下方小黄车直接拍。';
export const A4_SCRIPT_BANNED = '这是全网最低价的陈皮普洱茶，喝了能降三高，秋冬来一罐，库存有限，家人们点下方小黄车直接拍，今晚只有这一场，错过就没有了，赶紧下单吧。';

export function a4Answers(over: { marginRow0?: string; script?: string; sample?: string; picked?: readonly boolean[] } = {}): WorksheetAnswers {
  return {
    parts: {
      pricing: {
        type: 'table',
        rows: A4_PRICING.map((r, i) => ({
          low: r.low,
          price: r.price,
          margin: i === 0 && over.marginRow0 !== undefined ? over.marginRow0 : r.margin,
          margin_pct: r.margin_pct,
          picked: String(over.picked?.[i] ?? r.picked),
        })),
      },
      settlement: { type: 'table', rows: A4_SETTLEMENT.map((r) => ({ ...r })) },
      mode: { type: 'choice', selected: ['slot-2000'] },
      proposal: { type: 'short_answer', text: A4_PROPOSAL },
      script: { type: 'short_answer', text: over.script ?? A4_SCRIPT },
      'sample-issue': { type: 'choice', selected: [over.sample ?? 'fix-first'] },
    },
  };
}
