/** The phone button as rendered: `<button open-type="getAuthorize" scope="phoneNumber">` (FAQ Q1). The runtime
 * recognises it, the harness taps it, the config's `miniProgram.button` defaults to it. */
export const PHONE_BUTTON = 'button[open-type="getAuthorize"][scope="phoneNumber"]';
