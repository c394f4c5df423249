// Texts of rows that come and go many times a second (comment stream, 待回复), looked up once per
// language instead of once per row and render.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The row texts, looked up once per language (not once per row: rows come and go 200 times a second). */
export interface RowLabels {
  kind: Readonly<Record<string, string>>;
  hidden: Readonly<Record<'muted' | 'keyword' | 'deleted', string>>;
  muted: string;
  answered: string;
  expired: string;
  /** 待回复: "剩 N 秒" with N filled in, and 已超时. */
  left: (seconds: number) => string;
  late: string;
}

const KINDS = ['question', 'objection', 'praise', 'troll', 'spam', 'bait', 'complaint', 'intent', 'reaction'] as const;

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      kind: Object.fromEntries(KINDS.map((k) => [k, t(`liveRoom.kind.${k}`)])),
      hidden: { muted: t('liveRoom.stream.hidden.muted'), keyword: t('liveRoom.stream.hidden.keyword'), deleted: t('liveRoom.stream.hidden.deleted') },
      muted: t('liveRoom.stream.muted'),
      answered: t('liveRoom.stream.answered'),
      expired: t('liveRoom.stream.expired'),
      left: ((template: string) => (seconds: number) => template.replace('\u0000', String(seconds)))(t('liveRoom.queue.left', { seconds: '\u0000' })),
      late: t('liveRoom.queue.late'),
    }),
    [t, language], // eslint-disable-line react-hooks/exhaustive-deps -- the texts change with the language
  );
}

