import { z } from 'zod';
import { method } from './define.ts';

export const Transport = z.enum(['ipc', 'websocket']);
export type Transport = z.infer<typeof Transport>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  transport: Transport,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app.info': method('Version, data folder and transport of the running app.', z.object({}).strict(), AppInfo),
};
