import { join } from 'node:path';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';

/** The FAQ's sample mini-program (the page the scenarios run when a team gives none of its own). */
export function faqSampleRoot(): string {
  return join(findPackageRoot(), 'mini-program', 'faq-sample');
}
