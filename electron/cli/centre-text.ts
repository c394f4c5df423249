// Centre codes in words for the terminal (the CLI is Chinese first, English after).
const TEXT: Record<string, string> = {
  bad_code: '配对码格式不对，应为 8 位（如 7KQ2-M9XD）(bad pairing code)',
  unknown_code: '没有这个配对码：请核对考点屏幕上的配对码 (unknown pairing code)',
  code_used: '配对码已被使用过：每个配对码只能配对一台设备，请向考点索取新码 (code already used)',
  code_expired: '配对码已过期（10 分钟内有效），请向考点索取新码 (code expired)',
  code_withdrawn: '配对码已被考点撤回 (code withdrawn)',
  key_already_paired: '本设备的密钥已配对过 {deviceId} (this device is already paired)',
  bad_signature: '签名不符：请求不是由所报公钥的持有者发出 (signature does not match the key)',
  bad_request: '请求无效：{field} {problem}',
  too_many_attempts: '失败次数过多，请 {retryAfterSec} 秒后再试 (too many attempts)',
  no_credential: '缺少设备凭据：请先配对 (no credential)',
  bad_credential: '设备凭据格式不对 (malformed credential)',
  unknown_credential: '考点不认识这个设备凭据 (unknown credential)',
  revoked: '本设备已于 {revokedAt} 被考点撤销 (device revoked)',
  wrong_role: '只有{need}可以这样做 (wrong role: {need} only)',
  not_own: '这不是本考站的：{station} (not this station’s)',
  not_assigned: '未被分配到场次 {sitting} (not assigned to this sitting)',
  unknown_device: '没有这台设备：{deviceId} (unknown device)',
  not_an_assessor: '{deviceId} 不是考评员设备 (not an assessor’s device)',
  bad_sitting: '场次编号无效：{sitting}（应形如 s20261203a）(bad sitting id)',
  station_sittings: '考站配对码不带场次：场次只分配给考评员设备 (stations take no sittings)',
  fingerprint_mismatch: '考点证书指纹不符：可能有人冒充考点，未发送任何数据 (certificate fingerprint mismatch)',
  bad_fingerprint: '证书指纹应为 64 位十六进制（可带冒号）(bad fingerprint)',
  insecure: '考点地址必须是 https:// (the centre must be reached over https)',
};
const ROLE: Record<string, string> = { station: '考站', assessor: '考评员设备' };

export function centreText(code: string, params: Record<string, string> = {}): string {
  const template = TEXT[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'need' ? (ROLE[params[k] ?? ''] ?? params[k] ?? '') : (params[k] ?? '')));
}
