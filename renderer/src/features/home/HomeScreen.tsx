import { useTranslation } from 'react-i18next';
import { connectionErrorText } from '../../app/connection-error.ts';
import { useCall } from '../../app/useCall.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useSelection, type Role } from '../../stores/selection.ts';
import { CatalogueView } from './CatalogueView.tsx';

const roles: readonly Role[] = ['trainee', 'assessor', 'centre'];

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { role, workType, level, setRole, setWorkType, setLevel } = useSelection();
  const go = useNavigation((s) => s.go);
  const catalogue = useCall('standard.catalogue', {});

  if (catalogue.state !== 'ready') {
    return <p className="status">{catalogue.state === 'loading' ? t('catalogue.loading') : connectionErrorText(t, catalogue)}</p>;
  }
  const { workTypes, levels } = catalogue.value;
  const current = workTypes.find((w) => w.code === workType);
  const levelInfo = levels.find((l) => l.level === level);

  return (
    <main className="home">
      <section className="pickers" aria-label={t('role.heading')}>
        <div className="picker">
          <h2>{t('role.heading')}</h2>
          <div className="choices roles" role="radiogroup" aria-label={t('role.heading')}>
            {roles.map((r) => (
              <button key={r} role="radio" aria-checked={role === r} className={role === r ? 'choice selected' : 'choice'} onClick={() => setRole(r)}>
                <strong>{t(`role.${r}`)}</strong>
                <small>{t(`role.${r}Hint`)}</small>
              </button>
            ))}
          </div>
        </div>
        <div className="picker">
          <h2>{t('selection.workType')}</h2>
          <div className="choices" role="radiogroup" aria-label={t('selection.workType')}>
            {workTypes.map((w) => (
              <button
                key={w.code}
                role="radio"
                aria-checked={workType === w.code}
                className={workType === w.code ? 'choice selected' : 'choice'}
                onClick={() => {
                  setWorkType(w.code);
                  if (!w.levels.includes(level)) setLevel(w.levels[w.levels.length - 1] ?? 5);
                }}
              >
                <strong>{english ? w.nameEn : w.name}</strong>
                <small>{w.code}</small>
              </button>
            ))}
          </div>
        </div>
        <div className="picker">
          <h2>{t('selection.level')}</h2>
          <div className="choices levels" role="radiogroup" aria-label={t('selection.level')}>
            {levels.map((l) => {
              const offered = current?.levels.includes(l.level) ?? false;
              return (
                <button
                  key={l.level}
                  role="radio"
                  aria-checked={level === l.level}
                  disabled={!offered}
                  title={offered ? l.name : t('selection.notOffered', { workType: current?.name ?? '', level: l.short })}
                  className={level === l.level ? 'choice selected' : 'choice'}
                  onClick={() => setLevel(l.level)}
                >
                  <strong>{english ? l.nameEn : l.short}</strong>
                  <small>{english ? l.short : l.name.split('/')[1]}</small>
                </button>
              );
            })}
          </div>
        </div>
      </section>
      {role === 'trainee' && (
        <div className="dc-home-cta">
          <button type="button" onClick={() => go('device-check')}>
            {t('deviceCheck.homeButton')}
          </button>
          <small>{t('deviceCheck.homeHint')}</small>
          <button type="button" onClick={() => go('live-room')}>
            {t('liveRoom.homeButton')}
          </button>
          <small>{t('liveRoom.homeHint')}</small>
        </div>
      )}
      {role === 'assessor' && (
        <div className="as-home-cta">
          <button type="button" onClick={() => go('assessor')} data-testid="home-assessor">
            {t('assessor.homeButton')}
          </button>
          <small>{t('assessor.homeHint')}</small>
        </div>
      )}
      {role === 'centre' && (
        <div className="as-home-cta">
          <button type="button" onClick={() => go('centre')} data-testid="home-centre">
            {t('centre.homeButton')}
          </button>
          <small>{t('centre.homeHint')}</small>
        </div>
      )}
      {current && levelInfo && current.levels.includes(level) && (
        <CatalogueView workType={current.code} workTypeName={english ? current.nameEn : current.name} level={level} levelName={english ? levelInfo.nameEn : levelInfo.short} levels={levels} />
      )}
    </main>
  );
}
