/**
 * `npm run build:cli` (run by `npm ci` through `prepare`, and by the bin when a source is newer than
 * the build): builds the scan CLI into dist/cli/. dist/ is never committed.
 */
import { relative } from 'node:path';
import { buildCli, ROOT } from './bundle.js';

const built = await buildCli();
const total = Object.values(built.files).reduce((sum, bytes) => sum + bytes, 0);
process.stderr.write(
  `built ${relative(ROOT, built.entry)} (${Object.keys(built.files).length} files, ${total.toLocaleString('en')} B) in ${Math.round(built.buildMs)} ms\n`,
);
