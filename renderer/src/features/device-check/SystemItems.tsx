// The network, disk and OBS cards: the ingest server and OBS connection forms.
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_OBS_URL } from '../../../../electron/contract/obs.ts';
import { call } from '../../bridge/index.ts';
import { ItemCard } from './ItemCard.tsx';
import { connectObs, runDisk, runNetwork, runObs, saveIngest } from './run-system.ts';
import { useDeviceCheck } from './store.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function NetworkItem() {
  const { t } = useTranslation();
  const [ingest, setIngest] = useState('');
  const [error, setError] = useState<string | null>(null);
  const running = useDeviceCheck((s) => s.items.network.phase === 'measuring');
  useEffect(() => {
    let live = true;
    call('devices.settings', {}).then(
      (settings) => {
        if (live && settings.ingestUrl !== null) setIngest((current) => (current === '' ? (settings.ingestUrl ?? '') : current));
      },
      (e: unknown) => {
        if (live) setError(message(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    saveIngest(ingest).then(
      (stored) => setIngest(stored ?? ''),
      (e: unknown) => setError(message(e)),
    );
  };
  return (
    <ItemCard item="network" onRerun={() => void runNetwork()}>
      <form className="dc-form" onSubmit={submit}>
        <label>
          <span>{t('deviceCheck.network.ingest')}</span>
          <input name="ingest" value={ingest} placeholder={t('deviceCheck.network.placeholder')} onChange={(e) => setIngest(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <button type="submit" disabled={running}>
          {t('deviceCheck.network.save')}
        </button>
        <small>{t('deviceCheck.network.keyNote')}</small>
        {error !== null && (
          <small className="dc-error" role="alert">
            {error}
          </small>
        )}
      </form>
    </ItemCard>
  );
}

export function DiskItem() {
  return <ItemCard item="disk" onRerun={() => void runDisk()} />;
}

export function ObsItem() {
  const { t } = useTranslation();
  const [url, setUrl] = useState(DEFAULT_OBS_URL);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const running = useDeviceCheck((s) => s.items.obs.phase === 'measuring');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    connectObs(url, password).then(
      () => setPassword(''),
      (e: unknown) => setError(message(e)),
    );
  };
  return (
    <ItemCard item="obs" onRerun={() => void runObs()}>
      <form className="dc-form" onSubmit={submit}>
        <label>
          <span>{t('deviceCheck.obs.url')}</span>
          <input name="obs-url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <label>
          <span>{t('deviceCheck.obs.password')}</span>
          <input name="obs-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" disabled={running}>
          {t('deviceCheck.obs.connect')}
        </button>
        <small>{t('deviceCheck.obs.passwordNote')}</small>
        {error !== null && (
          <small className="dc-error" role="alert">
            {error}
          </small>
        )}
      </form>
    </ItemCard>
  );
}
