export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  close(): void;
}
