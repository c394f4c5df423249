// Loads one contract call's answer for a component, re-running when the input changes.
import { useEffect, useState } from 'react';
import { call } from '../bridge/index.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../../electron/contract/index.ts';

/** `code`: the bridge's or the service's error code (e.g. 'token_refused'), null when there is none. */
export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string; code: string | null };

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function useCall<M extends MethodName>(method: M, input: MethodInput<M>): Loaded<MethodOutput<M>> {
  const key = JSON.stringify(input);
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<MethodOutput<M>> }>({ key, value: { state: 'loading' } });
  useEffect(() => {
    let live = true;
    call(method, JSON.parse(key) as MethodInput<M>).then(
      (value) => {
        if (live) setLoaded({ key, value: { state: 'ready', value } });
      },
      (error: unknown) => {
        if (live) setLoaded({ key, value: { state: 'error', message: error instanceof Error ? error.message : String(error), code: codeOf(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [method, key]);
  return loaded.key === key ? loaded.value : { state: 'loading' };
}
