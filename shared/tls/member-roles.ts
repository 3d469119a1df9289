/**
 * Who may hold a cluster certificate: the four Baton services, etcd, and `client` for operator
 * tools (`baton health`) that talk to members from outside the cluster. A certificate's OU is
 * one of these, and the peer authorizers decide by it.
 */
export const MEMBER_ROLES = ['api', 'master', 'coordinator', 'worker', 'etcd', 'client'] as const;

export type MemberRole = (typeof MEMBER_ROLES)[number];

export function isMemberRole(value: string): value is MemberRole {
  return (MEMBER_ROLES as readonly string[]).includes(value);
}
