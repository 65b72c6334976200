// Seeded random numbers (sfc32): the same seed gives the same lab, bit for bit.
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the four words of state.
    let s = seed >>> 0;
    const mix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [0, n) for n up to 2^53 (53 bits of randomness). */
  int(n: number): number {
    if (n <= 4294967296) return Math.floor(this.next() * n);
    const hi = this.u32() & 0x1fffff;
    return Math.floor(((hi * 4294967296 + this.u32()) / 9007199254740992) * n);
  }

  /** A value between lo and hi. */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniform number in [0, 1) with 53 bits of randomness. */
  next53(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }

  /** Failures before the first success of trials that each succeed with probability p (0 < p <= 1). */
  geometric(p: number): number {
    if (p >= 1) return 0;
    if (this.next() < p) return 0; // the common case while p is large: no logarithm
    // Memoryless: after a failure, inversion on a fresh 53-bit uniform.
    return 1 + Math.floor(Math.log1p(-this.next53()) / Math.log1p(-p));
  }

  /** The generator's state, so that a saved lab resumes the same sequence. */
  save(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  restore(s: [number, number, number, number]): void {
    [this.a, this.b, this.c, this.d] = s;
  }
}

