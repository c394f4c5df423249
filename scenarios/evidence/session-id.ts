// A session's id names its package folder: YYYYMMDD-HHMMSS and six hex digits. Declared once
// here; the manifest, the contract and the services' folder scans all use it.
import { z } from 'zod';

export const SESSION_ID_PATTERN = /^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/;

export const SessionId = z.string().regex(SESSION_ID_PATTERN, '会话编号格式应为 YYYYMMDD-HHMMSS-xxxxxx (expected YYYYMMDD-HHMMSS-xxxxxx)');
export type SessionId = z.infer<typeof SessionId>;
