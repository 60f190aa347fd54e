import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last ticket number used per UTC day (T-YYYYMMDD-NNNN), bumped atomically. */
@Entity('support_ticket_number_counters')
export class TicketNumberCounterEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'int' })
  last: number;
}
