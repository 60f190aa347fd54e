/** Every role a user can hold: help desk (seed 001) and repair shop (seed 004). */
export enum Role {
  User = 'user',
  Agent = 'agent',
  Admin = 'admin',
  Master = 'master',
  SuperAdmin = 'super_admin',
  OpsManager = 'ops_manager',
  Technician = 'technician',
  QcInspector = 'qc_inspector',
}

export const ALL_ROLES = Object.values(Role);
