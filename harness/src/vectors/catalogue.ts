/** Every vector, in file order: the FAQ outcomes, the attacks, the sign_type traps, the malformed envelopes. */
import { faqVectors } from './faq-vectors.js';
import { malformedVectors } from './malformed-vectors.js';
import { signTypeVectors } from './sign-type-vectors.js';
import { tamperVectors } from './tamper-vectors.js';
import type { VectorDefinition } from './vector-definition.js';

export const vectorCatalogue: readonly VectorDefinition[] = [
  ...faqVectors,
  ...tamperVectors,
  ...signTypeVectors,
  ...malformedVectors,
];
