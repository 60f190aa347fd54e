import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Readable } from 'node:stream';
import { BlobStore, collect } from '../../common/blob-store/blob-store';
import { CursorCodec } from '../../common/cursor';
import { RequestValidationError } from '../../common/errors/domain-error';
import { casConfig } from '../../config/cas.config';
import { CasError, CasErrorCode } from '../cas.errors';
import { CONTENT_TYPE_BYTES, encodeFileNode, FILE_INFO_BYTES, HEADER_BYTES, NodeLimits } from '../codec/node-codec';
import { EMPTY_DICT_KEY, EMPTY_DICT_KEY_TEXT, keyOf, nodeKeyText, parseNodeKey } from '../codec/node-key';
import { parseWireId } from '../delegate-ids';
import { DepotsRepository } from '../depots.repository';
import { FsLsQuery, FsMkdirDto, FsMoveDto, FsPathQuery, FsRewriteDto, FsRewriteEntryDto, FsRmDto } from '../dto/fs.dto';
import { FsLsView, FsMkdirView, FsMoveView, FsNodeType, FsRewriteView, FsRmView, FsStatView, FsWriteView } from '../dto/fs.view';
import { NodeAccess } from '../node-access.service';
import { NodeKind } from '../node.entity';
import { NodesRepository } from '../nodes.repository';
import { assertCanUpload, NodesService } from '../nodes.service';
import { isRoot, RealmCaller } from '../realm-caller';
import { joinPath, parseFsIndexPath, parseFsLocation, parseFsPath } from './fs-path';
import { locate, TreeDraft } from './tree-draft';
import { TreeNodeCache, TreeNodeInfo, TreeReader } from './tree-reader';

/** The tree an operation works on: its root (resolved from `nod_…` or `dpt_…`, access checked). */
interface OpenTree {
  reader: TreeReader;
  root: Buffer;
}

/** A file body on its way in, with what its headers declared. */
export interface FileUpload {
  body: Readable | Buffer | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
}

export const MAX_REWRITE_ENTRIES = 100;
const MAX_CONTENT_TYPE_HEADER = 256;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const typeOf = (info: TreeNodeInfo): FsNodeType => (info.kind === NodeKind.Dict ? 'dir' : 'file');

function statOf(info: TreeNodeInfo, name: string): FsStatView {
  const key = nodeKeyText(info.key);
  if (info.kind === NodeKind.Dict) return { type: 'dir', name, key, childCount: info.childCount };
  return { type: 'file', name, key, size: info.fileSize, contentType: info.contentType ?? DEFAULT_CONTENT_TYPE };
}

/**
 * Filesystem operations on immutable trees (04-filesystem.md): every write builds new d-nodes
 * along the changed paths only and answers the new root; nothing else changes until a depot
 * commit. The root must be reachable by the caller (root delegate, owner, or X-CAS-Proof).
 */
@Injectable()
export class FsService {
  private readonly limits: NodeLimits;

  constructor(
    private readonly nodes: NodesRepository,
    private readonly nodeService: NodesService,
    private readonly access: NodeAccess,
    private readonly depots: DepotsRepository,
    private readonly blobs: BlobStore,
    private readonly cache: TreeNodeCache,
    private readonly cursors: CursorCodec,
    @Inject(casConfig.KEY) private readonly config: ConfigType<typeof casConfig>,
  ) {
    this.limits = { maxNodeSize: config.maxNodeSize, maxNameBytes: config.maxNameBytes, maxCollectionChildren: config.maxCollectionChildren };
  }

  /**
   * `nod_…` (stored in the realm, or the empty dict) or `dpt_…` (the depot's current root). Read
   * access as for GET …/nodes/:key; a depot delegated to the caller by id needs no proof.
   */
  private async open(caller: RealmCaller, nodeKey: string, proof: string | undefined): Promise<OpenTree> {
    const reader = new TreeReader(caller.realm, this.nodes, this.blobs, this.cache);
    const invalidRoot = (message: string) => new CasError(CasErrorCode.INVALID_ROOT, message, { nodeKey: nodeKey.slice(0, 64) });
    let root: Buffer;
    let delegated = false;
    if (nodeKey.startsWith('dpt_')) {
      const id = parseWireId('dpt', nodeKey);
      const depot = id ? await this.depots.find(caller.realm, id) : null;
      if (!depot) throw invalidRoot(`No depot ${nodeKey.slice(0, 64)} in this realm`);
      root = Buffer.from(parseNodeKey(depot.root)!);
      delegated = caller.delegatedDepots?.includes(depot.id) ?? false;
    } else {
      const key = parseNodeKey(nodeKey);
      if (!key) throw invalidRoot('nodeKey must be a node key (nod_…) or a depot id (dpt_…)');
      root = Buffer.from(key);
    }
    if (root.equals(EMPTY_DICT_KEY)) return { reader, root };
    if (!(await this.nodes.find(caller.realm, root))) throw invalidRoot(`The node ${nodeKeyText(root)} is not stored in this realm`);
    if (!delegated) await this.access.assertReadable(caller, root, proof);
    return { reader, root };
  }

