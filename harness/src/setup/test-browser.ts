/**
 * Before `npm test`: a browser for the browser tests, got the same way as for the demo. Never fails the test
 * command itself: without a browser the browser tests fail, each saying so.
 */
import { checkCjkFonts } from './check-fonts.js';
import { APT_COMMAND, defaultDeps, ensureBrowser } from './ensure-browser.js';

const plan = await ensureBrowser(defaultDeps());
if (plan.kind === 'unavailable') {
  process.stderr.write(`alimock tests: no Chromium (${plan.reason}): the browser tests will fail — ${APT_COMMAND}\n`);
} else {
  const fonts = await checkCjkFonts();
  if (fonts) process.stderr.write(`${fonts}\n`);
}
