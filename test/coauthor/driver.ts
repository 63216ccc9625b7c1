/**
 * A deterministic driver for the co-authoring simulator: virtual time moves only here, to the
 * next thing due (a client's timer or a message), after every client has run as far as it can.
 * Client code waits with `sleep` (virtual), never on a real timer, so nothing can wait on a clock
 * that only the driver moves while the driver waits on it; a run that stops making progress
 * fails with the reason instead of hanging.
 */
import type { Coauthoring } from '../../src/simulator/coauthor';

export { seededRandom } from '../support/seeded-random';

/** Let every promise chain that can go on do so (all microtasks run before an immediate). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export class VirtualDriver {
  private timers: { at: number; order: number; resolve: () => void }[] = [];
  private order = 0;
  /** How many times the clock moved: a run's size. */
  steps = 0;

  constructor(private readonly co: Coauthoring) {}

  /** Resolves when virtual time has moved on by `ms`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.co.now() + ms, order: this.order++, resolve }));
  }

  /** Drive the clock until `work` ends; fails (never hangs) if it stops making progress or runs past `maxSteps`. */
  async run<T>(work: Promise<T>, maxSteps = 200_000): Promise<T> {
    let outcome: { value: T } | { error: unknown } | null = null;
    work.then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    for (;;) {
      await flush();
      await flush();
      if (outcome) break;
      if (++this.steps > maxSteps) throw new Error(`the run took more than ${maxSteps} steps of the clock`);
      const timer = this.timers.reduce<number | null>((t, x) => (t === null || x.at < t ? x.at : t), null);
      const message = this.co.nextAt();
      const next = [timer, message].filter((t): t is number => t !== null);
      if (!next.length) throw new Error('stuck: work is waiting but no timer or message is due');
      await this.co.advance(Math.max(0, Math.min(...next) - this.co.now()));
      const due = this.timers.filter((x) => x.at <= this.co.now()).sort((a, b) => a.at - b.at || a.order - b.order);
      this.timers = this.timers.filter((x) => x.at > this.co.now());
      for (const x of due) x.resolve();
    }
    const done = outcome as { value: T } | { error: unknown };
    if ('error' in done) throw done.error;
    return done.value;
  }
}
