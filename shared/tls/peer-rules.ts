/**
 * Which cluster members may call which internal method, by the role in their certificate (OU).
 * Derived from who actually calls what; a method missing here fails to compile, and a role
 * missing from a list is refused with PERMISSION_DENIED. An api client has no member
 * certificate at all, so it cannot even complete the handshake with an internal server.
 */
import type { CoordinatorDefinition } from '../proto/gen/baton/v1/Coordinator.js';
import type { MasterDefinition } from '../proto/gen/baton/v1/Master.js';
import type { WorkerDefinition } from '../proto/gen/baton/v1/Worker.js';
import type { MemberRole } from './member-roles.js';

/** One entry per method of the service definition `D`: the roles allowed to call it. */
export type PeerRules<D> = {
  [K in keyof D as string extends K ? never : K]: readonly MemberRole[];
};

export const MASTER_PEERS: PeerRules<MasterDefinition> = {
  // api StartInstance; a master's children and cron starts; requestStop (api, master,
  // coordinator) pushes an unowned instance so its stop is seen at once.
  SubmitInstance: ['api', 'master', 'coordinator'],
  // requestStop from the api (a user's stop), a master (a parent stopping its child) and a
  // coordinator (SERIAL_PRIORITY ending the slot holder).
  StopInstance: ['api', 'master', 'coordinator'],
  // A user's pause or resume (api), or a parent pausing or resuming its child (master).
  PauseInstance: ['api', 'master'],
  ResumeInstance: ['api', 'master'],
  // A user's force-success of a task of a PAUSE instance (api).
  ForceTaskSuccess: ['api'],
  // A worker's result outbox.
  ReportTask: ['worker'],
  // A child's owner telling the parent's owner.
  NotifyChildEnded: ['master'],
  // A coordinator's hand-off and queue decisions.
  NotifySerialDecision: ['coordinator'],
  NotifyTaskGroupAdmitted: ['coordinator'],
};

export const WORKER_PEERS: PeerRules<WorkerDefinition> = {
  // Dispatch and kill come only from the owning master.
  RunTask: ['master'],
  KillTask: ['master'],
  // The api's GetTaskLog.
  ReadLog: ['api'],
};

export const COORDINATOR_PEERS: PeerRules<CoordinatorDefinition> = {
  // The serial gate of a master.
  Enqueue: ['master'],
  Release: ['master'],
  Remove: ['master'],
  UpdateHolder: ['master'],
  // The api's GetSerialState.
  GetSerialState: ['api'],
  // A master's task-group gate; the api's resize and GetTaskGroup.
  AcquireTaskGroupSlot: ['master'],
  ReleaseTaskGroupSlot: ['master'],
  AdmitTaskGroup: ['api'],
  GetTaskGroupState: ['api'],
};
