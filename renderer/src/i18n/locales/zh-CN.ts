import assessor from '../../features/assessor/locale-zh.ts';
import centre from '../../features/centre/locale-zh.ts';
import deviceCheck from '../../features/device-check/locale-zh.ts';
import evidence from '../../features/evidence/locale-zh.ts';
import liveRoom from '../../features/live-room/locale-zh.ts';
import timeline from './timeline-zh.ts';
import engine from './engine-zh.ts';
import review from '../../features/review/locale-zh.ts';
import worksheet from '../../features/worksheet/locale-zh.ts';

const zhCN = {
  app: {
    title: '直播实训考评台',
    subtitle: '互联网营销师国家职业技能标准（2021年版）· 技能考核实训',
    language: 'English',
    connecting: '正在连接本机服务…',
    connectionFailed: '无法连接本机服务：{{message}}',
    tokenRefused: '访问令牌已过期或不正确：这个地址来自之前的一次启动。请使用本次启动时打印的完整地址（含 ?token=）重新打开。',
    tokenMissing: '页面地址缺少访问令牌：请使用启动时打印的完整地址（含 ?token=）打开。',
    transport: { ipc: '桌面版', websocket: '浏览器模式' },
    dataDir: '数据目录',
    version: '版本',
  },
  role: {
    heading: '我是',
    trainee: '练习',
    traineeHint: '学员：设备检测、实训任务、复盘',
    assessor: '考评',
    assessorHint: '考评员：查看证据、按技能要求评分',
    centre: '考务',
    centreHint: '培训机构：组织模拟考试',
  },
  selection: {
    workType: '工种',
    level: '等级',
    notOffered: '{{workType}}不设{{level}}',
  },
  catalogue: {
    heading: '{{workType}} · {{level}}：技能要求',
    count: '共 {{count}} 项',
    includeLower: '包含低级别要求（高级别涵盖低级别的要求）',
    weights: '技能考核权重',
    theoryWeights: '理论知识权重',
    function: '职业功能',
    percent: '比重',
    total: '合计',
    fromLevel: '{{level}}要求',
    appliesTo: '适用工种：{{types}}',
    allTypes: '本职业功能各工种通用',
    empty: '没有符合条件的技能要求。',
    loading: '正在读取标准…',
    rules: '鉴定要求：技能考核满分 100 分，60 分及以上为合格；考评人员与考生配比 1:5，且不少于 3 名、为奇数；技能考核时间不少于 90 分钟。',
  },
  deviceCheck,
  assessor,
  centre,
  evidence,
  liveRoom,
  review,
  worksheet,
  engine,
  timeline,
} as const;

export default zhCN;
