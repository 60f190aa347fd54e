import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CursorCodec } from '../common/cursor';
import { CursorPage } from '../common/pagination';
import { casConfig } from '../config/cas.config';
import { isUniqueViolation } from '../database/sql';
import { Transactions } from '../database/transactions';
import { CasError, CasErrorCode } from './cas.errors';
import { EMPTY_DICT_KEY_TEXT, nodeKeyText, parseNodeKey } from './codec/node-key';
import { newUuid, parseWireId, wireId } from './delegate-ids';
import { DepotEntity } from './depot.entity';
import { DepotsRepository } from './depots.repository';
import { CommitDepotDto, CreateDepotDto, UpdateDepotDto } from './dto/depot.dto';
import { CursorQuery } from '../common/page-query.dto';
import { DeletedView, DepotView } from './dto/depot.view';
import { NodesRepository } from './nodes.repository';
import { isRoot, RealmCaller } from './realm-caller';

/** Depots: named root pointers of a realm, with a bounded history of previous roots. */
@Injectable()
export class DepotsService {
  constructor(
    private readonly depots: DepotsRepository,
    private readonly nodes: NodesRepository,
    private readonly transactions: Transactions,
    private readonly cursors: CursorCodec,
    @Inject(casConfig.KEY) private readonly config: ConfigType<typeof casConfig>,
  ) {}

  async list(caller: RealmCaller, query: CursorQuery): Promise<CursorPage<DepotView>> {
    const scope = `depots:${caller.realm}`;
    const after = query.cursor ? this.cursors.decode(scope, query.cursor) : null;
    const { rows, hasMore } = await this.depots.page(caller.realm, after, query.limit);
    return new CursorPage(rows.map(viewOf), hasMore ? this.cursors.encode(scope, [rows[rows.length - 1].id]) : null, 'depots');
  }

  async get(caller: RealmCaller, depotId: string): Promise<DepotView> {
    return viewOf(await this.find(caller, depotId));
  }

  async create(caller: RealmCaller, dto: CreateDepotDto): Promise<DepotView> {
    assertCanManage(caller);
    const depot = await this.uniqueTitle(() =>
      this.depots.insert({
        id: newUuid(),
        realm: caller.realm,
        title: dto.title ?? null,
        root: EMPTY_DICT_KEY_TEXT,
        maxHistory: dto.maxHistory ?? this.config.defaultMaxHistory,
        creatorDelegateId: caller.delegateId,
      }),
    );
    return viewOf(depot);
  }

  async update(caller: RealmCaller, depotId: string, dto: UpdateDepotDto): Promise<DepotView> {
    const depot = await this.managed(caller, depotId);
    if (dto.title !== undefined) depot.title = dto.title;
    if (dto.maxHistory !== undefined) {
      depot.maxHistory = dto.maxHistory;
      depot.history = depot.history.slice(0, dto.maxHistory);
    }
    return viewOf(await this.uniqueTitle(() => this.depots.save(depot)));
  }

  async remove(caller: RealmCaller, depotId: string): Promise<DeletedView> {
    const depot = await this.managed(caller, depotId);
    if (!(await this.depots.delete(caller.realm, depot.id))) throw notFound();
    return { success: true };
  }

  /**
   * Moves the depot to a new root, the old one first in the history. The depot row is locked
   * for the commit, so racing commits apply one after the other (none is lost); with
   * `expectedRoot`, a commit based on a root that moved meanwhile is refused instead.
   */
  async commit(caller: RealmCaller, depotId: string, dto: CommitDepotDto): Promise<DepotView> {
    if (!caller.canUpload) throw new CasError(CasErrorCode.UPLOAD_NOT_ALLOWED, 'This delegate may not commit (canUpload is false)');
    const id = parseWireId('dpt', depotId);
    if (!id) throw notFound();
    assertDelegated(caller, id);
    const root = Buffer.from(parseNodeKey(dto.root)!);
    const rootText = nodeKeyText(root);
    if (rootText !== EMPTY_DICT_KEY_TEXT) {
      if (!(await this.nodes.find(caller.realm, root))) throw new CasError(CasErrorCode.ROOT_NODE_NOT_FOUND, 'Root node does not exist', { root: rootText });
      if (!isRoot(caller) && !(await this.nodes.isOwner(caller.realm, root, caller.delegateId))) {
        throw new CasError(CasErrorCode.ROOT_NOT_AUTHORIZED, 'The root node is not owned by you (stored or claimed by you or a delegate below you)', { root: rootText });
      }
    }
    const depot = await this.transactions.run(async () => {
      const current = await this.depots.lock(caller.realm, id);
      if (!current) throw notFound();
      if (dto.expectedRoot !== undefined && nodeKeyText(parseNodeKey(dto.expectedRoot)!) !== current.root) {
        throw new CasError(CasErrorCode.DEPOT_ROOT_CONFLICT, 'The depot has moved since expectedRoot', { root: current.root });
      }
      if (current.root !== rootText) {
        current.history = [current.root, ...current.history].slice(0, current.maxHistory);
        current.root = rootText;
      }
      current.updatedAt = new Date();
      return this.depots.save(current);
    });
    return viewOf(depot);
  }

  private async find(caller: RealmCaller, depotId: string): Promise<DepotEntity> {
    const id = parseWireId('dpt', depotId);
    const depot = id ? await this.depots.find(caller.realm, id) : null;
    if (!depot) throw notFound();
    return depot;
  }

  private async managed(caller: RealmCaller, depotId: string): Promise<DepotEntity> {
    assertCanManage(caller);
    const depot = await this.find(caller, depotId);
    assertDelegated(caller, depot.id);
    return depot;
  }

  private async uniqueTitle(write: () => Promise<DepotEntity>): Promise<DepotEntity> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err, 'cas_depots_realm_title')) throw new CasError(CasErrorCode.DEPOT_TITLE_TAKEN, 'A depot with this title already exists in the realm');
      throw err;
    }
  }
}

const notFound = () => new CasError(CasErrorCode.DEPOT_NOT_FOUND, 'Depot not found');

function assertCanManage(caller: RealmCaller): void {
  if (!caller.canManageDepot) throw new CasError(CasErrorCode.DEPOT_MANAGE_NOT_ALLOWED, 'This delegate may not manage depots (canManageDepot is false)');
}

function assertDelegated(caller: RealmCaller, depotId: string): void {
  if (caller.delegatedDepots && !caller.delegatedDepots.includes(depotId)) {
    throw new CasError(CasErrorCode.DEPOT_MANAGE_NOT_ALLOWED, 'This depot is not among the depots delegated to you');
  }
}

function viewOf(depot: DepotEntity): DepotView {
  return {
    depotId: wireId('dpt', depot.id),
    title: depot.title,
    root: depot.root,
    maxHistory: depot.maxHistory,
    history: depot.history,
    creatorIssuerId: wireId('dlt', depot.creatorDelegateId),
    createdAt: depot.createdAt.getTime(),
    updatedAt: depot.updatedAt.getTime(),
  };
}
