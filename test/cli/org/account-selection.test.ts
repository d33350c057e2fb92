import { describe, expect, it } from 'vitest';
import { chooseAccounts } from '../../../functions/cli/org/account-selection.js';

const account = (id: string, state = 'ACTIVE') => ({ id, name: `n-${id}`, state });
const ORG = [account('333333333333'), account('111111111111'), account('222222222222', 'SUSPENDED')];
const summary = (choices: ReturnType<typeof chooseAccounts>) =>
  choices.map((c) => `${c.account.id} ${c.kind}${c.kind === 'scan' ? '' : `: ${c.reason}`}`);

describe('choosing accounts', () => {
  it('scans every active account, in id order, and says why each other one is not scanned', () => {
    expect(summary(chooseAccounts(ORG, { exclude: [] }))).toEqual([
      '111111111111 scan',
      '222222222222 skip: not active (SUSPENDED)',
      '333333333333 scan',
    ]);
  });

  it('keeps to --accounts, lists --exclude-accounts, and names requested ids the organisation lacks', () => {
    expect(
      summary(
        chooseAccounts(ORG, {
          only: ['333333333333', '111111111111', '999999999999'],
          exclude: ['111111111111'],
        }),
      ),
    ).toEqual([
      '111111111111 skip: excluded (--exclude-accounts)',
      '333333333333 scan',
      '999999999999 missing: not an account of this organisation',
    ]);
  });
});
