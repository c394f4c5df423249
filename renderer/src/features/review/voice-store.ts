// The voice figures of a finished session, fetched once from the services (they decode the
// package's recording: evidence.voice) for the 复盘 and the assessor.
import { create } from 'zustand';
import type { PackageVoice } from '../../../../scenarios/voice/index.ts';
import { call } from '../../bridge/index.ts';

export interface VoiceState {
  sessionId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  voice: PackageVoice | null;
  message: string | null;
}

export const useVoice = create<VoiceState>()(() => ({ sessionId: null, status: 'idle', voice: null, message: null }));

/** Loads the figures of `sessionId` unless they are loaded or loading. */
export async function loadVoice(sessionId: string): Promise<void> {
  const s = useVoice.getState();
  if (s.sessionId === sessionId && s.status !== 'failed') return;
  useVoice.setState({ sessionId, status: 'loading', voice: null, message: null });
  try {
    const voice = await call('evidence.voice', { sessionId });
    if (useVoice.getState().sessionId === sessionId) useVoice.setState({ status: 'ready', voice });
  } catch (error) {
    if (useVoice.getState().sessionId === sessionId) useVoice.setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
