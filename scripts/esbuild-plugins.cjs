// esbuild plugins for every bundle, read by serverless-esbuild (`custom.esbuild.plugins` in
// serverless.yml) and by scripts/bundle.ts alike, so the deployed zips and the tested bundles match.
// CommonJS because serverless-esbuild loads this file with require().
const { readFile } = require('node:fs/promises');

/**
 * AWS SDK clients import their whole package.json for one field, the version they put in the user
 * agent; a JSON import cannot be tree-shaken, so each client carried 2-4 KB of scripts, keywords and
 * dependency lists (about 10 KB per bundle). Only `version` is kept.
 */
const sdkPackageVersionOnly = {
  name: 'sdk-package-version-only',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ },
      async (args) => {
        const { version } = JSON.parse(await readFile(args.path, 'utf8'));
        return { contents: JSON.stringify({ version }), loader: 'json' };
      },
    );
  },
};

module.exports = [sdkPackageVersionOnly];
