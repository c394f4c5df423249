// Opening the camera and microphone, and listing devices, behind one small interface. Failures
// come back as values (denied, missing, busy…) with the browser's own error, never as throws,
// so a screen can say exactly what to fix. Call these only after the trainee asked for it:
// getUserMedia is what makes the browser or the OS ask for permission.
import type { MediaFailure } from '../../../scenarios/device-check/record.ts';

export type Opened = { ok: true; stream: MediaStream; track: MediaStreamTrack; deviceId: string | null; label: string | null } | { ok: false; failure: MediaFailure; error: string };

export interface DeviceOption {
  readonly deviceId: string;
  readonly label: string;
}

export interface DeviceLists {
  readonly videoinput: DeviceOption[];
  readonly audioinput: DeviceOption[];
  readonly audiooutput: DeviceOption[];
}

/** What kind of failure a getUserMedia rejection is (names from the Media Capture spec and older Chromium). */
export function classifyMediaError(error: unknown): { failure: MediaFailure; error: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  const text = message === '' ? name : `${name}: ${message}`;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return { failure: 'denied', error: text };
    case 'SecurityError':
      return { failure: 'insecure', error: text };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { failure: 'missing', error: text };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { failure: 'busy', error: text };
    default:
      return { failure: 'error', error: text };
  }
}

function unavailable(): { ok: false; failure: MediaFailure; error: string } | null {
  if (!window.isSecureContext) return { ok: false, failure: 'insecure', error: `${location.origin} is not a secure context` };
  if (typeof navigator.mediaDevices === 'undefined' || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    return { ok: false, failure: 'unsupported', error: 'navigator.mediaDevices.getUserMedia is not available' };
  }
  return null;
}

async function open(constraints: MediaStreamConstraints, kind: 'video' | 'audio'): Promise<Opened> {
  const missing = unavailable();
  if (missing) return missing;
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    if (!track) {
      for (const t of stream.getTracks()) t.stop();
      return { ok: false, failure: 'missing', error: `getUserMedia gave no ${kind} track` };
    }
    const settings = track.getSettings();
    return { ok: true, stream, track, deviceId: settings.deviceId ?? null, label: track.label === '' ? null : track.label };
  } catch (error) {
    return { ok: false, ...classifyMediaError(error) };
  }
}

/** 720p30 asked for as ideal (not exact), so any camera opens and the check measures what it gives. */
export function openCamera(deviceId: string | null): Promise<Opened> {
  return open(
    {
      video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      audio: false,
    },
    'video',
  );
}

/** The raw signal: no echo cancellation, noise suppression or gain control, so levels are honest. */
export function openMicrophone(deviceId: string | null): Promise<Opened> {
  return open(
    {
      audio: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      video: false,
    },
    'audio',
  );
}

export function stopStream(stream: MediaStream | null): void {
  if (stream) for (const track of stream.getTracks()) track.stop();
}

/** Devices by kind. Labels are empty until a permission was granted; the id stands in then. */
export async function listDevices(): Promise<DeviceLists> {
  const lists: DeviceLists = { videoinput: [], audioinput: [], audiooutput: [] };
  if (typeof navigator.mediaDevices === 'undefined') return lists;
  const devices = await navigator.mediaDevices.enumerateDevices();
  for (const d of devices) {
    if (d.deviceId === '') continue;
    lists[d.kind].push({ deviceId: d.deviceId, label: d.label === '' ? `${d.kind} ${d.deviceId.slice(0, 6)}` : d.label });
  }
  return lists;
}

/** Calls `listener` when a device is plugged in or out. */
export function onDeviceChange(listener: () => void): () => void {
  if (typeof navigator.mediaDevices === 'undefined') return () => undefined;
  navigator.mediaDevices.addEventListener('devicechange', listener);
  return () => navigator.mediaDevices.removeEventListener('devicechange', listener);
}

/** Why a live track ended: the permission was taken back, or the device went away. */
export async function whyEnded(kind: 'camera' | 'microphone'): Promise<MediaFailure> {
  try {
    const status = await navigator.permissions.query({ name: kind });
    return status.state === 'denied' ? 'denied' : 'missing';
  } catch {
    return 'missing'; // this browser cannot say: the device is gone as far as we can tell
  }
}
