// The live room as the app renders it, mounted on its own page for scripts/bench/live-room.ts: the
// same components, store, session controller, media and evidence as in the app, with the scenario
// handed in by the bench (a busy room at a set comment rate) instead of picked from the library.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LiveRoomScenario } from '../../../scenarios/format/schema.ts';
import '../../../renderer/src/app/app.css';
import { LiveRoomScreen } from '../../../renderer/src/features/live-room/LiveRoomScreen.tsx';
import { endLive, goLive } from '../../../renderer/src/features/live-room/session.ts';
import { useLiveRoom } from '../../../renderer/src/features/live-room/store.ts';
import { useResults } from '../../../renderer/src/stores/results.ts';
import { initI18n } from '../../../renderer/src/i18n/index.ts';

export interface LiveRoomBench {
  start(scenario: LiveRoomScenario, record: boolean, recording?: { mimeType?: string; videoBitsPerSecond?: number }): Promise<string>;
  supported(mimeType: string): boolean;
  stats(): { stage: string; comments: number; hidden: number; t: number; evidence: string; dom: number; threads: number };
  end(): void;
}

initI18n('zh-CN');
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <div className="app">
      <LiveRoomScreen />
    </div>
  </StrictMode>,
);

const bench: LiveRoomBench = {
  supported: (mimeType) => MediaRecorder.isTypeSupported(mimeType),
  async start(scenario, record, recording) {
    useLiveRoom.getState().set({ stage: 'brief', scenario, scenarioFile: '', candidate: 'bench' });
    await goLive({ record, ...(recording ? { recording } : {}) });
    const s = useLiveRoom.getState();
    return s.stage === 'live' ? 'live' : `not live: ${s.startError ?? s.stage}`;
  },
  stats() {
    const s = useLiveRoom.getState();
    return {
      stage: s.stage,
      comments: s.view.feed.total,
      hidden: s.view.feed.hidden,
      t: s.state?.t ?? 0,
      evidence: useResults.getState().result?.evidence.state ?? s.evidence.state,
      dom: document.getElementsByTagName('*').length,
      threads: s.state?.threads.length ?? 0,
    };
  },
  end: () => endLive(),
};
(window as unknown as { __bench: LiveRoomBench }).__bench = bench;
