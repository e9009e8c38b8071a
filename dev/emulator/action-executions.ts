// The runs of data actions the analytics query counts (action-analytics.ts), kept per emulator
// and cleared by reset. The dimensions are the SDK's (ActionAggregationQuery's groupBy values).

export const ACTION_DIMENSIONS = [
  "actionCategory",
  "actionId",
  "actionName",
  "correlationId",
  "errorType",
  "integrationId",
  "integrationName",
  "responseStatus",
] as const;
export type ActionDimension = (typeof ACTION_DIMENSIONS)[number];

export interface ActionExecution {
  /** When it ended (epoch ms). */
  at: number;
  durationMs: number;
  dimensions: Partial<Record<ActionDimension, string>>;
}

export class ActionExecutions {
  private readonly records: ActionExecution[] = [];

  record(execution: ActionExecution): void {
    this.records.push(execution);
  }

  list(): ActionExecution[] {
    return structuredClone(this.records);
  }

  clear(): void {
    this.records.length = 0;
  }
}
