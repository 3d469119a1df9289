import { ATTR, inSpan } from '../../shared/telemetry/tracing.js';
import type { StopRequestDeps } from '../../shared/instances/request-stop.js';
import type { Backfill } from '../../shared/proto/gen/baton/v1/Backfill.js';
import type { ListBackfillsRequest__Output } from '../../shared/proto/gen/baton/v1/ListBackfillsRequest.js';
import type { StartBackfillRequest__Output } from '../../shared/proto/gen/baton/v1/StartBackfillRequest.js';
import type { ApiLimits } from './api-limits.js';
import { resumeBackfill, stopBackfill, wakeOwner } from './backfill-controls.js';
import { recordBackfill } from './backfill-start.js';
import { getBackfill, listBackfills } from './backfill-view.js';
import type { Definitions } from './definitions.js';
import type { Asker } from './instances.js';
import { requestKeyOf } from './requests/request-key.js';
import type { RequestIds } from './requests/request-store.js';

export interface BackfillsDeps extends StopRequestDeps {
  definitions: Definitions;
  processName: string;
  limits: ApiLimits;
  requestIds: RequestIds;
}

/**
 * Backfills as the api serves them: recorded here, driven by the scheduler leader. Start, stop
 * and resume take a request id: a repeat answers the backfill the first call recorded or acted
 * on, as it is now (see InstanceControls for the controls' meaning of a repeat).
 */
export class Backfills {
  constructor(private readonly deps: BackfillsDeps) {}

  start(req: StartBackfillRequest__Output, asker: Asker): Promise<Backfill> {
    const { request_id: requestId, ...args } = req;
    const key = requestKeyOf(requestId, asker.actor, 'StartBackfill', args);
    const run = () =>
      inSpan(
        'baton.backfill.start',
        { attributes: { [ATTR.workflow]: req.workflow } },
        async () => {
          const id = await recordBackfill(this.deps, req, asker.actor, key);
          await wakeOwner(this.deps, id);
          return getBackfill(this.deps.db, id);
        },
      );
    return this.deps.requestIds.once(key, run, (id) => getBackfill(this.deps.db, id));
  }

  get(id: string): Promise<Backfill> {
    return getBackfill(this.deps.db, id);
  }

  async list(req: ListBackfillsRequest__Output): Promise<Backfill[]> {
    return listBackfills(this.deps.db, req);
  }

  stop(id: string, asker: Asker): Promise<Backfill> {
    const key = requestKeyOf(asker.requestId ?? '', asker.actor, 'StopBackfill', { id });
    const run = async () => {
      await inSpan('baton.backfill.stop', {}, () =>
        stopBackfill(this.deps, id, asker.actor, asker.call, key),
      );
      return getBackfill(this.deps.db, id);
    };
    return this.deps.requestIds.once(key, run, (target) => getBackfill(this.deps.db, target));
  }

  resume(id: string, asker: Asker): Promise<Backfill> {
    const key = requestKeyOf(asker.requestId ?? '', asker.actor, 'ResumeBackfill', { id });
    const run = async () => {
      await inSpan('baton.backfill.resume', {}, () =>
        resumeBackfill(this.deps, id, asker.actor, key),
      );
      return getBackfill(this.deps.db, id);
    };
    return this.deps.requestIds.once(key, run, (target) => getBackfill(this.deps.db, target));
  }
}
