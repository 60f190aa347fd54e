import { Role } from './roles';

/** Who is calling: what guards put on the request and services receive. */
export interface AuthContext {
  userId: number;
  email: string;
  name: string;
  roles: readonly Role[];
  /** The realm this user owns: `usr_<id>`. */
  realmId: string;
}

export function realmIdOf(userId: number): string {
  return `usr_${userId}`;
}

export function hasAnyRole(auth: Pick<AuthContext, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => auth.roles.includes(role));
}
