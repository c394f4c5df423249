// Words that live-selling compliance checks flag, by category, with the rule behind each and a
// compliant alternative (facts: /work/shared/reference/banned-words.md). Commercial checkers sort
// hits into 违禁词 (never allowed) and 敏感词 (allowed only when true and provable); 误伤词 are
// innocent words that contain a flagged one (最近, 第一次) and are not hits.
// Pure data: no Node, React or Electron imports.

export type BannedCategoryId =
  | 'absolute'
  | 'false_authority'
  | 'medical'
  | 'price_fraud'
  | 'pressure'
  | 'diversion'
  | 'superstition'
  | 'guaranteed_returns';

/** banned: never allowed · sensitive: allowed only when true and provable (独家, 原价…). */
export type BannedSeverity = 'banned' | 'sensitive';

export interface BannedEntry {
  /** A literal, matched after NFKC normalisation and lower-casing (so 加Ｖ = 加v). */
  word?: string;
  /** Or a regular-expression source, for families such as 最 + adjective. */
  pattern?: string;
  /** Overrides the category's advice for this entry. */
  advice?: string;
  /** Overrides the category's severity. */
  severity?: BannedSeverity;
}

export interface BannedCategory {
  id: BannedCategoryId;
  name: string;
  nameEn: string;
  /** The law or platform rule, in Chinese. */
  rule: string;
  /** What to say instead, in Chinese. */
  advice: string;
  severity: BannedSeverity;
  entries: readonly BannedEntry[];
}

const w = (word: string, advice?: string, severity?: BannedSeverity): BannedEntry => ({ word, ...(advice === undefined ? {} : { advice }), ...(severity === undefined ? {} : { severity }) });

