import { describe, expect, it } from 'vitest';
import {
  type ErrorMeaning,
  errorCode,
  errorInfo,
  isCodeOf,
  isError,
} from '../../functions/adapters/aws-error.js';
import { AwsJsonError } from '../../functions/adapters/signed-json.js';

const awsError = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('AWS errors, normalised in one place', () => {
  it.each<[string, ErrorMeaning]>([
    ['InvalidSecurityGroupRuleId.NotFound', 'rule-gone'],
    ['InvalidPermission.NotFound', 'rule-gone'],
    ['InvalidGroup.NotFound', 'group-gone'],
    ['InvalidGroupId.NotFound', 'group-gone'],
    ['InvalidPrefixListID.NotFound', 'list-gone'],
    ['InvalidPrefixListId.NotFound', 'list-gone'],
    ['UnauthorizedOperation', 'denied'],
    ['AccessDenied', 'denied'],
    ['AccessDeniedException', 'denied'],
    ['InvalidPermission.Duplicate', 'duplicate'],
    ['InvalidRequestException', 'invalid-request'],
  ])('%s means %s', (code, meaning) => {
    expect(isError(awsError(code), meaning)).toBe(true);
    expect(isCodeOf(code, meaning)).toBe(true);
  });

  it.each(['Throttling', 'RequestLimitExceeded', 'InternalError', 'UnknownError'])(
    '%s means nothing expected: it is left to throw and be retried',
    (code) => {
      expect(isError(awsError(code), 'rule-gone', 'group-gone', 'list-gone', 'denied', 'duplicate')).toBe(
        false,
      );
    },
  );

  it.each<[unknown, string]>([
    [awsError('Throttling'), 'Throttling'],
    [{ Code: 'RequestLimitExceeded' }, 'RequestLimitExceeded'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET'],
    // The signed JSON caller's errors (SSM, EventBridge, Security Hub, DynamoDB) read like the SDK's.
    [new AwsJsonError('AccessDeniedException', 'not allowed', 400), 'AccessDeniedException'],
    [new Error('plain'), 'UnknownError'],
    ['a string', 'UnknownError'],
    [undefined, 'UnknownError'],
  ])('reads the code of %j as %s', (error, code) => {
    expect(errorCode(error)).toBe(code);
  });

  it('gives a signed JSON reply its meaning like an SDK error', () => {
    expect(isError(new AwsJsonError('AccessDeniedException', 'SCP', 400), 'denied')).toBe(true);
  });

  it('keeps code and message together for findings', () => {
    expect(errorInfo(awsError('UnauthorizedOperation', 'blocked by SCP'))).toEqual({
      code: 'UnauthorizedOperation',
      message: 'blocked by SCP',
    });
  });
});
