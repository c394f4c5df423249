// THE table of device-check thresholds. Every limit a verdict uses is here, once, with its unit
// and the rule in Chinese; the verdict functions read nothing else, the screen shows this table
// to trainees and assessors, and each saved record carries a snapshot of it (so a score can be
// traced to the exact limits used). Change a number here and every check, test and record follows.
//
// Sources for the numbers: 720p/24 fps is the usual floor of Chinese live platforms' 推流建议;
// luma is BT.601 Y' on 0–255; the audio figures are dBFS of the raw (no AGC, no noise
// suppression) microphone signal; OBS's stats dock flags 1 % / 5 % dropped frames.

export interface Threshold {
  readonly value: number;
  readonly unit: string;
  /** What the limit decides, in Chinese (zh-CN first). */
  readonly rule: string;
}

const th = (value: number, unit: string, rule: string): Threshold => ({ value, unit, rule });

export const THRESHOLDS = {
  camera: {
    sampleMs: th(1500, 'ms', '摄像头采样时长：在此期间统计实际帧率、亮度和画面是否静止'),
    shortSidePass: th(720, 'px', '画面短边 ≥ 720（720p 及以上）为合格'),
    shortSideWarn: th(480, 'px', '画面短边 480–719 给出提示；低于 480 不合格'),
    fpsPass: th(24, 'fps', '实际送达帧率 ≥ 24 为合格'),
    fpsWarn: th(15, 'fps', '实际帧率 15–24 给出提示；低于 15 不合格（画面卡顿）'),
    lumaDarkFail: th(35, 'Y', '平均亮度低于此值：画面过暗，不合格'),
    lumaDarkWarn: th(70, 'Y', '平均亮度低于此值：画面偏暗，提示补光'),
    lumaBrightWarn: th(190, 'Y', '平均亮度高于此值：画面偏亮，提示减光'),
    lumaBrightFail: th(225, 'Y', '平均亮度高于此值：画面过曝，不合格'),
    frozenDiff: th(0.1, 'Y', '相邻两帧平均亮度差都低于此值：画面静止（卡住）'),
    frozenMinDetail: th(2, 'Y', '画面亮度标准差低于此值（纯色画面）时不判断是否静止'),
  },
  microphone: {
    quietMs: th(2000, 'ms', '安静阶段时长：测量环境噪声（噪声底）'),
    speechTargetMs: th(2000, 'ms', '朗读阶段累计检测到这么长的说话声即结束'),
    speechTimeoutMs: th(10000, 'ms', '朗读阶段最长时间，超时按已测数据判定'),
    speechMinMs: th(300, 'ms', '累计说话声短于此值：判为未检测到说话'),
    floorDbfs: th(-120, 'dBFS', '电平下限：数字静音（全零样本）记为此值'),
    silentPeakDbfs: th(-60, 'dBFS', '整个检测中峰值低于此值：麦克风无声，不合格'),
    activeAboveFloorDb: th(12, 'dB', '窗口电平高出噪声底此值以上才计为说话'),
    activeMinDbfs: th(-55, 'dBFS', '窗口电平至少达到此值才计为说话'),
    speechQuietFail: th(-45, 'dBFS', '说话电平低于此值：声音太小，不合格'),
    speechQuietWarn: th(-35, 'dBFS', '说话电平低于此值：声音偏小，提示靠近麦克风或调高增益'),
    speechLoudWarn: th(-6, 'dBFS', '说话电平高于此值：声音过大，提示调低增益'),
    clipLevel: th(0.99, 'FS', '样本绝对值达到满幅的此比例计为削波'),
    clipWarnRatio: th(0.001, '比例', '削波样本占比超过 0.1%：提示调低增益'),
    clipFailRatio: th(0.01, '比例', '削波样本占比超过 1%：声音破音，不合格'),
    noiseWarnDbfs: th(-50, 'dBFS', '噪声底高于此值：环境偏吵，提示'),
    noiseFailDbfs: th(-40, 'dBFS', '噪声底高于此值：环境太吵，不合格'),
    snrPass: th(20, 'dB', '信噪比 ≥ 20 dB 为合格'),
    snrWarn: th(10, 'dB', '信噪比 10–20 dB 给出提示；低于 10 dB 不合格'),
  },
  speakers: {
    toneMs: th(1200, 'ms', '测试音时长'),
    toneDbfs: th(-12, 'dBFS', '测试音电平'),
    outputSilentDbfs: th(-40, 'dBFS', '在输出端测得的测试音峰值低于此值：没有声音送到扬声器'),
  },
  network: {
    samples: th(5, '次', '连接推流服务器的次数（测连接时间与抖动）'),
    connectTimeoutMs: th(3000, 'ms', '单次连接超时'),
    connectPassMs: th(100, 'ms', '连接时间中位数 ≤ 100 ms 为合格'),
    connectWarnMs: th(300, 'ms', '连接时间 100–300 ms 给出提示；更长不合格'),
    jitterPassMs: th(30, 'ms', '抖动 ≤ 30 ms 为合格'),
    jitterWarnMs: th(100, 'ms', '抖动 30–100 ms 给出提示；更大不合格'),
    droppedWarnPercent: th(1, '%', 'OBS 因网络丢帧超过 1%：提示'),
    droppedFailPercent: th(5, '%', 'OBS 因网络丢帧超过 5%：不合格'),
    congestionWarn: th(0.2, '0–1', 'OBS 拥塞指数超过 0.2：提示'),
    congestionFail: th(0.5, '0–1', 'OBS 拥塞指数超过 0.5：不合格'),
  },
  disk: {
    videoKbps: th(2500, 'kbps', '本机录制（摄像头 WebM）视频码率估计'),
    audioKbps: th(128, 'kbps', '本机录制音频码率估计'),
    taskMinutes: th(90, 'min', '未选任务时按技能考核最短时长 90 分钟估算'),
    margin: th(1.5, '倍', '所需空间 = 码率 × 时长 × 余量系数'),
  },
  obs: {
    connectTimeoutMs: th(3000, 'ms', '等待 OBS 连接结果的最长时间'),
  },
} as const;

export type Thresholds = typeof THRESHOLDS;
export type ThresholdGroup = keyof Thresholds;

export interface ThresholdRow extends Threshold {
  readonly group: ThresholdGroup;
  readonly key: string;
}

/** The table as rows, in order: for the screen's 判定标准 panel and the record's snapshot. */
export function thresholdRows(table: Thresholds = THRESHOLDS): ThresholdRow[] {
  const rows: ThresholdRow[] = [];
  for (const [group, entries] of Object.entries(table) as [ThresholdGroup, Record<string, Threshold>][]) {
    for (const [key, entry] of Object.entries(entries)) rows.push({ group, key, ...entry });
  }
  return rows;
}

/** group.key → value: what a record stores so it can be judged again later. */
export function thresholdSnapshot(table: Thresholds = THRESHOLDS): Record<string, number> {
  return Object.fromEntries(thresholdRows(table).map((row) => [`${row.group}.${row.key}`, row.value]));
}
