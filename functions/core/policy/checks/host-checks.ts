import type { Check, HostCheck } from './check.js';
import { CHECKS } from './index.js';

export const isHostCheck = (check: Check): check is HostCheck => check.scope === 'host';

/** The host checks of the registered list, in its order (worst first). */
export const HOST_CHECKS: readonly HostCheck[] = CHECKS.filter(isHostCheck);
