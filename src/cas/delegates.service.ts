import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CursorCodec } from '../common/cursor';
import { bearerOf } from '../common/http/bearer';
import { CommonError } from '../common/errors/domain-error';
import { CursorPage } from '../common/pagination';
import { casConfig } from '../config/cas.config';
import { Transactions } from '../database/transactions';
import { realmIdOf } from '../identity/auth-context';
import { UserTokens } from '../identity/user-tokens.service';
import { CasError, CasErrorCode } from './cas.errors';
import { DelegateEntity } from './delegate.entity';
import { newUuid, parseWireId, wireId } from './delegate-ids';
import { classifyBearer, IssuedPair, issueTokenPair, sameHash, tokenHash } from './delegate-tokens';
import { DelegatesRepository } from './delegates.repository';
import { CreateDelegateDto, ListDelegatesQuery } from './dto/delegate.dto';
import { CreatedDelegateView, DelegateDetailView, DelegateListItemView, RefreshedTokensView, RevokedDelegateView } from './dto/delegate.view';
import { NodeAccess } from './node-access.service';
import { isRoot, RealmCaller } from './realm-caller';

const ms = (date: Date | null) => date?.getTime() ?? undefined;

/** What a new child gets, as POST …/delegates or a ticket asks for it. */
interface ChildSpec {
  name: string | null;
  canUpload: boolean;
  canManageDepot: boolean;
  canDelegate: boolean;
  /** `dpt_…` ids; absent: the caller's list. */
  delegatedDepots?: readonly string[];
  /** Scope entries within the caller's scope; absent: the caller's scope roots. */
  scope?: readonly string[];
  /** Epoch ms; null: the caller's expiry. */
  expiresAt: number | null;
  /** The access token's lifetime in seconds (absent: the configured default), or the delegate's whole life. */
  tokenTtl?: number | 'lifetime';
  /** Whether the child holds a refresh token. */
  refreshable: boolean;
}

/** What a ticket asks of its leaf delegate. */
export interface LeafGrant {
  /** A label for people (the ticket's id). */
  name: string;
  canUpload: boolean;
  /** Scope entries within the caller's scope; absent: the caller's scope roots. */
  scope?: readonly string[];
  /** Epoch ms, at most the caller's expiry. */
  expiresAt: number;
}

/** A leaf delegate as issued: its uuid, its one access token (base64, shown once) and its expiry (epoch ms). */
export interface IssuedLeaf {
  delegateId: string;
  accessToken: string;
  expiresAt: number;
}

/** Delegates and their tokens: authentication of realm requests, issue, list, revoke, refresh. */
@Injectable()
export class DelegatesService {
  constructor(
    private readonly delegates: DelegatesRepository,
    private readonly access: NodeAccess,
    private readonly transactions: Transactions,
    private readonly userTokens: UserTokens,
    private readonly cursors: CursorCodec,
    @Inject(casConfig.KEY) private readonly config: ConfigType<typeof casConfig>,
  ) {}

  /** The delegate behind an Authorization header on a realm data route. */
  async authenticate(authorization: string | undefined): Promise<RealmCaller> {
    const token = bearerOf(authorization);
    if (!token) throw CommonError.unauthorized('Missing Authorization: Bearer header');
    const bearer = classifyBearer(token);
    switch (bearer.type) {
      case 'jwt':
        return this.rootOf(bearer.token);
      case 'refresh':
        throw new CasError(CasErrorCode.ACCESS_TOKEN_REQUIRED, 'A refresh token only serves POST /api/auth/refresh; use an access token or a user JWT');
      case 'malformed':
        throw new CasError(CasErrorCode.INVALID_TOKEN_FORMAT, 'The bearer is neither a JWT nor a base64 access token of 32 bytes');
    }
    const delegate = await this.delegates.findWithTokenHashes(bearer.delegateId);
    if (!delegate) throw new CasError(CasErrorCode.TOKEN_NOT_FOUND, 'No delegate holds this token');
    if (delegate.revokedAt) throw new CasError(CasErrorCode.TOKEN_REVOKED, 'The delegate of this token has been revoked');
    if (delegate.user?.disabled) throw new CasError(CasErrorCode.TOKEN_REVOKED, "The realm's owner is disabled");
    if (!sameHash(delegate.currentAtHash, tokenHash(bearer.bytes))) throw new CasError(CasErrorCode.TOKEN_INVALID, 'This access token has been replaced or was never issued');
    const now = Date.now();
    if (bearer.expiresAt <= now || (delegate.expiresAt && delegate.expiresAt.getTime() <= now)) {
      throw new CasError(CasErrorCode.TOKEN_EXPIRED, 'The access token has expired; refresh it');
    }
    return callerOf(delegate, bearer.bytes);
  }

