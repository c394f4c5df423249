// Who may call the contract over IPC: the main frame of one of our own windows, showing our
// own origin. A sub-frame, a destroyed frame, another webContents or a page that somehow left
// app://livedrill is refused before the dispatcher sees the payload.
import { ALLOW, deny, type Decision } from './decision.ts';
import { isOwnOrigin } from './origin.ts';

export interface SenderFacts {
  /** event.senderFrame?.url; null when the frame is gone. */
  readonly senderUrl: string | null | undefined;
  /** event.senderFrame is the top frame of event.sender (senderFrame === sender.mainFrame). */
  readonly isMainFrame: boolean;
  /** event.sender belongs to a BrowserWindow that this process created. */
  readonly isOwnWindow: boolean;
}

export function isTrustedSender(facts: SenderFacts): Decision {
  if (typeof facts.senderUrl !== 'string') return deny('the sending frame is gone');
  if (!facts.isOwnWindow) return deny('the sender is not one of our windows');
  if (!facts.isMainFrame) return deny('the sender is not the main frame');
  if (!isOwnOrigin(facts.senderUrl)) return deny(`the sender's URL "${facts.senderUrl}" is not ours`);
  return ALLOW;
}
