import { ApiProperty } from '@nestjs/swagger';
import { TICKET_STATUSES, type TicketStatus } from '../realm-ticket.entity';

/** A ticket as its creator receives it: with the access token of its delegate, shown this once. */
export class CreatedRealmTicketView {
  /** @example ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC */
  ticketId: string;
  title: string;
  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
  /** The ticket's delegate (`dlt_…`), whose token this is. */
  accessTokenId: string;
  /** Base64 of 32 bytes, shown once: the bearer the tool works with. There is no refresh token. */
  accessTokenBase64: string;
  /** Epoch ms: when the ticket and its token expire. */
  expiresAt: number;
}

/** A ticket in a list. */
export class RealmTicketListItemView {
  ticketId: string;
  title: string;
  @ApiProperty({ enum: TICKET_STATUSES })
  status: TicketStatus;
  /** Epoch ms. */
  createdAt: number;
}

/** One ticket in full. */
export class RealmTicketDetailView {
  /** @example ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC */
  ticketId: string;
  title: string;
  @ApiProperty({ enum: TICKET_STATUSES })
  status: TicketStatus;
  /** The output node (`nod_…`); null while pending. */
  @ApiProperty({ type: String, nullable: true })
  root: string | null;
  /** The ticket's delegate (`dlt_…`). */
  accessTokenId: string;
  /** The delegate that created the ticket (`dlt_…`). */
  creatorTokenId: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms; only once submitted. */
  submittedAt?: number;
}

export class SubmittedRealmTicketView {
  @ApiProperty({ enum: [true] })
  success: true;
  @ApiProperty({ enum: ['submitted'] })
  status: 'submitted';
  /** The output node (`nod_…`). */
  root: string;
}
