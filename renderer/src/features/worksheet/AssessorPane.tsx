// The assessor's view of a worksheet package: the sheet as the trainee submitted it, every part
// with its answer (given, typed and computed cells; the options chosen; the text; the uploaded
// file), the automatic checks run again on it with the expected values, and the rubric items each
// part serves. Shown beside the rubric in place of the live room's video and timeline.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../app/useCall.ts';
import type { OpenResult } from '../../../../electron/contract/scoring.ts';
import { computedCells, givenText, gradeWorksheet, prepare, roleOf, type Part, type PreparedWorksheet, type WorksheetAnswers, type WorksheetGrade, type WorksheetScenario } from '../../../../scenarios/worksheet/index.ts';
import { cellMarks, checkTitle, failureLine, localiseLine, rowCount } from './view.ts';
import './worksheet.css';

type Submission = NonNullable<OpenResult['worksheet']>;

function PartAnswerView({ part, s, prepared, answers, grade }: { part: Part; s: WorksheetScenario; prepared: PreparedWorksheet; answers: WorksheetAnswers; grade: WorksheetGrade }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const loc = (l: { 'zh-CN': string; en: string }) => (english ? l.en : l['zh-CN']);
  const answer = answers.parts[part.id];
  const rubric = s.rubric.filter((r) => r.parts.includes(part.id));
  const checks = grade.checks.filter((c) => c.part === part.id);
  let body;
  if (part.type === 'table') {
    const table = prepared.tables.get(part.id);
    const computed = computedCells(s, part.id, answer, prepared);
    const computeIds = part.columns.filter((c) => roleOf(c) === 'computed').map((c) => c.id);
    const marks = cellMarks(grade, part);
    const typed = answer?.type === 'table' ? answer.rows : [];
    body = (
      <div className="ws-scroll">
        <table className="ws-table">
          <thead>
            <tr>
              <th>#</th>
              {part.columns.map((c) => (
                <th key={c.id}>{loc(c.title)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rowCount(part, s, answer) }, (_, i) => (
              <tr key={i}>
                <td className="ws-rownum">{i + 1}</td>
                {part.columns.map((c) => {
                  const role = roleOf(c);
                  if (role === 'given') return <td key={c.id} className="ws-given">{table ? givenText(table, c, i) : ''}</td>;
                  if (role === 'computed') {
                    const v = computed[i]?.[computeIds.indexOf(c.id)] ?? null;
                    return <td key={c.id} className="ws-computed">{typeof v === 'number' ? v.toFixed(2) : String(v ?? '')}</td>;
                  }
                  const mark = marks.get(`${i}:${c.id}`);
                  const v = typed[i]?.[c.id] ?? '';
                  return (
                    <td key={c.id} className={mark ? 'ws-mark-wrong ws-warn' : ''} data-cell={`${part.id}:${i}:${c.id}`}>
                      {c.type === 'boolean' ? (v === 'true' ? '✓' : '') : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  } else if (part.type === 'choice') {
    const selected = answer?.type === 'choice' ? answer.selected : [];
    body = (
      <ul>
        {part.options.map((o) => (
          <li key={o.id} className={selected.includes(o.id) ? 'ws-chosen' : ''}>
            {selected.includes(o.id) ? '☑' : '☐'} {loc(o.text)}
            {part.answer?.includes(o.id) ? ' ★' : ''}
          </li>
        ))}
      </ul>
    );
  } else if (part.type === 'short_answer') {
    const text = answer?.type === 'short_answer' ? answer.text : '';
    body = <p className="ws-answer">{text.trim() === '' ? t('worksheet.assessor.empty') : text}</p>;
  } else {
    const file = answer?.type === 'upload' ? answer.file : null;
    body = <p>{file ? t('worksheet.assessor.upload', { name: file.name, kb: Math.ceil(file.size / 1024), hash: file.sha256.slice(0, 12) }) : t('worksheet.assessor.empty')}</p>;
  }
  return (
    <section className="ws-part" data-testid={`as-ws-part-${part.id}`}>
      <h3>{loc(part.title)}</h3>
      <p className="ws-skills">
        {t('worksheet.part.skills')} {part.skills.join(' ')} · {t('worksheet.assessor.rubricFor')} {rubric.map((r) => loc(r.title)).join('、')}
      </p>
      {body}
      {checks.length > 0 && (
        <ul className="ws-checks">
          {checks.map((c) => (
            <li key={c.id} className={`ws-check ws-${c.status}`} data-check={c.id} data-status={c.status}>
              <span className="ws-check-mark">{t(`worksheet.check.status.${c.status}`)}</span> {checkTitle(s, c.id, english)}
              {c.failures.length > 0 && (
                <ul>
                  {c.failures.slice(0, 10).map((f, i) => {
                    const tp = part.type === 'table' ? part : null;
                    const line = localiseLine(failureLine(tp, f, true), tp, f.column, english);
                    return <li key={i}>{t(line.key as 'worksheet.failure.mismatch', line.params)}</li>;
                  })}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Loaded({ s, submission }: { s: WorksheetScenario; submission: Submission }) {
  const { t } = useTranslation();
  const prepared = useMemo(() => prepare(s), [s]);
  const grade = useMemo(() => gradeWorksheet(s, submission.answers, prepared), [s, submission, prepared]);
  const sec = Math.round(submission.t / 1000);
  return (
    <div className="ws-pane" data-testid="as-worksheet">
      <h3>{t('worksheet.assessor.heading')}</h3>
      <p className="ws-meta">
        {t('worksheet.assessor.submittedAt', { minutes: Math.floor(sec / 60), seconds: sec % 60, inputs: submission.inputs, checks: submission.checks })} ·{' '}
        {t('worksheet.assessor.checks', { passed: grade.passed, failed: grade.failed, incomplete: grade.incomplete })}
      </p>
      {s.parts.map((p) => (
        <PartAnswerView key={p.id} part={p} s={s} prepared={prepared} answers={submission.answers} grade={grade} />
      ))}
    </div>
  );
}

export function WorksheetPane({ scenarioId, submission }: { scenarioId: string; submission: Submission }) {
  const { t } = useTranslation();
  const got = useCall('scenarios.get', { id: scenarioId });
  if (got.state === 'loading') return <p className="ws-note">{t('worksheet.assessor.loading')}</p>;
  if (got.state === 'error') return <p className="ws-warn">{got.message}</p>;
  const s = got.value.scenario;
  if (s.kind !== 'worksheet') return <p className="ws-warn">{t('worksheet.assessor.noSubmit')}</p>;
  return <Loaded s={s} submission={submission} />;
}
