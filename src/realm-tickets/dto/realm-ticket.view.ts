import { ApiProperty } from '@nestjs/swagger';
import { TICKET_STATUSES, type TicketStatus } from '../realm-ticket.entity';

/** A ticket as its creator receives it: with the access token of its delegate, shown this once. */
export class CreatedRealmTicketView {
  /** @example ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC */
  ticketId: string;
  @ApiProperty({ example: 'Generate thumbnail' })
  title: string;
  @ApiProperty({ enum: ['pending'], example: 'pending' })
  status: 'pending';
  /** The ticket's delegate (`dlt_…`), whose token this is. @example dlt_069B6X2TG3C04ZH0NR6GVJ5QF0 */
  accessTokenId: string;
  /** Base64 of 32 bytes, shown once: the bearer the tool works with. There is no refresh token. @example AZLTdA6Ec+mXUn/HDtI2vgAAAZUPKzNPRG4GRSi8lfg= */
  accessTokenBase64: string;
  /** Epoch ms: when the ticket and its token expire. @example 1738501200000 */
  expiresAt: number;
}

/** A ticket in a list. */
export class RealmTicketListItemView {
  /** @example ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC */
  ticketId: string;
  @ApiProperty({ example: 'Generate thumbnail' })
  title: string;
  @ApiProperty({ enum: TICKET_STATUSES, example: 'pending' })
  status: TicketStatus;
  /** Epoch ms. @example 1738497600000 */
  createdAt: number;
}

/** One ticket in full. */
export class RealmTicketDetailView {
  /** @example ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC */
  ticketId: string;
  @ApiProperty({ example: 'Generate thumbnail' })
  title: string;
  @ApiProperty({ enum: TICKET_STATUSES, example: 'pending' })
  status: TicketStatus;
  /** The output node (`nod_…`); null while pending. */
  @ApiProperty({ type: String, nullable: true, example: null })
  root: string | null;
  /** The ticket's delegate (`dlt_…`). @example dlt_069B6X2TG3C04ZH0NR6GVJ5QF0 */
  accessTokenId: string;
  /** The delegate that created the ticket (`dlt_…`). @example dlt_069B6WZ8E5Q1SXD2J9T4M7K3A8 */
  creatorTokenId: string;
  /** Epoch ms. @example 1738497600000 */
  createdAt: number;
  /** Epoch ms. @example 1738501200000 */
  expiresAt: number;
  /** Epoch ms; only once submitted. @example 1738498200000 */
  submittedAt?: number;
}

export class SubmittedRealmTicketView {
  @ApiProperty({ enum: [true], example: true })
  success: true;
  @ApiProperty({ enum: ['submitted'], example: 'submitted' })
  status: 'submitted';
  /** The output node (`nod_…`). @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  root: string;
}
