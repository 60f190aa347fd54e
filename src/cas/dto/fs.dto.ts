import { ArrayMaxSize, IsArray, IsInt, IsObject, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiExtraModels, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Optional } from '../../common/validation/optional';

const PATH_CHARS = 16_384;

/** Where in the tree: a name path, an index path, or both (names first). Neither: the root node itself. */
export class FsPathQuery {
  /** Relative name path, `/`-separated. @example README.md */
  @Optional() @IsString() @MaxLength(PATH_CHARS)
  path?: string;

  /** Child indices from the node `path` reached, `:`-separated (`1:0`). */
  @Optional() @IsString() @MaxLength(PATH_CHARS)
  indexPath?: string;
}

export class FsLsQuery extends FsPathQuery {
  /** Children per page (1–1000, default 100). */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit: number = 100;

  /** From the previous page's nextCursor. */
  @Optional() @IsString() @MaxLength(2048)
  cursor?: string;
}

export class FsMkdirDto {
  /** The directory to create, with any missing parents (`mkdir -p`). @example docs/drafts */
  @IsString() @MaxLength(PATH_CHARS)
  path: string;
}

export class FsRmDto extends FsPathQuery {}

export class FsMoveDto {
  /** Source name path. @example README.md */
  @IsString() @MaxLength(PATH_CHARS)
  from: string;

  /** Target name path; an existing directory receives the source inside it. @example docs/README.md */
  @IsString() @MaxLength(PATH_CHARS)
  to: string;
}

/** One entry of a rewrite: exactly one of `from`, `dir`, `link`. */
export class FsRewriteEntryDto {
  /** Take the node at this path of the original tree (a file or a whole directory). */
  from?: string;
  /** Create an empty directory (kept as it is when one exists). */
  dir?: true;
  /** Mount a stored node by key: owned by your delegate chain, or proved with `proof`. */
  link?: string;
  /** Index path from one of your scope roots to the `link` node. @example 0:3:1 */
  proof?: string;
}

@ApiExtraModels(FsRewriteEntryDto)
export class FsRewriteDto {
  /** Target path → where its node comes from. Applied after `deletes`, parents before children. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(FsRewriteEntryDto) }, example: { 'docs/README.md': { from: 'README.md' }, 'docs/drafts': { dir: true } } })
  @Optional() @IsObject()
  entries?: Record<string, FsRewriteEntryDto>;

  /** Paths of the original tree to remove (missing ones are skipped). @example ["README.md"] */
  @Optional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(PATH_CHARS, { each: true })
  deletes?: string[];
}
