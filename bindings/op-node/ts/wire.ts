/**
 * Core results as JS values, driven by the generated table in wire_shapes.ts (an interface
 * cannot carry behaviour, so the table says where each type keeps its dates, bytes and secrets):
 * timestamps become `Date`, bytes `Uint8Array`, and every returned object that holds a secret
 * gets a non-enumerable `util.inspect.custom` that prints `[REDACTED]` in its place. The symbol
 * is non-enumerable, so `JSON.stringify`, `toJSON` and spreading see the object as it is and
 * sending it back to the core is unchanged; redaction is for printing only.
 */
import { inspect, type InspectOptionsStylized } from "node:util";
import { WIRE } from "./wire_shapes";

/** What a member needs at run time. */
export type Shape = "date" | "bytes" | "plain" | { ref: string } | { list: Shape } | { map: Shape };

/** A member of a struct, or the payload of a union variant (keyed by its tag). */
export interface Member {
  shape: Shape;
  secret?: boolean;
}

/** One wire type in the generated table; `secret` says whether it holds a secret anywhere. */
export type WireShape =
  | { kind: "struct"; secret: boolean; members: Record<string, Member> }
  | { kind: "union"; tag: string; content: string; secret: boolean; members: Record<string, Member> };

const REDACTED = "[REDACTED]";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The members of `value` that need work: a struct's, or the payload of a union's variant. */
function membersOf(def: WireShape, value: Record<string, unknown>): [string, Member][] {
  if (def.kind === "struct") {
    return Object.entries(def.members);
  }
  const tag = value[def.tag];
  const member = typeof tag === "string" ? def.members[tag] : undefined;
  return member ? [[def.content, member]] : [];
}

/** Revives a parsed core result in place (dates, bytes) and marks what holds a secret. */
export function revive(value: unknown, shape: Shape): unknown {
  if (shape === "plain") {
    return value;
  }
  if (shape === "date") {
    return typeof value === "string" && TIMESTAMP.test(value) ? new Date(value) : value;
  }
  if (shape === "bytes") {
    return Array.isArray(value) ? Uint8Array.from(value as number[]) : value;
  }
  if ("list" in shape) {
    return Array.isArray(value) ? value.map((v) => revive(v, shape.list)) : value;
  }
  if ("map" in shape) {
    if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        value[key] = revive(value[key], shape.map);
      }
    }
    return value;
  }
  const def = WIRE[shape.ref];
  if (def === undefined || !isRecord(value)) {
    return value;
  }
  for (const [key, member] of membersOf(def, value)) {
    if (key in value) {
      value[key] = revive(value[key], member.shape);
    }
  }
  if (def.secret) {
    markRedacted(value, shape.ref);
  }
  return value;
}

/** Makes `value` (a `typeName` the SDK built) print redacted. */
export function markRedacted(value: object, typeName: string): void {
  Object.defineProperty(value, inspect.custom, {
    value: printer(typeName),
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

/** A copy of `value` with every secret replaced by `[REDACTED]`, walked by type, so a field a
 * caller pushed into a returned item is covered too. */
export function redacted(value: unknown, shape: Shape): unknown {
  if (typeof shape === "string") {
    return value;
  }
  if ("list" in shape) {
    return Array.isArray(value) ? value.map((v) => redacted(v, shape.list)) : value;
  }
  if ("map" in shape) {
    return isRecord(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v, shape.map)]))
      : value;
  }
  const def = WIRE[shape.ref];
  if (def === undefined || !def.secret || !isRecord(value)) {
    return value;
  }
  const copy: Record<string, unknown> = { ...value };
  for (const [key, member] of membersOf(def, value)) {
    const inner = copy[key];
    if (inner === undefined || inner === null) {
      continue;
    }
    copy[key] = member.secret ? REDACTED : redacted(inner, member.shape);
  }
  return copy;
}

const printers = new Map<string, (this: unknown, depth: number, options: InspectOptionsStylized) => string>();

function printer(typeName: string) {
  let print = printers.get(typeName);
  if (print === undefined) {
    print = function (this: unknown, depth: number, options: InspectOptionsStylized): string {
      // `depth` is the budget left at this level (null: unlimited); the copy stands in its place.
      return inspect(redacted(this, { ref: typeName }), { ...options, depth });
    };
    printers.set(typeName, print);
  }
  return print;
}

const TIMESTAMP_KEYS = new Set(["createdAt", "updatedAt"]);

/**
 * `JSON.parse` reviver for core results, as in `@1password/sdk`: `createdAt`/`updatedAt`
 * timestamps become `Date`, non-empty arrays of bytes become `Uint8Array`. The SDK itself
 * revives by type (`revive`); this stays for code written against the official export.
 */
export const ReviverFunc = (key: string, value: unknown): unknown => {
  if (typeof value === "string" && TIMESTAMP_KEYS.has(key) && TIMESTAMP.test(value)) {
    return new Date(value);
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255)
  ) {
    return new Uint8Array(value as number[]);
  }
  return value;
};

/**
 * `JSON.stringify` replacer for invocations: `Date` as an ISO timestamp, `Uint8Array` (and
 * `Buffer`, whose own `toJSON` would otherwise win) as an array of bytes.
 */
export const ReplacerFunc = function (this: unknown, key: string, value: unknown): unknown {
  const original = this !== null && typeof this === "object" ? (this as Record<string, unknown>)[key] : value;
  if (original instanceof Uint8Array) {
    return Array.from(original);
  }
  if (original instanceof Date) {
    return original.toISOString();
  }
  return value;
};
