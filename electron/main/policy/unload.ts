// A page that asks to stay (the live room's beforeunload while a session is live): Electron
// cancels the unload silently unless main asks. Main asks the trainee with a native dialog and
// lets the page go only when they choose to leave (will-prevent-unload + preventDefault); a
// session left this way can be resumed on return (renderer ResumeOffer). The main process has no
// i18next: its few words are here, zh-CN first, English for an English system. Pure.

export interface LeaveQuestion {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: [string, string];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

/** Index of "stay" (the default and what Esc answers) and of "leave" in buttons. */
export const STAY = 0;
export const LEAVE = 1;

const WORDS = {
  zh: {
    title: '直播实训考评台 LiveDrill',
    message: '直播还在进行，确定要离开吗？',
    detail: '离开后直播会中断；回来时可以继续这一场（同一个证据包，计时从中断处接着走）。',
    stay: '留在直播间',
    leave: '离开',
  },
  en: {
    title: 'LiveDrill',
    message: 'The live is still running. Leave anyway?',
    detail: 'Leaving cuts the live off; when you come back you can go on with it (the same evidence package, the clock from where it stopped).',
    stay: 'Stay in the live room',
    leave: 'Leave',
  },
} as const;

/** The dialog for a system locale (app.getLocale(): "zh-CN", "en-US"…); Chinese unless English. */
export function leaveQuestion(locale: string): LeaveQuestion {
  const w = /^en\b/i.test(locale) ? WORDS.en : WORDS.zh;
  return { type: 'question', title: w.title, message: w.message, detail: w.detail, buttons: [w.stay, w.leave], defaultId: STAY, cancelId: STAY, noLink: true };
}

/** Whether the answer lets the page unload. */
export function leaveChosen(response: number): boolean {
  return response === LEAVE;
}
