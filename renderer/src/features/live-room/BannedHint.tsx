// Real-time banned-word feedback on what the trainee types (广告法 absolute terms, 导流, medical
// claims…): each hit with its category and the compliant way to say it, before it is sent.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { scanText } from '../../../../scenarios/compliance/index.ts';

export function BannedHint({ text }: { text: string }) {
  const { t } = useTranslation();
  const hits = useMemo(() => scanText(text), [text]);
  if (hits.length === 0) return null;
  return (
    <ul className="lr-banned" role="alert" data-testid="lr-banned-hint">
      {hits.map((h) => (
        <li key={`${h.start}-${h.word}`} className={h.severity}>
          <strong>“{h.word}”</strong> {t(`liveRoom.banned.${h.severity}`)} · {h.categoryName}
          <small>{h.advice}</small>
        </li>
      ))}
    </ul>
  );
}
