/**
 * `npm run demo`: the full suite against the bundled reference backend, in Chromium — which it gets itself when
 * there is none (see ensure-browser.ts). Without any Chromium it still runs the suite, with the http driver, and
 * says so on its first and last line.
 */
import { main } from '../cli/program.js';
import { checkCjkFonts } from './check-fonts.js';
import { APT_COMMAND, defaultDeps, ensureBrowser } from './ensure-browser.js';

const args = process.argv.slice(2);
const plan = await ensureBrowser(defaultDeps());
if (plan.kind === 'unavailable') {
  process.stderr.write(
    `alimock demo: no Chromium (${plan.reason}) — running the suite with the http driver instead; for the browser: ${APT_COMMAND}\n`,
  );
  await main(['run', '--driver', 'http', ...args]);
  process.stderr.write(`alimock demo: ran with the http driver because no Chromium was available — ${APT_COMMAND}\n`);
} else {
  const fonts = await checkCjkFonts();
  if (fonts) process.stderr.write(`${fonts}\n`);
  await main(['run', '--driver', 'browser', ...args]);
}
