export { AwsError, type Service } from './common.js';
export type { Fault, FaultHandle, FaultKind, Faults, FaultTarget } from './faults.js';
export { type FakeMember, FakeOrganization, type NewMember } from './org.js';
export { type CallRecord, type FakeAws, type FakeAwsOptions, startFakeAws } from './server.js';
export { SNS_MAX_BYTES } from './sns.js';
export * from './state.js';
