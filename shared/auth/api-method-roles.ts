import type { ApiRole } from './api-roles.js';

/**
 * The role each public method needs. Reads need `viewer`, changes `operator`, token management
 * and the audit log `admin`. A method missing here is refused to everyone (see
 * tokenAuthorizer), so a new RPC is closed until someone decides who may call it.
 */
export const API_METHOD_ROLES: Readonly<Record<string, ApiRole>> = {
  '/baton.v1.BatonApi/GetWorkflow': 'viewer',
  '/baton.v1.BatonApi/ListWorkflows': 'viewer',
  '/baton.v1.BatonApi/GetInstance': 'viewer',
  '/baton.v1.BatonApi/ListInstances': 'viewer',
  '/baton.v1.BatonApi/GetInstanceHistory': 'viewer',
  '/baton.v1.BatonApi/GetTaskLog': 'viewer',
  '/baton.v1.BatonApi/ListMembers': 'viewer',
  '/baton.v1.BatonApi/GetSerialState': 'viewer',
  '/baton.v1.BatonApi/GetBackfill': 'viewer',
  '/baton.v1.BatonApi/ListBackfills': 'viewer',
  '/baton.v1.BatonApi/GetTaskGroup': 'viewer',
  '/baton.v1.BatonApi/ListTaskGroups': 'viewer',
  '/baton.v1.BatonApi/WatchInstance': 'viewer',
  '/baton.v1.BatonApi/WatchInstances': 'viewer',
  '/baton.v1.BatonApi/ApplyWorkflow': 'operator',
  '/baton.v1.BatonApi/SetScheduleState': 'operator',
  '/baton.v1.BatonApi/StartInstance': 'operator',
  '/baton.v1.BatonApi/StopInstance': 'operator',
  '/baton.v1.BatonApi/RerunInstance': 'operator',
  '/baton.v1.BatonApi/RecoverInstance': 'operator',
  '/baton.v1.BatonApi/ForceTaskSuccess': 'operator',
  '/baton.v1.BatonApi/PauseInstance': 'operator',
  '/baton.v1.BatonApi/ResumeInstance': 'operator',
  '/baton.v1.BatonApi/StartBackfill': 'operator',
  '/baton.v1.BatonApi/StopBackfill': 'operator',
  '/baton.v1.BatonApi/ResumeBackfill': 'operator',
  '/baton.v1.BatonApi/ListAuditEvents': 'admin',
  // A group's size caps work across every workflow: an admin's decision, not an operator's.
  '/baton.v1.BatonApi/SetTaskGroup': 'admin',
  // Alert channels hold webhook URLs (often with a token in them) and sign with a secret.
  '/baton.v1.BatonApi/CreateAlertChannel': 'admin',
  '/baton.v1.BatonApi/ListAlertChannels': 'admin',
  '/baton.v1.BatonApi/GetAlertChannel': 'admin',
  '/baton.v1.BatonApi/DeleteAlertChannel': 'admin',
  '/baton.v1.BatonAdmin/CreateToken': 'admin',
  '/baton.v1.BatonAdmin/ListTokens': 'admin',
  '/baton.v1.BatonAdmin/RevokeToken': 'admin',
};
