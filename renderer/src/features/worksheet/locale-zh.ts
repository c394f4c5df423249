// 作业任务 (worksheet) strings in Chinese. Imported by locales/zh-CN.ts.
const worksheet = {
  tag: '作业',
  none: '请先在任务列表中选择一个作业任务。',
  brief: {
    meta: '工种 {{workTypes}} · {{level}} 级 · 建议用时 {{minutes}} 分钟 · 共 {{parts}} 个作答部分',
    candidate: '考生姓名',
    start: '开始作答',
    back: '返回任务列表',
    evidence: '开始后，每一次填写、检查和提交都带时间记入证据包（哈希链），提交后证据包关闭并校验。',
  },
  material: {
    heading: '给定材料',
    more: '仅显示前 {{shown}} 行，共 {{count}} 行',
  },
  part: { skills: '技能要求：' },
  table: {
    computed: '自动计算',
    addRow: '添加一行',
    removeRow: '删除最后一行',
  },
  short: {
    count: '{{chars}} 字（要求 {{min}}–{{max}} 字）',
    compliance: '将检查广告法违禁词',
  },
  upload: {
    accept: '可上传 {{types}}，不超过 {{max}} KB',
    stored: '已存入证据包：{{name}}（{{kb}} KB，SHA-256 {{hash}}…）',
    tooBig: '文件超过 {{max}} KB，请压缩后再上传',
  },
  check: {
    run: '自动检查',
    none: '尚未检查',
    summary: '第 {{run}} 次检查：通过 {{passed}} · 未通过 {{failed}} · 未完成 {{incomplete}}',
    stale: '答案已修改，请重新检查',
    more: '另有 {{count}} 处',
    status: { pass: '✓ 通过', fail: '✗ 未通过', incomplete: '… 未完成' },
  },
  failure: {
    mismatch: '第 {{row}} 行「{{column}}」：填写 {{got}}，与计算结果不符',
    mismatchExpected: '第 {{row}} 行「{{column}}」：填写 {{got}}，应为 {{expected}}（允许误差 {{tolerance}}）',
    rule_false: '不满足：{{rule}}',
    clash: '第 {{row}} 行与第 {{with}} 行时间冲突',
    wrong_choice: '所选答案不正确',
    banned_word: '含违禁词“{{word}}”（{{category}}）；建议：{{advice}}',
    too_short: '字数 {{chars}}，少于 {{min}} 字',
    too_long: '字数 {{chars}}，超过 {{max}} 字',
  },
  fill: {
    progress: '已作答 {{done}} / {{total}} 个部分',
    submit: '提交作业',
    submitting: '正在提交…',
    submitted: '已提交。',
    verified: '证据包校验通过（{{records}} 条记录）。',
    notVerified: '证据包校验未通过，请告知考务人员。',
    home: '返回首页',
  },
  assessor: {
    heading: '学员作答（提交时的内容）',
    submittedAt: '提交于第 {{minutes}} 分 {{seconds}} 秒 · 共 {{inputs}} 次填写 · 检查 {{checks}} 次',
    empty: '（未作答）',
    rubricFor: '评分项：',
    upload: '上传文件：{{name}}（{{kb}} KB，SHA-256 {{hash}}…）',
    noSubmit: '该证据包没有提交记录（学员未提交作业）。',
    loading: '正在读取作业…',
    checks: '提交内容的自动检查：通过 {{passed}} · 未通过 {{failed}} · 未完成 {{incomplete}}',
  },
};

export default worksheet;
