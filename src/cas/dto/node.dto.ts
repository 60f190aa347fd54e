import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';

/** `nod_` + 26 Crockford Base32 characters, the last of them one of 048CGMRW (128 bits). */
export const NODE_KEY = /^nod_[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}[048CGMRWcgmrw]$/;

export class CheckNodesDto {
  /** Node keys to look up (1–1000). @example ["nod_2D9YF3Q0RAENSX5P52HK6YEZRC","nod_2VTAQKBT0QEX31FJJ82XGGWQ4M","nod_2S0NFG0YS5PXP0F803ZKPJZ4Y8"] */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @Matches(NODE_KEY, { each: true, message: 'each key must be a node key (nod_ + 26 Crockford Base32 characters)' })
  keys: string[];
}

export class ClaimNodeDto {
  /** Proof of possession: `pop:` + Crockford Base32 of keyed BLAKE3-128 (key: BLAKE3-256 of the access token) over the node bytes. @example pop:5YXFXZ1894CES82C27JSSGQT0G */
  @IsString() @Matches(/^pop:[A-Za-z0-9]{1,64}$/, { message: 'pop must look like pop:<Crockford Base32>' })
  pop: string;
}
