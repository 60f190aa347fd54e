import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Db } from '../database/db';
import { FileTicketEntity } from './file-ticket.entity';

export type NewFileTicket = Omit<FileTicketEntity, 'owner' | 'createdAt'>;

/** Every query on `file_tickets`, scoped by owner. */
@Injectable()
export class FileTicketsRepository {
  constructor(private readonly db: Db) {}

  private get tickets(): Repository<FileTicketEntity> {
    return this.db.repository(FileTicketEntity);
  }

  async insert(ticket: NewFileTicket): Promise<FileTicketEntity> {
    await this.tickets.insert(ticket);
    return (await this.find(ticket.ownerId, ticket.id))!;
  }

  /** One ticket of one owner (null when the id is not that owner's). */
  find(ownerId: number, id: string): Promise<FileTicketEntity | null> {
    return this.tickets.findOneBy({ ownerId, id });
  }

  /** An owner's tickets, newest first; only the public ones unless `all`. */
  list(ownerId: number, all: boolean, offset: number, length: number): Promise<FileTicketEntity[]> {
    return this.tickets.find({
      where: all ? { ownerId } : { ownerId, isPublic: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: length,
    });
  }

  async update(ownerId: number, id: string, changes: Partial<Pick<FileTicketEntity, 'isPublic' | 'remark'>>): Promise<FileTicketEntity | null> {
    if (Object.keys(changes).length) await this.tickets.update({ ownerId, id }, changes);
    return this.find(ownerId, id);
  }

  async delete(ownerId: number, id: string): Promise<boolean> {
    const result = await this.tickets.delete({ ownerId, id });
    return (result.affected ?? 0) > 0;
  }
}