export const BANNED_CATEGORIES: readonly BannedCategory[] = [
  {
    id: 'absolute',
    name: '极限词',
    nameEn: 'absolute / superlative terms',
    rule: '《广告法》第九条第（三）项：不得使用“国家级”“最高级”“最佳”等用语',
    advice: '用具体事实代替比较级，如“很受欢迎”“回购率高”“甜度实测 13 度”',
    severity: 'banned',
    entries: [
      w('最好', '说“很受欢迎”“口碑不错”'),
      w('最佳', '说“很合适”“推荐”'),
      w('最低价', '说“今天直播间专享价”'),
      w('最便宜', '说“今天直播间专享价”'),
      w('最高级'),
      w('最强'),
      w('最优'),
      w('最棒'),
      w('史上最'),
      { pattern: '最(?:甜|新鲜|好吃|好用|实惠|划算|正宗|安全|有效|受欢迎|畅销)', advice: '去掉“最”，用事实描述，如“很甜，实测糖度 13 度”' },
      w('第一', '说明具体依据，或改说“销量领先的款之一”（需可证明）'),
      w('no.1'),
      w('top1'),
      w('唯一', '说“特色”“少见的”'),
      w('首选', '说“推荐”“很多人会选”'),
      w('顶级', '说“高品质”“精选”'),
      w('极致'),
      w('绝对', '去掉“绝对”，用事实说明'),
      w('100%', '给出真实检测数据，如“含量 95%（附检测报告）”'),
      w('万能'),
      w('国家级', '只陈述可核实的资质名称'),
      w('世界级'),
      w('全球级'),
      w('遥遥领先'),
      w('独家', '仅在有独家授权时使用，并可出示凭证', 'sensitive'),
      w('首发', '仅在确为首发时使用', 'sensitive'),
    ],
  },
  {
    id: 'false_authority',
    name: '虚假权威',
    nameEn: 'false authority',
    rule: '《广告法》第九条：不得使用国家机关、国家机关工作人员的名义或形象；《商标法》第十四条：不得在广告中使用“驰名商标”字样',
    advice: '只陈述可核实的资质，如“有 SC 生产许可证”“有检测报告”',
    severity: 'banned',
    entries: [w('国家机关推荐'), w('领导人推荐'), w('特供'), w('专供'), w('驰名商标'), w('质量免检'), w('免检产品'), w('央视推荐', '仅在可出示合作证明时使用', 'sensitive')],
  },
  {
    id: 'medical',
    name: '医疗用语',
    nameEn: 'medical claims on ordinary goods',
    rule: '《广告法》第十七条：除医疗、药品、医疗器械广告外，不得涉及疾病治疗功能，不得使用医疗用语',
    advice: '食品说口感和营养成分，化妆品说“保湿”“滋润”等普通功效，不说治疗',
    severity: 'banned',
    entries: [
      w('治疗'),
      w('治愈'),
      w('根治'),
      w('药到病除'),
      w('特效'),
      w('抗癌'),
      w('防癌'),
      w('降血压'),
      w('降血糖'),
      w('降血脂'),
      w('消炎'),
      w('祛病'),
      w('包治'),
      w('疗效'),
      w('处方'),
      w('祛痘', '普通化妆品不得宣称祛痘，说“清爽不油腻”', 'sensitive'),
      w('祛斑', '祛斑属特殊化妆品功效，需注册证', 'sensitive'),
      w('美白', '美白属特殊化妆品功效，需注册证；说“提亮肤色（妆效）”', 'sensitive'),
      w('医用级'),
      w('药妆'),
    ],
  },
  {
    id: 'price_fraud',
    name: '价格欺诈',
    nameEn: 'price fraud',
    rule: '《价格法》第十四条、《广告法》第二十八条：不得虚构原价、虚假降价',
    advice: '说“今天直播间专享价”，划线价必须是真实的前期成交价',
    severity: 'banned',
    entries: [
      w('全网最低价'),
      w('全网最低'),
      w('全网底价'),
      w('亏本甩卖', '说“直播间福利价”'),
      w('亏本卖'),
      w('跳楼价'),
      w('虚构原价'),
      { pattern: '原价\\s*\\d', advice: '原价须是真实的前期成交价，可说“日常价”并以商品页为准', severity: 'sensitive' },
    ],
  },
  {
    id: 'pressure',
    name: '诱导紧迫',
    nameEn: 'pressure and inducement',
    rule: '《广告法》第二十八条：以虚假或引人误解的内容欺骗、误导消费者',
    advice: '只说真实的库存和时限，如“这批库存还剩 50 单（后台可见）”',
    severity: 'sensitive',
    entries: [w('最后一天'), w('仅此一次'), w('再不抢就没了'), w('错过再等一年'), w('马上涨价'), w('最后一波'), w('手慢无')],
  },
  {
    id: 'diversion',
    name: '站外导流',
    nameEn: 'diversion off the platform',
    rule: '平台规则与《网络直播营销管理办法（试行）》：不得引导用户脱离平台交易',
    advice: '引导在直播间下单：“点左下角小黄车 1 号链接”',
    severity: 'banned',
    entries: [
      w('加微信'),
      w('加v'),
      w('加vx'),
      w('加wx'),
      w('微信号'),
      w('vx号'),
      w('私信我'),
      w('扫二维码'),
      w('扫码加'),
      w('加我qq'),
      w('去淘宝搜'),
      w('去拼多多'),
      w('留电话'),
      w('私下交易'),
    ],
  },
  {
    id: 'superstition',
    name: '封建迷信',
    nameEn: 'superstition',
    rule: '《广告法》第九条第（八）项：不得含有封建迷信内容',
    advice: '只说产品本身的用途和品质',
    severity: 'banned',
    entries: [w('转运'), w('招财'), w('辟邪'), w('旺夫'), w('保平安'), w('开光'), w('风水')],
  },
  {
    id: 'guaranteed_returns',
    name: '承诺收益',
    nameEn: 'guaranteed returns',
    rule: '《广告法》第二十五条：不得对未来效果、收益作出保证性承诺',
    advice: '不承诺收益，只说明产品和规则',
    severity: 'banned',
    entries: [w('稳赚'), w('保本'), w('无风险'), w('零风险'), w('包赚')],
  },
];

/**
 * 误伤词: innocent words containing a flagged one. A hit that lies inside one of these is not a hit
 * (最近 has 最, 第一次 has 第一, 互动特效 has 特效).
 */
export const FALSE_POSITIVES: readonly string[] = [
  '最近',
  '最后一步',
  '第一次',
  '第一步',
  '第一天',
  '第一口',
  '第一眼',
  '第一泡',
  '第一遍',
  '第一杯',
  '第一时间',
  '第一个问题',
  '第一位',
  '唯一的缺点',
  '互动特效',
  '礼物特效',
  '特效制作',
  '直播特效',
  '绝对值',
];
