import type { Etcd3 } from 'etcd3';
import type { Db } from '../../shared/db/connect.js';
import type { EtcdKeys } from '../../shared/etcd/keys.js';
import type { MemberDirectory } from '../../shared/etcd/member-directory.js';
import { parseMemberInfo } from '../../shared/etcd/members.js';
import { InvalidArgumentError } from '../../shared/errors.js';
import type { ChannelPool } from '../../shared/grpc/client.js';
import type { CoordinatorClient } from '../../shared/serial/coordinator-client.js';
import type { ServiceHandlers } from '../../shared/grpc/server.js';
import { timestampOf } from '../../shared/grpc/validate.js';
import { nextFireTime } from '../../shared/domain/schedule.js';
import type { BatonApiDefinition } from '../../shared/proto/gen/baton/v1/BatonApi.js';
import type { BatonApiStreams } from '../../shared/proto/streaming-methods.js';
import { watchInstance, watchInstances, type WatchDeps } from './watch/watch-streams.js';
import { askerOf, auditActor } from './audit-actor.js';
import type { AlertChannels } from './alert-channels.js';
import { listAuditEvents } from './audit-query.js';
import type { Backfills } from './backfills.js';
import type { Definitions, StoredDefinition } from './definitions.js';
import type { InstanceControls } from './instance-controls.js';
import { listInstances } from './instance-list.js';
import { instanceToProto, stateChangeToProto } from './instance-view.js';
import { requireName, type Instances } from './instances.js';
import { specToProto } from './spec-mapping.js';
import { parseScheduleState, setScheduleState } from './schedule-state.js';
import { readTaskLog } from './task-logs.js';
import {
  getTaskGroupRow,
  groupToProto,
  listTaskGroupRows,
  requireGroupName,
  requireGroupSize,
  setTaskGroup,
} from './task-groups.js';

export interface ApiDeps {
  coordinators: CoordinatorClient;
  db: Db;
  etcd: Etcd3;
  keys: EtcdKeys;
  definitions: Definitions;
  instances: Instances;
  controls: InstanceControls;
  backfills: Backfills;
  alertChannels: AlertChannels;
  workers: MemberDirectory;
  channels: ChannelPool;
  watch: WatchDeps;
}