  /** The realm's root delegate for a user JWT, created on first use. */
  private async rootOf(jwt: string): Promise<RealmCaller> {
    const auth = await this.userTokens.authenticate(jwt);
    if (!auth) throw CommonError.unauthorized('Invalid or expired user token');
    return this.rootCallerOf(auth.userId);
  }

  /**
   * The root delegate of a user's realm (`usr_<id>`), created on first use: for modules that
   * store nodes on an authenticated user's behalf (seed 003's file tickets).
   */
  async rootCallerOf(userId: number): Promise<RealmCaller> {
    const realm = realmIdOf(userId);
    let root = await this.delegates.findRoot(realm);
    if (!root) {
      const id = newUuid();
      await this.delegates.ensureRoot({
        id, realm, userId, parentId: null, chain: [id], depth: 0, name: null,
        canUpload: true, canManageDepot: true, canDelegate: true, delegatedDepots: null, scopeRoots: null, expiresAt: null,
        currentAtHash: null, currentRtHash: null, atExpiresAt: null,
      });
      root = (await this.delegates.findRoot(realm))!;
    }
    return callerOf(root, null);
  }

  /** Issues a child of the caller (POST …/delegates), never with more than the caller has. */
  async create(caller: RealmCaller, dto: CreateDelegateDto): Promise<CreatedDelegateView> {
    const { delegate, tokens } = await this.issue(caller, {
      name: dto.name ?? null,
      canUpload: dto.canUpload ?? false,
      canManageDepot: dto.canManageDepot ?? false,
      canDelegate: true,
      delegatedDepots: dto.delegatedDepots,
      scope: dto.scope,
      expiresAt: dto.expiresIn === undefined ? null : Date.now() + dto.expiresIn * 1000,
      tokenTtl: dto.tokenTtlSeconds,
      refreshable: true,
    });
    return {
      delegate: {
        delegateId: wireId('dlt', delegate.id),
        name: delegate.name ?? undefined,
        realm: delegate.realm,
        parentId: wireId('dlt', caller.delegateId),
        depth: delegate.depth,
        canUpload: delegate.canUpload,
        canManageDepot: delegate.canManageDepot,
        delegatedDepots: delegate.delegatedDepots?.map((depot) => wireId('dpt', depot)),
        expiresAt: ms(delegate.expiresAt),
        createdAt: delegate.createdAt.getTime(),
      },
      refreshToken: tokens.refreshToken.base64,
      accessToken: tokens.accessToken.base64,
      accessTokenExpiresAt: tokens.accessToken.expiresAt,
    };
  }

  /**
   * Issues the leaf delegate of a ticket (seed 000): a child of the caller that reads and writes
   * within its scope but can neither delegate nor create tickets, and lives on one access token
   * (no refresh token) valid until the delegate expires. Joins the caller's open transaction.
   */
  async issueLeaf(caller: RealmCaller, leaf: LeafGrant): Promise<IssuedLeaf> {
    const { delegate, tokens } = await this.issue(caller, {
      ...leaf,
      canManageDepot: false,
      canDelegate: false,
      tokenTtl: 'lifetime',
      refreshable: false,
    });
    return { delegateId: delegate.id, accessToken: tokens.accessToken.base64, expiresAt: delegate.expiresAt!.getTime() };
  }

