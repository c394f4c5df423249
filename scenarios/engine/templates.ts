// The engine's own comment templates, used beside each scenario's bank so that every room has
// variety (MODEL.md §6). Slots ({product}, {price}, {region}, …) are those of the scenario format
// (COMMENT_SLOTS) and are filled from the scenario when the comment is made; a template whose slot
// the product cannot fill (no coupon, no specs, no list price) is not used for it. Claims say what
// must be true of the room for the text to be said (COMMENT_CLAIMS). Texts are generic enough for
// any product: fruit, tea, a blender, a face cream.
import type { BankEntry, CommentKind, QuestionTopic } from '../format/schema.ts';

export type Template = BankEntry & { topic?: QuestionTopic | null };

export const TEMPLATES: Readonly<Record<CommentKind, readonly Template[]>> = {
  question: [
    { topic: 'price', text: '{product}多少钱？' },
    { topic: 'price', text: '现在拍是{price}元吗？' },
    { topic: 'price', text: '{price}是到手价吗？' },
    { topic: 'price', text: '划线价{listPrice}，今天真的只要{price}？' },
    { topic: 'price', text: '用券以后是{couponPrice}吗？' },
    { topic: 'price', text: '满{threshold}减{coupon}怎么用？' },
    { topic: 'price', text: '拍{qty}份有优惠吗？' },
    { topic: 'price', text: '秒杀价{flashPrice}什么时候开？' },
    { topic: 'price', text: '价格还能再低点吗？' },
    { topic: 'size', text: '{spec}是多少？' },
    { topic: 'size', text: '{spec}真的是{specValue}吗？' },
    { topic: 'size', text: '{product}有几种规格？' },
    { topic: 'size', text: '一份够几个人用？' },
    { topic: 'shipping', text: '{region}能发吗？' },
    { topic: 'shipping', text: '{region}几天能到？' },
    { topic: 'shipping', text: '发{region}包邮吗？' },
    { topic: 'shipping', text: '{region}要加运费吗？' },
    { topic: 'shipping', text: '发什么快递？' },
    { topic: 'shipping', text: '今天拍什么时候发货？' },
    { topic: 'shipping', text: '能指定快递吗？' },
    { topic: 'ingredients', text: '{spec}写的{specValue}，有证明吗？' },
    { topic: 'ingredients', text: '“{point}”是真的吗？' },
    { topic: 'ingredients', text: '有检测报告吗？' },
    { topic: 'ingredients', text: '{product}的详细参数在哪看？' },
    { topic: 'after_sales', text: '收到不满意能退吗？' },
    { topic: 'after_sales', text: '有运费险吗？' },
    { topic: 'after_sales', text: '{region}退货方便吗？' },
    { topic: 'after_sales', text: '售后找谁？' },
    { topic: 'after_sales', text: '支持七天无理由吗？' },
    { topic: 'after_sales', text: '坏了包赔吗？' },
    { topic: 'usage', text: '{product}怎么用？' },
    { topic: 'usage', text: '新手也能用好吗？' },
    { topic: 'usage', text: '“{point}”具体是什么意思？' },
    { topic: 'usage', text: '送人合适吗？' },
    { topic: 'usage', text: '老人小孩能用吗？' },
    { topic: 'usage', text: '{product}能放多久？' },
  ],
  objection: [
    { text: '{price}有点贵' },
    { text: '别家{product}便宜多了' },
    { text: '“{point}”？不太信' },
    { text: '划线价{listPrice}是真的吗' },
    { text: '买过类似的，一般般' },
    { text: '网上评价好像不太好' },
    { text: '等等看还会不会降价' },
    { text: '{specValue}是不是少了点' },
    { text: '{coupon}块的券也太少了' },
    { text: '感觉{product}没那么神' },
  ],
  praise: [
    { text: '来了来了' },
    { text: '{region}的来报到' },
    { text: '“{point}”，这点好' },
    { text: '{product}看着不错' },
    { text: '主播讲得好清楚' },
    { text: '已关注' },
    { text: '点赞了' },
    { text: '支持一下' },
    { text: '{price}挺划算' },
    { text: '第一次来，喜欢' },
    { text: '天天来看' },
    { text: '讲得真细' },
    { text: '直播间氛围不错' },
    { text: '{product}我家一直在用' },
    { text: '{region}的姐妹们冲' },
    { text: '刚进来，在讲{product}吗' },
  ],
  troll: [
    { text: '又是割韭菜的' },
    { text: '{product}能好到哪去' },
    { text: '托儿太多了' },
    { text: '{price}？骗鬼呢' },
    { text: '假的吧' },
    { text: '别信，都是剧本' },
    { text: '主播收了多少钱' },
    { text: '一群托' },
    { text: '这种直播间我见多了' },
    { text: '无聊死了' },
    { text: '谁信谁傻' },
    { text: '{product}也好意思卖{price}' },
  ],
  spam: [
    { text: '加V领{product}小样' },
    { text: '私信我，{product}比这便宜' },
    { text: '扫码进群领{coupon}元券' },
    { text: '{product}批发找我，加微信' },
    { text: '主页有{product}低价渠道' },
    { text: '关注我领红包' },
    { text: '点我头像领福利' },
    { text: '加V信拿内部价' },
    { text: '私信领{product}优惠券' },
  ],
  bait: [
    { text: '{product}是全网最低价吗？' },
    { text: '这是最好的{product}吗？' },
    { text: '{product}是第一品牌吗？' },
    { text: '敢说100%没问题吗？' },
    { text: '{product}绝对是正品吧？' },
    { text: '这是国家级的吧？' },
    { text: '{product}能根治吗？' },
  ],
  complaint: [
    { text: '上次买的{product}有问题，没人管' },
    { text: '订单一直不发货' },
    { text: '客服不回消息' },
    { text: '收到的和描述不一样' },
    { text: '退款申请三天没处理' },
    { text: '{region}的快递到现在没到' },
    { text: '包装破了' },
    { text: '少发了一件' },
  ],
  intent: [
    { text: '怎么拍？' },
    { text: '{product}链接在哪？', claim: 'unpinned' },
    { text: '上链接了吗？', claim: 'unpinned' },
    { text: '1号链接是{product}吗？', claim: 'pinned' },
    { text: '已拍{qty}份', claim: 'ordered' },
    { text: '刚下单，{region}的', claim: 'ordered' },
    { text: '拍了，什么时候发？', claim: 'ordered' },
    { text: '抢到券了', claim: 'coupon' },
    { text: '满{threshold}减{coupon}的券还有吗？', claim: 'coupon' },
    { text: '秒杀还有吗？', claim: 'flash_sale' },
    { text: '券在哪领？' },
    { text: '我要{qty}份' },
    { text: '库存还有吗？' },
    { text: '拍{qty}份能便宜吗？' },
  ],
};

