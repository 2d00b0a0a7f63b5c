/**
 * Methods a value may call inside `{{ }}`: pure methods of strings, numbers and arrays, with no access to anything
 * but the value. The compiler refuses any other call; the runtime's interpreter calls only these.
 */
export const ALLOWED_METHODS: ReadonlySet<string> = new Set([
  'toUpperCase',
  'toLowerCase',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'substr',
  'indexOf',
  'lastIndexOf',
  'includes',
  'startsWith',
  'endsWith',
  'split',
  'replace',
  'charAt',
  'padStart',
  'padEnd',
  'repeat',
  'concat',
  'join',
  'toFixed',
  'toPrecision',
  'toString',
]);
