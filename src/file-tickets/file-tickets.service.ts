import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { fileTicketsConfig } from '../config/file-tickets.config';
import { Transactions } from '../database/transactions';
import { AuthContext } from '../identity/auth-context';
import { DictNode } from '../cas/codec/node-codec';
import { TicketListQuery, UpdateTicketDto } from './dto/file-ticket.dto';
import { FileTicketEntity } from './file-ticket.entity';
import { displayOf, FileTicketUsers, Pd2User } from './file-ticket-users.service';
import { TicketSummaryView, TicketView } from './file-ticket.view';
import { FileTicketError, FileTicketErrorCode } from './file-tickets.errors';
import { FileTicketsRepository } from './file-tickets.repository';
import { ticketPathOf } from './ticket-paths';
import { TicketStorage } from './ticket-storage.service';
import { MultipartSource, receiveUpload } from './ticket-upload';
import { ZipEntry } from './zip-writer';

const TICKET_ID = /^[0-9a-f]{20}$/;

/** A file of a ticket on its way out. */
export interface TicketFileContent {
  name: string;
  size: number;
  contentType: string;
  data: AsyncIterable<Uint8Array>;
}

/** A ticket's files, as the entries of its zip. */
export interface TicketArchive {
  name: string;
  entries: AsyncIterable<ZipEntry>;
}

const ticketNotFound = () => new FileTicketError(FileTicketErrorCode.TICKET_NOT_FOUND);

/**
 * Seed 003's tickets. Visibility: the owner and PD2 admins see every ticket of the owner,
 * anyone else only public ones; a ticket you may not see is 404 "Ticket not found". Changes
 * (PUT, DELETE) are the owner's or an admin's: 403 "Permission denied" for others who can see it.
 */
@Injectable()
export class FileTicketsService {
  constructor(
    private readonly tickets: FileTicketsRepository,
    private readonly users: FileTicketUsers,
    private readonly storage: TicketStorage,
    private readonly transactions: Transactions,
    @Inject(fileTicketsConfig.KEY) private readonly config: ConfigType<typeof fileTicketsConfig>,
  ) {}

  /** Receives the upload whole (413 past the per-file limit, nothing stored), then stores files and ticket in one transaction. */
  async create(auth: AuthContext, source: MultipartSource): Promise<TicketView> {
    const owner = await this.users.caller(auth);
    const upload = await receiveUpload(source, { maxFileBytes: this.config.maxFileBytes, maxFiles: this.config.maxFiles });
    try {
      const ticket = await this.transactions.run(async () => {
        const rootKey = await this.storage.store(owner.userId, upload.files);
        return this.tickets.insert({
          id: randomBytes(10).toString('hex'),
          ownerId: owner.userId,
          isPublic: upload.data.is_public ?? false,
          remark: upload.data.remark ?? '',
          files: upload.files.map((file) => file.path),
          rootKey,
          totalBytes: upload.files.reduce((sum, file) => sum + file.size, 0),
        });
      });
      return viewOf(ticket, owner);
    } finally {
      await upload.dispose();
    }
  }

  async listMine(auth: AuthContext, query: TicketListQuery): Promise<TicketSummaryView[]> {
    const caller = await this.users.caller(auth);
    return (await this.tickets.list(caller.userId, true, query.offset, query.length)).map(summaryOf);
  }

  async list(auth: AuthContext, userId: string, query: TicketListQuery): Promise<TicketSummaryView[]> {
    const caller = await this.users.caller(auth);
    const owner = await this.users.find(caller, userId);
    if (!owner) throw new FileTicketError(FileTicketErrorCode.USER_NOT_FOUND);
    return (await this.tickets.list(owner.userId, seesAll(caller, owner), query.offset, query.length)).map(summaryOf);
  }

  async get(auth: AuthContext, userId: string, ticketId: string): Promise<TicketView> {
    const { ticket, owner } = await this.visible(auth, userId, ticketId);
    return viewOf(ticket, owner);
  }