/** Reactions while viewers cannot see or hear the room (questions on the topic stream). */
export const REACTION_TEMPLATES: Readonly<Record<'stream_down' | 'no_sound' | 'no_picture', readonly Template[]>> = {
  stream_down: ['卡了吗？', '怎么不动了', '画面卡住了', '主播网卡了？', '直播间怎么了', '转圈圈了', '是我网不好吗？', '{region}这边卡住了', '刷新也不行', '断了？'].map((text) => ({ text })),
  no_sound: ['没声音了？', '主播说话啊', '听不到声音', '麦克风坏了吗', '声音太小了', '静音了？', '{region}这边没声音', '只有画面没声音', '声音呢？'].map((text) => ({ text })),
  no_picture: ['黑屏了？', '看不到主播了', '画面呢？', '怎么换画面了', '镜头没了', '只有声音没画面', '{region}这边黑屏', '画面怎么没了？'].map((text) => ({ text })),
};

/** Regions viewers write from ({region}). */
export const REGIONS: readonly string[] = [
  '北京', '上海', '广州', '深圳', '杭州', '成都', '重庆', '武汉', '西安', '南京', '长沙', '郑州', '沈阳', '哈尔滨', '昆明', '贵阳', '南宁', '福州',
  '厦门', '济南', '青岛', '合肥', '南昌', '太原', '石家庄', '兰州', '西宁', '银川', '呼和浩特', '乌鲁木齐', '拉萨', '海口', '天津', '大连', '苏州', '宁波',
];

/** Counts ({qty}). */
export const QUANTITIES: readonly string[] = ['两', '三', '四', '五', '2', '3'];

/** Openings of a question-like text and of a statement, and their endings. '' keeps the text as it is. */
export const ASK_OPENINGS: readonly string[] = ['', '', '', '主播，', '请问', '问一下，', '@主播 ', '那个，', '主播主播，', '想问下', '新来的，', '{region}的问下，'];
export const SAY_OPENINGS: Readonly<Record<'troll' | 'spam' | 'other', readonly string[]>> = {
  troll: ['', '', '呵呵，', '笑死，', '切，', '真的，'],
  spam: ['', '', '家人们，', '急！', '福利：', '姐妹们，'],
  other: ['', '', '', '哇，', '真的，', '说实话，', '{region}的路过，', '嗯，'],
};
export const ASK_ENDINGS: readonly string[] = ['？', '？', '？？', '呀？', '呢？', '？求回复', '？在线等', '？谢谢'];
export const SAY_ENDINGS: readonly string[] = ['', '', '！', '～', '！！', '哈哈', '啊', '。', '呀'];
