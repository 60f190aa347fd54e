import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';
import { UserEntity } from '../identity/user.entity';
import { SupportTicketEntity } from './support-ticket.entity';

@Entity('support_comments')
@Index('support_comments_ticket', ['ticketId', 'id'])
export class SupportCommentEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  ticketId: number;

  @ManyToOne(() => SupportTicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: SupportTicketEntity;

  @Column({ type: 'int' })
  authorId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  content: string;

  /** Written and read by agents and admins only. */
  @Column({ type: 'boolean', default: false })
  isInternal: boolean;
}
