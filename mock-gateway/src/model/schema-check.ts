import { createRequire } from 'node:module';

/** A compiled JSON Schema check (Ajv's shape). */
export interface SchemaCheck {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }> | null;
}
interface AjvLike {
  compile(schema: unknown): SchemaCheck;
}

let ajv: AjvLike | undefined;

/**
 * The one Ajv of the gateway, loaded on first use (start-up does not pay for it), with the same options for every
 * schema: no type coercion, no silent removal of unknown fields, unknown keywords (`x-must`, `description`) allowed.
 */
function ajvInstance(): AjvLike {
  if (!ajv) {
    const Ajv = createRequire(import.meta.url)('ajv') as { default: new (o: object) => AjvLike };
    ajv = new Ajv.default({
      coerceTypes: false,
      useDefaults: true,
      removeAdditional: false,
      allErrors: false,
      addUsedSchema: false,
      strict: false,
    });
  }
  return ajv;
}

/** Compiles `schema` on the first call of the returned check, not before. */
export function schemaCheck(schema: unknown): SchemaCheck {
  let compiled: SchemaCheck | undefined;
  const check: SchemaCheck = (data: unknown) => {
    compiled ??= ajvInstance().compile(schema);
    const ok = compiled(data);
    check.errors = compiled.errors;
    return ok;
  };
  return check;
}
