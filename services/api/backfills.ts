import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import type { CallContext } from '../../shared/grpc/call-context.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import type { Backfill } from '../../shared/proto/gen/baton/v1/Backfill.js';
import type { ListBackfillsRequest__Output } from '../../shared/proto/gen/baton/v1/ListBackfillsRequest.js';
import type { StartBackfillRequest__Output } from '../../shared/proto/gen/baton/v1/StartBackfillRequest.js';
import type { ApiLimits } from './api-limits.js';
import { resumeBackfill, stopBackfill, wakeOwner } from './backfill-controls.js';
import { recordBackfill } from './backfill-start.js';
import { getBackfill, listBackfills } from './backfill-view.js';
import type { Definitions } from './definitions.js';

export interface BackfillsDeps extends StopRequestDeps {
  definitions: Definitions;
  processName: string;
  limits: ApiLimits;
}

/** Backfills as the api serves them: recorded here, driven by the scheduler leader. */
export class Backfills {
  constructor(private readonly deps: BackfillsDeps) {}

  start(req: StartBackfillRequest__Output, actor: string): Promise<Backfill> {
    return inSpan(
      'baton.backfill.start',
      { attributes: { [ATTR.workflow]: req.workflow } },
      async () => {
        const id = await recordBackfill(this.deps, req, actor);
        await wakeOwner(this.deps, id);
        return getBackfill(this.deps.db, id);
      },
    );
  }

  get(id: string): Promise<Backfill> {
    return getBackfill(this.deps.db, id);
  }

  async list(req: ListBackfillsRequest__Output): Promise<Backfill[]> {
    return listBackfills(this.deps.db, req);
  }

  async stop(id: string, actor: string, call?: CallContext): Promise<Backfill> {
    await inSpan('baton.backfill.stop', {}, () => stopBackfill(this.deps, id, actor, call));
    return getBackfill(this.deps.db, id);
  }

  async resume(id: string, actor: string): Promise<Backfill> {
    await inSpan('baton.backfill.resume', {}, () => resumeBackfill(this.deps, id, actor));
    return getBackfill(this.deps.db, id);
  }
}