export function apiHandlers(deps: ApiDeps): ServiceHandlers<BatonApiDefinition, BatonApiStreams> {
  const { definitions, instances, controls } = deps;
  // The scheduler watches this key; its periodic reload covers a lost write.
  const wakeScheduler = (change: string) =>
    deps.etcd
      .put(deps.keys.definitionsChanged())
      .value(change)
      .exec()
      .then(() => undefined)
      .catch(() => undefined);
  return {
    async ApplyWorkflow(req, ctx) {
      const stored = await definitions.apply(req, auditActor(ctx));
      await wakeScheduler(`${stored.name}@${stored.version}`);
      return definitionToProto(stored, true);
    },
    async SetScheduleState(req, ctx) {
      requireName(req.workflow, 'workflow');
      const state = parseScheduleState(req.state);
      if (await setScheduleState(deps.db, req.workflow, state, auditActor(ctx)))
        await wakeScheduler(`${req.workflow}:${state}`);
      return definitionToProto(await definitions.get(req.workflow, 0), true);
    },
    async GetWorkflow(req) {
      requireName(req.name, 'name');
      if (req.version < 0)
        throw new InvalidArgumentError('version', 'must be 0 (newest) or a positive version');
      return definitionToProto(await definitions.get(req.name, req.version), req.version === 0);
    },
    async ListWorkflows(req) {
      const page = await definitions.list(req.page_size, req.page_token);
      return {
        workflows: page.definitions.map((d) => definitionToProto(d, true)),
        next_page_token: page.nextPageToken,
      };
    },
    async StartInstance(req, ctx) {
      const { row, tasks } = await instances.start(
        {
          workflow: req.workflow,
          params: req.params,
          scheduleTime: req.schedule_time,
          startTasks: req.start_tasks,
          scope: req.scope,
          labels: req.labels,
        },
        askerOf(ctx, req.request_id),
      );
      return instanceToProto(row, tasks);
    },
    async GetInstance(req) {
      const { row, tasks } = await instances.get(req.id);
      return instanceToProto(row, tasks);
    },
    async ListInstances(req) {
      const page = await listInstances(deps.db, req);
      return {
        instances: page.instances.map(({ row, tasks }) => instanceToProto(row, tasks)),
        next_page_token: page.nextPageToken,
      };
    },
    async StopInstance(req, ctx) {
      const { row, tasks } = await controls.stop(req.id, askerOf(ctx, req.request_id));
      return instanceToProto(row, tasks);
    },
    async RerunInstance(req, ctx) {
      const { row, tasks } = await instances.rerun(req.id, askerOf(ctx, req.request_id));
      return instanceToProto(row, tasks);
    },
    async RecoverInstance(req, ctx) {
      const asker = askerOf(ctx, req.request_id);
      const { row, tasks } = await controls.recover(req.id, asker, req.start_tasks);
      return instanceToProto(row, tasks);
    },
    async ForceTaskSuccess(req, ctx) {
      const asker = askerOf(ctx, req.request_id);
      const { row, tasks } = await controls.forceSuccess(req.id, req.task, asker);
      return instanceToProto(row, tasks);
    },
    async PauseInstance(req, ctx) {
      const { row, tasks } = await controls.pause(req.id, askerOf(ctx, req.request_id));
      return instanceToProto(row, tasks);
    },
    async ResumeInstance(req, ctx) {
      const { row, tasks } = await controls.resume(req.id, askerOf(ctx, req.request_id));
      return instanceToProto(row, tasks);
    },
    StartBackfill(req, ctx) {
      return deps.backfills.start(req, askerOf(ctx, req.request_id));
    },
    GetBackfill(req) {
      return deps.backfills.get(req.id);
    },
    async ListBackfills(req) {
      return { backfills: await deps.backfills.list(req) };
    },
    StopBackfill(req, ctx) {
      return deps.backfills.stop(req.id, askerOf(ctx, req.request_id));
    },
    ResumeBackfill(req, ctx) {
      return deps.backfills.resume(req.id, askerOf(ctx, req.request_id));
    },
    ListAuditEvents(req) {
      return listAuditEvents(deps.db, req);
    },
    CreateAlertChannel(req, ctx) {
      return deps.alertChannels.create(req, auditActor(ctx));
    },
    async ListAlertChannels() {
      return { channels: await deps.alertChannels.list() };
    },
    GetAlertChannel(req) {
      return deps.alertChannels.get(req.name, req.limit);
    },
    DeleteAlertChannel(req, ctx) {
      return deps.alertChannels.delete(req.name, auditActor(ctx));
    },
    async GetInstanceHistory(req) {
      return { changes: (await instances.history(req.id)).map(stateChangeToProto) };
    },
    GetTaskLog(req, ctx) {
      return readTaskLog(deps.db, deps.workers, deps.channels, req, ctx);
    },
    async GetSerialState(req, ctx) {
      requireName(req.workflow, 'workflow');
      if (req.limit < 0 || req.limit > 1000)
        throw new InvalidArgumentError('limit', 'must be between 0 and 1000');
      await definitions.get(req.workflow, 0);
      return deps.coordinators.call(
        req.workflow,
        (c, options) => c.GetSerialState(req, { ...options, parent: ctx }),
        10_000,
      );
    },
    async SetTaskGroup(req, ctx) {
      const name = requireGroupName(req.name, 'name');
      const size = requireGroupSize(req.size);
      const { row, changed } = await setTaskGroup(deps.db, name, size, auditActor(ctx));
      // Takes effect at once: a larger size admits waiters now (the reconciler would, later).
      if (changed)
        await deps.coordinators
          .call(
            name,
            (c, options) => c.AdmitTaskGroup({ group: name }, { ...options, parent: ctx }),
            5_000,
          )
          .catch(() => undefined);
      return groupToProto(row);
    },
    async GetTaskGroup(req, ctx) {
      const name = requireGroupName(req.name, 'name');
      if (req.limit < 0 || req.limit > 1000)
        throw new InvalidArgumentError('limit', 'must be between 0 and 1000');
      const row = await getTaskGroupRow(deps.db, name);
      const state = await deps.coordinators.call(
        name,
        (c, options) => c.GetTaskGroupState(req, { ...options, parent: ctx }),
        10_000,
      );
      return { ...state, ...groupToProto(row) };
    },
    async ListTaskGroups() {
      return { groups: (await listTaskGroupRows(deps.db)).map(groupToProto) };
    },
    WatchInstance(req, stream, ctx) {
      return watchInstance(deps.watch, req, stream, ctx);
    },
    WatchInstances(req, stream, ctx) {
      return watchInstances(deps.watch, req, stream, ctx);
    },
    async ListMembers() {
      const listing = await deps.etcd.getAll().prefix(`${deps.keys.prefix}members/`).strings();
      const members = Object.values(listing)
        .map(parseMemberInfo)
        .filter((m) => m !== undefined)
        .map((m) => ({
          name: m.name,
          role: m.role,
          address: m.address,
          pid: m.pid,
          host: m.host,
          started_at: m.startedAt,
          group: m.group ?? '',
        }));
      return { members };
    },
  };
}

/** A definition in wire form; `latest` adds when its schedule fires next. */
function definitionToProto(d: StoredDefinition, latest: boolean) {
  const online = d.scheduleState === 'ONLINE';
  const next =
    latest && online && d.spec.schedule ? nextFireTime(d.spec.schedule, new Date()) : undefined;
  return {
    name: d.name,
    version: d.version,
    spec: specToProto(d.spec),
    created_at: timestampOf(d.createdAt),
    next_fire_at: timestampOf(next),
    schedule_state: d.spec.schedule ? d.scheduleState : '',
  };
}
