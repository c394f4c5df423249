// The live room while live: top bar; products and settings on the left; the camera stage, faults
// and the questions waiting in the middle; the comment stream and moderation on the right; the
// shortcut legend. Keyboard shortcuts act when no text field has focus.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { activeFaults } from '../../../../scenarios/engine/index.ts';
import { runShortcut } from './actions.ts';
import { CommentStream } from './CommentStream.tsx';
import { FaultPanel, PowerCut } from './FaultPanel.tsx';
import { ModerationPanel } from './ModerationPanel.tsx';
import { ProductPanel } from './ProductPanel.tsx';
import { QuestionPanel } from './QuestionPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { ShortcutLegend } from './ShortcutBar.tsx';
import { isEditable, shortcutFor } from './shortcuts.ts';
import { Stage } from './Stage.tsx';
import { useLiveRoom } from './store.ts';
import { TopBar } from './TopBar.tsx';

function Cue() {
  const { t } = useTranslation();
  const cue = useLiveRoom((s) => s.view.cue);
  const now = useLiveRoom((s) => s.state?.t ?? 0);
  if (cue === null) return null;
  return (
    <div className="lr-cue" role="alert">
      <strong>{t('liveRoom.cue.title')}</strong> {cue.note ?? t('liveRoom.cue.default')}
      <span>{t('liveRoom.cue.left', { seconds: Math.max(0, Math.ceil((cue.until - now) / 1000)) })}</span>
    </div>
  );
}

function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat, editable: isEditable(e.target) });
      if (hit === null) return;
      e.preventDefault();
      if (hit.action === 'escape' && isEditable(e.target)) (e.target as HTMLElement).blur();
      if (hit.action === 'focusReply') document.getElementById('lr-reply-input')?.focus();
      if (hit.action === 'focusKeyword') document.getElementById('lr-keyword-input')?.focus();
      runShortcut(hit);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function LiveRoom() {
  const { t } = useTranslation();
  const state = useLiveRoom((s) => s.state);
  const notices = useLiveRoom((s) => s.notices);
  const stage = useLiveRoom((s) => s.stage);
  const faultList = state?.faults;
  const faults = useMemo(() => (state === null ? [] : activeFaults(state)), [faultList]); // eslint-disable-line react-hooks/exhaustive-deps
  useShortcuts();
  if (state === null) return null;
  const powerCut = faults.find((f) => f.kind === 'power_cut');

  return (
    <div className={`lr${powerCut ? ' lr-dark' : ''}`} data-testid="live-room">
      <TopBar />
      {notices.length > 0 && (
        <ul className="lr-notices">
          {notices.map((n) => (
            <li key={n.code}>{t(`liveRoom.startNotice.${n.code}`, { error: n.error })}</li>
          ))}
        </ul>
      )}
      <div className="lr-body">
        <aside className="lr-left">
          <ProductPanel />
          <SettingsPanel />
        </aside>
        <section className="lr-center">
          <Stage faults={faults} />
          <Cue />
          <FaultPanel faults={faults} now={state.t} />
          <QuestionPanel state={state} />
        </section>
        <aside className="lr-right">
          <CommentStream />
          <ModerationPanel state={state} />
        </aside>
      </div>
      <footer className="lr-foot">
        <ShortcutLegend compact simulatedHost={state.scenario.audience.host === 'simulated'} />
      </footer>
      {powerCut !== undefined && <PowerCut fault={powerCut} now={state.t} />}
      {stage === 'ending' && (
        <div className="lr-ending" role="status">
          {t('liveRoom.ending')}
        </div>
      )}
    </div>
  );
}