  private location(query: FsPathQuery) {
    return parseFsLocation(query.path, query.indexPath, this.config.maxNameBytes);
  }

  async stat(caller: RealmCaller, nodeKey: string, proof: string | undefined, query: FsPathQuery): Promise<FsStatView> {
    const tree = await this.open(caller, nodeKey, proof);
    const found = await locate(tree.reader, tree.root, this.location(query));
    return statOf(found.info, found.names[found.names.length - 1] ?? '');
  }

  /** A single-block file's content. */
  async read(caller: RealmCaller, nodeKey: string, proof: string | undefined, query: FsPathQuery): Promise<{ data: Buffer; contentType: string; key: string }> {
    const tree = await this.open(caller, nodeKey, proof);
    const { info, names } = await locate(tree.reader, tree.root, this.location(query));
    const path = joinPath(names);
    if (info.kind === NodeKind.Dict) throw new CasError(CasErrorCode.NOT_A_FILE, `'${path || '/'}' is a directory`, { path });
    if (info.childCount > 0) {
      throw new CasError(CasErrorCode.FILE_TOO_LARGE, `'${path}' spans several nodes (${info.fileSize} bytes): read it block by block with GET …/nodes/:key`, { path, size: info.fileSize });
    }
    const key = nodeKeyText(info.key);
    const stream = await this.blobs.get(key);
    if (!stream) throw new Error(`blob of ${key} is missing from the blob store`);
    const bytes = await collect(stream);
    // A node's data is its tail, after the header, the children's keys and (f-nodes) the FileInfo.
    return { data: bytes.subarray(bytes.length - info.fileSize), contentType: info.contentType ?? DEFAULT_CONTENT_TYPE, key };
  }

  async ls(caller: RealmCaller, nodeKey: string, proof: string | undefined, query: FsLsQuery): Promise<FsLsView> {
    const tree = await this.open(caller, nodeKey, proof);
    const { info, names } = await locate(tree.reader, tree.root, this.location(query));
    const path = joinPath(names);
    if (info.kind !== NodeKind.Dict) throw new CasError(CasErrorCode.NOT_A_DIRECTORY, `'${path}' is a file`, { path });
    const dir = await tree.reader.entries(info.key);
    const scope = `fs:${caller.realm}:${nodeKeyText(info.key)}`;
    const start = query.cursor ? Number(this.cursors.decode(scope, query.cursor)[0]) : 0;
    const end = Math.min(start + query.limit, dir.keys.length);
    const infos = await tree.reader.infos(dir.keys.slice(start, end));
    return {
      path,
      key: nodeKeyText(info.key),
      children: infos.map((child, i) => ({ ...statOf(child, dir.names[start + i]), index: start + i })),
      total: dir.keys.length,
      nextCursor: end < dir.keys.length ? this.cursors.encode(scope, [end]) : null,
    };
  }

  async write(caller: RealmCaller, nodeKey: string, proof: string | undefined, query: FsPathQuery, upload: FileUpload): Promise<FsWriteView> {
    assertCanUpload(caller);
    if (!query.path && !query.indexPath) throw new CasError(CasErrorCode.INVALID_PATH, 'Name the file with path (or indexPath, for an existing file)');
    const contentType = this.contentTypeOf(upload.contentType);
    const tree = await this.open(caller, nodeKey, proof);
    // An index path names an existing entry only; a name path may create one (and its parents).
    const names = query.indexPath ? (await locate(tree.reader, tree.root, this.location(query))).names : parseFsPath(query.path, this.config.maxNameBytes);
    const data = await this.receiveFile(upload);
    const bytes = Buffer.from(encodeFileNode({ contentType, fileSize: data.length, data }, this.limits));
    const file = { key: Buffer.from(keyOf(bytes)), bytes, node: { kind: 'file' as const, contentType, fileSize: data.length, children: [], data } };
    const draft = new TreeDraft(tree.reader, tree.root, this.limits);
    const path = joinPath(names);
    if ((await draft.kindAt(names)) === 'dir') throw new CasError(CasErrorCode.NOT_A_FILE, `'${path || '/'}' is a directory`, { path });
    const replaced = await draft.set(names, file.key);
    const newRoot = await this.commit(caller, draft, [file]);
    return { newRoot, file: { path, key: nodeKeyText(file.key), size: data.length, contentType }, created: !replaced };
  }