  /**
   * The one place a child delegate is made: only by a caller that may delegate (403
   * DELEGATE_TOKEN_REQUIRED), one level deeper within MAX_DEPTH, with no permission, depot or
   * lifetime beyond the caller's (PERMISSION_ESCALATION), a scope within the caller's
   * (INVALID_SCOPE), and never under a chain being revoked.
   */
  private async issue(caller: RealmCaller, child: ChildSpec): Promise<{ delegate: DelegateEntity; tokens: IssuedPair }> {
    if (!caller.canDelegate) {
      throw new CasError(CasErrorCode.DELEGATE_TOKEN_REQUIRED, "A ticket's token can neither issue delegates nor create tickets");
    }
    const depth = caller.depth + 1;
    if (depth > this.config.maxTokenDepth) {
      throw new CasError(CasErrorCode.MAX_DEPTH_EXCEEDED, `Delegation is limited to depth ${this.config.maxTokenDepth}`);
    }
    if ((child.canUpload && !caller.canUpload) || (child.canManageDepot && !caller.canManageDepot)) {
      throw new CasError(CasErrorCode.PERMISSION_ESCALATION, 'A delegate cannot grant a permission it does not have');
    }
    const delegatedDepots = child.delegatedDepots ? [...new Set(child.delegatedDepots.map((id) => parseWireId('dpt', id)))] : caller.delegatedDepots;
    if (delegatedDepots?.some((id) => id === null || (caller.delegatedDepots && !caller.delegatedDepots.includes(id)))) {
      throw new CasError(CasErrorCode.PERMISSION_ESCALATION, 'delegatedDepots must be depots the caller may manage');
    }
    const now = Date.now();
    const parentExpiry = caller.expiresAt?.getTime() ?? null;
    if (child.expiresAt !== null && parentExpiry !== null && child.expiresAt > parentExpiry) {
      throw new CasError(CasErrorCode.PERMISSION_ESCALATION, 'A delegate cannot outlive the delegate that issues it');
    }
    const expiresAt = child.expiresAt ?? parentExpiry;
    const scopeRoots = child.scope ? await this.access.resolveScope(caller, child.scope) : caller.scopeRoots;
    const id = newUuid();
    const tokens = issueTokenPair(id, this.accessExpiry(now, child.tokenTtl, expiresAt));

    const delegate = await this.transactions.run(async () => {
      if (!(await this.delegates.lockChainUnrevoked(caller.chain))) {
        throw new CasError(CasErrorCode.TOKEN_REVOKED, 'The delegate of this token has been revoked');
      }
      return this.delegates.insert({
        id, realm: caller.realm, userId: caller.userId, parentId: caller.delegateId, chain: [...caller.chain, id], depth,
        name: child.name, canUpload: child.canUpload, canManageDepot: child.canManageDepot, canDelegate: child.canDelegate,
        delegatedDepots: delegatedDepots as string[] | null, scopeRoots,
        expiresAt: expiresAt === null ? null : new Date(expiresAt),
        currentAtHash: tokens.accessToken.hash, currentRtHash: child.refreshable ? tokens.refreshToken.hash : null, atExpiresAt: new Date(tokens.accessToken.expiresAt),
      });
    });
    return { delegate, tokens };
  }

  /** An access token's expiry: its TTL (or the delegate's whole life), never past the delegate's own expiry. */
  private accessExpiry(now: number, ttl: number | 'lifetime' | undefined, delegateExpiresAt: number | null): number {
    if (ttl === 'lifetime' && delegateExpiresAt !== null) return delegateExpiresAt;
    const expiry = now + (typeof ttl === 'number' ? ttl : this.config.defaultAccessTokenTtl) * 1000;
    return delegateExpiresAt === null ? expiry : Math.min(expiry, delegateExpiresAt);
  }

  /** The caller's direct children, oldest first. */
  async list(caller: RealmCaller, query: ListDelegatesQuery): Promise<CursorPage<DelegateListItemView>> {
    const scope = `delegates:${caller.delegateId}:${query.includeRevoked}`;
    const after = query.cursor ? this.cursors.decode(scope, query.cursor) : null;
    const { rows, hasMore } = await this.delegates.children(caller.delegateId, query.includeRevoked, after, query.limit);
    const next = hasMore ? this.cursors.encode(scope, [rows[rows.length - 1].id]) : null;
    return new CursorPage(rows.map(listItemOf), next, 'delegates');
  }

  /** The caller itself or one of its descendants; anything else is 404. */
  async get(caller: RealmCaller, delegateId: string): Promise<DelegateDetailView> {
    return detailOf(await this.findVisible(caller, delegateId));
  }

  /** Revokes a descendant (or the caller itself) and everything below it, at once. */
  async revoke(caller: RealmCaller, delegateId: string): Promise<RevokedDelegateView> {
    const target = await this.findVisible(caller, delegateId);
    if (isRoot(target)) throw new CasError(CasErrorCode.ROOT_DELEGATE_IMMUTABLE, 'The root delegate of a realm cannot be revoked');
    const revokedAt = new Date();
    if (!(await this.revokeSubtree(target.id, caller.delegateId, revokedAt))) {
      throw new CasError(CasErrorCode.DELEGATE_ALREADY_REVOKED, 'The delegate is already revoked');
    }
    return { delegateId: wireId('dlt', target.id), revokedAt: revokedAt.getTime() };
  }

  /**
   * Revokes the delegate `id` (a uuid, never a root) and every descendant, in the open
   * transaction if there is one: its row is locked first, so a child being issued under it is
   * refused or caught. False, and nothing done, when it is already revoked.
   */
  async revokeSubtree(id: string, revokedBy: string, revokedAt: Date = new Date()): Promise<boolean> {
    return this.transactions.run(async () => {
      const locked = await this.delegates.lockForUpdate(id);
      if (!locked || locked.revokedAt || isRoot(locked)) return false;
      await this.delegates.revokeSubtree(id, revokedBy, revokedAt);
      return true;
    });
  }

  private async findVisible(caller: RealmCaller, delegateId: string): Promise<DelegateEntity> {
    const id = parseWireId('dlt', delegateId);
    const delegate = id ? await this.delegates.findById(id) : null;
    if (!delegate || delegate.realm !== caller.realm || !delegate.chain.includes(caller.delegateId)) {
      throw new CasError(CasErrorCode.DELEGATE_NOT_FOUND, 'Delegate not found');
    }
    return delegate;
  }

