/** The API surfaces this process serves, as /api/info lists them. */
export const SURFACES = [
  { name: 'realm', seed: '000, 002', basePath: '/api/realm/{realmId}' },
  { name: 'support', seed: '001', basePath: '/v1' },
  { name: 'file-tickets', seed: '003', basePath: '/ticket' },
  { name: 'workflow', seed: '004', basePath: '/api/v1' },
  { name: 'identity', seed: null, basePath: '/api/oauth, /api/admin' },
] as const;
