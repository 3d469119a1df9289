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
import type { AlertChannels } from './alert-channels.js';
import { auditActor } from './audit-actor.js';
import { listAuditEvents } from './audit-query.js';
import type { Backfills } from './backfills.js';
import type { Definitions, StoredDefinition } from './definitions.js';
import { instanceToProto, stateChangeToProto } from './instance-view.js';
import { requireName, type Instances } from './instances.js';
import { specToProto } from './spec-mapping.js';
import { parseScheduleState, setScheduleState } from './schedule-state.js';
import { readTaskLog } from './task-logs.js';

export interface ApiDeps {
  coordinators: CoordinatorClient;
  db: Db;
  etcd: Etcd3;
  keys: EtcdKeys;
  definitions: Definitions;
  instances: Instances;
  backfills: Backfills;
  alertChannels: AlertChannels;
  workers: MemberDirectory;
  channels: ChannelPool;
}

export function apiHandlers(deps: ApiDeps): ServiceHandlers<BatonApiDefinition> {
  const { definitions, instances } = deps;
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
    async ListWorkflows() {
      return { workflows: (await definitions.list()).map((d) => definitionToProto(d, true)) };
    },
    async StartInstance(req, ctx) {
      const { row, tasks } = await instances.start(
        {
          workflow: req.workflow,
          params: req.params,
          scheduleTime: req.schedule_time,
          startTasks: req.start_tasks,
          scope: req.scope,
        },
        auditActor(ctx),
        ctx,
      );
      return instanceToProto(row, tasks);
    },
    async GetInstance(req) {
      const { row, tasks } = await instances.get(req.id);
      return instanceToProto(row, tasks);
    },
    async ListInstances(req) {
      const found = await instances.list({
        workflow: req.workflow,
        state: req.state,
        limit: req.limit,
      });
      return { instances: found.map(({ row, tasks }) => instanceToProto(row, tasks)) };
    },
    async StopInstance(req, ctx) {
      const { row, tasks } = await instances.stop(req.id, auditActor(ctx), ctx);
      return instanceToProto(row, tasks);
    },
    async RerunInstance(req, ctx) {
      const { row, tasks } = await instances.rerun(req.id, auditActor(ctx), ctx);
      return instanceToProto(row, tasks);
    },
    async RecoverInstance(req, ctx) {
      const from = req.start_tasks;
      const { row, tasks } = await instances.recover(req.id, auditActor(ctx), ctx, from);
      return instanceToProto(row, tasks);
    },
    async ForceTaskSuccess(req, ctx) {
      const { row, tasks } = await instances.forceSuccess(req.id, req.task, auditActor(ctx), ctx);
      return instanceToProto(row, tasks);
    },
    async PauseInstance(req, ctx) {
      const { row, tasks } = await instances.pause(req.id, auditActor(ctx), ctx);
      return instanceToProto(row, tasks);
    },
    async ResumeInstance(req, ctx) {
      const { row, tasks } = await instances.resume(req.id, auditActor(ctx), ctx);
      return instanceToProto(row, tasks);
    },
    StartBackfill(req, ctx) {
      return deps.backfills.start(req, auditActor(ctx));
    },
    GetBackfill(req) {
      return deps.backfills.get(req.id);
    },
    async ListBackfills(req) {
      return { backfills: await deps.backfills.list(req) };
    },
    StopBackfill(req, ctx) {
      return deps.backfills.stop(req.id, auditActor(ctx), ctx);
    },
    ResumeBackfill(req, ctx) {
      return deps.backfills.resume(req.id, auditActor(ctx), ctx);
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
