import { createRequire } from 'node:module';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';

interface ValidateFn {
  (data: unknown): boolean;
  errors?: unknown;
}
interface AjvLike {
  compile(schema: unknown): ValidateFn;
}

let ajv: AjvLike | undefined;

/** The same Ajv options for every route: no type coercion, no silent removal of unknown fields. */
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

/**
 * Compiles each route's JSON schema on its first use instead of at start-up: `alimock serve` is ready sooner, and a
 * route nobody calls costs nothing. Errors surface as Fastify's usual validation errors.
 */
export function installLazyValidation(app: FastifyInstance): void {
  const compiler: FastifySchemaCompiler<FastifySchema> = ({ schema }) => {
    let compiled: ValidateFn | undefined;
    const validate: ValidateFn = (data: unknown) => {
      compiled ??= ajvInstance().compile(schema);
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    };
    return validate as ReturnType<FastifySchemaCompiler<FastifySchema>>;
  };
  app.setValidatorCompiler(compiler);
}
