// The camera, microphone and speakers cards: device pickers, live preview and level meter, the
// reading prompt and the "did you hear it" question.
import { useTranslation } from 'react-i18next';
import { THRESHOLDS } from '../../../../scenarios/device-check/index.ts';
import type { DeviceOption } from '../../media/devices.ts';
import { canChooseOutput } from '../../media/test-tone.ts';
import { ItemCard } from './ItemCard.tsx';
import { answerSpeakers, attachVideo, runCamera, runMicrophone, runSpeakers, stopReading } from './run-media.ts';
import { useDeviceCheck } from './store.ts';

function DevicePicker({ label, options, value, disabled, onChange }: { label: string; options: DeviceOption[]; value: string | null; disabled: boolean; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="dc-picker">
      <span>{label}</span>
      <select value={value ?? ''} disabled={disabled || options.length === 0} onChange={(e) => onChange(e.target.value)}>
        {options.length === 0 && <option value="">{t('deviceCheck.noDevices')}</option>}
        {value === null && options.length > 0 && <option value="">{t('deviceCheck.defaultDevice')}</option>}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const busy = (phase: string) => phase !== 'idle' && phase !== 'done' && phase !== 'answer';

export function CameraItem() {
  const { t } = useTranslation();
  const phase = useDeviceCheck((s) => s.items.camera.phase);
  const options = useDeviceCheck((s) => s.devices.videoinput);
  const chosen = useDeviceCheck((s) => s.chosen.camera);
  const live = useDeviceCheck((s) => s.live);
  const opened = useDeviceCheck((s) => s.items.camera.result?.item === 'camera' && s.items.camera.result.measured.status === 'measured');
  const choose = (id: string) => {
    useDeviceCheck.getState().choose('camera', id);
    void runCamera();
  };
  return (
    <ItemCard item="camera" onRerun={() => void runCamera()}>
      <DevicePicker label={t('deviceCheck.device')} options={options} value={chosen} disabled={busy(phase)} onChange={choose} />
      <div className="dc-preview">
        <video ref={attachVideo} muted playsInline aria-label={t('deviceCheck.items.camera')} />
        {phase === 'idle' && !opened && <span className="dc-preview-note">{t('deviceCheck.camera.noPreview')}</span>}
      </div>
      {phase === 'measuring' && (
        <p className="dc-live" role="status">
          {t('deviceCheck.camera.measuring')} {live.luma !== null && t('deviceCheck.camera.live', { luma: live.luma.toFixed(0), frames: live.frames })}
        </p>
      )}
    </ItemCard>
  );
}

/** dBFS → bar width: −60 dBFS empty, 0 dBFS full. */
const meterWidth = (dbfs: number | null) => `${dbfs === null ? 0 : Math.max(0, Math.min(100, ((dbfs + 60) / 60) * 100))}%`;

export function MicrophoneItem() {
  const { t } = useTranslation();
  const phase = useDeviceCheck((s) => s.items.microphone.phase);
  const options = useDeviceCheck((s) => s.devices.audioinput);
  const chosen = useDeviceCheck((s) => s.chosen.microphone);
  const live = useDeviceCheck((s) => s.live);
  const choose = (id: string) => {
    useDeviceCheck.getState().choose('microphone', id);
    void runMicrophone();
  };
  const target = THRESHOLDS.microphone.speechTargetMs.value / 1000;
  return (
    <ItemCard item="microphone" onRerun={() => void runMicrophone()}>
      <DevicePicker label={t('deviceCheck.device')} options={options} value={chosen} disabled={busy(phase)} onChange={choose} />
      <div className="dc-meter" role="meter" aria-valuemin={-60} aria-valuemax={0} aria-valuenow={live.micRms ?? -60} aria-label={t('deviceCheck.items.microphone')}>
        <div className="dc-meter-rms" style={{ width: meterWidth(live.micRms) }} />
        <div className="dc-meter-peak" style={{ left: meterWidth(live.micPeak) }} />
      </div>
      {live.micRms !== null && <small className="dc-live">{t('deviceCheck.microphone.meter', { rms: live.micRms.toFixed(1), peak: (live.micPeak ?? 0).toFixed(1) })}</small>}
      {phase === 'quiet' && (
        <p className="dc-prompt" role="status">
          {t('deviceCheck.microphone.quiet', { seconds: THRESHOLDS.microphone.quietMs.value / 1000 })}
        </p>
      )}
      {phase === 'speech' && (
        <div className="dc-prompt dc-reading" role="status">
          <p>{t('deviceCheck.microphone.read')}</p>
          <blockquote lang="zh-CN">{t('deviceCheck.microphone.sentence')}</blockquote>
          <p>
            <small>{t('deviceCheck.microphone.heard', { seconds: (live.speechMs / 1000).toFixed(1), target })}</small>
            <button type="button" onClick={stopReading}>
              {t('deviceCheck.microphone.stop')}
            </button>
          </p>
        </div>
      )}
    </ItemCard>
  );
}

export function SpeakersItem() {
  const { t } = useTranslation();
  const phase = useDeviceCheck((s) => s.items.speakers.phase);
  const options = useDeviceCheck((s) => s.devices.audiooutput);
  const chosen = useDeviceCheck((s) => s.chosen.speakers);
  const choose = (id: string) => {
    useDeviceCheck.getState().choose('speakers', id);
    void runSpeakers();
  };
  return (
    <ItemCard item="speakers" onRerun={() => void runSpeakers()}>
      <DevicePicker label={t('deviceCheck.device')} options={canChooseOutput() ? options : []} value={chosen} disabled={busy(phase)} onChange={choose} />
      {phase === 'tone' && (
        <p className="dc-prompt" role="status">
          {t('deviceCheck.speakers.playing')}
        </p>
      )}
      {phase === 'answer' && (
        <div className="dc-prompt dc-question">
          <p>{t('deviceCheck.speakers.question')}</p>
          <button type="button" className="dc-yes" onClick={() => answerSpeakers(true)}>
            {t('deviceCheck.speakers.yes')}
          </button>
          <button type="button" className="dc-no" onClick={() => answerSpeakers(false)}>
            {t('deviceCheck.speakers.no')}
          </button>
          <button type="button" className="dc-link" onClick={() => void runSpeakers()}>
            {t('deviceCheck.speakers.play')}
          </button>
        </div>
      )}
    </ItemCard>
  );
}
