import type { SimContext } from '../core';
import type { SimSheet } from '../state';

/** Event sources (onChanged, onSelectionChanged …) and the handle their add() returns. */

interface EventArgsBase {
  type: string;
  source: 'Local' | 'Remote';
  worksheetId?: string;
}

export class SimEventHandlerResult {
  constructor(
    readonly context: SimContext,
    private readonly _remove: () => void,
  ) {}
  remove(): void {
    this.context._enqueue('EventHandlerResult.remove', null, this._remove);
  }
}

export class SimEventSource {
  constructor(
    private readonly ctx: SimContext,
    private readonly kind: 'worksheetChanged' | 'worksheetsChanged' | 'selectionChanged',
    private readonly since: number,
    private readonly sheetOf?: () => SimSheet,
  ) {}
  add(handler: (args: EventArgsBase) => unknown): SimEventHandlerResult {
    const env = this.ctx._env;
    this.ctx._need(this.since, `${this.kind}.add`);
    const reg = {
      kind: this.kind,
      sheetId: undefined as string | undefined,
      handler: handler as (a: unknown) => unknown,
    };
    this.ctx._enqueue(`${this.kind}.add`, null, () => {
      if (this.sheetOf) reg.sheetId = this.sheetOf().id;
      env.registrations.push(reg);
    });
    return new SimEventHandlerResult(this.ctx, () => {
      const i = env.registrations.indexOf(reg);
      if (i >= 0) env.registrations.splice(i, 1);
    });
  }
}
