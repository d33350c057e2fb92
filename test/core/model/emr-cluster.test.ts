import { describe, expect, it } from 'vitest';
import {
  type EmrGroups,
  groupIdsOf,
  hasManagedGroups,
  rolesOfGroups,
} from '../../../functions/core/model/emr-cluster.js';

const groups = (over: Partial<EmrGroups>): EmrGroups => ({
  additionalMaster: [],
  additionalSlave: [],
  ...over,
});

describe('EMR cluster groups and their roles', () => {
  it('names every slot as the EMR console does', () => {
    const roles = rolesOfGroups(
      groups({
        master: 'sg-01',
        slave: 'sg-02',
        serviceAccess: 'sg-03',
        additionalMaster: ['sg-04'],
        additionalSlave: ['sg-05'],
      }),
    );
    expect([...roles]).toEqual([
      ['sg-01', 'master'],
      ['sg-02', 'core/task'],
      ['sg-03', 'service access'],
      ['sg-04', 'additional (master)'],
      ['sg-05', 'additional (core/task)'],
    ]);
  });

  it('joins the roles of a group used in several slots, and lists it once', () => {
    const shared = groups({
      master: 'sg-01',
      slave: 'sg-02',
      additionalMaster: ['sg-09'],
      additionalSlave: ['sg-09', 'sg-09'],
    });
    expect(rolesOfGroups(shared).get('sg-09')).toBe('additional (master), additional (core/task)');
    expect(groupIdsOf(shared)).toEqual(['sg-01', 'sg-02', 'sg-09']);
  });

  it.each([
    [groups({ master: 'sg-01', slave: 'sg-02' }), true],
    [groups({ master: 'sg-01' }), false],
    [groups({ additionalMaster: ['sg-04'], additionalSlave: ['sg-05'] }), false],
    [groups({}), false],
  ])('%j holds the managed pair: %s', (value, expected) => {
    expect(hasManagedGroups(value)).toBe(expected);
  });
});
