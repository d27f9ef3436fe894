/** Text that grows as a runtime prints, kept within a bound: its head and its tail, with how much was dropped. */
export class BoundedText {
  #head = '';
  #tail = '';
  #dropped = 0;

  constructor(private readonly max: number) {}

  append(chunk: string): void {
    const half = Math.floor(this.max / 2);
    if (this.#head.length < half) {
      const room = half - this.#head.length;
      this.#head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk === '') return;
    this.#tail += chunk;
    const over = this.#tail.length - (this.max - half);
    if (over > 0) {
      this.#dropped += over;
      this.#tail = this.#tail.slice(over);
    }
  }

  /** All of it when it fit; else head, a line saying how much was dropped, tail. */
  text(): string {
    if (this.#dropped === 0) return this.#head + this.#tail;
    return `${this.#head}\n[… ${this.#dropped} characters dropped …]\n${this.#tail}`;
  }
}
