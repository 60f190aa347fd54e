/** The credential of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerOf(authorization: string | undefined): string | null {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match ? match[1] : null;
}
