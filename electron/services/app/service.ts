// app.info: what the UI shows about this installation and how it is connected.
import type { Handlers } from '../../contract/index.ts';
import type { Service } from '../service.ts';
import { appPackage } from '../version.ts';

type AppHandlers = Pick<Handlers, 'app.info'>;

export function createAppService(deps: { dataDir: string }): Service<AppHandlers> {
  const handlers: AppHandlers = {
    'app.info': (_input, context) => ({
      name: appPackage.name,
      version: appPackage.version,
      dataDir: deps.dataDir,
      transport: context.transport,
      platform: process.platform,
    }),
  };
  return { handlers, close: () => undefined };
}
