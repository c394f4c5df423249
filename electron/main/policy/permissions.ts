// Which permission requests and checks we grant: 'media' (camera and microphone only) and
// 'speaker-selection' (the test sound's output) to our own origin, from a main frame. Everything else (notifications, geolocation, screen capture, HID,
// clipboard, …) is denied. Used by both setPermissionRequestHandler and setPermissionCheckHandler.
import { ALLOW, deny, type Decision } from './decision.ts';
import { isOwnOrigin } from './origin.ts';

export interface PermissionQuery {
  /** Electron's permission name ('media', 'notifications', 'display-capture', …). */
  readonly permission: string;
  /** The requesting origin (check handler) or security origin (request handler). */
  readonly requestingOrigin: string | null | undefined;
  /** The last URL the requesting frame loaded, when Electron gives it; must be ours too. */
  readonly requestingUrl?: string | null | undefined;
  /** For 'media': what is asked for. Request handler: details.mediaTypes; check handler: [details.mediaType]. */
  readonly mediaTypes: readonly string[] | null | undefined;
  /** When known: whether the requesting frame is a main frame (we have no sub-frames). */
  readonly isMainFrame?: boolean | undefined;
}

const GRANTABLE_MEDIA = new Set(['video', 'audio']);

// Choosing the speaker for the device check's test sound (HTMLMediaElement.setSinkId).
const OUTPUT_SELECTION = 'speaker-selection';

export function permissionDecision(query: PermissionQuery): Decision {
  if (query.permission !== 'media' && query.permission !== OUTPUT_SELECTION) return deny(`permission "${query.permission}" is never granted`);
  if (!isOwnOrigin(query.requestingOrigin)) return deny(`origin "${String(query.requestingOrigin)}" is not ours`);
  if (query.permission === OUTPUT_SELECTION) return query.isMainFrame === false ? deny('requests from sub-frames are not granted') : ALLOW;
  if (query.requestingUrl !== undefined && query.requestingUrl !== null && query.requestingUrl !== '' && !isOwnOrigin(query.requestingUrl)) {
    return deny(`requesting URL "${query.requestingUrl}" is not ours`);
  }
  if (query.isMainFrame === false) return deny('requests from sub-frames are not granted');
  const types = query.mediaTypes;
  if (types === null || types === undefined || types.length === 0) return deny('media request without camera or microphone types');
  const other = types.find((type) => !GRANTABLE_MEDIA.has(type));
  if (other !== undefined) return deny(`media type "${other}" is not granted (only camera and microphone)`);
  return ALLOW;
}
