import {
  DEFAULT_DEFINITION_LIMITS,
  type DefinitionLimits,
} from '../../shared/domain/definition-limits.js';

/** What the api refuses to store: definition and params sizes, and a backlog of starts. */
export interface ApiLimits extends DefinitionLimits {
  /** Instances of one definition waiting to run (SUBMITTED or SERIAL_WAIT). */
  readonly pendingStarts: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  ...DEFAULT_DEFINITION_LIMITS,
  pendingStarts: 10_000,
};
