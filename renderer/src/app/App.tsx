import { useTranslation } from 'react-i18next';
import { AssessorScreen } from '../features/assessor/AssessorScreen.tsx';
import { CentreScreen } from '../features/centre/CentreScreen.tsx';
import { DeviceCheckScreen } from '../features/device-check/DeviceCheckScreen.tsx';
import { EvidenceScreen } from '../features/evidence/EvidenceScreen.tsx';
import { HomeScreen } from '../features/home/HomeScreen.tsx';
import { LiveRoomScreen } from '../features/live-room/LiveRoomScreen.tsx';
import { ResumeOffer } from '../features/live-room/ResumeOffer.tsx';
import { ReviewScreen } from '../features/review/ReviewScreen.tsx';
import { WorksheetScreen } from '../features/worksheet/WorksheetScreen.tsx';
import { useNavigation, type Screen } from '../stores/navigation.ts';
import { connectionErrorText } from './connection-error.ts';
import { useCall } from './useCall.ts';

export function App() {
  const { t, i18n } = useTranslation();
  const info = useCall('app.info', {});
  const { screen, go } = useNavigation();
  const toggleLanguage = () => {
    const next = i18n.language === 'en' ? 'zh-CN' : 'en';
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand" onClick={() => go('home')} role="link" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && go('home')}>
          <h1>{t('app.title')}</h1>
          <p>{t('app.subtitle')}</p>
        </div>
        <div className="meta">
          {info.state === 'ready' && (
            <span className="transport" title={`${t('app.dataDir')}: ${info.value.dataDir}`}>
              {t(`app.transport.${info.value.transport}`)} · {t('app.version')} {info.value.version}
            </span>
          )}
          {info.state === 'error' && <span className="status error" data-testid="connection-error">{connectionErrorText(t, info)}</span>}
          <button className="lang" onClick={() => go('evidence')}>
            {t('evidence.topButton')}
          </button>
          <button className="lang" onClick={toggleLanguage}>
            {t('app.language')}
          </button>
        </div>
      </header>
      <ScreenView screen={screen} />
      <ResumeOffer />
    </div>
  );
}

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'home':
      return <HomeScreen />;
    case 'device-check':
      return <DeviceCheckScreen />;
    case 'live-room':
      return <LiveRoomScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'evidence':
      return <EvidenceScreen />;
    case 'assessor':
      return <AssessorScreen />;
    case 'centre':
      return <CentreScreen />;
    case 'worksheet':
      return <WorksheetScreen />;
    default:
      return <HomeScreen />;
  }
}
