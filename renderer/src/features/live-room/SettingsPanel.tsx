// 直播间标题 and 公告: what viewers read, so it is checked for banned words as it is typed and
// again by the engine when saved (the hits count in 复盘).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextField } from '../../../../scenarios/engine/index.ts';
import { BannedHint } from './BannedHint.tsx';
import { dispatch } from './session.ts';
import { useSession } from './store.ts';

function TextSetting({ field, saved }: { field: Extract<TextField, 'title' | 'notice'>; saved: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(saved);
  const changed = text !== saved;
  return (
    <div className="lr-setting">
      <label htmlFor={`lr-${field}`}>{t(`liveRoom.settings.${field}`)}</label>
      <div className="lr-reply-row">
        <input id={`lr-${field}`} value={text} maxLength={field === 'title' ? 40 : 200} placeholder={t(`liveRoom.settings.${field}Placeholder`)} onChange={(e) => setText(e.target.value)} />
        <button type="button" disabled={!changed} onClick={() => dispatch({ type: 'set_text', field, text })}>
          {t('liveRoom.settings.save')}
        </button>
      </div>
      <BannedHint text={text} />
    </div>
  );
}

export function SettingsPanel() {
  const { t } = useTranslation();
  const texts = useSession('texts')?.texts;
  if (texts === undefined) return null;
  return (
    <section className="lr-settings" aria-label={t('liveRoom.settings.heading')}>
      <h3>{t('liveRoom.settings.heading')}</h3>
      <TextSetting field="title" saved={texts.title} />
      <TextSetting field="notice" saved={texts.notice} />
    </section>
  );
}
