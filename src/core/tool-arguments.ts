/**
 * A call's arguments checked against its tool's JSON schema, with problems said so the model can act on them.
 * Covers what tool schemas use: required properties, the JSON types of properties, and unknown properties
 * (refused unless the schema's `additionalProperties` allows them).
 */
import type { ArgumentsSchema, JsonSchema } from './tool-catalogue';
import type { ToolArgs } from './tool-call';

/** What is wrong with these arguments (none: they fit the schema). */
export function argumentProblems(schema: ArgumentsSchema, args: ToolArgs): string[] {
  const problems: string[] = [];
  const required = schema.required ?? [];
  for (const [key, property] of Object.entries(schema.properties)) {
    const value = args[key];
    if (value === undefined || value === null) {
      if (required.includes(key)) problems.push(`missing "${key}"`);
    } else {
      const types = typesOf(property);
      if (types.length && !types.some((type) => hasType(value, type))) {
        problems.push(`"${key}" must be ${types.map(withArticle).join(' or ')}, not ${JSON.stringify(value).slice(0, 40)}`);
      }
    }
  }
  if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
    for (const key of Object.keys(args)) if (!(key in schema.properties)) problems.push(`unknown argument "${key}"`);
  }
  return problems;
}

/** The arguments a schema takes, in a line: `"path": string, "offset"?: integer`. */
export function argumentsUsage(schema: ArgumentsSchema): string {
  const required = schema.required ?? [];
  return Object.entries(schema.properties)
    .map(([key, property]) => `"${key}"${required.includes(key) ? '' : '?'}: ${typesOf(property).join(' | ') || 'any'}`)
    .join(', ');
}

function typesOf(property: JsonSchema): string[] {
  const { type } = property;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
