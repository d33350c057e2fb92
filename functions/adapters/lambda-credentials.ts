import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credential provider every SDK client in a Lambda bundle uses (scripts/esbuild-plugins.cjs
 * puts it in place of the SDK's default chain). Lambda always hands a function its role's
 * credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the
 * first place the default chain looks; the rest of the chain (profiles, SSO, web identity, instance
 * metadata) can never answer there and cost every bundle about 80 KB. The scan CLI keeps the whole
 * chain: people run it with profiles and SSO.
 */
export const defaultProvider = () => fromEnv();
