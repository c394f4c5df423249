import { useTranslation } from 'react-i18next';
import { useCall } from '../../app/useCall.ts';
import { useSelection } from '../../stores/selection.ts';
import type { Level, WorkTypeCode } from '../../../../scenarios/standard/index.ts';
import { groupSkills } from './group-skills.ts';

interface Props {
  workType: WorkTypeCode;
  workTypeName: string;
  level: Level;
  levelName: string;
  levels: readonly { level: Level; short: string; nameEn: string }[];
}

export function CatalogueView({ workType, workTypeName, level, levelName, levels }: Props) {
  const { t, i18n } = useTranslation();
  const { includeLower, setIncludeLower } = useSelection();
  const skills = useCall('standard.skills', { workType, level, includeLower });
  const weights = useCall('standard.weights', { workType, level });
  const levelLabel = (l: number) => {
    const info = levels.find((x) => x.level === l);
    return i18n.language === 'en' ? (info?.nameEn ?? String(l)) : (info?.short ?? String(l));
  };

  return (
    <div className="catalogue">
      <section className="skills" aria-labelledby="skills-heading">
        <header className="section-head">
          <h2 id="skills-heading">{t('catalogue.heading', { workType: workTypeName, level: levelName })}</h2>
          {skills.state === 'ready' && <span className="count">{t('catalogue.count', { count: skills.value.skills.length })}</span>}
          <label className="toggle">
            <input type="checkbox" checked={includeLower} onChange={(e) => setIncludeLower(e.target.checked)} />
            {t('catalogue.includeLower')}
          </label>
        </header>
        {skills.state === 'loading' && <p className="status">{t('catalogue.loading')}</p>}
        {skills.state === 'error' && <p className="status error">{skills.message}</p>}
        {skills.state === 'ready' && skills.value.skills.length === 0 && <p className="status">{t('catalogue.empty')}</p>}
        {skills.state === 'ready' &&
          groupSkills(skills.value.skills).map((group) => (
            <article key={group.key} className="function-group">
              <h3>
                <span className="fn-number">{group.function}</span>
                {group.functionName}
                {includeLower && <span className="level-tag">{t('catalogue.fromLevel', { level: levelLabel(group.level) })}</span>}
              </h3>
              {group.contents.map((content) => (
                <div key={content.content} className="content-group">
                  <h4>
                    <code>{content.content}</code> {content.contentName}
                  </h4>
                  <ul>
                    {content.skills.map((skill) => (
                      <li key={skill.id} data-skill-id={skill.id}>
                        <code className="skill-code">{skill.code}</code>
                        <span className="skill-text">{skill.text}</span>
                        {skill.workTypes.length < 4 && <span className="types" title={t('catalogue.appliesTo', { types: skill.workTypes.join('') })}>{skill.workTypes.join('')}</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </article>
          ))}
      </section>
      <aside className="weights" aria-labelledby="weights-heading">
        <h2 id="weights-heading">{t('catalogue.weights')}</h2>
        {weights.state === 'ready' && (
          <>
            <table>
              <thead>
                <tr>
                  <th>{t('catalogue.function')}</th>
                  <th>{t('catalogue.percent')}</th>
                </tr>
              </thead>
              <tbody>
                {weights.value.skill.map((w) => (
                  <tr key={w.function}>
                    <td>
                      <span className="bar" style={{ width: `${w.percent}%` }} />
                      {w.function}. {w.functionName}
                    </td>
                    <td className="num">{w.percent}%</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('catalogue.total')}</td>
                  <td className="num">{weights.value.skill.reduce((sum, w) => sum + w.percent, 0)}%</td>
                </tr>
              </tfoot>
            </table>
            <h3>{t('catalogue.theoryWeights')}</h3>
            <table className="compact">
              <tbody>
                {weights.value.theory.map((w) => (
                  <tr key={w.part}>
                    <td>{w.part}</td>
                    <td className="num">{w.percent}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {weights.state === 'error' && <p className="status error">{weights.message}</p>}
        <p className="rules">{t('catalogue.rules')}</p>
      </aside>
    </div>
  );
}
