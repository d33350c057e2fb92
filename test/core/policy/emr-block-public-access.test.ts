import { describe, expect, it } from 'vitest';
import {
  assessBlockPublicAccess,
  type BlockPublicAccess,
  describeBlockPublicAccess,
  planBlockPublicAccessFix,
  rangesWithout,
} from '../../../functions/core/policy/emr-block-public-access.js';

const on = (...ranges: [number, number][]): BlockPublicAccess => ({
  blockPublicSecurityGroupRules: true,
  permittedRanges: ranges.map(([from, to]) => ({ from, to })),
});
const off = (...ranges: [number, number][]): BlockPublicAccess => ({
  ...on(...ranges),
  blockPublicSecurityGroupRules: false,
});

describe('EMR Block Public Access assessment', () => {
  it.each([
    ['off', off(), [22], { status: 'off' }],
    ['off even with no permitted ranges', off(), [22], { status: 'off' }],
    [
      'on with port 22 permitted (the AWS default)',
      on([22, 22]),
      [22],
      { status: 'permits-watched', ports: [22] },
    ],
    ['on with 22 inside a permitted range', on([0, 1024]), [22], { status: 'permits-watched', ports: [22] }],
    [
      'on with every watched port named once',
      on([22, 22], [20, 30], [2222, 2222]),
      [22, 2222],
      { status: 'permits-watched', ports: [22, 2222] },
    ],
    ['on with no permitted ranges', on(), [22], { status: 'protected' }],
    [
      'on with only other ports permitted',
      on([80, 80], [443, 443], [23, 1000]),
      [22],
      { status: 'protected' },
    ],
    ['on with 2222 permitted when only 22 is watched', on([2222, 2222]), [22], { status: 'protected' }],
  ])('is %s', (_name, bpa, watched, expected) => {
    expect(assessBlockPublicAccess(bpa, watched)).toEqual(expected);
  });
});

describe('removing watched ports from the permitted ranges', () => {
  const r = (from: number, to: number) => ({ from, to });
  it.each([
    ['the AWS default', [r(22, 22)], [22], []],
    ['a range around 22', [r(20, 25)], [22], [r(20, 21), r(23, 25)]],
    ['a range starting at 22', [r(22, 80)], [22], [r(23, 80)]],
    ['a range ending at 22', [r(0, 22)], [22], [r(0, 21)]],
    ['22 among other ports', [r(80, 80), r(22, 22), r(8443, 8443)], [22], [r(80, 80), r(8443, 8443)]],
    ['several watched ports', [r(1, 3000)], [22, 2222], [r(1, 21), r(23, 2221), r(2223, 3000)]],
    ['ranges without watched ports', [r(80, 80)], [22], [r(80, 80)]],
  ])('cuts %s', (_name, ranges, ports, expected) => {
    expect(rangesWithout(ranges, ports)).toEqual(expected);
  });
});

describe('planning the opt-in fix', () => {
  const watchedPorts = [22];
  const plan = (bpa: BlockPublicAccess, fix: boolean, report = false) =>
    planBlockPublicAccessFix(bpa, assessBlockPublicAccess(bpa, watchedPorts), { fix, report, watchedPorts });

  it('plans nothing when the fix is not opted in', () => {
    expect(plan(on([22, 22]), false)).toEqual({ kind: 'none' });
  });

  it('plans nothing when Block Public Access is off: turning it on is for people', () => {
    expect(plan(off([22, 22]), true)).toEqual({ kind: 'none' });
  });

  it('plans nothing when the region is already protected', () => {
    expect(plan(on([80, 80]), true)).toEqual({ kind: 'none' });
  });

  it('plans the ranges without 22, keeping the others', () => {
    expect(plan(on([20, 25], [80, 80]), true)).toEqual({
      kind: 'fix',
      ranges: [
        { from: 20, to: 21 },
        { from: 23, to: 25 },
        { from: 80, to: 80 },
      ],
    });
  });

  it('only says what it would do in report mode', () => {
    expect(plan(on([22, 22]), true, true)).toEqual({ kind: 'would-fix', ranges: [] });
  });
});

describe('describing Block Public Access in findings', () => {
  it.each([
    [off([22, 22]), 'off'],
    [on([22, 22]), 'on, permitted public ports: 22'],
    [on([20, 25], [8080, 8080]), 'on, permitted public ports: 20-25, 8080'],
    [on(), 'on, permitted public ports: none'],
  ])('%j reads %s', (bpa, text) => {
    expect(describeBlockPublicAccess(bpa)).toBe(text);
  });
});
