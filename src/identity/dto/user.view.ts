import { Role } from '../roles';

/** A user as our own API shows it. */
export class UserView {
  /** @example 1 */
  id: number;
  /** @example admin@example.com */
  email: string;
  /** @example Administrator */
  name: string;
  /** @example ["admin","super_admin"] */
  roles: Role[];
  /** The realm this user owns on the realm surface. @example usr_1 */
  realmId: string;
  /** The user's picture, when one is known. */
  avatarUrl: string | null;
  /** A disabled user cannot log in and their tokens stop working. @example false */
  disabled: boolean;
  /** @example 2024-10-23T08:00:00.000Z */
  createdAt: string;
  /** @example 2024-10-23T08:00:00.000Z */
  updatedAt: string;
}

export class TokenPairView {
  /** An HS256 JWT, accepted as `Authorization: Bearer …` on every surface. @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJhY2Nlc3MiLCJyb2xlcyI6WyJhZG1pbiIsInN1cGVyX2FkbWluIl0sImlhdCI6MTcyOTY3NDAwMCwiZXhwIjoxNzI5Njc0OTAwLCJzdWIiOiIxIn0.QdhnFRzphA8mRp4xqQbKTLkP_9xf5AUl8PIjOjQvH20 */
  accessToken: string;
  /** Single use: POST /api/oauth/refresh trades it for a new pair. @example Tm2ewJKgHMV2wWhY5TDHhAnWAcq57PIhqzzMYEzBczo */
  refreshToken: string;
  /** Seconds until the access token expires. @example 900 */
  expiresIn: number;
  /** @example Bearer */
  tokenType: 'Bearer';
}

export class LoginView extends TokenPairView {
  user: UserView;
}
