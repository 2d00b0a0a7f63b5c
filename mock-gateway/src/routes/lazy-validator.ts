import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import { schemaCheck } from '../model/schema-check.js';

/**
 * Compiles each route's JSON schema on its first use instead of at start-up: `alimock serve` is ready sooner, and a
 * route nobody calls costs nothing. Errors surface as Fastify's usual validation errors.
 */
export function installLazyValidation(app: FastifyInstance): void {
  const compiler: FastifySchemaCompiler<FastifySchema> = ({ schema }) =>
    schemaCheck(schema) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
  app.setValidatorCompiler(compiler);
}
