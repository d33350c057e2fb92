/**
 * What each output carries for one real finding: the demo's revoke of world-open SSH from the sample
 * event events/authorize-world-ipv4-ssh.json (test/fixtures/demo-snapshot.json, written by the guard
 * itself). Prints the chat card (Amazon Q Developer in chat applications), the Security Hub finding
 * (ASFF) and the EventBridge event, as the code renders them; docs/organization.md pastes this output.
 *
 *   npx tsx scripts/render-examples.ts
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toAsffFinding } from '../functions/core/findings/asff.js';
import { toChatNotification } from '../functions/core/findings/chat-message.js';
import type { Finding, FindingMessage } from '../functions/core/findings/finding.js';
import { toFindingEvent } from '../functions/core/findings/finding-event.js';

const SAMPLE = 'revoke authorize-world-ipv4-ssh.json';

export function loadExample(): { subject: string; finding: Finding } {
  const snapshot = JSON.parse(
    readFileSync(join(import.meta.dirname, '../test/fixtures/demo-snapshot.json'), 'utf8'),
  );
  const [message] = snapshot[SAMPLE].published as { subject: string; body: { default: string } }[];
  if (!message) throw new Error(`no published message for ${SAMPLE}`);
  const [finding] = (JSON.parse(message.body.default) as FindingMessage).findings;
  if (!finding) throw new Error(`no finding for ${SAMPLE}`);
  return { subject: message.subject, finding };
}

/** Slack's rendering, approximately: bold title, the markdown description, the next steps. */
function asSlackText(card: ReturnType<typeof toChatNotification>): string {
  return [
    `*${card.content.title}*`,
    card.content.description,
    'Next steps:',
    ...card.content.nextSteps.map((s) => `  • ${s}`),
  ].join('\n');
}

export function renderExamples(): string {
  const { subject, finding } = loadExample();
  const card = toChatNotification([finding], subject);
  const asff = toAsffFinding(finding, { partition: 'aws', region: finding.region, account: finding.account });
  const entry = toFindingEvent(finding, 'default');
  const event = {
    source: entry.Source,
    'detail-type': entry.DetailType,
    account: finding.account,
    region: finding.region,
    time: entry.Time,
    detail: JSON.parse(entry.Detail),
  };
  return [
    `## Chat card (the \`https\` part of the hub topic's message)\n\n\`\`\`json\n${JSON.stringify(card, null, 2)}\n\`\`\``,
    `## How Slack shows it\n\n\`\`\`text\n${asSlackText(card)}\n\`\`\``,
    `## Security Hub finding (BatchImportFindings)\n\n\`\`\`json\n${JSON.stringify(asff, null, 2)}\n\`\`\``,
    `## EventBridge event (as a rule's target receives it; id and version omitted)\n\n\`\`\`json\n${JSON.stringify(event, null, 2)}\n\`\`\``,
  ].join('\n\n');
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.stdout.write(`${renderExamples()}\n`);
}
