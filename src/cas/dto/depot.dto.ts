import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/validation/optional';
import { NODE_KEY } from './node.dto';

const MAX_HISTORY = 100;
const maxHistoryMessage = { message: `maxHistory cannot exceed ${MAX_HISTORY}` };

export class CreateDepotDto {
  /** Unique in the realm. @example docs */
  @Optional() @IsString() @MaxLength(128)
  title?: string;

  /** How many previous roots to keep (1–100, default 20). @example 20 */
  @Optional() @IsInt() @Min(1) @Max(MAX_HISTORY, maxHistoryMessage)
  maxHistory?: number;
}

export class UpdateDepotDto {
  /** Unique in the realm. @example "team docs" */
  @Optional() @IsString() @MaxLength(128)
  title?: string;

  /** Shrinking it drops the oldest roots of the history. */
  @Optional() @IsInt() @Min(1) @Max(MAX_HISTORY, maxHistoryMessage)
  maxHistory?: number;
}

export class CommitDepotDto {
  /** The new root node: stored in the realm and owned by your delegate chain. @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  @IsString() @Matches(NODE_KEY, { message: 'root must be a node key' })
  root: string;

  /** Optional compare-and-set: the root you based your change on; 409 DEPOT_ROOT_CONFLICT when the depot moved since. @example nod_240B5PHBGEC2A705WTKKMVRS30 */
  @Optional() @IsString() @Matches(NODE_KEY, { message: 'expectedRoot must be a node key' })
  expectedRoot?: string;
}

