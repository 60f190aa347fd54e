import { Role } from '../identity/roles';

/** Who may do what on seed 004's surface: the one place for the role sets of its controllers. */

/** Everyone on the shop floor may read tickets, inventory and their own XP. */
export const WORKFLOW_ROLES = [Role.Master, Role.SuperAdmin, Role.OpsManager, Role.Technician, Role.QcInspector];
/** Intake of tickets. */
export const INTAKE_ROLES = [Role.Master, Role.SuperAdmin];
/** Work on tickets and their work sessions. */
export const WORKERS = [Role.Technician, Role.SuperAdmin];
/** QC decisions. */
export const INSPECTORS = [Role.QcInspector, Role.SuperAdmin];
/** Review (manual metrics) and assignment. */
export const ADMINS = [Role.SuperAdmin, Role.OpsManager];
/** Inventory items: registration, archive, restore. */
export const STOCK_KEEPERS = [Role.Master, Role.SuperAdmin, Role.OpsManager];
/** The XP and work-session rules. */
export const RULES_ADMINS = [Role.SuperAdmin];
