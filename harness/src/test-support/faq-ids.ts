/** The FAQ scenario ids of DESIGN.md §6, copied literally (a rename in scenarios/ must break the tests). */
export const DESIGN_FAQ_IDS = [
  'faq1-success',
  'faq1-no-consent',
  'faq1-user-refuses',
  'faq1-consent-expired',
  'faq2-isv-package-missing',
  'faq2-isv-permission-pending',
  'faq3-20000-busy',
  'faq3-40001-no-sign-type',
  'faq3-40001-no-encrypt-key',
  'faq3-40002-encrypt-error',
  'faq3-40003-invalid-auth',
  'faq4-ciphertext-not-phone',
  'faq4-empty-mobile',
  'faq5-missing-sign-no-public-key',
  'faq5-missing-sign-no-aes-key',
  'faq5-missing-sign-no-gateway',
] as const;