  /** The f-node content type: the header's media type, printable ASCII; parameters are dropped when the whole would not fit. */
  private contentTypeOf(header: string | undefined): string {
    const declared = header?.trim() ?? '';
    if (declared === '') return DEFAULT_CONTENT_TYPE;
    const invalid = (reason: string) => new CasError(CasErrorCode.INVALID_CONTENT_TYPE, `Content-Type ${reason}`, { maxBytes: CONTENT_TYPE_BYTES });
    if (declared.length > MAX_CONTENT_TYPE_HEADER) throw invalid(`is longer than ${MAX_CONTENT_TYPE_HEADER} bytes`);
    if (!/^[\x20-\x7e]+$/.test(declared)) throw invalid('must be printable ASCII');
    const type = declared.length <= CONTENT_TYPE_BYTES ? declared : declared.split(';')[0].trim();
    if (type.length > CONTENT_TYPE_BYTES) throw invalid(`media type is longer than the ${CONTENT_TYPE_BYTES} bytes a file node holds`);
    return type;
  }

  /** The body, counted as it streams: past a single block's room, 413 at once; short of Content-Length, 400. */
  private async receiveFile({ body, contentLength }: FileUpload): Promise<Buffer> {
    const limit = this.config.maxNodeSize - HEADER_BYTES - FILE_INFO_BYTES;
    const tooLarge = () =>
      new CasError(CasErrorCode.FILE_TOO_LARGE, `A file written through fs/write is at most ${limit} bytes (one node); upload larger files with PUT …/nodes/:key and link them with fs/rewrite`, { maxFileSize: limit }, 'too_large');
    const declared = contentLength === undefined ? null : Number(contentLength);
    if (declared !== null && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of Buffer.isBuffer(body) ? [body] : (body ?? [])) {
      length += (chunk as Buffer).length;
      if (length > limit) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    if (declared !== null && declared !== length) {
      throw new CasError(CasErrorCode.CONTENT_LENGTH_MISMATCH, `Content-Length says ${declared} bytes, the body had ${length}`, { declared, actual: length });
    }
    return Buffer.concat(chunks, length);
  }

  async mkdir(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsMkdirDto): Promise<FsMkdirView> {
    assertCanUpload(caller);
    const names = parseFsPath(dto.path, this.config.maxNameBytes);
    if (!names.length) throw new CasError(CasErrorCode.INVALID_PATH, 'path names the directory to create');
    const tree = await this.open(caller, nodeKey, proof);
    const path = joinPath(names);
    const draft = new TreeDraft(tree.reader, tree.root, this.limits);
    const existing = await draft.kindAt(names);
    if (existing === 'file') throw new CasError(CasErrorCode.EXISTS_AS_FILE, `'${path}' exists and is a file`, { path });
    if (existing === 'dir') {
      const found = await locate(tree.reader, tree.root, { names, indices: [] });
      return { newRoot: nodeKeyText(tree.root), dir: { path, key: nodeKeyText(found.info.key) }, created: false };
    }
    await draft.set(names, Buffer.from(EMPTY_DICT_KEY));
    return { newRoot: await this.commit(caller, draft), dir: { path, key: EMPTY_DICT_KEY_TEXT }, created: true };
  }

  async rm(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsRmDto): Promise<FsRmView> {
    assertCanUpload(caller);
    const location = this.location(dto);
    if (!location.names.length && !location.indices.length) throw new CasError(CasErrorCode.CANNOT_REMOVE_ROOT, 'The root cannot be removed: name a path inside it');
    const tree = await this.open(caller, nodeKey, proof);
    const found = await locate(tree.reader, tree.root, location);
    const draft = new TreeDraft(tree.reader, tree.root, this.limits);
    await draft.remove(found.names);
    return { newRoot: await this.commit(caller, draft), removed: { path: joinPath(found.names), type: typeOf(found.info), key: nodeKeyText(found.info.key) } };
  }

  mv(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsMoveDto): Promise<FsMoveView> {
    return this.place(caller, nodeKey, proof, dto, true);
  }

  cp(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsMoveDto): Promise<FsMoveView> {
    return this.place(caller, nodeKey, proof, dto, false);
  }

  /** mv and cp: the source's node at the target (inside it, when the target is a directory), the source removed for a move. */
  private async place(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsMoveDto, move: boolean): Promise<FsMoveView> {
    assertCanUpload(caller);
    const from = parseFsPath(dto.from, this.config.maxNameBytes);
    const to = parseFsPath(dto.to, this.config.maxNameBytes);
    if (!from.length) throw new CasError(move ? CasErrorCode.CANNOT_MOVE_ROOT : CasErrorCode.INVALID_PATH, `The root cannot be ${move ? 'moved' : 'copied'}: name a path inside it`);
    if (!to.length) throw new CasError(CasErrorCode.INVALID_PATH, 'to names the target path');
    const tree = await this.open(caller, nodeKey, proof);
    const source = await locate(tree.reader, tree.root, { names: from, indices: [] });
    const draft = new TreeDraft(tree.reader, tree.root, this.limits);
    let target = to;
    const atTarget = await draft.kindAt(to);
    if (atTarget === 'dir') target = [...to, from[from.length - 1]];
    if (move && target.length >= from.length && from.every((name, i) => target[i] === name)) {
      throw new CasError(CasErrorCode.MOVE_INTO_SELF, `'${joinPath(from)}' cannot be moved into itself`, { from: joinPath(from), to: joinPath(target) });
    }
    if (atTarget === 'file' || (target !== to && (await draft.kindAt(target)))) {
      throw new CasError(CasErrorCode.TARGET_EXISTS, `'${joinPath(target)}' already exists`, { path: joinPath(target) });
    }
    if (move) await draft.remove(from);
    await draft.set(target, source.info.key);
    return { newRoot: await this.commit(caller, draft), from: joinPath(from), to: joinPath(target) };
  }

  /**
   * One new root from a declaration: `deletes` first, then `entries` (parents before children);
   * every `from` reads the original tree. All or nothing: any refusal leaves no new root.
   */
  async rewrite(caller: RealmCaller, nodeKey: string, proof: string | undefined, dto: FsRewriteDto): Promise<FsRewriteView> {
    assertCanUpload(caller);
    const declared = Object.entries(dto.entries ?? {});
    const deletes = dto.deletes ?? [];
    if (!declared.length && !deletes.length) throw new CasError(CasErrorCode.EMPTY_REWRITE, 'Give entries, deletes or both');
    if (declared.length + deletes.length > MAX_REWRITE_ENTRIES) {
      throw new CasError(CasErrorCode.TOO_MANY_ENTRIES, `At most ${MAX_REWRITE_ENTRIES} entries and deletes in all (${declared.length + deletes.length} given)`, { max: MAX_REWRITE_ENTRIES });
    }
    const entries = declared
      .map(([path, entry]) => ({ path, names: this.targetPath(path), entry: checkEntry(path, entry) }))
      .sort((a, b) => a.names.length - b.names.length || (a.path < b.path ? -1 : 1));
    const deletePaths = deletes.map((path) => this.targetPath(path));
    const tree = await this.open(caller, nodeKey, proof);

    // Every source is resolved before anything changes: `from` on the original tree, `link` in the store.
    const sources = new Map<string, Buffer>();
    for (const { path, entry } of entries) {
      if (entry.from !== undefined) {
        const found = await locate(tree.reader, tree.root, { names: parseFsPath(entry.from, this.config.maxNameBytes), indices: [] }).catch((err: unknown) => {
          if (err instanceof CasError && (err.code === CasErrorCode.PATH_NOT_FOUND || err.code === CasErrorCode.NOT_A_DIRECTORY)) {
            throw new CasError(CasErrorCode.PATH_NOT_FOUND, `Entry '${path}' references non-existent source path`, { entry: path, from: entry.from });
          }
          throw err;
        });
        sources.set(path, found.info.key);
      } else if (entry.link !== undefined) {
        sources.set(path, await this.linkable(caller, path, entry.link, entry.proof));
      }
    }

    const draft = new TreeDraft(tree.reader, tree.root, this.limits);
    let deleted = 0;
    for (const names of deletePaths) if (await draft.remove(names)) deleted++;
    let entriesApplied = 0;
    for (const { path, names, entry } of entries) {
      if (entry.dir) {
        const existing = await draft.kindAt(names);
        if (existing === 'dir') continue;
        if (existing === 'file') throw new CasError(CasErrorCode.EXISTS_AS_FILE, `'${path}' exists and is a file`, { entry: path });
        await draft.set(names, Buffer.from(EMPTY_DICT_KEY), CasErrorCode.EXISTS_AS_FILE);
      } else {
        await draft.set(names, sources.get(path)!, CasErrorCode.EXISTS_AS_FILE);
      }
      entriesApplied++;
    }
    return { newRoot: await this.commit(caller, draft), entriesApplied, deleted };
  }

  private targetPath(path: string): string[] {
    const names = parseFsPath(path, this.config.maxNameBytes);
    if (!names.length) throw new CasError(CasErrorCode.INVALID_PATH, 'Rewrite paths name a place inside the root, not the root itself', { path });
    return names;
  }

  /**
   * A node a rewrite may mount: stored in the realm, and owned by the caller's chain or proved
   * from its scope; otherwise a leaked key would let anyone mount, then read, someone's content.
   */
  private async linkable(caller: RealmCaller, entry: string, link: string, proof: string | undefined): Promise<Buffer> {
    const parsed = parseNodeKey(link);
    if (!parsed) throw new RequestValidationError({ [`entries.${entry}.link`]: ['link must be a node key (nod_…)'] });
    const key = Buffer.from(parsed);
    if (key.equals(EMPTY_DICT_KEY)) return key;
    if (!(await this.nodes.find(caller.realm, key))) throw new CasError(CasErrorCode.NODE_NOT_FOUND, `The node ${link} is not stored in this realm`, { entry, link });
    if (isRoot(caller) || (await this.nodes.isOwner(caller.realm, key, caller.delegateId))) return key;
    if (proof !== undefined && (await this.access.proves(caller, key, parseFsIndexPath(proof.replace(/^ipath#/, ''))))) return key;
    throw new CasError(CasErrorCode.LINK_NOT_AUTHORIZED, `The node ${link} is neither owned by your delegate chain nor proved in your scope`, { entry, link });
  }

  /** Stores the draft's new nodes (and `extra` ones) as the caller's; answers the new root. */
  private async commit(caller: RealmCaller, draft: TreeDraft, extra: Parameters<NodesService['store']>[1] = []): Promise<string> {
    const { root, nodes } = await draft.build();
    await this.nodeService.store(caller, [...extra, ...nodes]);
    return nodeKeyText(root);
  }
}

type CheckedEntry = FsRewriteEntryDto;

/** Exactly one of from / dir / link (proof only beside link), with the right types. */
function checkEntry(path: string, value: unknown): CheckedEntry {
  const field = `entries.${path.slice(0, 200)}`;
  const invalid = (message: string) => new RequestValidationError({ [field]: [message] });
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('each entry is an object: {from}, {dir: true} or {link, proof?}');
  const entry = value as Record<string, unknown>;
  const kinds = ['from', 'dir', 'link'].filter((kind) => entry[kind] !== undefined);
  if (kinds.length !== 1) throw invalid('each entry has exactly one of from, dir, link');
  const unknown = Object.keys(entry).filter((key) => !['from', 'dir', 'link', 'proof'].includes(key) || (key === 'proof' && kinds[0] !== 'link'));
  if (unknown.length) throw invalid(`unexpected field(s): ${unknown.join(', ')}`);
  if (kinds[0] === 'from' && (typeof entry.from !== 'string' || entry.from === '')) throw invalid('from must be a non-empty path');
  if (kinds[0] === 'dir' && entry.dir !== true) throw invalid('dir must be true');
  if (kinds[0] === 'link' && typeof entry.link !== 'string') throw invalid('link must be a node key (nod_…)');
  if (entry.proof !== undefined && (typeof entry.proof !== 'string' || entry.proof.length > 2048)) throw invalid('proof must be an index path such as 0:1');
  return entry as CheckedEntry;
}
