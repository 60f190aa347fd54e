/**
 * Names of the credentials a route can accept (passport strategy names, and the OpenAPI
 * security scheme of each). Identity provides the user JWT; other modules register their own
 * (the realm surface's delegate access token) and list them in @Authenticated({ strategies }).
 */
export const USER_JWT = 'user-jwt';