  async update(auth: AuthContext, userId: string, ticketId: string, dto: UpdateTicketDto): Promise<TicketView> {
    const { ticket, owner } = await this.changeable(auth, userId, ticketId);
    const updated = await this.tickets.update(owner.userId, ticket.id, {
      ...(dto.is_public !== undefined ? { isPublic: dto.is_public } : {}),
      ...(dto.remark !== undefined ? { remark: dto.remark } : {}),
    });
    if (!updated) throw ticketNotFound();
    return viewOf(updated, owner);
  }

  /** Deletes the ticket only: its files stay in the owner's realm, where other tickets may hold the same nodes. */
  async delete(auth: AuthContext, userId: string, ticketId: string): Promise<void> {
    const { ticket, owner } = await this.changeable(auth, userId, ticketId);
    if (!(await this.tickets.delete(owner.userId, ticket.id))) throw ticketNotFound();
  }

  /** One file: 403 "Permission denied" for a path that is not a legal one inside a ticket, 404 for one the ticket does not have. */
  async file(auth: AuthContext, userId: string, ticketId: string, filePath: string): Promise<TicketFileContent> {
    const { ticket } = await this.visible(auth, userId, ticketId);
    const segments = ticketPathOf(filePath);
    if (!segments) throw new FileTicketError(FileTicketErrorCode.PERMISSION_DENIED);
    const path = segments.join('/');
    const stored = ticket.files.includes(path) ? await this.storage.find(ticket.rootKey, segments) : null;
    if (!stored) throw new FileTicketError(FileTicketErrorCode.TICKET_FILE_NOT_FOUND);
    return { name: segments[segments.length - 1], size: stored.size, contentType: stored.contentType, data: this.storage.content(stored) };
  }

  /** Every file of the ticket, read one at a time as the archive is written. */
  async archive(auth: AuthContext, userId: string, ticketId: string): Promise<TicketArchive> {
    const { ticket } = await this.visible(auth, userId, ticketId);
    return { name: `${ticket.id}.zip`, entries: this.entries(ticket) };
  }

  private async *entries(ticket: FileTicketEntity): AsyncGenerator<ZipEntry> {
    const dirs = new Map<string, DictNode>();
    for (const path of ticket.files) {
      const stored = await this.storage.find(ticket.rootKey, path.split('/'), dirs);
      if (!stored) throw new Error(`file ${path} of ticket ${ticket.id} is missing from its tree`);
      yield { name: path, size: stored.size, modified: ticket.createdAt, data: () => this.storage.content(stored) };
    }
  }

  /** The ticket, if the caller may see it; 404 otherwise (no such user, no such ticket of that user, or private). */
  private async visible(auth: AuthContext, userId: string, ticketId: string): Promise<{ ticket: FileTicketEntity; owner: Pd2User; caller: Pd2User }> {
    const caller = await this.users.caller(auth);
    const owner = TICKET_ID.test(ticketId) ? await this.users.find(caller, userId) : null;
    const ticket = owner ? await this.tickets.find(owner.userId, ticketId) : null;
    if (!owner || !ticket || (!ticket.isPublic && !seesAll(caller, owner))) throw ticketNotFound();
    return { ticket, owner, caller };
  }

  private async changeable(auth: AuthContext, userId: string, ticketId: string) {
    const found = await this.visible(auth, userId, ticketId);
    if (!seesAll(found.caller, found.owner)) throw new FileTicketError(FileTicketErrorCode.PERMISSION_DENIED);
    return found;
  }
}

/** The owner and PD2 admins see (and change) everything of the owner's. */
const seesAll = (caller: Pd2User, owner: Pd2User) => caller.userId === owner.userId || caller.isAdmin;

function summaryOf(ticket: FileTicketEntity): TicketSummaryView {
  return { id: ticket.id, files: ticket.files, is_public: ticket.isPublic, remark: ticket.remark, create_time: ticket.createdAt.getTime() };
}

function viewOf(ticket: FileTicketEntity, owner: Pd2User): TicketView {
  return { ...summaryOf(ticket), author: { display_data: displayOf(owner) } };
}
