import { describe, expect, it } from 'vitest';
import { triggerOf } from '../../functions/metrics/handler-metrics.js';
import { loadEvent } from '../support/events.js';

describe('the trigger dimension of the metrics: the event read as the router reads it', () => {
  it.each([
    ['a CloudTrail call', loadEvent('authorize-world-ipv4-ssh.json'), 'AuthorizeSecurityGroupIngress'],
    [
      'a relay that re-published the record',
      loadEvent('republished-authorize-custom-source.json'),
      'AuthorizeSecurityGroupIngress',
    ],
    [
      'a relay that wrapped the whole event',
      loadEvent('republished-wrapped-whole-event.json'),
      'AuthorizeSecurityGroupIngress',
    ],
    ['the schedule', loadEvent('schedule-sweep.json'), 'Scheduled Event'],
    ['an EMR state change', loadEvent('emr-state-running.json'), 'EMR Cluster State Change'],
    ['something that is not an event', 'nonsense', 'other'],
  ])('%s is counted as %s', (_, event, expected) => {
    expect(triggerOf(event)).toBe(expected);
  });
});
