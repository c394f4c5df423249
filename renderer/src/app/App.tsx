import { useTranslation } from 'react-i18next';
import { HomeScreen } from '../features/home/HomeScreen.tsx';
import { useCall } from './useCall.ts';

export function App() {
  const { t, i18n } = useTranslation();
  const info = useCall('app.info', {});
  const toggleLanguage = () => {
    const next = i18n.language === 'en' ? 'zh-CN' : 'en';
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>{t('app.title')}</h1>
          <p>{t('app.subtitle')}</p>
        </div>
        <div className="meta">
          {info.state === 'ready' && (
            <span className="transport" title={`${t('app.dataDir')}: ${info.value.dataDir}`}>
              {t(`app.transport.${info.value.transport}`)} · {t('app.version')} {info.value.version}
            </span>
          )}
          {info.state === 'error' && <span className="status error">{t('app.connectionFailed', { message: info.message })}</span>}
          <button className="lang" onClick={toggleLanguage}>
            {t('app.language')}
          </button>
        </div>
      </header>
      <HomeScreen />
    </div>
  );
}
