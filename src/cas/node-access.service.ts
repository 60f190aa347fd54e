import { Injectable } from '@nestjs/common';
import { CasError, CasErrorCode } from './cas.errors';
import { EMPTY_DICT_KEY_TEXT, nodeKeyText, parseNodeKey } from './codec/node-key';
import { parseWireId } from './delegate-ids';
import { DepotsRepository } from './depots.repository';
import { NodesRepository } from './nodes.repository';
import { isRoot, RealmCaller } from './realm-caller';

/** An index path: the first index picks one of the delegate's scope roots, the rest pick children. */
export type IndexPath = readonly number[];

const PATH = /^(?:ipath#)?(\d{1,6}(?::\d{1,6}){0,63})$/;

function parsePath(text: string): IndexPath | null {
  const match = PATH.exec(text.trim());
  return match ? match[1].split(':').map(Number) : null;
}

const invalidProof = (message: string) => new CasError(CasErrorCode.INVALID_PROOF_FORMAT, message);

/**
 * The proof headers. `X-CAS-Proof` is an index path for the requested node (`0:1:2`, as the
 * realm documents write it) or a JSON map `{nodeKey: "ipath#0:1:2"}` (CASFA's proof package);
 * `X-CAS-Child-Proofs` is `nod_a:0:1,nod_b:0:2` or the same JSON map. Returns node key → path.
 */
export function parseProofMap(header: string | undefined, target?: string): Map<string, IndexPath> {
  const proofs = new Map<string, IndexPath>();
  if (header === undefined || header.trim() === '') return proofs;
  if (header.length > 16_384) throw invalidProof('The proof header is too long');
  const text = header.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalidProof('The proof header is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidProof('The proof header must be a JSON object');
    for (const [key, word] of Object.entries(parsed)) {
      const path = typeof word === 'string' ? parsePath(word) : null;
      if (!path) throw invalidProof(`The proof for ${key.slice(0, 40)} is not an index path`);
      proofs.set(key.startsWith('nod_') ? key : `nod_${key}`, path);
    }
    return proofs;
  }
  if (target !== undefined) {
    const path = parsePath(text);
    if (!path) throw invalidProof('X-CAS-Proof must be an index path such as 0:1:2');
    proofs.set(target, path);
    return proofs;
  }
  for (const entry of text.split(',')) {
    const [key, ...indices] = entry.trim().split(':');
    const path = parsePath(indices.join(':'));
    if (!key.startsWith('nod_') || !path) throw invalidProof('X-CAS-Child-Proofs must list nod_key:index:path entries, comma separated');
    proofs.set(key, path);
  }
  return proofs;
}

/**
 * Who may reach which node: ownership (a node stored or claimed by the delegate or one below it), index paths from a
 * delegate's scope roots, and the root delegate's reach over its whole realm.
 */
@Injectable()
export class NodeAccess {
  constructor(
    private readonly nodes: NodesRepository,
    private readonly depots: DepotsRepository,
  ) {}

  /** True when `path` leads from one of the caller's scope roots to `key`, through stored nodes. */
  async proves(caller: RealmCaller, key: Buffer, path: IndexPath | undefined): Promise<boolean> {
    const root = path && caller.scopeRoots?.[path[0]];
    if (!root) return false;
    const reached = await this.nodes.walk(caller.realm, Buffer.from(parseNodeKey(root)!), path.slice(1));
    return reached !== null && reached.equals(key);
  }

  /** Read access to a stored node: the root delegate, its owner, or a proof; else 403. */
  async assertReadable(caller: RealmCaller, key: Buffer, proofHeader: string | undefined): Promise<void> {
    if (isRoot(caller) || (await this.nodes.isOwner(caller.realm, key, caller.delegateId))) return;
    const keyText = nodeKeyText(key);
    if (await this.proves(caller, key, parseProofMap(proofHeader, keyText).get(keyText))) return;
    throw new CasError(CasErrorCode.NODE_NOT_IN_SCOPE, 'The node is not in the scope of this delegate: prove it with X-CAS-Proof', { key: keyText });
  }

  /**
   * The scope roots of a new child: each entry resolved within the parent's reach (INVALID_SCOPE
   * otherwise): index paths from the parent's roots, or nodes named by key or depot that the
   * parent can reach (the root delegate: any in its realm).
   */
  async resolveScope(parent: RealmCaller, entries: readonly string[]): Promise<string[]> {
    const roots = new Set<string>();
    const parentRoots = parent.scopeRoots ?? [];
    for (const entry of entries) {
      if (entry === '.') {
        if (!parentRoots.length) throw invalidScope('"." inherits the parent\'s scope roots, and it has none');
        parentRoots.forEach((root) => roots.add(root));
        continue;
      }
      const path = parsePath(entry.replace(/^\.:/, ''));
      if (path) {
        const start = parentRoots[path[0]];
        const reached = start ? await this.nodes.walk(parent.realm, Buffer.from(parseNodeKey(start)!), path.slice(1)) : null;
        if (!reached) throw invalidScope(`The index path ${entry} does not lead to a node from the parent's scope`);
        roots.add(nodeKeyText(reached));
        continue;
      }
      const key = await this.referencedKey(parent.realm, entry);
      if (!(await this.withinReach(parent, key))) throw invalidScope(`${entry} is not within the parent's scope`);
      roots.add(key);
    }
    return [...roots];
  }

  /** A node a delegate may name as a child's scope root: any for the root; else one of its roots, or one it owns. */
  private async withinReach(parent: RealmCaller, key: string): Promise<boolean> {
    if (isRoot(parent) || key === EMPTY_DICT_KEY_TEXT || parent.scopeRoots?.includes(key)) return true;
    return this.nodes.isOwner(parent.realm, Buffer.from(parseNodeKey(key)!), parent.delegateId);
  }

  /** `nod_…`, `cas://nod_…` or `cas://dpt_…` → the node key, which must be stored in the realm. */
  private async referencedKey(realm: string, entry: string): Promise<string> {
    const reference = entry.replace(/^cas:\/\//, '');
    if (reference.startsWith('dpt_')) {
      const id = parseWireId('dpt', reference);
      const depot = id && (await this.depots.find(realm, id));
      if (!depot) throw invalidScope(`No depot ${reference} in this realm`);
      return depot.root;
    }
    const key = parseNodeKey(reference);
    if (!key) throw invalidScope(`${entry} is not a node key`);
    const text = nodeKeyText(key);
    if (text !== EMPTY_DICT_KEY_TEXT && !(await this.nodes.find(realm, Buffer.from(key)))) throw invalidScope(`No node ${text} in this realm`);
    return text;
  }
}

const invalidScope = (message: string) => new CasError(CasErrorCode.INVALID_SCOPE, message);
