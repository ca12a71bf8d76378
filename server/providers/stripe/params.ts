import { invalidRequest } from './errors.ts';
import type { Metadata } from './types.ts';

/** A parsed form body (bracket notation already expanded by `qs`). */
export type Params = Record<string, unknown>;

/** Refuses parameters the endpoint does not take, naming the first one, as Stripe does. */
export function allowOnly(params: Params, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw invalidRequest(`Missing required param: ${name}.`, name, 'parameter_missing');
  return value;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name} must be a string.`, name, 'parameter_invalid_string');
  return value;
}

export function requiredInteger(params: Params, name: string, min = 0): number {
  const raw = params[name];
  if (raw === undefined || raw === '') throw invalidRequest(`Missing required param: ${name}.`, name, 'parameter_missing');
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw invalidRequest(`Invalid integer: ${String(raw)}`, name, 'parameter_invalid_integer');
  if (value < min) throw invalidRequest(`This value must be greater than or equal to ${min}.`, name, 'parameter_invalid_integer');
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === true) return true;
  if (raw === 'false' || raw === false) return false;
  throw invalidRequest(`Invalid boolean: ${String(raw)}`, name, 'parameter_invalid_boolean');
}

export function optionalStringList(params: Params, name: string): string[] | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? Object.values(raw) : [raw];
  if (!list.every((v) => typeof v === 'string')) throw invalidRequest(`Invalid array: ${name} must be a list of strings.`, name);
  return list as string[];
}

export function optionalMetadata(params: Params, name = 'metadata'): Metadata | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') return raw === '' ? {} : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidRequest(`Invalid object: ${name} must be a hash of keys and values.`, name);
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}[${key}] must be a string.`, `${name}[${key}]`);
  }
  return raw as Metadata;
}
