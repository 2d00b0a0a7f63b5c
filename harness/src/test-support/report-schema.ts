import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import schema from '../report/report-schema.json' with { type: 'json' };

type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((ajvFormats as unknown as { default?: AddFormats }).default ?? ajvFormats) as unknown as AddFormats;

/** Validates a report.json value against harness/src/report/report-schema.json; returns ajv's errors as text. */
export function reportSchemaErrors(report: unknown): string | undefined {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(report) ? undefined : ajv.errorsText(validate.errors);
}
