import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../functions/config/config.js';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-findings';

describe('the EMR Block Public Access fix setting', () => {
  it('is off unless opted in: it changes an account-wide EMR setting', () => {
    expect(loadConfig({ TOPIC_ARN }).emrFixBlockPublicAccess).toBe(false);
    expect(loadConfig({ TOPIC_ARN, EMR_FIX_BLOCK_PUBLIC_ACCESS: '' }).emrFixBlockPublicAccess).toBe(false);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads %s', (raw, expected) => {
    expect(loadConfig({ TOPIC_ARN, EMR_FIX_BLOCK_PUBLIC_ACCESS: raw }).emrFixBlockPublicAccess).toBe(
      expected,
    );
  });

  it('refuses anything else, naming the variable and the accepted form', () => {
    expect(() => loadConfig({ TOPIC_ARN, EMR_FIX_BLOCK_PUBLIC_ACCESS: 'yes' })).toThrow(
      new ConfigError('EMR_FIX_BLOCK_PUBLIC_ACCESS', 'true or false', 'yes'),
    );
  });
});
