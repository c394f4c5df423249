// 设备检测: the first task of every trainee. Media permissions are asked only when the trainee
// presses 开始检测; every item can be re-run on its own; nothing here blocks going on.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_NAMES, thresholdRows } from '../../../../scenarios/device-check/index.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { CameraItem, MicrophoneItem, SpeakersItem } from './MediaItems.tsx';
import { refreshDevices } from './run-media.ts';
import { leave, runAll, saveRecord } from './run-system.ts';
import { useDeviceCheck } from './store.ts';
import { DiskItem, NetworkItem, ObsItem } from './SystemItems.tsx';
import { onDeviceChange } from '../../media/devices.ts';
import './device-check.css';

function useElapsed(startedAt: number | null): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [startedAt]);
  if (startedAt === null) return null;
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function Summary() {
  const { t } = useTranslation();
  const items = useDeviceCheck((s) => s.items);
  const counts = { pass: 0, warn: 0, fail: 0, idle: 0 };
  for (const name of ITEM_NAMES) counts[items[name].result?.verdict ?? 'idle']++;
  return (
    <p className="dc-summary" data-testid="dc-summary">
      {t('deviceCheck.summary', counts)}
    </p>
  );
}

function Thresholds() {
  const { t } = useTranslation();
  return (
    <details className="dc-thresholds">
      <summary>{t('deviceCheck.thresholds.title')}</summary>
      <p>{t('deviceCheck.thresholds.note')}</p>
      <table>
        <tbody>
          {thresholdRows().map((row) => (
            <tr key={`${row.group}.${row.key}`}>
              <td>{t(`deviceCheck.thresholds.group.${row.group}`)}</td>
              <td>{row.rule}</td>
              <td className="num">
                {row.value} {row.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function DeviceCheckScreen() {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  const startedAt = useDeviceCheck((s) => s.startedAt);
  const saved = useDeviceCheck((s) => s.saved);
  const saveError = useDeviceCheck((s) => s.saveError);
  const elapsed = useElapsed(startedAt);

  useEffect(() => {
    // Before any permission the lists hold ids only; after it, labels (refreshed by the runners).
    void refreshDevices();
    const off = onDeviceChange(() => void refreshDevices());
    return () => {
      off();
      void leave();
    };
  }, []);

  return (
    <main className="device-check">
      <header className="dc-head">
        <div>
          <h2>{t('deviceCheck.title')}</h2>
          <p className="dc-intro">{t('deviceCheck.intro')}</p>
          <p className="dc-skills">{t('deviceCheck.skills')}</p>
        </div>
        <div className="dc-actions">
          <button type="button" className="dc-primary" onClick={() => void runAll()}>
            {startedAt === null ? t('deviceCheck.start') : t('deviceCheck.again')}
          </button>
          <button type="button" onClick={() => void saveRecord()} disabled={startedAt === null}>
            {t('deviceCheck.finish')}
          </button>
          <button
            type="button"
            data-testid="dc-go-live"
            onClick={() =>
              // The saved check is what the session's package takes into checks/.
              void (startedAt !== null && !saved ? saveRecord() : Promise.resolve()).then(() => {
                go('live-room');
              })
            }
          >
            {t('deviceCheck.goLive')}
          </button>
          <button type="button" className="dc-link" onClick={() => go('home')}>
            {t('deviceCheck.back')}
          </button>
          {startedAt === null ? <small>{t('deviceCheck.startHint')}</small> : <small>{t('deviceCheck.elapsed', { time: elapsed ?? '0:00' })}</small>}
        </div>
      </header>
      <Summary />
      {saved && (
        <p className="dc-saved" role="status" data-testid="dc-saved">
          {t('deviceCheck.saved', { path: saved.path })}
        </p>
      )}
      {saveError !== null && (
        <p className="dc-error" role="alert">
          {t('deviceCheck.saveFailed', { message: saveError })}
        </p>
      )}
      <div className="dc-grid">
        <CameraItem />
        <MicrophoneItem />
        <SpeakersItem />
        <NetworkItem />
        <DiskItem />
        <ObsItem />
      </div>
      <Thresholds />
    </main>
  );
}
