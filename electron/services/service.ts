// The one shape of a service: created from its dependencies, it answers its share of the contract
// and closes what it opened. host.ts assembles services; none patches another's handlers.
import { methods, type Handlers, type MethodName } from '../contract/index.ts';

export interface Service<H extends Partial<Handlers> = Partial<Handlers>> {
  handlers: H;
  close(): Promise<void> | void;
}

export class AssemblyError extends Error {
  override name = 'AssemblyError';
}

/** Every service's handlers as one Handlers: a method two services register, or one that no
 *  service registers, is refused (AssemblyError naming the method and the services). */
export function assembleHandlers(services: readonly (readonly [string, Service])[]): Handlers {
  const owner = new Map<string, string>();
  const out: Record<string, unknown> = {};
  for (const [service, { handlers }] of services) {
    for (const [method, handler] of Object.entries(handlers)) {
      const first = owner.get(method);
      if (first !== undefined) throw new AssemblyError(`method ${method} is registered twice: by ${first} and by ${service}`);
      if (!(method in methods)) throw new AssemblyError(`service ${service} registers ${method}, which is not in the contract`);
      owner.set(method, service);
      out[method] = handler;
    }
  }
  const missing = (Object.keys(methods) as MethodName[]).filter((m) => !owner.has(m));
  if (missing.length > 0) throw new AssemblyError(`no service handles ${missing.join(', ')}`);
  return out as Handlers;
}

/** Closes services in the reverse order of their assembly; every close runs even if one fails. */
export async function closeAll(services: readonly (readonly [string, Service])[]): Promise<void> {
  const failures: string[] = [];
  for (const [name, service] of [...services].reverse()) {
    try {
      await service.close();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`closing services failed: ${failures.join('; ')}`);
}
