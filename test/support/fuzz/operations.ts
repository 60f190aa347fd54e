import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiContract } from '../openapi-contract';

export const ROLES = [
  'user',
  'agent',
  'admin',
  'master',
  'super_admin',
  'ops_manager',
  'technician',
  'qc_inspector',
] as const;
export type Role = (typeof ROLES)[number];

/** One documented operation, with what the fuzzer reads from it. */
export interface FuzzOperation {
  key: string;
  method: string;
  /** The documented path template, e.g. `/v1/tickets/{id}`. */
  path: string;
  operation: OpenAPIV3.OperationObject;
  secured: boolean;
  /** Roles that may call it (from the 403 "Requires one of the roles: …"); empty: any signed-in user. */
  roles: Role[];
  pathParams: OpenAPIV3.ParameterObject[];
  queryParams: OpenAPIV3.ParameterObject[];
  /** The JSON body schema, when the operation takes one. */
  bodySchema?: OpenAPIV3.SchemaObject;
  bodyRequired: boolean;
}

/**
 * Every operation of the live document, in the contract’s order except that DELETEs come last (so
 * the rows they remove are there for the others). New routes are fuzzed as soon as they are documented.
 */
export function fuzzOperations(contract: OpenApiContract, only?: RegExp): FuzzOperation[] {
  const all = contract.operations().map(({ method, path, operation }) => describe(method, path, operation));
  const selected = only ? all.filter((op) => only.test(op.key)) : all;
  return [
    ...selected.filter((op) => op.method !== 'DELETE'),
    ...selected.filter((op) => op.method === 'DELETE'),
  ];
}

function describe(method: string, path: string, operation: OpenAPIV3.OperationObject): FuzzOperation {
  const parameters = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const forbidden = (operation.responses['403'] as OpenAPIV3.ResponseObject | undefined)?.description ?? '';
  const listed = /Requires one of the roles: (.+)$/.exec(forbidden)?.[1] ?? '';
  const roles = listed
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  return {
    key: `${method} ${path}`,
    method,
    path,
    operation,
    secured: !!operation.security?.some((requirement) => Object.keys(requirement).length > 0),
    roles,
    pathParams: parameters.filter((p) => p.in === 'path'),
    queryParams: parameters.filter((p) => p.in === 'query'),
    bodySchema: body?.content?.['application/json']?.schema as OpenAPIV3.SchemaObject | undefined,
    bodyRequired: !!body?.required,
  };
}
