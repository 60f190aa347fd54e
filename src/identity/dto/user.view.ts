import { Role } from '../roles';

/** A user as our own API shows it. */
export class UserView {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  /** The realm this user owns on the realm surface. @example usr_1 */
  realmId: string;
  avatarUrl: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export class TokenPairView {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export class LoginView extends TokenPairView {
  user: UserView;
}
