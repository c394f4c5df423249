// What each exam-domain code (scenarios/exam, electron/services/exam) says, in Chinese. Keys
// follow the codes ("skill.panelOdd" → skill.panelOdd), params fill {{…}}. Used by the centre
// screens through i18next and by `livedrill exam` in the terminal (electron/cli/exam-text.ts).
const issues = {
  duration: { skill: '技能考核时长 {{minutes}} 分钟，不少于 {{min}} 分钟（标准 1.9.4）' },
  skill: {
    panelMin: '每名考生的考评组 {{panelSize}} 人，应为 {{min}} 人（含）以上（标准 1.9.3）',
    panelOdd: '考评组 {{panelSize}} 人，应为单数（标准 1.9.3）',
    minAssessors: '本场考评员 {{assessors}} 人，少于规定的 {{min}} 人（标准 1.9.3）',
    panelUnfilled: '本场考评员 {{assessors}} 人，不足以组成 {{panelSize}} 人的考评组',
    assessorRatio: '考评员与考生配比应为 1:{{per}}：{{candidates}} 名考生至少需要 {{needed}} 名考评员，现有 {{assessors}} 名（标准 1.9.3）',
  },
  marks: {
    fullMarks: '满分 {{fullMarks}} 分，标准规定为百分制（{{required}} 分）',
    passMark: '合格线 {{passMark}} 分，标准规定 {{required}} 分（含）以上为合格',
  },
  assign: {
    conflicts: '考生 {{candidate}}（{{candidateId}}）回避后只剩 {{eligible}} 名考评员可评，考评组需要 {{panelSize}} 名（回避的考评员：{{excludedNames}}）',
    noPanel: '考生 {{candidate}}（{{candidateId}}）没有考评组',
    panelSize: '考生 {{candidate}}（{{candidateId}}）的考评组 {{size}} 人，应为 {{panelSize}} 人',
    repeatedAssessor: '考生 {{candidate}}（{{candidateId}}）的考评组有重复的考评员',
    unknownAssessor: '考评员 {{assessorId}} 不在本场考评员名单中（考生 {{candidate}}）',
    conflictKept: '考评员 {{assessor}}（{{assessorId}}）应回避考生 {{candidate}}（{{candidateId}}）',
  },
  day: {
    clockStarted: '第 {{round}} 批已于 {{startedAt}} 开考，不能再次开考',
    noSuchRound: '没有第 {{round}} 批（本场共 {{rounds}} 批）',
    photoTooLarge: '照片 {{bytes}} 字节，超过 {{max}} 字节',
    photoNotJpeg: '照片不是 JPEG 图像',
    identity: {
      format: '输入的“{{entered}}”不是 18 位公民身份号码（考生 {{candidate}}）',
      birthDate: '输入的“{{entered}}”中的出生日期无效（考生 {{candidate}}）',
      checksum: '输入的“{{entered}}”校验位错误（GB 11643），请重新输入或扫描（考生 {{candidate}}）',
      mismatch: '输入的“{{entered}}”与考生 {{candidate}}（{{candidateId}}）名单中的证件号码不一致',
      mismatchOther: '输入的“{{entered}}”与考生 {{candidate}}（{{candidateId}}）名单中的证件号码不一致：这是考生 {{other}} 的号码',
      notChecked: '考生 {{candidate}}（{{candidateId}}）尚未核验身份，证据包中没有身份记录',
      noPhoto: '考生 {{candidate}}（{{candidateId}}）核验身份时未拍照，证据包中只有核验记录',
      photoChanged: '考生 {{candidate}} 的身份照片 {{file}} 已缺失或被改动，未放入证据包',
      unmatched: '考生 {{candidate}}（{{candidateId}}）最近一次身份核验未通过',
      noEvidence: '本机没有证据服务，无法放入身份记录',
    },
  },
  draw: {
    noCandidates: '还没有考生，无法抽签',
    noStations: '还没有考位，无法抽签',
    tooManyRounds: '{{candidates}} 名考生、{{stations}} 个考位需要 {{rounds}} 个批次，超过 {{maxRounds}} 个：请增加考位',
  },
  roster: {
    noHeader: '文件没有表头行',
    missingColumn: '缺少“{{column}}”列',
    duplicateColumn: '“{{column}}”列出现了两次',
    empty: '不能为空',
    tooLong: '超过 {{max}} 个字符',
    id: {
      format: '证件号码“{{value}}”不是 18 位身份证号码',
      birthDate: '证件号码“{{value}}”中的出生日期无效',
      checksum: '证件号码“{{value}}”校验位错误',
    },
    unknownWorkType: '未知的工种“{{value}}”（应为 选品员、直播销售员、视频创推员 或 平台管理员）',
    otherWorkType: '工种“{{value}}”与本场次不符',
    unknownLevel: '未知的等级“{{value}}”（应为 五级 至 一级）',
    otherLevel: '等级“{{value}}”与本场次不符',
    levelNotOffered: '该工种没有 {{level}} 级',
    unknownAttempt: '“{{value}}”应为 新考 或 补考',
    duplicate: '与第 {{firstRow}} 行是同一考生（证件号码 {{value}}）',
    duplicateTicket: '准考证号 {{value}} 与第 {{firstRow}} 行重复',
    alreadyInSitting: '{{value}} 已在本场次名单中',
  },
  rosterFile: {
    unreadable: '无法读取文件（{{detail}}）',
    tooLarge: '文件过大（{{bytes}} 字节，上限 {{max}}）',
    unknownFormat: '不支持的文件类型：请使用 CSV 或 XLSX',
    badXlsx: '不是有效的 XLSX 文件（{{detail}}）',
    noSheet: 'XLSX 文件中没有工作表',
  },
  result: {
    noEvidence: '尚无考核记录',
    notOnPanel: '考评员 {{assessorId}} 不在该考生的考评组，其评分不计入',
    unsigned: '还有 {{count}} 名考评员未签名',
  },
  panel: {
    mixedModes: '评分表的模式不一致',
    rubricDiffers: '各考评员评分表的评分项不一致',
  },
  evidence: {
    missing: '考生 {{candidateId}} 的证据包 {{sessionId}} 不在数据目录中',
    changed: '考生 {{candidateId}} 的证据包 {{sessionId}} 的清单与关联时不同',
  },
  recheck: {
    itemMissing: '考评员 {{assessorId}} 的评分表缺少“{{item}}”',
    itemOverMax: '考评员 {{assessorId}} 的“{{item}}”得分 {{score}} 超过满分 {{max}}',
    sheetSum: '考评员 {{assessorId}} 的评分表各项合计 {{sum}} 分，与总分 {{total}} 分不符',
    mean: '各评分表合计的平均分为 {{mean}} 分，与公布成绩 {{published}} 分不符',
  },
  store: {
    noSitting: '没有场次 {{sittingId}}',
    sittingExists: '场次 {{sittingId}} 已存在',
    noCandidate: '没有考生 {{candidateId}}',
    noAssessor: '没有考评员 {{assessorId}}',
  },
};
export default issues;