  /** Rotates a refresh token: a new pair, and the presented refresh token is dead. */
  async refresh(authorization: string | undefined): Promise<RefreshedTokensView> {
    const token = bearerOf(authorization);
    if (!token) throw CommonError.unauthorized('Missing Authorization: Bearer <refresh token> header');
    const bearer = classifyBearer(token);
    if (bearer.type === 'jwt') throw new CasError(CasErrorCode.ROOT_REFRESH_NOT_ALLOWED, 'The root delegate uses the user JWT and has no refresh token');
    if (bearer.type === 'access') throw new CasError(CasErrorCode.NOT_REFRESH_TOKEN, 'This is an access token; refresh with the refresh token');
    if (bearer.type === 'malformed') throw new CasError(CasErrorCode.INVALID_TOKEN_FORMAT, 'A refresh token is base64 of 24 bytes');

    const delegate = await this.delegates.findWithTokenHashes(bearer.delegateId);
    if (!delegate) throw new CasError(CasErrorCode.DELEGATE_NOT_FOUND, 'No delegate holds this token', undefined, 'unauthenticated');
    if (isRoot(delegate)) throw new CasError(CasErrorCode.ROOT_REFRESH_NOT_ALLOWED, 'The root delegate has no refresh token');
    if (delegate.revokedAt || delegate.user?.disabled) throw new CasError(CasErrorCode.DELEGATE_REVOKED, 'The delegate has been revoked');
    const now = Date.now();
    if (delegate.expiresAt && delegate.expiresAt.getTime() <= now) throw new CasError(CasErrorCode.DELEGATE_EXPIRED, 'The delegate has expired');
    const presented = tokenHash(bearer.bytes);
    if (!sameHash(delegate.currentRtHash, presented)) throw replayed();

    const tokens = issueTokenPair(delegate.id, this.accessExpiry(now, undefined, ms(delegate.expiresAt) ?? null));
    const rotated = await this.delegates.rotate(delegate.id, presented, {
      rtHash: tokens.refreshToken.hash,
      atHash: tokens.accessToken.hash,
      atExpiresAt: new Date(tokens.accessToken.expiresAt),
    });
    if (!rotated) throw replayed();
    return {
      refreshToken: tokens.refreshToken.base64,
      accessToken: tokens.accessToken.base64,
      accessTokenExpiresAt: tokens.accessToken.expiresAt,
      delegateId: wireId('dlt', delegate.id),
    };
  }
}

const replayed = () => new CasError(CasErrorCode.TOKEN_INVALID, 'This refresh token has already been used or replaced');

function callerOf(delegate: DelegateEntity, accessToken: Buffer | null): RealmCaller {
  return {
    realm: delegate.realm,
    userId: delegate.userId,
    delegateId: delegate.id,
    chain: delegate.chain,
    depth: delegate.depth,
    canUpload: delegate.canUpload,
    canManageDepot: delegate.canManageDepot,
    canDelegate: delegate.canDelegate,
    delegatedDepots: delegate.delegatedDepots,
    scopeRoots: delegate.scopeRoots,
    expiresAt: delegate.expiresAt,
    accessToken,
  };
}

function listItemOf(delegate: DelegateEntity): DelegateListItemView {
  return {
    delegateId: wireId('dlt', delegate.id),
    name: delegate.name ?? undefined,
    depth: delegate.depth,
    canUpload: delegate.canUpload,
    canManageDepot: delegate.canManageDepot,
    isRevoked: delegate.revokedAt !== null,
    createdAt: delegate.createdAt.getTime(),
    expiresAt: ms(delegate.expiresAt),
  };
}

function detailOf(delegate: DelegateEntity): DelegateDetailView {
  const scope = delegate.scopeRoots ?? undefined;
  return {
    delegateId: wireId('dlt', delegate.id),
    name: delegate.name ?? undefined,
    realm: delegate.realm,
    parentId: delegate.parentId ? wireId('dlt', delegate.parentId) : null,
    chain: delegate.chain.map((id) => wireId('dlt', id)),
    depth: delegate.depth,
    canUpload: delegate.canUpload,
    canManageDepot: delegate.canManageDepot,
    delegatedDepots: delegate.delegatedDepots?.map((id) => wireId('dpt', id)),
    scopeNodeHash: scope?.length === 1 ? scope[0] : undefined,
    scope,
    expiresAt: ms(delegate.expiresAt),
    isRevoked: delegate.revokedAt !== null,
    revokedAt: ms(delegate.revokedAt),
    revokedBy: delegate.revokedBy ? wireId('dlt', delegate.revokedBy) : undefined,
    createdAt: delegate.createdAt.getTime(),
  };
}
