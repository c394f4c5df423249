import { useTranslation } from 'react-i18next';
import type { Issue } from './store.ts';

/** Codes + params said in words; the code stays visible for the record. */
export function IssueList({ issues, testId }: { issues: readonly Issue[]; testId?: string }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <ul className="ce-issues" data-testid={testId}>
      {issues.map((i, n) => (
        <li key={`${i.code}-${String(n)}`} data-code={i.code}>
          {t(`centre.issues.${i.code}`, { ...i.params, defaultValue: i.code })} <code>{i.code}</code>
        </li>
      ))}
    </ul>
  );
}
