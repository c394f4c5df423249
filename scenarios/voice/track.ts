// A typed array that grows as frames arrive (capacity doubles), read back as a view.

type Ctor<A> = new (length: number) => A;

export class Track<A extends Float32Array | Uint8Array | Uint16Array> {
  #data: A;
  #ctor: Ctor<A>;
  length = 0;
  constructor(ctor: Ctor<A>, capacity = 1024) {
    this.#ctor = ctor;
    this.#data = new ctor(capacity);
  }
  push(v: number): void {
    if (this.length === this.#data.length) {
      const next = new this.#ctor(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.length++] = v;
  }
  get(i: number): number {
    return this.#data[i] ?? 0;
  }
  /** The filled part (shares memory; valid until the next push). */
  view(): A {
    return this.#data.subarray(0, this.length) as A;
  }
}
