// 直播间 screen: pick a task, read its briefing, go live, and (when the live ends) on to 复盘.
import { useEffect } from 'react';
import { Briefing } from './Briefing.tsx';
import { LiveRoom } from './LiveRoom.tsx';
import { leaveLive } from './session.ts';
import { useLiveRoom } from './store.ts';
import { TaskPicker } from './TaskPicker.tsx';
import './live-room.css';

export function LiveRoomScreen() {
  const stage = useLiveRoom((s) => s.stage);
  // Navigating away mid-live ends the live (and closes its evidence) rather than leaving it running unseen.
  useEffect(() => () => leaveLive(), []);
  switch (stage) {
    case 'pick':
      return <TaskPicker />;
    case 'brief':
    case 'starting':
      return <Briefing />;
    case 'live':
    case 'ending':
      return <LiveRoom />;
  }
}
