import { describe, expect, it } from 'vitest';
import { addChatPart, toChatNotification } from '../../../functions/core/findings/chat-message.js';
import type { Finding } from '../../../functions/core/findings/finding.js';
import { renderMessages } from '../../../functions/core/findings/render-message.js';
import { sampleFindings, sampleMessages } from '../../support/sample-findings.js';

const revoked = sampleFindings.find((f) => f.action.type === 'revoked') as Finding;

describe('the chat card (Amazon Q Developer in chat applications custom notification)', () => {
  it.each(sampleMessages.map((m) => [m.name, m] as const))(
    '%s gives a card in the custom format',
    (_n, m) => {
      const card = toChatNotification(m.findings, m.subject);
      expect(card).toMatchObject({
        version: '1.0',
        source: 'custom',
        content: { textType: 'client-markdown' },
      });
      expect(card.content.title.length).toBeGreaterThan(0);
      expect(card.content.description.length).toBeGreaterThan(0);
    },
  );

  it('says what, who, where and the action, links the console and gives the guidance as next step', () => {
    const [message] = renderMessages([revoked]);
    const card = toChatNotification([revoked], message?.subject ?? '');
    expect(card.content.title).toContain(`REVOKED`);
    expect(card.content.description).toContain(revoked.summary);
    expect(card.content.description).toContain(revoked.trigger.actorArn);
    expect(card.content.description).toContain(`account ${revoked.account}, ${revoked.region}`);
    expect(card.content.description).toContain(revoked.consoleUrl);
    expect(card.content.nextSteps).toEqual([revoked.guidance]);
    expect(card.metadata.additionalContext.findingIds).toBe(revoked.findingId);
  });

  it('lists the first three findings of a long message and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      ...revoked,
      findingId: `sig-${i}`,
      summary: `rule ${i}`,
    }));
    const card = toChatNotification(many, 'subject');
    expect(card.content.description).toContain('rule 2');
    expect(card.content.description).not.toContain('rule 3');
    expect(card.content.description).toContain('and 4 more findings');
  });

  it('adds an https part and leaves the email text and the JSON document as they were', () => {
    const [message] = renderMessages([revoked]);
    if (!message) throw new Error('no message');
    const withChat = addChatPart(message, [revoked]);
    const before = JSON.parse(message.message);
    const after = JSON.parse(withChat.message);
    expect(after.default).toBe(before.default);
    expect(after.email).toBe(before.email);
    expect(JSON.parse(after.https)).toEqual(toChatNotification([revoked], message.subject));
    expect({ ...withChat, message: '' }).toEqual({ ...message, message: '' });
  });
});
