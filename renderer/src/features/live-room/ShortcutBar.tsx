// The keyboard shortcuts, shown where they are used (the legend is SHORTCUTS itself).
import { useTranslation } from 'react-i18next';
import { HOST_ONLY, SHORTCUTS } from './shortcuts.ts';

/** `simulatedHost`: a 平台管理员 task, whose host's own keys (口头回复, 卖点) are left out. */
export function ShortcutLegend({ compact = false, simulatedHost = false }: { compact?: boolean; simulatedHost?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={compact ? 'lr-keys compact' : 'lr-keys'} aria-label={t('liveRoom.brief.shortcuts')}>
      {SHORTCUTS.filter((s) => !simulatedHost || !HOST_ONLY.includes(s.action)).map((s) => (
        <li key={s.action} title={compact ? t(`liveRoom.shortcut.${s.action}`) : undefined}>
          <kbd>{s.keyLabel}</kbd>
          <span>{t(compact ? `liveRoom.shortcutShort.${s.action}` : `liveRoom.shortcut.${s.action}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A key cap beside a button label. */
export function Key({ k }: { k: string }) {
  return <kbd className="lr-kbd">{k}</kbd>;
}
