import { Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { SupportCommentEntity } from './support-comment.entity';

export type NewComment = Pick<SupportCommentEntity, 'ticketId' | 'authorId' | 'content' | 'isInternal'>;

/** Comments on tickets. `includeInternal`: whether the reader may see internal notes. */
@Injectable()
export class SupportCommentsRepository {
  constructor(private readonly db: Db) {}

  insert(comment: NewComment): Promise<SupportCommentEntity> {
    const repository = this.db.repository(SupportCommentEntity);
    return repository.save(repository.create(comment));
  }

  save(comment: SupportCommentEntity): Promise<SupportCommentEntity> {
    return this.db.repository(SupportCommentEntity).save(comment);
  }

  async delete(id: number): Promise<void> {
    await this.db.repository(SupportCommentEntity).delete({ id });
  }

  findOne(ticketId: number, commentId: number): Promise<SupportCommentEntity | null> {
    return this.db.repository(SupportCommentEntity).findOneBy({ id: commentId, ticketId });
  }

  /** A ticket's comments, newest first. */
  page(ticketId: number, includeInternal: boolean, query: PageQuery): Promise<Page<SupportCommentEntity>> {
    return findPage(this.db.repository(SupportCommentEntity), { where: readable(ticketId, includeInternal), order: { id: 'DESC' } }, query);
  }
}

function readable(ticketId: number, includeInternal: boolean): FindOptionsWhere<SupportCommentEntity> {
  return includeInternal ? { ticketId } : { ticketId, isInternal: false };
}
